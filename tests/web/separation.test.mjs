/*
 * Separation of duties, and outcomes that mean what they say (issue 13,
 * item 8), on the demo province with "today" fixed in the year after the
 * demo's:
 *
 *   - no account verifies or rejects a record it entered or last edited
 *     (API and page), and no account writes a record already verified;
 *   - a case's decision is not its investigator's; an appeal result of
 *     撤销 ends the case without execution, 变更 takes it back to a new
 *     decision with the old one kept in its history;
 *   - one case per finding: a second case on the same source is 409,
 *     naming the first;
 *   - a report's drafter neither signs, locks nor publishes it; the
 *     leader signs, an office locks and publishes.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { PASSWORD, YEAR, accountLabel, finished, useServer }
    from './harness.mjs';

const NEXT = YEAR + 1;
const TODAY = `${NEXT}-03-15`;
const srv = useServer({ env: { LVZHI_TODAY: TODAY } });
const tokens = {};

async function as(name, method, p, o = {}) {
	tokens[name] ??= await srv.login(name);
	return srv.api(method, p, { ...o, token: tokens[name] });
}

function assertProblem(r, status, field) {
	assert.equal(r.status, status, r.text);
	assert.equal(r.type, 'application/problem+json', r.text);
	if (field !== undefined)
		assert.equal(r.body.field, field, r.text);
}

const rec = (id) => `/api/v1/records/${encodeURIComponent(id)}`;
let serial = 0;
/* A record of 南明区委 entered by who; its id. */
async function entered(who) {
	const id = `r-sep-${process.pid}-${++serial}`;
	const r = await as(who, 'POST', '/api/v1/records', { json: { id,
		kind: 'rol_report_hearing', organ: '520102-party',
		date: `${YEAR}-05-10`, title: '听取法治建设工作汇报' } });
	assert.equal(r.status, 201, r.text);
	return id;
}

test('records: the account that entered or edited one never reviews it',
    async () => {
	/* Entered by the office: it may not verify nor reject it. */
	const id = await entered('nm-office');
	const got = await as('nm-office', 'GET', rec(id));
	assert.equal(got.body.entered_by, 'nm-office');
	assert.equal(got.body.status, 'submitted');
	let r = await as('nm-office', 'POST', `${rec(id)}/verify`);
	assertProblem(r, 403);
	assert.match(r.body.title, /不能审核本人录入的记录/);
	assertProblem(await as('nm-office', 'POST', `${rec(id)}/reject`,
	    { json: { note: '材料不全' } }), 403);
	assert.equal((await as('nm-office', 'GET', rec(id))).body.status,
	    'submitted');
	/* Another reviewer may. */
	r = await as('gy-office', 'POST', `${rec(id)}/verify`);
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.reviewed_by, 'gy-office');

	/* Entered by the clerk, edited by the office: the editor is not its
	 * reviewer either. */
	const other = await entered('nm-clerk');
	const edit = await as('nm-office', 'PUT', rec(other), { json: {
		kind: 'rol_report_hearing', organ: '520102-party',
		date: `${YEAR}-05-11`, title: '改' } });
	assert.equal(edit.status, 200, edit.text);
	assert.equal(edit.body.edited_by, 'nm-office');
	r = await as('nm-office', 'POST', `${rec(other)}/verify`);
	assertProblem(r, 403);
	assert.match(r.body.title, /修改/);
	assert.equal((await as('gz-office', 'POST', `${rec(other)}/verify`))
	    .status, 200);

	/* Nor does a write set its own record verified. */
	for (const who of ['nm-office', 'admin']) {
		r = await as(who, 'POST', '/api/v1/records', { json: {
			id: `r-sep-self-${who}`, kind: 'rol_report_hearing',
			organ: '520102-party', date: `${YEAR}-05-12`,
			status: 'verified' } });
		assertProblem(r, 403, 'status');
		assertProblem(await as('admin', 'GET', rec(`r-sep-self-${who}`)),
		    404);
	}
	r = await as('gz-office', 'PUT', rec(other), { json: {
		kind: 'rol_report_hearing', organ: '520102-party',
		date: `${YEAR}-05-11`, title: '改', status: 'verified' } });
	assertProblem(r, 403, 'status');
});

async function browser(name) {
	const r = await srv.api('POST', '/login', {
		body: new URLSearchParams({ username: name, password: PASSWORD,
			next: '/' }).toString(),
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
	assert.equal(r.status, 303, r.text);
	const m = /lvzhi_session=([0-9a-f]{64})/.exec(
	    r.headers.get('set-cookie') ?? '');
	assert.ok(m);
	return `lvzhi_session=${m[1]}`;
}

test('the record page: who entered it; its enterer sees the review greyed',
    async () => {
	const id = await entered('nm-office');
	const mine = await browser('nm-office');
	const p = await srv.api('GET', `/ledger/${id}`, { cookie: mine });
	assert.equal(p.status, 200);
	assert.ok(p.text.includes(`<dt>录入人</dt><dd>${await accountLabel(srv,
	    'nm-office')}</dd>`), 'who entered it, by office');
	assert.match(p.text, /<button type="button" disabled>核实<\/button>/);
	assert.match(p.text, /这条记录由您录入,须由另一名审核人员核实或退回/);
	assert.doesNotMatch(p.text, /action="\/ledger\/[^"]+\/review"/);
	const csrf = /name="_csrf" value="([0-9a-f]{64})"/.exec(p.text)[1];
	const w = await srv.api('POST', `/ledger/${id}/review`, { cookie: mine,
		body: new URLSearchParams({ _csrf: csrf, action: 'verify' })
		    .toString(),
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
	assert.equal(w.status, 403);
	assert.match(w.text, /不能审核本人录入的记录/);
	const other = await browser('gy-office');
	const q = await srv.api('GET', `/ledger/${id}`, { cookie: other });
	assert.match(q.text, new RegExp(`action="/ledger/${id}/review"`));
});

const cases = '/api/v1/cases';
const move = (who, id, body) => as(who, 'POST', `${cases}/${id}/transition`,
    { json: body });
async function step(who, id, body) {
	const r = await move(who, id, body);
	assert.equal(r.status, 200, r.text);
	return r.body;
}

/* A case against 南明区委 (an organization) up to a decision served
 * today and in execution, investigated by discipline, decided by the
 * office; its id. */
async function decided(ref) {
	const open = await as('discipline', 'POST', cases, { json: {
		target: 'organization', organ: '520102-party', item: 4,
		source: 'inspection', source_ref: ref,
		summary: '督查发现督促履责不力。' } });
	assert.equal(open.status, 201, open.text);
	const id = open.body.id;
	await step('discipline', id, { to: 'investigating' });
	await step('discipline', id, { to: 'statement', investigation: '查明' });
	assertProblem(await move('discipline', id, { to: 'decided',
		statement: '无异议', decision_form: '通报', decision: '予以通报。' }),
	    403);
	const d = await step('gz-office', id, { to: 'decided', statement: '无异议',
		decision_form: '通报', decision: '予以通报。' });
	assert.equal(d.decided_by, 'gz-office');
	assert.equal(d.investigated_by, 'discipline');
	await step('gz-office', id, { to: 'executing' });
	assert.equal((await as('discipline', 'POST', `${cases}/${id}/appeal`,
	    { json: { appeal: '不服' } })).status, 200);
	return id;
}

test('one case per finding: a second case on the same source is 409 ' +
    'naming the first', async () => {
	const ref = `finding:sep-${process.pid}`;
	const body = { target: 'organization', organ: '520102-party', item: 4,
		source: 'inspection', source_ref: ref, summary: '督查发现问题。' };
	const first = await as('discipline', 'POST', cases, { json: body });
	assert.equal(first.status, 201, first.text);
	for (const who of ['discipline', 'gz-office']) {
		const again = await as(who, 'POST', cases, { json: body });
		assertProblem(again, 409, 'source_ref');
		assert.equal(again.body.detail, first.body.id);
		assert.match(again.body.title, new RegExp(first.body.id));
	}
});

test('an appeal result of 撤销 ends the case without execution', async () => {
	const id = await decided(`finding:sep-revoked-${process.pid}`);
	const r = await as('gz-office', 'POST', `${cases}/${id}/appeal`,
	    { json: { result: 'revoked', note: '事实不清,撤销原决定。' } });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.state, 'dismissed');
	assert.equal(r.body.appeal_result, 'revoked');
	assert.deepEqual(r.body.moves, []);
	assert.equal(r.body.execution, undefined);
	assertProblem(await move('gz-office', id, { to: 'closed',
		execution: '已执行' }), 409);
	const last = r.body.events.at(-1);
	assert.deepEqual([last.action, last.from, last.to],
	    ['appeal_result', 'executing', 'dismissed']);
});

test('an appeal result of 变更 needs a new decision; the old one stays in ' +
    'the history', async () => {
	const id = await decided(`finding:sep-changed-${process.pid}`);
	const r = await as('gz-office', 'POST', `${cases}/${id}/appeal`,
	    { json: { result: 'changed', note: '改为检查。' } });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.state, 'statement');
	assert.equal(r.body.decision, undefined);
	assert.equal(r.body.decision_form, undefined);
	assert.equal(r.body.decided_on, undefined);
	const last = r.body.events.at(-1);
	assert.deepEqual([last.action, last.from, last.to],
	    ['appeal_result', 'executing', 'statement']);
	assert.match(last.note, /原问责决定\(通报/);
	assert.match(last.note, /予以通报。/);
	/* Not dropped: decided again, and not by the investigator. */
	assertProblem(await move('gz-office', id, { to: 'dismissed',
		note: '不予问责' }), 409);
	assertProblem(await move('discipline', id, { to: 'decided',
		decision_form: 'check', decision: '责令检查。' }), 403);
	const again = await step('gz-office', id, { to: 'decided',
		decision_form: 'check', decision: '责令检查。' });
	assert.equal(again.state, 'decided');
	assert.equal(again.decision_form, 'check');
	assert.equal(again.statement, '无异议', 'the statement heard stays');
	/* Both decisions are in the history. */
	assert.equal(again.events.filter((e) => e.action === 'transition' &&
	    e.to === 'decided').length, 2);
});

test('a report\'s drafter neither signs, locks nor publishes it', async () => {
	const url = (id, more = '') =>
	    `/api/v1/reports/${encodeURIComponent(id)}${more}`;
	const d = await as('nm-office', 'POST', '/api/v1/reports',
	    { json: { kind: 'annual', year: YEAR, organ: '520102-gov' } });
	assert.equal(d.status, 201, d.text);
	const id = d.body.id;
	assert.equal((await as('nm-office', 'PUT', url(id), { json: {
		sections: finished(d.body.sections) } })).status, 200);
	/* An office signs nothing (the leader does, in person). */
	assertProblem(await as('nm-office', 'POST', url(id, '/sign')), 403);
	assert.equal((await as('nm-gov-leader', 'POST', url(id, '/sign')))
	    .status, 200);
	const r = await as('nm-office', 'POST', url(id, '/lock'));
	assertProblem(r, 403);
	assert.match(r.body.title, /起草人以外的人员办理/);
	assert.equal((await as('gy-office', 'POST', url(id, '/lock'))).status,
	    200);
	assertProblem(await as('nm-office', 'POST', url(id, '/publish')), 403);
	const pub = await as('gz-office', 'POST', url(id, '/publish'));
	assert.equal(pub.status, 200, pub.text);
	assert.deepEqual([pub.body.created_by, pub.body.signed_by,
		pub.body.locked_by, pub.body.published_by],
	['nm-office', 'nm-gov-leader', 'gy-office', 'gz-office']);
	/* The page names each of them. */
	const cookie = await browser('nm-office');
	const p = await srv.api('GET', `/reports/${encodeURIComponent(id)}`,
	    { cookie });
	const who = (n) => accountLabel(srv, n);
	for (const s of [`签署人 ${await who('nm-gov-leader')}`,
		`锁定人 ${await who('gy-office')}`, `公开人 ${await who('gz-office')}`,
		`<dt>起草</dt><dd>${await who('nm-office')}`])
		assert.ok(p.text.includes(s), s);
});
