// The guide status view (/__practica/status): what needs an editor's
// attention, as `practica check` sees the guide now. Every problem, grouped
// by file, each linking into the editor at its line; the reviews overdue or
// due within a month, each with "Mark reviewed today"; per language, the
// pages not translated yet or out of date, each linking to the side-by-side
// translation view. It follows the preview's rebuilds, so a save made
// anywhere (here, in the editor, in a text editor) shows here.
(function () {
  "use strict";
  if (document.body.dataset.view !== "status") return;
  var C = window.practicaCommon;
  var el = C.el;
  var main = document.getElementById("main");

  var message = el("div", { class: "pv-message", role: "status", tabindex: "-1" });
  var body = el("div", { class: "pv-status", "aria-busy": "true" }, el("p", { text: "Reading the guide\u2026" }));
  main.appendChild(el("p", { class: "pv-lead", text: "What needs attention in the guide, as practica check finds it now. This page follows every save." }));
  main.appendChild(message);
  main.appendChild(body);

  var guide = null; // GET /api/guide: today's date and the language names

  function plural(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  /** Days from ISO date `a` to ISO date `b` (negative when `b` is earlier). */
  function daysBetween(a, b) {
    return Math.round((Date.parse(b + "T00:00:00Z") - Date.parse(a + "T00:00:00Z")) / 86400000);
  }

  /** `date` plus `months` months, as ISO (the last day of a shorter month when the day does not exist). */
  function addMonths(date, months) {
    var p = date.split("-").map(Number);
    var d = new Date(Date.UTC(p[0], p[1] - 1 + months, 1));
    var last = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
    d.setUTCDate(Math.min(p[2], last));
    return d.toISOString().slice(0, 10);
  }

  function hidden(text) {
    return el("span", { class: "pv-hidden", text: text });
  }

  function say(text, isError) {
    message.className = "pv-message" + (isError ? " pv-message-error" : " pv-message-done");
    message.textContent = text;
  }

  // ------------------------------------------------------------ problems

  var SEVERITY = { error: ["Error", 0], warning: ["Warning", 1], note: ["Note", 2] };
  function rank(p) {
    return (SEVERITY[p.severity] || [p.severity, 3])[1];
  }
  function severityName(p) {
    return (SEVERITY[p.severity] || [String(p.severity || "Note")])[0];
  }

  function problemItem(p) {
    var line = p.line > 0 ? p.line : null;
    var href = p.file ? C.view("edit", { file: p.file, line: line }) : null;
    var what = (line ? "Line " + line + ": " : "") + p.message;
    return el(
      "li",
      { class: "pv-problem pv-" + (SEVERITY[p.severity] ? p.severity : "note") },
      el(
        "p",
        null,
        el("span", { class: "pv-severity", text: severityName(p) }),
        " ",
        href ? el("a", { href: href, "data-key": "problem:" + p.file + ":" + p.line + ":" + p.code, text: what }) : what,
        " ",
        el("span", { class: "pv-code", text: p.code })
      ),
      p.help ? el("p", { class: "pv-help", text: p.help }) : null
    );
  }

  /** `list` grouped by file under an h3 each, the files with errors first, then by name. */
  function byFile(list) {
    var groups = {};
    var order = [];
    list.forEach(function (p) {
      var key = p.file || "";
      if (!groups[key]) {
        groups[key] = [];
        order.push(key);
      }
      groups[key].push(p);
    });
    order.sort(function (a, b) {
      var ra = Math.min.apply(null, groups[a].map(rank));
      var rb = Math.min.apply(null, groups[b].map(rank));
      return ra - rb || (a < b ? -1 : a > b ? 1 : 0);
    });
    return order.map(function (file) {
      var items = groups[file].slice().sort(function (a, b) { return rank(a) - rank(b) || (a.line || 0) - (b.line || 0); });
      return [
        el("h3", { class: "pv-file" }, el("code", { text: file || "The guide" }), " (" + items.length + ")"),
        el("ul", { class: "pv-list" }, items.map(problemItem)),
      ];
    });
  }

  /**
   * What check finds, in its own two kinds: problems (errors and warnings)
   * and its notes on translations and reviews.
   */
  function problemsSections(all) {
    var problems = all.filter(function (p) { return p.severity === "error" || p.severity === "warning"; });
    var notes = all.filter(function (p) { return p.severity !== "error" && p.severity !== "warning"; });
    var errors = problems.filter(function (p) { return p.severity === "error"; }).length;
    var counts = [errors ? plural(errors, "error", "errors") : null, problems.length - errors ? plural(problems.length - errors, "warning", "warnings") : null].filter(Boolean);
    return [
      el(
        "section",
        { "aria-labelledby": "pv-problems" },
        el("h2", { id: "pv-problems", text: "Problems (" + problems.length + ")" }),
        problems.length
          ? [el("p", { text: counts.join(", ") + ", by file. Each links to the editor at its line." }), byFile(problems)]
          : el("p", { text: "practica check finds no error and no warning." })
      ),
      notes.length
        ? el(
            "section",
            { "aria-labelledby": "pv-notes" },
            el("h2", { id: "pv-notes", text: "Notes on translations and reviews (" + notes.length + ")" }),
            el("p", { text: "What practica check notes without failing, by file: pages not translated or out of date, and reviews." }),
            byFile(notes)
          )
        : null,
    ];
  }

  // ------------------------------------------------------------ reviews

  function dueText(review) {
    var days = daysBetween(guide.today, review.next_review);
    if (days < 0) return plural(-days, "day", "days") + " ago";
    if (days === 0) return "today";
    return "in " + plural(days, "day", "days");
  }

  function reviewTable(reviews, caption) {
    return el(
      "table",
      { class: "pv-table" },
      el("caption", { class: "pv-hidden", text: caption }),
      el("thead", null, el("tr", null, el("th", { scope: "col", text: "Page" }), el("th", { scope: "col", text: "Due" }), el("th", { scope: "col", text: "Review" }))),
      el(
        "tbody",
        null,
        reviews.map(function (r) {
          return el(
            "tr",
            null,
            el(
              "th",
              { scope: "row" },
              r.url ? el("a", { href: r.url, text: r.title }) : r.title,
              el("span", { class: "pv-file-name" }, el("code", { text: r.file }))
            ),
            el("td", null, el("time", { datetime: r.next_review, text: r.next_review }), el("span", { class: "pv-when", text: dueText(r) })),
            el(
              "td",
              null,
              el(
                "button",
                { type: "button", class: "pv-button", "data-key": "review:" + r.file, onclick: function (e) { markReviewed(r, e.currentTarget); } },
                "Mark reviewed today",
                hidden(": " + r.title)
              ),
              " ",
              el("a", { class: "pv-small", href: C.view("edit", { file: r.file }) }, "Edit", hidden(" " + r.title))
            )
          );
        })
      )
    );
  }

  function reviewsSection(reviews) {
    var overdue = reviews.filter(function (r) { return r.overdue; });
    var soon = reviews.filter(function (r) { return !r.overdue; });
    return el(
      "section",
      { "aria-labelledby": "pv-reviews" },
      el("h2", { id: "pv-reviews", text: "Reviews due (" + reviews.length + ")" }),
      el(
        "p",
        null,
        "A page is due for review on its ", el("code", { text: "next_review:" }), " date, or its ", el("code", { text: "reviewed:" }),
        " date plus guide.yaml's ", el("code", { text: "review_every:" }), " months. Once you have checked a page is still right, mark it reviewed."
      ),
      el("h3", { text: "Overdue (" + overdue.length + ")" }),
      overdue.length ? reviewTable(overdue, "Pages whose review is overdue") : el("p", { text: "No review is overdue." }),
      el("h3", { text: "Due within a month (" + soon.length + ")" }),
      soon.length ? reviewTable(soon, "Pages due for review within a month") : el("p", { text: "No review is due within a month." })
    );
  }

  /**
   * Saves `reviewed: <today>` in the page's file. A page that names its own
   * next_review: would stay overdue with only that, so it also gets a new
   * one, as far after today as the page asked before (a year if it did not
   * say), and the message says so.
   */
  function markReviewed(review, button) {
    button.disabled = true;
    say("Marking \u201c" + review.title + "\u201d reviewed\u2026");
    C.api("GET", "file?" + C.query({ path: review.file }))
      .then(function (r) {
        if (!r.ok) throw new Error(r.data.error || "The file could not be read.");
        var fm = r.data.front_matter || {};
        var changes = { reviewed: guide.today };
        if (fm.next_review) {
          var months = 12;
          if (fm.reviewed) {
            var p = String(fm.reviewed).split("-").map(Number);
            var q = String(fm.next_review).split("-").map(Number);
            var m = (q[0] - p[0]) * 12 + (q[1] - p[1]);
            if (m > 0) months = m;
          }
          changes.next_review = addMonths(guide.today, months);
        }
        return C.api("POST", "save", { path: review.file, hash: r.data.hash, changes: changes }).then(function (s) {
          if (!s.ok) throw new Error(s.data.error || "The file could not be saved.");
          return changes;
        });
      })
      .then(function (changes) {
        var text = "Marked \u201c" + review.title + "\u201d reviewed today: reviewed: " + changes.reviewed;
        if (changes.next_review) text += " and next_review: " + changes.next_review + " (edit the page to choose another day)";
        say(text + " in " + review.file + ".");
        message.focus();
        return refreshUntil(function (s) {
          return !s.reviews.some(function (x) { return x.file === review.file && x.next_review === review.next_review; });
        });
      })
      .catch(function (err) {
        button.disabled = false;
        say("\u201c" + review.title + "\u201d was not marked reviewed: " + err.message, true);
        message.focus();
      });
  }

  // ------------------------------------------------------------ translations

  function translationItem(page, lang, stale) {
    return el(
      "li",
      null,
      page.title + " ",
      el("a", { href: C.view("translate", { file: page.file, lang: lang }), "data-key": "translate:" + lang + ":" + page.file }, "Translate", hidden(": " + page.title)),
      el("span", { class: "pv-file-name" }, el("code", { text: stale ? page.translation || page.file : page.file }))
    );
  }

  function translationsSection(languages) {
    var todo = languages.reduce(function (n, l) { return n + l.missing.length + l.stale.length; }, 0);
    return el(
      "section",
      { "aria-labelledby": "pv-translations" },
      el("h2", { id: "pv-translations", text: "Translations to do (" + todo + ")" }),
      languages.map(function (l) {
        var name = (l.name || l.lang) + " (" + l.lang + ")";
        var n = l.missing.length + l.stale.length;
        return [
          el("h3", { text: name + ": " + (n ? plural(n, "page", "pages") + " to do" : "all done") }),
          n ? null : el("p", { text: "Every page is translated and up to date." }),
          l.stale.length
            ? [
                el("h4", { text: "Out of date (" + l.stale.length + ")" }),
                el("p", { text: "The page changed since its translation was brought up to date." }),
                el("ul", { class: "pv-list" }, l.stale.map(function (p) { return translationItem(p, l.lang, true); })),
              ]
            : null,
          l.missing.length
            ? [
                el("h4", { text: "Not translated yet (" + l.missing.length + ")" }),
                el("ul", { class: "pv-list" }, l.missing.map(function (p) { return translationItem(p, l.lang, false); })),
              ]
            : null,
        ];
      })
    );
  }

  // ------------------------------------------------------------ the page

  function render(s) {
    var languages = s.languages || [];
    var translations = languages.reduce(function (n, l) { return n + l.missing.length + l.stale.length; }, 0);
    var problems = s.problems.filter(function (p) { return p.severity === "error" || p.severity === "warning"; }).length;
    var notes = s.problems.length - problems;
    var focused = document.activeElement && document.activeElement.getAttribute("data-key");
    body.textContent = "";
    body.removeAttribute("aria-busy");
    if (!s.problems.length && !s.reviews.length && !translations) {
      body.appendChild(
        el("div", { class: "pv-clean" },
          el("h2", { text: "The guide is clean" }),
          el("p", {
            text: "practica check finds no problem and has no note, no review is due within a month" +
              (languages.length ? ", and every page is translated and up to date." : "."),
          })
        )
      );
    } else {
      body.appendChild(
        el(
          "ul",
          { class: "pv-summary", "aria-label": "Summary" },
          el("li", null, el("a", { href: "#pv-problems", text: plural(problems, "problem", "problems") })),
          el("li", null, el("a", { href: "#pv-reviews", text: plural(s.reviews.length, "review due", "reviews due") })),
          languages.length ? el("li", null, el("a", { href: "#pv-translations", text: plural(translations, "translation to do", "translations to do") })) : null,
          notes ? el("li", null, el("a", { href: "#pv-notes", text: plural(notes, "note", "notes") })) : null
        )
      );
      // The notes last: most repeat, one by one, what the reviews and translations list.
      var parts = problemsSections(s.problems);
      body.appendChild(parts[0]);
      body.appendChild(reviewsSection(s.reviews));
      if (languages.length) body.appendChild(translationsSection(languages));
      if (parts[1]) body.appendChild(parts[1]);
    }
    // A refresh while the editor was on a control puts them back on it (or
    // on the message, when what they were on is gone, e.g. a page marked reviewed).
    if (focused) {
      var again = body.querySelector('[data-key="' + CSS.escape(focused) + '"]');
      (again || message).focus();
    }
  }

  function load() {
    return C.api("GET", "status").then(function (r) {
      if (!r.ok) throw new Error(r.data.error || "The preview answered " + r.status + ".");
      render(r.data);
      return r.data;
    });
  }

  function failed(err) {
    body.removeAttribute("aria-busy");
    body.textContent = "";
    body.appendChild(el("p", { class: "pv-message-error", role: "alert", text: "The guide's status could not be read: " + err.message }));
  }

  /**
   * Loads the status again until `done` holds for it: a save shows once the
   * preview has rebuilt, a moment later. Gives up after a few seconds and
   * shows what there is.
   */
  function refreshUntil(done) {
    var tries = 0;
    function again() {
      return load().then(function (s) {
        if (done(s) || ++tries >= 25) return s;
        return new Promise(function (resolve) { setTimeout(resolve, 300); }).then(again);
      });
    }
    return again().catch(failed);
  }

  // The preview says when it rebuilt; the list is read again then.
  var pending = null;
  function listen() {
    var ws;
    try {
      ws = new WebSocket("ws://" + location.host + "/__practica/events");
    } catch (err) {
      return;
    }
    ws.onmessage = function () {
      clearTimeout(pending);
      pending = setTimeout(function () { load().catch(failed); }, 150);
    };
    ws.onclose = function () { setTimeout(listen, 2000); };
  }

  C.guide()
    .then(function (g) {
      guide = g;
      return load();
    })
    .then(function () {
      if (document.readyState === "complete") listen();
      else window.addEventListener("load", listen);
    })
    .catch(failed);
})();
