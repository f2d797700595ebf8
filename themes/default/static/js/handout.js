// Handout pages: a Print button. Without JavaScript the page prints the same
// with the browser's own Print command, so the button only appears with it.
//
// When practica prints a handout to PDF (the address ends in ?print-pdf), it
// does so from a server on this machine; a PDF keeps the address of every
// link, so links into the guide are pointed at where it is published, or,
// without a published address, made plain text rather than dead links.
(function () {
  "use strict";

  function publishedLinks(sheet) {
    var local = new URL(sheet.getAttribute("data-site-root") || "/", location.href).href;
    var published = sheet.getAttribute("data-published-root") || "";
    Array.prototype.forEach.call(document.querySelectorAll("a[href]"), function (a) {
      // Links within the handout stay links within the PDF.
      if (a.getAttribute("href").charAt(0) === "#") return;
      var to = a.href;
      if (to.indexOf(local) !== 0) return;
      var rest = to.slice(local.length).replace(/(^|\/)index\.html(?=$|[?#])/, "$1");
      a.setAttribute("data-in-guide", "");
      if (published) a.href = published + rest;
      else a.removeAttribute("href");
    });
  }

  // practica prints a handout with a contents list twice: the first print
  // shows where each part landed, and this puts those pages in the list
  // before the second. The space for the numbers is kept from the first
  // print on (.contents-numbered), so filling them in moves nothing.
  // A page whose list has no entries to number is printed once.
  window.practicaContentsSlots = function () {
    return document.querySelectorAll("[data-page-for]").length;
  };
  window.practicaNumberContents = function (pages) {
    var numbered = 0;
    Array.prototype.forEach.call(document.querySelectorAll("[data-page-for]"), function (slot) {
      var page = pages[slot.getAttribute("data-page-for")];
      slot.textContent = page ? String(page) : "";
      if (page) numbered += 1;
    });
    return numbered;
  };

  function start() {
    var sheet = document.querySelector("[data-published-root]");
    if (sheet && /[?&]print-pdf(&|$)/.test(location.search)) {
      publishedLinks(sheet);
      Array.prototype.forEach.call(document.querySelectorAll(".contents"), function (c) {
        c.classList.add("contents-numbered");
      });
    }
    Array.prototype.forEach.call(document.querySelectorAll("[data-print]"), function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }
  document.addEventListener("DOMContentLoaded", start);
  // The preview puts a saved page's new text in place: start again on it.
  (window.practicaRestart = window.practicaRestart || []).push(start);
})();
