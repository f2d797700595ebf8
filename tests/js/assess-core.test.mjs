// The self-assessment's pure parts (themes/default/static/js/assess-core.js),
// run with `node --test tests/js/` (tests/suite/assess.rs runs it under cargo test):
// answer files read against the guide's items, hostile files refused with
// the reason, the spreadsheet export, counts by area, the team's agreed
// answers and two rounds compared.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { test } from 'node:test';

const require = createRequire(import.meta.url);
const P = require('../../themes/default/static/js/assess-core.js');

const WORDS = {
  checklist: 'Checklist', section: 'Section', item: 'Item', answer: 'Answer', owner: 'Owner', target: 'Target date',
  note: 'Note', practice: 'Practice', in_place: 'In place', in_progress: 'In progress', not_yet: 'Not yet', unanswered: 'Not answered',
  import_other: '"{file}" holds answers for "{guide}", not for this guide. Nothing was changed.',
  import_date: '"{file}" gives "{item}" the target date {date}, which is not a real date. Nothing was changed.',
  import_damaged: '"{file}" is damaged.',
};
const w = P.Words(WORDS, 'en');

/** A guide of one checklist: items before any heading, then two areas. */
function guide(title = 'Fixture Guide') {
  return {
    guide: title,
    lists: [{
      key: 'checklists/self-check',
      title: 'Self check',
      url: '../checklists/self-check/',
      sections: [
        { title: null, items: [{ id: 'loose', text: 'A loose item', practice: null }] },
        { title: 'Hiring', items: [
          { id: 'jd', text: 'Job descriptions exist. (Job descriptions)', practice: { title: 'Job descriptions', url: 'x' } },
          { id: 'panels', text: 'Interview panels include a peer worker.', practice: null },
        ] },
        { title: 'Support', items: [{ id: 'room', text: 'Peer workers have a quiet room.', practice: null }] },
      ],
    }],
  };
}

function file(answers, extra = {}) {
  return JSON.stringify({ format: 'practica-answers', version: 1, guide: 'Fixture Guide', name: 'Riverside', lists: { 'checklists/self-check': { answers } }, ...extra });
}

const a = (answer, more = {}) => ({ answer, owner: '', target: '', note: '', ...more });

test('a file of this guide is read, blank answers left out', () => {
  const got = P.parseFile(file({ jd: a('in-place'), panels: a('not-yet', { owner: 'Kim', target: '2027-03-31' }), room: a('') }), guide());
  assert.equal(got.error, undefined);
  assert.equal(got.count, 2);
  assert.equal(got.matched, 2);
  assert.deepEqual(got.gone, []);
  assert.deepEqual({ ...got.lists['checklists/self-check'].panels }, a('not-yet', { owner: 'Kim', target: '2027-03-31' }));
  assert.equal('room' in got.lists['checklists/self-check'], false);
});

test('an impossible target date is refused with the item named', () => {
  for (const date of ['2026-02-30', '2027-02-29', '2026-13-01', '2026-04-31', '2026-00-10']) {
    const got = P.parseFile(file({ panels: a('not-yet', { target: date }) }), guide());
    assert.deepEqual(got, { error: 'date', value: date, item: 'Interview panels include a peer worker.' }, date);
    assert.equal(P.refusal(w, got, 'a.json'), `"a.json" gives "Interview panels include a peer worker." the target date ${date}, which is not a real date. Nothing was changed.`);
  }
  // A leap day is a day.
  assert.equal(P.parseFile(file({ panels: a('not-yet', { target: '2028-02-29' }) }), guide()).count, 1);
  // An item the guide no longer has is named by the words the file kept.
  const gone = P.parseFile(file({ old: a('not-yet', { target: '2026-02-30', text: 'An old item' }) }), guide());
  assert.deepEqual(gone, { error: 'date', value: '2026-02-30', item: 'An old item' });
});

test('malformed answers make the file damaged, not half read', () => {
  for (const bad of [
    '{"format":"practica-answers"',
    '[1,2]',
    file({ jd: a('maybe') }),
    file({ jd: { answer: 'in-place', owner: 7 } }),
    file({ jd: a('not-yet', { target: '31/03/2027' }) }).replace('"target": "31/03/2027"', '"target":"31/03/2027"'),
    JSON.stringify({ format: 'practica-answers', version: 2, guide: 'Fixture Guide', lists: {} }),
  ]) {
    const got = P.parseFile(bad, guide());
    assert.ok(got.error === 'damaged' || got.error === 'date', bad);
  }
});

test('a file follows the guide across a title change; another guide\'s is refused', () => {
  const renamed = guide('Fixture Guide, second edition');
  const got = P.parseFile(file({ jd: a('in-place') }), renamed);
  assert.equal(got.error, undefined);
  assert.equal(got.matched, 1);
  const other = JSON.stringify({ format: 'practica-answers', version: 1, guide: 'Another Guide', lists: { 'checklists/other': { answers: { x: a('in-place') } } } });
  assert.deepEqual(P.parseFile(other, renamed), { error: 'other', guide: 'Another Guide' });
  // A file with no answers under another title cannot be told to be this guide's.
  assert.equal(P.parseFile(file({}, { guide: 'Another Guide' }), renamed).error, 'other');
});

test('a partly matching file says how many matched and which items are gone', () => {
  const got = P.parseFile(file({ jd: a('in-place'), old: a('not-yet', { text: 'Offers explain benefits.' }), older: a('in-place') }), guide());
  assert.equal(got.matched, 1);
  assert.deepEqual(got.gone, ['Offers explain benefits.', 'older']);
  // Kept all the same, so that a later edition that brings an item back has its answer.
  assert.equal(got.count, 3);
});

test('keys like __proto__ are data', () => {
  const text = '{"format":"practica-answers","version":1,"guide":"Fixture Guide","lists":{"__proto__":{"answers":{"constructor":{"answer":"in-place"}}},"checklists/self-check":{"answers":{"__proto__":{"answer":"not-yet"},"jd":{"answer":"in-place"}}}}}';
  const got = P.parseFile(text, guide());
  assert.equal(({}).answer, undefined);
  assert.equal(Object.hasOwn(got.lists, '__proto__'), true);
  assert.equal(got.lists['checklists/self-check'].__proto__.answer, 'not-yet');
});

test('the export keeps each answer with its item\'s words and lists every item', () => {
  const data = { name: 'Riverside', lists: { 'checklists/self-check': { jd: a('in-place') } } };
  const f = JSON.parse(P.exportJson(data, guide(), new Date('2026-12-01T10:00:00Z')));
  assert.equal(f.exported, '2026-12-01T10:00:00.000Z');
  assert.equal(f.lists['checklists/self-check'].answers.jd.text, 'Job descriptions exist.');
  assert.deepEqual(f.items['checklists/self-check'], ['loose', 'jd', 'panels', 'room']);
  // And reads back as the same answers.
  assert.deepEqual({ ...P.parseFile(JSON.stringify(f), guide()).lists['checklists/self-check'].jd }, a('in-place'));
});

test('every CSV cell that starts like a formula is kept as text, the guide\'s own words too', () => {
  const g = guide();
  g.lists[0].title = '=HYPERLINK("http://x")';
  g.lists[0].sections[1].title = '+Hiring';
  g.lists[0].sections[1].items[1].text = '-1+1';
  g.lists[0].sections[2].items[0].text = '@SUM(A1)';
  g.lists[0].sections[1].items[0].practice.title = '=cmd';
  const data = { lists: { 'checklists/self-check': { panels: a('not-yet', { owner: '=evil()', note: '\tnote' }) } } };
  const csv = P.exportCsv(data, g, w);
  assert.ok(csv.startsWith('\uFEFFChecklist,Section,Item,Answer,Owner,Target date,Note,Practice\r\n'));
  const cells = csv.slice(1).split('\r\n').filter(Boolean).slice(1).flatMap((row) => row.match(/("([^"]|"")*"|[^,]*)(,|$)/g).map((c) => c.replace(/,$/, '')));
  for (const c of cells) {
    const text = c.startsWith('"') ? c.slice(1, -1).replace(/""/g, '"') : c;
    assert.ok(!/^[=+\-@\t\r]/.test(text), `a cell starts like a formula: ${JSON.stringify(text)}`);
  }
  assert.ok(csv.includes(`"'=HYPERLINK(""http://x"")"`));
  assert.ok(csv.includes("'+Hiring,'-1+1,Not yet,'=evil(),,'\tnote"));
  assert.ok(csv.includes("'@SUM(A1)"));
});

test('counts by area: items before any heading are an area of their own', () => {
  const areas = P.areaCounts(guide().lists[0], { jd: a('in-place'), panels: a('not-yet'), loose: a('in-progress') });
  assert.deepEqual(areas.map((x) => [x.title, x.counts.in_place, x.counts.in_progress, x.counts.not_yet, x.counts.unanswered]), [
    ['', 0, 1, 0, 0],
    ['Hiring', 1, 0, 1, 0],
    ['Support', 0, 0, 0, 1],
  ]);
});

test('a stacked bar\'s segments fill it in order, none for an empty count', () => {
  const s = P.barSegments({ in_place: 1, in_progress: 0, not_yet: 2, unanswered: 1 });
  assert.deepEqual(s.map((x) => [x.key, x.n, x.x, x.width]), [['in-place', 1, 0, 25], ['not-yet', 2, 25, 50], ['unanswered', 1, 75, 25]]);
  assert.deepEqual(P.barSegments({ in_place: 0, in_progress: 0, not_yet: 0, unanswered: 0 }), []);
  const thirds = P.barSegments({ in_place: 1, in_progress: 1, not_yet: 1, unanswered: 0 });
  assert.ok(Math.abs(thirds.reduce((n, x) => n + x.width, 0) - 100) < 0.01);
});

test('the team: answers differ only where people who answered disagree; agreed answers are the team\'s', () => {
  const people = [
    { lists: { 'checklists/self-check': { jd: a('in-place'), panels: a('not-yet', { owner: 'Kim' }) } } },
    { lists: { 'checklists/self-check': { jd: a('in-place'), panels: a('in-progress') } } },
    { lists: { 'checklists/self-check': { room: a('not-yet', { target: '2027-01-31' }) } } },
  ];
  assert.equal(P.itemAnswers(people, 'checklists/self-check', 'jd').differ, false);
  assert.equal(P.itemAnswers(people, 'checklists/self-check', 'panels').differ, true);
  const team = P.agreedAnswers(people, guide());
  assert.deepEqual(Object.keys(team['checklists/self-check']).sort(), ['jd', 'room']);
  assert.equal(team['checklists/self-check'].room.target, '2027-01-31');
});

test('two rounds: forward, back, new in the guide and gone', () => {
  const then = {
    lists: { 'checklists/self-check': { jd: a('not-yet'), panels: a('in-place'), old: a('in-progress') } },
    texts: { 'checklists/self-check': { old: 'Offers explain benefits.' } },
    known: { 'checklists/self-check': { jd: true, panels: true, old: true, loose: true } },
  };
  const now = { 'checklists/self-check': { jd: a('in-progress'), panels: a('in-progress'), room: a('in-place') } };
  const moved = P.compareRounds(guide(), then, now);
  assert.deepEqual(moved.forward.map((r) => [r.id, r.then, r.now]), [['jd', 'not-yet', 'in-progress']]);
  assert.deepEqual(moved.back.map((r) => [r.id, r.then, r.now]), [['panels', 'in-place', 'in-progress']]);
  assert.deepEqual(moved.added.map((r) => r.id), ['room']);
  assert.deepEqual(moved.gone.map((r) => [r.id, r.text, r.then]), [['old', 'Offers explain benefits.', 'in-progress']]);
  // Without the list of items then, a newly answered item moved forward.
  const older = P.compareRounds(guide(), { lists: then.lists }, now);
  assert.deepEqual(older.forward.map((r) => r.id), ['jd', 'room']);
});

test('words: plural forms and placeholders', () => {
  const v = P.Words({ n_one: 'one item', n_other: '{n} items', hi: 'Hi {name}' }, 'en');
  assert.equal(v.plural('n', 1), 'one item');
  assert.equal(v.plural('n', 3), '3 items');
  assert.equal(v.word('hi', { name: 'Kim' }), 'Hi Kim');
  assert.equal(v.word('missing'), 'missing');
});
