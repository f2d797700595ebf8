// The theme's words for its scripts (js_* in the strings, given by the page
// as JSON) in the page's language: every word a script shows comes from
// them, so another language's edition needs no change in the scripts. A
// missing word shows its key. Shared by practica.js (search) and the
// self-assessment; a classic script, so that the offline edition loads it
// from a folder, and a module under `node --test`.
(function (root) {
  "use strict";

  function Words(dict, lang) {
    var words = dict || {};
    function word(key, values) {
      var text = words[key];
      if (text == null) text = key;
      return text.replace(/\{(\w+)\}/g, function (all, name) {
        return values && values[name] != null ? String(values[name]) : all;
      });
    }
    // key_one / key_other, chosen by the language's plural rules; a word
    // the language's strings lack is in the language it was taken from
    // ("(borrowed)" names it), and takes that language's rules.
    var borrowed = words["(borrowed)"] || {};
    function plural(key, n, values) {
      var form = "other";
      var rules = borrowed[key] || lang;
      try { form = new Intl.PluralRules(rules).select(n); } catch (e) { form = n === 1 ? "one" : "other"; }
      var v = Object.assign({ n: n }, values || {});
      if (words[key + "_" + form] != null) return word(key + "_" + form, v);
      if (words[key + "_other"] != null) return word(key + "_other", v);
      return word(key, v);
    }
    // The parts of a string around its placeholders, for a caller that puts
    // nodes (a link) in them: "{label}: {item}" -> ["", {name:"label"}, ": ", ...].
    function parts(key) {
      return (words[key] || key).split(/(\{\w+\})/).map(function (p) {
        var m = /^\{(\w+)\}$/.exec(p);
        return m ? { name: m[1] } : p;
      });
    }
    return { word: word, plural: plural, parts: parts, lang: lang };
  }

  if (typeof module === "object" && module.exports) module.exports = Words;
  else root.practicaWords = Words;
})(this);
