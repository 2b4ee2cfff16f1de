/*
 * 移交整改 ([workbench] item 2): an inspector's finding is sent to the
 * office for 整改 by the inspector, and the inspector sees that it was —
 * on the demo province with "today" fixed (LVZHI_TODAY):
 *
 *   - the provincial inspector hands a finding about the 南明区委 to the
 *     office that orders its 整改: the 市's (上级党委, 第八条), not the
 *     区's own; one about a 区 department to the 区's office (第六条第(四)项);
 *   - the proposed requirement and deadline are checked (400 naming the
 *     field; a deadline already past), only an inspector hands over (403
 *     for the offices and the administrator, who order it themselves),
 *     once (409), and nothing is written or audited on a refusal;
 *   - the office receives a message and a 待办 in the same write, which is
 *     audited as finding.refer; the office's order form comes filled with
 *     the proposal, and the order moves the finding to 整改中, then 逾期
 *     past its deadline — for the inspector on the inspection page, with
 *     Chinese dates, and in the API's rect_state;
 *   - every answer of the referral route as docs/openapi.json describes it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { YEAR, accountsOn, onDay, useServer } from './harness.mjs';
import { answersMatch } from './schema.mjs';

const NEXT = YEAR + 1;
const TODAY = `${NEXT}-05-10`;
const srv = useServer({ env: { LVZHI_TODAY: TODAY } });
const { as, page, post, tokens } = accountsOn(srv);

function assertProblem(r, status, field) {
	assert.equal(r.status, status, r.text);
	assert.equal(r.type, 'application/problem+json', r.text);
	if (field !== undefined)
		assert.equal(r.body.field, field, r.text);
}

async function auditHead() {
	const r = await as('admin', 'GET', '/api/v1/audit?per_page=1');
	assert.equal(r.status, 200, r.text);
	return r.body.items[0];
}

async function unread(name) {
	const html = await page(name, '/messages');
	return [...html.matchAll(/督查问题移交整改/g)].length;
}

let n = 0;
async function inspected(organ) {
	const insp = await as('inspector', 'POST', '/api/v1/inspections', {
		json: { kind: 'special', title: `移交整改测试督查 ${++n}`,
			region: '520102', year: NEXT } });
	assert.equal(insp.status, 201, insp.text);
	const f = await as('inspector', 'POST',
	    `/api/v1/inspections/${insp.body.id}/findings`, { json: {
		organ, severity: 'serious',
		description: `未按要求听取法治建设工作汇报 ${n}` } });
	assert.equal(f.status, 201, f.text);
	return { insp: insp.body.id, finding: f.body.id };
}

test('the inspector hands a finding to the office that orders its 整改, ' +
    'which is told; refusals write nothing', async () => {
	const { insp, finding } = await inspected('520102-party');
	const route = `/api/v1/findings/${finding}/referral`;
	const good = { requirement: '限期建立法治建设工作汇报制度',
		deadline: `${NEXT}-06-30` };
	/* Warm the accounts (a login is audited), then refusals. */
	for (const who of ['inspector', 'nm-office', 'gy-office', 'admin',
	    'nm-clerk'])
		tokens[who] ??= await srv.login(who);
	const gyBefore = await unread('gy-office');
	const head = await auditHead();
	assertProblem(await as('inspector', 'POST', route,
	    { json: { requirement: good.requirement } }), 400, 'deadline');
	assertProblem(await as('inspector', 'POST', route,
	    { json: { deadline: good.deadline } }), 400, 'requirement');
	assertProblem(await as('inspector', 'POST', route, { json: {
		...good, deadline: `${NEXT}-05-09` } }), 400, 'deadline');
	assertProblem(await as('inspector', 'POST', route, { json: {
		...good, deadline: `${NEXT}-02-30` } }), 400, 'deadline');
	for (const who of ['nm-office', 'gy-office', 'admin'])
		assertProblem(await as(who, 'POST', route, { json: good }), 403);
	assertProblem(await as('nm-clerk', 'POST', route, { json: good }), 403);
	assertProblem(await as('inspector', 'POST',
	    '/api/v1/findings/f-none/referral', { json: good }), 404);
	assert.deepEqual(await auditHead(), head, 'nothing audited');

	const r = await as('inspector', 'POST', route, { json: good });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.rect_state, 'referred');
	assert.equal(r.body.rect_state_label, '已移交');
	/* The 区委's 整改 is the 市委's (第八条): the 市's office. */
	assert.equal(r.body.referred_to, '520100');
	assert.equal(r.body.referral_deadline, good.deadline);
	assert.equal(r.body.referred_by, 'inspector');
	const a = await auditHead();
	assert.equal(a.action, 'finding.refer');
	assert.match(a.entity, new RegExp(finding));
	/* Once. */
	assertProblem(await as('inspector', 'POST', route, { json: good }), 409);

	/* The 市 office is told and has it among its 待办; the 区's is not. */
	assert.equal(await unread('gy-office'), gyBefore + 1);
	assert.equal(await unread('nm-office'), 0);
	const home = await page('gy-office', '/');
	assert.ok(home.includes('督查移交待下达的整改'), 'a 待办 list');
	assert.ok(home.includes('未按要求听取法治建设工作汇报'), 'the finding listed');
	assert.ok(home.includes(`期限 ${NEXT}年6月30日`), 'its deadline in Chinese');

	/* The inspector sees it handed over, with Chinese dates. */
	const html = await page('inspector', `/supervision/inspections/${insp}`);
	assert.ok(html.includes('已移交'), 'referred');
	assert.ok(html.includes(`建议${NEXT}年6月30日前整改`), html);
	assert.ok(!html.includes('<summary>移交整改</summary>'), 'no second form');
});

test('the office orders the 整改 from the proposal; the inspector sees ' +
    '整改中, then 逾期', async () => {
	const { insp, finding } = await inspected('520102-justice');
	/* The inspector's page offers the form, and takes it. */
	let html = await page('inspector', `/supervision/inspections/${insp}`);
	assert.ok(html.includes('<summary>移交整改</summary>'), 'the form');
	const sent = await post('inspector', `/supervision/findings/${finding}/referral`,
	    { requirement: '完善行政执法公示制度', deadline: `${NEXT}-05-20` });
	assert.equal(sent.status, 303, sent.text);
	assert.match(sent.headers.get('location'),
	    new RegExp(`/supervision/inspections/${insp}\\?ok=referred`));
	html = await page('inspector', sent.headers.get('location'));
	assert.ok(html.includes('问题已移交依法治理办公室整改'));
	assert.ok(html.includes('移交南明区依法治理办公室'),
	    'to the 区 office: a department answers to its own region');
	/* The 区 office's form comes filled with the proposal. */
	const office = await page('nm-office', `/supervision/inspections/${insp}`);
	assert.ok(office.includes('完善行政执法公示制度</textarea>'), 'requirement');
	assert.ok(office.includes(`value="${NEXT}-05-20"`), 'deadline');
	const home = await page('nm-office', '/');
	assert.ok(home.includes('完善行政执法公示制度'), 'the 区 office\'s 待办');
	const order = await post('nm-office', '/supervision/rectifications', {
		source: 'finding', finding, requirement: '完善行政执法公示制度',
		deadline: `${NEXT}-05-20` });
	assert.equal(order.status, 303, order.text);
	html = await page('inspector', `/supervision/inspections/${insp}`);
	assert.ok(html.includes('整改中'), 'rectifying');
	assert.ok(html.includes('已下达整改 1 项'));
	/* Off the office's 待办 once ordered. */
	const todo = (await page('nm-office', '/')).match(
	    /<section class="card todo"[\s\S]*?<\/section>/)[0];
	assert.ok(todo.includes('督查移交待下达的整改'), todo);
	assert.ok(!todo.includes('完善行政执法公示制度'), todo);
	const got = await as('inspector', 'GET', `/api/v1/inspections/${insp}`);
	assert.equal(got.body.findings[0].rect_state, 'rectifying');

	/* An order past its deadline: 逾期. */
	const late = await inspected('520102-justice');
	const lateOrder = { source: 'finding', finding: late.finding,
		requirement: '限期整改', deadline: `${NEXT}-05-01` };
	assertProblem(await as('nm-office', 'POST', '/api/v1/rectifications',
	    { json: lateOrder }), 400, 'deadline');
	/* The page answers 400 with the form again: the message naming the
	 * field, the field marked, what was typed kept. */
	const again = await post('nm-office', '/supervision/rectifications',
	    lateOrder);
	assert.equal(again.status, 400, again.text.slice(0, 400));
	assert.match(again.text, /整改未下达:整改期限不能早于今天/);
	assert.match(again.text,
	    /<textarea name="requirement"[^>]*>限期整改<\/textarea>/);
	assert.match(again.text, new RegExp(`name="deadline" required ` +
	    `value="${NEXT}-05-01" aria-invalid="true"`));
	assert.match(again.text, new RegExp(`name="finding" ` +
	    `value="${late.finding}"`));
	/* Ordered in April; the deadline has passed since. */
	await as('nm-office', 'GET', '/api/v1/me');
	const o2 = await onDay(srv, `${NEXT}-04-20`, (early) => early.api('POST',
	    '/api/v1/rectifications', { json: lateOrder,
		token: tokens['nm-office'] }));
	assert.equal(o2.status, 201, o2.text);
	const g2 = await as('inspector', 'GET', `/api/v1/inspections/${late.insp}`);
	assert.equal(g2.body.findings[0].rect_state, 'overdue');
	assert.equal(g2.body.findings[0].rect_state_label, '逾期');
	html = await page('inspector', `/supervision/inspections/${late.insp}`);
	assert.match(html, /<span class="tag s-rejected">逾期<\/span>/);
	/* An order issued first leaves nothing to hand over. */
	assertProblem(await as('inspector', 'POST',
	    `/api/v1/findings/${late.finding}/referral`, { json: {
		requirement: '再次移交', deadline: `${NEXT}-06-30` } }), 409);
});

test('every answer of the referral route matches its OpenAPI description',
    async () => {
	const spec = (await as('admin', 'GET', '/api/v1/openapi.json')).body;
	const { checked, problems } = answersMatch(spec, srv.responses,
	    (p) => /^\/api\/v1\/(findings|inspections)/.test(p));
	assert.ok(checked > 10, `only ${checked} answers checked`);
	assert.deepEqual(problems, []);
});
