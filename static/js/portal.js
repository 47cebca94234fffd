// Move keyboard and screen-reader focus to the error summary when a form comes back with errors.
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.getElementById("error-summary");
  if (summary) { summary.focus(); }
});

// A table wider than the screen scrolls inside its .table-responsive box: the box is then made
// reachable by keyboard and named after the table's caption, so it can be scrolled without a mouse.
(function () {
  "use strict";
  function markScrollable() {
    document.querySelectorAll(".table-responsive").forEach(function (box) {
      if (box.scrollWidth > box.clientWidth + 1) {
        if (!box.hasAttribute("tabindex")) {
          box.setAttribute("tabindex", "0");
          box.setAttribute("role", "region");
          var caption = box.querySelector("caption");
          var name = caption ? caption.textContent.trim() : "";
          box.setAttribute("aria-label", name || (document.documentElement.lang === "en" ? "Table" : "表"));
          box.dataset.scrollable = "1";
        }
      } else if (box.dataset.scrollable) {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
        delete box.dataset.scrollable;
      }
    });
  }
  document.addEventListener("DOMContentLoaded", markScrollable);
  window.addEventListener("resize", markScrollable);
})();
