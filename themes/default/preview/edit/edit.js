// The edit view of the preview, and the editor other views mount
// (window.practicaEditor.mount): the front matter as a form made
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
  var F = window.practicaFields;
  if (!F) return;
  var labelOf = F.labelOf, plural = F.plural, clock = F.clock, control = F.control, notes = F.notes, raw = F.raw;
  var pageNames = F.pageNames;

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

  // The conflict view (conflict.js) adds Editor.prototype.conflict and
  // differentLines; it runs before any save can meet a conflict.
  window.practicaEditor = { mount: mount, pageNames: pageNames, Editor: Editor };

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
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
