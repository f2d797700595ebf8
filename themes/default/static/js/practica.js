// Enhancements only: every page works without this file.
(function () {
  "use strict";

  // Search: Pagefind's runtime is loaded on first use, from the bundle the
  // build wrote under the site's base path. Results come from our own markup.
  // The offline edition, opened from a folder, cannot run Pagefind: there the
  // form names an index script and a small runtime with the same interface,
  // both loaded with <script> elements.
  var pagefind = null;
  // Set when shards were merged: each holds a list of all the guide's words
  // (so that each matches words as one index would), marked with this filter.
  var wordLists = false;
  function loadPagefind(form) {
    if (!pagefind) {
      var index = form.getAttribute("data-search-index");
      pagefind = index
        ? loadScript(form.getAttribute("data-search-runtime"))
          .then(function () { return loadScript(index); })
          .then(function () { return window.practicaOfflineSearch(window.practicaSearchIndex, index); })
        : loadPagefindIndexes(new URL(form.getAttribute("data-pagefind"), location.href));
    }
    return pagefind;
  }

  // A large guide's index is in shards: shards.json, beside the runtime,
  // lists for each language the ones Pagefind merges with the bundle's own.
  // Options are set on every index, as Pagefind's apply only to the one they
  // are set on.
  function loadPagefindIndexes(bundle) {
    var options = { excerptLength: 22 };
    var shards = fetch(new URL("shards.json", bundle)).then(function (r) {
      if (!r.ok) throw new Error("could not load the search index's list of shards");
      return r.json();
    });
    return Promise.all([import(bundle.href), shards]).then(function (loaded) {
      var pf = loaded[0];
      var own = loaded[1][lang] || [];
      wordLists = own.length > 0;
      return pf.options(options)
        .then(function () {
          return Promise.all(own.map(function (dir) {
            return pf.mergeIndex(new URL(dir, bundle).pathname, Object.assign({}, options));
          }));
        })
        .then(function () { return pf; });
    });
  }

  function loadScript(src) {
    return new Promise(function (resolve, reject) {
      var s = document.createElement("script");
      s.src = src;
      s.onload = resolve;
      s.onerror = function () { reject(new Error("could not load " + src)); };
      document.head.appendChild(s);
    });
  }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }

  // The search box's words (js_search_*), in the page's language (see words.js).
  var words = {};
  var lang = document.documentElement.lang || undefined;
  function word(key, values) {
    return window.practicaWords(words, lang).word(key, values);
  }
  function plural(key, n, values) {
    return window.practicaWords(words, lang).plural(key, n, values);
  }

  function runSearch(form, query, filters, limit) {
    return loadPagefind(form).then(function (pf) {
      var f = Object.assign({}, filters);
      if (wordLists) f["practica-words"] = { not: "all" };
      return pf.search(query, { filters: f });
    }).then(function (search) {
      var results = search ? search.results : [];
      return Promise.all(results.slice(0, limit).map(function (r) { return r.data(); }))
        .then(function (data) { return { total: results.length, data: data }; });
    });
  }

  function resultLink(d, headingTag) {
    var a = el("a", "result-link");
    a.href = d.url;
    var title = el(headingTag || "span", "result-title", d.meta.title || d.url);
    a.appendChild(title);
    var meta = [d.meta.kind, d.meta.area].filter(Boolean).join(" · ");
    if (meta) a.appendChild(el("span", "result-meta", meta));
    var ex = el("span", "result-excerpt");
    // Pagefind's excerpt is our escaped text with <mark> around matched words.
    ex.innerHTML = d.excerpt;
    a.appendChild(ex);
    return a;
  }

  function debounce(fn, ms) {
    var t;
    return function () {
      var args = arguments;
      clearTimeout(t);
      t = setTimeout(function () { fn.apply(null, args); }, ms);
    };
  }

  function initHeaderSearch(form) {
    var input = form.querySelector("input[type=search]");
    var panel = el("div", "search-popup");
    panel.hidden = true;
    var status = el("p", "search-popup-status");
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    var list = el("ul", "search-popup-list");
    list.setAttribute("aria-label", word("results"));
    var all = el("a", "search-popup-all", word("all"));
    panel.appendChild(status);
    panel.appendChild(list);
    panel.appendChild(all);
    form.appendChild(panel);
    var seq = 0;

    function links() { return Array.prototype.slice.call(panel.querySelectorAll("a")); }
    function close() { panel.hidden = true; }
    function update() {
      var q = input.value.trim();
      var mine = ++seq;
      if (!q) { close(); status.textContent = ""; list.textContent = ""; return; }
      runSearch(form, q, {}, 6).then(function (res) {
        if (mine !== seq) return;
        list.textContent = "";
        res.data.forEach(function (d) {
          var li = el("li");
          li.appendChild(resultLink(d));
          list.appendChild(li);
        });
        status.textContent = res.total ? plural("found", res.total, { q: q }) : word("none", { q: q });
        all.href = form.action + "?q=" + encodeURIComponent(q);
        all.hidden = res.total <= 6;
        panel.hidden = false;
      }).catch(function () {
        if (mine !== seq) return;
        status.textContent = word("unavailable");
        list.textContent = "";
        panel.hidden = false;
      });
    }
    input.addEventListener("input", debounce(update, 120));
    // Warm up on focus so the first keystroke's results are not held up by loading.
    input.addEventListener("focus", function () { loadPagefind(form).catch(function () {}); });
    form.addEventListener("keydown", function (e) {
      var ls = links().filter(function (a) { return !a.hidden; });
      var i = ls.indexOf(document.activeElement);
      if (e.key === "ArrowDown" && panel.hidden && document.activeElement === input && list.childNodes.length) {
        e.preventDefault();
        panel.hidden = false;
      } else if (e.key === "ArrowDown" && !panel.hidden && ls.length) {
        e.preventDefault();
        ls[Math.min(i + 1, ls.length - 1)].focus();
      } else if (e.key === "ArrowUp" && !panel.hidden && i >= 0) {
        e.preventDefault();
        if (i === 0) input.focus(); else ls[i - 1].focus();
      } else if (e.key === "Escape") {
        if (!panel.hidden) { e.preventDefault(); close(); input.focus(); }
      }
    });
    document.addEventListener("click", function (e) { if (!form.contains(e.target)) close(); });
    form.addEventListener("focusout", function () {
      setTimeout(function () { if (!form.contains(document.activeElement)) close(); }, 0);
    });
  }

  function initSearchPage(root, header) {
    var form = root.querySelector("form");
    var input = form.querySelector("input[type=search]");
    var status = root.querySelector("[data-search-status]");
    var list = root.querySelector("[data-search-results]");
    var nojs = root.querySelector("[data-search-nojs]");
    if (nojs) nojs.hidden = true;
    var params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    var chosen = 0;
    Array.prototype.forEach.call(form.querySelectorAll("input[type=checkbox]"), function (c) {
      if (params.getAll(c.name).indexOf(c.value) >= 0) { c.checked = true; chosen++; }
    });
    // On a phone the filters would push the results below the fold: they
    // start folded away, one tap from the results, unless some are chosen.
    var box = root.querySelector("[data-search-filters]");
    if (box && !chosen && window.matchMedia && window.matchMedia("(max-width: 59.99rem)").matches) box.open = false;
    var seq = 0;

    function filters() {
      var f = {};
      Array.prototype.forEach.call(form.querySelectorAll("input[type=checkbox]:checked"), function (c) {
        (f[c.name] = f[c.name] || { any: [] }).any.push(c.value);
      });
      return f;
    }
    function syncUrl() {
      var p = new URLSearchParams();
      if (input.value.trim()) p.set("q", input.value.trim());
      Array.prototype.forEach.call(form.querySelectorAll("input[type=checkbox]:checked"), function (c) { p.append(c.name, c.value); });
      var qs = p.toString();
      history.replaceState(null, "", location.pathname + (qs ? "?" + qs : ""));
    }
    function update() {
      syncUrl();
      var q = input.value.trim();
      var f = filters();
      var mine = ++seq;
      if (!q && !Object.keys(f).length) {
        list.hidden = true;
        list.textContent = "";
        status.textContent = word("prompt");
        return;
      }
      runSearch(header, q || null, f, 50).then(function (res) {
        if (mine !== seq) return;
        list.textContent = "";
        res.data.forEach(function (d) {
          var li = el("li", "search-result");
          li.appendChild(resultLink(d, "span"));
          list.appendChild(li);
        });
        list.hidden = !res.total;
        var v = { q: q, shown: 50 };
        if (!res.total) status.textContent = word(q ? "none_page" : "none_filtered", v);
        else if (res.total > 50) status.textContent = word(q ? "first" : "first_filtered", Object.assign({ n: res.total }, v));
        else status.textContent = plural(q ? "found" : "found_filtered", res.total, v);
      }).catch(function () {
        if (mine !== seq) return;
        status.textContent = word("unavailable");
      });
    }
    form.addEventListener("submit", function (e) { e.preventDefault(); update(); });
    input.addEventListener("input", debounce(update, 150));
    form.addEventListener("change", function (e) { if (e.target.type === "checkbox") update(); });
    update();
  }

  function start() {
    var header = document.querySelector("form.site-search[data-pagefind], form.site-search[data-search-index]");
    if (header) {
      try { words = JSON.parse(header.getAttribute("data-words") || "{}"); } catch (e) { words = {}; }
      initHeaderSearch(header);
      var page = document.querySelector("[data-search-page]");
      if (page) initSearchPage(page, header);
    }
  }
  document.addEventListener("DOMContentLoaded", start);
  // The preview puts a saved page's new text in place: start again on it.
  (window.practicaRestart = window.practicaRestart || []).push(start);
})();
