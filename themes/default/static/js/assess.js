// The reader's self-assessment: answer controls on checklist and practice
// pages, progress, export and import, the action plan and the team view.
//
// Answers stay in this browser (localStorage, one entry per guide) and are
// kept by each item's id, never by its position, so an edited checklist keeps
// them on the right items. Every word shown comes from the page (the theme's
// strings, given as JSON), so another language's edition needs no change here.
// Addresses come from the page too; items.js is loaded with a <script>
// element, not fetch(), so that the guide also works opened from a folder.
(function () {
  "use strict";

  var ANSWERS = ["in-place", "in-progress", "not-yet"];
  // The strings' names for the answers, as js_counts names its placeholders.
  var KEYS = { "in-place": "in_place", "in-progress": "in_progress", "not-yet": "not_yet" };
  var FIELDS = ["owner", "target", "note"];
  var FORMAT = "practica-answers";
  var DATE = /^\d{4}-\d{2}-\d{2}$/;

  var words = {};
  var lang = document.documentElement.lang || undefined;

  // ---------------------------------------------------------------- words

  function word(key, values) {
    var text = words[key];
    if (text == null) text = key;
    return text.replace(/\{(\w+)\}/g, function (all, name) {
      return values && values[name] != null ? String(values[name]) : all;
    });
  }

  // js_x_one / js_x_other, chosen by the page language's plural rules.
  function plural(key, n, values) {
    var form = "other";
    try { form = new Intl.PluralRules(lang).select(n); } catch (e) { form = n === 1 ? "one" : "other"; }
    var v = Object.assign({ n: n }, values || {});
    if (words[key + "_" + form] != null) return word(key + "_" + form, v);
    if (words[key + "_other"] != null) return word(key + "_other", v);
    return word(key, v);
  }

  // A string with nodes in its placeholders: "{label}: {item}" with a link as the item.
  function wordNodes(key, values) {
    var frag = document.createDocumentFragment();
    var parts = (words[key] || key).split(/(\{\w+\})/);
    parts.forEach(function (part) {
      var m = /^\{(\w+)\}$/.exec(part);
      var v = m ? values[m[1]] : part;
      if (v == null || v === "") return;
      frag.appendChild(typeof v === "string" ? document.createTextNode(v) : v);
    });
    return frag;
  }

  function answerWord(answer) {
    return answer ? word(KEYS[answer]) : word("unanswered");
  }

  // ---------------------------------------------------------------- small helpers

  // A checklist's section of the plan or the team view, titled with a link to it.
  function listSection(kind, li, list, base) {
    var part = el("section", kind + "-list");
    var h2 = el("h2", kind + "-list-title");
    h2.id = kind + "-" + li;
    var link = el("a", null, list.title);
    link.href = resolveUrl(list.url, base);
    h2.appendChild(link);
    part.setAttribute("aria-labelledby", h2.id);
    part.appendChild(h2);
    return part;
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

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

  function today() {
    var d = new Date();
    return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate());
  }

  // A YYYY-MM-DD date as the page's language writes it; read as a local
  // date, so that it is not shifted a day by the time zone.
  function longDate(iso) {
    if (!DATE.test(iso)) return iso;
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

  function showMessage(root, text) {
    var m = root.querySelector("[data-message]");
    if (!m) return;
    // Emptied first, so that the same message twice is announced twice.
    m.textContent = "";
    setTimeout(function () { m.textContent = text; }, 30);
  }

  function readFile(file) {
    if (file.text) return file.text();
    return new Promise(function (resolve, reject) {
      var r = new FileReader();
      r.onload = function () { resolve(String(r.result)); };
      r.onerror = function () { reject(r.error); };
      r.readAsText(file);
    });
  }

  function download(name, text, type) {
    var a = document.createElement("a");
    a.href = URL.createObjectURL(new Blob([text], { type: type }));
    a.download = name;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () {
      URL.revokeObjectURL(a.href);
      a.remove();
    }, 10000);
  }

  // ---------------------------------------------------------------- the list of items

  // window.practicaItems from assessment/items.js, and the address its URLs
  // are relative to (the script's own).
  var itemsLoad = null;
  function loadItems(url) {
    if (!itemsLoad) {
      itemsLoad = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = url;
        s.onload = function () {
          if (isObject(window.practicaItems) && Array.isArray(window.practicaItems.lists)) {
            resolve({ guide: window.practicaItems.guide, lists: window.practicaItems.lists, base: s.src });
          } else {
            reject(new Error("items.js set no practicaItems"));
          }
        };
        s.onerror = function () { reject(new Error("items.js did not load")); };
        document.head.appendChild(s);
      });
      itemsLoad.catch(function () { itemsLoad = null; });
    }
    return itemsLoad;
  }

  function resolveUrl(url, base) {
    try { return new URL(url, base).href; } catch (e) { return url; }
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

  // ---------------------------------------------------------------- answers kept in this browser

  function emptyData() {
    return { version: 1, name: "", lists: map() };
  }

  // One item's answer, or null when `e` is not one.
  function cleanEntry(e) {
    if (!isObject(e)) return null;
    var out = { answer: "", owner: "", target: "", note: "" };
    if (has(e, "answer") && e.answer !== "" && e.answer != null) {
      if (ANSWERS.indexOf(e.answer) < 0) return null;
      out.answer = e.answer;
    }
    for (var i = 0; i < FIELDS.length; i++) {
      var f = FIELDS[i];
      if (!has(e, f) || e[f] == null) continue;
      if (typeof e[f] !== "string") return null;
      out[f] = e[f];
    }
    if (out.target && !DATE.test(out.target)) return null;
    return out;
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

  // The answers of a guide: localStorage under `key`, or memory only when the
  // browser refuses storage (turned off, or a page opened from a folder).
  function Store(key, root) {
    this.key = key;
    this.root = root;
    this.memory = false;
    this.warned = false;
    this.data = this.read();
  }

  Store.prototype.read = function () {
    var raw = null;
    if (!this.memory) {
      try {
        raw = window.localStorage.getItem(this.key);
      } catch (e) {
        this.off();
      }
    }
    if (this.memory && this.data) return this.data;
    var parsed = null;
    try { parsed = raw ? JSON.parse(raw) : null; } catch (e) { parsed = null; }
    return cleanData(parsed);
  };

  Store.prototype.save = function () {
    if (this.memory) return;
    try {
      window.localStorage.setItem(this.key, JSON.stringify(this.data));
    } catch (e) {
      this.off();
    }
  };

  Store.prototype.off = function () {
    this.memory = true;
    if (!this.warned) {
      this.warned = true;
      showMessage(this.root, word("storage_off"));
    }
  };

  Store.prototype.entry = function (list, id) {
    var l = this.data.lists[list];
    return (l && l[id]) || { answer: "", owner: "", target: "", note: "" };
  };

  Store.prototype.set = function (list, id, field, value) {
    var l = this.data.lists[list] = this.data.lists[list] || map();
    var e = l[id] = l[id] || { answer: "", owner: "", target: "", note: "" };
    e[field] = value;
    if (isBlank(e)) delete l[id];
    if (!Object.keys(l).length) delete this.data.lists[list];
    this.save();
  };

  // Another tab of the guide changed the answers.
  Store.prototype.watch = function (then) {
    var self = this;
    window.addEventListener("storage", function (e) {
      if (e.key !== self.key || self.memory) return;
      self.data = self.read();
      then();
    });
  };

  // ---------------------------------------------------------------- answer files

  // An exported file's answers, or why it was refused: "damaged" (not JSON,
  // cut short, not practica's, malformed) or "other" (another guide's).
  function parseFile(text, guide) {
    var f;
    try { f = JSON.parse(text); } catch (e) { return { error: "damaged" }; }
    if (!isObject(f) || f.format !== FORMAT || f.version !== 1 || typeof f.guide !== "string" || !isObject(f.lists)) {
      return { error: "damaged" };
    }
    if (f.guide !== guide) return { error: "other", guide: f.guide };
    if (has(f, "name") && f.name != null && typeof f.name !== "string") return { error: "damaged" };
    var lists = map();
    var keys = Object.keys(f.lists);
    for (var i = 0; i < keys.length; i++) {
      var list = f.lists[keys[i]];
      if (!isObject(list) || !isObject(list.answers)) return { error: "damaged" };
      var ids = Object.keys(list.answers);
      for (var j = 0; j < ids.length; j++) {
        var e = cleanEntry(list.answers[ids[j]]);
        if (!e) return { error: "damaged" };
        if (!isBlank(e)) (lists[keys[i]] = lists[keys[i]] || map())[ids[j]] = e;
      }
    }
    return { name: f.name || "", lists: lists, count: countAnswers(lists) };
  }

  function exportJson(data, items) {
    var titles = map();
    items.lists.forEach(function (l) { titles[l.key] = l.title; });
    var lists = map();
    Object.keys(data.lists).forEach(function (key) {
      var l = { answers: data.lists[key] };
      if (titles[key] != null) l.title = titles[key];
      lists[key] = l;
    });
    return JSON.stringify({
      format: FORMAT,
      version: 1,
      guide: items.guide,
      exported: new Date().toISOString(),
      name: data.name,
      lists: lists
    }, null, 2) + "\n";
  }

  // A spreadsheet cell a reader typed: one starting like a formula is kept as
  // text, so that a shared file cannot run one in the spreadsheet program.
  function typed(text) {
    return /^[=+\-@\t\r]/.test(text) ? "'" + text : text;
  }

  function csvCell(text) {
    text = String(text == null ? "" : text);
    return /[",\r\n]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
  }

  // Every item of every list, answered or not, as RFC 4180 CSV with a BOM so
  // that spreadsheet programs read it as UTF-8.
  function exportCsv(data, items) {
    var rows = [["checklist", "section", "item", "answer", "owner", "target", "note", "practice"].map(word)];
    items.lists.forEach(function (list) {
      var answers = data.lists[list.key] || map();
      list.sections.forEach(function (section) {
        section.items.forEach(function (item) {
          var e = answers[item.id] || {};
          rows.push([
            list.title,
            section.title || "",
            flat(item.text),
            e.answer ? word(KEYS[e.answer]) : "",
            typed(e.owner || ""),
            e.target || "",
            typed(e.note || ""),
            item.practice ? item.practice.title : ""
          ]);
        });
      });
    });
    return "\uFEFF" + rows.map(function (r) { return r.map(csvCell).join(","); }).join("\r\n") + "\r\n";
  }

  function fileName(guide, name, ext) {
    var parts = [slug(guide) || "practica", "answers"];
    if (slug(name)) parts.push(slug(name));
    parts.push(today());
    return parts.join("-") + "." + ext;
  }

  // ---------------------------------------------------------------- checklist and practice pages

  function tally(items, store, list) {
    var c = { in_place: 0, in_progress: 0, not_yet: 0, unanswered: 0, total: items.length };
    items.forEach(function (it) {
      var a = store.entry(list, it.id).answer;
      c[a ? KEYS[a] : "unanswered"]++;
    });
    return c;
  }

  function setBar(bar, c) {
    if (!bar) return;
    var spans = bar.querySelectorAll("span");
    [c.in_place, c.in_progress, c.not_yet].forEach(function (n, i) {
      if (spans[i]) spans[i].style.width = (c.total ? (100 * n) / c.total : 0) + "%";
    });
  }

  // The controls of one item: a radio group and, for an item not in place,
  // who takes it on, by when, and a note. Every control's name holds the
  // item's words, so a screen reader says which item it answers.
  function makeItem(span, n) {
    var id = span.getAttribute("data-task");
    var text = flat(span.textContent);
    var li = span.closest("li") || span.parentNode;
    var named = function (label) { return word("item_label", { label: label, item: text }); };
    var box = el("div", "answer-box");
    var group = el("div", "answer-group");
    group.setAttribute("role", "radiogroup");
    group.setAttribute("aria-label", named(word("answer")));
    var radios = {};
    ANSWERS.forEach(function (a) {
      var label = el("label", "choice choice-" + a);
      var input = el("input");
      input.type = "radio";
      input.name = "answer-" + n;
      input.value = a;
      input.setAttribute("aria-label", named(word(KEYS[a])));
      label.appendChild(input);
      label.appendChild(el("span", "choice-text", word(KEYS[a])));
      group.appendChild(label);
      radios[a] = input;
    });
    box.appendChild(group);
    var fields = el("div", "plan-fields");
    var inputs = {};
    FIELDS.forEach(function (f) {
      var label = el("label", "field field-" + f);
      label.appendChild(el("span", "field-label", word(f)));
      var input = f === "note" ? el("textarea") : el("input");
      if (f === "note") input.rows = 2;
      else input.type = f === "target" ? "date" : "text";
      if (f === "owner") input.autocomplete = "off";
      input.setAttribute("aria-label", named(word(f)));
      label.appendChild(input);
      fields.appendChild(label);
      inputs[f] = input;
    });
    box.appendChild(fields);
    // After the item's words, before any list nested in the item.
    var anchor = span.parentNode !== li && span.parentNode.tagName === "P" ? span.parentNode : span;
    anchor.insertAdjacentElement("afterend", box);
    li.classList.add("assess-item");
    if (li.parentNode) li.parentNode.classList.add("assess-items");
    return { id: id, section: span.getAttribute("data-section") || "", li: li, radios: radios, inputs: inputs, fields: fields };
  }

  function showItem(item, entry) {
    ANSWERS.forEach(function (a) { item.radios[a].checked = entry.answer === a; });
    FIELDS.forEach(function (f) {
      if (document.activeElement !== item.inputs[f]) item.inputs[f].value = entry[f];
    });
    showFields(item, entry.answer);
  }

  function showFields(item, answer) {
    if (answer) item.li.setAttribute("data-answer", answer);
    else item.li.removeAttribute("data-answer");
    item.fields.hidden = answer !== "in-progress" && answer !== "not-yet";
  }

  // The id of the heading a section is named after, to link to it.
  function headingIds(scope) {
    var ids = map();
    Array.prototype.forEach.call(scope.querySelectorAll("h2[id], h3[id], h4[id]"), function (h) {
      var t = flat(h.textContent);
      if (!(t in ids)) ids[t] = h.id;
    });
    return ids;
  }

  function initAssess(root) {
    var list = root.getAttribute("data-list");
    var scope = root.closest("article") || document;
    var spans = Array.prototype.slice.call(scope.querySelectorAll(".task[data-task]"));
    if (!list || !spans.length) return;
    var store = new Store(root.getAttribute("data-answers-key"), root);
    var items = spans.map(makeItem);
    var counts = root.querySelector("[data-counts]");
    var bar = root.querySelector("[data-bar]");
    var table = root.querySelector("table[data-sections]");
    var teamName = root.querySelector("[data-team-name]");
    var itemsUrl = root.getAttribute("data-items");

    // The per-section table: one row per heading, and the whole list.
    var sections = [];
    items.forEach(function (it) {
      var last = sections[sections.length - 1];
      if (!last || last.title !== it.section) sections.push(last = { title: it.section, items: [] });
      last.items.push(it);
    });
    var rows = [];
    if (table) {
      var ids = headingIds(scope);
      var body = table.querySelector("tbody");
      var row = function (title, href) {
        var tr = el("tr");
        var th = el("th");
        th.scope = "row";
        if (href) {
          var a = el("a", null, title);
          a.href = "#" + href;
          th.appendChild(a);
        } else {
          th.textContent = title;
        }
        tr.appendChild(th);
        var cells = ["in_place", "in_progress", "not_yet", "unanswered"].map(function () { return tr.appendChild(el("td")); });
        return { tr: tr, cells: cells };
      };
      // Items above the first heading are named after the page.
      var heading = scope.querySelector("h1");
      var untitled = sections.length > 1 && heading ? flat(heading.textContent) : word("all");
      sections.forEach(function (s) {
        var r = row(s.title || untitled, ids[s.title]);
        r.items = s.items;
        body.appendChild(r.tr);
        rows.push(r);
      });
      if (sections.length > 1) {
        var foot = el("tfoot");
        var total = row(word("all"));
        total.items = items;
        foot.appendChild(total.tr);
        table.appendChild(foot);
        rows.push(total);
      }
    }

    function update() {
      var c = tally(items, store, list);
      var text = plural("counts", c.total, c);
      // Set only when it changed: the element is a live region.
      if (counts && counts.textContent !== text) counts.textContent = text;
      setBar(bar, c);
      rows.forEach(function (r) {
        var s = tally(r.items, store, list);
        [s.in_place, s.in_progress, s.not_yet, s.unanswered].forEach(function (n, i) { r.cells[i].textContent = String(n); });
      });
    }

    function refresh() {
      items.forEach(function (it) { showItem(it, store.entry(list, it.id)); });
      if (teamName && document.activeElement !== teamName) teamName.value = store.data.name;
      update();
    }

    items.forEach(function (it) {
      ANSWERS.forEach(function (a) {
        it.radios[a].addEventListener("change", function () {
          if (!it.radios[a].checked) return;
          store.set(list, it.id, "answer", a);
          showFields(it, a);
          update();
        });
      });
      FIELDS.forEach(function (f) {
        it.inputs[f].addEventListener("input", function () {
          store.set(list, it.id, f, it.inputs[f].value);
        });
      });
    });
    if (teamName) {
      teamName.addEventListener("input", function () {
        store.data.name = teamName.value;
        store.save();
      });
    }

    var clear = root.querySelector("[data-clear]");
    if (clear) {
      clear.addEventListener("click", function () {
        if (!window.confirm(plural("confirm_clear", items.length))) return;
        delete store.data.lists[list];
        store.save();
        refresh();
        showMessage(root, word("cleared"));
      });
    }

    function withItems(then) {
      loadItems(itemsUrl).then(then, function () { showMessage(root, word("load_failed")); });
    }

    var json = root.querySelector("[data-export-json]");
    if (json) {
      json.addEventListener("click", function () {
        withItems(function (all) {
          download(fileName(all.guide, store.data.name, "json"), exportJson(store.data, all), "application/json");
        });
      });
    }
    var csv = root.querySelector("[data-export-csv]");
    if (csv) {
      csv.addEventListener("click", function () {
        withItems(function (all) {
          download(fileName(all.guide, store.data.name, "csv"), exportCsv(store.data, all), "text/csv;charset=utf-8");
        });
      });
    }
    var picker = root.querySelector("[data-import]");
    if (picker) {
      picker.addEventListener("change", function () {
        var file = picker.files && picker.files[0];
        if (!file) return;
        Promise.all([readFile(file), loadItems(itemsUrl)]).then(function (r) {
          var got = parseFile(r[0], r[1].guide);
          if (got.error === "other") {
            showMessage(root, word("import_other", { file: file.name, guide: got.guide }));
          } else if (got.error) {
            showMessage(root, word("import_damaged", { file: file.name }));
          } else if (window.confirm(plural("confirm_import", got.count, { file: file.name }))) {
            store.data = { version: 1, name: got.name, lists: got.lists };
            store.save();
            if (teamName) teamName.value = got.name;
            refresh();
            showMessage(root, plural("imported", got.count, { file: file.name }));
          }
        }, function () {
          showMessage(root, word("load_failed"));
        }).then(function () {
          // Choosing the same file again is a change too.
          picker.value = "";
        });
      });
    }

    store.watch(refresh);
    refresh();
    root.hidden = false;
  }

  // ---------------------------------------------------------------- the action plan

  function initPlan(root) {
    var store = new Store(root.getAttribute("data-answers-key"), root);
    var meta = root.querySelector("[data-plan-meta]");
    var body = root.querySelector("[data-plan-body]");
    Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (b) {
      b.hidden = false;
      b.addEventListener("click", function () { window.print(); });
    });

    function render(all) {
      var date = longDate(today());
      var name = flat(store.data.name);
      if (meta) meta.textContent = name ? word("plan_meta", { name: name, date: date }) : word("plan_meta_noname", { date: date });
      body.textContent = "";
      var n = 0;
      all.lists.forEach(function (list, li) {
        var answers = store.data.lists[list.key] || map();
        var part = null;
        list.sections.forEach(function (section, si) {
          var open = section.items.filter(function (it) {
            var a = answers[it.id] && answers[it.id].answer;
            return a === "in-progress" || a === "not-yet";
          });
          if (!open.length) return;
          if (!part) {
            part = listSection("plan", li, list, all.base);
            body.appendChild(part);
          }
          var caption = null;
          if (section.title) {
            caption = el("h3", "plan-section-title", section.title);
            caption.id = "plan-" + li + "-" + si;
            part.appendChild(caption);
          }
          part.appendChild(planTable(open, answers, list, all.base, caption));
          n += open.length;
        });
      });
      if (!n) body.appendChild(el("p", "plan-empty", word("plan_empty")));
    }

    function load() {
      loadItems(root.getAttribute("data-items")).then(render, function () {
        showMessage(root, word("load_failed"));
      });
    }
    store.watch(load);
    load();
  }

  function planTable(open, answers, list, base, caption) {
    var table = el("table", "worksheet plan-table");
    if (caption) table.setAttribute("aria-labelledby", caption.id);
    var head = el("tr");
    [["item", "col-item"], ["answer", "col-answer"], ["owner", "col-owner"], ["target", "col-date"], ["note", "col-note"]].forEach(function (c) {
      var th = el("th", c[1], word(c[0]));
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
      cell.appendChild(el("span", "plan-item-text", itemText(it)));
      // A practice's own items need no link to it: the heading is that link.
      if (it.practice && it.practice.url !== list.url) {
        var a = el("a", null, it.practice.title);
        a.href = resolveUrl(it.practice.url, base);
        var p = el("span", "plan-practice");
        p.appendChild(wordNodes("item_label", { label: word("practice"), item: a }));
        cell.appendChild(p);
      }
      tr.appendChild(cell);
      var values = [answerWord(e.answer), e.owner, e.target ? longDate(e.target) : "", e.note];
      ["answer", "owner", "target", "note"].forEach(function (f, i) {
        var td = el("td", "plan-" + f, values[i]);
        // For the narrow screen's layout, where the cells stack under the item.
        td.setAttribute("data-label", word("item_label", { label: word(f), item: "" }));
        tr.appendChild(td);
      });
      tbody.appendChild(tr);
    });
    return table;
  }

  // ---------------------------------------------------------------- the team view

  function initTeam(root) {
    var pick = root.querySelector("[data-team-pick]");
    var input = root.querySelector("[data-team-files]");
    var body = root.querySelector("[data-team-body]");
    if (!input || !body) return;
    if (pick) pick.hidden = false;
    body.appendChild(el("p", "team-none", word("team_none")));

    input.addEventListener("change", function () {
      var files = Array.prototype.slice.call(input.files || []);
      if (!files.length) return;
      Promise.all([
        loadItems(root.getAttribute("data-items")),
        Promise.all(files.map(function (f) {
          return readFile(f).then(function (text) { return { file: f.name, text: text }; }, function () { return { file: f.name, text: "" }; });
        }))
      ]).then(function (r) {
        var all = r[0];
        var people = [];
        var problems = [];
        r[1].forEach(function (f) {
          var got = parseFile(f.text, all.guide);
          if (got.error === "other") problems.push(word("import_other", { file: f.file, guide: got.guide }));
          else if (got.error) problems.push(word("import_damaged", { file: f.file }));
          else people.push({ name: flat(got.name) || f.file, file: f.file, lists: got.lists });
        });
        // Two files with one name: the file tells them apart.
        people.forEach(function (p) {
          if (people.filter(function (q) { return q.name === p.name; }).length > 1 && p.name !== p.file) p.name += " (" + p.file + ")";
        });
        showMessage(root, problems.join(" "));
        renderTeam(body, people, all);
      }, function () {
        showMessage(root, word("load_failed"));
      });
    });
  }

  function renderTeam(body, people, all) {
    body.textContent = "";
    if (!people.length) {
      body.appendChild(el("p", "team-none", word("team_none")));
      return;
    }
    var who = el("p", "team-people");
    who.appendChild(el("strong", null, plural("team_people", people.length)));
    who.appendChild(document.createTextNode(" "));
    var names = el("span", "team-names", people.map(function (p) { return p.name; }).join(", "));
    who.appendChild(names);
    body.appendChild(who);
    scrollers = [];
    all.lists.forEach(function (list, li) {
      var answered = people.some(function (p) { return p.lists[list.key]; });
      if (!answered) return;
      var part = listSection("team", li, list, all.base);
      var summary = el("p", "team-list-summary");
      part.appendChild(summary);
      var differ = 0;
      list.sections.forEach(function (section, si) {
        var title = null;
        if (section.title) {
          title = el("h3", "team-section-title", section.title);
          title.id = "team-" + li + "-" + si;
          part.appendChild(title);
        }
        var wrap = el("div", "table-scroll");
        var table = el("table", "team-table");
        var head = el("tr");
        var cols = [word("item")].concat(people.map(function (p) { return p.name; }), [word("team_summary")]);
        cols.forEach(function (c, i) {
          var th = el("th", i === 0 ? "col-item" : i === cols.length - 1 ? "col-summary" : "col-person", c);
          th.scope = "col";
          head.appendChild(th);
        });
        table.appendChild(el("thead")).appendChild(head);
        var tbody = table.appendChild(el("tbody"));
        section.items.forEach(function (it) {
          var tr = el("tr");
          var th = el("th", "team-item", itemText(it));
          th.scope = "row";
          tr.appendChild(th);
          var c = { in_place: 0, in_progress: 0, not_yet: 0 };
          var seen = {};
          people.forEach(function (p) {
            var e = (p.lists[list.key] || map())[it.id] || { answer: "", owner: "", target: "", note: "" };
            var td = el("td", "team-answer");
            if (e.answer) {
              td.setAttribute("data-answer", e.answer);
              c[KEYS[e.answer]]++;
              seen[e.answer] = true;
            }
            td.appendChild(el("span", "team-answer-word", answerWord(e.answer)));
            if (e.owner) td.appendChild(el("span", "team-extra", word("item_label", { label: word("owner"), item: e.owner })));
            if (e.target) td.appendChild(el("span", "team-extra", word("item_label", { label: word("target"), item: longDate(e.target) })));
            if (e.note) td.appendChild(el("span", "team-extra", word("item_label", { label: word("note"), item: e.note })));
            tr.appendChild(td);
          });
          var sum = el("td", "team-summary", word("team_count", c));
          // Answers differ when people who answered gave different answers.
          if (Object.keys(seen).length > 1) {
            tr.className = "team-differ";
            sum.appendChild(el("strong", "team-differ-mark", word("team_differ")));
            differ++;
          }
          tr.appendChild(sum);
          tbody.appendChild(tr);
        });
        wrap.appendChild(table);
        if (title) wrap.setAttribute("aria-labelledby", title.id);
        else wrap.setAttribute("aria-labelledby", h2.id);
        part.appendChild(wrap);
        scrollers.push(wrap);
      });
      summary.textContent = differ ? plural("team_differ_count", differ) : word("team_same");
      body.appendChild(part);
    });
    focusable();
  }

  // A team table wider than the screen scrolls on its own; the keyboard can
  // reach it, as a named region, only when it does.
  var scrollers = [];
  function focusable() {
    scrollers.forEach(function (w) {
      if (w.scrollWidth > w.clientWidth + 1) {
        w.tabIndex = 0;
        w.setAttribute("role", "region");
      } else {
        w.removeAttribute("tabindex");
        w.removeAttribute("role");
      }
    });
  }
  window.addEventListener("resize", focusable);

  // ---------------------------------------------------------------- start

  function start() {
    var source = document.getElementById("practica-words");
    try { words = JSON.parse(source ? source.textContent : "{}") || {}; } catch (e) { words = {}; }
    scrollers = [];
    Array.prototype.forEach.call(document.querySelectorAll("[data-assess]"), initAssess);
    Array.prototype.forEach.call(document.querySelectorAll("[data-plan]"), initPlan);
    Array.prototype.forEach.call(document.querySelectorAll("[data-team]"), initTeam);
  }
  document.addEventListener("DOMContentLoaded", start);
  // The preview puts a saved page's new text in place: start again on it.
  (window.practicaRestart = window.practicaRestart || []).push(start);
})();
