/* Progressive enhancement only: every page works without this file.
 * No framework, no build step; loaded with `defer` from base.html (CSP: script-src 'self'). */
(function () {
  "use strict";

  var Portal = (window.Portal = window.Portal || {});

  /* Announce a changed result count: `el` is a role="status" aria-live="polite"
   * element that was in the page from the start; only its text changes, which
   * is what screen readers pick up. */
  Portal.announce = function (el, text) {
    if (el) el.textContent = text;
  };

  /* Mark the main-nav link of the current section with aria-current, unless the
   * template already did: the longest matching path prefix wins ("/" only on "/"). */
  function markCurrentNav() {
    var links = document.querySelectorAll(".site-nav a[href]");
    var path = window.location.pathname;
    var best = null;
    var bestLength = -1;
    for (var i = 0; i < links.length; i++) {
      if (links[i].hasAttribute("aria-current")) return;
      var href = links[i].getAttribute("href");
      if (href.charAt(0) !== "/") continue;
      var matches = href === "/" ? path === "/" : path.indexOf(href) === 0;
      if (matches && href.length > bestLength) {
        best = links[i];
        bestLength = href.length;
      }
    }
    if (best) best.setAttribute("aria-current", path === best.getAttribute("href") ? "page" : "true");
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", markCurrentNav);
  } else {
    markCurrentNav();
  }
})();
