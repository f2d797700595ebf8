// The self-assessment's pure parts: words, answers cleaned of anything
// malformed, answer files read and written, the spreadsheet export, counts
// by area and the comparison of two rounds. No page, no storage: the same
// file runs in the browser (a classic script, so that the offline edition
// loads it from a folder) and under `node --test` (tests/js/).
(function (P) {
  "use strict";

  var ANSWERS = ["in-place", "in-progress", "not-yet"];
  // The strings' names for the answers, as js_counts names its placeholders.
  var KEYS = { "in-place": "in_place", "in-progress": "in_progress", "not-yet": "not_yet" };
  var FIELDS = ["owner", "target", "note"];
  var FORMAT = "practica-answers";
  var DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

  // ---------------------------------------------------------------- words

  // The theme's words (see words.js), and the names of the answers in them.
  var BaseWords = typeof module === "object" && module.exports ? require("./words.js") : window.practicaWords;
  function Words(dict, lang) {
    var w = BaseWords(dict, lang);
    w.answerWord = function (answer) {
      return answer ? w.word(KEYS[answer]) : w.word("unanswered");
    };
    return w;
  }

  // ---------------------------------------------------------------- small helpers

  // A map of keys from storage, a file or the page: no inherited keys, so
  // that an item or a list called "constructor" or "__proto__" is only data.
  function map() {
    return Object.create(null);
  }

  function isObject(v) {
    return v !== null && typeof v === "object" && !Array.isArray(v);
  }

  function has(o, k) {
    return Object.prototype.hasOwnProperty.call(o, k);
  }

  function flat(text) {
    return String(text).replace(/\s+/g, " ").trim();
  }

  function pad(n) {
    return (n < 10 ? "0" : "") + n;
  }

  function isoDate(d) {
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  // A YYYY-MM-DD date that is on the calendar: 2026-02-30 has the form but
  // is not a day, and Date would quietly read it as March 2.
  function realDate(text) {
    var m = DATE.exec(text);
    if (!m) return false;
    var y = +m[1], mo = +m[2], d = +m[3];
    if (mo < 1 || mo > 12 || d < 1) return false;
    var days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    return d <= days[mo - 1];
  }

  // A YYYY-MM-DD date as the language writes it; read as a local date, so
  // that it is not shifted a day by the time zone.
  function longDate(iso, lang) {
    if (!realDate(iso)) return iso;
    var p = iso.split("-").map(Number);
    var d = new Date(p[0], p[1] - 1, p[2]);
    try {
      return d.toLocaleDateString(lang, { year: "numeric", month: "long", day: "numeric" });
    } catch (e) {
      return iso;
    }
  }

  function slug(text) {
    var s = String(text || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
    return s.replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 60).replace(/-+$/, "");
  }

  // The item's words without the practice's title in brackets at its end,
  // where the practice is shown as a link of its own beside it.
  function itemText(item) {
    var text = flat(item.text);
    if (item.practice) {
      var tail = "(" + item.practice.title + ")";
      if (text.length > tail.length && text.slice(-tail.length) === tail) text = text.slice(0, -tail.length).trim();
    }
    return text;
  }

  // ---------------------------------------------------------------- answers

  function blankEntry() {
    return { answer: "", owner: "", target: "", note: "" };
  }

  function emptyData() {
    return { version: 1, name: "", lists: map() };
  }

  // One item's answer, or why it is not one: { entry } or { error, value }.
  function readEntry(e) {
    if (!isObject(e)) return { error: "damaged" };
    var out = blankEntry();
    if (has(e, "answer") && e.answer !== "" && e.answer != null) {
      if (ANSWERS.indexOf(e.answer) < 0) return { error: "damaged" };
      out.answer = e.answer;
    }
    for (var i = 0; i < FIELDS.length; i++) {
      var f = FIELDS[i];
      if (!has(e, f) || e[f] == null) continue;
      if (typeof e[f] !== "string") return { error: "damaged" };
      out[f] = e[f];
    }
    if (out.target && !realDate(out.target)) return { error: "date", value: out.target };
    return { entry: out };
  }

  function cleanEntry(e) {
    return readEntry(e).entry || null;
  }

  function isBlank(e) {
    return !e.answer && !e.owner && !e.target && !e.note;
  }

  // What storage held, with anything malformed left out rather than trusted.
  function cleanData(raw) {
    var data = emptyData();
    if (!isObject(raw)) return data;
    if (typeof raw.name === "string") data.name = raw.name;
    if (!isObject(raw.lists)) return data;
    Object.keys(raw.lists).forEach(function (key) {
      var list = raw.lists[key];
      if (!isObject(list)) return;
      Object.keys(list).forEach(function (id) {
        var e = cleanEntry(list[id]);
        if (e && !isBlank(e)) (data.lists[key] = data.lists[key] || map())[id] = e;
      });
    });
    return data;
  }

  function countAnswers(lists) {
    var n = 0;
    Object.keys(lists).forEach(function (key) {
      Object.keys(lists[key]).forEach(function (id) { if (lists[key][id].answer) n++; });
    });
    return n;
  }

  // ---------------------------------------------------------------- the guide's items

  // Every item of the guide by list key and id: its words and its place.
  function itemIndex(items) {
    var index = map();
    (items.lists || []).forEach(function (list) {
      var l = index[list.key] = map();
      list.sections.forEach(function (section) {
        section.items.forEach(function (it) { l[it.id] = { text: itemText(it), list: list, section: section }; });
      });
    });
    return index;
  }

  // ---------------------------------------------------------------- answer files

  // An answers file read against this guide's items. The guide is known by
  // its items, not only by its title, so that a file follows the guide across
  // a new title or edition; a file none of whose answers is for an item of
  // this guide, under another title, is another guide's.
  // Returns { name, lists, count, matched, gone } or { error, ... }:
  // "damaged" (not JSON, cut short, not practica's, malformed), "other"
  // (another guide's), "date" (an impossible target date, with the item).
  function parseFile(text, items) {
    var f;
    try { f = JSON.parse(text); } catch (e) { return { error: "damaged" }; }
    if (!isObject(f) || f.format !== FORMAT || f.version !== 1 || typeof f.guide !== "string" || !isObject(f.lists)) {
      return { error: "damaged" };
    }
    if (has(f, "name") && f.name != null && typeof f.name !== "string") return { error: "damaged" };
    var index = itemIndex(items);
    var lists = map();
    var matched = 0;
    var gone = [];
    var texts = map();
    var keys = Object.keys(f.lists);
    for (var i = 0; i < keys.length; i++) {
      var list = f.lists[keys[i]];
      if (!isObject(list) || !isObject(list.answers)) return { error: "damaged" };
      var ids = Object.keys(list.answers);
      for (var j = 0; j < ids.length; j++) {
        var raw = list.answers[ids[j]];
        var known = index[keys[i]] && index[keys[i]][ids[j]];
        var got = readEntry(raw);
        if (got.error === "date") {
          var named = known ? known.text : isObject(raw) && typeof raw.text === "string" ? flat(raw.text) : ids[j];
          return { error: "date", value: got.value, item: named };
        }
        if (got.error) return { error: "damaged" };
        if (isBlank(got.entry)) continue;
        (lists[keys[i]] = lists[keys[i]] || map())[ids[j]] = got.entry;
        var words = typeof raw.text === "string" && raw.text ? flat(raw.text) : "";
        if (words) (texts[keys[i]] = texts[keys[i]] || map())[ids[j]] = words;
        if (known) matched++;
        else gone.push(words || ids[j]);
      }
    }
    // Every item the guide had when the file was written, where it says.
    var knownIds = null;
    if (isObject(f.items)) {
      knownIds = map();
      Object.keys(f.items).forEach(function (key) {
        if (!Array.isArray(f.items[key])) return;
        var l = knownIds[key] = map();
        f.items[key].forEach(function (id) { if (typeof id === "string") l[id] = true; });
      });
    }
    if (f.guide !== items.guide && !matched) return { error: "other", guide: f.guide };
    return {
      name: f.name || "",
      guide: f.guide,
      exported: typeof f.exported === "string" ? f.exported : "",
      lists: lists,
      texts: texts,
      known: knownIds,
      count: countAnswers(lists),
      matched: matched,
      gone: gone
    };
  }

  // What a reader is told about a file parseFile refused; nothing changed.
  function refusal(w, got, file) {
    if (got.error === "other") return w.word("import_other", { file: file, guide: got.guide });
    if (got.error === "date") return w.word("import_date", { file: file, date: got.value, item: got.item });
    return w.word("import_damaged", { file: file });
  }

  // The file a reader downloads: each answer with the item's words beside
  // it, so that a later edition can name an item it no longer has.
  function exportJson(data, items, now) {
    var index = itemIndex(items);
    var titles = map();
    items.lists.forEach(function (l) { titles[l.key] = l.title; });
    var lists = map();
    Object.keys(data.lists).forEach(function (key) {
      var answers = map();
      Object.keys(data.lists[key]).forEach(function (id) {
        var e = Object.assign({}, data.lists[key][id]);
        var known = index[key] && index[key][id];
        if (known) e.text = known.text;
        answers[id] = e;
      });
      var l = { answers: answers };
      if (titles[key] != null) l.title = titles[key];
      lists[key] = l;
    });
    // The ids of every item of the guide now, so that a later comparison can
    // tell an item new in the guide from one left unanswered.
    var all = map();
    items.lists.forEach(function (l) { all[l.key] = allItems(l).map(function (it) { return it.id; }); });
    return JSON.stringify({
      format: FORMAT,
      version: 1,
      guide: items.guide,
      exported: (now || new Date()).toISOString(),
      name: data.name,
      lists: lists,
      items: all
    }, null, 2) + "\n";
  }

  // A spreadsheet cell kept as text when it starts like a formula, so that a
  // shared file cannot run one in the spreadsheet program. Every cell: the
  // guide's own words (an item "= pay" or a heading "-") as much as a reader's.
  function guarded(text) {
    text = String(text == null ? "" : text);
    return /^[=+\-@\t\r]/.test(text) ? "'" + text : text;
  }

  function csvCell(text) {
    text = guarded(text);
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  // Every item of every list, answered or not, as RFC 4180 CSV with a BOM so
  // that spreadsheet programs read it as UTF-8.
  function exportCsv(data, items, w) {
    var rows = [["checklist", "section", "item", "answer", "owner", "target", "note", "practice"].map(function (k) { return w.word(k); })];
    items.lists.forEach(function (list) {
      var answers = data.lists[list.key] || map();
      list.sections.forEach(function (section) {
        section.items.forEach(function (item) {
          var e = answers[item.id] || blankEntry();
          rows.push([
            list.title,
            section.title || "",
            flat(item.text),
            e.answer ? w.answerWord(e.answer) : "",
            e.owner,
            e.target,
            e.note,
            item.practice ? item.practice.title : ""
          ]);
        });
      });
    });
    return "\uFEFF" + rows.map(function (r) { return r.map(csvCell).join(","); }).join("\r\n") + "\r\n";
  }

  function fileName(guide, name, ext, kind, date) {
    var parts = [slug(guide) || "practica", kind || "answers"];
    if (slug(name)) parts.push(slug(name));
    parts.push(date);
    return parts.join("-") + "." + ext;
  }

  // ---------------------------------------------------------------- counts by area

  function tally(items, answerOf) {
    var c = { in_place: 0, in_progress: 0, not_yet: 0, unanswered: 0, total: items.length };
    items.forEach(function (it) {
      var a = answerOf(it);
      c[a ? KEYS[a] : "unanswered"]++;
    });
    return c;
  }

  // A list's counts per section (its headings: the practice areas), in the
  // list's order; items before any heading are a section without a title.
  function areaCounts(list, answers) {
    answers = answers || map();
    var answerOf = function (it) { return answers[it.id] && answers[it.id].answer; };
    return list.sections.map(function (s) {
      return { title: s.title || "", counts: tally(s.items, answerOf) };
    });
  }

  // A stacked bar's segments: one per answer with any items, in the order
  // in place, in progress, not yet, not answered; x and width in percent.
  function barSegments(c) {
    var keys = ["in_place", "in_progress", "not_yet", "unanswered"];
    var total = 0;
    keys.forEach(function (k) { total += c[k] || 0; });
    var x = 0;
    var out = [];
    keys.forEach(function (k) {
      var n = c[k] || 0;
      if (!n) return;
      var width = Math.round((100000 * n) / total) / 1000;
      out.push({ key: k.replace("_", "-"), n: n, x: Math.round(1000 * x) / 1000, width: width });
      x += width;
    });
    return out;
  }

  function allItems(list) {
    var out = [];
    list.sections.forEach(function (s) { out.push.apply(out, s.items); });
    return out;
  }

  // ---------------------------------------------------------------- the team

  // Who gave which answer to an item, and whether they differ: people who
  // answered gave more than one answer.
  function itemAnswers(people, key, id) {
    var seen = map();
    var each = people.map(function (p) {
      var e = (p.lists[key] && p.lists[key][id]) || blankEntry();
      if (e.answer) seen[e.answer] = (seen[e.answer] || 0) + 1;
      return e;
    });
    var given = Object.keys(seen);
    return { each: each, differ: given.length > 1, agreed: given.length === 1 ? given[0] : "" };
  }

  // The team's answers to start from: each item where everyone who answered
  // agrees, with the first owner, date and note any of them gave.
  function agreedAnswers(people, all) {
    var lists = map();
    all.lists.forEach(function (list) {
      allItems(list).forEach(function (it) {
        var got = itemAnswers(people, list.key, it.id);
        if (!got.agreed) return;
        var e = blankEntry();
        e.answer = got.agreed;
        got.each.forEach(function (x) {
          if (x.answer !== got.agreed) return;
          FIELDS.forEach(function (f) { if (!e[f] && x[f]) e[f] = x[f]; });
        });
        (lists[list.key] = lists[list.key] || map())[it.id] = e;
      });
    });
    return lists;
  }

  // ---------------------------------------------------------------- two rounds

  var RANK = { "": 0, "not-yet": 1, "in-progress": 2, "in-place": 3 };

  // How the answers moved between an earlier round and now. `then` is a read
  // answers file (or a kept round): its answers, the words of the items it
  // answered and, when it has them, the ids of every item the guide had then.
  // Items moved forward (towards in place) or back; items new in the guide
  // since then (only known when the earlier round listed its items); answers
  // then for items the guide no longer has.
  function compareRounds(items, then, now) {
    var index = itemIndex(items);
    var out = { forward: [], back: [], added: [], gone: [] };
    var had = then.known;
    items.lists.forEach(function (list) {
      var a = then.lists[list.key] || map();
      var b = now[list.key] || map();
      list.sections.forEach(function (section) {
        section.items.forEach(function (it) {
          var was = a[it.id] ? a[it.id].answer : "";
          var is = b[it.id] ? b[it.id].answer : "";
          var row = { list: list, section: section.title || "", id: it.id, text: itemText(it), then: was, now: is };
          if (had && !(had[list.key] && had[list.key][it.id]) && !has(a, it.id)) out.added.push(row);
          else if (RANK[is] > RANK[was]) out.forward.push(row);
          else if (RANK[is] < RANK[was]) out.back.push(row);
        });
      });
    });
    Object.keys(then.lists).forEach(function (key) {
      Object.keys(then.lists[key]).forEach(function (id) {
        var e = then.lists[key][id];
        if (!(index[key] && index[key][id]) && e.answer) {
          var words = then.texts && then.texts[key] && then.texts[key][id];
          out.gone.push({ key: key, id: id, text: words || id, then: e.answer });
        }
      });
    });
    return out;
  }

  Object.assign(P, {
    ANSWERS: ANSWERS,
    KEYS: KEYS,
    FIELDS: FIELDS,
    FORMAT: FORMAT,
    Words: Words,
    map: map,
    isObject: isObject,
    has: has,
    flat: flat,
    isoDate: isoDate,
    realDate: realDate,
    longDate: longDate,
    refusal: refusal,
    slug: slug,
    itemText: itemText,
    blankEntry: blankEntry,
    emptyData: emptyData,
    cleanEntry: cleanEntry,
    isBlank: isBlank,
    cleanData: cleanData,
    countAnswers: countAnswers,
    itemIndex: itemIndex,
    parseFile: parseFile,
    exportJson: exportJson,
    csvCell: csvCell,
    exportCsv: exportCsv,
    fileName: fileName,
    tally: tally,
    areaCounts: areaCounts,
    barSegments: barSegments,
    allItems: allItems,
    itemAnswers: itemAnswers,
    agreedAnswers: agreedAnswers,
    compareRounds: compareRounds
  });
})(typeof module === "object" && module.exports ? module.exports : (window.practicaAssess = window.practicaAssess || {}));
