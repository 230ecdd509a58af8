// Small enhancements for every page; the pages work without them.
(function () {
  "use strict";
  // 打印 buttons exist only when printing from script is possible.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
})();
