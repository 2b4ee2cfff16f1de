/*
 * The workflow's dates and records cannot be bent (issue 12, items 8 and
 * 11), on the demo province with "today" fixed in the May after the demo
 * year (LVZHI_TODAY) and small evidence quotas (LVZHI_EVIDENCE_*).
 *
 * Each test is an attack as a careless or dishonest office would try it,
 * refused: a report drafted, signed and locked today published with a
 * date months back; the ledger record publishing wrote, edited, reviewed
 * or given evidence outside the workflow; records dated after today; a
 * case decision dated before the case began; a repeated verify audited
 * twice; a reject with a blank note; evidence on a rejected record;
 * evidence past its quotas; scores for duties that do not bind the
 * person's post or for years the catalog was not in force. New evidence
 * on a verified record sends it back for review, audited.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { YEAR, finished, useServer } from './harness.mjs';

const NEXT = YEAR + 1;
const TODAY = `${NEXT}-05-10`;
const RECORD_FILES = 3;
const ACCOUNT_BYTES = 8192;
const srv = useServer({ env: { LVZHI_TODAY: TODAY,
	LVZHI_EVIDENCE_RECORD_FILES: String(RECORD_FILES),
	LVZHI_EVIDENCE_ACCOUNT_BYTES: String(ACCOUNT_BYTES) } });
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
	if (field !== undefined)
		assert.equal(r.body.field, field, r.text);
}

/* A PDF libmagic knows, padded to about size bytes. */
const pdf = (size = 64) => Buffer.from('%PDF-1.4\n%' + 'x'.repeat(
    Math.max(0, size - 48)) + '\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n',
    'latin1');

async function upload(who, record, bytes = pdf()) {
	const form = new FormData();
	form.append('file', new Blob([bytes], { type: 'application/pdf' }),
	    'evidence.pdf');
	return as(who, 'POST', `/api/v1/records/${encodeURIComponent(record)}` +
	    '/evidence', { body: form });
}

let serial = 0;
/* A fresh record of nm-clerk's organ, dated in the demo year. */
async function newRecord(fields = {}) {
	const rec = { id: `wf-${process.pid}-${++serial}`,
		kind: 'rol_report_hearing', organ: '520102-party',
		date: `${YEAR}-06-01`, title: '听取法治建设工作汇报', ...fields };
	const r = await as('nm-clerk', 'POST', '/api/v1/records', { json: rec });
	assert.equal(r.status, 201, r.text);
	return rec.id;
}

const rec = (id) => `/api/v1/records/${encodeURIComponent(id)}`;

async function auditOf(entity) {
	const r = await as('gz-office', 'GET', '/api/v1/audit?per_page=200');
	assert.equal(r.status, 200, r.text);
	return r.body.items.filter((x) => x.entity === entity)
	    .map((x) => x.action);
}

async function annualVerdict(organ) {
	const ev = await as('nm-office', 'GET',
	    `/api/v1/evaluation?year=${NEXT}&region=520102`);
	assert.equal(ev.status, 200, ev.text);
	const gov = ev.body.results.filter((x) => x.organ === organ);
	assert.ok(gov.length > 0, 'the government principal is evaluated');
	return gov.map((g) => g.duties.find((d) => d.id ===
	    '6.1-annual-report'));
}

const annualRecord = `r-annual-520102-gov-${YEAR}`;

test('a report locked today is not published months back', async () => {
	const url = (id, more = '') =>
	    `/api/v1/reports/${encodeURIComponent(id)}${more}`;
	const d = await as('nm-gov-clerk', 'POST', '/api/v1/reports',
	    { json: { kind: 'annual', year: YEAR, organ: '520102-gov' } });
	assert.equal(d.status, 201, d.text);
	const id = d.body.id;
	assert.equal((await as('nm-gov-clerk', 'PUT', url(id), { json: {
		sections: finished(d.body.sections) } })).status, 200);
	/* Signed by the 区长 in person (two people: the office locks). */
	assert.equal((await as('nm-gov-leader', 'POST', url(id, '/sign')))
	    .status, 200);
	assert.equal((await as('nm-office', 'POST', url(id, '/lock'))).status,
	    200);
	/* Eleven months back, and just before today: both precede the
	 * lock; nothing is written. */
	for (const on of [`${NEXT}-01-05`, `${NEXT}-03-20`,
		`${NEXT}-05-09`])
		assertProblem(await as('nm-office', 'POST', url(id, '/publish'),
		    { json: { published_on: on } }), 400, 'published_on');
	assert.equal((await as('nm-office', 'GET', url(id))).body.status,
	    'locked');
	assert.equal((await as('nm-office', 'GET', rec(annualRecord))).status,
	    404);
	const pub = await as('nm-office', 'POST', url(id, '/publish'),
	    { json: { published_on: TODAY } });
	assert.equal(pub.status, 200, pub.text);
	assert.equal(pub.body.published_on, TODAY);
	assert.equal(pub.body.late, true);
	/* Published today, after 31 March: late, so 6.1 stays unmet. */
	for (const v of await annualVerdict('520102-gov'))
		assert.equal(v.verdict, 'unmet', JSON.stringify(v));
	const r = await as('nm-office', 'GET', rec(annualRecord));
	assert.equal(r.body.published_on, TODAY);
	assert.match(r.body.title, /逾期公开/);
});

test('the record publishing wrote is read-only outside the workflow',
    async () => {
	const before = await as('nm-office', 'GET', rec(annualRecord));
	assert.equal(before.status, 200, before.text);
	/* A clerk turns the late filing into an on-time one. */
	const { status: _s, organ_name: _o, region: _r, region_name: _n,
		evidence_files: _e, reviewed_by: _b, reviewed_at: _a,
		updated_at: _u, ...doc } = before.body;
	const forged = { ...doc, date: `${NEXT}-03-20`,
		published_on: `${NEXT}-03-20`, title: '法治政府建设情况报告' };
	for (const who of ['nm-gov-clerk', 'nm-office'])
		assertProblem(await as(who, 'PUT', rec(annualRecord),
		    { json: forged }), 409);
	assertProblem(await as('nm-office', 'POST',
	    `${rec(annualRecord)}/reject`, { json: { note: '逾期' } }), 409);
	assertProblem(await as('nm-office', 'POST',
	    `${rec(annualRecord)}/verify`), 409);
	assertProblem(await upload('nm-gov-clerk', annualRecord), 409);
	const after = await as('nm-office', 'GET', rec(annualRecord));
	assert.deepEqual(after.body, before.body);
	for (const v of await annualVerdict('520102-gov'))
		assert.equal(v.verdict, 'unmet', JSON.stringify(v));
	/* The page's edit goes through the same rule. */
	const page = await srv.api('POST', `/ledger/${annualRecord}`, {
		cookie: await cookieOf('nm-gov-clerk'),
		body: new URLSearchParams({ ...formOf(forged),
			_csrf: csrfs['nm-gov-clerk'] }).toString(),
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
	});
	assert.equal(page.status, 409, page.text);
	assert.deepEqual((await as('nm-office', 'GET', rec(annualRecord))).body,
	    before.body);
});

/* A browser session and its CSRF token, read from the edit form. */
const cookies = {};
const csrfs = {};
async function cookieOf(who) {
	if (cookies[who] === undefined) {
		const { browserLogin } = await import('./harness.mjs');
		cookies[who] = await browserLogin(srv, who);
		const form = await srv.api('GET', '/ledger/new',
		    { cookie: cookies[who] });
		const m = /name="_csrf" value="([^"]+)"/.exec(form.text);
		assert.ok(m, 'the form carries a CSRF token');
		csrfs[who] = m[1];
	}
	return cookies[who];
}

/* The record's fields as the edit form names them. */
function formOf(doc) {
	const out = {};
	for (const [k, v] of Object.entries(doc))
		out[k] = Array.isArray(v) ? v.join(',') : String(v);
	return out;
}

test('a record of something done is not dated after today', async () => {
	for (const date of [`${NEXT}-12-31`, '9999-12-31', `${NEXT}-05-11`]) {
		const r = await as('nm-clerk', 'POST', '/api/v1/records',
		    { json: { id: `wf-future-${date}`, kind: 'rol_report_hearing',
			organ: '520102-party', date, title: '未来的汇报' } });
		assertProblem(r, 400);
		assert.ok(r.body.errors.some((e) => e.field === 'date'), r.text);
		assert.equal((await as('nm-clerk', 'GET',
		    rec(`wf-future-${date}`))).status, 404);
	}
	/* Today is fine; an edit into the future is not. */
	const id = await newRecord({ date: TODAY });
	const moved = await as('nm-clerk', 'PUT', rec(id), { json: {
		kind: 'rol_report_hearing', organ: '520102-party',
		date: `${NEXT}-12-31`, title: '听取法治建设工作汇报' } });
	assertProblem(moved, 400);
	assert.equal((await as('nm-clerk', 'GET', rec(id))).body.date, TODAY);
	/* A kind's own dates of something done, too. */
	const pub = await as('nm-gov-clerk', 'POST', '/api/v1/records', { json: {
		id: `wf-future-pub-${process.pid}`, kind: 'rol_gov_annual_report',
		organ: '520102-gov', date: TODAY, about_year: YEAR,
		recipients: ['party_committee'], published_on: `${NEXT}-12-31` } });
	assertProblem(pub, 400);
	assert.ok(pub.body.errors.some((e) => e.field === 'published_on'),
	    pub.text);
	const steps = await as('nm-gov-clerk', 'POST', '/api/v1/records',
	    { json: { id: `wf-future-steps-${process.pid}`,
		kind: 'major_decision', organ: '520102-gov', date: TODAY,
		steps: { legality_review: `${NEXT}-04-01`,
		    collective_discussion: '9999-12-31' } } });
	assertProblem(steps, 400);
	assert.ok(steps.body.errors.some((e) => e.field === 'steps'),
	    steps.text);
});

test('a case decision is not dated before the case began', async () => {
	const me = await as('nm-leader', 'GET', '/api/v1/me');
	const open = await as('discipline', 'POST', '/api/v1/cases', { json: {
		target: 'cadre', person: me.body.person, organ: '520102-party',
		item: 5, source: 'report', summary: '群众反映' } });
	assert.equal(open.status, 201, open.text);
	const id = open.body.id;
	/* Investigated by discipline, decided by the office (the decider is
	 * not the investigator). */
	const moveAs = (who, body) => as(who, 'POST',
	    `/api/v1/cases/${encodeURIComponent(id)}/transition`, { json: body });
	const move = (body) => moveAs('gz-office', body);
	assert.equal((await moveAs('discipline', { to: 'investigating' }))
	    .status, 200);
	assert.equal((await moveAs('discipline', { to: 'statement',
		investigation: '查明' })).status, 200);
	const decide = { to: 'decided', statement: '无异议',
		decision_form: '诫勉', decision: '给予诫勉' };
	/* Dated 2019: its appeal window would close before it opened. */
	for (const date of ['2019-06-01', `${NEXT}-05-09`])
		assertProblem(await move({ ...decide, date }), 400, 'date');
	const c = await as('discipline', 'GET',
	    `/api/v1/cases/${encodeURIComponent(id)}`);
	assert.equal(c.body.state, 'statement');
	const ok = await move({ ...decide, date: TODAY });
	assert.equal(ok.status, 200, ok.text);
	assert.equal(ok.body.decided_on, TODAY);
});

test('a repeated verify writes no audit entry; a reject needs a note ' +
    'that says something', async () => {
	const id = await newRecord();
	for (let i = 0; i < 3; i++) {
		const v = await as('nm-office', 'POST', `${rec(id)}/verify`);
		assert.equal(v.status, 200, v.text);
		assert.equal(v.body.status, 'verified');
	}
	assert.deepEqual((await auditOf(`record:${id}`)).filter((a) =>
	    a === 'record.verify'), ['record.verify']);
	for (const note of ['', '   ', '\t\n', '\u3000\u3000', '\u00a0'])
		assertProblem(await as('nm-office', 'POST', `${rec(id)}/reject`,
		    { json: { note } }), 400, 'note');
	assert.equal((await as('nm-office', 'GET', rec(id))).body.status,
	    'verified');
	const j = await as('nm-office', 'POST', `${rec(id)}/reject`,
	    { json: { note: '材料不全' } });
	assert.equal(j.status, 200, j.text);
	assert.equal((await as('nm-office', 'POST', `${rec(id)}/reject`,
	    { json: { note: '再次退回' } })).status, 200);
	assert.deepEqual((await auditOf(`record:${id}`)).filter((a) =>
	    a === 'record.reject'), ['record.reject']);
	assert.equal((await as('nm-office', 'GET', rec(id))).body.review_note,
	    '材料不全');
});

test('new evidence sends a verified record back for review; a rejected ' +
    'record takes none', async () => {
	const id = await newRecord();
	assert.equal((await as('nm-office', 'POST', `${rec(id)}/verify`))
	    .status, 200);
	const up = await upload('nm-clerk', id);
	assert.equal(up.status, 201, up.text);
	const after = await as('nm-clerk', 'GET', rec(id));
	assert.equal(after.body.status, 'submitted');
	assert.equal(after.body.reviewed_by, undefined);
	const actions = await auditOf(`record:${id}`);
	assert.ok(actions.includes('record.reopen'), actions.join());
	assert.ok(actions.includes('evidence.upload'), actions.join());

	const gone = await newRecord();
	assert.equal((await as('nm-office', 'POST', `${rec(gone)}/reject`,
	    { json: { note: '不属实' } })).status, 200);
	assertProblem(await upload('nm-clerk', gone), 409, 'file');
	assert.equal((await as('nm-clerk', 'GET', rec(gone))).body
	    .evidence_files, 0);
});

test('evidence quotas: per record and per account, 413 with a reason',
    async () => {
	const id = await newRecord();
	for (let i = 0; i < RECORD_FILES; i++)
		assert.equal((await upload('nm-clerk', id, pdf(64 + i))).status,
		    201);
	const full = await upload('nm-clerk', id);
	assertProblem(full, 413, 'file');
	assert.match(full.body.title, /上限/);
	assert.equal((await as('nm-clerk', 'GET', rec(id))).body
	    .evidence_files, RECORD_FILES);

	/* One account's bytes, over records of its organ. */
	const big = Math.floor(ACCOUNT_BYTES / 3);
	let refused = null;
	for (let i = 0; i < 4 && refused === null; i++) {
		const r = await upload('nm-gov-clerk', await newGovRecord(),
		    pdf(big + i));
		if (r.status !== 201)
			refused = r;
	}
	assert.ok(refused, 'an upload past the account quota is refused');
	assertProblem(refused, 413, 'file');
	assert.match(refused.body.title, /配额/);
	/* Another account is not held to it. */
	assert.equal((await upload('nm-clerk', await newRecord(), pdf(big)))
	    .status, 201);
});

async function newGovRecord() {
	const id = `wf-gov-${process.pid}-${++serial}`;
	const r = await as('nm-gov-clerk', 'POST', '/api/v1/records', { json: {
		id, kind: 'collective_law_study', organ: '520102-gov',
		date: `${YEAR}-07-01`, title: '集体学法' } });
	assert.equal(r.status, 201, r.text);
	return id;
}

test('scores only for duties that bind the post, in years in force',
    async () => {
	const me = await as('nm-leader', 'GET', '/api/v1/me');
	const score = { person: me.body.person, year: YEAR,
		duty: '5.1-leadership', score: 80 };
	/* 6.1-leadership binds a government principal; this is the party
	 * committee's. */
	assertProblem(await as('nm-office', 'PUT', '/api/v1/scores',
	    { json: { ...score, duty: '6.1-leadership' } }), 400, 'duty');
	/* Before the catalog took effect (2020-09-09), and a year not yet
	 * begun. */
	for (const year of [2019, NEXT + 1])
		assertProblem(await as('nm-office', 'PUT', '/api/v1/scores',
		    { json: { ...score, year } }), 400, 'year');
	const ok = await as('nm-office', 'PUT', '/api/v1/scores',
	    { json: score });
	assert.equal(ok.status, 200, ok.text);
});
