/*
 * Supervision 督查 (第七条, 第八条) over HTTP, on the demo province:
 *
 *   - an inspection plan, a finding tied to a duty and a record, and the
 *     rectification order it gives, walked through progress, evidence,
 *     submission and acceptance — with the refusals on the way (409 with
 *     the reason in Chinese, 400 for a missing report, 404 for another
 *     county's clerk, 403 for roles that may not);
 *   - an interview notice (约谈整改通知, 第八条) drafted from 2025's
 *     evaluation of 贵阳市 lists exactly the leaders the evaluation API
 *     grades 不合格, a commendation exactly the final 优秀 (never a
 *     provisional one); it is issued, and one action orders a
 *     rectification and schedules an interview for each, twice without
 *     creating anything twice;
 *   - a criticism (通报批评, 第六条第(四)项) lists only the region's
 *     department principals and lower government principals; a named
 *     party principal is refused;
 *   - notices are issued in the superior body's name: a county office
 *     drafts the 约谈 of its own 区委书记, only the 市's office issues it
 *     and orders it (403 for the county), directly as well;
 *   - one 约谈 and one 整改 a leader, organ and year: a prefecture's and
 *     the province's criticism of one 区长 give one of each;
 *   - overdue derived for a past deadline, in the listing and the order;
 *   - interviews held, notices edited only as drafts;
 *   - every write in the audit log; the pages render for every role and
 *     take their forms with the session's CSRF token;
 *   - every answer of these routes as docs/openapi.json describes it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { PASSWORD, YEAR, beijingDay, onDay, useServer } from './harness.mjs';
import { check, deref, operationFor } from './schema.mjs';

const srv = useServer();
const tokens = {};

const PDF = Buffer.from('%PDF-1.4\n%...\n1 0 obj<<>>endobj\ntrailer<<>>\n' +
    '%%EOF\n', 'latin1');

async function as(name, method, p, o = {}) {
	tokens[name] ??= await srv.login(name);
	return srv.api(method, p, { ...o, token: tokens[name] });
}

function assertProblem(r, status, field) {
	assert.equal(r.status, status, r.text);
	assert.equal(r.type, 'application/problem+json', r.text);
	assert.equal(r.body.status, status);
	if (field !== undefined)
		assert.equal(r.body.field, field, r.text);
}

/* A title in Chinese: at least one CJK character. */
function assertChinese(s) {
	assert.match(s, /[\u4e00-\u9fff]/, s);
}

function pdfForm(name = '整改材料.pdf') {
	const form = new FormData();
	form.append('file', new Blob([PDF], { type: 'application/pdf' }), name);
	return form;
}

/* What the tests share as they build on each other. */
const state = {};
const key = (x) => `${x.person} ${x.organ}`;

test('an inspection plan: created in scope, listed, refused outside',
    async () => {
	const plan = { kind: 'special', title: '2025年度法治建设第一责任人职责专项督查',
		region: '520100', year: YEAR, starts: `${YEAR}-11-01`,
		ends: `${YEAR}-11-30`, focus: '听取法治建设工作汇报' };
	const r = await as('inspector', 'POST', '/api/v1/inspections',
	    { json: plan });
	assert.equal(r.status, 201, r.text);
	assert.match(r.body.id, new RegExp(`^insp-${YEAR}-[0-9a-f]{8}$`));
	assert.equal(r.headers.get('location'), `/api/v1/inspections/${r.body.id}`);
	for (const k of Object.keys(plan))
		assert.equal(r.body[k], plan[k], k);
	assert.equal(r.body.status, 'planned');
	assert.deepEqual(r.body.findings, []);
	state.inspection = r.body.id;

	/* Offices see their subtree's plans; the county below does not see
	 * the city's, nor may it plan over the city. */
	const gy = await as('gy-office', 'GET', '/api/v1/inspections');
	assert.ok(gy.body.items.some((x) => x.id === state.inspection));
	const nm = await as('nm-office', 'GET', '/api/v1/inspections');
	assert.ok(!nm.body.items.some((x) => x.id === state.inspection));
	assertProblem(await as('nm-office', 'GET',
	    `/api/v1/inspections/${state.inspection}`), 404);
	assertProblem(await as('nm-office', 'POST', '/api/v1/inspections',
	    { json: { ...plan, region: '520100' } }), 403, 'region');
	/* Clerks and leaders do not plan inspections. */
	assertProblem(await as('nm-clerk', 'POST', '/api/v1/inspections',
	    { json: plan }), 403);
	/* Bad input names the field. */
	assertProblem(await as('inspector', 'POST', '/api/v1/inspections',
	    { json: { ...plan, kind: 'weekly' } }), 400, 'kind');
	assertProblem(await as('inspector', 'POST', '/api/v1/inspections',
	    { json: { ...plan, title: '' } }), 400, 'title');
	assertProblem(await as('inspector', 'POST', '/api/v1/inspections',
	    { json: { ...plan, year: 'soon' } }), 400, 'year');
	assertProblem(await as('inspector', 'POST', '/api/v1/inspections',
	    { json: { ...plan, ends: `${YEAR}-10-01` } }), 400, 'ends');
	assertProblem(await as('inspector', 'POST', '/api/v1/inspections',
	    { json: { ...plan, region: '999999' } }), 400, 'region');
});

test('findings: the organ inside the region, duty from the catalog, the ' +
    'record of that organ', async () => {
	const url = `/api/v1/inspections/${state.inspection}/findings`;
	const recs = await as('admin', 'GET',
	    '/api/v1/records?organ=520102-party&per_page=1');
	const record = recs.body.items[0].id;
	const other = (await as('admin', 'GET',
	    '/api/v1/records?organ=520103-party&per_page=1')).body.items[0].id;
	const me = await as('nm-leader', 'GET', '/api/v1/me');
	const finding = { organ: '520102-party', person: me.body.person,
		duty: '5.1-hearings', record, severity: 'serious',
		description: '全年仅听取一次法治建设工作汇报' };
	const r = await as('inspector', 'POST', url, { json: finding });
	assert.equal(r.status, 201, r.text);
	assert.match(r.body.id, new RegExp(`^find-${YEAR}-[0-9a-f]{8}$`));
	assert.equal(r.body.inspection, state.inspection);
	assert.equal(r.body.organ_name, '中共南明区委员会');
	assert.equal(r.body.duty, '5.1-hearings');
	assert.ok(r.body.duty_title);
	assert.equal(r.body.record, record);
	assert.equal(r.body.person, me.body.person);
	state.finding = r.body.id;

	assertProblem(await as('inspector', 'POST', url, { json:
	    { ...finding, organ: '520201-party' } }), 400, 'organ');
	assertProblem(await as('inspector', 'POST', url, { json:
	    { ...finding, organ: 'no-such-organ' } }), 400, 'organ');
	assertProblem(await as('inspector', 'POST', url, { json:
	    { ...finding, duty: 'no-such-duty' } }), 400, 'duty');
	assertProblem(await as('inspector', 'POST', url, { json:
	    { ...finding, record: other } }), 400, 'record');
	assertProblem(await as('inspector', 'POST', url, { json:
	    { ...finding, record: 'no-such-record' } }), 400, 'record');
	assertProblem(await as('inspector', 'POST', url, { json:
	    { ...finding, person: 'p-nobody' } }), 400, 'person');
	assertProblem(await as('inspector', 'POST', url, { json:
	    { ...finding, severity: 'grave' } }), 400, 'severity');
	assertProblem(await as('inspector', 'POST', url, { json:
	    { ...finding, description: '  ' } }), 400, 'description');
	assertProblem(await as('nm-office', 'POST', url, { json: finding }), 404);
	assertProblem(await as('inspector', 'POST',
	    '/api/v1/inspections/insp-0000-00000000/findings',
	    { json: finding }), 404);

	const got = await as('gy-office', 'GET',
	    `/api/v1/inspections/${state.inspection}`);
	assert.equal(got.status, 200);
	assert.equal(got.body.status, 'in_progress', 'a finding starts it');
	assert.deepEqual(got.body.findings.map((f) => f.id), [state.finding]);
	/* The clerk of the organ sees the plan through its finding; the
	 * next county's clerk does not see it at all. */
	const clerk = await as('nm-clerk', 'GET',
	    `/api/v1/inspections/${state.inspection}`);
	assert.equal(clerk.status, 200, clerk.text);
	assert.deepEqual(clerk.body.findings.map((f) => f.id), [state.finding]);
	assertProblem(await as('yy-clerk', 'GET',
	    `/api/v1/inspections/${state.inspection}`), 404);
	assert.equal((await as('yy-clerk', 'GET', '/api/v1/inspections'))
	    .body.items.length, 0);
});

test('a rectification order: issued → in progress → submitted with ' +
    'evidence → accepted, and every refusal on the way', async () => {
	const order = { source: 'finding', finding: state.finding,
		requirement: '按季度听取法治建设工作汇报,年底前补齐', deadline:
		`${YEAR + 5}-12-31` };
	/* Only offices order, and only in scope. */
	assertProblem(await as('inspector', 'POST', '/api/v1/rectifications',
	    { json: order }), 403);
	assertProblem(await as('nm-clerk', 'POST', '/api/v1/rectifications',
	    { json: order }), 403);
	assertProblem(await as('nm-office', 'POST', '/api/v1/rectifications',
	    { json: { ...order, deadline: 'soon' } }), 400, 'deadline');
	assertProblem(await as('nm-office', 'POST', '/api/v1/rectifications',
	    { json: { ...order, requirement: undefined } }), 400, 'requirement');
	assertProblem(await as('nm-office', 'POST', '/api/v1/rectifications',
	    { json: { ...order, organ: '520102-gov' } }), 400, 'organ');
	assertProblem(await as('nm-office', 'POST', '/api/v1/rectifications',
	    { json: { ...order, source: 'rumour' } }), 400, 'source');

	const r = await as('nm-office', 'POST', '/api/v1/rectifications',
	    { json: order });
	assert.equal(r.status, 201, r.text);
	const id = r.body.id;
	state.order = id;
	assert.match(id, /^rect-\d{4}-[0-9a-f]{8}$/);
	assert.equal(r.headers.get('location'), `/api/v1/rectifications/${id}`);
	assert.equal(r.body.status, 'issued');
	assert.equal(r.body.overdue, false);
	assert.equal(r.body.organ, '520102-party', 'the finding\'s organ');
	assert.equal(r.body.finding, state.finding);
	assert.deepEqual(r.body.history.map((h) => h.action), ['issue']);
	const url = `/api/v1/rectifications/${id}`;

	/* Another county's clerk does not reach it, nor the clerk of another
	 * organ of the county. */
	assertProblem(await as('yy-clerk', 'GET', url), 404);
	assertProblem(await as('yy-clerk', 'POST', `${url}/status`,
	    { json: { action: 'progress', note: '越权' } }), 404);
	assertProblem(await as('yy-clerk', 'POST', `${url}/evidence`,
	    { body: pdfForm() }), 404);
	assertProblem(await as('nm-gov-clerk', 'GET', url), 404);
	for (const who of ['nm-clerk', 'nm-office', 'gy-office', 'inspector',
		'nm-leader'])
		assert.equal((await as(who, 'GET', url)).status, 200, who);
	/* The leader it names reads it but does not move it. */
	assertProblem(await as('nm-leader', 'POST', `${url}/status`,
	    { json: { action: 'progress', note: 'x' } }), 403);

	/* Accepting before a submission is refused, with the reason. */
	const early = await as('nm-office', 'POST', `${url}/status`,
	    { json: { action: 'accept' } });
	assertProblem(early, 409, 'action');
	assertChinese(early.body.title);
	const skip = await as('nm-clerk', 'POST', `${url}/status`,
	    { json: { action: 'submit', report: '已整改' } });
	assertProblem(skip, 409);
	assertChinese(skip.body.title);
	assertProblem(await as('nm-clerk', 'POST', `${url}/status`,
	    { json: { action: 'progress' } }), 400, 'note');
	assertProblem(await as('nm-clerk', 'POST', `${url}/status`,
	    { json: { action: 'finish' } }), 400, 'action');

	const p = await as('nm-clerk', 'POST', `${url}/status`,
	    { json: { action: 'progress', note: '已制定整改方案' } });
	assert.equal(p.status, 200, p.text);
	assert.equal(p.body.status, 'in_progress');
	assert.deepEqual(p.body.allowed.sort(), ['evidence', 'progress',
		'submit']);

	/* Evidence: checked by content, stored by SM3, downloadable. */
	const up = await as('nm-clerk', 'POST', `${url}/evidence`,
	    { body: pdfForm() });
	assert.equal(up.status, 201, up.text);
	assert.match(up.body.sm3, /^[0-9a-f]{64}$/);
	assert.equal(up.body.mime, 'application/pdf');
	assert.equal(up.body.filename, '整改材料.pdf');
	const txt = new FormData();
	txt.append('file', new Blob(['plain text\n']), 'x.pdf');
	assertProblem(await as('nm-clerk', 'POST', `${url}/evidence`,
	    { body: txt }), 415, 'file');
	const none = new FormData();
	none.append('note', '无文件');
	assertProblem(await as('nm-clerk', 'POST', `${url}/evidence`,
	    { body: none }), 400, 'file');
	const dl = await as('nm-office', 'GET', up.body.href);
	assert.equal(dl.status, 200);
	assert.ok(dl.bytes.equals(PDF));
	assert.match(dl.headers.get('content-disposition') ?? '', /^attachment;/);
	assertProblem(await as('yy-clerk', 'GET', up.body.href), 404);
	assertProblem(await as('nm-clerk', 'GET', `${url}/evidence/999999`),
	    404);

	/* Submitting needs the completion report. */
	assertProblem(await as('nm-clerk', 'POST', `${url}/status`,
	    { json: { action: 'submit' } }), 400, 'report');
	assertProblem(await as('nm-clerk', 'POST', `${url}/status`,
	    { json: { action: 'submit', report: '   ' } }), 400, 'report');
	const s = await as('nm-clerk', 'POST', `${url}/status`,
	    { json: { action: 'submit', report: '已按季度听取汇报,会议纪要附后。' } });
	assert.equal(s.status, 200, s.text);
	assert.equal(s.body.status, 'submitted');
	assert.equal(s.body.report, '已按季度听取汇报,会议纪要附后。');
	assert.ok(s.body.submitted_at);
	assert.equal(s.body.evidence.length, 1);
	/* Submitted: no more files; the clerk may not accept. */
	assertProblem(await as('nm-clerk', 'POST', `${url}/evidence`,
	    { body: pdfForm('late.pdf') }), 409, 'file');
	const self = await as('nm-clerk', 'POST', `${url}/status`,
	    { json: { action: 'accept' } });
	assertProblem(self, 403);
	assertChinese(self.body.title);

	/* Sent back with a note, submitted again, accepted. */
	assertProblem(await as('nm-office', 'POST', `${url}/status`,
	    { json: { action: 'return' } }), 400, 'note');
	const back = await as('nm-office', 'POST', `${url}/status`,
	    { json: { action: 'return', note: '会议纪要不完整' } });
	assert.equal(back.status, 200, back.text);
	assert.equal(back.body.status, 'in_progress');
	const again = await as('nm-clerk', 'POST', `${url}/status`,
	    { json: { status: 'submitted', report: '已补充全年会议纪要。' } });
	assert.equal(again.status, 200, again.text);
	assert.equal(again.body.status, 'submitted');
	const ok = await as('nm-office', 'POST', `${url}/status`,
	    { json: { action: 'accept', note: '同意验收' } });
	assert.equal(ok.status, 200, ok.text);
	assert.equal(ok.body.status, 'accepted');
	assert.equal(ok.body.accepted_by, 'nm-office');
	assert.deepEqual(ok.body.allowed, []);
	assert.deepEqual(ok.body.history.map((h) => h.action), ['issue',
		'progress', 'evidence', 'submit', 'return', 'submit', 'accept']);
	assert.equal(ok.body.history[4].note, '会议纪要不完整');
	const twice = await as('nm-office', 'POST', `${url}/status`,
	    { json: { action: 'accept' } });
	assertProblem(twice, 409);
	assertChinese(twice.body.title);
	assertProblem(await as('nm-clerk', 'POST', `${url}/status`,
	    { json: { action: 'progress', note: '再报' } }), 409);

	/* The finding counts its order. */
	const insp = await as('inspector', 'GET',
	    `/api/v1/inspections/${state.inspection}`);
	assert.equal(insp.body.findings[0].rectifications, 1);
});

test('overdue is derived for a past deadline, and ends with submission',
    async () => {
	const me = await as('nm-leader', 'GET', '/api/v1/me');
	const order = { source: 'evaluation', organ: '520102-party',
		person: me.body.person, year: YEAR, requirement: '补齐法治专题讲座',
		deadline: `${YEAR + 1}-01-31` };
	assertProblem(await as('nm-office', 'POST', '/api/v1/rectifications',
	    { json: { ...order, person: undefined } }), 400, 'person');
	assertProblem(await as('nm-office', 'POST', '/api/v1/rectifications',
	    { json: { ...order, organ: '520102-gov' } }), 400, 'person');
	/* 第八条's 整改 of the 区委书记 is the 市委's, not the county's. */
	assertProblem(await as('nm-office', 'POST', '/api/v1/rectifications',
	    { json: order }), 403, 'organ');
	/* A deadline already past is refused, naming the field ... */
	assertProblem(await as('gy-office', 'POST', '/api/v1/rectifications',
	    { json: { ...order, deadline: `${YEAR}-01-31` } }), 400, 'deadline');
	/* ... so the order is given in January, and its deadline has passed
	 * since. */
	tokens['gy-office'] ??= await srv.login('gy-office');
	const r = await onDay(srv, `${YEAR + 1}-01-10`, (early) => early.api(
	    'POST', '/api/v1/rectifications', { json: order,
		token: tokens['gy-office'] }));
	assert.equal(r.status, 201, r.text);
	assert.equal(r.body.overdue, false, 'not overdue on its day');
	assert.equal((await as('gy-office', 'GET',
	    `/api/v1/rectifications/${r.body.id}`)).body.overdue, true);
	assert.equal(r.body.status, 'issued', 'overdue is not a state');
	const id = r.body.id;
	const late = await as('nm-office', 'GET',
	    '/api/v1/rectifications?overdue=1&per_page=200');
	assert.equal(late.status, 200);
	assert.ok(late.body.items.some((x) => x.id === id));
	assert.ok(late.body.items.every((x) => x.overdue));
	assert.equal(late.body.total, late.body.items.length);
	const all = await as('nm-office', 'GET',
	    '/api/v1/rectifications?per_page=200');
	assert.ok(all.body.items.find((x) => x.id === state.order).overdue ===
	    false);
	/* Overdue ones are listed first. */
	const firstOk = all.body.items.findIndex((x) => !x.overdue);
	assert.ok(all.body.items.slice(firstOk).every((x) => !x.overdue));
	/* The leader named sees it; the clerk of the organ too. */
	assert.equal((await as('nm-leader', 'GET',
	    `/api/v1/rectifications/${id}`)).body.overdue, true);
	const clerk = await as('nm-clerk', 'GET', '/api/v1/rectifications');
	assert.ok(clerk.body.items.every((x) => x.organ === '520102-party'));
	assert.ok(clerk.body.items.some((x) => x.id === id));
	assert.equal((await as('yy-clerk', 'GET', '/api/v1/rectifications'))
	    .body.items.filter((x) => x.id === id).length, 0);
	/* Submitted, it is no longer overdue. */
	await as('nm-clerk', 'POST', `/api/v1/rectifications/${id}/status`,
	    { json: { action: 'progress', note: '已安排讲座' } });
	const s = await as('nm-clerk', 'POST',
	    `/api/v1/rectifications/${id}/status`,
	    { json: { action: 'submit', report: '已举办两次讲座' } });
	assert.equal(s.body.overdue, false);
	/* One left late, for the pages. */
	tokens['nm-office'] ??= await srv.login('nm-office');
	const left = await onDay(srv, `${YEAR + 1}-03-01`, (early) => early.api(
	    'POST', '/api/v1/rectifications', { token: tokens['nm-office'],
		json: { source: 'finding', finding: state.finding,
		requirement: '补报听取汇报的会议纪要', deadline: `${YEAR + 1}-03-31` } }));
	assert.equal(left.status, 201, left.text);
	state.late = left.body.id;
});

test('an interview notice (第八条) lists exactly the leaders the evaluation ' +
    'grades 不合格; issued, it orders rectification and interviews once',
    async () => {
	const ev = await as('gy-office', 'GET',
	    `/api/v1/evaluation?year=${YEAR}&region=520100`);
	assert.equal(ev.status, 200);
	const failing = new Set(ev.body.results.filter((x) => x.grade === 'fail')
	    .map((x) => `${x.person} ${x.organ}`));
	assert.ok(failing.size > 0, 'the demo has leaders who fail');
	/* A provisional result never lists a commendation. */
	const excellent = new Set(ev.body.results.filter((x) =>
	    x.grade === 'excellent' && !x.provisional).map((x) =>
	    `${x.person} ${x.organ}`));
	const provisional = ev.body.results.filter((x) => x.grade ===
	    'excellent' && x.provisional && x.region !== '520100');
	assert.ok(provisional.length > 0, 'the demo has provisional 优秀');

	assertProblem(await as('nm-office', 'POST', '/api/v1/notices',
	    { json: { kind: 'interview', year: YEAR, region: '520100' } }), 403,
	    'region');
	assertProblem(await as('inspector', 'POST', '/api/v1/notices',
	    { json: { kind: 'interview', year: YEAR, region: '520100' } }), 403);
	assertProblem(await as('gy-office', 'POST', '/api/v1/notices',
	    { json: { kind: 'blame', year: YEAR, region: '520100' } }), 400,
	    'kind');

	const r = await as('gy-office', 'POST', '/api/v1/notices',
	    { json: { kind: 'interview', year: YEAR, region: '520100' } });
	assert.equal(r.status, 201, r.text);
	const n = r.body;
	state.notice = n.id;
	assert.equal(n.status, 'draft');
	assert.equal(n.kind, 'interview');
	assert.equal(n.kind_label, '约谈整改通知');
	assert.equal(n.basis, '第八条');
	/* None of 贵阳市's own leaders fails: the 市委 decides for all. */
	assert.equal(n.issuer, '520100');
	assert.equal(n.issuing_organ, '中共贵阳市委全面依法治市委员会办公室');
	assert.equal(n.may_issue, true);
	assert.deepEqual(new Set(n.items.map((x) => `${x.person} ${x.organ}`)),
	    failing);
	assert.equal(n.items.length, failing.size, 'each leader once');
	assert.ok(n.items.every((x) => x.grade === 'fail' &&
	    x.grade_label === '不合格'));
	assert.equal(n.title, `关于对${YEAR}年度履行推进法治建设第一责任人` +
	    '职责考评不合格的党政主要负责人进行约谈并要求及时整改的通知');
	for (const it of n.items) {
		assert.ok(n.body.includes(it.person_name), it.person_name);
		assert.ok(n.body.includes(it.organ_name), it.organ_name);
	}
	assert.ok(n.body.includes('第八条'));
	assert.ok(!n.body.includes('通报批评'), '第八条 gives no 通报批评');
	assert.ok(n.body.includes('\n中共贵阳市委全面依法治市委员会办公室\n'));
	/* Once per kind, year and region. */
	assertProblem(await as('gy-office', 'POST', '/api/v1/notices',
	    { json: { kind: 'interview', year: YEAR, region: '520100' } }), 409);

	/* The commendation lists the excellent ones whose grade is final. */
	const c = await as('gy-office', 'POST', '/api/v1/notices',
	    { json: { kind: 'commendation', year: YEAR, region: '520100' } });
	assert.equal(c.status, 201, c.text);
	assert.deepEqual(new Set(c.body.items.map((x) =>
	    `${x.person} ${x.organ}`)), excellent);
	assert.ok(c.body.title.startsWith(`关于通报表扬${YEAR}年度`));
	/* 贵阳市's own excellent principals are the 省委's to commend, the
	 * rest the 市委's. */
	const own = ev.body.results.some((x) => excellent.has(key(x)) &&
	    x.region === '520100' && x.role !== 'department_principal');
	assert.equal(c.body.issuer, own ? '520000' : '520100');
	assert.equal(c.body.issuing_organ, own ?
	    '中共贵州省委全面依法治省委员会办公室' :
	    '中共贵阳市委全面依法治市委员会办公室');
	assert.equal(c.body.may_issue, !own);
	/* Named, a provisional 优秀 is refused. */
	const pv = provisional[0];
	assert.ok(!excellent.has(`${pv.person} ${pv.organ}`));
	assertProblem(await as('gy-office', 'POST', '/api/v1/notices',
	    { json: { kind: 'commendation', year: YEAR, region: pv.region,
		leaders: [{ person: pv.person, organ: pv.organ }] } }), 400,
	    'leaders');

	/* A draft: the office's only; not yet for orders. */
	const url = `/api/v1/notices/${n.id}`;
	assertProblem(await as('inspector', 'GET', url), 404);
	assertProblem(await as('nm-office', 'GET', url), 404);
	assert.ok(!(await as('inspector', 'GET', '/api/v1/notices')).body.items
	    .some((x) => x.id === n.id));
	const early = await as('gy-office', 'POST', `${url}/orders`);
	assertProblem(early, 409);
	assertChinese(early.body.title);

	/* Edited while a draft, then issued, then fixed. */
	const title = `${n.title}(审定稿)`;
	const e = await as('gy-office', 'PUT', url,
	    { json: { title, body: `${n.body}\n(已审核)` } });
	assert.equal(e.status, 200, e.text);
	assert.equal(e.body.title, title);
	assertProblem(await as('gy-office', 'PUT', url,
	    { json: { title: '', body: 'x' } }), 400, 'title');
	assertProblem(await as('nm-office', 'POST', `${url}/issue`), 404);
	const is = await as('gy-office', 'POST', `${url}/issue`);
	assert.equal(is.status, 200, is.text);
	assert.equal(is.body.status, 'issued');
	assert.equal(is.body.issued_by, 'gy-office');
	assert.ok(is.body.issued_at);
	assertProblem(await as('gy-office', 'POST', `${url}/issue`), 409);
	assertProblem(await as('gy-office', 'PUT', url,
	    { json: { title: 'x', body: 'y' } }), 409);
	assert.equal((await as('inspector', 'GET', url)).status, 200);

	/* 第八条 for every leader listed: an order and an interview each. */
	const o = await as('gy-office', 'POST', `${url}/orders`,
	    { json: { deadline: `${YEAR + 5}-06-30`,
		scheduled_on: `${YEAR + 5}-01-15` } });
	assert.equal(o.status, 201, o.text);
	assert.equal(o.body.created_rectifications, failing.size);
	assert.equal(o.body.created_interviews, failing.size);
	const o2 = await as('gy-office', 'POST', `${url}/orders`);
	assert.equal(o2.status, 200, o2.text);
	assert.equal(o2.body.created_rectifications, 0);
	assert.equal(o2.body.created_interviews, 0);
	assert.deepEqual(o2.body.rectifications, o.body.rectifications);
	assert.deepEqual(o2.body.interviews, o.body.interviews);

	const back = await as('gy-office', 'GET', url);
	assert.equal(back.body.rectifications.length, failing.size);
	assert.equal(back.body.interviews.length, failing.size);
	assert.deepEqual(new Set(back.body.rectifications.map((x) =>
	    `${x.person} ${x.organ}`)), failing);
	assert.ok(back.body.rectifications.every((x) => x.source ===
	    'evaluation' && x.year === YEAR && x.deadline === `${YEAR + 5}-06-30`
	    && x.status === 'issued' && x.notice === n.id));
	assert.deepEqual(new Set(back.body.interviews.map((x) =>
	    `${x.person} ${x.organ}`)), failing);
	assert.ok(back.body.interviews.every((x) => x.scheduled_on ===
	    `${YEAR + 5}-01-15` && x.status === 'scheduled'));
	const listed = await as('gy-office', 'GET',
	    `/api/v1/rectifications?notice=${n.id}&per_page=200`);
	assert.equal(listed.body.total, failing.size);
	/* A commendation has no such consequence. */
	if (own)
		assertProblem(await as('gy-office', 'POST',
		    `/api/v1/notices/${c.body.id}/issue`), 403);
	const ci = await as('gz-office', 'POST',
	    `/api/v1/notices/${c.body.id}/issue`);
	assert.equal(ci.status, 200, ci.text);
	assertProblem(await as('gz-office', 'POST',
	    `/api/v1/notices/${c.body.id}/orders`), 409);
	/* One outside 南明区, which nm-office must not see: the listing's
	 * order follows the ids, which are random. */
	state.interview = back.body.interviews.find((x) =>
	    !x.organ.startsWith('520102'));
	assert.ok(state.interview, 'an interview outside 南明区');
});

/* The evaluation's results of a year in a region. */
async function resultsOf(year, region) {
	const ev = await as('gz-office', 'GET',
	    `/api/v1/evaluation?year=${year}&region=${region}`);
	assert.equal(ev.status, 200, ev.text);
	return ev.body.results;
}

test('a criticism (第六条第(四)项) lists only the region\'s departments and ' +
    'the governments below it, never a party principal', async () => {
	const results = await resultsOf(YEAR, '520100');
	const want = new Set(results.filter((x) => x.grade === 'fail' &&
	    ((x.role === 'department_principal' && x.region === '520100') ||
	    (x.role === 'government_principal' && x.region !== '520100')))
	    .map(key));
	assert.ok(want.size > 0, 'the demo has such leaders failing');
	const r = await as('gy-office', 'POST', '/api/v1/notices',
	    { json: { kind: 'criticism', year: YEAR, region: '520100' } });
	assert.equal(r.status, 201, r.text);
	assert.deepEqual(new Set(r.body.items.map(key)), want);
	assert.equal(r.body.kind_label, '通报批评');
	assert.equal(r.body.basis, '第六条第(四)项');
	assert.equal(r.body.issuer, '520100');
	assert.equal(r.body.issuing_organ, '贵阳市人民政府');
	assert.ok(r.body.body.includes('第六条第(四)项'));
	assert.ok(!r.body.body.includes('第八条'));
	assert.ok(r.body.body.includes('\n贵阳市人民政府\n'));

	/* Named: a party principal, or a county's department on the 市's
	 * notice, is refused and nothing is drafted. */
	const last = await resultsOf(YEAR - 1, '520102');
	const party = last.find((x) => x.organ === '520102-party' &&
	    x.grade === 'fail');
	const dept = last.find((x) => x.role === 'department_principal' &&
	    x.grade === 'fail');
	assert.ok(party && dept);
	for (const x of [party, dept]) {
		const no = await as('gy-office', 'POST', '/api/v1/notices',
		    { json: { kind: 'criticism', year: YEAR - 1, region: '520100',
			leaders: [{ person: x.person, organ: x.organ }] } });
		assertProblem(no, 400, 'leaders');
		assertChinese(no.body.title);
	}
	assert.equal((await as('gy-office', 'GET',
	    `/api/v1/notices?kind=criticism&year=${YEAR - 1}`)).body.items
	    .length, 0);
});

test('a county office drafts the 约谈 of its own 区委书记; only the 市 ' +
    'issues and orders it', async () => {
	const Y = YEAR - 1;
	const party = (await resultsOf(Y, '520102')).find((x) =>
	    x.organ === '520102-party' && x.grade === 'fail');
	assert.ok(party);
	const d = await as('nm-office', 'POST', '/api/v1/notices',
	    { json: { kind: 'interview', year: Y, region: '520102',
		leaders: [{ person: party.person, organ: party.organ }] } });
	assert.equal(d.status, 201, d.text);
	assert.deepEqual(d.body.items.map(key), [key(party)]);
	assert.equal(d.body.issuer, '520100');
	assert.equal(d.body.issuing_organ, '中共贵阳市委全面依法治市委员会办公室');
	assert.equal(d.body.may_issue, false);
	assert.ok(d.body.body.includes('\n中共贵阳市委全面依法治市委员会办公室\n'));
	const url = `/api/v1/notices/${d.body.id}`;
	/* The page: the issuing organ shown, the issue button only for the
	 * office that may issue. */
	const pageUrl = `/supervision/notices/${d.body.id}`;
	const issueForm = `action="${pageUrl}/issue"`;
	const county = await srv.api('GET', pageUrl,
	    { cookie: (await browser('nm-office')).cookie });
	assert.equal(county.status, 200);
	assert.ok(county.text.includes('约谈整改通知'));
	assert.ok(county.text.includes('<dt>发布机关</dt><dd>' +
	    '中共贵阳市委全面依法治市委员会办公室</dd>'), county.text);
	assert.ok(!county.text.includes(issueForm), 'no issue button');
	assert.ok(county.text.includes(`action="${pageUrl}"`), 'still edits');
	const city = await srv.api('GET', pageUrl,
	    { cookie: (await browser('gy-office')).cookie });
	assert.ok(city.text.includes(issueForm), 'the 市 issues');
	const no = await as('nm-office', 'POST', `${url}/issue`);
	assertProblem(no, 403);
	assertChinese(no.body.title);
	assert.equal((await as('nm-office', 'GET', url)).body.status, 'draft');
	const is = await as('gy-office', 'POST', `${url}/issue`);
	assert.equal(is.status, 200, is.text);
	assert.equal(is.body.may_issue, true);
	assertProblem(await as('nm-office', 'POST', `${url}/orders`), 403);
	const o = await as('gy-office', 'POST', `${url}/orders`,
	    { json: { scheduled_on: `${YEAR + 5}-01-10`,
		deadline: `${YEAR + 5}-06-30` } });
	assert.equal(o.status, 201, o.text);
	assert.equal(o.body.created_interviews, 1);
	assert.equal(o.body.created_rectifications, 1);

	/* Scheduled directly, the same: the county may not; the 市 finds the
	 * one it ordered. */
	const direct = { source: 'evaluation', organ: party.organ,
		person: party.person, year: Y, reason: '考评不合格',
		scheduled_on: `${YEAR + 5}-02-01` };
	assertProblem(await as('nm-office', 'POST', '/api/v1/interviews',
	    { json: direct }), 403, 'organ');
	const again = await as('gy-office', 'POST', '/api/v1/interviews',
	    { json: direct });
	assertProblem(again, 409, 'person');
	assert.equal(again.body.detail, o.body.interviews[0]);
	const order = await as('gz-office', 'POST', '/api/v1/rectifications',
	    { json: { source: 'evaluation', organ: party.organ,
		person: party.person, year: Y, requirement: '整改',
		deadline: `${YEAR + 5}-06-30` } });
	assertProblem(order, 409, 'person');
	assert.equal(order.body.detail, o.body.rectifications[0]);
});

test('one 约谈 and one 整改 a leader, organ and year, whichever office ' +
    'orders them: the 市 and the province both criticise one 区长',
    async () => {
	const Y = YEAR - 1;
	const gov = (await resultsOf(Y, '520102')).find((x) =>
	    x.organ === '520102-gov' && x.grade === 'fail');
	assert.ok(gov);
	const leaders = [{ person: gov.person, organ: gov.organ }];
	const ids = {};
	for (const [acct, region] of [['gy-office', '520100'],
	    ['gz-office', '520000']]) {
		const d = await as(acct, 'POST', '/api/v1/notices',
		    { json: { kind: 'criticism', year: Y, region, leaders } });
		assert.equal(d.status, 201, d.text);
		assert.equal(d.body.issuer, region);
		const is = await as(acct, 'POST', `/api/v1/notices/${d.body.id}/issue`);
		assert.equal(is.status, 200, is.text);
		ids[acct] = d.body.id;
	}
	/* Not with a deadline already past. */
	assertProblem(await as('gy-office', 'POST',
	    `/api/v1/notices/${ids['gy-office']}/orders`,
	    { json: { deadline: `${YEAR}-01-01` } }), 400, 'deadline');
	const first = await as('gy-office', 'POST',
	    `/api/v1/notices/${ids['gy-office']}/orders`);
	assert.equal(first.status, 201, first.text);
	assert.equal(first.body.created_interviews, 1);
	assert.equal(first.body.created_rectifications, 1);
	const second = await as('gz-office', 'POST',
	    `/api/v1/notices/${ids['gz-office']}/orders`);
	assert.equal(second.status, 200, second.text);
	assert.equal(second.body.created_interviews, 0);
	assert.equal(second.body.created_rectifications, 0);
	assert.deepEqual(second.body.interviews, first.body.interviews);
	assert.deepEqual(second.body.rectifications, first.body.rectifications);
	/* The province's notice shows the orders that stand. */
	const shown = await as('gz-office', 'GET',
	    `/api/v1/notices/${ids['gz-office']}`);
	assert.deepEqual(shown.body.interviews.map((x) => x.id),
	    first.body.interviews);
	assert.deepEqual(shown.body.rectifications.map((x) => x.id),
	    first.body.rectifications);
	const mine = (x) => x.person === gov.person && x.organ === gov.organ;
	const itv = await as('gz-office', 'GET',
	    `/api/v1/interviews?year=${Y}&per_page=200`);
	assert.equal(itv.body.items.filter(mine).length, 1);
	const rect = await as('gz-office', 'GET',
	    `/api/v1/rectifications?year=${Y}&per_page=200`);
	assert.equal(rect.body.items.filter(mine).length, 1);
	/* The requirement written for it names its deadline in Chinese. */
	const made = rect.body.items.find(mine);
	const [dy, dm, dd] = made.deadline.split('-').map(Number);
	assert.ok(made.requirement.includes(`于${dy}年${dm}月${dd}日前报送`),
	    made.requirement);
});

test('interviews: scheduled in scope, held once', async () => {
	const v = state.interview;
	const url = `/api/v1/interviews/${v.id}/held`;
	const today = beijingDay(); /* the server's, not the test's zone */
	const held = { held_on: today, interviewer: '市委依法治市办主任',
		summary: '指出问题,提出整改要求,本人表态限期整改。' };
	assertProblem(await as('gy-office', 'POST', url,
	    { json: { ...held, summary: '' } }), 400, 'summary');
	assertProblem(await as('gy-office', 'POST', url,
	    { json: { ...held, held_on: 'today' } }), 400, 'held_on');
	/* Held is something done: not in the future, nor before it was
	 * scheduled here. */
	for (const on of [`${YEAR + 5}-01-15`, `${YEAR - 1}-01-15`])
		assertProblem(await as('gy-office', 'POST', url,
		    { json: { ...held, held_on: on } }), 400, 'held_on');
	assertProblem(await as('nm-office', 'POST', url, { json: held }), 404);
	const r = await as('gy-office', 'POST', url, { json: held });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.status, 'held');
	assert.equal(r.body.summary, held.summary);
	assertProblem(await as('gy-office', 'POST', url, { json: held }), 409);

	/* Scheduling one by hand. */
	const me = await as('nm-leader', 'GET', '/api/v1/me');
	const s = { source: 'finding', finding: state.finding,
		reason: '督查发现听取汇报次数不足', scheduled_on: `${YEAR + 5}-02-01` };
	const made = await as('nm-office', 'POST', '/api/v1/interviews',
	    { json: s });
	assert.equal(made.status, 201, made.text);
	assert.equal(made.body.organ, '520102-party');
	assert.equal(made.body.person, me.body.person, 'the finding\'s leader');
	assertProblem(await as('nm-office', 'POST', '/api/v1/interviews',
	    { json: { ...s, source: 'evaluation', finding: undefined,
		organ: '520102-party', person: me.body.person } }), 400, 'year');
	assertProblem(await as('yy-clerk', 'POST', '/api/v1/interviews',
	    { json: s }), 403);
	assertProblem(await as('nm-office', 'POST', '/api/v1/interviews',
	    { json: { ...s, source: 'evaluation', finding: undefined,
		organ: '520103-party', person: me.body.person, year: YEAR } }), 403,
	    'organ');
	const mine = await as('nm-leader', 'GET', '/api/v1/interviews');
	assert.ok(mine.body.items.some((x) => x.id === made.body.id));
	assert.ok(mine.body.items.every((x) => x.person === me.body.person));
});

test('every supervision write is in the audit log', async () => {
	const r = await as('admin', 'GET', '/api/v1/audit?per_page=200');
	assert.equal(r.status, 200);
	const actions = new Set(r.body.items.map((x) => x.action));
	for (const a of ['inspection.create', 'finding.create',
		'rectification.issue', 'rectification.progress',
		'rectification.evidence', 'rectification.submit',
		'rectification.return', 'rectification.accept', 'notice.draft',
		'notice.update', 'notice.issue', 'interview.schedule',
		'interview.held'])
		assert.ok(actions.has(a), a);
	const order = r.body.items.filter((x) =>
	    x.entity === `rectification:${state.order}`).map((x) => x.action);
	assert.deepEqual(order.reverse(), ['rectification.issue',
		'rectification.progress', 'rectification.evidence',
		'rectification.submit', 'rectification.return',
		'rectification.submit', 'rectification.accept']);
});

/* A browser session: the cookie and the page's CSRF token. */
async function browser(name) {
	const r = await srv.api('POST', '/login', {
		body: new URLSearchParams({ username: name, password: PASSWORD,
			next: '/' }).toString(),
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
	});
	assert.equal(r.status, 303, r.text);
	const cookie = /lvzhi_session=[0-9a-f]{64}/.exec(
	    r.headers.get('set-cookie'))[0];
	const page = await srv.api('GET', '/supervision', { cookie });
	const csrf = /name="_csrf" value="([0-9a-f]{64})"/.exec(page.text)[1];
	return { cookie, csrf };
}

async function post(s, p, fields) {
	return srv.api('POST', p, { cookie: s.cookie,
		body: new URLSearchParams({ _csrf: s.csrf, ...fields }).toString(),
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
}

test('the pages render for every role and take their forms', async () => {
	const pages = ['/supervision', '/supervision?overdue=1',
		`/supervision/inspections/${state.inspection}`,
		`/supervision/rectifications/${state.order}`,
		`/supervision/notices/${state.notice}`];
	const seen = {
		admin: [200, 200, 200, 200, 200],
		'gy-office': [200, 200, 200, 200, 200],
		'nm-office': [200, 200, 404, 200, 404],
		inspector: [200, 200, 200, 200, 200],
		'nm-clerk': [200, 200, 200, 200, 404],
		'yy-clerk': [200, 200, 404, 404, 404],
		'nm-leader': [200, 200, 200, 200, 404], /* named by the order */
		discipline: [200, 200, 200, 200, 200],
	};
	for (const [name, want] of Object.entries(seen)) {
		const s = await browser(name);
		for (const [i, p] of pages.entries()) {
			const r = await srv.api('GET', p, { cookie: s.cookie });
			assert.equal(r.status, want[i], `${name} ${p}`);
			assert.equal(r.type, 'text/html');
			assert.doesNotMatch(r.text, /内部错误/, `${name} ${p}`);
		}
	}
	const office = await browser('nm-office');
	const overview = await srv.api('GET', '/supervision',
	    { cookie: office.cookie });
	for (const h of ['督查计划', '整改', '约谈', '通报', state.late])
		assert.ok(overview.text.includes(h), h);
	/* The order linked (its id in the link, not shown), marked late. */
	assert.match(overview.text, new RegExp(`${state.late}">查看</a>.*?` +
	    '<span class="tag s-rejected">逾期</span>'));
	const late = await srv.api('GET', `/supervision/rectifications/${
	    state.late}`, { cookie: office.cookie });
	assert.ok(late.text.includes('<span class="tag s-rejected">逾期</span>'));

	/* A plan by form, a finding, an order from it: each redirects to
	 * its page with a notice. */
	const insp = await browser('inspector');
	const made = await post(insp, '/supervision/inspections', {
		kind: 'regular', title: '南明区定期检查(页面)', region: '520102',
		year: String(YEAR) });
	assert.equal(made.status, 303, made.text);
	const where = made.headers.get('location');
	assert.match(where, /^\/supervision\/inspections\/insp-\d{4}-[0-9a-f]{8}\?ok=created$/);
	const page = await srv.api('GET', where, { cookie: insp.cookie });
	assert.ok(page.text.includes('督查计划已建立'));
	/* The organ is picked by name among the inspected region's. */
	assert.match(page.text, /data-picker="organ" data-region="520102"/,
	    'organs of the region, by name');
	assert.doesNotMatch(page.text, /机构编号/);
	const path = where.split('?')[0];
	const f = await post(insp, `${path}/findings`, { organ: '520102-gov',
		severity: 'minor', description: '年度工作计划未按时制定',
		duty: '', record: '', person: '' });
	assert.equal(f.status, 303, f.text);
	/* Without the token nothing is written. */
	const forged = await srv.api('POST', `${path}/findings`, {
		cookie: insp.cookie, body: new URLSearchParams({ organ: '520102-gov',
		severity: 'minor', description: 'x' }).toString(),
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
	assert.equal(forged.status, 403);
	const api = await as('inspector', 'GET', `/api/v1${path.replace(
	    '/supervision', '')}`);
	assert.equal(api.body.findings.length, 1);
	const order = await post(office, '/supervision/rectifications', {
		source: 'finding', finding: api.body.findings[0].id,
		requirement: '年底前制定年度工作计划', deadline: `${YEAR + 5}-12-31` });
	assert.equal(order.status, 303, order.text);
	assert.match(order.headers.get('location'),
	    /^\/supervision\/rectifications\/rect-\d{4}-[0-9a-f]{8}\?ok=issued$/);
	/* A refused form shows the API's reason. */
	const bad = await post(office, '/supervision/rectifications', {
		source: 'finding', finding: api.body.findings[0].id,
		requirement: '', deadline: `${YEAR + 5}-12-31` });
	assert.equal(bad.status, 400);
	assert.ok(bad.text.includes('请填写整改要求'), bad.text);
});

test('every supervision answer matches its OpenAPI description', async () => {
	const spec = (await as('admin', 'GET', '/api/v1/openapi.json')).body;
	const ours = /^\/api\/v1\/(inspections|rectifications|interviews|notices)/;
	const problems = [];
	let checked = 0;
	for (const x of srv.responses) {
		if (!ours.test(x.path))
			continue;
		const found = operationFor(spec, x.method, x.path);
		assert.ok(found, `${x.method} ${x.path}: no operation`);
		const where = `${x.method} ${found.pattern} ${x.status}`;
		const res = deref(spec, found.operation.responses[String(x.status)]);
		if (res === undefined) {
			problems.push(`${where}: status not described`);
			continue;
		}
		const media = (res.content ?? {})[x.type] ?? (res.content ?? {})['*/*'];
		if (media === undefined) {
			problems.push(`${where}: ${x.type} not described`);
			continue;
		}
		if (x.body === null || media.schema === undefined)
			continue;
		checked += 1;
		const errs = check(spec, media.schema, x.body, { documented: true });
		if (errs.length)
			problems.push(`${where}: ${errs.slice(0, 5).join('; ')}`);
	}
	assert.ok(checked > 50, `only ${checked} answers checked`);
	assert.deepEqual([...new Set(problems)], []);
});
