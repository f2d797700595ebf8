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
        changed.map(function (c) { return el("li", null, el("a", { href: "#pv-L" + c.line, text: "Line " + c.line })); })
      ),
    ];
  }

  function originalColumn(t) {
    return el(
      "section",
      { class: "pv-column pv-original", "aria-labelledby": "pv-original" },
      el("h2", { id: "pv-original", text: "Original (" + languageName(guide.lang) + ")" }),
      el("p", null, el("code", { text: t.original.path }), " \u00b7 read-only"),
      changesNote(t),
      sourceText(t.original.text, t.changed)
    );
  }

  // ------------------------------------------------------------ the translation

  function state(t) {
    var tr = t.translation;
    if (!tr.exists) return null;
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
        text: "Once it says what the original says, mark it up to date: that sets source_hash: " + t.original.source_hash + " in its front matter.",
      }));
      box.appendChild(el("p", null, el("button", { type: "button", class: "pv-button", onclick: function (e) { markCurrent(t, e.currentTarget); } }, "Mark as up to date")));
    }
    return box;
  }

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
      column.appendChild(el("p", null, el("button", { type: "button", class: "pv-button", onclick: function (e) { start(t, e.currentTarget); } }, "Start the translation")));
      return column;
    }
    column.appendChild(state(t));
    var slot = el("div", { class: "pv-editor", lang: lang });
    column.appendChild(slot);
    if (window.practicaEditor && typeof window.practicaEditor.mount === "function") {
      editor = window.practicaEditor.mount(slot, { path: tr.path });
    } else {
      slot.appendChild(el("p", null, "The editor is not available here. ", el("a", { href: C.view("edit", { file: tr.path }), text: "Edit the translation" }), " in the edit view."));
    }
    return column;
  }

  /** "Mark as up to date": the original's source_hash into the translation's front matter. */
  function markCurrent(t, button) {
    if (editor && typeof editor.dirty === "function" && editor.dirty()) {
      say("Save the translation first: it has changes that are not saved yet.", true);
      message.focus();
      return;
    }
    button.disabled = true;
    C.api("GET", "file?" + C.query({ path: t.translation.path }))
      .then(function (r) {
        if (!r.ok) throw new Error(r.data.error || "The translation could not be read.");
        return C.api("POST", "save", { path: t.translation.path, hash: r.data.hash, changes: { source_hash: t.original.source_hash } });
      })
      .then(function (s) {
        if (!s.ok) throw new Error(s.data.error || "The translation could not be saved.");
        say("Marked up to date: source_hash: " + t.original.source_hash + " in " + t.translation.path + ".");
        return load();
      })
      .then(function () { message.focus(); })
      .catch(function (err) {
        button.disabled = false;
        say("The translation was not marked up to date: " + err.message, true);
        message.focus();
      });
  }

  /** "Start the translation": a copy of the original's text, then the editor on it. */
  function start(t, button) {
    button.disabled = true;
    C.api("POST", "new", { kind: "translation", original: t.original.path, lang: lang })
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

  function render(t) {
    if (editor && typeof editor.unmount === "function") editor.unmount();
    editor = null;
    body.textContent = "";
    body.removeAttribute("aria-busy");
    var title = (t.original.front_matter && t.original.front_matter.title) || t.original.path;
    var page = (guide.pages || []).filter(function (p) { return p.file === t.original.path && p.lang === guide.lang; })[0];
    body.appendChild(el(
      "p",
      { class: "pv-lead" },
      "Translating ",
      page ? el("a", { href: page.url, text: title }) : el("span", { lang: guide.lang, text: title }),
      " from " + languageName(guide.lang) + " into " + languageName(lang) + "."
    ));
    body.appendChild(el("div", { class: "pv-columns" }, originalColumn(t), translationColumn(t)));
  }

  function load() {
    return C.api("GET", "translation?" + C.query({ file: file, lang: lang })).then(function (r) {
      if (!r.ok) throw new Error(r.data.error || "The preview answered " + r.status + ".");
      render(r.data);
      return r.data;
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
  C.guide()
    .then(function (g) {
      guide = g;
      return load();
    })
    .catch(failed);
})();
