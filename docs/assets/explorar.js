// Explorar: every problem, filtered with Pagefind's filter index (loaded in pieces), counts
// per value under the current filters, the state kept in the page address, 20 per page.
(() => {
  "use strict";
  const root = document.querySelector("[data-explorar]");
  if (!root || !window.catalogoPagefind) return;
  const form = root.querySelector("form");
  const text = root.querySelector("#explorar-q");
  const selects = [...root.querySelectorAll("select[data-filtro]")];
  const status = root.querySelector(".explorar-estado");
  const list = root.querySelector(".explorar-resultados");
  const pager = root.querySelector(".explorar-paginas");
  const perPage = Number(root.dataset.pagina) || 20;
  let engine = null;
  let every = {};
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
    for (const select of selects) select.dataset.quiere = params.get(select.dataset.filtro) || "";
    page = Math.max(1, Number(params.get("pagina")) || 1);
  };

  const toAddress = () => {
    const params = new URLSearchParams();
    if (text.value.trim()) params.set("q", text.value.trim());
    for (const [name, value] of Object.entries(chosen())) params.set(name, value);
    if (page > 1) params.set("pagina", String(page));
    const query = params.toString();
    history.replaceState(null, "", query ? `?${query}` : location.pathname);
  };

  const fillSelects = (counts) => {
    for (const select of selects) {
      const name = select.dataset.filtro;
      const wanted = select.dataset.quiere ?? select.value;
      delete select.dataset.quiere;
      const options = [new Option("Todas", "")];
      for (const value of Object.keys(every[name] || {}).sort((a, b) => a.localeCompare(b, "es"))) {
        const count = (counts[name] || {})[value] || 0;
        const option = new Option(`${value} (${count})`, value);
        option.disabled = count === 0 && value !== wanted;
        options.push(option);
      }
      select.replaceChildren(...options);
      select.value = wanted;
    }
  };

  const card = (data) => {
    const item = element("li", "tarjeta-problema");
    const link = element("a", "tarjeta-titulo", data.meta.title);
    link.href = data.url;
    const meta = element("span", "tarjeta-meta");
    meta.append(element("span", "estado", data.meta.estado), " ", element("span", "tarjeta-lugar", data.meta.lugar));
    item.append(link, meta, element("span", "tarjeta-temas", data.meta.temas), element("span", "tarjeta-resumen", data.meta.resumen));
    return item;
  };

  const run = async () => {
    const ticket = ++latest;
    const words = text.value.trim();
    const found = await engine.search(words || null, {
      filters: chosen(),
      sort: words ? undefined : { fecha: "desc" },
    });
    if (ticket !== latest || found === null) return;
    const total = found.results.length;
    const pages = Math.max(1, Math.ceil(total / perPage));
    page = Math.min(page, pages);
    const shown = found.results.slice((page - 1) * perPage, page * perPage);
    const data = await Promise.all(shown.map((result) => result.data()));
    if (ticket !== latest) return;
    fillSelects(found.filters || {});
    list.replaceChildren(...data.map(card));
    status.textContent = total === 0 ? "Ningún problema cumple estos filtros."
      : total === 1 ? "1 problema." : `${total} problemas` + (pages > 1 ? `; página ${page} de ${pages}.` : ".");
    pager.hidden = pages < 2;
    pager.querySelector(".explorar-pagina-actual").textContent = `Página ${page} de ${pages}`;
    pager.querySelector("[data-pagina-anterior]").disabled = page <= 1;
    pager.querySelector("[data-pagina-siguiente]").disabled = page >= pages;
    toAddress();
  };

  const restart = () => { page = 1; run(); };
  form.addEventListener("submit", (event) => { event.preventDefault(); restart(); });
  form.addEventListener("change", (event) => { if (event.target.matches("select")) restart(); });
  text.addEventListener("input", () => { clearTimeout(typing); typing = setTimeout(restart, 200); });
  form.addEventListener("reset", () => setTimeout(restart));
  pager.querySelector("[data-pagina-anterior]").addEventListener("click", () => { page -= 1; run(); });
  pager.querySelector("[data-pagina-siguiente]").addEventListener("click", () => { page += 1; run(); });

  (async () => {
    try {
      engine = await window.catalogoPagefind({ excerptLength: 24 });
      every = await engine.filters();
    } catch (error) {
      status.textContent = "Los filtros no están disponibles en esta copia del sitio; use los enlaces por comuna, región o tema.";
      return;
    }
    fromAddress();
    fillSelects(every);  // options must exist before the address's choices can be selected
    run();
  })();
})();
