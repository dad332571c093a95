// Tables wider than the screen scroll sideways inside their box (Material wraps each table of
// the guides in .md-typeset__scrollwrap). A keyboard can scroll such a box only when it takes
// focus, and a screen reader names it: each box that scrolls gets tabindex, a role and a name
// (its table's headers); a box that no longer scrolls (a wider window) loses them again.
(function () {
  "use strict";
  var BOXES = ".md-typeset__scrollwrap, .tabla-datos";
  var MARK = "data-catalogo-desplazable";

  function name(box) {
    var caption = box.querySelector("caption");
    if (caption && caption.textContent.trim()) return "Tabla: " + caption.textContent.trim();
    var headers = Array.prototype.map.call(box.querySelectorAll("thead th"), function (th) {
      return th.textContent.trim();
    });
    return "Tabla: " + (headers.join(", ") || "datos");
  }

  function mark() {
    Array.prototype.forEach.call(document.querySelectorAll(BOXES), function (box) {
      var scrolls = box.scrollWidth > box.clientWidth + 1;
      if (scrolls && !box.hasAttribute("tabindex")) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", name(box));
        box.setAttribute(MARK, "");
      } else if (!scrolls && box.hasAttribute(MARK)) {
        ["tabindex", "role", "aria-label", MARK].forEach(function (attribute) {
          box.removeAttribute(attribute);
        });
      }
    });
  }

  // Material wraps the tables when a page loads (also when it swaps pages in place).
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(mark);
  }
  document.addEventListener("DOMContentLoaded", mark);
  window.addEventListener("load", mark);
  var pending = 0;
  window.addEventListener("resize", function () {
    cancelAnimationFrame(pending);
    pending = requestAnimationFrame(mark);
  });
})();
