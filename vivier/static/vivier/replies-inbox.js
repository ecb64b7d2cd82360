/* Triage inbox keyboard shortcuts: j / k move, 1-9 relabel, c confirm a reply to check, d done, r reply. htmx does the requests. */
(function () {
  "use strict";
  var current = null;
  var index = 0;

  function items() { return Array.prototype.slice.call(document.querySelectorAll("[data-testid=reply]")); }
  function selected() { return items().find(function (el) { return el.dataset.id === current; }) || null; }
  function select(el) {
    items().forEach(function (e) { e.classList.remove("selected"); e.removeAttribute("aria-current"); });
    if (!el) { current = null; return; }
    el.classList.add("selected");
    el.setAttribute("aria-current", "true");
    current = el.dataset.id;
    index = items().indexOf(el);
    el.scrollIntoView({ block: "nearest" });
  }

  document.addEventListener("keydown", function (ev) {
    if (ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
    if (ev.target.closest && ev.target.closest("input, textarea, select, [contenteditable]")) {
      if (ev.key === "Escape") { ev.target.blur(); }
      return;
    }
    var list = items();
    if (!list.length) { return; }
    var el = selected();
    if (ev.key === "j" || ev.key === "k") {
      var i = el ? list.indexOf(el) : -1;
      i = ev.key === "j" ? Math.min(i + 1, list.length - 1) : Math.max(i - 1, 0);
      select(list[i]);
      ev.preventDefault();
      return;
    }
    if (!el) { el = list[0]; select(el); }
    var target = null;
    if (/^[1-9]$/.test(ev.key)) {
      target = el.querySelector('button[data-key="' + ev.key + '"]');
    } else if (ev.key === "c") {
      target = el.querySelector("[data-action=confirm]");
    } else if (ev.key === "d") {
      target = el.querySelector("[data-action=done]");
    } else if (ev.key === "r") {
      var details = el.querySelector("details.quick-reply");
      if (details) { details.open = true; details.querySelector("textarea").focus(); ev.preventDefault(); }
      return;
    }
    if (target) { target.click(); ev.preventDefault(); }
  });

  // Irreversible labels (unsubscribe: suppression for good) ask first, by click or by key.
  document.addEventListener("click", function (ev) {
    var button = ev.target.closest && ev.target.closest("button[data-confirm]");
    if (button && !window.confirm(button.dataset.confirm)) { ev.preventDefault(); ev.stopImmediatePropagation(); }
  }, true);

  document.addEventListener("click", function (ev) {
    var el = ev.target.closest && ev.target.closest("[data-testid=reply]");
    if (el) { select(el); }
  });

  // After htmx replaced the list: keep the same reply selected (it may have moved to another group), or
  // the one that took its place when it left the list (done).
  document.body.addEventListener("htmx:afterSwap", function () {
    var el = selected();
    if (!el) { var list = items(); el = list[Math.min(index, list.length - 1)] || null; }
    select(el);
  });
})();
