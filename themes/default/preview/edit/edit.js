// The edit view and the new-page view of the preview, and the editor other
// views mount (window.practicaEditor.mount): the front matter as a form made
// from the guide's field description (GET /api/guide's `fields`), the body
// as Markdown in a textarea with a toolbar, the page rendered beside it as
// it is typed, the problems `check` would report at the top, saving only
// what changed, conflicts shown instead of overwritten, and unsaved changes
// kept in the browser until saved.
(function () {
  "use strict";

  var C = window.practicaCommon;
  if (!C) return;
  var el = C.el;

  // ---------------------------------------------------------------- words

  var LABELS = { next_review: "Next review", applies_to: "Applies to", source_hash: "Source version" };
  function labelOf(name) {
    return LABELS[name] || name.charAt(0).toUpperCase() + name.slice(1).replace(/_/g, " ");
  }
  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }
  function clock(date) {
    return (date || new Date()).toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  }

  /** Focus `node` with its top in view below the sticky Save bar (its scroll-margin), not under it. */
  function reveal(node) {
    node.focus({ preventScroll: true });
    node.scrollIntoView({ block: "start" });
  }

  // ---------------------------------------------------------------- the guide's names

  /** The name a page goes by in `related` and `applies_to`: its slug, or `area/slug` when two pages share one. */
  function pageNames(guide, kinds) {
    var pages = (guide.pages || []).filter(function (p) {
      return (!p.lang || p.lang === guide.lang) && kinds.indexOf(p.kind) >= 0;
    });
    function slug(p) {
      var parts = String(p.file).replace(/\.md$/, "").split("/");
      var last = parts[parts.length - 1];
      return last === "_index" ? parts[parts.length - 2] : last;
    }
    var count = {};
    pages.forEach(function (p) { count[slug(p)] = (count[slug(p)] || 0) + 1; });
    return pages.map(function (p) {
      var s = slug(p);
      var name = count[s] > 1 && p.area ? p.area + "/" + s : s;
      return { value: name, label: p.title + (p.kind === "area" ? " (practice area)" : "") };
    });
  }

  // ---------------------------------------------------------------- form controls

  /**
   * One control per field: { node, get(), set(value), focus(), fail(message) }.
   * get() is the value as JSON, or undefined when the field is empty. A
   * control given a value it cannot show as such (a date written another
   * way, a number that is text) shows it as text, so an untouched field
   * never changes.
   */
  function control(field, initial, ctx) {
    var id = ctx.prefix + "-" + field.name;
    var t = field.type;
    var ok = {
      date: function (v) { return v === undefined || /^\d{4}-\d{2}-\d{2}$/.test(String(v)); },
      int: function (v) { return v === undefined || (typeof v === "number" && Math.floor(v) === v); },
      bool: function (v) { return v === undefined || typeof v === "boolean"; },
      list: function (v) { return v === undefined || Array.isArray(v) && v.every(function (x) { return typeof x !== "object"; }); },
      one_or_list: function (v) { return v === undefined || typeof v === "string" || Array.isArray(v) && v.every(function (x) { return typeof x === "string"; }); },
      records: function (v) { return v === undefined || Array.isArray(v) && v.every(function (x) { return x && typeof x === "object" && !Array.isArray(x); }); },
    };
    if (ok[t] && !ok[t](initial)) t = "raw";
    var c;
    if (t === "bool") c = checkbox(field, id, initial);
    else if (t === "list" && field.names === "audiences") c = checkboxes(field, id, ctx.guide.audiences || [], false);
    else if (t === "one_or_list" && field.names === "sources") c = checkboxes(field, id, ctx.guide.sources || [], true, initial);
    else if (t === "list" || t === "one_or_list") c = chips(field, id, ctx);
    else if (t === "records") c = records(field, id, ctx);
    else if (t === "raw") c = raw(field, id);
    else c = single(field, id, t);
    c.field = field;
    c.set(initial);
    if (ctx.readOnly) c.node.querySelectorAll("input, select, textarea, button").forEach(function (x) { x.disabled = true; });
    return c;
  }

  /** Help text with its `code` as code. */
  function codeSpans(text) {
    return String(text).split("`").map(function (part, i) {
      return i % 2 ? el("code", { text: part }) : part;
    });
  }

  /** The label's words: the name, and "(required)". */
  function labelWords(field) {
    return [labelOf(field.name), field.required ? el("span", { class: "pe-req", text: " (required)" }) : null];
  }

  /** The hint and error paragraphs of a field, and `describe(node)` to tie them to a control or fieldset. */
  function notes(field, id) {
    var hint = field.help ? el("p", { class: "pe-hint", id: id + "-hint" }, codeSpans(field.help)) : null;
    var error = el("p", { class: "pe-error", id: id + "-error", hidden: true });
    var targets = [];
    var extra = [];
    function refresh() {
      var ids = [hint ? hint.id : null].concat(extra).concat(error.hidden ? [] : [error.id]).filter(Boolean);
      targets.forEach(function (t) {
        if (ids.length) t.setAttribute("aria-describedby", ids.join(" "));
        else t.removeAttribute("aria-describedby");
      });
    }
    return {
      hint: hint,
      error: error,
      describe: function (node, more) {
        targets.push(node);
        if (more) extra.push(more);
        refresh();
      },
      fail: function (message, invalid) {
        error.textContent = message ? "Error: " + message : "";
        error.hidden = !message;
        (invalid || []).forEach(function (x) {
          if (message) x.setAttribute("aria-invalid", "true");
          else x.removeAttribute("aria-invalid");
        });
        refresh();
      },
    };
  }

  function single(field, id, t) {
    var n = notes(field, id);
    var input;
    if (t === "choice") {
      input = el("select", { id: id, name: field.name });
      input.appendChild(el("option", { value: "", text: field.required ? "Choose one" : "(none)" }));
      (field.choices || []).forEach(function (ch) { input.appendChild(el("option", { value: ch, text: ch })); });
    } else if (field.max_length) {
      input = el("textarea", { id: id, name: field.name, rows: 2 });
    } else {
      var type = t === "date" ? "date" : t === "int" ? "number" : "text";
      input = el("input", { id: id, name: field.name, type: type, min: field.min, max: field.max, step: t === "int" ? 1 : null,
        inputmode: t === "int" ? "numeric" : null, autocomplete: "off" });
    }
    if (field.required) input.setAttribute("aria-required", "true");
    var count = null;
    var spoken = null;
    if (field.max_length) {
      count = el("p", { class: "pe-count", id: id + "-count" });
      spoken = el("p", { class: "pe-visually-hidden", "aria-live": "polite" });
      var timer = null;
      var update = function (speak) {
        var left = field.max_length - input.value.length;
        count.textContent = left >= 0
          ? plural(left, "character", "characters") + " left of " + field.max_length
          : plural(-left, "character", "characters") + " too many (at most " + field.max_length + ")";
        count.classList.toggle("pe-over", left < 0);
        clearTimeout(timer);
        // Said once they pause, not at every key.
        if (speak) timer = setTimeout(function () { spoken.textContent = count.textContent; }, 1000);
      };
      input.addEventListener("input", function () { update(true); });
      input.updateCount = update;
    }
    n.describe(input, count ? count.id : null);
    var node = el("div", { class: "pe-field", "data-field": field.name },
      el("label", { for: id }, labelWords(field)), n.hint, n.error, input, count, spoken);
    return {
      node: node,
      get: function () {
        var v = input.value;
        if (!v.trim()) return undefined;
        if (t === "int" && /^-?\d+$/.test(v.trim())) return Number(v.trim());
        return v;
      },
      set: function (v) {
        if (t === "choice" && v !== undefined && v !== null && !Array.prototype.some.call(input.options, function (o) { return o.value === String(v); })) {
          input.appendChild(el("option", { value: String(v), text: String(v) }));
        }
        input.value = v === undefined || v === null ? "" : String(v);
        if (input.updateCount) input.updateCount(false);
      },
      focus: function () { input.focus(); },
      fail: function (m) { n.fail(m, [input]); },
    };
  }

  /** A value the form cannot show as its field's type, as YAML-ish text that is only sent when edited. */
  function raw(field, id) {
    var n = notes(field, id);
    var input = el("input", { id: id, name: field.name, type: "text", autocomplete: "off" });
    n.describe(input);
    var shown = "";
    var original;
    var node = el("div", { class: "pe-field", "data-field": field.name },
      el("label", { for: id }, labelWords(field)), n.hint, n.error, input);
    return {
      node: node,
      get: function () {
        if (input.value === shown) return original;
        return input.value.trim() ? input.value : undefined;
      },
      set: function (v) {
        original = v;
        shown = v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v);
        input.value = shown;
      },
      focus: function () { input.focus(); },
      fail: function (m) { n.fail(m, [input]); },
    };
  }

  function checkbox(field, id, initial) {
    var n = notes(field, id);
    var input = el("input", { type: "checkbox", id: id, name: field.name });
    n.describe(input);
    var present = initial !== undefined;
    var node = el("div", { class: "pe-field pe-check", "data-field": field.name },
      n.error, el("div", { class: "pe-choice" }, input, el("label", { for: id }, labelWords(field))), n.hint);
    return {
      node: node,
      // Unticked stays absent when the file did not have the key.
      get: function () { return input.checked ? true : present ? false : undefined; },
      set: function (v) { input.checked = v === true; },
      focus: function () { input.focus(); },
      fail: function (m) { n.fail(m, [input]); },
    };
  }

  /** Checkboxes for the guide's audiences or sources (`one`: a single choice is written as one word). */
  function checkboxes(field, id, named, one, initial) {
    var n = notes(field, id);
    var box = el("div", { class: "pe-options" });
    var set = el("fieldset", { class: "pe-field pe-group", "data-field": field.name, id: id },
      el("legend", {}, labelWords(field)), n.hint, n.error, box);
    n.describe(set);
    var wasList = Array.isArray(initial);
    var inputs = [];
    function add(key, label) {
      var input = el("input", { type: "checkbox", id: id + "-" + inputs.length, value: key });
      inputs.push(input);
      box.appendChild(el("div", { class: "pe-choice" }, input, el("label", { for: input.id, text: label })));
      return input;
    }
    named.forEach(function (a) { add(a.key, a.label + (a.label !== a.key ? " (" + a.key + ")" : "")); });
    if (!named.length) box.appendChild(el("p", { class: "pe-hint", text: "guide.yaml names none yet." }));
    return {
      node: set,
      get: function () {
        var on = inputs.filter(function (i) { return i.checked; }).map(function (i) { return i.value; });
        if (!on.length) return undefined;
        return one && on.length === 1 && !wasList ? on[0] : on;
      },
      set: function (v) {
        var list = v === undefined || v === null ? [] : Array.isArray(v) ? v : [v];
        list.forEach(function (k) {
          if (!inputs.some(function (i) { return i.value === String(k); })) add(String(k), String(k) + " (not in guide.yaml)");
        });
        inputs.forEach(function (i) { i.checked = list.map(String).indexOf(i.value) >= 0; });
      },
      focus: function () { (inputs[0] || set).focus(); },
      fail: function (m) { n.fail(m, inputs); },
    };
  }

  /** A list of words (tags, pages) as removable items and a box to add one, suggesting the guide's own. */
  function chips(field, id, ctx) {
    var n = notes(field, id);
    var suggestions = field.names === "pages"
      ? pageNames(ctx.guide, field.name === "applies_to" ? ["practice", "area"] : ["practice"])
      : field.name === "tags" ? (ctx.guide.tags || []).map(function (t) { return { value: t, label: t }; }) : [];
    var labelOfValue = {};
    suggestions.forEach(function (s) { labelOfValue[s.value] = s.label; });
    var values = [];
    var wasList = false;
    var list = el("ul", { class: "pe-chips" });
    var what = field.names === "pages" ? "page" : field.name === "tags" ? "tag" : "entry";
    var addId = id + "-add";
    var listId = id + "-suggestions";
    var input = el("input", { type: "text", id: addId, list: suggestions.length ? listId : null, autocomplete: "off" });
    var addButton = el("button", { type: "button", class: "pe-button", text: "Add" });
    var datalist = suggestions.length ? el("datalist", { id: listId }) : null;
    suggestions.forEach(function (s) { datalist.appendChild(el("option", { value: s.value, label: s.label })); });
    var set = el("fieldset", { class: "pe-field pe-group", "data-field": field.name, id: id },
      el("legend", {}, labelWords(field)), n.hint, n.error, list,
      el("div", { class: "pe-add" },
        el("label", { for: addId, text: "Add a " + what }),
        el("div", { class: "pe-add-row" }, input, addButton)),
      datalist);
    n.describe(set);
    function render() {
      list.textContent = "";
      values.forEach(function (v, i) {
        var name = labelOfValue[v] && labelOfValue[v] !== v ? labelOfValue[v] + " (" + v + ")" : v;
        list.appendChild(el("li", {},
          el("span", { text: name }),
          el("button", { type: "button", class: "pe-chip-remove", "aria-label": "Remove " + name, text: "Remove", onclick: function () {
            values.splice(i, 1);
            render();
            set.dispatchEvent(new Event("input", { bubbles: true }));
            (list.querySelector("button") || input).focus();
          } })));
      });
      list.hidden = !values.length;
    }
    function add() {
      var raw = input.value.trim();
      if (!raw) return;
      // A title typed in full is taken as its page.
      var match = suggestions.filter(function (s) { return s.value === raw || s.label.toLowerCase() === raw.toLowerCase(); })[0];
      var v = match ? match.value : raw;
      if (values.indexOf(v) < 0) values.push(v);
      input.value = "";
      render();
      set.dispatchEvent(new Event("input", { bubbles: true }));
      input.focus();
    }
    addButton.addEventListener("click", add);
    input.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter") {
        ev.preventDefault();
        add();
      }
    });
    // Typing in the box is not a change until the word is added.
    input.addEventListener("input", function (ev) { ev.stopPropagation(); });
    return {
      node: set,
      get: function () {
        if (!values.length) return undefined;
        return field.type === "one_or_list" && values.length === 1 && !wasList ? values[0] : values.slice();
      },
      set: function (v) {
        wasList = Array.isArray(v);
        values = v === undefined || v === null ? [] : (Array.isArray(v) ? v : [v]).map(String);
        render();
      },
      focus: function () { input.focus(); },
      fail: function (m) { n.fail(m, [input]); },
    };
  }

  /** `changes:` and its like: one small group per entry, and "Add a change note" with today's date. */
  function records(field, id, ctx) {
    var n = notes(field, id);
    var inner = field.fields || [];
    var list = el("ol", { class: "pe-records" });
    var entries = [];
    var addButton = el("button", { type: "button", class: "pe-button", text: field.name === "changes" ? "Add a change note" : "Add an entry" });
    var set = el("fieldset", { class: "pe-field pe-group pe-wide", "data-field": field.name, id: id },
      el("legend", {}, labelWords(field)), n.hint, n.error, list, addButton);
    n.describe(set);
    var serial = 0;
    function entry(value) {
      serial += 1;
      var rid = id + "-" + serial;
      var inputs = {};
      var extra = {};
      Object.keys(value || {}).forEach(function (k) {
        if (!inner.some(function (f) { return f.name === k; })) extra[k] = value[k];
      });
      var row = el("li", { class: "pe-record" });
      var legend = el("legend", {});
      var group = el("fieldset", {}, legend);
      inner.forEach(function (f) {
        var fid = rid + "-" + f.name;
        var v = value ? value[f.name] : undefined;
        var input = f.type === "date" && (v === undefined || /^\d{4}-\d{2}-\d{2}$/.test(String(v)))
          ? el("input", { type: "date", id: fid })
          : el("input", { type: "text", id: fid, autocomplete: "off" });
        input.value = v === undefined || v === null ? "" : String(v);
        inputs[f.name] = input;
        group.appendChild(el("div", { class: "pe-field pe-field-" + f.type },
          el("label", { for: fid, text: labelOf(f.name) + (f.required ? " (required)" : "") }), input));
      });
      var remove = el("button", { type: "button", class: "pe-button pe-quiet", text: "Remove" });
      group.appendChild(remove);
      row.appendChild(group);
      var item = {
        row: row,
        legend: legend,
        remove: remove,
        inputs: inputs,
        get: function () {
          var out = {};
          var any = false;
          inner.forEach(function (f) {
            var v = inputs[f.name].value;
            if (v.trim()) {
              out[f.name] = v;
              any = true;
            }
          });
          Object.keys(extra).forEach(function (k) { out[k] = extra[k]; });
          return any || Object.keys(extra).length ? out : null;
        },
      };
      remove.addEventListener("click", function () {
        var at = entries.indexOf(item);
        entries.splice(at, 1);
        row.remove();
        number();
        set.dispatchEvent(new Event("input", { bubbles: true }));
        var next = entries[at] || entries[at - 1];
        if (next) next.remove.focus();
        else addButton.focus();
      });
      return item;
    }
    function number() {
      entries.forEach(function (e, i) {
        e.legend.textContent = "Change " + (i + 1);
        e.remove.textContent = "Remove change " + (i + 1);
      });
      list.hidden = !entries.length;
    }
    addButton.addEventListener("click", function () {
      var value = {};
      inner.forEach(function (f) { if (f.type === "date") value[f.name] = ctx.guide.today || new Date().toISOString().slice(0, 10); });
      var item = entry(value);
      entries.push(item);
      list.appendChild(item.row);
      number();
      set.dispatchEvent(new Event("input", { bubbles: true }));
      var focus = inner.filter(function (f) { return f.type !== "date"; })[0];
      (focus ? item.inputs[focus.name] : item.remove).focus();
    });
    return {
      node: set,
      get: function () {
        var out = entries.map(function (e) { return e.get(); }).filter(Boolean);
        return out.length ? out : undefined;
      },
      set: function (v) {
        list.textContent = "";
        entries = (Array.isArray(v) ? v : []).map(function (x) {
          var item = entry(x);
          list.appendChild(item.row);
          return item;
        });
        number();
      },
      focus: function () { (set.querySelector("input") || addButton).focus(); },
      fail: function (m) { n.fail(m, []); },
    };
  }

  // ---------------------------------------------------------------- kept in the browser

  var DRAFT = "practica-edit:";
  function draftKey(path, hash) {
    return DRAFT + path + ":" + hash;
  }
  function storage() {
    try {
      return window.localStorage;
    } catch (err) {
      return null;
    }
  }
  /** The draft kept for `path`: the one made from `hash` first, else any older one. */
  function findDraft(path, hash) {
    var s = storage();
    if (!s) return null;
    var exact = s.getItem(draftKey(path, hash));
    var key = exact ? draftKey(path, hash) : null;
    if (!key) {
      for (var i = 0; i < s.length; i++) {
        var k = s.key(i);
        if (k && k.indexOf(DRAFT + path + ":") === 0) key = k;
      }
    }
    if (!key) return null;
    try {
      var d = JSON.parse(s.getItem(key));
      d.key = key;
      d.hash = key.slice((DRAFT + path + ":").length);
      return d;
    } catch (err) {
      return null;
    }
  }

  // ---------------------------------------------------------------- the editor

  /**
   * Mount the editor of one file in `container`. opts: { path, readOnly,
   * line (a line of the file to select), onSaved(result), onLoaded(file),
   * shortcuts (Ctrl+S; default true unless readOnly), keep (drafts in
   * localStorage; default true unless readOnly) }. Resolves to the editor.
   */
  function mount(container, opts) {
    var editor = new Editor(container, opts || {});
    return editor.start().then(function () { return editor; });
  }

  function Editor(container, opts) {
    this.container = container;
    this.opts = opts;
    this.path = opts.path;
    this.readOnly = !!opts.readOnly;
    this.prefix = C.uid("pe");
    this.previewSeq = 0;
    this.previewTimer = null;
    this.keepTimer = null;
    this.saving = false;
    this.bodyLine = 1;
  }

  Editor.prototype.start = function () {
    var self = this;
    self.container.textContent = "";
    self.container.appendChild(el("p", { class: "pe-loading", text: "Loading the page…" }));
    return Promise.all([C.guide(), C.api("GET", "file?" + C.query({ path: self.path }))]).then(function (got) {
      self.guide = got[0];
      var r = got[1];
      if (!r.ok) {
        self.container.textContent = "";
        self.container.appendChild(el("div", { class: "pe-summary", role: "alert" },
          el("h2", { text: r.status === 404 ? "There is no such file" : "This file cannot be edited here" }),
          el("p", { text: r.data.error || "The preview answered " + r.status + "." })));
        throw new Error(r.data.error || String(r.status));
      }
      self.build(r.data);
      if (self.opts.onLoaded) self.opts.onLoaded(r.data);
    });
  };

  /** The fields of this file's kind, as the guide describes them; none for a file edited as plain text. */
  Editor.prototype.fields = function (file) {
    var all = this.guide.fields || {};
    if (this.raw) return [];
    var list = (all[file.kind] || []).slice();
    // A translation's form offers what is said in its language; the rest is
    // the original's, which a translation may not change.
    if (file.original) list = list.filter(function (f) { return f.translated !== false; });
    if (file.original) (all.translation || []).forEach(function (f) {
      if (!list.some(function (x) { return x.name === f.name; })) list.push(f);
    });
    return list;
  };

  Editor.prototype.build = function (file) {
    var self = this;
    self.file = file;
    // guide.yaml, or a kind the description does not know: the whole text, no form.
    self.raw = !(self.guide.fields || {})[file.kind];
    self.hash = file.hash;
    self.startText = file.text;
    self.baseBody = self.raw ? file.text : file.body;
    self.bodyLine = self.raw ? 1 : file.body_line || 1;
    var h = "h" + Math.min(6, Math.max(2, Number(self.opts.headingLevel) || 2));
    var fm = file.front_matter || {};
    var ctx = { guide: self.guide, prefix: self.prefix, readOnly: self.readOnly };
    self.controls = self.fields(file).map(function (f) {
      var c = control(f, fm[f.name], ctx);
      c.base = JSON.stringify(c.get());
      return c;
    });
    var p = self.prefix;
    var c = self.container;
    self.h = h;
    c.textContent = "";

    self.status = el("p", { class: "pe-status", role: "status" });
    self.saveButton = el("button", { type: "submit", class: "pe-button pe-primary", text: "Save", "aria-keyshortcuts": "Control+S" });
    self.notice = el("div", { class: "pe-notice", hidden: true });
    self.diskNotice = el("p", { class: "pe-notice", hidden: true });
    self.summary = el("section", { class: "pe-summary", tabindex: "-1", hidden: true, "aria-labelledby": p + "-summary-title" });
    self.conflictBox = el("section", { class: "pe-conflict", hidden: true, tabindex: "-1", "aria-labelledby": p + "-conflict-title" });

    self.textarea = el("textarea", { id: p + "-body", class: "pe-body", spellcheck: "true", rows: 24,
      "aria-describedby": p + "-body-hint", readonly: self.readOnly });
    self.textarea.value = self.baseBody;
    // The page in the site's own look: an iframe with the site's stylesheets,
    // no scripts, whose <main> gets each new rendering (so its scroll stays).
    self.note = el("p", { class: "pe-hint", hidden: true });
    self.frame = el("iframe", { class: "pe-frame", title: "How the page will look",
      sandbox: "allow-same-origin allow-top-navigation-by-user-activation" });
    self.frameKey = null;
    self.frameReady = false;
    self.frame.addEventListener("load", function () {
      self.frameReady = true;
      self.fill();
    });
    self.article = el("div", { class: "pe-rendered" }, self.note, self.frame);

    var others = Object.keys(fm).filter(function (k) {
      return !self.controls.some(function (x) { return x.field.name === k; });
    });
    var details = self.raw ? null : el("section", { class: "pe-details", "aria-labelledby": p + "-details-title" },
      el(h, { id: p + "-details-title", text: "About this page" }),
      others.length ? el("p", { class: "pe-hint", text: "Also in the file, kept as they are: " + others.join(", ") + "." }) : null,
      el("div", { class: "pe-fields" }, self.controls.map(function (x) { return x.node; })));

    var told = function (m) { self.say(m); };
    var write = el("section", { class: "pe-write", "aria-labelledby": p + "-text-title" },
      el(h, { id: p + "-text-title", text: "Text" }),
      el("label", { for: self.textarea.id, class: "pe-label", text: self.raw ? "The file's text" : "The page's text, in Markdown" }),
      el("p", { id: p + "-body-hint", class: "pe-hint", text: self.readOnly
        ? "Read only."
        : self.raw ? "This file has no form here: edit its text; the problems above say what to fix."
        : "The buttons add headings, lists, checklist items, callouts, links to other pages and images. Text pasted from Word or Google Docs keeps its headings, lists, links and tables." }),
      self.readOnly || self.raw ? null : window.practicaToolbar ? window.practicaToolbar.create(self.textarea, { guide: self.guide, told: told }) : null,
      self.textarea);
    var look = el("section", { class: "pe-look", "aria-labelledby": p + "-look-title" },
      el(h, { id: p + "-look-title", text: self.raw ? "The guide" : "How the page will look" }),
      self.article);

    var form = el("form", { class: "pe-form", novalidate: true },
      self.readOnly ? null : el("div", { class: "pe-bar" }, self.saveButton, self.status),
      self.notice, self.diskNotice, self.conflictBox, self.summary,
      el("div", { class: "pe-editing" }, el("div", { class: "pe-columns" }, el("div", { class: "pe-left" }, details, write), look)));
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      self.save();
    });
    form.addEventListener("input", function (ev) {
      if (self.conflictBox.contains(ev.target)) return;
      self.changed();
    });
    form.addEventListener("change", function (ev) {
      if (self.conflictBox.contains(ev.target)) return;
      self.changed();
    });
    self.form = form;
    c.appendChild(form);
    if (window.practicaPaste && !self.readOnly && !self.raw) window.practicaPaste.attach(self.textarea, told);

    if (!self.readOnly && self.opts.keep !== false) self.restore();
    if (!self.bound && !self.readOnly && self.opts.shortcuts !== false) {
      self.bound = true;
      document.addEventListener("keydown", function (ev) {
        if ((ev.ctrlKey || ev.metaKey) && !ev.altKey && ev.key.toLowerCase() === "s" && document.contains(self.form)) {
          ev.preventDefault();
          self.save();
        }
      });
      window.addEventListener("beforeunload", function (ev) {
        if (!self.dirty()) return;
        ev.preventDefault();
        ev.returnValue = "";
      });
    }
    self.preview(0);
    self.watch();
    if (self.opts.line) self.goToLine(Number(self.opts.line));
  };

  /** The front-matter keys the editor changed, with their new values (null: removed). */
  Editor.prototype.changes = function () {
    var out = {};
    this.controls.forEach(function (c) {
      var v = c.get();
      if (JSON.stringify(v) !== c.base) out[c.field.name] = v === undefined ? null : v;
    });
    return out;
  };
  Editor.prototype.body = function () {
    return this.textarea.value;
  };
  Editor.prototype.dirty = function () {
    return !!this.controls && (Object.keys(this.changes()).length > 0 || this.body() !== this.baseBody);
  };

  Editor.prototype.changed = function () {
    var self = this;
    self.preview(400);
    clearTimeout(self.keepTimer);
    self.keepTimer = setTimeout(function () { self.keep(); }, 300);
    if (self.opts.onChange) self.opts.onChange(self);
  };

  Editor.prototype.say = function (message, link) {
    if (!this.status) return;
    this.status.textContent = message;
    if (link) {
      this.status.appendChild(document.createTextNode(" "));
      this.status.appendChild(el("a", { href: link.href, text: link.text }));
    }
  };

  // ----------------------------------------------------------------- drafts

  Editor.prototype.keep = function () {
    var s = storage();
    // While a save is on its way, the draft would be of a text about to be replaced.
    if (!s || this.readOnly || this.opts.keep === false || this.saving) return;
    var key = draftKey(this.path, this.hash);
    try {
      if (!this.dirty()) {
        s.removeItem(key);
        return;
      }
      var values = {};
      this.controls.forEach(function (c) { values[c.field.name] = c.get() === undefined ? null : c.get(); });
      s.setItem(key, JSON.stringify({ values: values, body: this.body(), at: new Date().toISOString() }));
    } catch (err) {
      // Full or refused storage: the beforeunload question still protects the edit.
    }
  };

  Editor.prototype.forget = function () {
    clearTimeout(this.keepTimer);
    var s = storage();
    if (!s) return;
    var prefix = DRAFT + this.path + ":";
    var keys = [];
    for (var i = 0; i < s.length; i++) if (s.key(i) && s.key(i).indexOf(prefix) === 0) keys.push(s.key(i));
    keys.forEach(function (k) { s.removeItem(k); });
  };

  /** Unsaved changes from an earlier visit, put back with a notice. */
  Editor.prototype.restore = function () {
    var self = this;
    var d = findDraft(self.path, self.hash);
    if (!d) return;
    var older = d.hash !== self.hash;
    self.controls.forEach(function (c) {
      if (d.values && Object.prototype.hasOwnProperty.call(d.values, c.field.name)) {
        c.set(d.values[c.field.name] === null ? undefined : d.values[c.field.name]);
      }
    });
    if (typeof d.body === "string") self.textarea.value = d.body;
    // Made from an older version of the file: saving shows both versions.
    if (older) self.hash = d.hash;
    var when = d.at ? new Date(d.at) : null;
    self.notice.textContent = "";
    self.notice.appendChild(el("p", { text:
      "Your unsaved changes" + (when ? " from " + when.toLocaleString() : "") + " were put back. They are kept in this browser until you save." +
      (older ? " The file has changed on disk since; when you save, you will see both versions and choose." : "") }));
    self.notice.appendChild(el("button", { type: "button", class: "pe-button", text: "Discard my unsaved changes", onclick: function () {
      self.forget();
      self.hash = self.file.hash;
      self.build(self.file);
      self.say("Your unsaved changes were discarded.");
      self.saveButton.focus();
    } }));
    self.notice.hidden = false;
  };

  // ----------------------------------------------------------------- preview and problems

  Editor.prototype.preview = function (delay) {
    var self = this;
    clearTimeout(self.previewTimer);
    self.previewTimer = setTimeout(function () {
      var seq = ++self.previewSeq;
      var body = self.body();
      var req = self.raw ? { path: self.path, text: body } : { path: self.path, changes: self.changes(), body: body, base: self.startText };
      C.api("POST", "preview", req).then(function (r) {
        // Only the answer to the latest text counts.
        if (seq !== self.previewSeq || !document.contains(self.form)) return;
        if (!r.ok) {
          self.show(null, "No preview: " + (r.data.error || r.status));
          return;
        }
        var text = r.data.text || "";
        if (!self.raw && body && text.slice(-body.length) === body) self.bodyLine = text.slice(0, text.length - body.length).split("\n").length;
        self.previewText = text;
        if (typeof r.data.html === "string") self.show(r.data.html, null, r.data.stylesheets, r.data.url);
        else {
          self.show(null, self.raw
            ? "Saving this file rebuilds the whole guide; the problems above are what check finds with this text."
            : "The page cannot be shown with this text: the problems above say why.");
        }
        self.problems(r.data.problems || [], text);
      });
    }, delay);
  };

  function attr(v) {
    return String(v).replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;");
  }

  /** The rendered page in the frame, or `note` in its place. */
  Editor.prototype.show = function (html, note, sheets, url) {
    this.note.textContent = note || "";
    this.note.hidden = !note;
    this.frame.hidden = html === null;
    if (html === null) return;
    this.shown = html;
    var key = JSON.stringify([sheets || [], url || ""]);
    if (key !== this.frameKey) {
      this.frameKey = key;
      this.frameReady = false;
      var lang = (this.file && this.file.lang) || this.guide.lang || "en";
      this.frame.srcdoc = "<!DOCTYPE html><html lang=\"" + attr(lang) + "\"><head><meta charset=\"utf-8\"><title>Preview</title>" +
        (url ? "<base href=\"" + attr(url) + "\" target=\"_top\">" : "<base target=\"_top\">") +
        (sheets || []).map(function (h) { return "<link rel=\"stylesheet\" href=\"" + attr(h) + "\">"; }).join("") +
        "<style>main{padding:12px 16px}</style></head><body><main id=\"main\"></main></body></html>";
      return; // its load puts the page in
    }
    this.fill();
  };

  Editor.prototype.fill = function () {
    if (!this.frameReady || this.shown === undefined) return;
    var doc = this.frame.contentDocument;
    var main = doc && doc.getElementById("main");
    if (main) main.innerHTML = this.shown;
  };

  /** The front-matter key on `line` of `text` (or above it, for a list's items). */
  function keyAt(text, line) {
    var lines = text.split("\n");
    for (var i = Math.min(line, lines.length) - 1; i >= 1; i--) {
      var m = /^([A-Za-z_][\w-]*)\s*:/.exec(lines[i]);
      if (m) return m[1];
      if (lines[i] === "---") break;
    }
    return null;
  }

  Editor.prototype.control = function (name) {
    return this.controls.filter(function (c) { return c.field.name === name; })[0];
  };

  Editor.prototype.problems = function (all, text) {
    var self = this;
    var p = self.prefix;
    var mine = all.filter(function (x) { return !x.file || x.file === self.path; });
    var elsewhere = all.length - mine.length;
    self.controls.forEach(function (c) { c.fail(null); });
    var s = self.summary;
    s.textContent = "";
    self.lastProblems = mine;
    if (!mine.length) {
      s.hidden = true;
      return;
    }
    var errors = mine.filter(function (x) { return x.severity === "error"; }).length;
    var warnings = mine.filter(function (x) { return x.severity === "warning"; }).length;
    var notes = mine.length - errors - warnings;
    s.classList.toggle("pe-only-warnings", !errors && warnings > 0);
    s.classList.toggle("pe-only-notes", !errors && !warnings);
    var list = el("ul", { class: "pe-summary-list" });
    var shown = {};
    mine.forEach(function (x) {
      var field = self.raw ? null : x.field || (x.line && x.line < self.bodyLine ? keyAt(text, x.line) : null);
      var c = field ? self.control(field) : null;
      var where;
      var href;
      var go;
      if (c) {
        where = labelOf(field);
        href = "#" + (c.node.id || c.node.querySelector("input, select, textarea").id);
        go = function () { c.focus(); };
        if (!shown[field]) {
          shown[field] = true;
          c.fail(x.message);
        }
      } else if (x.line && x.line >= self.bodyLine) {
        var n = x.line - self.bodyLine + 1;
        where = "Text, line " + n;
        href = "#" + self.textarea.id;
        go = function () { C.selectLine(self.textarea, n); };
      } else {
        where = x.line ? "Line " + x.line + " of the file" : "The page";
      }
      var words = (x.severity === "warning" ? "Warning: " : x.severity === "note" ? "Note: " : "") + where + ": " + x.message;
      var item = el("li", { class: "pe-" + (x.severity || "error") },
        href ? el("a", { href: href, text: words, onclick: function (ev) { ev.preventDefault(); go(); } }) : el("span", { text: words }),
        x.help ? el("span", { class: "pe-help", text: x.help }) : null,
        x.code ? el("span", { class: "pe-code", text: " (" + x.code + ")" }) : null);
      list.appendChild(item);
    });
    var rest = [warnings ? plural(warnings, "warning", "warnings") : null, notes ? plural(notes, "note", "notes") : null].filter(Boolean).join(" and ");
    var title = errors
      ? (errors === 1 ? "There is a problem" : "There are " + errors + " problems") + (rest ? ", and " + rest : "")
      : rest.charAt(0).toUpperCase() + rest.slice(1);
    s.appendChild(el(self.h, { id: p + "-summary-title", text: title }));
    s.appendChild(el("p", { class: "pe-hint", text: "The page is saved even with problems; the site keeps its last good version until they are fixed." }));
    s.appendChild(list);
    if (elsewhere) {
      s.appendChild(el("p", {}, plural(elsewhere, "more problem", "more problems") + " elsewhere in the guide: ",
        el("a", { href: C.view("status"), text: "Guide status" })));
    }
    s.hidden = false;
  };

  /** Select line `n` of the file: in the text, or the field it belongs to. */
  Editor.prototype.goToLine = function (n) {
    if (!n || n < 1) return;
    if (n >= this.bodyLine) {
      C.selectLine(this.textarea, n - this.bodyLine + 1);
      return;
    }
    var key = keyAt(this.startText, n);
    var c = key ? this.control(key) : null;
    if (c) c.focus();
  };

  // ----------------------------------------------------------------- the file on disk

  /**
   * Follow the preview's rebuilds (its live channel): when this file changed
   * on disk, an untouched form shows the new text; with unsaved changes the
   * editor is told now, not only when they save. Any rebuild may change the
   * problems (a page linked to was renamed), so the preview runs again.
   */
  Editor.prototype.watch = function () {
    var self = this;
    if (self.watching || !window.WebSocket) return;
    self.watching = true;
    function open() {
      var ws;
      try {
        ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host + "/__practica/events");
      } catch (err) {
        return;
      }
      ws.onmessage = function () {
        clearTimeout(self.watchTimer);
        self.watchTimer = setTimeout(function () { self.recheck(); }, 250);
      };
      ws.onclose = function () {
        if (document.contains(self.form)) setTimeout(open, 2000);
      };
    }
    open();
  };

  Editor.prototype.recheck = function () {
    var self = this;
    if (self.saving || !document.contains(self.form)) return;
    C.api("GET", "file?" + C.query({ path: self.path })).then(function (r) {
      if (!r.ok || self.saving) return;
      if (r.data.hash === self.hash || r.data.hash === self.toldHash) {
        self.preview(0);
        return;
      }
      if (!self.dirty() && self.conflictBox.hidden) {
        var active = document.activeElement && self.form.contains(document.activeElement) ? document.activeElement.id : null;
        self.build(r.data);
        var again = active && document.getElementById(active);
        if (again) again.focus();
        self.say("The file changed on disk; the form and the text show it as it is now.");
        return;
      }
      self.toldHash = r.data.hash;
      self.diskNotice.textContent = "The file has changed on disk since you opened it (another editor, a git pull or a text editor). Your changes are not lost: when you save, you will see both versions and choose.";
      self.diskNotice.hidden = false;
      self.say("The file changed on disk: see the notice above the form.");
    });
  };

  // ----------------------------------------------------------------- saving

  Editor.prototype.save = function (whole) {
    var self = this;
    if (self.readOnly || self.saving) return Promise.resolve(null);
    var changes = self.changes();
    var body = self.body();
    if (!whole && !Object.keys(changes).length && body === self.baseBody) {
      self.say("Nothing to save: no changes since the last save.");
      return Promise.resolve(null);
    }
    if (!whole && self.raw) whole = { hash: self.hash, text: body, keep: true };
    var req = whole ? { path: self.path, hash: whole.hash, text: whole.text } : { path: self.path, hash: self.hash, changes: changes, body: body, base: self.startText };
    self.saving = true;
    self.saveButton.disabled = true;
    self.say("Saving…");
    return C.api("POST", "save", req).then(function (r) {
      self.saving = false;
      self.saveButton.disabled = false;
      if (r.status === 409 && r.data.disk) {
        self.keep();
        self.conflict(r.data);
        return null;
      }
      if (!r.ok) {
        self.keep();
        self.say("Not saved: " + (r.data.error || "the preview answered " + r.status) + " Your changes are still here.");
        return null;
      }
      return self.saved(r.data, changes, body, !!whole && !whole.keep);
    });
  };

  Editor.prototype.saved = function (result, changes, body, whole) {
    var self = this;
    self.forget();
    self.hash = result.hash;
    self.startText = result.text;
    var next = function () {
      var url = self.file.url;
      self.say("Saved at " + clock() + ". The site preview rebuilds by itself.", url ? { href: url, text: "View the page" } : null);
      self.preview(0);
      if (self.opts.onSaved) self.opts.onSaved(result);
      return result;
    };
    if (whole) {
      // A whole text was saved (after a conflict): the form starts again from it.
      self.saving = true;
      return C.api("GET", "file?" + C.query({ path: self.path })).then(function (r) {
        self.saving = false;
        if (r.ok) self.build(r.data);
        self.saveButton.focus();
        return next();
      });
    }
    self.baseBody = body;
    self.controls.forEach(function (c) {
      if (Object.prototype.hasOwnProperty.call(changes, c.field.name)) {
        var v = changes[c.field.name];
        c.base = JSON.stringify(v === null ? undefined : v);
      }
    });
    self.notice.hidden = true;
    // Typed while saving: still unsaved, and kept.
    if (self.dirty()) self.keep();
    return Promise.resolve(next());
  };

  Editor.prototype.conflict = function (data) {
    var self = this;
    var p = self.prefix;
    var box = self.conflictBox;
    var mine = typeof data.mine === "string" ? data.mine : self.raw ? self.body() : self.previewText || "";
    var disk = data.disk;
    box.textContent = "";
    var mineArea = el("textarea", { id: p + "-mine", readonly: true, rows: 14, class: "pe-body" });
    var diskArea = el("textarea", { id: p + "-disk", readonly: true, rows: 14, class: "pe-body" });
    var merged = el("textarea", { id: p + "-merged", rows: 14, class: "pe-body", "aria-describedby": p + "-merged-hint" });
    mineArea.value = mine;
    diskArea.value = disk.text;
    merged.value = mine;
    var differ = differentLines(mine, disk.text);
    box.appendChild(el(self.h, { id: p + "-conflict-title", text: "This page was changed on disk while you were editing it" }));
    box.appendChild(el("p", { text: "Someone or something else (another editor, a git pull, a text editor) saved the file after you opened it. Nothing has been saved over it. Choose the version to keep, or make one text of both and save that." }));
    var list = function (l) { return l.length > 10 ? l.slice(0, 10).join(", ") + " and more" : l.join(", "); };
    var said = [];
    if (differ.mine.length) said.push("only in your version: " + list(differ.mine));
    if (differ.theirs.length) said.push("only in the version on disk: " + list(differ.theirs));
    if (said.length) box.appendChild(el("p", { text: "What differs \u2014 " + said.join("; ") + "." }));
    box.appendChild(el("div", { class: "pe-versions" },
      el("div", {}, el("label", { for: mineArea.id, text: "Your version" }), mineArea),
      el("div", {}, el("label", { for: diskArea.id, text: "The version on disk now" }), diskArea)));
    box.appendChild(el("div", { class: "pe-field" },
      el("label", { for: merged.id, text: "Both made into one (you can edit this)" }),
      el("p", { class: "pe-hint", id: p + "-merged-hint", text: "It starts as your version: copy into it what you need from the version on disk." }),
      merged));
    var editing = self.form.querySelector(".pe-editing");
    var finish = function () {
      box.hidden = true;
      editing.hidden = false;
    };
    box.appendChild(el("div", { class: "pe-conflict-buttons" },
      el("button", { type: "button", class: "pe-button pe-primary", text: "Keep my version", onclick: function () {
        finish();
        self.save({ hash: disk.hash, text: mine });
      } }),
      el("button", { type: "button", class: "pe-button", text: "Keep the version on disk", onclick: function () {
        finish();
        self.forget();
        // The form shows the file as it is on disk now.
        C.api("GET", "file?" + C.query({ path: self.path })).then(function (r) {
          if (r.ok) self.build(r.data);
          self.setAside(mine);
          self.say("Kept the version on disk. Your version was not saved; it is below the Save button until you leave this page.");
          self.saveButton.focus();
        });
      } }),
      el("button", { type: "button", class: "pe-button", text: "Save the text made of both", onclick: function () {
        finish();
        self.save({ hash: disk.hash, text: merged.value });
      } })));
    box.hidden = false;
    // One thing at a time: the form comes back once a version is chosen.
    editing.hidden = true;
    self.say("Not saved: the file changed on disk. Choose below.");
    reveal(box);
  };

  /** The version an editor chose not to keep, readable until they leave the page. */
  Editor.prototype.setAside = function (text) {
    var id = this.prefix + "-aside";
    var area = el("textarea", { id: id, readonly: true, rows: 10, class: "pe-body" });
    area.value = text;
    this.notice.textContent = "";
    this.notice.appendChild(el("details", {},
      el("summary", { text: "Your version, not saved" }),
      el("label", { for: id, class: "pe-visually-hidden", text: "Your version, not saved" }),
      area));
    this.notice.hidden = false;
  };

  /**
   * The lines each of two texts has that the other lacks (a longest common
   * subsequence of lines, so one line added does not mark all that follow),
   * as words: { mine: ["line 3", "lines 7–9"], theirs: [...] }.
   */
  function differentLines(a, b) {
    var x = a.split("\n");
    var y = b.split("\n");
    var n = x.length;
    var m = y.length;
    var inX = [];
    var inY = [];
    if (n * m > 4000000) {
      // Too long to compare line by line in the page: the lines that differ by position.
      for (var k = 0; k < Math.max(n, m); k++) if (x[k] !== y[k]) { inX[k] = k < n; inY[k] = k < m; }
    } else {
      var L = [];
      for (var i = n; i >= 0; i--) {
        L[i] = new Int32Array(m + 1);
        for (var j = m - 1; i < n && j >= 0; j--) {
          L[i][j] = x[i] === y[j] ? L[i + 1][j + 1] + 1 : Math.max(L[i + 1][j], L[i][j + 1]);
        }
      }
      var p = 0;
      var q = 0;
      while (p < n || q < m) {
        if (p < n && q < m && x[p] === y[q]) { p++; q++; }
        else if (q >= m || (p < n && L[p + 1][q] >= L[p][q + 1])) inX[p++] = true;
        else inY[q++] = true;
      }
    }
    function words(marks, count) {
      var out = [];
      var from = null;
      for (var i = 0; i <= count; i++) {
        var on = i < count && marks[i];
        if (on && from === null) from = i + 1;
        if (!on && from !== null) {
          out.push(from === i ? "line " + from : "lines " + from + "\u2013" + i);
          from = null;
        }
      }
      return out;
    }
    return { mine: words(inX, n), theirs: words(inY, m) };
  }

  window.practicaEditor = { mount: mount, pageNames: pageNames, differentLines: differentLines };

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

  // ---------------------------------------------------------------- the edit view

  function editView(main, params) {
    var path = params.get("file");
    var heading = main.querySelector("h1");
    var box = el("div", { class: "pe-mount" });
    main.appendChild(box);
    if (!path) {
      box.appendChild(el("p", { text: "Open a page of the preview and choose “Edit this page”, or make a " }, el("a", { href: C.view("new"), text: "new page" }), "."));
      return;
    }
    mount(box, {
      path: path,
      line: params.get("line"),
      onLoaded: function (file) {
        var title = (file.kind !== "guide" && file.front_matter && file.front_matter.title) || path;
        if (heading) heading.textContent = "Edit \u201c" + title + "\u201d";
        document.title = "Edit " + title + " \u00b7 " + document.title.replace(/^[^·]*·\s*/, "");
        box.insertBefore(el("p", { class: "pe-file", text: "File: " + path }), box.firstChild);
      },
    }).catch(function () { /* the mount shows why */ });
  }

  function start() {
    var view = document.body.dataset.view;
    var main = document.getElementById("main");
    if (!main) return;
    var params = new URLSearchParams(location.search);
    if (view === "edit") editView(main, params);
    else if (view === "new") newView(main, params);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
