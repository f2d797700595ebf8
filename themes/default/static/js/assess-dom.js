// The self-assessment's page tools: elements, messages, files read and
// downloaded, the guide's list of items, and the summary by area (a chart
// drawn as inline SVG with the same figures as a table beside it).
(function (P) {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var PARTS = ["in_place", "in_progress", "not_yet", "unanswered"];

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  // A string with nodes in its placeholders: "{label}: {item}" with a link as the item.
  function wordNodes(w, key, values) {
    var frag = document.createDocumentFragment();
    w.parts(key).forEach(function (part) {
      var v = typeof part === "string" ? part : values[part.name];
      if (v == null || v === "") return;
      frag.appendChild(typeof v === "string" ? document.createTextNode(v) : v);
    });
    return frag;
  }

  // Says `text` in the region's message element (a live region).
  function teller(root) {
    return function (text) {
      var m = root.querySelector("[data-message]");
      if (!m) return;
      // Emptied first, so that the same message twice is announced twice.
      m.textContent = "";
      setTimeout(function () { m.textContent = text; }, 30);
    };
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

  function resolveUrl(url, base) {
    try { return new URL(url, base).href; } catch (e) { return url; }
  }

  // window.practicaItems from assessment/items.js, and the address its URLs
  // are relative to (the script's own). A <script> element, not fetch(), so
  // that the guide also works opened from a folder.
  var itemsLoad = null;
  function loadItems(url) {
    if (!itemsLoad) {
      itemsLoad = new Promise(function (resolve, reject) {
        var s = document.createElement("script");
        s.src = url;
        s.onload = function () {
          var got = window.practicaItems;
          if (P.isObject(got) && Array.isArray(got.lists)) {
            resolve({ guide: got.guide, lists: got.lists, base: s.src });
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

  // A checklist's section of the plan, team view or comparison, titled with a link to it.
  function listSection(kind, li, list, base, level) {
    var part = el("section", kind + "-list");
    var h2 = el("h" + (level || 2), kind + "-list-title");
    h2.id = kind + "-" + li;
    var link = el("a", null, list.title);
    link.href = resolveUrl(list.url, base);
    h2.appendChild(link);
    part.setAttribute("aria-labelledby", h2.id);
    part.appendChild(h2);
    part.titleId = h2.id;
    return part;
  }

  // An area's name: its heading, or for items before any heading the list's
  // own title (or "All items" when the list has no headings at all).
  function areaName(w, title, list, many) {
    return title || (many ? list.title : w.word("all"));
  }

  // ---------------------------------------------------------------- the chart

  // One stacked bar: a segment per answer, widths in percent of the bar, the
  // count written in a segment wide enough for it.
  function bar(counts, label) {
    var svg = document.createElementNS(SVG, "svg");
    svg.setAttribute("class", "chart-bar");
    svg.setAttribute("width", "100%");
    svg.setAttribute("height", "22");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    if (label) svg.setAttribute("data-label", label);
    P.barSegments(counts).forEach(function (s) {
      var r = document.createElementNS(SVG, "rect");
      r.setAttribute("class", "seg seg-" + s.key);
      r.setAttribute("x", s.x + "%");
      r.setAttribute("width", s.width + "%");
      r.setAttribute("y", "0");
      r.setAttribute("height", "22");
      r.setAttribute("data-count", String(s.n));
      svg.appendChild(r);
      if (s.width >= 6) {
        var t = document.createElementNS(SVG, "text");
        t.setAttribute("class", "seg-n seg-n-" + s.key);
        t.setAttribute("x", s.x + s.width / 2 + "%");
        t.setAttribute("y", "15");
        t.setAttribute("text-anchor", "middle");
        t.textContent = String(s.n);
        svg.appendChild(t);
      }
    });
    return svg;
  }

  function legend(w) {
    var l = el("ul", "chart-legend");
    l.setAttribute("aria-hidden", "true");
    PARTS.forEach(function (k) {
      var li = el("li", "legend-" + k);
      li.appendChild(el("span", "legend-swatch"));
      li.appendChild(document.createTextNode(w.word(k)));
      l.appendChild(li);
    });
    return l;
  }

  // The summary by area: rows of { name, bars: [{ label, counts }] }, as a
  // chart (hidden from screen readers) and a table with the same figures.
  // One bar per row for a reader; several (each person, then and now) for
  // the team view and the comparison, whose table then has a row per bar.
  function summary(w, rows, opts) {
    opts = opts || {};
    var box = el("div", "area-summary");
    if (opts.id) box.id = opts.id;
    var chart = el("div", "area-chart");
    chart.setAttribute("aria-hidden", "true");
    rows.forEach(function (r) {
      var g = el("div", "chart-area");
      g.appendChild(el("p", "chart-area-name", r.name));
      r.bars.forEach(function (b) {
        var line = el("div", "chart-line");
        if (r.bars.length > 1 || b.label) line.appendChild(el("span", "chart-line-label", b.label || ""));
        line.appendChild(bar(b.counts, b.label));
        g.appendChild(line);
      });
      chart.appendChild(g);
    });
    chart.appendChild(legend(w));
    box.appendChild(chart);

    var table = el("table", "area-table");
    var cap = el("caption", null, opts.caption || w.word("by_area"));
    table.appendChild(cap);
    var head = el("tr");
    var cols = [w.word("area")].concat(opts.who ? [opts.who] : [], PARTS.map(function (k) { return w.word(k); }));
    cols.forEach(function (c) {
      var th = el("th", null, c);
      th.scope = "col";
      head.appendChild(th);
    });
    table.appendChild(el("thead")).appendChild(head);
    var body = table.appendChild(el("tbody"));
    rows.forEach(function (r) {
      r.bars.forEach(function (b, i) {
        var tr = el("tr");
        if (r.total) tr.className = "area-total";
        if (i === 0) {
          var th = el("th", null, r.name);
          th.scope = "row";
          if (r.bars.length > 1) th.rowSpan = r.bars.length;
          tr.appendChild(th);
        }
        if (opts.who) {
          var who = el("th", "area-who", b.label || "");
          who.scope = "row";
          tr.appendChild(who);
        }
        PARTS.forEach(function (k) { tr.appendChild(el("td", "n-" + k, String(b.counts[k]))); });
        body.appendChild(tr);
      });
    });
    box.appendChild(table);
    return box;
  }

  Object.assign(P, {
    el: el,
    wordNodes: wordNodes,
    teller: teller,
    readFile: readFile,
    download: download,
    resolveUrl: resolveUrl,
    loadItems: loadItems,
    listSection: listSection,
    areaName: areaName,
    bar: bar,
    summary: summary
  });
})(window.practicaAssess = window.practicaAssess || {});
