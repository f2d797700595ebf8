// The action plan: for each list answered, the summary by area, then the
// open items ("In progress", "Not yet") with who takes each on, by when and a
// note. A reader's plan from this browser's answers; the team view prints the
// team's with the same code.
(function (P) {
  "use strict";

  var el = P.el;

  function isOpen(e) {
    return !!e && (e.answer === "in-progress" || e.answer === "not-yet");
  }

  // The summary rows of one list for one set of answers.
  function listRows(w, list, answers) {
    var areas = P.areaCounts(list, answers);
    var rows = areas.map(function (a) {
      return { name: P.areaName(w, a.title, list, areas.length > 1), bars: [{ counts: a.counts }] };
    });
    if (areas.length > 1) {
      var all = P.tally(P.allItems(list), function (it) { return answers[it.id] && answers[it.id].answer; });
      rows.push({ name: w.word("all"), total: true, bars: [{ counts: all }] });
    }
    return rows;
  }

  // Fills `body` with the plan of `lists` (answers by list key); returns
  // how many open items it holds. `kind` prefixes the ids ("plan",
  // "team-plan"); `level` is the lists' heading level (2 when not given).
  function renderPlan(w, body, lists, all, kind, level) {
    level = level || 2;
    body.textContent = "";
    var n = 0;
    all.lists.forEach(function (list, li) {
      var answers = lists[list.key];
      if (!answers || !Object.keys(answers).length) return;
      var part = P.listSection(kind, li, list, all.base, level);
      part.appendChild(P.summary(w, listRows(w, list, answers), { caption: w.word("by_area_of", { list: list.title }) }));
      var open = 0;
      list.sections.forEach(function (section, si) {
        var items = section.items.filter(function (it) { return isOpen(answers[it.id]); });
        if (!items.length) return;
        var caption = el("h" + (level + 1), "plan-section-title", P.areaName(w, section.title, list, list.sections.length > 1));
        caption.id = kind + "-" + li + "-" + si;
        part.appendChild(caption);
        part.appendChild(planTable(w, items, answers, list, all.base, caption));
        open += items.length;
      });
      if (!open) part.appendChild(el("p", "plan-none", w.word("plan_none_open")));
      n += open;
      body.appendChild(part);
    });
    if (!n) body.appendChild(el("p", "plan-empty", w.word("plan_empty")));
    return n;
  }

  function planTable(w, open, answers, list, base, caption) {
    var table = el("table", "worksheet plan-table");
    table.setAttribute("aria-labelledby", caption.id);
    var head = el("tr");
    [["item", "col-item"], ["answer", "col-answer"], ["owner", "col-owner"], ["target", "col-date"], ["note", "col-note"]].forEach(function (c) {
      var th = el("th", c[1], w.word(c[0]));
      th.scope = "col";
      head.appendChild(th);
    });
    table.appendChild(el("thead")).appendChild(head);
    var tbody = table.appendChild(el("tbody"));
    open.forEach(function (it) {
      var e = answers[it.id];
      var tr = el("tr");
      tr.setAttribute("data-answer", e.answer);
      var cell = el("td", "plan-item");
      cell.appendChild(el("span", "plan-item-text", P.itemText(it)));
      // A practice's own items need no link to it: the heading is that link.
      if (it.practice && it.practice.url !== list.url) {
        var a = el("a", null, it.practice.title);
        a.href = P.resolveUrl(it.practice.url, base);
        var p = el("span", "plan-practice");
        p.appendChild(P.wordNodes(w, "item_label", { label: w.word("practice"), item: a }));
        cell.appendChild(p);
      }
      tr.appendChild(cell);
      var values = [w.answerWord(e.answer), e.owner, e.target ? P.longDate(e.target, w.lang) : "", e.note];
      ["answer", "owner", "target", "note"].forEach(function (f, i) {
        var td = el("td", "plan-" + f, values[i]);
        // For the narrow screen's layout, where the cells stack under the item.
        td.setAttribute("data-label", w.word("item_label", { label: w.word(f), item: "" }));
        tr.appendChild(td);
      });
      tbody.appendChild(tr);
    });
    return table;
  }

  function initPlan(root, w) {
    var tell = P.teller(root);
    var store = new P.Store(root.getAttribute("data-answers-key"), w, tell);
    var meta = root.querySelector("[data-plan-meta]");
    var body = root.querySelector("[data-plan-body]");
    Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (b) {
      b.hidden = false;
      b.addEventListener("click", function () { window.print(); });
    });

    function render(all) {
      var date = P.longDate(P.isoDate(new Date()), w.lang);
      var name = P.flat(store.data.name);
      if (meta) meta.textContent = name ? w.word("plan_meta", { name: name, date: date }) : w.word("plan_meta_noname", { date: date });
      renderPlan(w, body, store.data.lists, all, "plan");
    }

    function load() {
      P.loadItems(root.getAttribute("data-items")).then(render, function () {
        tell(w.word("load_failed"));
      });
    }
    store.watch(load);
    load();
  }

  P.listRows = listRows;
  P.renderPlan = renderPlan;
  P.initPlan = initPlan;
})(window.practicaAssess = window.practicaAssess || {});
