// Explorar: the page arrives with the newest problems and the counts for the whole catalogue.
// Choosing filters loads api/explorar.json, a compact index (a few numbers per problem), and
// the cards shown come from each problem's own JSON file; typing words asks Pagefind, which
// loads only the pieces of its index those words need. The state lives in the page address.
//
// The address is a plain query string that other pages may write (catalogo.site.urls.explore_url
// builds it), e.g. explorar/?preparacion=Lista&solucion=Sin%20soluci%C3%B3n. Parameters:
//   q                 words, searched with Pagefind
//   region, comuna, tema, estado, prioridad, tarea, acceso, datos-personales, solucion,
//   preparacion,      one filter each (the select's name); the value is the label the select
//   equipos           shows, without its count: region=Los%20Lagos, tema=Salud, estado=Priorizado,
//                     datos-personales=S%C3%AD, solucion=Con%20soluci%C3%B3n, preparacion=Casi%20lista,
//                     equipos=Con%20equipos%20trabajando
//   compartido        (a filter too) Sí or No: whether other comunas joined the problem
//   riesgo            (a filter too) the risk tier's name, or «Sin evaluar» (issue 14)
//   orden             "comunas": the problems most comunas share first (default: newest, or
//                     the most relevant when there are words)
//   pagina            the page of results, from 1
// Choosing filters or a page adds an entry to the browser's history, so Back returns to the
// previous results; typing words replaces the entry, so Back does not replay each keystroke.
(() => {
  "use strict";
  const root = document.querySelector("[data-explorar]");
  if (!root) return;
  const form = root.querySelector("form");
  const text = root.querySelector("#explorar-q");
  const selects = [...root.querySelectorAll("select[data-filtro]")];
  const order = root.querySelector("select[data-orden]");
  const toggle = root.querySelector("[data-abrir-filtros]");
  const active = root.querySelector("[data-filtros-activos]");
  const fields = root.querySelector("#explorar-selectores");
  const heading = root.querySelector("h2");
  const status = root.querySelector(".explorar-estado");
  const list = root.querySelector(".explorar-resultados");
  const blank = root.querySelector("template[data-tarjeta]").content.querySelector("li");
  const pager = root.querySelector(".explorar-paginas");
  const perPage = Number(root.dataset.pagina) || 20;
  const records = new Map();
  let index = null;
  let engine = null;
  let page = 1;
  let latest = 0;
  let typing = null;

  const chosen = () => {
    const filters = {};
    for (const select of selects) if (select.value) filters[select.dataset.filtro] = select.value;
    return filters;
  };

  // "Filtros (2 activos)": on a phone the selects fold behind this button, which says how
  // many of them are in use.
  const countActive = () => {
    const count = Object.keys(chosen()).length;
    active.textContent = count === 0 ? "" : count === 1 ? " (1 activo)" : ` (${count} activos)`;
  };

  const fromAddress = () => {
    const params = new URLSearchParams(location.search);
    text.value = params.get("q") || "";
    for (const select of selects) {
      const wanted = params.get(select.dataset.filtro) || "";
      // A value no problem has any more (an old shared link) still shows, with no results.
      if (wanted && ![...select.options].some((option) => option.value === wanted)) {
        select.append(new Option(`${wanted} (0)`, wanted));
      }
      select.value = wanted;
    }
    page = Math.max(1, Number(params.get("pagina")) || 1);
    if (order) order.value = params.get("orden") === "comunas" ? "comunas" : "";
    countActive();
    return [...params.keys()].length > 0;
  };

  // mode: "push" (a new history entry), "replace" or "keep" (the address already says it: Back).
  const toAddress = (mode) => {
    const params = new URLSearchParams();
    if (text.value.trim()) params.set("q", text.value.trim());
    for (const [name, value] of Object.entries(chosen())) params.set(name, value);
    if (order && order.value) params.set("orden", order.value);
    if (page > 1) params.set("pagina", String(page));
    const query = params.toString();
    const address = query ? `?${query}` : location.pathname;
    if (mode === "keep" || (query ? `?${query}` : "") === location.search) return;
    if (mode === "push") history.pushState(null, "", address);
    else history.replaceState(null, "", address);
  };

  const showCounts = (counts) => {
    for (const select of selects) {
      const name = select.dataset.filtro;
      for (const option of select.options) {
        if (!option.value) continue;
        const count = (counts[name] || {})[option.value] || 0;
        option.textContent = `${option.value} (${count})`;
        option.disabled = count === 0 && option.value !== select.value;
      }
    }
  };

  // The server's words for a problem other comunas joined (views.shared_text).
  const sharedText = (joined) => `También en ${joined} ${joined === 1 ? "comuna" : "comunas"}`;

  // An optional part of the card and the space before it, as the server writes a card without it.
  const drop = (part) => {
    if (part.previousSibling && !part.previousSibling.textContent.trim()) part.previousSibling.remove();
    part.remove();
  };

  // A copy of the server's own card, filled with text and attributes only. `teams` is the
  // server's own words («1 equipo trabajando»), empty when no team works on the problem.
  const card = ({ href, title, state, stateSlug, place, themes, summary, example, teams, shared }) => {
    const item = blank.cloneNode(true);
    const link = item.querySelector(".tarjeta-titulo");
    link.href = href;
    link.textContent = title;
    const badge = item.querySelector(".estado");
    badge.className = stateSlug ? `estado estado--${stateSlug}` : "estado";
    badge.textContent = state;
    item.querySelector(".tarjeta-lugar").textContent = place;
    item.querySelector(".tarjeta-temas").textContent = themes;
    item.querySelector(".tarjeta-resumen").textContent = summary;
    const working = item.querySelector(".tarjeta-equipos");
    if (teams) working.textContent = teams;
    else drop(working);
    const joined = item.querySelector(".tarjeta-compartido");
    if (joined && shared) joined.textContent = shared;
    else if (joined) drop(joined);
    if (!example) drop(item.querySelector(".etiqueta-ejemplo"));
    return item;
  };

  const show = (total, cards, mode) => {
    const pages = Math.max(1, Math.ceil(total / perPage));
    list.replaceChildren(...cards.map(card));
    status.textContent = total === 0 ? "Ningún problema cumple estos filtros."
      : total === 1 ? "1 problema." : `${total} problemas` + (pages > 1 ? `; página ${page} de ${pages}.` : ".");
    pager.hidden = pages < 2;
    pager.querySelector(".explorar-pagina-actual").textContent = `Página ${page} de ${pages}`;
    pager.querySelector("[data-pagina-anterior]").disabled = page <= 1;
    pager.querySelector("[data-pagina-siguiente]").disabled = page >= pages;
    toAddress(mode);
  };

  // Without words: the compact index. Rows: [id, one number per filter]; a filter with several
  // values per problem (themes, tasks, access) holds one bit per value.
  const loadIndex = async () => {
    if (!index) {
      const response = await fetch(root.dataset.indice);
      if (!response.ok) throw new Error(`${response.status}`);
      const data = await response.json();
      index = { ...data, multiple: new Set(data.multiples), column: {} };
      data.filtros.forEach((name, position) => { index.column[name] = position + 1; });
    }
    return index;
  };

  const has = (row, name, position) => index.multiple.has(name)
    ? Math.floor(row[index.column[name]] / 2 ** position) % 2 === 1
    : row[index.column[name]] === position;

  const labels = (row, name) => index.valores[name].filter((_, position) => has(row, name, position));

  const record = async (id) => {
    if (!records.has(id)) {
      records.set(id, fetch(`${root.dataset.fichas}${id}.json`).then((response) => response.json()));
    }
    return (await records.get(id)).problema;
  };

  const fromIndex = async (ticket, mode) => {
    await loadIndex();
    const wanted = Object.entries(chosen()).map(([name, value]) => [name, index.valores[name].indexOf(value)]);
    const matches = (row, skip) => wanted.every(([name, position]) => name === skip || has(row, name, position));
    const found = index.problemas.filter((row) => matches(row));
    // «Más comunas primero»: a stable sort, so problems with as many comunas stay newest first.
    const comunas = (row) => (index.comunas || {})[row[0]] || 1;
    if (order && order.value === "comunas") found.sort((a, b) => comunas(b) - comunas(a));
    // Each filter counts what choosing one of its values would give, the others staying.
    const counts = {};
    for (const name of index.filtros) {
      const tally = (counts[name] = {});
      for (const row of index.problemas) {
        if (!matches(row, name)) continue;
        for (const value of labels(row, name)) tally[value] = (tally[value] || 0) + 1;
      }
    }
    page = Math.min(page, Math.max(1, Math.ceil(found.length / perPage)));
    const shown = found.slice((page - 1) * perPage, page * perPage);
    const cards = await Promise.all(shown.map(async (row) => {
      const problem = await record(row[0]);
      return {
        href: root.dataset.raiz + problem.url,
        title: problem.titulo,
        state: labels(row, "estado")[0],
        stateSlug: problem.estado,
        place: `${labels(row, "comuna")[0]}, ${labels(row, "region")[0]}`,
        // In the problem's own order, as the server's cards list them.
        themes: (problem.temas || []).map((key) => index.valores.tema[index.claves.tema.indexOf(key)]).join(", "),
        summary: problem.resumen,
        example: problem.ejemplo === true,
        teams: (index.equipos || {})[row[0]] || "",
        shared: comunas(row) > 1 ? sharedText(comunas(row) - 1) : "",
      };
    }));
    if (ticket !== latest) return false;
    showCounts(counts);
    show(found.length, cards, mode);
    return true;
  };

  // With words: Pagefind, with the chosen filters.
  const fromWords = async (ticket, words, mode) => {
    engine = engine || await window.catalogoPagefind({ excerptLength: 24 });
    const options = { filters: chosen() };
    if (order && order.value === "comunas") options.sort = { comunas: "desc" };
    const found = await engine.search(words, options);
    if (ticket !== latest || found === null) return false;
    const pages = Math.max(1, Math.ceil(found.results.length / perPage));
    page = Math.min(page, pages);
    const shown = found.results.slice((page - 1) * perPage, page * perPage);
    const data = await Promise.all(shown.map((result) => result.data()));
    if (ticket !== latest) return false;
    showCounts(found.filters || {});
    show(found.results.length, data.map((result) => ({
      href: result.url, title: result.meta.title, state: result.meta.estado,
      stateSlug: result.meta["estado-clave"], place: result.meta.lugar, themes: result.meta.temas,
      summary: result.meta.resumen, example: Boolean(result.meta.ejemplo),
      teams: result.meta.equipos || "",
      shared: result.meta.compartido || "",
    })), mode);
    return true;
  };

  const run = async (mode = "replace") => {
    const ticket = ++latest;
    const words = text.value.trim();
    countActive();
    try {
      return await (words ? fromWords(ticket, words, mode) : fromIndex(ticket, mode));
    } catch (error) {
      if (ticket === latest) {
        status.textContent = "No se pudo filtrar en esta copia del sitio; use los enlaces por comuna, región o tema.";
      }
      return false;
    }
  };

  // After «Anterior» or «Siguiente» the new results are where the reader goes: the heading
  // above them takes the focus (the button may have just become disabled) and the view.
  const turn = async (step) => {
    page += step;
    if (await run("push")) {
      heading.tabIndex = -1;
      heading.scrollIntoView({ block: "start" });
      heading.focus({ preventScroll: true });
    }
  };

  const restart = (mode) => { page = 1; run(mode); };
  form.addEventListener("submit", (event) => { event.preventDefault(); restart("push"); });
  form.addEventListener("change", (event) => { if (event.target.matches("select")) restart("push"); });
  text.addEventListener("input", () => { clearTimeout(typing); typing = setTimeout(() => restart("replace"), 200); });
  form.addEventListener("reset", () => setTimeout(() => restart("push")));
  pager.querySelector("[data-pagina-anterior]").addEventListener("click", () => turn(-1));
  pager.querySelector("[data-pagina-siguiente]").addEventListener("click", () => turn(1));
  addEventListener("popstate", () => { fromAddress(); run("keep"); });
  toggle.addEventListener("click", () => {
    const open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    fields.classList.toggle("explorar-selectores--abierto", open);
  });

  // The form and the pager arrive hidden, since only this script can honour them. The page
  // as it arrived already is the catalogue without filters: only a shared address with
  // filters or a later page needs the index now.
  form.hidden = false;
  pager.hidden = Number(root.dataset.paginas) < 2;
  if (fromAddress()) run("replace");
})();
