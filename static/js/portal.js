// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  // "Print" buttons: shown only when JavaScript can open the print dialog.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  // Open every FAQ answer before printing so the handout is complete.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.setAttribute("open", ""); });
  });
  // Glossary explanations show on hover and focus; Escape hides them (WCAG 1.4.13).
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") { return; }
    document.querySelectorAll(".term").forEach(function (term) { term.classList.add("term--dismissed"); });
  });
  document.addEventListener("focusin", function (event) {
    var term = event.target.closest && event.target.closest(".term");
    if (term) { term.classList.remove("term--dismissed"); }
  });
  document.addEventListener("mouseover", function (event) {
    var term = event.target.closest && event.target.closest(".term");
    if (term) { term.classList.remove("term--dismissed"); }
  });
  // Search-as-you-type: guide titles offered in the search box's list.
  document.querySelectorAll("form[data-suggest]").forEach(function (form) {
    var input = form.querySelector("input[list]");
    var list = input && document.getElementById(input.getAttribute("list"));
    var timer = null;
    var last = "";
    if (!list || !window.fetch) { return; }
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var query = input.value.trim();
        if (query.length < 2 || query === last) { return; }
        last = query;
        fetch(form.dataset.suggest + "?q=" + encodeURIComponent(query), { headers: { Accept: "application/json" } })
          .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
          .then(function (data) {
            list.replaceChildren.apply(list, data.suggestions.map(function (item) {
              var option = document.createElement("option");
              option.value = item.title;
              return option;
            }));
          })
          .catch(function () { /* suggestions are optional */ });
      }, 200);
    });
  });
})();
