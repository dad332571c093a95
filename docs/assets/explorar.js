// Explorar: the page arrives with the newest problems and the counts for the whole catalogue.
// Choosing filters loads api/explorar.json, a compact index (a few numbers per problem), and
// the cards shown come from each problem's own JSON file; typing words asks Pagefind, which
// loads only the pieces of its index those words need. The state lives in the page address.
(() => {
  "use strict";
  const root = document.querySelector("[data-explorar]");
  if (!root) return;
  const form = root.querySelector("form");
  const text = root.querySelector("#explorar-q");
  const selects = [...root.querySelectorAll("select[data-filtro]")];
  const status = root.querySelector(".explorar-estado");
  const list = root.querySelector(".explorar-resultados");
  const pager = root.querySelector(".explorar-paginas");
  const perPage = Number(root.dataset.pagina) || 20;
  const records = new Map();
  let index = null;
  let engine = null;
  let page = 1;
  let latest = 0;
  let typing = null;

  const element = (tag, className, value) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (value) node.textContent = value;
    return node;
  };

  const chosen = () => {
    const filters = {};
    for (const select of selects) if (select.value) filters[select.dataset.filtro] = select.value;
    return filters;
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
    return [...params.keys()].length > 0;
  };

  const toAddress = () => {
    const params = new URLSearchParams();
    if (text.value.trim()) params.set("q", text.value.trim());
    for (const [name, value] of Object.entries(chosen())) params.set(name, value);
    if (page > 1) params.set("pagina", String(page));
    const query = params.toString();
    history.replaceState(null, "", query ? `?${query}` : location.pathname);
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

  const card = ({ href, title, state, stateSlug, place, themes, summary }) => {
    const item = element("li", "tarjeta-problema");
    const link = element("a", "tarjeta-titulo", title);
    link.href = href;
    const meta = element("span", "tarjeta-meta");
    const badge = element("span", stateSlug ? `estado estado--${stateSlug}` : "estado", state);
    meta.append(badge, " ", element("span", "tarjeta-lugar", place));
    item.append(link, meta, element("span", "tarjeta-temas", themes), element("span", "tarjeta-resumen", summary));
    return item;
  };

  const show = (total, cards) => {
    const pages = Math.max(1, Math.ceil(total / perPage));
    list.replaceChildren(...cards.map(card));
    status.textContent = total === 0 ? "Ningún problema cumple estos filtros."
      : total === 1 ? "1 problema." : `${total} problemas` + (pages > 1 ? `; página ${page} de ${pages}.` : ".");
    pager.hidden = pages < 2;
    pager.querySelector(".explorar-pagina-actual").textContent = `Página ${page} de ${pages}`;
    pager.querySelector("[data-pagina-anterior]").disabled = page <= 1;
    pager.querySelector("[data-pagina-siguiente]").disabled = page >= pages;
    toAddress();
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

  const fromIndex = async (ticket) => {
    await loadIndex();
    const wanted = Object.entries(chosen()).map(([name, value]) => [name, index.valores[name].indexOf(value)]);
    const matches = (row, skip) => wanted.every(([name, position]) => name === skip || has(row, name, position));
    const found = index.problemas.filter((row) => matches(row));
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
        themes: labels(row, "tema").join(", "),
        summary: problem.resumen,
      };
    }));
    if (ticket !== latest) return;
    showCounts(counts);
    show(found.length, cards);
  };

  // With words: Pagefind, with the chosen filters.
  const fromWords = async (ticket, words) => {
    engine = engine || await window.catalogoPagefind({ excerptLength: 24 });
    const found = await engine.search(words, { filters: chosen() });
    if (ticket !== latest || found === null) return;
    const pages = Math.max(1, Math.ceil(found.results.length / perPage));
    page = Math.min(page, pages);
    const shown = found.results.slice((page - 1) * perPage, page * perPage);
    const data = await Promise.all(shown.map((result) => result.data()));
    if (ticket !== latest) return;
    showCounts(found.filters || {});
    show(found.results.length, data.map((result) => ({
      href: result.url, title: result.meta.title, state: result.meta.estado, place: result.meta.lugar,
      themes: result.meta.temas, summary: result.meta.resumen,
    })));
  };

  const run = async () => {
    const ticket = ++latest;
    const words = text.value.trim();
    try {
      await (words ? fromWords(ticket, words) : fromIndex(ticket));
    } catch (error) {
      if (ticket === latest) {
        status.textContent = "No se pudo filtrar en esta copia del sitio; use los enlaces por comuna, región o tema.";
      }
    }
  };

  const restart = () => { page = 1; run(); };
  form.addEventListener("submit", (event) => { event.preventDefault(); restart(); });
  form.addEventListener("change", (event) => { if (event.target.matches("select")) restart(); });
  text.addEventListener("input", () => { clearTimeout(typing); typing = setTimeout(restart, 200); });
  form.addEventListener("reset", () => setTimeout(restart));
  pager.querySelector("[data-pagina-anterior]").addEventListener("click", () => { page -= 1; run(); });
  pager.querySelector("[data-pagina-siguiente]").addEventListener("click", () => { page += 1; run(); });

  // The page as it arrived already is the catalogue without filters: only a shared address
  // with filters or a later page needs the index now.
  pager.hidden = Number(root.dataset.paginas) < 2;
  if (fromAddress()) run();
})();
