// The new-page view of the preview: the kind of page, its area, its title
// and the file name made from it (shown and editable before the file is
// made), then the editor of the new file.
(function () {
  "use strict";

  var C = window.practicaCommon;
  if (!C) return;
  var el = C.el;
  var F = window.practicaFields;
  if (!F) return;
  var notes = F.notes, reveal = F.reveal;

  // ---------------------------------------------------------------- the new-page view

  var KINDS = [
    ["practice", "A practice", "in a practice area"],
    ["tip", "A tip", "advice that applies to practices or areas"],
    ["checklist", "A checklist", "items readers tick to assess their organisation"],
    ["page", "A page", "anything else: about, sources, contacts"],
  ];

  function newView(main, params) {
    var p = C.uid("pe-new");
    var summary = el("section", { class: "pe-summary", tabindex: "-1", hidden: true, "aria-labelledby": p + "-summary-title" });
    var form = el("form", { class: "pe-form pe-new", novalidate: true });
    main.appendChild(form);
    C.guide().then(function (guide) {
      var kind = KINDS.some(function (k) { return k[0] === params.get("kind"); }) ? params.get("kind") : "practice";
      var radios = KINDS.map(function (k) {
        return el("input", { type: "radio", name: "kind", id: p + "-kind-" + k[0], value: k[0], checked: k[0] === kind });
      });
      var kindSet = el("fieldset", { class: "pe-field pe-group", id: p + "-kind" },
        el("legend", { text: "What kind of page" }),
        el("div", { class: "pe-options" }, KINDS.map(function (k, i) {
          return el("div", { class: "pe-choice" }, radios[i], el("label", { for: radios[i].id }, el("strong", { text: k[1] }), " \u2014 " + k[2]));
        })));
      var area = el("select", { id: p + "-area", name: "area" });
      (guide.areas || []).forEach(function (a) {
        area.appendChild(el("option", { value: a.key, text: a.label, selected: a.key === params.get("area") }));
      });
      if (params.get("area")) area.value = params.get("area");
      var title = el("input", { type: "text", id: p + "-title", name: "title", autocomplete: "off", "aria-required": "true" });
      var name = el("input", { type: "text", id: p + "-file", name: "file", autocomplete: "off", spellcheck: "false", "aria-required": "true" });
      var where = el("p", { class: "pe-where", id: p + "-where", "aria-live": "polite" });
      var fields = {
        area: wrap("area", "Practice area", area, "The area the practice belongs to; its file goes in that area's folder."),
        title: wrap("title", "Title (required)", title, "The page's title, as readers see it. You can change it later."),
        file: wrap("file", "File name (required)", name, "Made from the title. Lower-case letters, numbers and dashes; it becomes part of the page's address.", where),
      };
      function wrap(key, label, input, hint, after) {
        var n = notes({ help: hint }, input.id);
        n.describe(input, after ? after.id : null);
        var node = el("div", { class: "pe-field" }, el("label", { for: input.id, text: label }), n.hint, n.error, input, after || null);
        return { node: node, input: input, fail: function (m) { n.fail(m, [input]); } };
      }
      var folder = "";
      var edited = false;
      var seq = 0;
      function currentKind() {
        return radios.filter(function (r) { return r.checked; })[0].value;
      }
      function sync() {
        fields.area.node.hidden = currentKind() !== "practice" || !(guide.areas || []).length;
      }
      var nameTimer = null;
      function propose() {
        clearTimeout(nameTimer);
        nameTimer = setTimeout(function () {
          var mine = ++seq;
          var q = { kind: currentKind(), area: currentKind() === "practice" ? area.value : "", title: title.value.trim() || "untitled" };
          C.api("GET", "new-name?" + C.query(q)).then(function (r) {
            if (mine !== seq || !r.ok || !r.data.path) return;
            var path = r.data.path;
            folder = path.slice(0, path.lastIndexOf("/") + 1);
            if (!edited) name.value = path.slice(folder.length).replace(/\.md$/, "");
            showWhere();
          });
        }, 250);
      }
      function showWhere() {
        where.textContent = folder ? "It will be the file " + folder + (name.value.trim() || "…") + ".md" : "";
      }
      radios.forEach(function (r) { r.addEventListener("change", function () { sync(); propose(); }); });
      area.addEventListener("change", propose);
      title.addEventListener("input", propose);
      name.addEventListener("input", function () {
        edited = name.value.trim() !== "";
        showWhere();
      });
      form.appendChild(summary);
      form.appendChild(el("p", { text: "Give the page a title; the file is made with the keys its kind needs, and you go on to write it." }));
      form.appendChild(kindSet);
      form.appendChild(fields.area.node);
      form.appendChild(fields.title.node);
      form.appendChild(fields.file.node);
      var status = el("p", { class: "pe-status", role: "status" });
      var submit = el("button", { type: "submit", class: "pe-button pe-primary", text: "Make the page" });
      form.appendChild(el("div", { class: "pe-bar pe-bar-static" }, submit, status));
      sync();
      propose();
      form.addEventListener("submit", function (ev) {
        ev.preventDefault();
        Object.keys(fields).forEach(function (k) { fields[k].fail(null); });
        var problems = [];
        if (!title.value.trim()) problems.push(["title", "Enter a title."]);
        if (!name.value.trim()) problems.push(["file", "Enter a file name."]);
        if (problems.length) return show(problems);
        // The name alone: the folder follows from the kind and the area.
        var req = { kind: currentKind(), title: title.value.trim(), file: name.value.trim().replace(/\.md$/, "") };
        if (req.kind === "practice") req.area = area.value;
        submit.disabled = true;
        status.textContent = "Making the page…";
        C.api("POST", "new", req).then(function (r) {
          submit.disabled = false;
          if (r.ok && r.data.path) {
            status.textContent = "Made " + r.data.path + ". Opening it…";
            location.href = C.view("edit", { file: r.data.path });
            return;
          }
          status.textContent = "";
          var field = r.data.field === "name" || r.data.field === "path" ? "file" : r.data.field;
          if (r.status === 409 && !field) field = "file";
          show([[fields[field] ? field : "title", r.data.error || "The page could not be made (" + r.status + ")."]]);
        });
      });
      function show(problems) {
        summary.textContent = "";
        summary.appendChild(el("h2", { id: p + "-summary-title", text: "There is a problem" }));
        summary.appendChild(el("ul", { class: "pe-summary-list" }, problems.map(function (x) {
          var f = fields[x[0]];
          f.fail(x[1]);
          return el("li", {}, el("a", { href: "#" + f.input.id, text: x[1], onclick: function (ev) { ev.preventDefault(); f.input.focus(); } }));
        })));
        summary.hidden = false;
        reveal(summary);
      }
      title.focus();
    }, function (err) {
      main.appendChild(el("p", { class: "pe-error", text: String(err.message || err) }));
    });
  }

  function start() {
    var main = document.getElementById("main");
    if (!main || document.body.dataset.view !== "new") return;
    newView(main, new URLSearchParams(location.search));
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
