// Progress between rounds: an earlier answers file, or a round saved in this
// browser, against the answers kept here (or a later file). Per area, then
// and now side by side (chart and table); then the items that moved forward,
// moved back, are new in the guide, or are no longer in it.
(function (P) {
  "use strict";

  var el = P.el;

  function initCompare(root, w) {
    var tell = P.teller(root);
    var store = new P.Store(root.getAttribute("data-answers-key"), w, tell);
    var body = root.querySelector("[data-compare-body]");
    var roundBox = root.querySelector("[data-compare-rounds]");
    var roundPick = root.querySelector("[data-compare-round]");
    var filePick = root.querySelector("[data-compare-file]");
    var nowPick = root.querySelector("[data-compare-now]");
    var itemsUrl = root.getAttribute("data-items");
    var then = null;
    var now = null;
    root.hidden = false;

    var rounds = store.rounds();
    if (rounds.length && roundPick) {
      roundBox.hidden = false;
      roundPick.appendChild(el("option", null, w.word("compare_choose")));
      rounds.forEach(function (r, i) {
        var o = el("option", null, w.word(r.name ? "compare_round_named" : "compare_round_date", { date: P.longDate(r.date, w.lang), name: r.name }));
        o.value = String(i);
        roundPick.appendChild(o);
      });
      roundPick.firstChild.value = "";
      roundPick.addEventListener("change", function () {
        var r = rounds[+roundPick.value];
        if (!roundPick.value || !r) return;
        P.loadItems(itemsUrl).then(function (all) {
          read(r.file, w.word("compare_round_date", { date: P.longDate(r.date, w.lang) }), all, function (got) {
            then = got;
            draw(all);
          });
        });
      });
    }

    function read(text, label, all, use) {
      var got = P.parseFile(text, all);
      if (got.error) {
        tell(P.refusal(w, got, label));
        return;
      }
      got.label = label;
      use(got);
    }

    function fromFile(picker, use) {
      picker.addEventListener("change", function () {
        var file = picker.files && picker.files[0];
        if (!file) return;
        Promise.all([P.readFile(file), P.loadItems(itemsUrl)]).then(function (r) {
          read(r[0], file.name, r[1], function (got) {
            use(got);
            draw(r[1]);
          });
        }, function () { tell(w.word("load_failed")); }).then(function () { picker.value = ""; });
      });
    }
    if (filePick) fromFile(filePick, function (got) { then = got; });
    if (nowPick) fromFile(nowPick, function (got) { now = got; });

    function draw(all) {
      if (!then) return;
      var later = now || { lists: store.data.lists, label: w.word("compare_this_browser") };
      renderComparison(w, body, all, then, later);
      tell(w.word("compare_done", { then: then.label, now: later.label }));
    }
  }

  function renderComparison(w, body, all, then, now) {
    body.textContent = "";
    var thenLabel = w.word("compare_then", { label: then.exported ? P.longDate(then.exported.slice(0, 10), w.lang) : then.label });
    var nowLabel = w.word("compare_now");
    var moved = P.compareRounds(all, then, now.lists);
    all.lists.forEach(function (list, li) {
      if (!then.lists[list.key] && !now.lists[list.key]) return;
      var part = P.listSection("compare", li, list, all.base, 3);
      var a = P.areaCounts(list, then.lists[list.key]);
      var b = P.areaCounts(list, now.lists[list.key]);
      var rows = a.map(function (x, i) {
        return { name: P.areaName(w, x.title, list, a.length > 1), bars: [{ label: thenLabel, counts: x.counts }, { label: nowLabel, counts: b[i].counts }] };
      });
      part.appendChild(P.summary(w, rows, { caption: w.word("by_area_of", { list: list.title }), who: w.word("round") }));
      body.appendChild(part);
    });
    var changes = el("section", "compare-moved");
    var h = el("h3", null, w.word("compare_moved"));
    h.id = "compare-moved";
    changes.setAttribute("aria-labelledby", h.id);
    changes.appendChild(h);
    [["forward", moved.forward], ["back", moved.back], ["added", moved.added], ["gone", moved.gone]].forEach(function (g) {
      var sub = el("h4", "compare-group-title", w.plural("compare_" + g[0], g[1].length));
      sub.id = "compare-" + g[0];
      changes.appendChild(sub);
      if (!g[1].length) return;
      var ul = el("ul", "compare-items compare-" + g[0]);
      ul.setAttribute("aria-labelledby", sub.id);
      g[1].forEach(function (row) {
        var item = el("li");
        item.appendChild(el("span", "compare-item-text", row.text));
        var how = g[0] === "gone"
          ? w.word("compare_was", { then: w.answerWord(row.then) })
          : g[0] === "added"
            ? w.word("compare_is", { now: w.answerWord(row.now) })
            : w.word("compare_from_to", { then: w.answerWord(row.then), now: w.answerWord(row.now) });
        item.appendChild(el("span", "compare-how", how));
        // Where the item is, so a long list reads by area.
        if (row.list) item.appendChild(el("span", "compare-where", P.areaName(w, row.section, row.list, row.list.sections.length > 1)));
        ul.appendChild(item);
      });
      changes.appendChild(ul);
    });
    body.appendChild(changes);
  }

  P.initCompare = initCompare;
})(window.practicaAssess = window.practicaAssess || {});
