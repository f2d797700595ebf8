// The buttons above the page's text: a heading, bold, a list, a checklist
// item, a callout, a link to another page of the guide and an image. Each
// button's change to the text is a pure function (text, selection) -> edit,
// run under `node --test` (tests/js/) as well as here; the page applies an
// edit with the browser's insertText so Ctrl+Z undoes it.
(function (P) {
  "use strict";

  // ---------------------------------------------------------------- edits

  function lineStart(text, at) {
    return text.lastIndexOf("\n", at - 1) + 1;
  }
  function lineEnd(text, at) {
    var n = text.indexOf("\n", at);
    return n < 0 ? text.length : n;
  }

  /** An edit: replace [from, to) with `insert`, then select [selStart, selEnd) of the new text. */
  function edit(from, to, insert, selStart, selEnd) {
    return { from: from, to: to, insert: insert, selStart: selStart, selEnd: selEnd === undefined ? selStart : selEnd };
  }

  /** The text after an edit (what the textarea will hold). */
  function apply(text, e) {
    return text.slice(0, e.from) + e.insert + text.slice(e.to);
  }

  /** The current line as a second-level heading (a heading's `#`s replaced). */
  function heading(text, start) {
    var from = lineStart(text, start);
    var to = lineEnd(text, start);
    var rest = text.slice(from, to).replace(/^#{1,6}\s*/, "");
    if (!rest.trim()) return edit(from, to, "## Heading", from + 3, from + 10);
    return edit(from, to, "## " + rest, from + 3 + rest.length);
  }

  /** The selection in bold, or bold again plain; with nothing selected, a placeholder to type over. */
  function bold(text, start, end) {
    if (start === end) return edit(start, end, "**bold text**", start + 2, start + 11);
    var inner = text.slice(start, end);
    if (text.slice(start - 2, start) === "**" && text.slice(end, end + 2) === "**") {
      return edit(start - 2, end + 2, inner, start - 2, end - 2);
    }
    if (/^\*\*[\s\S]*\*\*$/.test(inner) && inner.length >= 4) {
      return edit(start, end, inner.slice(2, -2), start, end - 4);
    }
    return edit(start, end, "**" + inner + "**", start + 2, end + 2);
  }

  var ITEM = /^(\s*)(?:[-*+]\s+(?:\[[ xX]\]\s+)?|\d+[.)]\s+)?/;

  /**
   * Lines as list items starting with `prefix` (`- ` or `- [ ] `). A
   * selection of lines becomes items; at the end of a line with text, a new
   * item starts on the next line, its placeholder selected to type over.
   */
  function items(text, start, end, prefix, placeholder) {
    var from = lineStart(text, start);
    var to = lineEnd(text, end);
    var lines = text.slice(from, to);
    if (start === end && lines.trim()) {
      // A new item after this line (a list may follow a paragraph directly).
      var before = ITEM.exec(lines)[0] ? "\n" : "\n\n";
      var at = to;
      var insert = before + prefix + placeholder;
      var sel = at + before.length + prefix.length;
      return edit(at, at, insert, sel, sel + placeholder.length);
    }
    if (!lines.trim()) {
      return edit(from, to, prefix + placeholder, from + prefix.length, from + prefix.length + placeholder.length);
    }
    var out = lines
      .split("\n")
      .map(function (line) {
        if (!line.trim()) return line;
        var m = ITEM.exec(line);
        return m[1] + prefix + line.slice(m[0].length);
      })
      .join("\n");
    return edit(from, to, out, from, from + out.length);
  }

  function list(text, start, end) {
    return items(text, start, end, "- ", "List item");
  }

  function checklistItem(text, start, end) {
    return items(text, start, end, "- [ ] ", "New checklist item");
  }

  /**
   * `block` on lines of its own with a blank line before and after: at the
   * selection when it is on an empty line or replaces a selection, else
   * after the current line.
   */
  function block(text, start, end, lines, selFrom, selTo) {
    var from = start;
    var to = end;
    if (start === end && text.slice(lineStart(text, start), lineEnd(text, start)).trim()) {
      from = to = lineEnd(text, start);
    } else if (start === end) {
      from = lineStart(text, start);
      to = lineEnd(text, start);
    }
    var head = text.slice(0, from);
    var tail = text.slice(to);
    var before = !head ? "" : /\n\n$/.test(head) ? "" : /\n$/.test(head) ? "\n" : "\n\n";
    var after = !tail ? "\n" : /^\n\n/.test(tail) ? "" : /^\n/.test(tail) ? "\n" : "\n\n";
    var at = from + before.length;
    return edit(from, to, before + lines + after, at + selFrom, at + selTo);
  }

  var CALLOUTS = ["TIP", "NOTE", "IMPORTANT"];

  /** A callout (`> [!TIP]`) holding the selected text, or a placeholder to type over. */
  function callout(text, start, end, kind) {
    kind = CALLOUTS.indexOf(String(kind).toUpperCase()) >= 0 ? String(kind).toUpperCase() : "NOTE";
    var head = "> [!" + kind + "]\n";
    var inner = start === end ? "" : text.slice(start, end).trim();
    if (!inner) {
      var placeholder = "Your " + kind.toLowerCase() + ".";
      return block(text, start, end, head + "> " + placeholder, head.length + 2, head.length + 2 + placeholder.length);
    }
    var quoted = inner
      .split("\n")
      .map(function (l) { return l ? "> " + l : ">"; })
      .join("\n");
    return block(text, start, end, head + quoted, 0, head.length + quoted.length);
  }

  /** Link text as Markdown keeps it: brackets and backslashes escaped, one line. */
  function linkText(label) {
    return String(label).replace(/\s+/g, " ").trim().replace(/([\\\[\]])/g, "\\$1");
  }

  /** `[label](target)` in place of the selection, the caret after it. */
  function link(text, start, end, label, target) {
    var md = "[" + linkText(label) + "](" + target + ")";
    return edit(start, end, md, start + md.length);
  }

  /** `![alt](url)` in place of the selection, the caret after it. */
  function image(text, start, end, alt, url) {
    var md = "![" + linkText(alt) + "](" + url + ")";
    return edit(start, end, md, start + md.length);
  }

  /**
   * An image's address as Markdown names it: from the site's root, without
   * the base path (practica adds it), as `/images/x.png` means static/images/x.png.
   */
  function sitePath(url, base) {
    return base && base !== "/" && url.indexOf(base) === 0 ? "/" + url.slice(base.length) : url;
  }

  P.apply = apply;
  P.heading = heading;
  P.bold = bold;
  P.list = list;
  P.checklistItem = checklistItem;
  P.callout = callout;
  P.link = link;
  P.image = image;
  P.linkText = linkText;
  P.sitePath = sitePath;

  if (typeof window === "undefined" || typeof document === "undefined") return;

  // ---------------------------------------------------------------- in the page

  var C = window.practicaCommon;

  /** Make `e` in the textarea, keeping the browser's undo; the textarea fires `input`. */
  function applyTo(textarea, e) {
    textarea.focus();
    textarea.setSelectionRange(e.from, e.to);
    var done = false;
    try {
      done = document.execCommand("insertText", false, e.insert);
    } catch (err) {
      done = false;
    }
    if (!done) {
      textarea.setRangeText(e.insert, e.from, e.to, "end");
      textarea.dispatchEvent(new Event("input", { bubbles: true }));
    }
    textarea.setSelectionRange(e.selStart, e.selEnd);
  }

  /** A modal dialog with a heading, `body` and buttons; `submit()` returns false to keep it open. */
  function dialog(title, body, submitLabel, submit, returnTo) {
    var headingId = C.uid("pe-dialog");
    var form = C.el("form", { class: "pe-dialog-form", novalidate: true });
    var d = C.el("dialog", { class: "pe-dialog", "aria-labelledby": headingId },
      form);
    form.appendChild(C.el("h2", { id: headingId, text: title }));
    form.appendChild(body);
    form.appendChild(
      C.el("div", { class: "pe-dialog-buttons" },
        C.el("button", { type: "submit", class: "pe-button pe-primary", text: submitLabel }),
        C.el("button", { type: "button", class: "pe-button", text: "Cancel", onclick: function () { d.close(); } }))
    );
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      Promise.resolve(submit()).then(function (ok) {
        if (ok !== false) d.close();
      });
    });
    d.addEventListener("close", function () {
      d.remove();
      if (returnTo) returnTo.focus();
    });
    document.body.appendChild(d);
    d.showModal();
    return d;
  }

  /** A labelled control with its hint and a place for its error, tied with aria-describedby. */
  function field(label, control, hint) {
    var id = control.id || (control.id = C.uid("pe-dlg"));
    var hintId = hint ? id + "-hint" : null;
    var errorId = id + "-error";
    if (hintId) control.setAttribute("aria-describedby", hintId);
    var error = C.el("p", { id: errorId, class: "pe-error", hidden: true });
    var wrap = C.el("div", { class: "pe-field" },
      C.el("label", { for: id, text: label }),
      hint ? C.el("p", { id: hintId, class: "pe-hint", text: hint }) : null,
      error,
      control);
    wrap.fail = function (message) {
      error.textContent = message ? "Error: " + message : "";
      error.hidden = !message;
      if (message) {
        control.setAttribute("aria-invalid", "true");
        control.setAttribute("aria-describedby", [hintId, errorId].filter(Boolean).join(" "));
      } else {
        control.removeAttribute("aria-invalid");
        if (hintId) control.setAttribute("aria-describedby", hintId);
        else control.removeAttribute("aria-describedby");
      }
    };
    return wrap;
  }

  var KIND_GROUPS = [
    ["practice", "Practices"],
    ["area", "Practice areas"],
    ["tip", "Tips"],
    ["checklist", "Checklists"],
    ["page", "Pages"],
    ["home", "Home page"],
  ];

  /** The guide's pages a link can go to: the originals, grouped by kind. */
  function pageOptions(guide) {
    var pages = (guide.pages || []).filter(function (p) { return !p.lang || p.lang === guide.lang; });
    var select = C.el("select", {});
    KIND_GROUPS.forEach(function (g) {
      var of = pages.filter(function (p) { return p.kind === g[0]; });
      if (!of.length) return;
      var group = C.el("optgroup", { label: g[1] });
      of.forEach(function (p) {
        group.appendChild(C.el("option", { value: p.file, text: p.title + (p.area && p.kind === "practice" ? " (" + p.area + ")" : "") }));
      });
      select.appendChild(group);
    });
    return { select: select, pages: pages };
  }

  function linkDialog(textarea, guide, returnTo) {
    var start = textarea.selectionStart;
    var end = textarea.selectionEnd;
    var selected = textarea.value.slice(start, end).trim();
    var opts = pageOptions(guide);
    var page = opts.select;
    var section = C.el("select", {});
    var text = C.el("input", { type: "text", value: selected, autocomplete: "off" });
    var typed = !!selected;
    text.addEventListener("input", function () { typed = true; });
    function current() {
      return opts.pages.filter(function (p) { return p.file === page.value; })[0];
    }
    function fillSections() {
      var p = current();
      section.textContent = "";
      section.appendChild(C.el("option", { value: "", text: "The top of the page" }));
      ((p && p.headings) || []).forEach(function (h) {
        section.appendChild(C.el("option", { value: h.id, text: (h.level > 2 ? "\u2003" : "") + h.text }));
      });
      fillText();
    }
    function fillText() {
      if (typed) return;
      var p = current();
      var h = p && (p.headings || []).filter(function (x) { return x.id === section.value; })[0];
      text.value = h ? h.text : p ? p.title : "";
    }
    page.addEventListener("change", fillSections);
    section.addEventListener("change", fillText);
    fillSections();
    var textField = field("Link text", text, "The words readers click.");
    var body = C.el("div", {},
      C.el("p", { class: "pe-hint", text: "The link names the page's file, so it keeps working when the page moves to another address." }),
      field("Page", page),
      field("Section", section, "Link to a heading of that page, or to its top."),
      textField);
    dialog("Link to a page of the guide", body, "Insert link", function () {
      if (!text.value.trim()) {
        textField.fail("Enter the words readers click.");
        text.focus();
        return false;
      }
      var target = C.linkTarget(page.value) + (section.value ? "#" + section.value : "");
      // The dialog's close gives focus back; the edit must come after it.
      setTimeout(function () { applyTo(textarea, link(textarea.value, start, end, text.value, target)); }, 0);
    }, returnTo);
    page.focus();
  }

  function imageDialog(textarea, guide, told, returnTo) {
    var start = textarea.selectionStart;
    var end = textarea.selectionEnd;
    var images = (guide.images || []).map(function (u) { return sitePath(u, guide.base); });
    var name = C.uid("pe-img");
    var pick = C.el("select", { disabled: !images.length });
    images.forEach(function (url) { pick.appendChild(C.el("option", { value: url, text: url.replace(/^.*\//, "") })); });
    var upload = C.el("input", { type: "file", accept: "image/png,image/jpeg,image/gif,image/webp,image/svg+xml" });
    var existing = C.el("input", { type: "radio", name: name, id: name + "-existing", value: "existing", checked: images.length > 0, disabled: !images.length });
    var fresh = C.el("input", { type: "radio", name: name, id: name + "-upload", value: "upload", checked: !images.length });
    var alt = C.el("input", { type: "text", autocomplete: "off", required: true, "aria-required": "true" });
    var uploadField = field("Image file", upload, "PNG, JPEG, GIF, WebP or SVG, at most 5 MB. It is saved in static/images/.");
    var pickField = field("Image", pick, images.length ? null : "The guide has no images in static/images/ yet.");
    var altField = field("Alt text (required)", alt, "What someone who cannot see the image needs to know from it, in a sentence.");
    function sync() {
      pickField.hidden = !existing.checked;
      uploadField.hidden = !fresh.checked;
    }
    existing.addEventListener("change", sync);
    fresh.addEventListener("change", sync);
    var body = C.el("div", {},
      C.el("fieldset", { class: "pe-choices" },
        C.el("legend", { text: "Which image" }),
        C.el("div", { class: "pe-choice" }, existing, C.el("label", { for: existing.id, text: "One already in the guide" })),
        C.el("div", { class: "pe-choice" }, fresh, C.el("label", { for: fresh.id, text: "Upload one from this computer" }))),
      pickField,
      uploadField,
      altField);
    sync();
    dialog("Add an image", body, "Insert image", function () {
      altField.fail(null);
      uploadField.fail(null);
      var bad = null;
      if (fresh.checked && !(upload.files && upload.files[0])) {
        uploadField.fail("Choose an image file.");
        bad = bad || upload;
      }
      if (!alt.value.trim()) {
        altField.fail("Describe the image: alt text is required.");
        bad = bad || alt;
      }
      if (bad) {
        bad.focus();
        return false;
      }
      var url = existing.checked ? Promise.resolve(pick.value) : send(upload.files[0]);
      return url.then(function (u) {
        if (!u) return false;
        setTimeout(function () { applyTo(textarea, image(textarea.value, start, end, alt.value, u)); }, 0);
        return true;
      });
    }, returnTo);
    function send(file) {
      return C.api("POST", "image?" + C.query({ name: file.name }), file).then(function (r) {
        if (r.ok) {
          var listed = (guide.base || "/") + r.data.url.replace(/^\//, "");
          if (guide.images && guide.images.indexOf(listed) < 0) guide.images.push(listed);
          if (told) told("Uploaded " + r.data.path + ".");
          return r.data.url;
        }
        uploadField.fail(r.data.error || "The image could not be saved.");
        upload.focus();
        return null;
      });
    }
    (existing.checked ? existing : fresh).focus();
  }

  function calloutDialog(textarea, returnTo) {
    var start = textarea.selectionStart;
    var end = textarea.selectionEnd;
    var name = C.uid("pe-callout");
    var kinds = [["TIP", "Tip", "advice that helps"], ["NOTE", "Note", "something worth knowing"], ["IMPORTANT", "Important", "something readers must not miss"]];
    var radios = kinds.map(function (k, i) {
      return C.el("input", { type: "radio", name: name, id: name + "-" + k[0], value: k[0], checked: i === 0 });
    });
    var body = C.el("fieldset", { class: "pe-choices" },
      C.el("legend", { text: "Kind of callout" }),
      kinds.map(function (k, i) {
        return C.el("div", { class: "pe-choice" }, radios[i], C.el("label", { for: radios[i].id, text: k[1] + ": " + k[2] }));
      }));
    dialog("Add a callout", body, "Insert callout", function () {
      var kind = radios.filter(function (r) { return r.checked; })[0].value;
      setTimeout(function () { applyTo(textarea, callout(textarea.value, start, end, kind)); }, 0);
    }, returnTo);
    radios[0].focus();
  }

  /**
   * The toolbar for `textarea`: a group of named buttons. ctx: { guide,
   * told(message) }. Ctrl+B makes bold, Ctrl+K links, as in word processors.
   */
  function create(textarea, ctx) {
    function run(fn) {
      return function () { applyTo(textarea, fn(textarea.value, textarea.selectionStart, textarea.selectionEnd)); };
    }
    var bar = C.el("div", { class: "pe-toolbar", role: "group", "aria-label": "Add to the text", "aria-controls": textarea.id });
    function button(label, onclick, keys) {
      var b = C.el("button", { type: "button", class: "pe-tool", "aria-keyshortcuts": keys || null, text: label });
      b.addEventListener("click", function () { onclick(b); });
      bar.appendChild(b);
      return b;
    }
    button("Heading", run(heading));
    button("Bold", run(bold), "Control+B");
    button("List", run(list));
    button("Checklist item", run(checklistItem));
    button("Callout", function (b) { calloutDialog(textarea, b); });
    button("Link to a page", function (b) { linkDialog(textarea, ctx.guide, b); }, "Control+K");
    button("Image", function (b) { imageDialog(textarea, ctx.guide, ctx.told, b); });
    textarea.addEventListener("keydown", function (ev) {
      if (!(ev.ctrlKey || ev.metaKey) || ev.altKey || ev.shiftKey) return;
      var key = ev.key.toLowerCase();
      if (key === "b") {
        ev.preventDefault();
        run(bold)();
      } else if (key === "k") {
        ev.preventDefault();
        linkDialog(textarea, ctx.guide, textarea);
      }
    });
    return bar;
  }

  P.create = create;
  P.applyTo = applyTo;
})(typeof module === "object" && module.exports ? module.exports : (window.practicaToolbar = window.practicaToolbar || {}));
