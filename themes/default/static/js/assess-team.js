// The team view: several people's answer files read in this browser. It
// opens with the summary by area (each person's counts and the team's, as a
// chart and a table), then the items, by default only those where answers
// differ, each with everyone's answer and the team's answer: set where all
// who answered agree, chosen by the facilitator where they differ. The team's
// answers download as an answers file of their own and print as the team's
// action plan. Items are cards, not a wide table, so a phone shows each
// person's answer without scrolling sideways.
(function (P) {
  "use strict";

  var el = P.el;

  function initTeam(root, w) {
    var pick = root.querySelector("[data-team-pick]");
    var input = root.querySelector("[data-team-files]");
    var body = root.querySelector("[data-team-body]");
    var tell = P.teller(root);
    if (!input || !body) return;
    if (pick) pick.hidden = false;
    body.appendChild(el("p", "team-none", w.word("team_none")));

    input.addEventListener("change", function () {
      var files = Array.prototype.slice.call(input.files || []);
      if (!files.length) return;
      Promise.all([
        P.loadItems(root.getAttribute("data-items")),
        Promise.all(files.map(function (f) {
          return P.readFile(f).then(function (text) { return { file: f.name, text: text }; }, function () { return { file: f.name, text: "" }; });
        }))
      ]).then(function (r) {
        var all = r[0];
        var people = [];
        var problems = [];
        r[1].forEach(function (f) {
          var got = P.parseFile(f.text, all);
          if (got.error) problems.push(P.refusal(w, got, f.file));
          else people.push({ name: P.flat(got.name) || f.file, file: f.file, lists: got.lists });
        });
        // Two files with one name: the file tells them apart.
        people.forEach(function (p) {
          if (people.filter(function (q) { return q.name === p.name; }).length > 1 && p.name !== p.file) p.name += " (" + p.file + ")";
        });
        tell(problems.join(" "));
        renderTeam(w, root, body, people, all);
      }, function () {
        tell(w.word("load_failed"));
      });
    });
  }

  function renderTeam(w, root, body, people, all) {
    body.textContent = "";
    var planBox = root.querySelector("[data-team-plan]");
    if (!people.length) {
      body.appendChild(el("p", "team-none", w.word("team_none")));
      if (planBox) planBox.hidden = true;
      return;
    }
    var team = { name: "", lists: P.agreedAnswers(people, all) };

    var who = el("p", "team-people");
    who.appendChild(el("strong", null, w.plural("team_people", people.length)));
    who.appendChild(document.createTextNode(" "));
    who.appendChild(el("span", "team-names", people.map(function (p) { return p.name; }).join(", ")));
    body.appendChild(who);

    var lists = all.lists.filter(function (list) { return people.some(function (p) { return p.lists[list.key]; }); });
    var cards = [];
    var differ = 0;

    // The summary by area first: each person's counts and the team's.
    lists.forEach(function (list, li) {
      var part = P.listSection("team", li, list, all.base);
      var summaryHolder = el("div", "team-summary-box");
      part.appendChild(summaryHolder);
      part.drawSummary = function () {
        var areas = list.sections.map(function (s, si) {
          var bars = people.map(function (p) {
            return { label: p.name, counts: P.areaCounts(list, p.lists[list.key])[si].counts };
          });
          bars.push({ label: w.word("team_answer"), counts: P.areaCounts(list, team.lists[list.key])[si].counts, team: true });
          return { name: P.areaName(w, s.title, list, list.sections.length > 1), bars: bars };
        });
        summaryHolder.textContent = "";
        summaryHolder.appendChild(P.summary(w, areas, { caption: w.word("by_area_of", { list: list.title }), who: w.word("person") }));
      };
      part.list = list;
      part.li = li;
      body.appendChild(part);
    });

    var filterBox = el("p", "team-filter");
    var filter = el("input");
    filter.type = "checkbox";
    filter.id = "team-differ-only";
    var filterLabel = el("label", null, w.word("team_differ_only"));
    filterLabel.htmlFor = filter.id;
    var shown = el("span", "team-shown");
    shown.setAttribute("role", "status");
    filterBox.appendChild(filter);
    filterBox.appendChild(filterLabel);
    filterBox.appendChild(shown);

    var parts = Array.prototype.slice.call(body.querySelectorAll(".team-list"));
    parts.forEach(function (part, pi) {
      var list = part.list;
      var li = part.li;
      var count = el("p", "team-list-summary");
      part.appendChild(count);
      var here = 0;
      list.sections.forEach(function (section, si) {
        var area = el("div", "team-area");
        var title = el("h3", "team-section-title", P.areaName(w, section.title, list, list.sections.length > 1));
        title.id = "team-" + li + "-" + si;
        area.appendChild(title);
        var ul = el("ul", "team-items");
        ul.setAttribute("aria-labelledby", title.id);
        section.items.forEach(function (it, ii) {
          var got = P.itemAnswers(people, list.key, it.id);
          var card = teamCard(w, people, got, list, it, "t-" + li + "-" + si + "-" + ii, team, function () {
            parts.forEach(function (p) { p.drawSummary(); });
            drawPlan();
          });
          if (got.differ) here++;
          card.differ = got.differ;
          card.area = area;
          cards.push(card);
          ul.appendChild(card);
        });
        area.appendChild(ul);
        part.appendChild(area);
      });
      count.textContent = here ? w.plural("team_differ_count", here) : w.word("team_same");
      differ += here;
      part.drawSummary();
      // The filter sits after the first list's summary, above the items.
      if (pi === 0) part.insertBefore(filterBox, count);
    });

    function applyFilter() {
      var only = filter.checked;
      var n = 0;
      cards.forEach(function (c) {
        c.hidden = only && !c.differ;
        if (!c.hidden) n++;
      });
      Array.prototype.forEach.call(body.querySelectorAll(".team-area"), function (a) {
        a.hidden = !Array.prototype.some.call(a.querySelectorAll(".team-card"), function (c) { return !c.hidden; });
      });
      shown.textContent = w.word("team_shown", { n: n, total: cards.length });
    }
    filter.checked = differ > 0;
    filter.addEventListener("change", applyFilter);
    applyFilter();

    // The team's answers: named, downloaded, printed as the team's plan.
    var nameInput = root.querySelector("[data-team-name]");
    var actions = root.querySelector("[data-team-actions]");
    if (actions) actions.hidden = false;
    function drawPlan() {
      if (!planBox) return;
      planBox.hidden = false;
      var meta = planBox.querySelector("[data-plan-meta]");
      var date = P.longDate(P.isoDate(new Date()), w.lang);
      var name = P.flat(team.name);
      if (meta) meta.textContent = w.word(name ? "team_plan_meta" : "team_plan_meta_noname", { name: name, date: date, people: people.map(function (p) { return p.name; }).join(", ") });
      P.renderPlan(w, planBox.querySelector("[data-plan-body]"), team.lists, all, "team-plan", 3);
    }
    if (nameInput) {
      team.name = nameInput.value;
      nameInput.oninput = function () {
        team.name = nameInput.value;
        drawPlan();
      };
    }
    var dl = root.querySelector("[data-team-download]");
    if (dl) {
      dl.onclick = function () {
        var name = P.fileName(all.guide, team.name || w.word("team_default_name"), "json", "answers", P.isoDate(new Date()));
        P.download(name, P.exportJson({ name: team.name || w.word("team_default_name"), lists: team.lists }, all), "application/json");
        P.teller(actions)(w.word("downloaded", { file: name }));
      };
    }
    var print = root.querySelector("[data-team-print]");
    if (print) print.onclick = function () { window.print(); };
    drawPlan();
  }

  // One item: its words, each person's answer, and the team's answer.
  function teamCard(w, people, got, list, it, id, team, changed) {
    var card = el("li", "team-card" + (got.differ ? " team-differ" : ""));
    var text = el("p", "team-item-text", P.itemText(it));
    text.id = id;
    card.appendChild(text);
    if (got.differ) card.appendChild(el("p", "team-differ-mark", w.word("team_differ")));
    var answers = el("ul", "team-people-answers");
    answers.setAttribute("aria-labelledby", id);
    people.forEach(function (p, i) {
      var e = got.each[i];
      var row = el("li", "team-answer");
      if (e.answer) row.setAttribute("data-answer", e.answer);
      row.appendChild(el("span", "team-who", w.word("item_label", { label: p.name, item: "" })));
      row.appendChild(el("span", "team-answer-word", w.answerWord(e.answer)));
      ["owner", "target", "note"].forEach(function (f) {
        if (!e[f]) return;
        var v = f === "target" ? P.longDate(e[f], w.lang) : e[f];
        row.appendChild(el("span", "team-extra", w.word("item_label", { label: w.word(f), item: v })));
      });
      answers.appendChild(row);
    });
    card.appendChild(answers);

    // The team's answer, on the same pattern as a reader's.
    var fs = el("fieldset", "answer-fieldset team-choice");
    var legend = el("legend", "team-choice-legend", w.word("team_answer"));
    fs.appendChild(legend);
    fs.setAttribute("aria-describedby", id);
    var entry = (team.lists[list.key] && team.lists[list.key][it.id]) || P.blankEntry();
    var choices = el("div", "choices");
    var fields = el("div", "plan-fields");
    function set(field, value) {
      var l = team.lists[list.key] = team.lists[list.key] || P.map();
      var e = l[it.id] = l[it.id] || P.blankEntry();
      e[field] = value;
      if (P.isBlank(e)) delete l[it.id];
      fields.hidden = e.answer !== "in-progress" && e.answer !== "not-yet";
      if (e.answer) card.setAttribute("data-team-answer", e.answer);
      changed();
    }
    P.ANSWERS.forEach(function (a) {
      var label = el("label", "choice choice-" + a);
      var r = el("input");
      r.type = "radio";
      r.name = id + "-answer";
      r.value = a;
      r.checked = entry.answer === a;
      r.addEventListener("change", function () { if (r.checked) set("answer", a); });
      label.appendChild(r);
      label.appendChild(el("span", "choice-text", w.word(P.KEYS[a])));
      choices.appendChild(label);
    });
    fs.appendChild(choices);
    P.FIELDS.forEach(function (f) {
      var box = el("div", "field field-" + f);
      var label = el("label", "field-label", w.word(f));
      label.htmlFor = id + "-" + f;
      box.appendChild(label);
      var input = f === "note" ? el("textarea") : el("input");
      input.id = id + "-" + f;
      if (f === "note") input.rows = 2;
      else input.type = "text";
      input.value = entry[f];
      if (f === "target") {
        var hint = el("span", "field-hint", w.word("date_hint"));
        hint.id = input.id + "-hint";
        box.appendChild(hint);
        input.setAttribute("aria-describedby", hint.id);
        input.inputMode = "numeric";
        input.className = "input-date";
      }
      input.autocomplete = "off";
      input.addEventListener("input", function () {
        var v = input.value;
        if (f === "target") {
          v = v.trim();
          var ok = !v || P.realDate(v);
          if (ok) input.removeAttribute("aria-invalid");
          else input.setAttribute("aria-invalid", "true");
          if (!ok) return;
        }
        set(f, v);
      });
      box.appendChild(input);
      fields.appendChild(box);
    });
    fields.hidden = entry.answer !== "in-progress" && entry.answer !== "not-yet";
    if (entry.answer) card.setAttribute("data-team-answer", entry.answer);
    fs.appendChild(fields);
    card.appendChild(fs);
    return card;
  }

  P.initTeam = initTeam;
})(window.practicaAssess = window.practicaAssess || {});
