// The paste conversion's string part (themes/default/preview/edit/paste.js),
// run with `node --test tests/js/`: Word's clipboard HTML, whose list items
// are paragraphs with the bullet as text, becomes real nested lists before
// turndown sees it. The browser test (tests/browser/edit.mjs) pastes the
// same fixture into the editor and checks the Markdown.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';

const require = createRequire(import.meta.url);
const P = require('../../themes/default/preview/edit/paste.js');
const WORD = readFileSync(new URL('../fixtures/word-clipboard.html', import.meta.url), 'utf8');

/** The HTML's structure as a string of tags and trimmed text, for comparing. */
function shape(html) {
  return html
    .replace(/<(\/?)(ul|ol|li)\b[^>]*>/g, '[$1$2]')
    .replace(/<[^>]*>/g, '')
    .replace(/&nbsp;/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/\s*(\[\/?(?:ul|ol|li)\])\s*/g, '$1')
    .trim();
}

test('only the copied fragment is kept: no head, styles or Office XML', () => {
  const html = P.clean(WORD);
  assert.ok(!/<style|<head|<xml|o:OfficeDocumentSettings|mso-level-number-format/i.test(html), html.slice(0, 300));
  assert.ok(!/<\/?o:p>/i.test(html));
  assert.ok(!/\[if |endif\]/.test(html), 'no conditional comments left');
  assert.match(html, /^\s*<h2>/);
});

test("Word's bullet paragraphs become one nested list, without the · o § markers", () => {
  const s = shape(P.clean(WORD));
  const want =
    '[ul][li]Meet at the same time each week[/li]' +
    '[li]Talk about wellness as well as tasks' +
    '[ul][li]Ask how the week went[ul][li]Listen first[/li][/ul][/li][/ul][/li]' +
    '[li]Write down what you agree[/li][/ul]';
  assert.ok(s.includes(want), s);
  assert.ok(!/[·§]/.test(s), s);
  assert.ok(!/\bo\s+Ask/.test(s), 'the level-two "o" bullet is gone');
});

test("Word's numbered paragraphs become an ordered list without their numbers", () => {
  const s = shape(P.clean(WORD));
  assert.ok(s.includes('Steps[ol][li]Agree on a meeting time[/li][li]Book a quiet room[/li][li]Review the notes together[/li][/ol]'), s);
  assert.ok(!/1\.\s*Agree/.test(s));
});

test('the rest stays: paragraphs, bold, italics, links and the table', () => {
  const html = P.clean(WORD);
  assert.match(html, /<b>understands the role<\/b>/);
  assert.match(html, /<i>every week<\/i>/);
  assert.match(html, /<a href="https:\/\/example.org\/peer-guide\/supervision">supervision handbook<\/a>/);
  assert.match(html, /<table[\s\S]*Experienced staff[\s\S]*<\/table>/);
});

test('bullets written the way Word saves files, and without the conditional comments', () => {
  const saved = "<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><![if !supportLists]><span style='font-family:Symbol'>·<span>&nbsp;&nbsp; </span></span><![endif]>One</p>\n" +
    "<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><span style='font-family:Symbol'><span style='mso-list:Ignore'>·<span style='font:7.0pt'>&nbsp;&nbsp; </span></span></span>Two</p>\n<p>After</p>";
  assert.equal(shape(P.clean(saved)), '[ul][li]One[/li][li]Two[/li][/ul]After');
});

test('a paragraph between two lists ends the first', () => {
  const item = (n) => `<p class=MsoListParagraph style='mso-list:l0 level1 lfo1'><!--[if !supportLists]-->·<!--[endif]-->${n}</p>`;
  assert.equal(shape(P.clean(`${item('a')}${item('b')}<p class=MsoNormal>Between</p>${item('c')}`)), '[ul][li]a[/li][li]b[/li][/ul]Between[ul][li]c[/li][/ul]');
});

test('a numbered list that starts at 3 keeps its start; a skipped level still nests', () => {
  const p = (level, marker, t) => `<p style='mso-list:l1 level${level} lfo2'><!--[if !supportLists]-->${marker}&nbsp;<!--[endif]-->${t}</p>`;
  const html = P.clean(p(1, '3.', 'Third') + p(1, '4.', 'Fourth'));
  assert.match(html, /<ol start="3"><li>/);
  assert.equal(shape(P.clean(p(1, '·', 'Top') + p(3, '§', 'Deep'))), '[ul][li]Top[ul][li][ul][li]Deep[/li][/ul][/li][/ul][/li][/ul]');
});

test('markers: numbers and letters order a list, bullets do not', () => {
  for (const m of ['1.', '12)', 'a.', 'iv.', 'B)']) assert.equal(P.ordered(m), true, m);
  for (const m of ['·', 'o', '§', '•', '-', '']) assert.equal(P.ordered(m), false, m);
});

test("Google Docs' wrapper that would make everything bold is unwrapped", () => {
  const html = '<meta charset="utf-8"><b style="font-weight:normal;" id="docs-internal-guid-12ab"><p><span>Plain</span></p><ul><li><p>Item</p></li></ul></b><br>';
  const out = P.clean(html);
  assert.ok(!/<b\b/.test(out), out);
  assert.match(out, /<p><span>Plain<\/span><\/p><ul>/);
});

test('what is worth converting, and tidy Markdown', () => {
  assert.equal(P.worthConverting('<meta charset="utf-8"><span>just words</span>'), false);
  assert.equal(P.worthConverting(WORD), true);
  assert.equal(P.tidy('# A  \n\n\n\n- b\t\n'), '# A\n\n- b');
});

test('pasted blocks get blank lines around them; a few words pasted into a line do not', () => {
  assert.equal(P.spaced('Take the course.', 16, 16, '## Plan\n\n- a'), '\n\n## Plan\n\n- a');
  assert.equal(P.spaced('One\n\nTwo', 5, 5, '- a\n- b'), '- a\n- b\n\n');
  assert.equal(P.spaced('One\nTwo', 4, 4, '- a'), '\n- a\n\n');
  assert.equal(P.spaced('Read the guide', 5, 5, '**new** '), '**new** ');
  assert.equal(P.spaced('', 0, 0, '# A\n\nB'), '# A\n\nB');
});
