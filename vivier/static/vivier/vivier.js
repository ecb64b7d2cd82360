/* Small behaviours that would otherwise be inline handlers, which the Content-Security-Policy forbids:
   data-confirm="question" asks before the click goes on; data-copy="element id" copies that element's
   value; data-fill="element id" puts the clicked element's text into that field; data-enter="selector" on a
   field makes Enter click that element instead of submitting the form (data-enter="": Enter does nothing). */
(function () {
  "use strict";
  document.addEventListener("click", function (ev) {
    var el = ev.target.closest("[data-confirm], [data-copy], [data-fill]");
    if (!el) { return; }
    if (el.dataset.confirm && !window.confirm(el.dataset.confirm)) {
      ev.preventDefault();
      ev.stopImmediatePropagation();
      return;
    }
    if (el.dataset.copy) {
      navigator.clipboard.writeText(document.getElementById(el.dataset.copy).value);
    }
    if (el.dataset.fill) {
      document.getElementById(el.dataset.fill).value = el.textContent;
    }
  }, true);
  document.addEventListener("keydown", function (ev) {
    var el = ev.target;
    if (ev.key !== "Enter" || !el.hasAttribute || !el.hasAttribute("data-enter")) { return; }
    ev.preventDefault();
    if (el.dataset.enter) { document.querySelector(el.dataset.enter).click(); }
  });
})();
/* data-check-all="name": this checkbox ticks or unticks every checkbox called that name. */
document.addEventListener("change", function (ev) {
  "use strict";
  var all = ev.target.closest && ev.target.closest("[data-check-all]");
  if (!all) { return; }
  document.querySelectorAll('input[type=checkbox][name="' + all.dataset.checkAll + '"]').forEach(function (box) {
    box.checked = all.checked;
  });
});
