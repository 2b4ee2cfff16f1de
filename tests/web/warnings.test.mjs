/*
 * Early warnings (预警) of rectification orders, on the demo province with
 * "today" fixed in the year after the demo year (LVZHI_TODAY), where the
 * demo holds that year's records up to 30 June:
 *
 *   - GET /api/v1/warnings lists the orders still with the organ that are
 *     past their deadline (overdue_rectification) or due within 14 days
 *     (rectification_due), ahead of the orders due later, and never a
 *     submitted or a far-off one; ?date moves "today" and the kinds with it;
 *   - each account sees only the orders of its scope (offices their
 *     subtree, narrowed by ?region; a clerk their organ; a leader those
 *     naming them), as GET /api/v1/rectifications lists them;
 *   - `lvzhi warn` prints the same orders in its table and its JSON;
 *   - the dashboard lists them in its 整改预警 card, and counts an unmet
 *     duty whose deadline is still ahead as 期限未到, not 未达标;
 *   - every answer matches docs/openapi.json;
 *   - `lvzhi demo` holds the year after up to --as-of (30 June unless
 *     given), the same data for the same arguments.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { PASSWORD, YEAR, browserLogin, onDay, run, slow, useServer } from
    './harness.mjs';
import { check } from './schema.mjs';

const NOW = YEAR + 1;
const TODAY = `${NOW}-11-27`;
const srv = useServer({ env: { LVZHI_TODAY: TODAY } });
const tokens = {};

async function as(name, method, p, o = {}) {
	tokens[name] ??= await srv.login(name);
	return srv.api(method, p, { ...o, token: tokens[name] });
}

/* TODAY moved by n days, as YYYY-MM-DD. */
function shift(n) {
	const d = new Date(`${TODAY}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() + n);
	return d.toISOString().slice(0, 10);
}

/* The principal of organ in post on TODAY. */
async function principal(organ) {
	const o = await as('admin', 'GET', `/api/v1/organs/${organ}`);
	assert.equal(o.status, 200, o.text);
	const t = o.body.tenures.find((x) => x.role === 'principal' &&
	    (x.end === null || x.end >= TODAY));
	assert.ok(t, `${organ} has a principal`);
	return t.person;
}

const orders = {};

/* A 第八条 order is the superior's (the 市's for a county's principals),
 * one a leader, organ and year: a leader's several orders are of several
 * years. */
async function order(office, organ, person, deadline, requirement,
    year = NOW) {
	const json = { source: 'evaluation', organ, person, year, requirement,
		deadline };
	/* One whose deadline has passed was ordered a month before it. */
	if (deadline < TODAY)
		await as(office, 'GET', '/api/v1/me');
	const d = new Date(`${deadline}T00:00:00Z`);
	d.setUTCDate(d.getUTCDate() - 30);
	const r = deadline < TODAY ? await onDay(srv, d.toISOString()
	    .slice(0, 10), (early) => early.api('POST', '/api/v1/rectifications',
	    { json, token: tokens[office] })) : await as(office, 'POST',
	    '/api/v1/rectifications', { json });
	assert.equal(r.status, 201, r.text);
	return r.body.id;
}

/* The warnings of an account as { id: warning } for orders only. */
async function orderWarnings(name, query = '') {
	const sep = query ? '&' : '?';
	const byId = {};
	let body = null;
	/* Every page: the orders rank among the duties, not ahead of all. */
	for (let page = 1; ; page++) {
		const r = await as(name, 'GET', `/api/v1/warnings${query}${sep}` +
		    `per_page=200&page=${page}`);
		assert.equal(r.status, 200, r.text);
		if (body === null)
			body = { ...r.body, warnings: [] };
		body.warnings.push(...r.body.warnings);
		for (const w of r.body.warnings)
			if (w.rectification !== null)
				byId[w.rectification] = w;
		if (page * 200 >= r.body.total)
			break;
	}
	assert.equal(body.warnings.length, body.total);
	return { body, byId };
}

test('orders are set up: overdue, due, far off, submitted, elsewhere',
    async () => {
	const nm = await principal('520102-party');
	const me = await as('nm-leader', 'GET', '/api/v1/me');
	assert.equal(me.body.person, nm, 'the leader account heads 520102-party');
	const gov = await principal('520102-gov');
	const yy = await principal('520103-party');
	orders.late = await order('gy-office', '520102-party', nm, shift(-5),
	    '补齐法治专题讲座');
	orders.due = await order('gy-office', '520102-gov', gov, shift(10),
	    '报送年度法治政府建设情况报告');
	orders.far = await order('gy-office', '520102-party', nm, shift(40),
	    '完善会前学法制度', YEAR);
	orders.done = await order('gy-office', '520102-party', nm, shift(-20),
	    '补报会议纪要', YEAR - 1);
	orders.yy = await order('gy-office', '520103-party', yy, shift(-2),
	    '听取法治建设工作汇报');
	/* The organ's clerk submits one late order: it waits on the office
	 * now, not the organ, and is not warned of. */
	const url = `/api/v1/rectifications/${orders.done}/status`;
	assert.equal((await as('nm-clerk', 'POST', url, { json: {
		action: 'progress', note: '正在整理' } })).status, 200);
	const s = await as('nm-clerk', 'POST', url, { json: {
		action: 'submit', report: '会议纪要已补报' } });
	assert.equal(s.status, 200, s.text);
	assert.equal(s.body.status, 'submitted');
});

test('GET /api/v1/warnings: overdue and due orders, worst first',
    async () => {
	const { body, byId } = await orderWarnings('nm-office');
	assert.equal(body.date, TODAY);
	assert.equal(body.year, NOW);
	const late = byId[orders.late];
	assert.ok(late, 'the overdue order is listed');
	assert.equal(late.kind, 'overdue_rectification');
	assert.equal(late.days, 5);
	assert.equal(late.due, shift(-5));
	assert.equal(late.organ, '520102-party');
	assert.equal(late.status, 'issued');
	assert.equal(late.requirement, '补齐法治专题讲座');
	assert.equal(late.duty, null);
	assert.equal(late.citation, '第八条');
	assert.equal(late.text, `整改尚未完成,已逾期 5 天(截止 ${shift(-5)})`);
	const due = byId[orders.due];
	assert.ok(due, 'the order due in 10 days is listed');
	assert.equal(due.kind, 'rectification_due');
	assert.equal(due.days, 10);
	assert.equal(due.organ, '520102-gov');
	assert.ok(!(orders.far in byId), 'due in 40 days: not yet');
	assert.ok(!(orders.done in byId), 'submitted: not the organ\'s to do');
	assert.ok(!(orders.yy in byId), 'another county\'s order');
	/* The overdue order ranks above every duty merely at risk and above
	 * the due order. */
	const at = (id) => body.warnings.findIndex((w) => w.rectification === id);
	assert.ok(at(orders.late) < at(orders.due));
	const firstRisk = body.warnings.findIndex((w) => w.kind === 'at_risk');
	assert.ok(firstRisk === -1 || at(orders.late) < firstRisk);
	/* The demo's year in progress gives duties at risk as well. */
	assert.ok(body.warnings.some((w) => w.kind === 'at_risk' &&
	    w.duty !== null), 'duties at risk in the year so far');
});

test('?date moves today: the due order becomes overdue, the far one due',
    async () => {
	const a = await orderWarnings('nm-office', `?date=${shift(11)}`);
	assert.equal(a.byId[orders.due]?.kind, 'overdue_rectification');
	assert.equal(a.byId[orders.due].days, 1);
	assert.ok(!(orders.far in a.byId));
	const b = await orderWarnings('nm-office', `?date=${shift(26)}`);
	assert.equal(b.byId[orders.far]?.kind, 'rectification_due');
	assert.equal(b.byId[orders.far].days, 14, 'the horizon\'s last day');
	const c = await orderWarnings('nm-office', `?date=${shift(25)}`);
	assert.ok(!(orders.far in c.byId), '15 days ahead: not yet');
	const bad = await as('nm-office', 'GET', '/api/v1/warnings?date=soon');
	assert.equal(bad.status, 400);
	assert.equal(bad.body.field, 'date');
});

test('each account sees the orders of its own scope', async () => {
	const ids = (x) => [orders.late, orders.due, orders.yy]
	    .filter((id) => id in x.byId).sort();
	const sorted = (...a) => a.sort();
	assert.deepEqual(ids(await orderWarnings('gz-office')),
	    sorted(orders.late, orders.due, orders.yy));
	assert.deepEqual(ids(await orderWarnings('gz-office', '?region=520103')),
	    [orders.yy]);
	assert.deepEqual(ids(await orderWarnings('gy-office', '?region=520102')),
	    sorted(orders.late, orders.due));
	assert.deepEqual(ids(await orderWarnings('nm-clerk')), [orders.late]);
	assert.deepEqual(ids(await orderWarnings('nm-gov-clerk')), [orders.due]);
	assert.deepEqual(ids(await orderWarnings('yy-clerk')), [orders.yy]);
	assert.deepEqual(ids(await orderWarnings('nm-leader')), [orders.late]);
	assert.deepEqual(ids(await orderWarnings('inspector')),
	    sorted(orders.late, orders.due, orders.yy));
	/* A region outside the scope is refused, not emptied. */
	const out = await as('nm-office', 'GET', '/api/v1/warnings?region=520103');
	assert.equal(out.status, 403);
	/* The same orders GET /api/v1/rectifications lists to the clerk. */
	const listed = await as('nm-clerk', 'GET',
	    '/api/v1/rectifications?per_page=200');
	assert.ok(listed.body.items.some((x) => x.id === orders.late));
	assert.ok(!listed.body.items.some((x) => x.id === orders.due));
});

test('lvzhi warn prints the orders, in its table and its JSON', async () => {
	const t = await run(['--db', srv.db, 'warn', '--date', TODAY, '--region',
		'520102']);
	assert.equal(t.code, 0, t.stderr);
	const lines = t.stdout.split('\n');
	assert.match(lines[0], new RegExp(`^${TODAY} 预警\\(${NOW} 年度,共 \\d+ 项`));
	const late = lines.find((l) => l.includes(orders.late));
	assert.ok(late, t.stdout.slice(0, 2000));
	assert.match(late, /^\[逾期\]\s+中共南明区委员会\s+\S+\s+整改尚未完成,已逾期 5 天/);
	const due = lines.find((l) => l.includes(orders.due));
	assert.match(due, /^\[将至\]\s+南明区人民政府\s+\S+\s+整改期限将至,距截止日期 \S+ 还有 10 天/);
	assert.ok(!t.stdout.includes(orders.far));
	assert.ok(!t.stdout.includes(orders.done));
	assert.ok(!t.stdout.includes(orders.yy), 'another county');
	assert.ok(lines.indexOf(late) < lines.indexOf(due), 'worst first');

	const j = await run(['--db', srv.db, 'warn', '--date', TODAY,
		'--format', 'json']);
	assert.equal(j.code, 0, j.stderr);
	const body = JSON.parse(j.stdout);
	const mine = body.warnings.filter((w) => w.rectification !== null)
	    .map((w) => [w.rectification, w.kind]).sort();
	assert.deepEqual(mine, [[orders.late, 'overdue_rectification'],
		[orders.due, 'rectification_due'],
		[orders.yy, 'overdue_rectification']].sort());
	/* The CLI's JSON is the API's shape. */
	const spec = (await as('admin', 'GET', '/api/v1/openapi.json')).body;
	assert.deepEqual(check(spec, { $ref: '#/components/schemas/WarningList' },
	    body, { documented: true }), []);
});

test('the dashboard lists the orders in its 整改预警 card', async () => {
	const login = await srv.api('POST', '/login', {
		body: new URLSearchParams({ username: 'nm-office',
			password: PASSWORD, next: '/' }).toString(),
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
	});
	assert.equal(login.status, 303, login.text);
	const cookie = /lvzhi_session=[0-9a-f]{64}/.exec(
	    login.headers.get('set-cookie'))[0];
	const page = await srv.api('GET', '/', { cookie });
	assert.equal(page.status, 200);
	const card = page.text.slice(page.text.indexOf('id="rect-warnings"'));
	assert.ok(card.length < page.text.length, 'the card is there');
	const late = card.indexOf(`/supervision/rectifications/${orders.late}`);
	const due = card.indexOf(`/supervision/rectifications/${orders.due}`);
	assert.ok(late > 0 && due > late, 'overdue first, then due');
	assert.ok(card.includes('已逾期'));
	assert.ok(card.includes('补齐法治专题讲座'));
	assert.ok(!card.includes(orders.far) && !card.includes(orders.yy));
});

/* The dashboard's progress row of a duty: its numbers by column heading. */
function progressRow(html, title) {
	const table = html.slice(html.indexOf('年度可计量职责进度'));
	const heads = [...table.slice(0, table.indexOf('</thead>'))
	    .matchAll(/<th[^>]*>([^<]*)<\/th>/g)].map((m) => m[1]);
	const at = table.indexOf(`<tr><td>${title}<br>`);
	assert.ok(at > 0, `a progress row for ${title}`);
	const cells = [...table.slice(at, table.indexOf('</tr>', at))
	    .matchAll(/<td>(\d+)<\/td>/g)].map((m) => Number(m[1]));
	return Object.fromEntries(heads.slice(1, 1 + cells.length)
	    .map((h, i) => [h, cells[i]]));
}

test('the dashboard counts an unmet duty whose deadline is ahead as ' +
    '期限未到, not 未达标', async () => {
	const login = await srv.api('POST', '/login', {
		body: new URLSearchParams({ username: 'gz-office',
			password: PASSWORD, next: '/' }).toString(),
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
	});
	const cookie = /lvzhi_session=[0-9a-f]{64}/.exec(
	    login.headers.get('set-cookie'))[0];
	const page = await srv.api('GET', '/', { cookie });
	assert.equal(page.status, 200);
	/* 第七条: the year-end report of NOW is due on 31 March of NOW + 1. */
	const yearEnd = progressRow(page.text,
	    '将履行法治建设第一责任人职责情况列入年终述职');
	assert.equal(yearEnd['未达标'], 0);
	assert.ok(yearEnd['期限未到'] > 0, JSON.stringify(yearEnd));
	/* 第六条(一): last year's report was due on 31 March of NOW. */
	const annual = progressRow(page.text,
	    '报告并公开上一年度法治政府建设情况');
	assert.equal(annual['期限未到'], 0);
	assert.ok(annual['未达标'] > 0, JSON.stringify(annual));
	assert.equal(annual['适用人次'], annual['达标'] + annual['未达标'] +
	    annual['任职不足'] + annual['不适用']);
	/* A leader's own duties say the same. */
	const leader = await srv.api('POST', '/login', {
		body: new URLSearchParams({ username: 'nm-leader',
			password: PASSWORD, next: '/' }).toString(),
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
	});
	const own = await srv.api('GET', '/', { cookie:
	    /lvzhi_session=[0-9a-f]{64}/.exec(leader.headers.get('set-cookie'))[0] });
	/* Its row in the table (the 待办 above names the duty too). */
	const row = own.text.slice(own.text.indexOf(
	    '<tr><td>将履行法治建设第一责任人职责情况列入年终述职'));
	assert.match(row.slice(0, row.indexOf('</tr>')),
	    /<span class="tag v-pending"[^>]*>期限未到<\/span>/);
});

test('GET /api/v1/warnings is paged: the first 50, pages that join ' +
    'into the whole, the total the 预警 page counts', async () => {
	const first = (await as('gy-office', 'GET', '/api/v1/warnings')).body;
	assert.equal(first.page, 1);
	assert.equal(first.per_page, 50);
	assert.ok(first.total > 50, `more than a page (${first.total})`);
	assert.equal(first.warnings.length, 50, 'the first 50 without paging');
	const whole = (await as('gy-office', 'GET',
	    '/api/v1/warnings?per_page=200')).body;
	assert.equal(whole.per_page, 200);
	assert.equal(whole.total, first.total);
	assert.deepEqual(whole.warnings.slice(0, 50), first.warnings);
	/* Pages of 7 (the orders merged into the duties at every offset)
	 * give the same rows in the same order. */
	const n = Math.min(whole.total, 200);
	const joined = [];
	for (let page = 1; joined.length < n; page++) {
		const b = (await as('gy-office', 'GET',
		    `/api/v1/warnings?per_page=7&page=${page}`)).body;
		assert.equal(b.total, whole.total);
		assert.ok(b.warnings.length > 0, `page ${page} is not empty`);
		joined.push(...b.warnings);
	}
	assert.deepEqual(joined.slice(0, n), whole.warnings.slice(0, n));
	/* Worst first across the whole list: the pressure never rises
	 * (an overdue order above every duty merely at risk). */
	const kinds = whole.warnings.map((w) => w.kind);
	const lastOverdue = kinds.lastIndexOf('overdue_rectification');
	assert.ok(lastOverdue >= 0);
	assert.ok(kinds.indexOf('at_risk') === -1 ||
	    lastOverdue < kinds.indexOf('at_risk'));
	/* The same number as the 预警 page's duties and orders. */
	const cookie = await browserLogin(srv, 'gy-office');
	const page = await srv.api('GET', '/warnings?kind=all', { cookie });
	assert.equal(page.status, 200);
	const duties = Number(/职责预警 <span class="muted">(\d+) 项/
	    .exec(page.text)[1]);
	const orders = Number(/整改预警 <span class="muted">(\d+) 项/
	    .exec(page.text)[1]);
	assert.equal(whole.total, duties + orders);
	/* Past the last page: none, still counted; a clamped size. */
	const past = (await as('gy-office', 'GET',
	    '/api/v1/warnings?page=9999')).body;
	assert.deepEqual(past.warnings, []);
	assert.equal(past.total, whole.total);
	const big = (await as('gy-office', 'GET',
	    '/api/v1/warnings?per_page=5000')).body;
	assert.equal(big.per_page, 200);
	/* Another day is evaluated as of that day, and paged alike. */
	const later = (await as('gy-office', 'GET',
	    `/api/v1/warnings?date=${shift(1)}&per_page=5&page=2`)).body;
	assert.equal(later.page, 2);
	assert.ok(later.warnings.length <= 5);
	assert.ok(later.total > 5);
});

test('every warnings answer matches its OpenAPI description', async () => {
	const spec = (await as('admin', 'GET', '/api/v1/openapi.json')).body;
	let checked = 0;
	for (const x of srv.responses) {
		if (!x.path.startsWith('/api/v1/warnings') || x.status !== 200)
			continue;
		checked += 1;
		assert.deepEqual(check(spec, { $ref: '#/components/schemas/' +
		    'WarningList' }, x.body, { documented: true }), [], x.path);
	}
	assert.ok(checked >= 10, `only ${checked} answers checked`);
});

test('the demo holds the year after up to --as-of, the same each time',
    { timeout: slow(300_000) }, async () => {
	const dir = await mkdtemp(path.join(os.tmpdir(), 'lvzhi-demo-'));
	try {
		const demo = async (name, ...more) => {
			const r = await run(['--db', path.join(dir, name), 'demo',
				'--year', String(YEAR), ...more]);
			return { ...r, records: Number(/(\d+) 条台账记录/.exec(
			    r.stderr)?.[1]) };
		};
		const none = await demo('none.db', '--as-of', 'none');
		const march = await demo('march.db', '--as-of', `${NOW}-03-31`);
		const again = await demo('again.db', '--as-of', `${NOW}-03-31`);
		const june = await demo('june.db');
		for (const r of [none, march, again, june])
			assert.equal(r.code, 0, r.stderr);
		assert.match(june.stderr, new RegExp(`${NOW} 年截至 6 月 30 日`),
		    'by default up to 30 June');
		assert.ok(none.records < march.records, 'the year after adds records');
		assert.ok(march.records < june.records, 'a later day adds more');
		assert.equal(again.stderr.replace(/again\.db/, 'march.db'),
		    march.stderr, 'the same arguments, the same data');
		/* The year in progress has duties at risk as of its day. */
		const w = await run(['--db', path.join(dir, 'march.db'), 'warn',
			'--date', `${NOW}-03-31`, '--region', '520102', '--format',
			'json']);
		assert.equal(w.code, 0, w.stderr);
		const risks = JSON.parse(w.stdout).warnings
		    .filter((x) => x.kind === 'at_risk');
		assert.ok(risks.length > 0, 'duties at risk in March');
		/* A day outside the year after is refused. */
		for (const bad of [`${YEAR}-12-31`, `${NOW}-02-30`, 'soon']) {
			const r = await demo('bad.db', '--as-of', bad);
			assert.equal(r.code, 2, bad);
			assert.match(r.stderr, /--as-of/);
		}
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
});
