// Progressive enhancement only: the search page works fully without it.
// Autocomplete suggestions from /api/search/suggest/ into the <datalist>,
// facet checkboxes apply themselves, and on a phone the filters fold away
// (open by default, so without JavaScript they are all there).
(function () {
  "use strict";
  var input = document.getElementById("search-q");
  var list = document.getElementById("search-suggestions");
  var form = document.getElementById("search-form");
  if (input && list) {
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var value = input.value.trim();
      if (!value) { return; }
      timer = setTimeout(function () {
        fetch(input.dataset.suggestUrl + "?q=" + encodeURIComponent(value))
          .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
          .then(function (data) {
            list.textContent = "";
            data.suggestions.forEach(function (s) {
              var option = document.createElement("option");
              option.value = s.text;
              list.appendChild(option);
            });
          })
          .catch(function () {});
      }, 200);
    });
  }
  var filters = document.getElementById("filters");
  if (filters && window.matchMedia("(max-width: 760px)").matches) {
    filters.open = false;
  }
  if (form) {
    form.querySelectorAll(".facet input[type=checkbox]").forEach(function (box) {
      box.addEventListener("change", function () { form.submit(); });
    });
  }
})();
