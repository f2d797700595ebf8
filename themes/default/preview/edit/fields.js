// The editing forms' controls, one per field of the guide's field
// description (GET /api/guide's `fields`): text, dates, numbers, choices,
// checkboxes, lists of words or pages, and records such as `changes`; with
// the words and names they show. edit.js builds its form from them.
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

  window.practicaFields = {
    labelOf: labelOf,
    plural: plural,
    clock: clock,
    reveal: reveal,
    pageNames: pageNames,
    control: control,
    notes: notes,
    raw: raw,
  };
})();
