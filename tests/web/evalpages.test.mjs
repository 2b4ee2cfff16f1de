/*
 * The evaluation and warnings pages at scale ([workbench] item 4): the
 * year's results are materialised in the store and paged, filtered and
 * sorted there (domain/evaluation-set.c). Checked against the API's JSON
 * of the same scope, which is computed as ever:
 *
 *   - paging: 50 leaders a page, a pager, pages that do not overlap, an
 *     empty page past the end;
 *   - each filter (grade, provisional, a duty's verdict, veto) lists
 *     exactly the results the JSON says, and the count it names;
 *   - each order (score both ways, grade, name) holds on the page;
 *   - a bad filter is a 400 naming it;
 *   - no stale results: a record added, a duty scored, and the page at
 *     once shows the new count and the new grade status, as the API does;
 *   - a closed year is answered unchanged after a later write;
 *   - the downloads for people: CSV with a BOM and Chinese headers and
 *     values (no ids), XLSX with Chinese headers; duty titles before
 *     their codes;
 *   - the warnings page lists the duties at risk the JSON of
 *     GET /api/v1/warnings names, paged.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { YEAR, browserLogin, useServer } from './harness.mjs';

const srv = useServer();
/* The county the writes go to, and the prefecture above it, whose table
 * runs over several pages. */
const REGION = '520102';
const WIDE = { account: 'gy-office', region: '520100' };
const tokens = {};
const cookies = {};

async function as(name, method, p, o = {}) {
	tokens[name] ??= await srv.login(name);
	return srv.api(method, p, { ...o, token: tokens[name] });
}

async function page(name, p) {
	cookies[name] ??= await browserLogin(srv, name);
	return srv.api('GET', p, { cookie: cookies[name] });
}

/* The API's results of the scope: the oracle. */
async function results(name = 'nm-office', region = REGION, year = YEAR) {
	const r = await as(name, 'GET',
	    `/api/v1/evaluation?year=${year}&region=${region}`);
	assert.equal(r.status, 200, r.text);
	return r.body.results;
}

/* What an evaluation page shows of its table. */
function table(html) {
	const rows = [...html.matchAll(/<tbody class="leader"[^>]*>([\s\S]*?)<\/tbody><\/table><\/div><\/details>/g)]
	    .map((m) => m[1]);
	const one = (re, s) => (s.match(re) ?? [])[1];
	return {
		rows: rows.map((s) => ({
			name: one(/<td><strong>([^<]*)<\/strong><\/td>/, s),
			score: one(/<td class="num">([0-9.]+|—)<\/td><td><span class="tag g-/, s),
			/* The grade's tag; a provisional one is marked so. */
			grade: one(/<span class="tag g-([a-z_]+)[ "]/, s),
			provisional: s.includes('>待评议</span></td>'),
			veto: s.includes('一票否决</span>'),
			/* Unmet as the engine says: past its deadline (未达标), or
			 * not yet due (期限未到, still unmet in the JSON). */
			unmet: s.includes('class="tag v-unmet">未达标') ||
			    s.includes('class="tag v-pending"'),
			review: s.includes('class="tag v-needs_review">待评议</span></td><td class="num">'),
			html: s,
		})),
		listed: Number(one(/下表只列出符合所选条件的 (\d+) 人/, html) ?? NaN),
		pages: Number(one(/第 \d+ \/ (\d+) 页/, html) ?? 1),
	};
}

const evalUrl = (q = '', region = REGION) =>
    `/evaluation?year=${YEAR}&region=${region}${q}`;

async function show(q, name = 'nm-office', region = REGION) {
	const r = await page(name, evalUrl(q, region));
	assert.equal(r.status, 200, r.text.slice(0, 400));
	return table(r.text);
}

/* Every row of every page of a filter (of the county, or of wide). */
async function all(q, scope = { account: 'nm-office', region: REGION }) {
	const first = await show(q, scope.account, scope.region);
	const rows = [...first.rows];
	for (let p = 2; p <= first.pages; p++)
		rows.push(...(await show(`${q}&page=${p}`, scope.account,
		    scope.region)).rows);
	return { ...first, rows };
}

test('paging: 50 a page, pages that do not overlap, none past the end',
    async () => {
	const res = await results(WIDE.account, WIDE.region);
	assert.ok(res.length > 100, `the prefecture has ${res.length} results`);
	const p1 = await show('', WIDE.account, WIDE.region);
	assert.equal(p1.rows.length, 50);
	assert.equal(p1.pages, Math.ceil(res.length / 50));
	const p2 = await show('&page=2', WIDE.account, WIDE.region);
	assert.equal(p2.rows.length, 50);
	const every = await all('', WIDE);
	assert.equal(every.rows.length, res.length);
	/* The engine's order, as the JSON lists them, each once. */
	assert.deepEqual(every.rows.map((x) => x.name),
	    res.map((x) => x.person_name));
	const past = await page(WIDE.account,
	    evalUrl(`&page=${p1.pages + 1}`, WIDE.region));
	assert.equal(past.status, 200);
	assert.match(past.text, /没有这一页/);
	const bad = await page('nm-office', evalUrl('&page=0'));
	assert.equal(bad.status, 400);
	assert.match(bad.text, /页码不正确/);
});

test('filters: grade, provisional, verdict and veto select what the JSON ' +
    'says', async () => {
	const res = await results(WIDE.account, WIDE.region);
	const cases = [
		['&grade=fail', (x) => x.grade === 'fail'],
		['&grade=pass', (x) => x.grade === 'pass'],
		['&provisional=1', (x) => x.provisional === true],
		['&provisional=0', (x) => x.provisional !== true],
		['&verdict=unmet', (x) => x.duties.some((d) => d.verdict === 'unmet')],
		['&verdict=needs_review',
		    (x) => x.duties.some((d) => d.verdict === 'needs_review')],
		['&verdict=veto', (x) => x.veto === true],
		['&grade=basic_pass&provisional=1',
		    (x) => x.grade === 'basic_pass' && x.provisional === true],
		/* the older single choice still works */
		['&show=fail', (x) => x.grade === 'fail'],
	];
	let some = 0;
	for (const [q, pick] of cases) {
		const want = res.filter(pick);
		const got = await all(q, WIDE);
		if (want.length === 0) {
			assert.equal(got.rows.length, 0, q);
			continue;
		}
		some++;
		assert.equal(got.listed, want.length, q);
		assert.deepEqual(got.rows.map((x) => x.name),
		    want.map((x) => x.person_name), q);
		for (const row of got.rows) {
			if (q.includes('grade=fail') || q.includes('show=fail'))
				assert.equal(row.grade, 'fail');
			if (q.includes('provisional=1'))
				assert.ok(row.provisional, q);
			if (q.includes('provisional=0'))
				assert.ok(!row.provisional, q);
			if (q.includes('verdict=unmet'))
				assert.ok(row.unmet, q);
			if (q.includes('verdict=veto'))
				assert.ok(row.veto, q);
		}
	}
	assert.ok(some >= 5, 'most filters select something in the demo');
	for (const [q, field] of [['&grade=x', '等次'], ['&provisional=2',
	    '等次状态'], ['&verdict=bad', '职责结论'], ['&sort=up', '排序']]) {
		const r = await page('nm-office', evalUrl(q));
		assert.equal(r.status, 400, q);
		assert.ok(r.text.includes(`${field}不正确`), q);
	}
});

test('orders: score both ways, grade worst first, name', async () => {
	const num = (s) => s === '—' ? null : Number(s);
	const down = (await all('&sort=score', WIDE)).rows.map((x) => num(x.score));
	const scored = down.filter((x) => x !== null);
	assert.ok(scored.length > 1);
	for (let i = 1; i < scored.length; i++)
		assert.ok(scored[i - 1] >= scored[i], `${scored[i - 1]} ≥ ${scored[i]}`);
	/* unscored last */
	assert.deepEqual(down.slice(scored.length), down.filter((x) => x === null));
	const up = (await all('&sort=score_asc', WIDE)).rows.map((x) => num(x.score))
	    .filter((x) => x !== null);
	for (let i = 1; i < up.length; i++)
		assert.ok(up[i - 1] <= up[i]);
	const rank = { fail: 3, basic_pass: 2, pass: 1, excellent: 0 };
	const g = (await all('&sort=grade', WIDE)).rows.map((x) => rank[x.grade]);
	for (let i = 1; i < g.length; i++)
		assert.ok(g[i - 1] >= g[i]);
	const names = (await all('&sort=name', WIDE)).rows.map((x) =>
	    Buffer.from(x.name));
	for (let i = 1; i < names.length; i++)
		assert.ok(Buffer.compare(names[i - 1], names[i]) <= 0);
	/* a sort keeps the filters, and the filters the sort */
	const failing = (await all('&sort=score&grade=fail', WIDE)).rows;
	assert.ok(failing.every((x) => x.grade === 'fail'));
});

test('duty titles first, their codes as small print', async () => {
	const r = await page('nm-office', evalUrl());
	assert.match(r.text, /<a href="\/catalog#rule-5\.1-hearings">每年至少听取2次法治建设工作汇报<\/a><div><small class="muted code">5\.1-hearings<\/small>/);
});

/* The county's party leader: the first result of its party committee. */
async function partyLeader() {
	const res = await results();
	const x = res.find((y) => y.organ === `${REGION}-party` &&
	    y.duties.some((d) => d.id === '5.1-hearings'));
	assert.ok(x, 'the county party leader');
	return x;
}

/* The hearings duty of person's row on the first page: "required / actual". */
async function hearingsShown(person) {
	const html = (await page('nm-office', evalUrl())).text;
	const at = html.indexOf(`<tbody class="leader" id="${person}"`);
	assert.ok(at >= 0, 'the leader is on the first page');
	const tail = html.slice(at);
	const m = tail.match(/rule-5\.1-hearings"[\s\S]*?<td class="num">(\d+) \/ (\d+)<\/td>/);
	assert.ok(m, 'the hearings duty row');
	return Number(m[2]);
}

test('no stale results: a record added shows at once', async () => {
	const leader = await partyLeader();
	const before = leader.duties.find((d) => d.id === '5.1-hearings').actual;
	assert.equal(await hearingsShown(leader.person), before);
	const made = await as('nm-clerk', 'POST', '/api/v1/records', { json: {
		id: `r-evalpages-${Date.now()}`, kind: 'rol_report_hearing',
		organ: `${REGION}-party`, date: `${YEAR}-05-12`,
		title: '分页测试:听取法治建设工作汇报' } });
	assert.equal(made.status, 201, made.text);
	const after = (await partyLeader()).duties
	    .find((d) => d.id === '5.1-hearings').actual;
	assert.equal(after, before + 1, 'the API counts the record');
	assert.equal(await hearingsShown(leader.person), after,
	    'the page counts it too, on the next request');
});

test('no stale results: scoring a leader\'s duties settles the grade at once',
    async () => {
	const res = await results();
	const target = res.find((x) => x.provisional && x.organ.startsWith(REGION));
	assert.ok(target, 'a provisional result');
	const pendingBefore = (await show('&provisional=1')).listed;
	assert.equal(pendingBefore, res.filter((x) => x.provisional).length);
	for (const d of target.duties.filter((y) => y.verdict === 'needs_review')) {
		const r = await as('nm-office', 'PUT', '/api/v1/scores', { json: {
			person: target.person, year: YEAR, duty: d.id, score: 95,
			comment: '分页测试评分' } });
		assert.equal(r.status, 200, r.text);
	}
	const now = await results();
	const want = now.filter((x) => x.provisional).length;
	assert.ok(want < pendingBefore, 'the scores settled a grade');
	const got = await show('&provisional=1');
	assert.equal(Number.isNaN(got.listed) ? 0 : got.listed, want);
	/* and the summary above the table counts the same */
	const html = (await page('nm-office', evalUrl())).text;
	const m = html.match(/<dt>待评议\(等次暂定\)<\/dt><dd class="stat"><a href="[^"]*">(\d+)<\/a>/);
	assert.equal(Number(m[1]), want);
});

test('the downloads for people: CSV with a BOM, Chinese; XLSX Chinese',
    async () => {
	const csv = await page('nm-office',
	    `/evaluation.csv?year=${YEAR}&region=${REGION}`);
	assert.equal(csv.status, 200);
	assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
	const lines = csv.text.slice(1).trim().split('\r\n');
	assert.equal(lines[0], '地区,机构,姓名,职务,适用方式,考评期间起,考评期间止,' +
	    '得分,等次,等次暂定,一票否决,未达标职责,考评后果');
	const res = await results();
	assert.equal(lines.length - 1, res.length);
	const grades = new Set(['优秀', '合格', '基本合格', '不合格']);
	for (const line of lines.slice(1)) {
		assert.doesNotMatch(line, /\bp-\d|\br-\d|excellent|basic_pass/);
		const cells = line.split(',');
		assert.match(cells[5], /^\d{4}年\d{1,2}月\d{1,2}日$/);
		assert.ok(grades.has(cells[8]), cells[8]);
		assert.ok(['是', '否'].includes(cells[9]));
	}
	/* a filter applies to the download too */
	const failing = await page('nm-office',
	    `/evaluation.csv?year=${YEAR}&region=${REGION}&grade=fail`);
	const rows = failing.text.slice(1).trim().split('\r\n').slice(1);
	assert.equal(rows.length, res.filter((x) => x.grade === 'fail').length);
	assert.ok(rows.every((x) => x.split(',')[8] === '不合格'));

	const xlsx = await page('nm-office',
	    `/evaluation.xlsx?year=${YEAR}&region=${REGION}`);
	assert.equal(xlsx.status, 200);
	const dir = mkdtempSync(path.join(tmpdir(), 'evalpages-'));
	try {
		const f = path.join(dir, 'e.xlsx');
		writeFileSync(f, xlsx.bytes);
		/* constant-memory workbooks write their strings inline */
		const sheet = (n) => execFileSync('unzip', ['-p', f,
		    `xl/worksheets/sheet${n}.xml`]).toString();
		const head = (n) => [...(sheet(n).match(/<row r="1"[\s\S]*?<\/row>/) ??
		    [''])[0].matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((m) => m[1]);
		assert.deepEqual(head(1), ['地区', '机构', '姓名', '职务', '适用方式',
		    '考评期间起', '考评期间止', '得分', '等次', '等次暂定', '一票否决',
		    '未达标职责', '考评后果']);
		assert.deepEqual(head(2), ['地区', '机构', '姓名', '职责', '条款',
		    '结论', '应有', '实有', '评分', '说明', '佐证记录(条)', '职责编号']);
		assert.doesNotMatch(sheet(1), /<t[^>]*>p-\d/);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
});

test('the warnings page: the duties at risk, paged, worst first', async () => {
	/* Every page of the API's list (paged since: 50 without asking). */
	const items = [];
	for (let p = 1; ; p++) {
		const api = await as('nm-office', 'GET', `/api/v1/warnings?region=` +
		    `${REGION}&per_page=200&page=${p}`);
		assert.equal(api.status, 200, api.text);
		items.push(...api.body.warnings);
		if (p * 200 >= api.body.total)
			break;
	}
	const count = async (q) => {
		const r = await page('nm-office', `/warnings?region=${REGION}${q}`);
		assert.equal(r.status, 200, r.text.slice(0, 300));
		const rows = (r.text.match(/<tr><td>/g) ?? []).length;
		const n = Number((r.text.match(/职责预警 <span class="muted">(\d+) 项/) ??
		    [0, 0])[1]);
		assert.equal(rows, Math.min(50, n), q);
		return n;
	};
	const risk = items.filter((x) => x.kind === 'at_risk').length;
	const overdue = items.filter((x) => x.kind === 'overdue_filing').length;
	assert.ok(risk > 0, 'the demo has duties at risk');
	/* the page opens on what can still be done */
	assert.equal(await count(''), risk);
	assert.equal(await count('&kind=overdue'), overdue);
	assert.equal(await count('&kind=all'), risk + overdue);
	const bad = await page('nm-office', '/warnings?kind=x');
	assert.equal(bad.status, 400);
	const other = await page('nm-office', '/warnings?region=520103');
	assert.equal(other.status, 403);
});

test('a closed year answers unchanged after a later write', async () => {
	const close = await as('nm-office', 'POST', '/api/v1/evaluation/close',
	    { json: { year: YEAR, region: REGION, reason: '分页测试结转' } });
	assert.equal(close.status, 200, close.text);
	const before = await all('&sort=score');
	assert.ok(before.rows.length > 0);
	assert.match((await page('nm-office', evalUrl())).text, /已结转/);
	const made = await as('nm-clerk', 'POST', '/api/v1/records', { json: {
		id: `r-evalpages-next-${Date.now()}`, kind: 'rol_report_hearing',
		organ: `${REGION}-party`, date: `${YEAR + 1}-02-12`,
		title: '分页测试:次年的记录' } });
	assert.equal(made.status, 201, made.text);
	const after = await all('&sort=score');
	assert.deepEqual(after.rows.map((x) => [x.name, x.score, x.grade]),
	    before.rows.map((x) => [x.name, x.score, x.grade]));
});
