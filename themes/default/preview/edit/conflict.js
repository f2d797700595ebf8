// What the editor shows when the file changed on disk since it was opened:
// both versions side by side, the lines each has alone named, and the
// choice to keep either or save a merged text; nothing is overwritten
// unasked. Adds to edit.js's editor (window.practicaEditor.Editor).
(function () {
  "use strict";

  var C = window.practicaCommon;
  if (!C) return;
  var el = C.el;
  var E = window.practicaEditor;
  if (!E || !E.Editor) return;
  var Editor = E.Editor;
  var reveal = window.practicaFields.reveal;

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

  E.differentLines = differentLines;
})();
