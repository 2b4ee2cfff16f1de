/*
 * Findings are determinations, made by those competent (issue 13, item 1;
 * docs/security.md, "Findings are determinations"), on the demo province:
 *
 *   - the attack of the issue: a ledger clerk of the 区政府 files a
 *     judicial_interference finding against his own 区长. 403, nothing
 *     written, nothing audited, the 区长's evaluation as it was; the same
 *     for the 区's own office (the same level), an inspector and the
 *     administrator (administering the system is not deciding about
 *     cadres);
 *   - the competent ones: the 市 office and the provincial discipline
 *     account for a 区 party committee or government, the 区 office for
 *     a 区 department; each finding carries its basis, who determined it
 *     and when, set by the server, and a finding over HTTP without a
 *     basis, or citing an inspection the caller cannot see, is a 400
 *     naming the field;
 *   - an inspector's finding is an observation until a competent account
 *     determines it: the determination creates the finding record on the
 *     basis of the inspection and marks the observation determined, once;
 *   - the record page tells 基于, 认定机关/人 and 认定日期 in Chinese without
 *     the internal ids; the inspection page offers 认定 only to those who
 *     may;
 *   - every answer of the records and findings routes as docs/openapi.json
 *     describes it.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { YEAR, useServer } from './harness.mjs';
import { answersMatch } from './schema.mjs';

const srv = useServer();
const tokens = {};

async function as(name, method, p, o = {}) {
	tokens[name] ??= await srv.login(name);
	return srv.api(method, p, { ...o, token: tokens[name] });
}

/* Logs the accounts in first: a login is audited. */
async function warm(...names) {
	for (const n of names)
		tokens[n] ??= await srv.login(n);
}

async function auditHead() {
	const r = await as('admin', 'GET', '/api/v1/audit?per_page=1');
	assert.equal(r.status, 200, r.text);
	return r.body.items[0]?.seq ?? 0;
}

/* The organ's principal serving at the end of YEAR. */
async function leaderOf(organ) {
	const o = await as('admin', 'GET', `/api/v1/organs/${organ}`);
	assert.equal(o.status, 200, o.text);
	const t = o.body.tenures.filter((x) => x.role === 'principal' &&
	    x.start <= `${YEAR}-12-31` && (x.end === null ||
	    x.end >= `${YEAR}-12-31`))[0];
	assert.ok(t, `a leader of ${organ}`);
	return t.person;
}

async function resultOf(person) {
	const r = await as('gy-office', 'GET',
	    `/api/v1/evaluation?year=${YEAR}&region=520102`);
	assert.equal(r.status, 200, r.text);
	return JSON.stringify(r.body.results.filter((x) => x.person === person));
}

let serial = 0;
const finding = (organ, person, extra = {}) => ({
	id: `r-find-${++serial}`, kind: 'judicial_interference', organ, person,
	date: `${YEAR}-05-20`, title: '过问具体案件处理', basis: 'report',
	basis_ref: '群众来信反映该负责人过问具体案件', ...extra });

function assertProblem(r, status, field) {
	assert.equal(r.status, status, r.text);
	assert.equal(r.type, 'application/problem+json', r.text);
	if (field !== undefined)
		assert.equal(r.body.field, field, r.text);
}

test('a clerk of the 区政府 cannot file a finding against his own 区长',
    async () => {
	const mayor = await leaderOf('520102-gov');
	const before = await resultOf(mayor);
	await warm('nm-gov-clerk', 'nm-office', 'admin', 'inspector',
	    'nm-leader');
	const head = await auditHead();
	for (const who of ['nm-gov-clerk', 'nm-office', 'admin', 'inspector',
	    'nm-leader']) {
		const body = finding('520102-gov', mayor);
		const r = await as(who, 'POST', '/api/v1/records', { json: body });
		assertProblem(r, 403);
		assert.equal((await as('admin', 'GET',
		    `/api/v1/records/${body.id}`)).status, 404, who);
	}
	/* Nor through the page's form. */
	const page = await as('nm-gov-clerk', 'POST', '/ledger', {
		body: new URLSearchParams({ organ: '520102-gov',
			kind: 'judicial_interference', date: `${YEAR}-05-20`,
			person: mayor, basis: 'report',
			basis_report: '来信' }) });
	assert.equal(page.status, 403, page.text.slice(0, 200));
	assert.equal(await auditHead(), head, 'nothing audited');
	assert.equal(await resultOf(mayor), before, 'the evaluation unchanged');
});

test('a superior discipline or office account determines a finding, with ' +
    'its basis, who and when', async () => {
	const mayor = await leaderOf('520102-gov');
	/* No basis: 400 naming it, nothing written. */
	const none = finding('520102-gov', mayor, { basis: undefined,
		basis_ref: undefined });
	assertProblem(await as('discipline', 'POST', '/api/v1/records',
	    { json: none }), 400, 'basis');
	assert.equal((await as('admin', 'GET', `/api/v1/records/${none.id}`))
	    .status, 404);
	/* An inspection nobody has: 400 naming basis_ref. */
	assertProblem(await as('discipline', 'POST', '/api/v1/records', {
		json: finding('520102-gov', mayor, { basis: 'inspection',
			basis_ref: 'insp-0000-00000000' }) }), 400, 'basis_ref');
	/* The 市 office: its region lies above the 区. Who and when are the
	 * server's, whatever the body says. */
	const body = finding('520102-gov', mayor, { determined_by: 'someone',
		determined_on: '2020-01-01' });
	const r = await as('gy-office', 'POST', '/api/v1/records', { json: body });
	assert.equal(r.status, 201, r.text);
	assert.equal(r.body.basis, 'report');
	assert.equal(r.body.basis_ref, body.basis_ref);
	assert.equal(r.body.determined_by, 'gy-office');
	assert.match(r.body.determined_on, /^\d{4}-\d{2}-\d{2}$/);
	assert.notEqual(r.body.determined_on, '2020-01-01');
	/* Changed by the provincial discipline account; the 区 office may
	 * not change it, nor reject it; a competent account that neither
	 * entered nor changed it may. */
	const put = await as('discipline', 'PUT', `/api/v1/records/${body.id}`, {
		json: { ...body, title: '经核查确认', determined_by: undefined,
			determined_on: undefined } });
	assert.equal(put.status, 200, put.text);
	assert.equal(put.body.determined_by, 'discipline');
	await warm('nm-office', 'admin');
	const head = await auditHead();
	assertProblem(await as('nm-office', 'PUT', `/api/v1/records/${body.id}`,
	    { json: { ...body, title: '改掉' } }), 403);
	assertProblem(await as('nm-office', 'POST',
	    `/api/v1/records/${body.id}/reject`, { json: { note: '不认' } }), 403);
	assertProblem(await as('admin', 'POST',
	    `/api/v1/records/${body.id}/reject`, { json: { note: '不认' } }), 403);
	assert.equal(await auditHead(), head);
	/* The discipline account edited it, so another competent account
	 * (the provincial office) reviews it: separation of duties. */
	assertProblem(await as('discipline', 'POST',
	    `/api/v1/records/${body.id}/reject`, { json: { note: '不认' } }), 403);
	const rej = await as('gz-office', 'POST',
	    `/api/v1/records/${body.id}/reject`, { json: { note: '证据不足' } });
	assert.equal(rej.status, 200, rej.text);
	assert.equal(rej.body.status, 'rejected');
	/* A department answers to its own region's committee and
	 * government: the 区 office determines about the 区司法局长. */
	const justice = await leaderOf('520102-justice');
	const dep = await as('nm-office', 'POST', '/api/v1/records', {
		json: finding('520102-justice', justice) });
	assert.equal(dep.status, 201, dep.text);
	/* On the basis of a case: the 第九条 kind, with its item; the page
	 * names the case by its summary. */
	const secretary = await leaderOf('520102-party');
	const c = await as('discipline', 'POST', '/api/v1/cases', { json: {
		target: 'cadre', organ: '520102-party', person: secretary, item: 3,
		source: 'report', summary: '区委书记法治建设第一责任人职责问责' } });
	assert.equal(c.status, 201, c.text);
	const nine = await as('discipline', 'POST', '/api/v1/records', {
		json: finding('520102-party', secretary, { kind:
		    'accountability_finding', item: 3, basis: 'case',
		    basis_ref: c.body.id }) });
	assert.equal(nine.status, 201, nine.text);
	assert.equal(nine.body.basis, 'case');
	assert.equal(nine.body.item, 3);
	const casePage = await as('discipline', 'GET',
	    `/ledger/${nine.body.id}`);
	assert.match(casePage.text.replace(/<[^>]*>/g, ' '),
	    /基于\s+案件:\s*问责案件「区委书记法治建设第一责任人职责问责」/);
	assert.ok(!casePage.text.replace(/<[^>]*>/g, ' ').includes(c.body.id));
	/* A non-finding record stays the writers' own: the discipline
	 * account files none. */
	assertProblem(await as('discipline', 'POST', '/api/v1/records', {
		json: { id: `r-find-${++serial}`, kind: 'rol_report_hearing',
			organ: '520102-party', date: `${YEAR}-03-01` } }), 403);
});

test('an inspector\'s finding is an observation until a competent account ' +
    'determines it', async () => {
	const secretary = await leaderOf('520102-party');
	const insp = await as('inspector', 'POST', '/api/v1/inspections', {
		json: { kind: 'special', title: '司法活动干预专项督查',
			region: '520102', year: YEAR } });
	assert.equal(insp.status, 201, insp.text);
	const obs = await as('inspector', 'POST',
	    `/api/v1/inspections/${insp.body.id}/findings`, { json: {
		organ: '520102-party', person: secretary,
		duty: '5.4-no-interference', severity: 'veto',
		description: '督查中发现区委书记过问具体案件' } });
	assert.equal(obs.status, 201, obs.text);
	assert.equal(obs.body.determined, false);
	const id = obs.body.id;
	await warm('inspector', 'admin', 'nm-clerk', 'nm-leader', 'nm-office',
	    'discipline');
	const head = await auditHead();
	/* The inspector observes but does not determine; the 区 office is
	 * of the party committee's own level; nobody else may. */
	for (const who of ['inspector', 'admin', 'nm-clerk', 'nm-leader'])
		assertProblem(await as(who, 'POST',
		    `/api/v1/findings/${id}/determine`, { json: {} }), 403);
	assertProblem(await as('nm-office', 'POST',
	    `/api/v1/findings/${id}/determine`, { json: {} }), 403);
	assertProblem(await as('discipline', 'POST',
	    `/api/v1/findings/${id}/determine`, { json: { basis: 'report' } }),
	    400, 'basis');
	assert.equal(await auditHead(), head, 'nothing audited');
	/* The inspection page offers 认定 to the competent only. */
	const off = await as('nm-office', 'GET',
	    `/supervision/inspections/${insp.body.id}`);
	assert.equal(off.status, 200);
	assert.match(off.text, /观察到的问题,尚未认定/);
	assert.doesNotMatch(off.text, /determine/);
	const on = await as('discipline', 'GET',
	    `/supervision/inspections/${insp.body.id}`);
	assert.match(on.text, new RegExp(`/supervision/findings/${id}/determine`));
	/* The discipline account determines it, by the page's form: the
	 * kind from the duty's, the basis the inspection. */
	/* The leader observed is the one determined about. */
	assertProblem(await as('discipline', 'POST',
	    `/api/v1/findings/${id}/determine`, { json: { person: 'p-other',
		date: `${YEAR}-06-01` } }), 400, 'person');
	/* The observation was made today, outside the inspected year: the
	 * day of the conduct must be given. */
	assertProblem(await as('discipline', 'POST',
	    `/api/v1/findings/${id}/determine`, { json: {} }), 400, 'date');
	const form = await as('discipline', 'POST',
	    `/supervision/findings/${id}/determine`, { body: new URLSearchParams(
	    { kind: 'judicial_interference', date: `${YEAR}-06-01` }) });
	assert.equal(form.status, 303, form.text.slice(0, 300));
	assert.match(form.headers.get('location'), /^\/ledger\/r-det-/);
	const rec = await as('discipline', 'GET', `/api/v1/records/r-det-${id}`);
	assert.equal(rec.status, 200, rec.text);
	assert.equal(rec.body.kind, 'judicial_interference');
	assert.equal(rec.body.person, secretary);
	assert.equal(rec.body.organ, '520102-party');
	assert.equal(rec.body.basis, 'inspection');
	assert.equal(rec.body.basis_ref, insp.body.id);
	assert.equal(rec.body.determined_by, 'discipline');
	const shown = await as('gy-office', 'GET',
	    `/api/v1/inspections/${insp.body.id}`);
	const f = shown.body.findings.find((x) => x.id === id);
	assert.equal(f.determined, true);
	assert.equal(f.determined_record, `r-det-${id}`);
	assert.equal(f.determined_by, 'discipline');
	/* Its evidence is the determiner's to attach, not the organ's
	 * clerk's. */
	const pdf = () => {
		const f = new FormData();
		f.append('file', new Blob([Buffer.from('%PDF-1.4\n%%EOF\n',
		    'latin1')], { type: 'application/pdf' }), '笔录.pdf');
		return f;
	};
	assertProblem(await as('nm-clerk', 'POST',
	    `/api/v1/records/r-det-${id}/evidence`, { body: pdf() }), 403);
	const up = await as('discipline', 'POST',
	    `/api/v1/records/r-det-${id}/evidence`, { body: pdf() });
	assert.equal(up.status, 201, up.text);
	/* Once. */
	assertProblem(await as('gy-office', 'POST',
	    `/api/v1/findings/${id}/determine`, { json: {} }), 409);
	/* It counts: the 区委书记 fails 5.4-no-interference. */
	const ev = await as('gy-office', 'GET',
	    `/api/v1/evaluation?year=${YEAR}&region=520102`);
	const res = ev.body.results.find((x) => x.person === secretary &&
	    x.organ === '520102-party');
	assert.equal(res.duties.find((d) => d.id === '5.4-no-interference')
	    .verdict, 'unmet');
	assert.equal(res.grade, 'fail');

	/* The record page: 基于 督查 (by its title), 认定机关/人, 认定日期, in
	 * Chinese and without the inspection's id in the text. */
	const page = await as('discipline', 'GET', `/ledger/r-det-${id}`);
	assert.equal(page.status, 200);
	const text = page.text.replace(/<[^>]*>/g, ' ');
	assert.match(text, /基于\s+督查:\s*\d{4} 年度督查「司法活动干预专项督查」/);
	assert.match(text, /认定机关\/人\s+贵州省纪检监察人员 · discipline/);
	assert.match(text, /认定日期\s+\d{4}年\d{1,2}月\d{1,2}日/);
	assert.ok(!text.includes(insp.body.id), 'no inspection id shown');
	/* The edit and review buttons only for the competent. */
	assert.match(page.text, /修改记录/);
	const nm = await as('nm-office', 'GET', `/ledger/r-det-${id}`);
	assert.equal(nm.status, 200);
	assert.doesNotMatch(nm.text, /修改记录/);
	assert.doesNotMatch(nm.text, /name="action" value="verify"/);
});

test('the record form files a finding with its basis, for the competent ' +
    'only', async () => {
	const mayor = await leaderOf('520102-gov');
	const insp = await as('gy-office', 'POST', '/api/v1/inspections', {
		json: { kind: 'regular', title: '南明区法治政府建设定期检查',
			region: '520102', year: YEAR } });
	assert.equal(insp.status, 201, insp.text);
	/* The discipline account's form: finding kinds only, and the basis
	 * to choose (the inspection by its title). */
	const form = await as('discipline', 'GET', '/ledger/new');
	assert.equal(form.status, 200);
	assert.match(form.text, /value="judicial_interference"/);
	assert.match(form.text, /value="accountability_finding"/);
	assert.doesNotMatch(form.text, /value="rol_report_hearing"/);
	assert.match(form.text, /认定依据/);
	assert.match(form.text, /南明区法治政府建设定期检查/);
	const fields = { organ: '520102-gov', kind: 'judicial_interference',
		date: `${YEAR}-08-08`, title: '页面认定', person: mayor };
	/* Without a basis: the form again, naming it. */
	const none = await as('discipline', 'POST', '/ledger',
	    { body: new URLSearchParams(fields) });
	assert.equal(none.status, 400);
	assert.match(none.text, /认定依据/);
	const ok = await as('discipline', 'POST', '/ledger', {
		body: new URLSearchParams({ ...fields, basis: 'inspection',
			basis_inspection: insp.body.id }) });
	assert.equal(ok.status, 303, ok.text.slice(0, 300));
	const id = /^\/ledger\/([^?]+)/.exec(ok.headers.get('location'))[1];
	const rec = await as('gy-office', 'GET', `/api/v1/records/${id}`);
	assert.equal(rec.body.basis, 'inspection');
	assert.equal(rec.body.basis_ref, insp.body.id);
	assert.equal(rec.body.determined_by, 'discipline');
	/* The 区政府's clerk does not get to edit it, by page either. */
	const edit = await as('nm-gov-clerk', 'GET', `/ledger/${id}/edit`);
	assert.equal(edit.status, 403);
	const page = await as('nm-gov-clerk', 'GET', `/ledger/${id}`);
	assert.equal(page.status, 200);
	assert.doesNotMatch(page.text, /修改记录/);
	assert.match(page.text.replace(/<[^>]*>/g, ' '),
	    /基于\s+督查:\s*\d{4} 年度督查「南明区法治政府建设定期检查」/);
});

test('every answer of this run matches its OpenAPI description', async () => {
	const spec = (await as('admin', 'GET', '/api/v1/openapi.json')).body;
	const { checked, problems } = answersMatch(spec, srv.responses,
	    (p) => /^\/api\/v1\/(records|findings|inspections)/.test(p));
	assert.ok(checked > 20, `only ${checked} answers checked`);
	assert.deepEqual(problems, []);
});
