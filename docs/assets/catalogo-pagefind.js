// Loads Pagefind once per page, wherever the page sits in the site (Material's __config gives
// the relative path to the root), for the header search and Explorar.
(() => {
  "use strict";
  const settings = document.getElementById("__config");
  if (!settings) return;
  // document.baseURI is the page's address, or the <base> the 404 page sets (overrides/404.html).
  const base = new URL(JSON.parse(settings.textContent).base.replace(/\/?$/, "/"), document.baseURI);
  // What a problem is about ranks above where it merely mentions a word: its title, tags and
  // summary (Pagefind adds weight × the word's rarity to the page's score). The words after a
  // prefix in them («basurales» in «microbasurales») count the most: they are nowhere in the
  // indexed text, so only this weight ranks them. See catalogo/site/templates/busqueda.html.j2.
  const ranking = { metaWeights: { title: 5, etiquetas: 4, resumen: 3, temas: 2, partes: 6 } };
  let loading = null;
  window.catalogoPagefind = (options = {}) => {
    loading ??= (async () => {
      const engine = await import(new URL("pagefind/pagefind.js", base).href);
      await engine.options({ baseUrl: base.pathname, ranking, ...options });
      engine.init();
      return engine;
    })();
    return loading;
  };
  // The site's root, for the search's own files (buscar/) and links.
  window.catalogoPagefind.base = base;
})();
