/*
 * The supervision lists as people use them ([workbench] items 1 and 4), on
 * the demo province:
 *
 *   - nothing typed by id: the 整改 and 约谈 forms start from their source
 *     (a finding's inspection page, an interview's row, a report chosen
 *     by its title), and an order's page names its source in words with
 *     Chinese dates;
 *   - inspections, rectification orders, interviews and notices paged,
 *     sorted and filtered in the store: the API answers {items, page,
 *     per_page, total}, pages never overlap, an order named is followed,
 *     a filter counts what it selects; the list pages draw the same with
 *     a pager, and the overview the first rows and a link to the rest.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { YEAR, accountsOn, beijingDay, onDay, useServer } from './harness.mjs';

const srv = useServer();
const { as, page, post, tokens } = accountsOn(srv);
const LATER = YEAR + 5;

/* What a page shows: its text without the markup (ids may stay in
 * links). */
const text = (html) => html.replace(/<[^>]*>/g, '');

let n = 0;
async function inspected(organ, title) {
	const insp = await as('inspector', 'POST', '/api/v1/inspections', {
		json: { kind: 'special', title: title ?? `列表测试督查 ${++n}`,
			region: '520102', year: YEAR } });
	assert.equal(insp.status, 201, insp.text);
	const f = await as('inspector', 'POST',
	    `/api/v1/inspections/${insp.body.id}/findings`, { json: {
		organ, severity: 'serious',
		description: `未按要求听取法治建设工作汇报 ${++n}` } });
	assert.equal(f.status, 201, f.text);
	return { insp: insp.body.id, finding: f.body.id, n };
}

test('nothing is typed by id: the 整改 and 约谈 forms start from their ' +
    'source, shown in words', async () => {
	const overview = await page('gy-office', '/supervision');
	/* No field asks for a number of a finding, interview or report. */
	assert.doesNotMatch(overview, /问题编号|约谈编号|报告编号|机构编号/);
	assert.doesNotMatch(overview, /<input name="(finding|interview|report)"/);
	/* A report is chosen by its title, among the caller's. */
	const reps = await as('gy-office', 'GET', '/api/v1/reports?per_page=200');
	assert.equal(reps.status, 200, reps.text);
	const sel = overview.match(/<select name="report">([\s\S]*?)<\/select>/);
	assert.ok(sel, 'a choice of reports');
	const options = [...sel[1].matchAll(/<option value="([^"]*)">([^<]*)/g)]
	    .filter((m) => m[1] !== '');
	assert.equal(options.length, Math.min(reps.body.items.length, 200));
	for (const m of options) {
		const rep = reps.body.items.find((x) => x.id === m[1]);
		assert.ok(rep, m[1]);
		assert.ok(m[2].startsWith(rep.title), m[2]);
		assert.ok(!m[2].includes(rep.id), 'the id is not shown');
	}
	/* An interview held: its order starts from its row. */
	const iv = await as('nm-office', 'POST', '/api/v1/interviews', { json: {
		source: 'evaluation', organ: '520102-justice',
		person: (await as('nm-office', 'GET', '/api/v1/organs/520102-justice'))
		    .body.tenures.find((t) => t.role === 'principal' &&
		    t.end === null).person, year: YEAR,
		reason: '约谈测试事由', scheduled_on: `${LATER}-05-01` } });
	assert.equal(iv.status, 201, iv.text);
	/* Held the day it was scheduled here (the server's day: Beijing's
	 * of the stamp, which is UTC). */
	const day = beijingDay(Date.parse(iv.body.created_at));
	const [y, m, dd] = day.split('-').map(Number);
	const cn = `${y}年${m}月${dd}日`;
	const held = await as('nm-office', 'POST',
	    `/api/v1/interviews/${iv.body.id}/held`, { json: {
		held_on: day, interviewer: '王主任', summary: '已约谈' } });
	assert.equal(held.status, 200, held.text);
	const html = await page('nm-office', '/supervision');
	const row = html.match(new RegExp('<tr><td>[^<]*司法局</td>[\\s\\S]*?' +
	    `${cn}[\\s\\S]*?</tr>`));
	assert.ok(row, 'the interview, its date in Chinese');
	assert.ok(row[0].includes(`name="interview" value="${iv.body.id}"`));
	const order = await post('nm-office', '/supervision/rectifications', {
		source: 'interview', interview: iv.body.id,
		requirement: '约谈后限期整改', deadline: `${LATER}-08-31` });
	assert.equal(order.status, 303, order.text);
	/* The order's page names its source in words, not by number. */
	const o = await page('nm-office', order.headers.get('location'));
	assert.ok(o.includes(cn), 'the interview\'s date');
	assert.ok(o.includes(`${LATER}年8月31日`), 'the deadline in Chinese');
	assert.ok(!text(o).includes(iv.body.id), 'no interview id shown');
	/* A finding's order names the finding. */
	const { finding, n: k } = await inspected('520102-justice');
	const fo = await as('nm-office', 'POST', '/api/v1/rectifications', {
		json: { source: 'finding', finding, requirement: '限期整改',
			deadline: `${LATER}-09-30` } });
	assert.equal(fo.status, 201, fo.text);
	const fp = await page('inspector', `/supervision/rectifications/${fo.body.id}`);
	assert.ok(fp.includes(`未按要求听取法治建设工作汇报 ${k}`), 'the finding');
	assert.ok(!text(fp).includes(finding), 'no finding id shown');
});


/* Every item of a list route, page by page. */
async function all(who, route, per) {
	const out = [];
	let total;
	for (let p = 1; ; p++) {
		const r = await as(who, 'GET', `${route}${route.includes('?') ?
		    '&' : '?'}page=${p}&per_page=${per}`);
		assert.equal(r.status, 200, r.text);
		assert.equal(r.body.page, p);
		assert.equal(r.body.per_page, per);
		assert.equal(typeof r.body.total, 'number', `${route}: total`);
		total ??= r.body.total;
		assert.equal(r.body.total, total, 'the same total on every page');
		assert.ok(r.body.items.length <= per);
		out.push(...r.body.items);
		if (r.body.items.length < per)
			break;
	}
	assert.equal(out.length, total, `${route}: the pages hold the total`);
	assert.equal(new Set(out.map((x) => x.id)).size, out.length,
	    'pages never overlap');
	return out;
}

test('the lists are paged, sorted and filtered in the store, with totals',
    async () => {
	/* Enough of each to page: inspections with a finding, orders from
	 * them (two already late), interviews. */
	const made = [];
	for (let i = 0; i < 12; i++)
		made.push(await inspected('520102-justice',
		    `分页测试督查 ${String.fromCharCode(0x41 + (i * 7) % 12)}${i}`));
	const order = (i, m) => ({ source: 'finding', finding: m.finding,
		requirement: `分页整改 ${i}`, deadline: i < 2 ?
		`${YEAR}-0${i + 1}-15` : `${LATER}-0${i + 1}-15` });
	await as('nm-office', 'GET', '/api/v1/me');
	/* The two late ones ordered at the start of that year. */
	await onDay(srv, `${YEAR}-01-02`, async (early) => {
		for (const [i, m] of made.slice(0, 2).entries()) {
			const o = await early.api('POST', '/api/v1/rectifications',
			    { json: order(i, m), token: tokens['nm-office'] });
			assert.equal(o.status, 201, o.text);
		}
	});
	for (const [i, m] of made.slice(0, 6).entries()) {
		if (i < 2)
			continue;
		const o = await as('nm-office', 'POST', '/api/v1/rectifications',
		    { json: order(i, m) });
		assert.equal(o.status, 201, o.text);
	}
	const insp = await all('inspector', '/api/v1/inspections', 5);
	assert.ok(insp.length >= 12, `${insp.length} inspections`);
	/* Sorted by title, either way. */
	const byTitle = (await as('inspector', 'GET',
	    '/api/v1/inspections?sort=title&dir=asc&per_page=200')).body.items
	    .map((x) => x.title);
	assert.deepEqual(byTitle, [...byTitle].sort(), 'titles ascending');
	const down = (await as('inspector', 'GET',
	    '/api/v1/inspections?sort=title&dir=desc&per_page=200')).body.items
	    .map((x) => x.title);
	assert.deepEqual(down, [...byTitle].reverse(), 'titles descending');
	/* A filter counts what it selects. */
	const closed = made[0].insp;
	assert.equal((await as('inspector', 'POST',
	    `/api/v1/inspections/${closed}/close`)).status, 200);
	const done = await as('inspector', 'GET',
	    '/api/v1/inspections?status=completed&per_page=200');
	assert.ok(done.body.items.every((x) => x.status === 'completed'));
	assert.equal(done.body.total, done.body.items.length);
	assert.ok(done.body.items.some((x) => x.id === closed));
	assert.equal((await as('inspector', 'GET',
	    '/api/v1/inspections?status=nonsense')).status, 400);

	/* Orders: late first by default; by deadline descending when asked. */
	const rects = await all('nm-office', '/api/v1/rectifications', 4);
	assert.ok(rects.length >= 6);
	const lateN = rects.filter((x) => x.overdue).length;
	assert.ok(lateN >= 2, 'the late ones');
	assert.ok(rects.slice(0, lateN).every((x) => x.overdue), 'late first');
	const byDeadline = (await as('nm-office', 'GET',
	    '/api/v1/rectifications?sort=deadline&dir=desc&per_page=200'))
	    .body.items.map((x) => x.deadline);
	assert.deepEqual(byDeadline, [...byDeadline].sort().reverse());
	const late = await as('nm-office', 'GET',
	    '/api/v1/rectifications?overdue=1&per_page=1');
	assert.equal(late.body.total, lateN);

	/* Interviews and notices answer their totals too. */
	await all('gy-office', '/api/v1/interviews', 3);
	await all('gy-office', '/api/v1/notices', 2);

	/* The list pages: a count, sortable heads, a pager, Chinese dates,
	 * 逾期 marked. */
	const list = await page('nm-office',
	    '/supervision/rectifications?per_page=4');
	assert.match(list, new RegExp(`共 ${rects.length} 条`));
	assert.match(list, /<nav[^>]*aria-label="分页"/);
	assert.match(list, /aria-sort="ascending"[^>]*>[\s\S]*?期限/);
	assert.match(list, new RegExp(`${YEAR}年1月15日`));
	assert.match(list, /<span class="tag s-rejected">逾期<\/span>/);
	assert.doesNotMatch(text(list), /\d{4}-\d{2}-\d{2}/, 'no ISO dates');
	const onlyLate = await page('nm-office',
	    '/supervision/rectifications?overdue=1');
	assert.match(onlyLate, new RegExp(`共 ${lateN} 条`));
	const two = await page('inspector', '/supervision/inspections?per_page=5&page=2');
	assert.match(two, /aria-current="page"[^>]*>2</);
	for (const p of ['/supervision/interviews', '/supervision/notices'])
		assert.match(await page('gy-office', p), /共 \d+ 条/);
	/* The overview: ten of each, and the way to the rest. */
	const overview = await page('inspector', '/supervision');
	const section = overview.match(
	    /<section class="card" id="inspections">[\s\S]*?<\/section>/)[0];
	assert.equal([...section.matchAll(/<tr><td><a href="\/supervision\/inspections\//g)].length, 10);
	assert.match(section, new RegExp(
	    `<a href="/supervision/inspections">查看全部 ${insp.length} 项</a>`));
});

test('an inspection\'s findings are paged on its page, all in the API',
    async () => {
	const insp = await as('inspector', 'POST', '/api/v1/inspections', {
		json: { kind: 'regular', title: '问题分页测试督查', region: '520102',
			year: YEAR } });
	assert.equal(insp.status, 201, insp.text);
	for (let i = 0; i < 12; i++) {
		const f = await as('inspector', 'POST',
		    `/api/v1/inspections/${insp.body.id}/findings`, { json: {
			organ: '520102-gov', severity: 'minor',
			description: `分页问题第${i + 1}项` } });
		assert.equal(f.status, 201, f.text);
	}
	const where = `/supervision/inspections/${insp.body.id}`;
	const last = await page('inspector', `${where}?per_page=5&page=3`);
	assert.match(last, /共 12 条/);
	const shown = [...last.matchAll(/分页问题第(\d+)项/g)].map((m) => +m[1]);
	assert.deepEqual(shown, [11, 12], 'the last page, in the order made');
	assert.match(last, /<nav class="pager" aria-label="分页">/);
	const got = await as('inspector', 'GET', `/api/v1/inspections/${insp.body.id}`);
	assert.equal(got.body.findings.length, 12, 'the API keeps them all');
	assert.equal(got.body.finding_count, 12, 'counted whole');
});
