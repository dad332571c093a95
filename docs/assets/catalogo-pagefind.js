// Loads Pagefind once per page, wherever the page sits in the site (Material's __config gives
// the relative path to the root), for the header search and Explorar.
(() => {
  "use strict";
  const settings = document.getElementById("__config");
  if (!settings) return;
  const base = new URL(JSON.parse(settings.textContent).base.replace(/\/?$/, "/"), location.href);
  let loading = null;
  window.catalogoPagefind = (options = {}) => {
    loading ??= (async () => {
      const engine = await import(new URL("pagefind/pagefind.js", base).href);
      await engine.options({ baseUrl: base.pathname, ...options });
      engine.init();
      return engine;
    })();
    return loading;
  };
})();
