// The side-by-side translation view (/__practica/translate?file=<original>&lang=<code>):
// the original, read-only, with the lines that changed since the
// translation was brought up to date marked; beside it the translation in
// the editor's own form and text (edit.js's practicaEditor.mount). "Mark as
// up to date" saves the original's current source_hash in the translation;
// a missing translation starts from a copy of the original's text.
(function () {
  "use strict";
  if (document.body.dataset.view !== "translate") return;
  var C = window.practicaCommon;
  var el = C.el;
  var main = document.getElementById("main");
  var params = new URLSearchParams(location.search);
  var file = params.get("file") || "";
  var lang = params.get("lang") || "";

  var message = el("div", { class: "pv-message", role: "status", tabindex: "-1" });
  var body = el("div", { "aria-busy": "true" }, el("p", { text: "Reading the page and its translation\u2026" }));
  main.appendChild(message);
  main.appendChild(body);

  var guide = null;
  var editor = null; // what practicaEditor.mount returned, while the translation is shown

  function say(text, isError) {
    message.className = "pv-message" + (isError ? " pv-message-error" : " pv-message-done");
    message.textContent = text;
  }

  /** "Spanish" for "es", in the words of the view (English). */
  function languageName(code) {
    try {
      var name = new Intl.DisplayNames(["en"], { type: "language" }).of(code);
      if (name && name !== code) return name;
    } catch (err) { /* an unknown code: the code itself */ }
    return code;
  }

  // ------------------------------------------------------------ the original

  /** The original's text, line by line with its numbers, the changed lines marked. */
  function sourceText(text, changed) {
    var marked = {};
    (changed || []).forEach(function (c) { marked[c.line] = true; });
    var lines = text.replace(/\n$/, "").split("\n");
    return el(
      "pre",
      { class: "pv-source", lang: guide.lang || null },
      lines.map(function (line, i) {
        var n = i + 1;
        var number = el("span", { class: "pv-ln", "aria-hidden": "true", text: String(n) });
        if (!marked[n]) return el("span", { class: "pv-line", id: "pv-L" + n }, number, line + "\n");
        return el("mark", { class: "pv-line", id: "pv-L" + n }, number, el("span", { class: "pv-hidden", text: "Changed: " }), line + "\n");
      })
    );
  }

  function changesNote(t) {
    var changed = t.changed;
    if (!t.translation.exists) return el("p", { text: "There is no translation yet, so nothing is marked." });
    if (!t.translation.source_hash) {
      return el("p", { text: "The translation does not say which version of the original it follows, so nothing is marked. Compare the whole text." });
    }
    if (changed === null || changed === undefined) {
      return el("p", {
        text: "The earlier text is not known: the version of the original that the translation follows is not in the guide's git history, " +
          "so what changed since cannot be marked. Compare the whole text.",
      });
    }
    if (!changed.length) {
      return el("p", {
        text: t.translation.source_hash === t.original.source_hash
          ? "Nothing changed since the translation was brought up to date."
          : "No line of the text changed since the translation was brought up to date; the title or summary may have.",
      });
    }
    return [
      el("p", { text: (changed.length === 1 ? "1 line" : changed.length + " lines") + " changed since the translation was brought up to date; they are marked in the text:" }),
      el(
        "ul",
        { class: "pv-changes" },
        changed.map(function (c) {
          var text = String(c.text || "").trim();
          if (text.length > 70) text = text.slice(0, 69) + "\u2026";
          return el("li", null, el("a", { href: "#pv-L" + c.line, text: "Line " + c.line }), text ? el("span", { lang: guide.lang, text: ": " + text }) : null);
        })
      ),
    ];
  }

  function originalColumn(t) {
    return el(
      "section",
      // Focusable: on a wide window it scrolls on its own, and the keyboard must reach that too.
      { class: "pv-column pv-original", "aria-labelledby": "pv-original", tabindex: "0" },
      el("h2", { id: "pv-original", text: "Original (" + languageName(guide.lang) + ")" }),
      el("p", null, el("code", { text: t.original.path }), " \u00b7 read-only"),
      changesNote(t),
      sourceText(t.original.text, t.changed)
    );
  }

  // ------------------------------------------------------------ the translation

  /** Where the translation stands, and "Mark as up to date" when it is not. */
  function state(t) {
    var tr = t.translation;
    var current = tr.source_hash && tr.source_hash === t.original.source_hash;
    var box = el(
      "div",
      { class: "pv-state " + (current ? "pv-state-current" : "pv-state-stale") },
      el("p", {
        text: current
          ? "The translation is up to date with the original."
          : tr.source_hash
            ? "The translation is out of date: the original changed since it was brought up to date."
            : "The translation does not say which version of the original it follows (it has no source_hash).",
      })
    );
    if (!current) {
      box.appendChild(el("p", {
        text: "Once it says what the original says, mark it up to date: that saves it with source_hash: " +
          t.original.source_hash + " (and any change not saved yet).",
      }));
      box.appendChild(el("p", null, el("button", { type: "button", class: "pv-button", onclick: function (e) { markCurrent(e.currentTarget); } }, "Mark as up to date")));
    }
    return box;
  }

  var stateSlot = null; // where state() goes, kept while the editor stays
  function translationColumn(t) {
    var tr = t.translation;
    var name = languageName(lang);
    var column = el(
      "section",
      { class: "pv-column pv-translation", "aria-labelledby": "pv-translation" },
      el("h2", { id: "pv-translation", text: "Translation (" + name + ")" }),
      el("p", null, el("code", { text: tr.path }))
    );
    if (!tr.exists) {
      column.appendChild(el("p", { text: "This page has no " + name + " translation yet. It starts as a copy of the original's text, which you then translate." }));
      column.appendChild(el("p", null, el("button", { type: "button", class: "pv-button", onclick: function (e) { start(e.currentTarget); } }, "Start the translation")));
      return column;
    }
    stateSlot = el("div", null, state(t));
    column.appendChild(stateSlot);
    var slot = el("div", { class: "pv-editor" });
    column.appendChild(slot);
    if (window.practicaEditor && typeof window.practicaEditor.mount === "function") {
      window.practicaEditor
        .mount(slot, { path: tr.path, headingLevel: 3, onSaved: function () { refresh(); } })
        .then(function (e) {
          editor = e;
          // The text is in the translation's language (its spelling, its voice); the editor's words stay English.
          if (e.textarea) e.textarea.setAttribute("lang", lang);
        })
        .catch(function () { /* the editor shows why in its place */ });
    } else {
      slot.appendChild(el("p", null, "The editor is not available here. ", el("a", { href: C.view("edit", { file: tr.path }), text: "Edit the translation" }), " in the edit view."));
    }
    return column;
  }

  /**
   * "Mark as up to date": the original's source_hash into the translation's
   * front matter. Through the editor's own form and save when it is there,
   * so its conflict handling and unsaved changes are kept; otherwise a save
   * of that one key.
   */
  function markCurrent(button) {
    var hash = shown.original.source_hash;
    var path = shown.translation.path;
    var field = editor && editor.control && editor.control("source_hash");
    button.disabled = true;
    var saved;
    if (field) {
      field.set(hash);
      editor.changed();
      saved = editor.save().then(function (r) {
        if (!r) throw new Error("the editor did not save it; it says why above its form.");
      });
    } else {
      saved = C.api("GET", "file?" + C.query({ path: path }))
        .then(function (r) {
          if (!r.ok) throw new Error(r.data.error || "The translation could not be read.");
          return C.api("POST", "save", { path: path, hash: r.data.hash, changes: { source_hash: hash } });
        })
        .then(function (s) {
          if (!s.ok) throw new Error(s.data.error || "The translation could not be saved.");
        });
    }
    saved
      .then(function () {
        say("Marked up to date: source_hash: " + hash + " in " + path + ".");
        message.focus();
        // The editor's own save has its onSaved read the view again.
        return field ? null : refresh();
      })
      .catch(function (err) {
        button.disabled = false;
        say("The translation was not marked up to date: " + err.message, true);
        message.focus();
      });
  }

  /** "Start the translation": a copy of the original's text, then the editor on it. */
  function start(button) {
    button.disabled = true;
    C.api("POST", "new", { kind: "translation", original: shown.original.path, lang: lang })
      .then(function (r) {
        if (!r.ok) throw new Error(r.data.error || "The translation could not be made.");
        say("Started " + r.data.path + " from a copy of the original's text. Translate it, then save.");
        return load();
      })
      .then(function () { message.focus(); })
      .catch(function (err) {
        button.disabled = false;
        say("The translation was not started: " + err.message, true);
        message.focus();
      });
  }

  // ------------------------------------------------------------ the page

  var shown = null; // the last GET /api/translation answer shown
  var originalSlot = null;

  /** The whole view, the editor mounted afresh. */
  function render(t) {
    shown = t;
    editor = null;
    body.textContent = "";
    body.removeAttribute("aria-busy");
    var title = (t.original.front_matter && t.original.front_matter.title) || t.original.path;
    var page = (guide.pages || []).filter(function (p) { return p.file === t.original.path && p.lang === guide.lang; })[0];
    body.appendChild(el(
      "p",
      { class: "pv-lead" },
      "Translating ",
      page ? el("a", { href: page.url, lang: guide.lang, text: title }) : el("span", { lang: guide.lang, text: title }),
      " from " + languageName(guide.lang) + " into " + languageName(lang) + ". ",
      // One above the other on a narrow window, the original first: a way past it.
      el("a", { href: "#pv-translation", text: "Go to the translation" })
    ));
    originalSlot = el("div", { class: "pv-slot" }, originalColumn(t));
    body.appendChild(el("div", { class: "pv-columns" }, originalSlot, translationColumn(t)));
  }

  function fetchTranslation() {
    return C.api("GET", "translation?" + C.query({ file: file, lang: lang })).then(function (r) {
      if (!r.ok) throw new Error(r.data.error || "The preview answered " + r.status + ".");
      return r.data;
    });
  }

  function load() {
    return fetchTranslation().then(render);
  }

  /**
   * After a save: where the translation stands and what is marked in the
   * original, read again; the editor stays as it is.
   */
  function refresh() {
    return fetchTranslation().then(function (t) {
      if (!shown || t.translation.exists !== shown.translation.exists || !stateSlot) return render(t);
      shown = t;
      var onState = stateSlot.contains(document.activeElement);
      stateSlot.textContent = "";
      stateSlot.appendChild(state(t));
      if (onState) (stateSlot.querySelector("button") || message).focus();
      // The original where the editor had scrolled it, and focus kept if it was there.
      var old = originalSlot.firstChild;
      var top = old ? old.scrollTop : 0;
      var focused = old && old.contains(document.activeElement);
      originalSlot.textContent = "";
      var column = originalColumn(t);
      originalSlot.appendChild(column);
      column.scrollTop = top;
      if (focused) column.focus();
    });
  }

  function failed(err) {
    body.removeAttribute("aria-busy");
    body.textContent = "";
    body.appendChild(el("p", { class: "pv-message pv-message-error", role: "alert", text: "This translation cannot be shown: " + err.message }));
  }

  if (!file || !lang) {
    failed(new Error("the address needs the original's file and a language, e.g. ?file=content/about.md&lang=es. The guide status page links each page to translate."));
    return;
  }
  // The original may change while the view is open (saved in its own
  // editor, a git pull): the preview says when it rebuilt, and the original
  // and where the translation stands are read again; the editor stays.
  var pending = null;
  function listen() {
    var ws = new WebSocket("ws://" + location.host + "/__practica/events");
    ws.onmessage = function () {
      clearTimeout(pending);
      pending = setTimeout(function () {
        // A failure here must not take the editor, and what is typed in it, away.
        if (shown) refresh().catch(function (err) { say("The original could not be read again: " + err.message, true); });
      }, 150);
    };
    ws.onclose = function () { setTimeout(listen, 2000); };
  }

  C.guide()
    .then(function (g) {
      guide = g;
      return load();
    })
    .then(listen)
    .catch(failed);
})();
