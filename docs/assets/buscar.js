// Header search of the catalogue: Pagefind's index (fetched in pieces, only what a query
// needs) shown in Material's search box and result styles. Results are built as DOM nodes;
// the only markup kept from Pagefind is its <mark> around matched words.
(() => {
  "use strict";
  const box = document.querySelector("[data-catalogo-buscar]");
  if (!box || !window.catalogoPagefind) return;
  const input = box.querySelector(".md-search__input");
  const meta = box.querySelector(".md-search-result__meta");
  const list = box.querySelector(".md-search-result__list");
  const toggle = document.getElementById("__search");
  const HINT = "Escriba para buscar entre los problemas";
  const MAX_RESULTS = 10;
  const FIRST_RESULTS = 3;
  let latest = 0;

  const load = () => window.catalogoPagefind({ excerptLength: 24 });

  const element = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  };

  const excerpt = (html) => {
    const parsed = document.createElement("template");
    parsed.innerHTML = html;
    const paragraph = element("p", "catalogo-resultado-extracto");
    for (const node of parsed.content.childNodes) {
      paragraph.append(node.nodeName === "MARK" ? element("mark", "", node.textContent) : node.textContent);
    }
    return paragraph;
  };

  const result = (data) => {
    const item = element("li", "md-search-result__item");
    const link = element("a", "md-search-result__link");
    link.href = data.url;
    const article = element("article", "md-search-result__article md-typeset");
    article.append(element("h1", "", data.meta.title || data.url));
    if (data.meta.lugar) article.append(element("p", "catalogo-resultado-lugar", data.meta.lugar));
    article.append(excerpt(data.excerpt));
    link.append(article);
    item.append(link);
    return item;
  };

  const count = (total) =>
    total === 0 ? "Ningún problema coincide con la búsqueda"
      : total === 1 ? "1 problema encontrado"
        : `${total} problemas encontrados` + (total > MAX_RESULTS ? `; se muestran los ${MAX_RESULTS} primeros` : "");

  const search = async () => {
    const query = input.value.trim();
    const ticket = ++latest;
    if (!query) {
      list.replaceChildren();
      meta.textContent = HINT;
      return;
    }
    let found;
    try {
      found = await (await load()).debouncedSearch(query, {}, 100);
    } catch (error) {
      meta.textContent = "La búsqueda no está disponible en esta copia del sitio.";
      return;
    }
    if (found === null || ticket !== latest) return;  // a newer query replaced this one
    // The first few results show as soon as they arrive; the rest follow.
    const hits = found.results.slice(0, MAX_RESULTS).map((hit) => hit.data());
    const first = await Promise.all(hits.slice(0, FIRST_RESULTS));
    if (ticket !== latest) return;
    meta.textContent = count(found.results.length);
    list.replaceChildren(...first.map(result));
    const rest = await Promise.all(hits.slice(FIRST_RESULTS));
    if (ticket !== latest) return;
    list.append(...rest.map(result));
  };

  input.addEventListener("input", search);
  input.addEventListener("focus", () => load().catch(() => {}), { once: true });
  // Material opens the result panel through its search toggle; its own script, not used
  // here, checks it when the box gets focus.
  input.addEventListener("focus", () => { if (toggle) toggle.checked = true; });
  box.querySelector("form").addEventListener("submit", (event) => {
    event.preventDefault();
    const first = list.querySelector("a");
    if (first) location.href = first.href;
  });
  box.querySelector("button[type=reset]").addEventListener("click", () => {
    input.value = "";
    search();
    input.focus();
  });
  if (toggle) {
    toggle.addEventListener("change", () => { if (toggle.checked) input.focus(); });
    document.addEventListener("keydown", (event) => {
      if (event.key === "Escape" && toggle.checked) {
        toggle.checked = false;
        input.blur();
      }
    });
  }
})();
