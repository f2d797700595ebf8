// A checklist's or practice's answers: each item made a group (a fieldset
// whose legend is the item) with the answers "In place", "In progress",
// "Not yet" and, for an open item, who takes it on, by when and a note;
// progress and the summary by area; download, import, clearing and rounds.
(function (P) {
  "use strict";

  var el = P.el;

  // Each item's controls. The item's words are said once, as the group's
  // name; each control inside is named by its own label only.
  function makeItem(w, span, n) {
    var id = span.getAttribute("data-task");
    var li = span.closest("li") || span.parentNode;
    var fieldset = el("fieldset", "answer-fieldset");
    var legend = el("legend", "answer-legend");
    // The item's words become the legend: the paragraph's content where the
    // item is a paragraph (a legend holds no paragraph), else the words.
    var anchor = span.parentNode !== li && span.parentNode.tagName === "P" ? span.parentNode : span;
    anchor.parentNode.insertBefore(fieldset, anchor);
    if (anchor === span) legend.appendChild(span);
    else {
      while (anchor.firstChild) legend.appendChild(anchor.firstChild);
      anchor.remove();
    }
    fieldset.appendChild(legend);

    var group = el("div", "choices");
    var radios = {};
    P.ANSWERS.forEach(function (a) {
      var label = el("label", "choice choice-" + a);
      var input = el("input");
      input.type = "radio";
      input.name = "answer-" + n;
      input.value = a;
      label.appendChild(input);
      label.appendChild(el("span", "choice-text", w.word(P.KEYS[a])));
      group.appendChild(label);
      radios[a] = input;
    });
    fieldset.appendChild(group);

    var fields = el("div", "plan-fields");
    var inputs = {};
    P.FIELDS.forEach(function (f) {
      var box = el("div", "field field-" + f);
      var fid = "answer-" + n + "-" + f;
      var label = el("label", "field-label", w.word(f));
      label.htmlFor = fid;
      box.appendChild(label);
      var input = f === "note" ? el("textarea") : el("input");
      input.id = fid;
      if (f === "note") input.rows = 2;
      else input.type = "text";
      if (f === "owner") input.autocomplete = "off";
      if (f === "target") {
        // Typed, as a reader writes it in a plan: 2027-03-31.
        var hint = el("span", "field-hint", w.word("date_hint"));
        hint.id = fid + "-hint";
        box.appendChild(hint);
        var error = el("span", "field-error");
        error.id = fid + "-error";
        error.hidden = true;
        box.appendChild(error);
        input.setAttribute("aria-describedby", hint.id);
        input.inputMode = "numeric";
        input.autocomplete = "off";
        input.spellcheck = false;
        input.className = "input-date";
        inputs.targetError = error;
      }
      box.appendChild(input);
      fields.appendChild(box);
      inputs[f] = input;
    });
    fieldset.appendChild(fields);
    li.classList.add("assess-item");
    if (li.parentNode) li.parentNode.classList.add("assess-items");
    return { id: id, text: P.flat(legend.textContent), section: span.getAttribute("data-section") || "", li: li, radios: radios, inputs: inputs, fields: fields };
  }

  function showItem(item, entry) {
    P.ANSWERS.forEach(function (a) { item.radios[a].checked = entry.answer === a; });
    P.FIELDS.forEach(function (f) {
      if (document.activeElement !== item.inputs[f]) item.inputs[f].value = entry[f];
    });
    dateError(item, "");
    showFields(item, entry.answer);
  }

  function showFields(item, answer) {
    if (answer) item.li.setAttribute("data-answer", answer);
    else item.li.removeAttribute("data-answer");
    item.fields.hidden = answer !== "in-progress" && answer !== "not-yet";
  }

  function dateError(item, text) {
    var input = item.inputs.target;
    var error = item.inputs.targetError;
    error.textContent = text;
    error.hidden = !text;
    if (text) {
      input.setAttribute("aria-invalid", "true");
      input.setAttribute("aria-describedby", error.id + " " + input.id + "-hint");
    } else {
      input.removeAttribute("aria-invalid");
      input.setAttribute("aria-describedby", input.id + "-hint");
    }
  }

  // The id of the heading a section is named after, to link to it.
  function headingIds(scope) {
    var ids = P.map();
    Array.prototype.forEach.call(scope.querySelectorAll("h2[id], h3[id], h4[id]"), function (h) {
      var t = P.flat(h.textContent);
      if (!(t in ids)) ids[t] = h.id;
    });
    return ids;
  }

  function initAssess(root, w) {
    var list = root.getAttribute("data-list");
    var scope = root.closest("article") || document;
    var spans = Array.prototype.slice.call(scope.querySelectorAll(".task[data-task]"));
    if (!list || !spans.length) return;
    var tell = P.teller(root);
    var store = new P.Store(root.getAttribute("data-answers-key"), w, tell);
    var items = spans.map(function (s, n) { return makeItem(w, s, n); });
    var counts = root.querySelector("[data-counts]");
    var bar = root.querySelector("[data-bar]");
    var summaryBox = root.querySelector("[data-summary]");
    var teamName = root.querySelector("[data-team-name]");
    var itemsUrl = root.getAttribute("data-items");
    var ends = Array.prototype.slice.call(scope.querySelectorAll("[data-assess-end]"));
    // Every set of actions: the panel's, and the one after the last item.
    var actionRoots = [root].concat(ends);

    var sections = [];
    items.forEach(function (it) {
      var last = sections[sections.length - 1];
      if (!last || last.title !== it.section) sections.push(last = { title: it.section, items: [] });
      last.items.push(it);
    });
    var ids = headingIds(scope);
    var h1 = scope.querySelector("h1");
    var pageTitle = h1 ? P.flat(h1.textContent) : "";

    function answerOf(it) { return store.entry(list, it.id).answer; }

    function drawSummary() {
      if (!summaryBox) return;
      var rows = sections.map(function (s) {
        var name = s.title || (sections.length > 1 ? pageTitle : w.word("all"));
        return { name: name, bars: [{ counts: P.tally(s.items, answerOf) }] };
      });
      if (sections.length > 1) rows.push({ name: w.word("all"), total: true, bars: [{ counts: P.tally(items, answerOf) }] });
      var made = P.summary(w, rows, { caption: w.word("by_area") });
      // Each area's name in the table links to its heading.
      Array.prototype.forEach.call(made.querySelectorAll("tbody th[scope=row]"), function (th, i) {
        var s = sections[i];
        if (!s || !s.title || !ids[s.title]) return;
        var a = el("a", null, th.textContent);
        a.href = "#" + ids[s.title];
        th.textContent = "";
        th.appendChild(a);
      });
      summaryBox.textContent = "";
      summaryBox.appendChild(made);
    }

    function update() {
      var c = P.tally(items, answerOf);
      var text = w.plural("counts", c.total, c);
      // Set only when it changed: the element is a live region.
      if (counts && counts.textContent !== text) counts.textContent = text;
      if (bar) {
        bar.textContent = "";
        bar.appendChild(P.bar(c));
      }
      drawSummary();
    }

    function refresh() {
      items.forEach(function (it) { showItem(it, store.entry(list, it.id)); });
      if (teamName && document.activeElement !== teamName) teamName.value = store.data.name;
      update();
    }

    items.forEach(function (it) {
      P.ANSWERS.forEach(function (a) {
        it.radios[a].addEventListener("change", function () {
          if (!it.radios[a].checked) return;
          store.set(list, it.id, "answer", a);
          showFields(it, a);
          update();
        });
      });
      ["owner", "note"].forEach(function (f) {
        it.inputs[f].addEventListener("input", function () {
          store.set(list, it.id, f, it.inputs[f].value);
        });
      });
      // A date is kept once it is one; until then the reader is told why not.
      var date = it.inputs.target;
      var keepDate = function (final) {
        var v = date.value.trim();
        if (!v || P.realDate(v)) {
          dateError(it, "");
          store.set(list, it.id, "target", v);
        } else if (final) {
          dateError(it, w.word("date_invalid"));
        }
      };
      date.addEventListener("input", function () { keepDate(false); });
      date.addEventListener("change", function () { keepDate(true); });
    });
    if (teamName) {
      teamName.addEventListener("input", function () {
        store.data.name = teamName.value;
        store.save();
      });
    }

    function withItems(tell, then) {
      P.loadItems(itemsUrl).then(then, function () { tell(w.word("load_failed")); });
    }

    // Each action's message is said beside the actions it was chosen from.
    function each(selector, fn) {
      actionRoots.forEach(function (r) {
        var here = P.teller(r);
        Array.prototype.forEach.call(r.querySelectorAll(selector), function (b) { fn(b, here); });
      });
    }

    each("[data-clear]", function (clear, tell) {
      clear.addEventListener("click", function () {
        if (!window.confirm(w.plural("confirm_clear", items.length))) return;
        delete store.data.lists[list];
        store.save();
        refresh();
        tell(w.word("cleared"));
      });
    });

    function today() { return P.isoDate(new Date()); }

    each("[data-export-json]", function (b, tell) {
      b.addEventListener("click", function () {
        withItems(tell, function (all) {
          var name = P.fileName(all.guide, store.data.name, "json", "answers", today());
          P.download(name, P.exportJson(store.data, all), "application/json");
          tell(w.word("downloaded", { file: name }));
        });
      });
    });
    each("[data-export-csv]", function (b, tell) {
      b.addEventListener("click", function () {
        withItems(tell, function (all) {
          var name = P.fileName(all.guide, store.data.name, "csv", "answers", today());
          P.download(name, P.exportCsv(store.data, all, w), "text/csv;charset=utf-8");
          tell(w.word("downloaded", { file: name }));
        });
      });
    });
    each("[data-save-round]", function (b, tell) {
      b.addEventListener("click", function () {
        withItems(tell, function (all) {
          var date = today();
          var why = store.keepRound({ date: date, name: store.data.name, file: P.exportJson(store.data, all) });
          tell(why ? w.word(why === "full" ? "round_full" : "round_off") : w.word("round_saved", { date: P.longDate(date, w.lang) }));
        });
      });
    });
    each("[data-import]", function (picker, tell) {
      picker.addEventListener("change", function () {
        var file = picker.files && picker.files[0];
        if (!file) return;
        Promise.all([P.readFile(file), P.loadItems(itemsUrl)]).then(function (r) {
          var got = P.parseFile(r[0], r[1]);
          if (got.error) {
            tell(P.refusal(w, got, file.name));
          } else if (window.confirm(w.plural("confirm_import", got.count, { file: file.name }))) {
            var why = store.replace({ version: 1, name: got.name, lists: got.lists });
            if (why) {
              tell(w.word("import_full", { file: file.name }));
              return;
            }
            if (teamName) teamName.value = got.name;
            refresh();
            var said = w.plural("imported", got.count, { file: file.name });
            if (got.gone.length) said += " " + w.plural("import_gone", got.gone.length, { matched: got.matched, items: got.gone.join("; ") });
            tell(said);
          }
        }, function () {
          tell(w.word("load_failed"));
        }).then(function () {
          // Choosing the same file again is a change too.
          picker.value = "";
        });
      });
    });

    store.watch(refresh);
    refresh();
    root.hidden = false;
    ends.forEach(function (e) { e.hidden = false; });
  }

  P.initAssess = initAssess;
})(window.practicaAssess = window.practicaAssess || {});
