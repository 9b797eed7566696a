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

  /* 适老化 mode: on a phone the main nav folds behind one button, so the large
   * header takes at most a third of the first screen (the CSS shows the button
   * and hides the folded list only on phones; wider screens keep the nav open). */
  function foldNavForElderly() {
    var nav = document.querySelector(".site-nav");
    var list = nav && nav.querySelector("ul");
    if (!list || !document.documentElement.classList.contains("shilaohua")) return;
    list.id = list.id || "site-nav-list";
    var button = document.createElement("button");
    button.type = "button";
    button.className = "site-nav__toggle";
    button.textContent = "栏目导航";
    button.setAttribute("aria-controls", list.id);
    button.setAttribute("aria-expanded", "false");
    button.addEventListener("click", function () {
      var open = button.getAttribute("aria-expanded") !== "true";
      button.setAttribute("aria-expanded", String(open));
      nav.classList.toggle("site-nav--folded", !open);
    });
    nav.classList.add("site-nav--folded");
    nav.insertBefore(button, list);
  }

  function ready() {
    markCurrentNav();
    foldNavForElderly();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
})();
