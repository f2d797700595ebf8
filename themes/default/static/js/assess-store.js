// The answers kept in this browser: localStorage, one entry per guide, kept
// by each item's id, never by its position, so that an edited checklist keeps
// them on the right items; and the rounds a reader saved to compare later.
(function (P) {
  "use strict";

  // Why a write to storage failed: "full" (over the browser's quota) or
  // "off" (storage refused: turned off, or a page opened from a folder).
  function failure(e) {
    var name = e && e.name;
    var code = e && e.code;
    return name === "QuotaExceededError" || name === "NS_ERROR_DOM_QUOTA_REACHED" || code === 22 || code === 1014 ? "full" : "off";
  }

  // The answers of a guide under `key`, or in memory only when the browser
  // refuses storage. `words` are the page's (P.Words); `tell` shows a
  // message to the reader.
  function Store(key, words, tell) {
    this.key = key;
    this.words = words;
    this.tell = tell || function () {};
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
    return P.cleanData(parsed);
  };

  // Writes `data` (the store's own when not given); "" when kept, or why it
  // was not: "full" or "off". A caller must not claim success on either.
  Store.prototype.write = function (data) {
    if (this.memory) return "off";
    try {
      window.localStorage.setItem(this.key, JSON.stringify(data || this.data));
      return "";
    } catch (e) {
      return failure(e);
    }
  };

  // An answer typed on the page: kept in memory whatever happens, and the
  // reader told once when the browser would not keep it.
  Store.prototype.save = function () {
    var why = this.write();
    if (why === "off") this.off();
    else if (why === "full" && !this.fullWarned) {
      this.fullWarned = true;
      this.tell(this.words.word("storage_full"));
    }
    return why;
  };

  // Replaces every answer at once (an import), only if storage keeps them:
  // otherwise nothing changes and the reason is returned.
  Store.prototype.replace = function (data) {
    var why = this.memory ? "" : this.write(data);
    if (why === "full") return why;
    this.data = data;
    return "";
  };

  Store.prototype.off = function () {
    this.memory = true;
    if (!this.warned) {
      this.warned = true;
      this.tell(this.words.word("storage_off"));
    }
  };

  Store.prototype.entry = function (list, id) {
    var l = this.data.lists[list];
    return (l && l[id]) || P.blankEntry();
  };

  Store.prototype.set = function (list, id, field, value) {
    var l = this.data.lists[list] = this.data.lists[list] || P.map();
    var e = l[id] = l[id] || P.blankEntry();
    e[field] = value;
    if (P.isBlank(e)) delete l[id];
    if (!Object.keys(l).length) delete this.data.lists[list];
    return this.save();
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

  // ---------------------------------------------------------------- rounds

  // Rounds a reader saved ("Save this round"), each an answers file's text
  // with its date, under the guide's key with ":rounds" after it.
  Store.prototype.rounds = function () {
    var raw = null;
    try { raw = JSON.parse(window.localStorage.getItem(this.key + ":rounds") || "[]"); } catch (e) { raw = []; }
    if (!Array.isArray(raw)) return [];
    return raw.filter(function (r) {
      return P.isObject(r) && typeof r.date === "string" && typeof r.file === "string";
    });
  };

  // Keeps a round; "" when kept, "full" or "off" when not.
  Store.prototype.keepRound = function (round) {
    var all = this.rounds().concat([round]);
    try {
      window.localStorage.setItem(this.key + ":rounds", JSON.stringify(all));
      return "";
    } catch (e) {
      return failure(e);
    }
  };

  P.Store = Store;
  P.storageFailure = failure;
})(window.practicaAssess = window.practicaAssess || {});
