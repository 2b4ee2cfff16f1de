/*
 * The public portal's full-text search finds what people type: three
 * annual reports of 南明区 (the demo year and the two before), whose text
 * writes 行政执法“三项制度” with quotation marks, in full-width forms and
 * with punctuation, are published, then searched without login. A query
 * with or without the quotation marks and punctuation finds the same
 * reports; the hits come title matches first, then by how often the
 * terms occur, then newest; each snippet marks the hit with <mark> over
 * the text as written (the quotation mark inside the hit inside the
 * mark), every other byte escaped; a miss finds nothing; one or two
 * characters are found without trigrams. Run on SQLite and on
 * PostgreSQL (LVZHI_TEST_DB=pg): the same hits in the same order.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { PG, YEAR, accountsOn, sql, useServer } from './harness.mjs';

const NEXT = YEAR + 1;
const TODAY = `${NEXT}-05-10`;
const srv = useServer({ env: { LVZHI_TODAY: TODAY } });
const { as } = accountsOn(srv);

const url = (id, more = '') =>
    `/api/v1/reports/${encodeURIComponent(id)}${more}`;

/* The five sections' texts of each report, by year. */
const TEXTS = {
	[YEAR]: ['全面落实行政执法“三项制度”,做到“三项制度”全覆盖。',
		'对照南明区' + (YEAR - 2) + '年度报告的整改清单,逐项销号;' +
		'南明区' + (YEAR - 2) + '年度的问题不再出现。',
		'主要负责人带头述法。', '下一年度继续推进。',
		'<b>粗体</b>&其他情况。'],
	[YEAR - 1]: ['落实行政执法三项制度。', '依照ＧＢ／Ｔ 9704 印发公文。',
		'主要负责人带头述法。', '下一年度继续推进。', '无。'],
	[YEAR - 2]: ['深化「三项制度」改革:三项制度、三项制度、三项制度。',
		'存在不足。', '主要负责人带头述法。', '下一年度继续推进。',
		'无。'],
};
const ids = {};

/* Drafted, written, signed by the 区长, locked and published. */
async function publish(year) {
	const r = await as('nm-gov-clerk', 'POST', '/api/v1/reports',
	    { json: { kind: 'annual', year, organ: '520102-gov' } });
	assert.equal(r.status, 201, r.text);
	const id = r.body.id;
	const sections = r.body.sections.map((s, i) =>
	    ({ ...s, text: TEXTS[year][i] }));
	const ed = await as('nm-gov-clerk', 'PUT', url(id), { json: { sections,
		recipients: ['party_committee', 'npc_standing_committee',
		'superior_government'] } });
	assert.equal(ed.status, 200, ed.text);
	assert.equal((await as('nm-gov-leader', 'POST', url(id, '/sign')))
	    .status, 200);
	assert.equal((await as('nm-office', 'POST', url(id, '/lock'))).status,
	    200);
	const pub = await as('nm-office', 'POST', url(id, '/publish'),
	    { json: { published_on: TODAY } });
	assert.equal(pub.status, 200, pub.text);
	assert.ok(pub.body.title.replace(/\s/g, '').includes(`${year}年度`),
	    pub.body.title);
	return id;
}

/* The search's hits in 南明区 (the demo publishes a report of its own
 * elsewhere): each report's id and its snippet's HTML, in order; and
 * the page. */
async function search(q) {
	const r = await srv.api('GET', `/public/search?region=520102&q=${
	    encodeURIComponent(q)}`);
	assert.equal(r.status, 200, q);
	const list = /<ol class="hits">([\s\S]*?)<\/ol>/.exec(r.text);
	assert.ok(list, r.text);
	const hits = [...list[1].matchAll(/<li><a href="\/public\/reports\/([^"]+)">([\s\S]*?)<\/a>[\s\S]*?<span class="hint">([\s\S]*?)<\/span><\/li>/g)]
	    .map((m) => ({ id: decodeURIComponent(m[1]), title: m[2],
		snippet: m[3] }));
	return { hits, page: r.text };
}

const order = (s) => s.hits.map((h) => h.id);

test('three reports with quotation marks and punctuation are published',
    async () => {
	for (const y of [YEAR - 2, YEAR - 1, YEAR])
		ids[y] = await publish(y);
});

test('punctuation and quotation marks are ignored, either way round',
    async () => {
	/* Typed without them, found where the text has them (YEAR) and
	 * where it has none (YEAR - 1); same count of hits, so the newer
	 * first. */
	const plain = await search('行政执法三项制度');
	assert.deepEqual(order(plain), [ids[YEAR], ids[YEAR - 1]]);
	/* Typed with them, or with other punctuation: the same. */
	for (const q of ['行政执法“三项制度”', '行政执法,三项制度',
		'「行政执法」三项制度。', '行政执法——三项制度!'])
		assert.deepEqual(order(await search(q)), order(plain), q);
	/* Full-width and capitals as typed either way. */
	assert.deepEqual(order(await search('gb/t9704')), [ids[YEAR - 1]]);
	assert.deepEqual(order(await search('ＧＢＴ９７０４')),
	    [ids[YEAR - 1]]);
	/* Two terms: both required, wherever they are. */
	assert.deepEqual(order(await search('三项制度 ＧＢ／Ｔ')),
	    [ids[YEAR - 1]]);
});

test('ranked: the title first, then how often, then the newest',
    async () => {
	/* 三项制度: four times in YEAR - 2, twice in YEAR, once in
	 * YEAR - 1. */
	assert.deepEqual(order(await search('“三项制度”')),
	    [ids[YEAR - 2], ids[YEAR], ids[YEAR - 1]]);
	/* <YEAR - 2>年度: in the title of YEAR - 2's report (written
	 * "关于 2023 年度", blanks and all), twice in YEAR's text: the title
	 * first. */
	assert.deepEqual(order(await search(`${YEAR - 2}年度`)),
	    [ids[YEAR - 2], ids[YEAR]]);
	/* The title is marked too, over the blank it writes inside; typed
	 * with a blank, two terms, each marked. */
	const t = await search(`${YEAR - 2}年度`);
	assert.match(t.hits[0].title, new RegExp(`<mark>${YEAR - 2}\\s*年度` +
	    '</mark>'), t.hits[0].title);
	assert.ok(!t.hits[1].title.includes('<mark>'), t.hits[1].title);
	const two = await search(`${YEAR - 2} 年度`);
	assert.deepEqual(order(two), order(t));
	assert.match(two.hits[0].title, new RegExp(`<mark>${YEAR - 2}</mark>` +
	    '\\s*<mark>年度</mark>'), two.hits[0].title);
	/* Once in every text, in no title: the newest first. */
	assert.deepEqual(order(await search('带头述法')), [ids[YEAR],
		ids[YEAR - 1], ids[YEAR - 2]]);
});

test('hits are marked over the text as written, the rest escaped',
    async () => {
	const s = await search('行政执法三项制度');
	/* The quotation mark inside the hit is inside the mark, the one
	 * after it is not. */
	assert.ok(s.hits[0].snippet.includes(
	    '落实<mark>行政执法“三项制度</mark>”,做到'), s.hits[0].snippet);
	assert.ok(s.hits[1].snippet.includes(
	    '落实<mark>行政执法三项制度</mark>。'), s.hits[1].snippet);
	/* Every hit in the snippet is marked. */
	const all = await search('三项制度');
	assert.equal(all.hits[0].snippet.match(/<mark>三项制度<\/mark>/g)
	    .length, 4, all.hits[0].snippet);
	assert.ok(all.hits[0].snippet.includes('「<mark>三项制度</mark>」'));
	const gb = await search('gbt9704');
	assert.ok(gb.hits[0].snippet.includes('<mark>ＧＢ／Ｔ 9704</mark>'),
	    gb.hits[0].snippet);
	/* The report's markup is text. */
	const b = await search('粗体');
	assert.deepEqual(order(b), [ids[YEAR]]);
	assert.ok(b.hits[0].snippet.includes(
	    '&lt;b&gt;<mark>粗体</mark>&lt;/b&gt;&amp;其他情况'),
	    b.hits[0].snippet);
	/* A query with markup is text too, and finds nothing here. */
	const x = await search('<script>alert(1)</script>');
	assert.ok(!x.page.includes('<script>'), 'the query is escaped');
	assert.ok(x.page.includes('&lt;script&gt;'), 'the query is echoed');
	assert.equal(x.hits.length, 0);
});

test('a miss finds nothing; short queries are found without trigrams',
    async () => {
	const miss = await search('不存在的词语组合');
	assert.equal(miss.hits.length, 0);
	assert.match(miss.page, /没有找到包含“不存在的词语组合”的已公开报告/);
	/* Punctuation only: nothing to look for, nothing found. */
	assert.equal((await search('“”,。!')).hits.length, 0);
	/* Two characters, with quotation marks typed: 覆盖 in YEAR only. */
	const two = await search('“覆盖”');
	assert.deepEqual(order(two), [ids[YEAR]]);
	assert.ok(two.hits[0].snippet.includes('全<mark>覆盖</mark>。'),
	    two.hits[0].snippet);
	/* One character: 述 is in every report's text once; the newest
	 * first. */
	assert.deepEqual(order(await search('述')), [ids[YEAR],
		ids[YEAR - 1], ids[YEAR - 2]]);
	/* A short term beside a long one: both required. */
	assert.deepEqual(order(await search('覆盖 三项制度')), [ids[YEAR]]);
	/* The year's filter still applies. */
	const r = await srv.api('GET', `/public/search?q=${
	    encodeURIComponent('三项制度')}&year=${YEAR - 1}`);
	assert.ok(r.text.includes(`/public/reports/${ids[YEAR - 1]}`));
	assert.ok(!r.text.includes(`/public/reports/${ids[YEAR]}"`));
});

test('the text as written is a plain table; on PostgreSQL a trigram index',
    async () => {
	if (PG === null) {
		/* SQLite: the FTS5 index report_fts is gone, the text kept in
		 * report_text (the snippets' source). */
		assert.equal((await sql(srv.db, "SELECT count(*) FROM sqlite_master"
		    + " WHERE name LIKE 'report_fts%'")).trim(), '0');
		assert.ok(Number(await sql(srv.db,
		    'SELECT count(*) FROM report_text')) >= 3);
		return;
	}
	/* pg_trgm is in Debian's postgresql-15 (tests/pg/cluster.sh): the
	 * migration made the GIN index, and a LIKE of the form the search
	 * sends is answered by it. */
	assert.equal((await sql(srv.db, "SELECT to_regclass('report_fold_trgm')"
	    + ' IS NOT NULL')).trim(), 't');
	const plan = await sql(srv.db, 'SET enable_seqscan = off; EXPLAIN ' +
	    "SELECT rowid FROM report_fold WHERE (title || ' ' || body) LIKE " +
	    "'%行政执法三项制度%'");
	assert.match(plan, /report_fold_trgm/);
});
