// The reader's self-assessment, started on each page that has one: answer
// controls on checklist and practice pages, the action plan, the team view
// and the comparison of rounds. The parts are classic scripts loaded before
// this one (assess-core.js, assess-store.js, assess-dom.js and one per page
// kind), sharing window.practicaAssess, so that the guide also works opened
// from a folder (the offline edition), where modules cannot load.
(function () {
  "use strict";

  var P = window.practicaAssess;

  function start() {
    var source = document.getElementById("practica-words");
    var dict = {};
    try { dict = JSON.parse(source ? source.textContent : "{}") || {}; } catch (e) { dict = {}; }
    var w = P.Words(dict, document.documentElement.lang || undefined);
    var kinds = [["[data-assess]", P.initAssess], ["[data-plan]", P.initPlan], ["[data-team]", P.initTeam], ["[data-compare]", P.initCompare]];
    kinds.forEach(function (k) {
      if (!k[1]) return;
      Array.prototype.forEach.call(document.querySelectorAll(k[0]), function (root) { k[1](root, w); });
    });
  }
  document.addEventListener("DOMContentLoaded", start);
  // The preview puts a saved page's new text in place: start again on it.
  (window.practicaRestart = window.practicaRestart || []).push(start);
})();
