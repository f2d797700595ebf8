// What the preview's editing views share: the API with the preview's secret,
// making elements without writing HTML strings, the guide's description
// (fetched once), and lines of a text. Classic script: window.practicaCommon.
(function () {
  "use strict";

  function meta(name) {
    var m = document.querySelector('meta[name="' + name + '"]');
    return m ? m.getAttribute("content") || "" : "";
  }
  var secret = meta("practica-secret");
  var base = meta("practica-base") || "/";

  /**
   * A request to /__practica/api/<path>: resolves to { status, ok, data }
   * (data is the JSON answer, or { error } when there was none). `body` is
   * sent as JSON unless it is a Blob (an image upload).
   */
  function api(method, path, body) {
    var headers = { "X-Practica-Secret": secret };
    var init = { method: method, headers: headers, credentials: "same-origin", cache: "no-store" };
    if (body !== undefined) {
      if (typeof Blob !== "undefined" && body instanceof Blob) {
        headers["Content-Type"] = body.type || "application/octet-stream";
        init.body = body;
      } else {
        headers["Content-Type"] = "application/json";
        init.body = JSON.stringify(body);
      }
    }
    return fetch("/__practica/api/" + path, init).then(
      function (r) {
        return r.text().then(function (t) {
          var data;
          try {
            data = t ? JSON.parse(t) : {};
          } catch (err) {
            data = { error: t || "The preview answered " + r.status + "." };
          }
          return { status: r.status, ok: r.ok, data: data };
        });
      },
      function () {
        return { status: 0, ok: false, data: { error: "The preview does not answer. Is `practica serve` still running?" } };
      }
    );
  }

  function query(params) {
    return Object.keys(params)
      .filter(function (k) { return params[k] !== undefined && params[k] !== null && params[k] !== ""; })
      .map(function (k) { return encodeURIComponent(k) + "=" + encodeURIComponent(params[k]); })
      .join("&");
  }

  var guidePromise = null;
  /** GET /api/guide, once per page. */
  function guide() {
    if (!guidePromise) {
      guidePromise = api("GET", "guide").then(function (r) {
        if (!r.ok) {
          guidePromise = null;
          throw new Error(r.data.error || "The guide's description could not be read.");
        }
        return r.data;
      });
    }
    return guidePromise;
  }

  /**
   * el("p", { class: "x", text: "hi", onclick: fn }, child, ...): an element.
   * `text` sets its text; on* keys add listeners; false/null attributes are
   * left out; children may be strings, nodes, arrays or null.
   */
  function el(tag, attrs) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) return;
      if (k === "text") node.textContent = v;
      else if (k.slice(0, 2) === "on" && typeof v === "function") node.addEventListener(k.slice(2), v);
      else if (k in { value: 1, checked: 1, selected: 1 } && tag !== "option") node[k] = v;
      else node.setAttribute(k, v === true ? "" : v);
    });
    for (var i = 2; i < arguments.length; i++) append(node, arguments[i]);
    return node;
  }
  function append(node, child) {
    if (child === null || child === undefined || child === false) return;
    if (Array.isArray(child)) child.forEach(function (c) { append(node, c); });
    else node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
  }

  var ids = 0;
  /** An id no other element of the page has. */
  function uid(prefix) {
    ids += 1;
    return (prefix || "pe") + "-" + ids;
  }

  /** The offsets where 1-based line `n` of `text` starts and ends (clamped to the text). */
  function lineOffsets(text, n) {
    var start = 0;
    for (var i = 1; i < n; i++) {
      var next = text.indexOf("\n", start);
      if (next < 0) break;
      start = next + 1;
    }
    var end = text.indexOf("\n", start);
    return { start: start, end: end < 0 ? text.length : end };
  }

  /** Focus `textarea` and select its 1-based line `n`, scrolled into view. */
  function selectLine(textarea, n) {
    var at = lineOffsets(textarea.value, n);
    textarea.focus();
    textarea.setSelectionRange(at.start, at.end);
    // Scroll the line into the middle: the browser only keeps the caret in view.
    var lineHeight = parseFloat(getComputedStyle(textarea).lineHeight) || 20;
    textarea.scrollTop = Math.max(0, (n - 1) * lineHeight - textarea.clientHeight / 2);
  }

  /** `content/practices/a/b.md` as a Markdown link target: `@/practices/a/b.md`. */
  function linkTarget(file) {
    return "@/" + String(file).replace(/^content\//, "");
  }

  /** The address of a view of the editor. */
  function view(name, params) {
    var q = query(params || {});
    return "/__practica/" + name + (q ? "?" + q : "");
  }

  window.practicaCommon = {
    secret: secret,
    base: base,
    api: api,
    query: query,
    guide: guide,
    el: el,
    uid: uid,
    lineOffsets: lineOffsets,
    selectLine: selectLine,
    linkTarget: linkTarget,
    view: view,
  };
})();
