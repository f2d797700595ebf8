// Enhancements only: every page works without this file.
(function () {
  "use strict";

  // Checklists: ticks are kept in this browser, per page, so a reader can come back to them.
  function initChecklist(root) {
    var key = "practica:ticks:" + root.getAttribute("data-checklist");
    var boxes = Array.prototype.slice.call(root.querySelectorAll("input.task-box"));
    if (!boxes.length) return;
    var saved = {};
    try { saved = JSON.parse(localStorage.getItem(key) || "{}") || {}; } catch (e) { saved = {}; }
    var tools = root.querySelector(".checklist-tools");
    var done = root.querySelector("[data-done]");
    function update() {
      var n = 0;
      boxes.forEach(function (b) { if (b.checked) n++; });
      if (done) done.textContent = String(n);
    }
    function save() {
      var state = {};
      boxes.forEach(function (b) { if (b.checked) state[b.id] = true; });
      try { localStorage.setItem(key, JSON.stringify(state)); } catch (e) { /* storage may be disabled */ }
      update();
    }
    boxes.forEach(function (b) {
      if (saved[b.id]) b.checked = true;
      b.addEventListener("change", save);
    });
    var clear = root.querySelector("[data-clear]");
    if (clear) clear.addEventListener("click", function () {
      boxes.forEach(function (b) { b.checked = false; });
      save();
    });
    if (tools) tools.hidden = false;
    update();
  }

  document.addEventListener("DOMContentLoaded", function () {
    Array.prototype.forEach.call(document.querySelectorAll("[data-checklist]"), initChecklist);
  });
})();
