// Search for the offline edition, which is opened from a folder: there the
// browser allows no fetch, no modules and no WebAssembly, so Pagefind cannot
// run. The build writes each language's index as a script
// (search/offline-index.js, see src/render/search/offline.rs); this file
// searches it and answers the few calls of Pagefind's API the theme makes
// (options, search, and each result's data), so the search box, the search
// page and its filters work as they do online.
//
// Matching: every word typed must be found. A typed word matches the words
// that begin with it, less up to its last three letters when five remain: a
// crude stemming that lets "supervision" find "supervisors" and
// "descripciones" find "descripción", in any language. A page scores more for a word in its title, and in its
// summary, than in its text.
(function () {
  "use strict";

  // As the build folds the index's words: lower case, accents dropped.
  function fold(s) {
    return s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  }

  // Chinese characters and kana, written without spaces: the build indexes
  // each run of them as its overlapping pairs of characters, and a query is
  // split the same way (the ranges of is_ideographic in
  // src/render/search/offline.rs).
  var IDEOGRAPHIC = /([\u3005-\u3007\u3040-\u30ff\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f\u{20000}-\u{3ffff}]+)/u;

  function pairs(run) {
    var chars = Array.from(run);
    if (chars.length < 2) return [run];
    var out = [];
    for (var i = 0; i + 1 < chars.length; i++) out.push(chars[i] + chars[i + 1]);
    return out;
  }

  function words(s) {
    var out = [];
    (fold(s).match(/[\p{L}\p{N}]+/gu) || []).forEach(function (w) {
      // split() with a capturing group keeps the ideographic runs at odd places.
      w.split(IDEOGRAPHIC).forEach(function (run, i) {
        if (!run) return;
        if (i % 2) out.push.apply(out, pairs(run));
        else if (Array.from(run).length > 1 || /^\p{N}+$/u.test(run)) out.push(run);
      });
    });
    return out;
  }

  // "0,1,a" → [0, 1, 11]: gaps between page numbers, in base 36.
  function decode(postings) {
    var out = [];
    var n = 0;
    if (!postings) return out;
    postings.split(",").forEach(function (gap) {
      n += parseInt(gap, 36);
      out.push(n);
    });
    return out;
  }

  function escapeHtml(s) {
    return s.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }[c];
    });
  }

  function root(term) {
    return term.slice(0, Math.max(Math.min(term.length, 5), term.length - 3));
  }

  // A pair of Chinese characters is found anywhere in a run of them; another
  // word only at the start of one.
  function hits(word, terms) {
    var f = fold(word);
    return terms.some(function (t) {
      return IDEOGRAPHIC.test(t) ? f.indexOf(t) >= 0 : f.indexOf(root(t)) === 0;
    });
  }

  // In a run of Chinese characters, only the pairs searched for are marked
  // (认证 in 认证和目标), where folding keeps the run's length.
  function markRun(word, terms) {
    var f = fold(word);
    if (f.length !== word.length || !IDEOGRAPHIC.test(word)) return "<mark>" + escapeHtml(word) + "</mark>";
    var marked = new Array(word.length).fill(false);
    terms.forEach(function (t) {
      if (!IDEOGRAPHIC.test(t)) return;
      for (var at = f.indexOf(t); at >= 0; at = f.indexOf(t, at + 1)) marked.fill(true, at, at + t.length);
    });
    var out = "";
    for (var i = 0; i < word.length;) {
      var j = i;
      while (j < word.length && marked[j] === marked[i]) j++;
      out += marked[i] ? "<mark>" + escapeHtml(word.slice(i, j)) + "</mark>" : escapeHtml(word.slice(i, j));
      i = j;
    }
    return out;
  }

  // The text as HTML, with the words a search matched in <mark>, as
  // Pagefind's excerpts are.
  function highlight(text, terms) {
    var out = "";
    var last = 0;
    text.replace(/[\p{L}\p{N}\p{M}]+/gu, function (word, at) {
      out += escapeHtml(text.slice(last, at)) + (hits(word, terms) ? markRun(word, terms) : escapeHtml(word));
      last = at + word.length;
      return word;
    });
    return out + escapeHtml(text.slice(last));
  }

  // What a result shows: its summary when a word searched for is in it, else
  // some twenty words of its text around the first such word.
  var AROUND = 22;
  function excerpt(page, terms) {
    var inSummary = terms.length && (page.s.match(/[\p{L}\p{N}\p{M}]+/gu) || []).some(function (w) { return hits(w, terms); });
    if (!terms.length || inSummary || !page.x) return highlight(page.s, terms);
    var words = page.x.split(/\s+/);
    var at = words.findIndex(function (w) { return (w.match(/[\p{L}\p{N}\p{M}]+/gu) || []).some(function (p) { return hits(p, terms); }); });
    if (at < 0) return highlight(page.s, terms);
    var from = Math.max(0, at - Math.floor(AROUND / 3));
    var shown = words.slice(from, from + AROUND).join(" ");
    return (from > 0 ? "… " : "") + highlight(shown, terms) + (from + AROUND < words.length ? " …" : "");
  }

  window.practicaOfflineSearch = function (index, src) {
    var base = new URL(src, document.baseURI);
    var dict = Object.keys(index.words).sort();
    var decoded = {};

    function pagesOf(word, place) {
      var key = place + word;
      if (!decoded[key]) decoded[key] = decode(index.words[word][place]);
      return decoded[key];
    }

    // The index's words a typed word stands for, each with whether it is the word itself.
    function matches(term) {
      var start = root(term);
      var found = [];
      var lo = 0;
      var hi = dict.length;
      while (lo < hi) {
        var mid = (lo + hi) >> 1;
        if (dict[mid] < start) lo = mid + 1; else hi = mid;
      }
      for (var i = lo; i < dict.length && dict[i].indexOf(start) === 0; i++) found.push([dict[i], dict[i] === term]);
      return found;
    }

    // Page number → score for one typed word; only pages that have it.
    var WEIGHTS = [10, 3, 1];
    function scores(term) {
      var out = new Map();
      matches(term).forEach(function (m) {
        var score = new Map();
        WEIGHTS.forEach(function (weight, place) {
          pagesOf(m[0], place).forEach(function (p) { score.set(p, (score.get(p) || 0) + weight); });
        });
        score.forEach(function (s, p) {
          if (m[1]) s += 1;
          if (!out.has(p) || out.get(p) < s) out.set(p, s);
        });
      });
      return out;
    }

    function filtered(filters) {
      var keep = null;
      Object.keys(filters || {}).forEach(function (name) {
        var any = (filters[name] && filters[name].any) || [];
        var values = index.filters[name] || {};
        var these = new Set();
        any.forEach(function (v) { decode(values[v]).forEach(function (p) { these.add(p); }); });
        keep = keep ? new Set(Array.from(keep).filter(function (p) { return these.has(p); })) : these;
      });
      return keep;
    }

    function result(p, terms, score) {
      var page = index.pages[p];
      return {
        id: String(p),
        score: score,
        data: function () {
          var meta = { title: page.t, kind: page.k };
          if (page.a) meta.area = page.a;
          return Promise.resolve({ url: new URL(page.u, base).href, meta: meta, excerpt: excerpt(page, terms) });
        }
      };
    }

    return {
      options: function () { return Promise.resolve(); },
      search: function (query, opts) {
        var terms = query ? words(query) : [];
        var total = null;
        if (query && !terms.length) return Promise.resolve({ results: [] });
        terms.forEach(function (t) {
          var these = scores(t);
          if (!total) { total = these; return; }
          var both = new Map();
          total.forEach(function (s, p) { if (these.has(p)) both.set(p, s + these.get(p)); });
          total = both;
        });
        if (!total) {
          total = new Map();
          index.pages.forEach(function (_, p) { total.set(p, 0); });
        }
        var keep = filtered(opts && opts.filters);
        var found = [];
        total.forEach(function (s, p) { if (!keep || keep.has(p)) found.push([p, s]); });
        found.sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; });
        return Promise.resolve({ results: found.map(function (f) { return result(f[0], terms, f[1]); }) });
      }
    };
  };
})();
