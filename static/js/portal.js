// Small progressive enhancements; every page works without this file.
(function () {
  "use strict";
  // "Print this guide" button: shown only when JavaScript can open the print dialog.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  // Open every FAQ answer before printing so the handout is complete.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.setAttribute("open", ""); });
  });
})();
