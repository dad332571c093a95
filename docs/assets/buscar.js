// Header search of the catalogue: Pagefind's index (fetched in pieces, only what a query
// needs) shown in Material's search box and result styles, with the comunas and solutions
// whose name matches shown apart. Results are built as DOM nodes; the only markup kept from
// Pagefind is its <mark> around matched words.
//
// Pagefind answers a word it does not hold with the longest word it holds that begins it
// ("semaforo" finds every "se"; see catalogo/site/search_words.py). So each word typed is
// first looked up in the list of the catalogue's words that start with its letter
// (buscar/palabras/<letra>.json, made at build time): a word the catalogue lacks gets no
// results, and the closest words it holds are offered instead.
(() => {
  "use strict";
  const box = document.querySelector("[data-catalogo-buscar]");
  if (!box || !window.catalogoPagefind) return;
  const input = box.querySelector(".md-search__input");
  const meta = box.querySelector(".md-search-result__meta");
  const help = box.querySelector(".catalogo-busqueda-ayuda");
  const names = box.querySelector(".catalogo-busqueda-nombres");
  const heading = box.querySelector(".catalogo-busqueda-problemas");
  const list = box.querySelector(".md-search-result__list");
  const toggle = document.getElementById("__search");
  const HINT = "Escriba para buscar problemas, comunas y soluciones";
  const MAX_RESULTS = 10;
  const FIRST_RESULTS = 3;
  const MAX_NAMES = 4;
  const MAX_SUGGESTIONS = 3;
  let latest = 0;

  const load = () => window.catalogoPagefind({ excerptLength: 24 });
  const site = (path) => new URL(path, window.catalogoPagefind.base).href;

  // Lower case without accents, as Pagefind and search_words.fold compare words.
  const fold = (text) => text.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "");
  const wordsOf = (text) => fold(text).match(/[\p{L}\p{N}]+/gu) || [];
  const letterOf = (word) => (/^[a-z0-9]/.test(word) ? word[0] : "_");

  const cached = new Map();
  const fetchJson = (path) => {
    if (!cached.has(path)) {
      cached.set(path, fetch(site(path)).then((response) => {
        if (!response.ok) throw new Error(`${path}: ${response.status}`);
        return response.json();
      }));
      cached.get(path).catch(() => cached.delete(path));  // tried again on the next query
    }
    return cached.get(path);
  };
  // Every letter and digit has its file, empty when no word starts with it.
  const wordList = (letter) => fetchJson(`buscar/palabras/${letter}.json`);

  const commonPrefix = (a, b) => {
    let i = 0;
    while (i < a.length && i < b.length && a[i] === b[i]) i++;
    return i;
  };
  // Pagefind finds the words that begin with the word typed, once its ending is taken off
  // (its stemmer: "basuras" finds "basura"). A word is known when the catalogue has one that
  // begins with it, or one that differs from it only in an ending of up to four letters
  // ("contaminaciones" and "contaminación"); "semaforo" sharing "se" with "se" is not one.
  const known = (word, words) =>
    words.some(([other]) =>
      other.startsWith(word) || commonPrefix(word, other) >= Math.max(5, word.length - 4));

  // Optimal string alignment distance (a swap of two letters counts as one edit), stopped
  // early past `limit`.
  const distance = (a, b, limit) => {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    let before = null;
    let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
      const current = [i];
      let best = i;
      for (let j = 1; j <= b.length; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
          value = Math.min(value, before[j - 2] + 1);
        }
        current.push(value);
        best = Math.min(best, value);
      }
      if (best > limit) return limit + 1;
      before = previous;
      previous = current;
    }
    return previous[b.length];
  };
  // The words of the catalogue closest to one it lacks: one edit away for short words, two
  // for longer ones; the nearest first, then those in more problems.
  const closest = (word, words) => {
    const limit = word.length <= 4 ? 1 : 2;
    return words
      .filter(([other]) => other.length >= 3)
      .map(([other, problems, shown]) => ({ shown: shown || other, problems, edits: distance(word, other, limit) }))
      .filter((candidate) => candidate.edits <= limit)
      .sort((a, b) => a.edits - b.edits || b.problems - a.problems)
      .slice(0, MAX_SUGGESTIONS);
  };

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

  const item = (className, url, title, place, text) => {
    const entry = element("li", className);
    const link = element("a", "md-search-result__link");
    link.href = url;
    const article = element("article", "md-search-result__article md-typeset");
    article.append(element("h1", "", title));
    if (place) article.append(element("p", "catalogo-resultado-lugar", place));
    if (text) article.append(text);
    link.append(article);
    entry.append(link);
    return entry;
  };
  const result = (data) =>
    item("md-search-result__item", data.url, data.meta.title || data.url, data.meta.lugar, excerpt(data.excerpt));

  // Comunas and solutions whose name has every word typed (at the start of one of its words).
  const entries = (all) => [
    ...all.comunas.map(([slug, name, region, problems]) => ({
      group: "Comunas", name, url: all.url_comuna.replace("{slug}", slug),
      detail: `Comuna, región ${all.regiones[region]} · ${
        problems === 0 ? "aún sin problemas" : problems === 1 ? "1 problema" : `${problems} problemas`}`,
    })),
    ...all.soluciones.map(([url, name, team, state]) => ({
      group: "Soluciones", name, url, detail: `Solución del equipo ${team} · ${state}`,
    })),
  ];
  const showNames = (all, terms) => {
    names.replaceChildren();
    const candidates = entries(all);
    let shown = 0;
    for (const title of ["Comunas", "Soluciones"]) {
      const found = candidates.filter((entry) => {
        if (entry.group !== title) return false;
        const words = wordsOf(entry.name);
        return terms.every((term) => words.some((word) => word.startsWith(term)));
      }).slice(0, MAX_NAMES);
      if (!found.length) continue;
      const group = element("section", "catalogo-busqueda-grupo");
      group.append(element("h2", "catalogo-busqueda-titulo", title));
      const items = element("ol", "catalogo-busqueda-lista");
      items.append(...found.map((entry) =>
        item("catalogo-busqueda-nombre", site(entry.url), entry.name, entry.detail)));
      group.append(items);
      names.append(group);
      shown += found.length;
    }
    return shown;
  };

  // What helps when nothing matches: the closest words, Explorar and proposing the problem.
  const showHelp = (suggestions) => {
    help.replaceChildren();
    if (suggestions.length) {
      const line = element("p", "catalogo-busqueda-sugerencia", "¿Quiso decir ");
      suggestions.forEach(({ query, shown }, index) => {
        if (index) line.append(index === suggestions.length - 1 ? " o " : ", ");
        const button = element("button", "catalogo-busqueda-palabra", `«${shown}»`);
        button.type = "button";
        button.addEventListener("click", () => {
          input.value = query;
          search();
          input.focus();
        });
        line.append(button);
      });
      line.append("?");
      help.append(line);
    }
    const links = element("p", "catalogo-busqueda-enlaces");
    const explore = element("a", "md-button", "Explorar el catálogo");
    explore.href = site("explorar/");
    const propose = element("a", "md-button", "Proponer un problema");
    propose.href = site("guias/proponer-un-problema/");
    links.append(explore, propose);
    help.append(links);
    help.hidden = false;
  };

  const clear = (text) => {
    list.replaceChildren();
    names.replaceChildren();
    help.replaceChildren();
    help.hidden = true;
    heading.hidden = true;
    meta.textContent = text;
  };

  const count = (total) =>
    total === 1 ? "1 problema encontrado"
      : `${total} problemas encontrados` + (total > MAX_RESULTS ? `; se muestran los ${MAX_RESULTS} primeros` : "");

  const quoted = (words) =>
    words.map((word) => `«${word}»`).join(", ").replace(/, ([^,]*)$/, " y $1");

  const search = async () => {
    const query = input.value.trim();
    const ticket = ++latest;
    if (!query) {
      clear(HINT);
      return;
    }
    const terms = [...new Set(wordsOf(query))];
    if (!terms.length) {
      clear(HINT);
      return;
    }
    let lists, nameList, engine;
    try {
      [lists, nameList, engine] = await Promise.all([
        Promise.all(terms.map((term) => wordList(letterOf(term)))),
        fetchJson("buscar/nombres.json"),
        load(),
      ]);
    } catch (error) {
      if (ticket === latest) clear("La búsqueda no está disponible en esta copia del sitio.");
      return;
    }
    if (ticket !== latest) return;  // a newer query replaced this one
    const unknown = terms.map((term, i) => [term, lists[i]]).filter(([term, words]) => !known(term, words));
    if (unknown.length) {
      clear("");
      const named = showNames(nameList, terms);
      const missing = unknown.map(([term]) => term);
      meta.textContent = (missing.length === 1
        ? `Ningún problema del catálogo tiene la palabra ${quoted(missing)}.`
        : `Ningún problema del catálogo tiene las palabras ${quoted(missing)}.`)
        + (named ? " Coinciden estos nombres:" : "");
      // Each word the catalogue lacks replaced by its closest word: a query that finds.
      const suggestions = [];
      for (const [term, words] of unknown) {
        for (const { shown } of closest(term, words)) {
          const replaced = terms.map((other) => (other === term ? fold(shown) : other));
          if (unknown.length === 1 || suggestions.length < MAX_SUGGESTIONS) {
            suggestions.push({ query: replaced.join(" "), shown });
          }
        }
      }
      showHelp(suggestions);
      return;
    }
    const found = await engine.debouncedSearch(query, {}, 100);
    if (found === null || ticket !== latest) return;
    // The first few results show as soon as they arrive; the rest follow.
    const hits = found.results.slice(0, MAX_RESULTS).map((hit) => hit.data());
    const first = await Promise.all(hits.slice(0, FIRST_RESULTS));
    if (ticket !== latest) return;
    clear(found.results.length ? count(found.results.length) : "Ningún problema coincide con la búsqueda.");
    const named = showNames(nameList, terms);
    heading.hidden = !(named && first.length);
    list.replaceChildren(...first.map(result));
    if (!found.results.length) showHelp([]);
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
    const first = list.querySelector("a") || names.querySelector("a");
    if (first) location.href = first.href;
  });
  box.querySelector("button[type=reset]").addEventListener("click", () => {
    input.value = "";
    search();
    input.focus();
  });
  // A button in a page (the 404) that opens the header's search.
  for (const button of document.querySelectorAll("[data-catalogo-abrir-busqueda]")) {
    button.addEventListener("click", () => {
      if (toggle) toggle.checked = true;
      input.focus();
    });
  }
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
