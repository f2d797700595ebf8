// Paste from Word or Google Docs: the HTML on the clipboard becomes Markdown
// (turndown, vendored in vendor/turndown.js, does the converting). Word does
// not write its lists as lists: each item is a paragraph styled
// `mso-list:l0 level1 lfo1` whose bullet (`·`, `o`, `§`) or number is text
// inside a `<!--[if !supportLists]-->` block, so left alone the bullet ends up
// glued to the text. `clean` turns those paragraphs into real nested
// <ul>/<ol> first. The string parts run under `node --test` (tests/js/) as
// well as in the page.
(function (P) {
  "use strict";

  // ---------------------------------------------------------------- the HTML on the clipboard

  /** What Word or a browser copied, without the document around it. */
  function fragment(html) {
    var start = html.indexOf("<!--StartFragment-->");
    var end = html.indexOf("<!--EndFragment-->");
    if (start >= 0 && end > start) return html.slice(start + "<!--StartFragment-->".length, end);
    var body = /<body\b[^>]*>([\s\S]*?)(?:<\/body>|$)/i.exec(html);
    return body ? body[1] : html;
  }

  var SUPPORT_LISTS = /<!--\[if !supportLists\]-->([\s\S]*?)<!--\[endif\]-->|<!\[if !supportLists\]>([\s\S]*?)<!\[endif\]>/i;
  // The marker when Word left the conditional comments out.
  var IGNORE_SPAN = /<span\b[^>]*mso-list:\s*Ignore[^>]*>([^<]*)(?:<span\b[^>]*>[^<]*<\/span>)?<\/span>/i;

  function text(html) {
    return html.replace(/<[^>]*>/g, "").replace(/&nbsp;|\u00a0/g, " ").replace(/&amp;/g, "&").replace(/\s+/g, " ").trim();
  }

  /** A Word list paragraph's level, its marker and its text without the marker; null for any other paragraph. */
  function listParagraph(attrs, inner) {
    var m = /mso-list:\s*l(\d+)\s+level(\d+)/i.exec(attrs);
    if (!m) return null;
    var marker = "";
    var content = inner;
    var found = SUPPORT_LISTS.exec(inner);
    if (found) {
      marker = text(found[1] || found[2] || "");
      content = inner.replace(SUPPORT_LISTS, "");
    } else if ((found = IGNORE_SPAN.exec(inner))) {
      marker = text(found[1]);
      content = inner.replace(IGNORE_SPAN, "");
    }
    return { list: m[1], level: Math.max(1, Number(m[2])), marker: marker, ordered: ordered(marker), html: content };
  }

  /** Whether a Word list marker numbers its item: `1.`, `a)`, `iv.`; `·`, `o` and `§` are bullets. */
  function ordered(marker) {
    return /^(\d{1,4}|[a-z]{1,4}|[A-Z]{1,4})[.)]$/.test(marker);
  }

  /** A run of Word list paragraphs as nested lists. */
  function nest(items) {
    var out = "";
    var stack = [];
    items.forEach(function (item) {
      var tag = item.ordered ? "ol" : "ul";
      if (stack.length >= item.level) {
        while (stack.length > item.level) out += "</li></" + stack.pop() + ">";
        out += "</li>";
        if (stack[stack.length - 1] !== tag) {
          out += "</" + stack.pop() + ">";
        }
      }
      while (stack.length < item.level) {
        // A level skipped (level 1 straight to 3) still needs an item to hang from.
        if (stack.length && stack.length < item.level - 1) {
          out += "<" + tag + "><li>";
          stack.push(tag);
          continue;
        }
        var start = item.ordered && /^\d+/.test(item.marker) && parseInt(item.marker, 10) !== 1 ? ' start="' + parseInt(item.marker, 10) + '"' : "";
        out += "<" + tag + start + ">";
        stack.push(tag);
      }
      out += "<li>" + item.html;
    });
    while (stack.length) out += "</li></" + stack.pop() + ">";
    return out;
  }

  /** Word's list paragraphs as lists; the rest as it was. */
  function wordLists(html) {
    var out = "";
    var run = [];
    var runEnd = 0;
    var last = 0;
    var paragraph = /<p\b([^>]*)>([\s\S]*?)<\/p>/gi;
    var m;
    function flush() {
      if (run.length) out += nest(run);
      run = [];
    }
    while ((m = paragraph.exec(html))) {
      var item = listParagraph(m[1], m[2]);
      var between = html.slice(last, m.index);
      if (item && run.length && /^\s*$/.test(between)) {
        run.push(item);
      } else {
        flush();
        out += between;
        if (item) run.push(item);
        else out += m[0];
      }
      last = paragraph.lastIndex;
      runEnd = last;
    }
    flush();
    return out + html.slice(Math.max(last, runEnd));
  }

  /**
   * The clipboard's HTML ready for turndown: the copied fragment, Word's
   * lists as lists, no Office-only tags or conditional comments, and Google
   * Docs' wrapper that would make everything bold unwrapped.
   */
  function clean(html) {
    var out = fragment(String(html));
    out = out.replace(/<!--\[if (?!!supportLists)[\s\S]*?<!\[endif\]-->/gi, "");
    out = out.replace(/<\/?o:p>/gi, "");
    out = wordLists(out);
    out = out.replace(/<!--\[if[\s\S]*?<!--\[endif\]-->|<!\[if[^>]*>|<!\[endif\]>/gi, "");
    var docs = /<b\b[^>]*id="docs-internal-guid-[^"]*"[^>]*>([\s\S]*)<\/b>/i.exec(out);
    if (docs) out = out.slice(0, docs.index) + docs[1] + out.slice(docs.index + docs[0].length);
    return out;
  }

  /** Markdown as an editor would write it: no runs of blank lines, no trailing spaces. */
  function tidy(markdown) {
    return markdown.replace(/[ \t]+$/gm, "").replace(/\n{3,}/g, "\n\n").trim();
  }

  // ---------------------------------------------------------------- turndown

  function styleOf(node) {
    return (node.getAttribute && node.getAttribute("style")) || "";
  }

  /** A turndown service set up for the guide's Markdown. */
  function service(TurndownService) {
    var td = new TurndownService({
      headingStyle: "atx",
      bulletListMarker: "-",
      codeBlockStyle: "fenced",
      emDelimiter: "*",
      strongDelimiter: "**",
    });
    td.remove(["style", "script", "title", "meta", "link", "head", "xml"]);
    // `- item`, and nested items indented to the text of theirs (two spaces
    // under `- `, three under `1. `), as CommonMark nests them.
    td.addRule("listItem", {
      filter: "li",
      replacement: function (content, node, options) {
        var parent = node.parentNode;
        var prefix = options.bulletListMarker + " ";
        if (parent.nodeName === "OL") {
          var start = parent.getAttribute("start");
          var index = Array.prototype.indexOf.call(parent.children, node);
          prefix = (start ? Number(start) + index : index + 1) + ". ";
        }
        content = content.replace(/^\n+/, "").replace(/\n+$/, "\n").replace(/\n(?!$)/g, "\n" + " ".repeat(prefix.length));
        return prefix + content + (node.nextSibling && !/\n$/.test(content) ? "\n" : "");
      },
    });
    // Google Docs puts each item's text in a paragraph: a tight list, not a loose one.
    td.addRule("itemParagraph", {
      filter: function (node) {
        return node.nodeName === "P" && node.parentNode && node.parentNode.nodeName === "LI";
      },
      replacement: function (content, node) {
        return content + (node.nextElementSibling ? "\n" : "");
      },
    });
    // Google Docs marks bold and italic with styles on spans.
    td.addRule("styledSpan", {
      filter: function (node) {
        return node.nodeName === "SPAN" && /font-weight:\s*(700|bold)|font-style:\s*italic/i.test(styleOf(node));
      },
      replacement: function (content, node) {
        if (!content.trim()) return content;
        var style = styleOf(node);
        var mark = (/font-weight:\s*(700|bold)/i.test(style) ? "**" : "") + (/font-style:\s*italic/i.test(style) ? "*" : "");
        var lead = /^\s*/.exec(content)[0];
        var trail = /\s*$/.exec(content)[0];
        return lead + mark + content.trim() + mark + trail;
      },
    });
    // Simple tables as GitHub tables, the first row as the header.
    td.addRule("tableCell", {
      filter: ["th", "td"],
      replacement: function (content) {
        return " " + content.trim().replace(/\s*\n\s*/g, " ").replace(/\|/g, "\\|") + " |";
      },
    });
    td.addRule("tableRow", {
      filter: "tr",
      replacement: function (content, node) {
        var table = node.closest ? node.closest("table") : null;
        var first = table && table.rows && table.rows[0] === node;
        var row = "|" + content.replace(/\n/g, "") + "\n";
        return first ? row + "|" + " --- |".repeat(node.cells.length) + "\n" : row;
      },
    });
    td.addRule("table", {
      filter: "table",
      replacement: function (content) {
        return "\n\n" + content.replace(/\n+/g, "\n").trim() + "\n\n";
      },
    });
    return td;
  }

  /** The clipboard's HTML as Markdown. */
  function toMarkdown(html, TurndownService) {
    return tidy(service(TurndownService).turndown(clean(html)));
  }

  /**
   * Markdown of more than one line pasted into a line of text: blank lines
   * around it, so its headings and lists start a block of their own.
   */
  function spaced(text, start, end, markdown) {
    if (markdown.indexOf("\n") < 0 && !/^(#|[-*+] |\d+[.)] |>|\|)/.test(markdown)) return markdown;
    var before = text.slice(0, start);
    var after = text.slice(end);
    var head = !before || /\n\n$/.test(before) ? "" : /\n$/.test(before) ? "\n" : "\n\n";
    var tail = !after || /^\n\n/.test(after) ? "" : /^\n/.test(after) ? "\n" : "\n\n";
    return head + markdown + tail;
  }

  /** Whether the HTML says more than its plain text would: formatting, lists, links, tables. */
  function worthConverting(html) {
    return /<(h[1-6]|b|strong|i|em|ul|ol|li|a|table)\b/i.test(html) || /mso-list|docs-internal-guid/i.test(html);
  }

  /**
   * Paste into `textarea` as Markdown when the clipboard holds formatted
   * HTML; `told(message)` says what happened. Plain text pastes as usual.
   */
  function attach(textarea, told) {
    textarea.addEventListener("paste", function (event) {
      var data = event.clipboardData;
      if (!data || !window.TurndownService) return;
      var html = data.getData("text/html");
      if (!html || !worthConverting(html)) return;
      var markdown;
      try {
        markdown = toMarkdown(html, window.TurndownService);
      } catch (err) {
        return; // the browser's own plain-text paste is better than nothing
      }
      event.preventDefault();
      markdown = spaced(textarea.value, textarea.selectionStart, textarea.selectionEnd, markdown);
      textarea.focus();
      // insertText keeps the browser's undo; setRangeText is the fallback.
      if (!document.execCommand || !document.execCommand("insertText", false, markdown)) {
        var start = textarea.selectionStart;
        textarea.setRangeText(markdown, start, textarea.selectionEnd, "end");
        textarea.dispatchEvent(new Event("input", { bubbles: true }));
      }
      if (told) told("Pasted as Markdown: headings, lists, links and tables were kept.");
    });
  }

  P.fragment = fragment;
  P.ordered = ordered;
  P.wordLists = wordLists;
  P.clean = clean;
  P.tidy = tidy;
  P.service = service;
  P.toMarkdown = toMarkdown;
  P.worthConverting = worthConverting;
  P.spaced = spaced;
  P.attach = attach;
})(typeof module === "object" && module.exports ? module.exports : (window.practicaPaste = window.practicaPaste || {}));
