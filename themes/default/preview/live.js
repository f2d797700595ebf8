// The preview's live-reload script (practica serve adds it to every page it
// serves; a build never publishes it). It listens on a WebSocket for:
// "reload" after a full rebuild, "changed" with the addresses whose text
// changed (an open one fetches its new HTML and puts the new body in place),
// and "failed" with a failed build's problems, shown over the last good page.
// The last good build's warnings come with each page, shown in a small bar.
(function () {
  var built = (document.currentScript && document.currentScript.getAttribute("data-built")) || "";
  var box = null;
  function hide() { if (box) { box.remove(); box = null; } }
  function show(list) {
    hide();
    box = document.createElement("div");
    box.setAttribute("role", "alert");
    box.setAttribute("style", "position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;background:#fff7f5;color:#1b2530;border-top:4px solid #b42318;box-shadow:0 -8px 24px rgba(0,0,0,.2);font:15px/1.5 system-ui,sans-serif;padding:16px 20px");
    var h = document.createElement("p");
    h.setAttribute("style", "margin:0 0 8px;font-weight:700;color:#b42318");
    var first = document.querySelector("[data-practica-waiting]");
    var n = list.filter(function (d) { return d.severity === "error"; }).length;
    h.textContent = "The guide did not build: " + n + " problem" + (n === 1 ? "" : "s") + ". " +
      (first ? "There is no good version to show yet; fix " + (n === 1 ? "it" : "them") + " and save, and this page reloads by itself."
             : "Showing the last good version until it is fixed.");
    box.appendChild(h);
    list.forEach(function (d) { box.appendChild(problem(d, "#f1c8c2")); });
    document.body.appendChild(box);
  }
  function problem(d, border) {
    var p = document.createElement("div");
    p.setAttribute("style", "margin:8px 0;padding:8px 10px;background:#fff;border:1px solid " + border + ";border-radius:6px");
    var loc = document.createElement("code");
    loc.setAttribute("style", "display:block;font-weight:700");
    loc.textContent = d.location;
    var msg = document.createElement("div");
    msg.textContent = d.severity + "[" + d.code + "]: " + d.message;
    p.appendChild(loc);
    p.appendChild(msg);
    if (d.help) {
      var help = document.createElement("div");
      help.setAttribute("style", "color:#46525f");
      help.textContent = "help: " + d.help;
      p.appendChild(help);
    }
    return p;
  }
  // The last good build's warnings come with the page (see live.rs's
  // `inject`): a small bar that opens to their list, kept open across saves.
  function warnings() {
    var old = document.querySelector("[data-practica-warnings-box]");
    var open = !!(old && old.open);
    if (old) old.remove();
    var data = document.querySelector("script[data-practica-warnings]");
    var found;
    try { found = JSON.parse(data ? data.textContent : "null"); } catch (err) { found = null; }
    if (!found || !found.items.length) return;
    var bar = document.createElement("details");
    bar.setAttribute("data-practica-warnings-box", "");
    bar.open = open;
    bar.setAttribute("style", "position:fixed;left:0;bottom:0;box-sizing:border-box;max-width:min(46rem,100vw);max-height:60vh;overflow:auto;z-index:2147483646;background:#fffbeb;color:#1b2530;border:1px solid #d97706;border-left:4px solid #b45309;box-shadow:0 -4px 16px rgba(0,0,0,.15);font:15px/1.5 system-ui,sans-serif;padding:6px 14px");
    var sum = document.createElement("summary");
    sum.setAttribute("style", "cursor:pointer;font-weight:700;color:#7c2d12");
    sum.textContent = found.total + " warning" + (found.total === 1 ? "" : "s") + " in the guide";
    bar.appendChild(sum);
    found.items.forEach(function (d) { bar.appendChild(problem(d, "#f3d9a4")); });
    if (found.total > found.items.length) {
      var more = document.createElement("p");
      more.textContent = "\u2026 and " + (found.total - found.items.length) + " more: the terminal lists them, and so does practica check.";
      bar.appendChild(more);
    }
    document.body.appendChild(bar);
  }
  warnings();
  // The page comes back where the editor was: at the same place, or still at
  // the bottom when that is where the new text went.
  var KEY = "practica-live-scroll";
  function bottom() { return document.documentElement.scrollHeight - window.innerHeight; }
  var ours = false;
  function reload() {
    ours = true;
    try {
      sessionStorage.setItem(KEY, JSON.stringify({ path: location.pathname, y: window.scrollY, end: window.scrollY > 0 && window.scrollY >= bottom() - 4 }));
      history.scrollRestoration = "manual";
    } catch (err) {}
    location.reload();
  }
  try {
    var kept = JSON.parse(sessionStorage.getItem(KEY) || "null");
    sessionStorage.removeItem(KEY);
    if (kept && kept.path === location.pathname) {
      var put = function () { window.scrollTo(0, kept.end ? bottom() : kept.y); };
      put();
      window.addEventListener("load", put);
    }
    // The browser's own restoring would undo this, but an editor's own reload gets it back.
    window.addEventListener("pagehide", function () { if (!ours) history.scrollRestoration = "auto"; });
  } catch (err) {}
  function here(data) {
    var list;
    try { list = JSON.parse(data); } catch (err) { list = []; }
    return Array.isArray(list) && list.indexOf(location.pathname.replace(/index\.html$/, "")) >= 0;
  }
  function assets(d) {
    return Array.prototype.map.call(d.querySelectorAll("link[rel=stylesheet], script[src]"), function (el) {
      return el.getAttribute("href") || el.getAttribute("src");
    }).join(" ");
  }
  function replace() {
    var starts = window.practicaRestart || [];
    // Each script that does work on the page adds its start; a library
    // script, which only defines functions for others, says so instead.
    if (starts.length < document.querySelectorAll("script[src]:not([data-practica-library])").length) return reload();
    fetch(location.href, { cache: "no-store" }).then(function (r) {
      if (!r.ok) throw new Error("status " + r.status);
      return r.text();
    }).then(function (html) {
      var doc = new DOMParser().parseFromString(html, "text/html");
      if (!doc.body || assets(doc) !== assets(document)) return reload();
      var y = window.scrollY, end = y > 0 && y >= bottom() - 4;
      hide();
      document.title = doc.title;
      document.body.replaceWith(doc.body);
      starts.forEach(function (start) { start(); });
      warnings();
      window.scrollTo(0, end ? bottom() : y);
    }).catch(reload);
  }
  // Opened once the page has loaded. A WebSocket, not a stream of events:
  // it is no request in progress, so tools and tests that wait for a page
  // to finish loading are not kept waiting. It connects again after the
  // preview restarts.
  function listen() {
    var ws = new WebSocket((location.protocol === "https:" ? "wss://" : "ws://") + location.host +
      "/__practica/events" + (built ? "?since=" + built : ""));
    ws.onmessage = function (m) {
      var e;
      try { e = JSON.parse(m.data); } catch (err) { return; }
      var data = JSON.stringify(e.data);
      if (e.type === "reload" && !here(data)) reload();
      else if (e.type === "changed" && here(data)) replace();
      else if (e.type === "failed") show(e.data);
    };
    ws.onclose = function () { setTimeout(listen, 1000); };
  }
  if (document.readyState === "complete") listen();
  else window.addEventListener("load", listen);
})();
