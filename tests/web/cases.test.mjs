/*
 * 问责 (第九条) over HTTP, on the demo province with "today" fixed in the
 * year after the demo's (LVZHI_TODAY), so that the demo's vetoed results
 * are last year's and every date below is known in advance.
 *
 * A veto finding of the evaluation (found as gz-office) becomes a case
 * opened by the discipline officer, which goes through investigation,
 * statement and a decision (诫勉) to execution; the procedure refuses
 * what comes too early (409 with its reason), what is not the caller's
 * role (403) and a form that does not fit the target; an appeal within
 * the month is recorded without stopping execution and gets the office's
 * result; an appeal after the month is refused. Roles without a part in
 * accountability get 403, an office of another region 404. Every change
 * is in the audit log, and every answer matches docs/openapi.json. The
 * pages are exercised as a browser would, with the session cookie and the
 * form's CSRF token.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';

import { PASSWORD, REPO, YEAR, accountLabel, sql, useServer,
	visibleText as text } from './harness.mjs';
import { check, deref, operationFor } from './schema.mjs';

const NEXT = YEAR + 1;
const TODAY = `${NEXT}-03-15`;
const srv = useServer({ env: { LVZHI_TODAY: TODAY } });
const tokens = {};

async function token(name) {
	tokens[name] ??= await srv.login(name);
	return tokens[name];
}

async function as(name, method, p, o = {}) {
	return srv.api(method, p, { ...o, token: await token(name) });
}

function assertProblem(r, status, field) {
	assert.equal(r.status, status, r.text);
	assert.equal(r.type, 'application/problem+json', r.text);
	assert.equal(r.body.status, status);
	assert.equal(typeof r.body.title, 'string');
	if (field !== undefined)
		assert.equal(r.body.field, field, r.text);
}

const move = (who, id, body) => as(who, 'POST',
    `/api/v1/cases/${encodeURIComponent(id)}/transition`, { json: body });
const appeal = (who, id, body) => as(who, 'POST',
    `/api/v1/cases/${encodeURIComponent(id)}/appeal`, { json: body });
const getCase = (who, id) => as(who, 'GET',
    `/api/v1/cases/${encodeURIComponent(id)}`);

/* A tiny PDF, as the cadre's written waiver. */
const PDF = Buffer.from('%PDF-1.4\n%...\n1 0 obj<<>>endobj\ntrailer<<>>\n' +
    '%%EOF\n');
/* Records the target's written waiver as `who` (file null: none sent). */
function waive(who, id, file = PDF) {
	const form = new FormData();
	if (file !== null)
		form.append('file', new Blob([file], { type: 'application/pdf' }),
		    '放弃陈述申辩书.pdf');
	form.append('note', '被问责对象书面表示放弃陈述和申辩。');
	return as(who, 'POST', `/api/v1/cases/${encodeURIComponent(id)}/waiver`,
	    { body: form });
}

/* Moves a case as `who` and expects 200 with the new state. */
async function step(who, id, body) {
	const r = await move(who, id, body);
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.state, body.to);
	return r.body;
}

let veto = null;   /* { person, organ, region, duty, ref } */
let caseId = null; /* the veto referral's case */
let casesBefore = 0; /* the demo's own cases (demo-oversight.c) */

test('a vetoed result of the demo evaluation, found as gz-office',
    async () => {
	const cat = await as('gz-office', 'GET', '/api/v1/catalog');
	assert.equal(cat.status, 200);
	const vetoing = new Set(cat.body.duties.filter((d) => d.veto)
	    .map((d) => d.id));
	assert.ok(vetoing.size > 0);
	const ev = await as('gz-office', 'GET', `/api/v1/evaluation?year=${YEAR}`);
	assert.equal(ev.status, 200, ev.text);
	/* One outside 贵阳市, so that offices of other regions exist to be
	 * refused (the 520100 offices are demo accounts). */
	for (const res of ev.body.results) {
		if (!res.veto || res.region.startsWith('5201'))
			continue;
		const d = res.duties.find((x) => x.verdict === 'unmet' &&
		    vetoing.has(x.id));
		if (d) {
			veto = { person: res.person, organ: res.organ,
				region: res.region, duty: d.id,
				ref: `eval:${YEAR}:${res.person}:${d.id}` };
			break;
		}
	}
	assert.ok(veto, 'the demo has a vetoed result');
});

test('clerks, leaders and inspectors get 403 on every case route',
    async () => {
	for (const who of ['nm-clerk', 'nm-leader', 'inspector']) {
		assertProblem(await as(who, 'GET', '/api/v1/cases'), 403);
		assertProblem(await as(who, 'POST', '/api/v1/cases',
		    { json: {} }), 403);
		assertProblem(await getCase(who, 'ac-0000-0001'), 403);
		assertProblem(await move(who, 'ac-0000-0001',
		    { to: 'investigating' }), 403);
		assertProblem(await appeal(who, 'ac-0000-0001',
		    { appeal: '不服' }), 403);
	}
});

test('opening a case: 400 naming the field, then 201 from the veto finding',
    async () => {
	assert.ok(veto);
	const body = { target: 'cadre', person: veto.person, organ: veto.organ,
		item: 3, source: 'veto', source_ref: veto.ref,
		summary: `${YEAR} 年度考评一票否决:${veto.duty}` };
	const bad = [
		['summary', { ...body, summary: '  ' }],
		['item', { ...body, item: 6 }],
		['item', { ...body, item: '3' }],
		['target', { ...body, target: 'party' }],
		['source', { ...body, source: 'rumour' }],
		['organ', { ...body, organ: 'no-such-organ' }],
		['person', { ...body, target: 'organization' }],
		['person', { ...body, person: undefined }],
		['source_ref', { ...body, source_ref: undefined }],
		['source_ref', { ...body, source_ref: `eval:${YEAR}:${veto.person}:` +
			'5.1-hearings' }],
		['source_ref', { ...body, source_ref: 'evaluation 2025' }],
		['year', { ...body, year: YEAR - 1 }],
		['colour', { ...body, colour: 'red' }],
	];
	casesBefore = (await as('admin', 'GET', '/api/v1/cases')).body.total;
	for (const [field, b] of bad)
		assertProblem(await as('discipline', 'POST', '/api/v1/cases',
		    { json: b }), 400, field);
	assert.equal((await as('admin', 'GET', '/api/v1/cases')).body.total,
	    casesBefore, 'nothing written by a refused request');

	const r = await as('discipline', 'POST', '/api/v1/cases', { json: body });
	assert.equal(r.status, 201, r.text);
	caseId = r.body.id;
	assert.match(caseId, new RegExp(`^ac-${NEXT}-\\d{4}$`));
	assert.equal(r.headers.get('location'), `/api/v1/cases/${caseId}`);
	assert.equal(r.body.state, 'started');
	assert.equal(r.body.item_label, '第九条第(三)项');
	assert.equal(r.body.region, veto.region);
	assert.equal(r.body.year, YEAR);
	assert.equal(r.body.source_ref, veto.ref);
	assert.deepEqual(r.body.deadlines.map((d) => d.id), ['investigation']);
	assert.deepEqual(r.body.events.map((e) => [e.action, e.to]),
	    [['open', 'started']]);
	/* The same finding is referred once. */
	assertProblem(await as('gz-office', 'POST', '/api/v1/cases',
	    { json: body }), 409, 'source_ref');
	const list = await as('gz-office', 'GET', '/api/v1/cases');
	assert.equal(list.status, 200);
	assert.ok(list.body.items.some((c) => c.id === caseId));
	assert.equal(list.body.total, casesBefore + 1);
	const started = await as('discipline', 'GET', '/api/v1/cases?state=started');
	assert.equal(started.body.total, 1);
	assertProblem(await as('discipline', 'GET', '/api/v1/cases?state=nope'),
	    400, 'state');
});

test('the procedure: investigation, statement, 诫勉, execution; refusals',
    async () => {
	assert.ok(caseId);
	/* Deciding before the statement: 409 with the procedure's reason. */
	let r = await move('discipline', caseId, { to: 'decided',
		decision_form: '诫勉', decision: '给予诫勉', statement: '无异议' });
	assertProblem(r, 409);
	assert.match(r.body.title, /陈述和申辩/);
	assertProblem(await move('discipline', caseId, { to: 'flying' }), 400,
	    'to');
	/* A field the step does not take. */
	assertProblem(await move('discipline', caseId, { to: 'investigating',
		decision: '给予诫勉' }), 400, 'decision');
	await step('discipline', caseId, { to: 'investigating',
		note: '成立调查组' });
	/* Closing the investigation is discipline's, not the office's. */
	r = await move('gz-office', caseId, { to: 'statement',
		investigation: '查明' });
	assertProblem(r, 403);
	assert.match(r.body.title, /纪检监察/);
	assertProblem(await move('discipline', caseId, { to: 'statement' }), 409,
	    'investigation');
	await step('discipline', caseId, { to: 'statement',
		investigation: '经查,该同志多次过问并干预具体案件办理。' });
	/* The investigator does not decide, nor decide not to (separation
	 * of duties): 403 for discipline, which closed the investigation. */
	r = await move('discipline', caseId, { to: 'decided',
		statement: '无异议', decision_form: '诫勉', decision: '给予诫勉' });
	assertProblem(r, 403);
	assert.match(r.body.title, /调查人员不能作出问责决定/);
	assertProblem(await move('discipline', caseId, { to: 'dismissed',
		note: '不予问责' }), 403);
	const seenBy = await getCase('discipline', caseId);
	assert.equal(seenBy.body.investigated_by, 'discipline');
	assert.deepEqual(seenBy.body.moves.filter((m) => ['decided', 'dismissed']
	    .includes(m.to)).map((m) => [m.to, m.allowed]),
	    [['decided', false], ['dismissed', false]]);
	/* A waiver is not a flag inside the decision. */
	assertProblem(await move('gz-office', caseId, { to: 'decided',
		statement_waived: true, decision_form: '诫勉', decision: 'x' }), 400,
	    'statement_waived');
	/* A decision needs the statement (or a waiver)... */
	assertProblem(await move('gz-office', caseId, { to: 'decided',
		decision_form: '诫勉', decision: '给予诫勉' }), 409, 'statement');
	/* ... and a form that fits a cadre. */
	r = await move('gz-office', caseId, { to: 'decided', statement: '无异议',
		decision_form: 'reorganize', decision: '改组' });
	assertProblem(r, 409, 'decision_form');
	assert.match(r.body.title, /改组/);
	assertProblem(await move('gz-office', caseId, { to: 'decided',
		statement: '无异议', decision_form: '警告', decision: 'x' }), 400,
	    'decision_form');
	assertProblem(await move('gz-office', caseId, { to: 'decided',
		statement: '无异议', decision_form: '诫勉', decision: '给予诫勉',
		date: `${NEXT}-03-16` }), 400, 'date');
	const c = await step('gz-office', caseId, { to: 'decided',
		statement: '对调查认定的事实无异议。', decision_form: '诫勉',
		decision: '给予诫勉。' });
	assert.equal(c.decided_by, 'gz-office');
	assert.equal(c.investigated_by, 'discipline');
	assert.equal(c.decision_form, 'admonish');
	assert.equal(c.decision_form_label, '诫勉');
	assert.equal(c.decided_on, TODAY);
	const due = c.deadlines.find((d) => d.id === 'appeal');
	assert.equal(due.due, `${NEXT}-04-15`);
	assert.equal(due.days_left, 31);
	assertProblem(await move('discipline', caseId, { to: 'dismissed',
		note: '不予问责' }), 409);
	const e = await step('discipline', caseId, { to: 'executing' });
	assert.deepEqual(e.events.map((x) => [x.from ?? null, x.to]), [
		[null, 'started'], ['started', 'investigating'],
		['investigating', 'statement'], ['statement', 'decided'],
		['decided', 'executing']]);
	assert.match(e.events[3].note, /诫勉/);
	/* The moves the office may take now: closing, which needs a record. */
	const seen = await getCase('gz-office', caseId);
	assert.deepEqual(seen.body.moves.map((m) => [m.to, m.allowed]),
	    [['closed', true]]);
	assert.deepEqual(seen.body.moves[0].needs.map((n) => n.field),
	    ['execution']);
});

test('an appeal within the month: recorded, execution goes on, result',
    async () => {
	assert.ok(caseId);
	const r = await appeal('discipline', caseId, { appeal: '认为认定事实有误。' });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.state, 'executing', 'execution is not suspended');
	assert.equal(r.body.appeal_on, TODAY);
	assert.deepEqual(r.body.deadlines.map((d) => [d.id, d.due]),
	    [['appeal_handling', `${NEXT}-04-15`]]);
	assertProblem(await appeal('discipline', caseId, { appeal: '再次申诉' }),
	    409);
	/* The result is the office's; a change says what. */
	assertProblem(await appeal('discipline', caseId, { result: '维持' }), 403);
	assertProblem(await appeal('gz-office', caseId, { result: 'changed' }),
	    400, 'note');
	assertProblem(await appeal('gz-office', caseId, { result: '驳回' }), 400,
	    'result');
	const ok = await appeal('gz-office', caseId, { result: '维持',
		note: '经复查,维持原决定。' });
	assert.equal(ok.status, 200, ok.text);
	assert.equal(ok.body.appeal_result, 'upheld');
	assert.equal(ok.body.appeal_result_label, '维持');
	assert.equal(ok.body.state, 'executing');
	assertProblem(await appeal('gz-office', caseId, { result: '撤销',
		note: 'x' }), 409);
	/* Execution continues to its end. */
	assertProblem(await move('discipline', caseId, { to: 'closed' }), 409,
	    'execution');
	const closed = await step('gz-office', caseId, { to: 'closed',
		execution: '已由县委书记谈话诫勉,材料归档。' });
	assert.equal(closed.executed_on, TODAY);
	assert.deepEqual(closed.moves, []);
	assertProblem(await move('gz-office', caseId, { to: 'executing' }), 409);
});

test('an appeal after the month is refused; the last day is accepted',
    async () => {
	assert.ok(veto);
	/* Against the organization this time, from a report. */
	const open = await as('gz-office', 'POST', '/api/v1/cases', { json: {
		target: 'organization', organ: veto.organ, item: 5,
		source: 'report', summary: '群众反映法治建设责任落实不力。' } });
	assert.equal(open.status, 201, open.text);
	const id = open.body.id;
	await step('gz-office', id, { to: 'investigating' });
	await step('discipline', id, { to: 'statement', investigation: '查明' });
	/* The written waiver, recorded by the handler as a step of its own:
	 * not by another account, not without the file. */
	assertProblem(await waive('gz-office', id), 403);
	assertProblem(await waive('discipline', id, null), 400, 'file');
	const w = await waive('discipline', id);
	assert.equal(w.status, 201, w.text);
	assert.equal(w.body.statement_waived, true);
	assert.equal(w.body.waiver.file.filename, '放弃陈述申辩书.pdf');
	assert.equal(w.body.waiver.file.uploaded_by, 'discipline');
	const file = await as('gz-office', 'GET', w.body.waiver.href);
	assert.equal(file.status, 200);
	assert.deepEqual(file.bytes, PDF);
	assertProblem(await waive('discipline', id), 409);
	/* A decision is not dated before the case began: this one began in
	 * January (its times set back as if it had). */
	assertProblem(await move('gz-office', id, { to: 'decided',
		decision_form: '通报', decision: '予以通报。',
		date: `${NEXT}-01-31` }), 400, 'date');
	await sql(srv.db, `UPDATE acase SET created_at = '${NEXT}-01-10T02:00:00Z', ` +
	    `updated_at = '${NEXT}-01-20T02:00:00Z' WHERE id = '${id}'`);
	assertProblem(await move('gz-office', id, { to: 'decided',
		decision_form: '通报', decision: '予以通报。',
		date: `${NEXT}-01-19` }), 400, 'date');
	/* A cadre's form does not fit an organization. */
	const r = await move('gz-office', id, { to: 'decided',
		decision_form: '诫勉', decision: 'x' });
	assertProblem(r, 409, 'decision_form');
	assert.match(r.body.title, /党组织/);
	/* Served on the last day of January: the month ends on 28 February. */
	const d = await step('gz-office', id, { to: 'decided',
		decision_form: '通报', decision: '予以通报。',
		date: `${NEXT}-01-31` });
	assert.equal(d.statement_waived, true);
	assert.equal(d.decided_on, `${NEXT}-01-31`);
	assert.ok(d.events.some((e) => e.action === 'waive' &&
	    e.actor === 'discipline'));
	await step('gz-office', id, { to: 'executing' });
	const late = await appeal('discipline', id, { appeal: '不服' });
	assertProblem(late, 409, 'appeal_on');
	assert.match(late.body.title, /申诉期限/);
	assert.match(late.body.detail, new RegExp(`${NEXT}年2月28日`));
	assertProblem(await appeal('discipline', id, { appeal: '不服',
		appeal_on: `${NEXT}-03-01` }), 409, 'appeal_on');
	assertProblem(await appeal('discipline', id, { appeal: '不服',
		appeal_on: `${NEXT}-01-30` }), 400, 'appeal_on');
	assertProblem(await appeal('discipline', id, { appeal: '不服',
		appeal_on: `${NEXT}-03-16` }), 400, 'appeal_on');
	assert.equal((await getCase('gz-office', id)).body.appeal, undefined);
	const edge = await appeal('discipline', id, { appeal: '不服',
		appeal_on: `${NEXT}-02-28` });
	assert.equal(edge.status, 200, edge.text);
	assert.equal(edge.body.state, 'executing');
});

test('an office of another region gets 404; offices above see the case',
    async () => {
	assert.ok(caseId);
	/* gy-office: 520100; nm-office: 520102. */
	const outside = [['gy-office', '5201'], ['nm-office', '520102']]
	    .filter(([, prefix]) => !veto.region.startsWith(prefix))
	    .map(([who]) => who);
	assert.ok(outside.length > 0, `no office outside ${veto.region}`);
	for (const who of outside) {
		assertProblem(await getCase(who, caseId), 404);
		assertProblem(await move(who, caseId, { to: 'executing' }), 404);
		assertProblem(await appeal(who, caseId, { appeal: '不服' }), 404);
		const list = await as(who, 'GET', '/api/v1/cases');
		assert.equal(list.status, 200);
		assert.ok(!list.body.items.some((c) => c.id === caseId));
		/* Nor may it open one there. */
		assertProblem(await as(who, 'POST', '/api/v1/cases', { json: {
			target: 'organization', organ: veto.organ, item: 5,
			source: 'report', summary: 'x' } }), 403, 'organ');
	}
	for (const who of ['gz-office', 'discipline', 'admin'])
		assert.equal((await getCase(who, caseId)).status, 200, who);
	/* A listing limited to a region of the scope, or refused outside. */
	const here = await as('discipline', 'GET',
	    `/api/v1/cases?region=${veto.region}`);
	assert.equal(here.status, 200);
	assert.ok(here.body.items.some((c) => c.id === caseId));
	assert.ok(!(await as('gz-office', 'GET', '/api/v1/cases?region=520100'))
	    .body.items.some((c) => c.id === caseId));
	assertProblem(await as('gy-office', 'GET',
	    `/api/v1/cases?region=${veto.region}`), 404, 'region');
	assertProblem(await as('discipline', 'GET', '/api/v1/cases?region=999999'),
	    404, 'region');
	assertProblem(await getCase('discipline', 'ac-0000-0001'), 404);
});

test('every change is audited: open, transition from→to, appeal, result',
    async () => {
	const r = await as('admin', 'GET', '/api/v1/audit?per_page=200');
	assert.equal(r.status, 200);
	const mine = r.body.items.filter((a) => a.entity.startsWith(
	    `case:${caseId}`)).reverse();
	assert.deepEqual(mine.map((a) => [a.action, a.entity]), [
		['case.open', `case:${caseId}`],
		['case.transition', `case:${caseId}:started→investigating`],
		['case.transition', `case:${caseId}:investigating→statement`],
		['case.transition', `case:${caseId}:statement→decided`],
		['case.transition', `case:${caseId}:decided→executing`],
		['case.appeal', `case:${caseId}`],
		['case.appeal_result', `case:${caseId}:executing→executing`],
		['case.transition', `case:${caseId}:executing→closed`],
	]);
	for (const a of mine) {
		assert.equal(a.success, true);
		assert.match(a.digest, /^[0-9a-f]{64}$/);
	}
	assert.ok(mine.every((a) => /^api:(discipline|gz-office)$/.test(a.actor)));
});

/* ---- the pages ---- */

async function browserLogin(name) {
	const r = await srv.api('POST', '/login', {
		body: new URLSearchParams({ username: name, password: PASSWORD,
			next: '/' }).toString(),
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
	});
	assert.equal(r.status, 303, r.text);
	const m = /lvzhi_session=([0-9a-f]{64})/.exec(
	    r.headers.get('set-cookie') ?? '');
	assert.ok(m);
	return `lvzhi_session=${m[1]}`;
}

const page = (cookie, p) => srv.api('GET', p, { cookie });

function csrfOf(html) {
	const m = /name="_csrf" value="([0-9a-f]{64})"/.exec(html);
	assert.ok(m, 'a form with its CSRF token');
	return m[1];
}

function post(cookie, p, csrf, fields) {
	return srv.api('POST', p, { cookie,
		body: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
}

test('pages: the list, the referral, a case through its forms', async () => {
	const disc = await browserLogin('discipline');
	const office = await browserLogin('gz-office');
	for (const who of ['nm-clerk', 'inspector']) {
		const c = await browserLogin(who);
		assert.equal((await page(c, '/accountability')).status, 403, who);
		assert.equal((await page(c, `/accountability/${caseId}`)).status,
		    403, who);
	}
	const list = await page(disc, '/accountability');
	assert.equal(list.status, 200);
	assert.equal(list.type, 'text/html');
	const t = text(list.text);
	assert.match(t, /移送问责/);
	/* Cases go by their readable numbers, not their ids. */
	const number = (await getCase('discipline', caseId)).body.number;
	assert.match(number, /^〔\d{4}〕\d+号$/);
	assert.ok(t.includes(number), number);
	assert.doesNotMatch(t, /\bac-\d{4}-\d+/);
	assert.match(t, /第九条第\(三\)项/);
	assert.match(t, /结案/);
	/* The referred duty links to its case by its number, on the page
	 * of the referral list that holds its result; the others have a
	 * button. */
	let listed = null;
	for (let n = 1; n <= 200 && listed === null; n++) {
		const p = await page(disc, `/accountability?ryear=${YEAR}&rpage=${n}`);
		if (p.text.includes(`已立案</span> <a href="/accountability/${
		    caseId}">`))
			listed = p;
		else if (!p.text.includes('rpage=' + (n + 1)))
			break;
	}
	assert.ok(listed, 'the case opened for the referral');
	assert.ok(text(listed.text).includes(number), 'its number');
	const link = /href="(\/accountability\?person=[^"#]+)/.exec(list.text);
	assert.ok(link, 'another vetoed result to refer');
	const other = [null, new URL(link[1].replaceAll('&amp;', '&'),
	    'http://x').searchParams.get('source')];
	assert.match(other[1], /^eval:/);
	/* The link opens the form prefilled, the source said in words and
	 * kept (not typed) in a hidden field. */
	const prefill = await page(disc, link[1].replaceAll('&amp;', '&'));
	assert.equal(prefill.status, 200);
	assert.match(text(prefill.text), /来源:\s*\d{4}年度考评 · /);
	assert.match(prefill.text, new RegExp(`<input type="hidden" ` +
	    `name="source_ref" value="${other[1].replace(/[.]/g, '\\.')}"`));

	/* Open a case with the form; a mistake comes back with the reason. */
	const csrf = csrfOf(list.text);
	const fields = { target: 'organization', organ: veto.organ, item: '2',
		source: 'inspection', source_ref: '黔法督〔2026〕5号',
		summary: '督查发现重大问题处置不力。' };
	const bad = await post(disc, '/accountability', csrf, { ...fields,
		item: '' });
	assert.equal(bad.status, 400);
	assert.match(text(bad.text), /情形/);
	assert.match(bad.text, /督查发现重大问题处置不力。/, 'what was typed');
	const made = await post(disc, '/accountability', csrf, fields);
	assert.equal(made.status, 303, made.text);
	const loc = made.headers.get('location');
	const id = /^\/accountability\/(ac-[\d-]+)\?ok=created$/.exec(loc)?.[1];
	assert.ok(id, loc);

	/* The office starts the investigation from the case page. */
	let p = await page(office, `/accountability/${id}`);
	assert.equal(p.status, 200);
	assert.match(text(p.text), /调查期限/);
	assert.match(text(p.text), /剩 60 天|剩 \d+ 天/);
	const oc = csrfOf(p.text);
	let w = await post(office, `/accountability/${id}/transition`, oc,
	    { to: 'investigating', note: '成立调查组' });
	assert.equal(w.status, 303, w.text);
	/* Closing the investigation is greyed for the office, with why. */
	p = await page(office, `/accountability/${id}`);
	assert.match(p.text, /<button type="button" disabled>调查终结,听取陈述申辩<\/button> <span class="muted">调查由纪检监察机关负责/);
	w = await post(office, `/accountability/${id}/transition`, oc,
	    { to: 'statement', investigation: '查明' });
	assert.equal(w.status, 403);
	assert.match(text(w.text), /纪检监察/);
	/* Discipline has the form with its required field. */
	p = await page(disc, `/accountability/${id}`);
	assert.match(p.text, /<input type="hidden" name="to" value="statement">/);
	assert.match(p.text, /<textarea name="investigation" maxlength="8000" required>/);
	w = await post(disc, `/accountability/${id}/transition`, csrf,
	    { to: 'statement', investigation: '查明:处置重大问题时领导不力。' });
	assert.equal(w.status, 303, w.text);
	/* The investigator may not decide: greyed with why, refused 403. */
	p = await page(disc, `/accountability/${id}`);
	assert.match(p.text, /<button type="button" disabled>作出问责决定<\/button> <span class="muted">本案由您调查终结,调查人员不能作出问责决定/);
	w = await post(disc, `/accountability/${id}/transition`, csrf,
	    { to: 'decided', statement: '无异议', decision_form: 'check',
		decision: '责令检查。', date: TODAY });
	assert.equal(w.status, 403);
	assert.match(text(w.text), /调查人员不能作出问责决定/);
	/* The handler's waiver form is there; the office is told why not. */
	assert.match(p.text, /action="\/accountability\/[^"]+\/waiver" enctype="multipart\/form-data"/);
	p = await page(office, `/accountability/${id}`);
	assert.match(p.text, /<button type="button" disabled>记录放弃陈述申辩<\/button> <span class="muted">放弃陈述和申辩须由本案承办人/);
	/* A cadre's form refused for an organization, shown with why. */
	w = await post(office, `/accountability/${id}/transition`, oc,
	    { to: 'decided', statement: '无异议', decision_form: 'admonish',
		decision: '诫勉' });
	assert.equal(w.status, 409);
	assert.match(text(w.text), /诫勉”是对领导干部的问责方式/);
	/* The form offers only the organization's forms. */
	assert.match(w.text, /<option value="reorganize">改组<\/option>/);
	assert.doesNotMatch(w.text, /<option value="admonish"/);
	w = await post(office, `/accountability/${id}/transition`, oc,
	    { to: 'decided', statement: '无异议', decision_form: 'check',
		decision: '责令检查。', date: TODAY });
	assert.equal(w.status, 303, w.text);
	w = await post(office, `/accountability/${id}/transition`, oc,
	    { to: 'executing' });
	assert.equal(w.status, 303, w.text);
	/* The appeal form, then its result form for the office. */
	p = await page(disc, `/accountability/${id}`);
	assert.match(text(p.text), new RegExp(`申诉期限截至 ${NEXT}年4月15日`));
	w = await post(disc, `/accountability/${id}/appeal`, csrf,
	    { appeal: '不服检查决定。' });
	assert.equal(w.status, 303, w.text);
	assert.match(w.headers.get('location'), /ok=appealed$/);
	p = await page(disc, `/accountability/${id}`);
	assert.match(p.text, /<button type="button" disabled>申诉处理决定<\/button>/);
	p = await page(office, `/accountability/${id}`);
	assert.match(p.text, /<select name="result" required>/);
	w = await post(office, `/accountability/${id}/appeal`, oc,
	    { result: 'revoked', note: '' });
	assert.equal(w.status, 400);
	w = await post(office, `/accountability/${id}/appeal`, oc,
	    { result: 'revoked', note: '复查认为事实不清,撤销原决定。' });
	assert.equal(w.status, 303, w.text);
	p = await page(office, `/accountability/${id}`);
	const all = text(p.text);
	for (const s of ['办理过程', '立案', '启动 → 调查', '调查 → 陈述申辩',
		`问责方式:检查;送达日期 ${NEXT}年3月15日`, '申诉处理决定', '撤销',
		'执行 → 不予问责/终止', '督查发现 · 黔法督〔2026〕5号',
		`调查终结(承办人) ${await accountLabel(srv, 'discipline')}`,
		`作出问责决定 ${await accountLabel(srv, 'gz-office')}`])
		assert.ok(all.includes(s), s);
	/* Dates in the history as people read them. */
	assert.doesNotMatch(all, /日期 \d{4}-\d\d-\d\d/);
	/* Who did each step by person or office, never by login name. */
	assert.doesNotMatch(text(p.text.slice(p.text.indexOf('<main'))),
	    /\b(?:discipline|gz-office)\b/);
	/* 撤销 ended the case without execution. */
	assert.doesNotMatch(p.text, /name="execution"/);
	/* Without the token nothing is written. */
	w = await srv.api('POST', `/accountability/${id}/transition`, {
		cookie: office, body: new URLSearchParams({ to: 'closed',
			execution: 'x' }).toString(),
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
	assert.equal(w.status, 403);
	assert.equal((await getCase('admin', id)).body.state, 'dismissed');
});

test('every case answer of this run matches its OpenAPI description',
    async () => {
	const spec = JSON.parse(await readFile(path.join(REPO,
	    'docs/openapi.json'), 'utf8'));
	const problems = [];
	let checked = 0;
	for (const x of srv.responses) {
		if (!x.path.startsWith('/api/v1/cases'))
			continue;
		const found = operationFor(spec, x.method, x.path);
		assert.ok(found, `${x.method} ${x.path}`);
		const where = `${x.method} ${found.pattern} ${x.status}`;
		const res = deref(spec, found.operation.responses[String(x.status)]);
		const media = res?.content?.[x.type];
		if (media === undefined) {
			problems.push(`${where}: ${x.type} not described`);
			continue;
		}
		checked += 1;
		/* A file (the written waiver) is described by its type. */
		if (!/json$/.test(x.type))
			continue;
		const errs = check(spec, media.schema, x.body, { documented: true });
		if (errs.length)
			problems.push(`${where}: ${errs.slice(0, 5).join('; ')}`);
	}
	assert.ok(checked > 50, `only ${checked} answers checked`);
	assert.deepEqual([...new Set(problems)], []);
});
