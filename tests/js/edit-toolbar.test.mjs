// The edit view's toolbar edits (themes/default/preview/edit/toolbar.js):
// each button's change to the text and the selection it leaves, run with
// `node --test tests/js/`.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';

const require = createRequire(import.meta.url);
const T = require('../../themes/default/preview/edit/toolbar.js');

/** Run `fn` on `text` with the selection marked by « and » (or a caret |); the result marked the same way. */
function run(fn, marked, ...args) {
  let start = marked.indexOf('«');
  let end;
  let text;
  if (start >= 0) {
    end = marked.indexOf('»') - 1;
    text = marked.replace('«', '').replace('»', '');
  } else {
    start = end = marked.indexOf('|');
    text = marked.replace('|', '');
  }
  const e = fn(text, start, end, ...args);
  const out = T.apply(text, e);
  if (e.selStart === e.selEnd) return `${out.slice(0, e.selStart)}|${out.slice(e.selStart)}`;
  return `${out.slice(0, e.selStart)}«${out.slice(e.selStart, e.selEnd)}»${out.slice(e.selEnd)}`;
}

test('heading: the current line becomes a second-level heading', () => {
  assert.equal(run(T.heading, 'Intro\nWhy it| matters\nMore'), 'Intro\n## Why it matters|\nMore');
  assert.equal(run(T.heading, '### Old|'), '## Old|');
  assert.equal(run(T.heading, 'a\n|\nb'), 'a\n## «Heading»\nb');
});

test('bold: wraps the selection, unwraps it again, or leaves a placeholder', () => {
  assert.equal(run(T.bold, 'Meet «weekly» please'), 'Meet **«weekly»** please');
  assert.equal(run(T.bold, 'Meet **«weekly»** please'), 'Meet «weekly» please');
  assert.equal(run(T.bold, 'a | b'), 'a **«bold text»** b');
});

test('list: selected lines become items; a line with text gets a new item after it', () => {
  assert.equal(run(T.list, '«one\ntwo»'), '«- one\n- two»');
  assert.equal(run(T.list, '«1. one\n* two»'), '«- one\n- two»');
  assert.equal(run(T.list, 'Intro|'), 'Intro\n\n- «List item»');
});

test('checklist item: after an item, after a paragraph, and on an empty line', () => {
  assert.equal(run(T.checklistItem, '- [ ] One|'), '- [ ] One\n- [ ] «New checklist item»');
  assert.equal(run(T.checklistItem, '## Support\n\nIntro|\n'), '## Support\n\nIntro\n\n- [ ] «New checklist item»\n');
  assert.equal(run(T.checklistItem, 'a\n\n|'), 'a\n\n- [ ] «New checklist item»');
  assert.equal(run(T.checklistItem, '«- one\n- [x] two»'), '«- [ ] one\n- [ ] two»');
});

test('callout: on lines of its own with blank lines around, holding the selection', () => {
  assert.equal(run(T.callout, 'Para one.|\nPara two.', 'tip'), 'Para one.\n\n> [!TIP]\n> «Your tip.»\n\nPara two.');
  assert.equal(run(T.callout, 'Before\n\n«Keep notes.\nShare them.»\n\nAfter', 'IMPORTANT'),
    'Before\n\n«> [!IMPORTANT]\n> Keep notes.\n> Share them.»\n\nAfter');
  assert.equal(run(T.callout, '|', 'nonsense'), '> [!NOTE]\n> «Your note.»\n');
});

test('link and image: Markdown with the text escaped, the caret after it', () => {
  assert.equal(run(T.link, 'See «here» now', 'the [old] guide', '@/practices/a/b.md#why'), 'See [the \\[old\\] guide](@/practices/a/b.md#why)| now');
  assert.equal(run(T.image, 'x|', 'Map of\nthe regions', '/images/map.png'), 'x![Map of the regions](/images/map.png)|');
});

test("an image's address without the site's base path, as Markdown names static files", () => {
  assert.equal(T.sitePath('/guides/peer/images/map.png', '/guides/peer/'), '/images/map.png');
  assert.equal(T.sitePath('/images/map.png', '/'), '/images/map.png');
  assert.equal(T.sitePath('/images/map.png', '/guides/peer/'), '/images/map.png');
});
