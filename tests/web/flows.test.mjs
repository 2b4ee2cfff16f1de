/*
 * Every flow reaches its end, and progress is told honestly ([workbench]
 * items 2 and 9), on the demo province with "today" fixed in the May
 * after the demo year (LVZHI_TODAY): the demo year has ended, the next
 * is under way, and both hold records still awaiting verification.
 *
 * As the pages serve them, with the session cookie and the forms' CSRF
 * token: a 移送问责 beside every failed duty of every 不合格 result (vetoed
 * or not) for the accounts that open cases and nobody else, opening the
 * case form filled from it, which opens the case; an inspector's finding
 * sent to the office for 整改, the inspector seeing it was; an inspection
 * closed, after which a finding is refused; the review form gone once a
 * record is verified; duties met on records awaiting verification shown
 * as 达标(待核实) apart from verified ones; duties not yet due shown as
 * pending rather than a bar of 0 %; provisional grades marked wherever
 * a grade is shown; and closing a year listing its records still
 * awaiting verification before it closes.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { YEAR, accountsOn, htmlDecode, useServer } from './harness.mjs';

const NEXT = YEAR + 1;
const TODAY = `${NEXT}-05-10`;
const srv = useServer({ env: { LVZHI_TODAY: TODAY } });
const { as, session, page, post } = accountsOn(srv);

/* The 移送问责 links of a page: [{ person, organ, source }]. */
function referrals(html) {
	const out = [];
	for (const m of html.matchAll(/<a class="refer" href="([^"]+)">移送问责/g)) {
		const u = new URL(htmlDecode(m[1]), 'http://x');
		assert.equal(u.pathname, '/accountability');
		out.push({ person: u.searchParams.get('person'),
			organ: u.searchParams.get('organ'),
			source: u.searchParams.get('source'), href: htmlDecode(m[1]) });
	}
	return out;
}

test('a. 移送问责 beside every failed duty of every 不合格 result, vetoed ' +
    'or not, for the accounts that open cases; it fills the case form, ' +
    'which opens the case', async () => {
	const ev = (await as('discipline', 'GET',
	    `/api/v1/evaluation?year=${YEAR}&region=520102`)).body;
	const failed = ev.results.filter((x) => x.grade === 'fail');
	assert.ok(failed.some((x) => !x.veto), 'a 不合格 without a veto');
	assert.ok(failed.some((x) => x.veto), 'a vetoed result');
	const html = await page('discipline',
	    `/evaluation?year=${YEAR}&region=520102&show=fail`);
	const links = referrals(html);
	for (const res of failed)
		for (const d of res.duties.filter((u) => u.verdict === 'unmet')) {
			const source = `eval:${YEAR}:${res.person}:${d.id}`;
			assert.ok(links.some((l) => l.source === source &&
			    l.person === res.person && l.organ === res.organ),
			    `a referral of ${source}`);
		}
	/* Nothing but failed duties of 不合格 results. */
	for (const l of links) {
		const [, y, person, duty] = l.source.split(':');
		const res = failed.find((x) => x.person === person &&
		    x.organ === l.organ);
		assert.ok(res, l.source);
		assert.equal(Number(y), YEAR);
		assert.equal(res.duties.find((u) => u.id === duty).verdict, 'unmet');
	}
	/* Offered to who opens cases only. */
	for (const who of ['nm-clerk', 'inspector'])
		assert.deepEqual(referrals(await page(who,
		    `/evaluation?year=${YEAR}&region=520102&show=fail`)), [], who);
	assert.ok(referrals(await page('nm-office',
	    `/evaluation?year=${YEAR}&region=520102&show=fail`)).length > 0);

	/* The link opens the case form filled from it. */
	const plain = failed.find((x) => !x.veto);
	const duty = plain.duties.find((u) => u.verdict === 'unmet').id;
	const link = links.find((l) => l.source ===
	    `eval:${YEAR}:${plain.person}:${duty}`);
	const formHtml = await page('discipline', link.href.split('#')[0]);
	const open = formHtml.slice(formHtml.indexOf('id="new"'));
	assert.match(open, new RegExp(`name="source_ref"[^>]*value="eval:${YEAR}:` +
	    `${plain.person}:${duty}"`));
	assert.match(open, /<option value="evaluation" selected>考评不合格<\/option>/);
	assert.match(open, new RegExp(`name="person"[^>]*value="${plain.person}"`));
	assert.match(open, new RegExp(`name="year"[^>]*value="${YEAR}"`));
	const made = await post('discipline', '/accountability', {
		target: 'cadre', organ: plain.organ, person: plain.person, item: '1',
		source: 'evaluation', source_ref: link.source, year: String(YEAR),
		summary: `${YEAR} 年度考评不合格,移送问责。` });
	assert.equal(made.status, 303, made.text);
	const id = decodeURIComponent(made.headers.get('location')
	    .split('?')[0].slice('/accountability/'.length));
	const c = await as('discipline', 'GET', `/api/v1/cases/${id}`);
	assert.equal(c.status, 200, c.text);
	assert.equal(c.body.source, 'evaluation');
	assert.equal(c.body.source_ref, link.source);
	/* One case per result; a duty that is not failed is refused. */
	const again = await as('discipline', 'POST', '/api/v1/cases', { json: {
		target: 'cadre', organ: plain.organ, person: plain.person, item: 1,
		source: 'evaluation', source_ref: link.source,
		summary: '重复移送' } });
	assert.equal(again.status, 409, again.text);
	const met = plain.duties.find((u) => u.verdict === 'met');
	const wrong = await as('discipline', 'POST', '/api/v1/cases', { json: {
		target: 'cadre', organ: plain.organ, person: plain.person, item: 1,
		source: 'evaluation', summary: '未达标以外',
		source_ref: `eval:${YEAR}:${plain.person}:${met.id}` } });
	assert.equal(wrong.status, 400, wrong.text);
	assert.equal(wrong.body.field, 'source_ref');
	/* A result that is not 不合格 is no evaluation source either. */
	const passed = ev.results.find((x) => x.grade !== 'fail' &&
	    x.duties.some((u) => u.verdict === 'unmet'));
	if (passed !== undefined) {
		const r = await as('discipline', 'POST', '/api/v1/cases', { json: {
			target: 'cadre', organ: passed.organ, person: passed.person,
			item: 1, source: 'evaluation', summary: '合格者',
			source_ref: `eval:${YEAR}:${passed.person}:` +
			    passed.duties.find((u) => u.verdict === 'unmet').id } });
		assert.equal(r.status, 400, r.text);
	}
	/* Once referred, the page says so beside the result. */
	const after = await page('discipline', `/accountability/${id}`);
	assert.ok(after.includes('考评不合格'), after.slice(0, 300));
});

test('b. an inspector\'s finding goes to the office for 整改, and the ' +
    'inspector sees that it did', async () => {
	const insp = await as('inspector', 'POST', '/api/v1/inspections', { json: {
		kind: 'special', title: '整改流转测试督查', region: '520102',
		year: NEXT } });
	assert.equal(insp.status, 201, insp.text);
	const f = await as('inspector', 'POST',
	    `/api/v1/inspections/${insp.body.id}/findings`, { json: {
		organ: '520102-gov', severity: 'serious',
		description: '未按要求听取法治建设工作汇报' } });
	assert.equal(f.status, 201, f.text);
	let html = await page('inspector', `/supervision/inspections/${insp.body.id}`);
	assert.ok(html.includes('待依法治理办公室下达整改'), 'waiting for the office');
	/* The office sees the finding with its order form, and issues it. */
	const office = await page('nm-office',
	    `/supervision/inspections/${insp.body.id}`);
	assert.ok(office.includes('<summary>下达整改</summary>'));
	const order = await post('nm-office', '/supervision/rectifications', {
		source: 'finding', finding: f.body.id, requirement: '限期整改',
		deadline: `${NEXT}-09-30` });
	assert.equal(order.status, 303, order.text);
	html = await page('inspector', `/supervision/inspections/${insp.body.id}`);
	assert.ok(html.includes('已下达整改 1 项'), 'the inspector sees the order');
	assert.ok(!html.includes('待依法治理办公室下达整改'));
	const list = await page('inspector',
	    `/supervision?finding=${f.body.id}`);
	assert.ok(list.includes('限期整改') || list.includes('已下达'), list);
	const api = await as('inspector', 'GET',
	    `/api/v1/rectifications?finding=${f.body.id}`);
	assert.equal(api.body.items.length, 1, api.text);
});

test('c. an inspection is closed by who inspects; then it takes no ' +
    'finding, and determination goes on', async () => {
	const insp = (await as('inspector', 'POST', '/api/v1/inspections', {
		json: { kind: 'regular', title: '结束测试督查', region: '520102',
			year: NEXT } })).body;
	const leader = (await as('nm-gov-leader', 'GET', '/api/v1/me')).body
	    .person;
	const f = await as('inspector', 'POST',
	    `/api/v1/inspections/${insp.id}/findings`, { json: {
		organ: '520102-gov', person: leader, severity: 'serious',
		description: '问题一' } });
	assert.equal(f.status, 201, f.text);
	let html = await page('inspector', `/supervision/inspections/${insp.id}`);
	assert.match(html, new RegExp(`action="/supervision/inspections/${insp.id}` +
	    '/close" data-confirm="[^"]+"'));
	/* Not the discipline officer's (a role the route does not list),
	 * not another county's office (404). */
	assert.equal((await as('discipline', 'POST',
	    `/api/v1/inspections/${insp.id}/close`)).status, 403);
	const closed = await post('inspector',
	    `/supervision/inspections/${insp.id}/close`, {});
	assert.equal(closed.status, 303, closed.text);
	html = await page('inspector', `/supervision/inspections/${insp.id}`);
	assert.ok(html.includes('已完成'));
	assert.ok(!html.includes('<h2>记录问题</h2>'), 'no finding form');
	assert.ok(!html.includes('/close"'), 'no close form');
	const late = await as('inspector', 'POST',
	    `/api/v1/inspections/${insp.id}/findings`, { json: {
		organ: '520102-party', severity: 'minor', description: '问题二' } });
	assert.equal(late.status, 409, late.text);
	const byPage = await post('inspector',
	    `/supervision/inspections/${insp.id}/findings`, { organ: '520102-party',
		severity: 'minor', description: '问题三' });
	assert.equal(byPage.status, 409, byPage.text);
	assert.equal((await as('gz-office', 'POST',
	    `/api/v1/inspections/${insp.id}/close`)).status, 409);
	const got = await as('inspector', 'GET', `/api/v1/inspections/${insp.id}`);
	assert.equal(got.body.status, 'completed');
	assert.equal(got.body.findings.length, 1);
	/* Its finding is still determined and rectified. */
	const det = await as('gz-office', 'POST',
	    `/api/v1/findings/${f.body.id}/determine`, { json: {
		kind: 'judicial_interference', date: `${NEXT}-03-01` } });
	assert.equal(det.status, 201, det.text);
	const audit = await as('gz-office', 'GET', '/api/v1/audit?per_page=200');
	assert.ok(audit.body.items.some((x) => x.action === 'inspection.close'),
	    'audited');
});

test('d. once a record is verified the review form is gone', async () => {
	const rec = await as('nm-clerk', 'POST', '/api/v1/records', { json: {
		id: 'r-flows-review', kind: 'rol_report_hearing',
		organ: '520102-party', date: `${NEXT}-03-02`,
		title: '听取法治建设工作汇报' } });
	assert.equal(rec.status, 201, rec.text);
	const form = 'action="/ledger/r-flows-review/review"';
	assert.ok((await page('nm-office', '/ledger/r-flows-review'))
	    .includes(form));
	const done = await post('nm-office', '/ledger/r-flows-review/review',
	    { action: 'verify' });
	assert.equal(done.status, 303, done.text);
	const html = await page('nm-office', '/ledger/r-flows-review?ok=verified');
	assert.ok(html.includes('记录已核实'));
	assert.ok(!html.includes(form), 'no review form after 核实');
	assert.ok(!html.includes('>退回</button>'));
	/* An edit sends it back for review, and the form with it. */
	const ed = await as('nm-clerk', 'PUT', '/api/v1/records/r-flows-review',
	    { json: { kind: 'rol_report_hearing', organ: '520102-party',
		date: `${NEXT}-03-02`, title: '听取法治建设工作汇报(修改)' } });
	assert.equal(ed.status, 200, ed.text);
	assert.ok((await page('nm-office', '/ledger/r-flows-review'))
	    .includes(form));
});

test('f. a duty met on records awaiting verification reads 达标(待核实), ' +
    'apart from verified 达标; the verdict is unchanged', async () => {
	const ev = (await as('nm-office', 'GET',
	    `/api/v1/evaluation?year=${YEAR}&region=520102`)).body;
	let unverified = 0, verified = 0;
	for (const res of ev.results)
		for (const d of res.duties) {
			if (d.actual === null) {
				assert.equal(d.actual_verified, null);
				continue;
			}
			assert.ok(Number.isInteger(d.actual_verified), JSON.stringify(d));
			assert.ok(d.actual_verified <= d.actual, JSON.stringify(d));
			if (d.verdict === 'met' && d.required > 0)
				d.actual_verified < d.required ? unverified++ : verified++;
		}
	assert.ok(unverified > 0 && verified > 0, `${unverified} ${verified}`);
	/* The page tells them apart: one tag each. */
	const html = await page('nm-office', `/evaluation?year=${YEAR}` +
	    '&region=520102');
	const tags = [...html.matchAll(/<span class="tag v-met( unverified)?"/g)];
	assert.equal(tags.filter((m) => m[1]).length, unverified);
	assert.ok(html.includes('达标(待核实)'));
	/* Verifying the records turns one into 达标. */
	const res = ev.results.find((x) => x.duties.some((d) =>
	    d.verdict === 'met' && d.required > 0 &&
	    d.actual_verified < d.required && d.measure === 'count'));
	const duty = res.duties.find((d) => d.verdict === 'met' &&
	    d.required > 0 && d.actual_verified < d.required &&
	    d.measure === 'count');
	for (const id of duty.evidence) {
		const r = await as('gz-office', 'POST', `/api/v1/records/${id}/verify`,
		    { json: {} });
		assert.ok([200, 409].includes(r.status), r.text);
	}
	const again = (await as('nm-office', 'GET',
	    `/api/v1/evaluation?year=${YEAR}&region=520102`)).body;
	const now = again.results.find((x) => x.person === res.person &&
	    x.organ === res.organ).duties.find((d) => d.id === duty.id);
	assert.equal(now.verdict, 'met');
	assert.equal(now.actual, duty.actual);
	assert.equal(now.actual_verified, now.actual);
});

test('h. a duty not yet due is pending, never a bar of 0 %', async () => {
	/* The office's table: a duty whose judged cases are all still
	 * ahead of their deadline shows 期限未到, not 0 %. */
	const html = await page('nm-office', '/');
	const rows = [...html.matchAll(/<tr><td>([^<]+)<br><span class="muted">[^<]*<\/span><\/td><td>(\d+)<\/td><td>(\d+)(?:<div[^>]*>[^<]*<\/div>)?<\/td><td>(\d+)<\/td><td>(\d+)<\/td><td>\d+<\/td><td>\d+<\/td><td>(.*?)<\/td><\/tr>/g)];
	assert.ok(rows.length > 0, 'the progress table');
	let pendingOnly = 0;
	for (const [, title, , met, unmet, pending, rate] of rows) {
		if (met === '0' && unmet === '0' && pending !== '0') {
			pendingOnly++;
			assert.ok(rate.includes('期限未到'), `${title}: ${rate}`);
			assert.ok(!rate.includes('%'), `${title}: ${rate}`);
		}
		if (rate.includes('%'))
			assert.ok(Number(met) + Number(unmet) > 0, title);
	}
	assert.ok(pendingOnly > 0, 'a duty pending everywhere this May');
	/* The leader's own view: pending duties are tagged and their bar
	 * is the pending one, not the failing one. */
	const own = await page('nm-leader', '/');
	assert.ok(own.includes('<span class="tag v-pending"'), 'pending tag');
	assert.ok(own.includes('class="bar pending"'), 'pending bar');
	/* And the evaluation of the year under way says so per duty. */
	const ev = await page('nm-office', `/evaluation?year=${NEXT}&region=520102`);
	assert.ok(ev.includes('期限未到'));
});

test('i. a provisional grade says so wherever a grade is shown',
    async () => {
	const ev = (await as('nm-office', 'GET',
	    `/api/v1/evaluation?year=${NEXT}&region=520102`)).body;
	const prov = ev.results.filter((x) => x.provisional);
	assert.ok(prov.length > 0);
	const html = await page('nm-office', `/evaluation?year=${NEXT}` +
	    '&region=520102&show=provisional');
	const table = html.slice(html.indexOf('<table class="eval"'));
	const grades = [...table.matchAll(/<span class="tag g-[a-z_]+( provisional)?"[^>]*>([^<]+)<\/span>/g)];
	assert.equal(grades.length, prov.length);
	for (const [, mark, text] of grades) {
		assert.ok(mark, text);
		assert.ok(text.endsWith("(暂定)"), text);
	}
	/* The leader's home page marks last year's grade the same way when
	 * it is provisional, and the workbook for people too. */
	const lastYear = (await as('nm-leader', 'GET',
	    `/api/v1/evaluation?year=${YEAR}`)).body.results;
	const own = await page('nm-leader', '/');
	for (const r of lastYear)
		assert.equal(own.includes(`${r.grade_label}(暂定)`), r.provisional,
		    JSON.stringify(r.grade));
	const xlsx = await srv.api('GET', `/evaluation.xlsx?year=${NEXT}` +
	    '&region=520102', { cookie: (await session('nm-office')).cookie });
	assert.equal(xlsx.status, 200);
	const { inflateRawSync } = await import('node:zlib');
	const sheets = zipTexts(xlsx.bytes, inflateRawSync);
	/* The workbook marks it in a column of its own, beside the grade. */
	assert.ok(sheets.includes('等次暂定'), 'the workbook marks it');
});

/* The text of every entry of a zip archive, inflated (the central
 * directory read for the sizes: libxlsxwriter writes data descriptors). */
function zipTexts(buf, inflateRaw) {
	const end = buf.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
	let at = buf.readUInt32LE(end + 16), out = '';
	for (let i = buf.readUInt16LE(end + 10); i > 0; i--) {
		const method = buf.readUInt16LE(at + 10);
		const size = buf.readUInt32LE(at + 20);
		const len = buf.readUInt16LE(at + 28);
		const local = buf.readUInt32LE(at + 42);
		const start = local + 30 + buf.readUInt16LE(local + 26) +
		    buf.readUInt16LE(local + 28);
		const data = buf.subarray(start, start + size);
		out += (method === 8 ? inflateRaw(data) : data).toString('utf8');
		at += 46 + len + buf.readUInt16LE(at + 30) +
		    buf.readUInt16LE(at + 32);
	}
	return out;
}

test('g. closing a year first lists its records awaiting verification, ' +
    'then closes', async () => {
	const waiting = await as('nm-office', 'GET', '/api/v1/records?status=' +
	    `submitted&from=${YEAR}-01-01&to=${YEAR}-12-31&per_page=1`);
	assert.equal(waiting.status, 200, waiting.text);
	const first = await post('nm-office', '/evaluation/close', {
		year: String(YEAR), region: '520102', reason: '年度考评已审定' });
	assert.equal(first.status, 200, first.text);
	assert.match(first.text, /尚有 (\d+) 条记录待核实/);
	const n = Number(/尚有 (\d+) 条记录待核实/.exec(first.text)[1]);
	assert.ok(n > 0);
	const listed = [...first.text.matchAll(/<a href="\/ledger\/([^"]+)">/g)];
	assert.equal(listed.length, Math.min(n, 100));
	for (const [, id] of listed.slice(0, 5)) {
		const r = await as('nm-office', 'GET', `/api/v1/records/${id}`);
		assert.equal(r.body.status, 'submitted');
		assert.ok(r.body.date.startsWith(String(YEAR)), r.body.date);
	}
	assert.ok(first.text.includes('name="confirmed" value="1"'));
	assert.ok(first.text.includes('年度考评已审定'), 'the reason kept');
	/* Nothing is closed yet. */
	const open = await as('nm-office', 'GET',
	    `/api/v1/evaluation/closures?year=${YEAR}&region=520102`);
	assert.equal(open.status, 200, open.text);
	assert.equal(JSON.stringify(open.body).includes('"520102"'), false,
	    open.text);
	const closed = await post('nm-office', '/evaluation/close', {
		year: String(YEAR), region: '520102', reason: '年度考评已审定',
		confirmed: '1' });
	assert.equal(closed.status, 303, closed.text);
	const now = await as('nm-office', 'GET',
	    `/api/v1/evaluation?year=${YEAR}&region=520102`);
	assert.equal(now.body.closed, true);
});
