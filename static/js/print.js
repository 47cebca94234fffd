// The print button of printable pages (inline handlers are blocked by the Content Security Policy).
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) {
      window.print();
    }
  });
})();
