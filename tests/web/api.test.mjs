/*
 * The HTTP API as docs/contract.md fixes it ("HTTP API (the minimum others
 * rely on)"), role by role, on the demo province; plus what the web
 * system promises besides: problems naming the field, nothing written on
 * an error, evidence files, pagination, scores, login lockout, the audit
 * chain, and an OpenAPI description that is valid, covers every route and
 * describes what the server actually answers. Security headers, CSRF,
 * body limits and other attacks are in attacks.test.mjs.
 */
import assert from 'node:assert/strict';
import { createHash, getHashes } from 'node:crypto';
import { copyFile, readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';

import { Validator } from '@seriousme/openapi-schema-validator';

import { ACCOUNTS, PASSWORD, PG, REPO, SANITIZER_REPORT, YEAR, routes, run,
	sql, useServer } from './harness.mjs';
import { check, deref, operationFor } from './schema.mjs';

const srv = useServer();
const tokens = {};
let spec = null; /* GET /api/v1/openapi.json */

const PDF = Buffer.from('%PDF-1.4\n%...\n1 0 obj<<>>endobj\ntrailer<<>>\n' +
    '%%EOF\n', 'latin1');

async function token(name) {
	tokens[name] ??= await srv.login(name);
	return tokens[name];
}

async function as(name, method, p, o = {}) {
	return srv.api(method, p, { ...o, token: await token(name) });
}

/* An id no test has used. */
let serial = 0;
function newId(what = 'web') {
	serial += 1;
	return `t-${what}-${process.pid}-${serial}`;
}

function record(over = {}) {
	return {
		id: newId(), kind: 'rol_report_hearing', organ: '520102-party',
		date: `${YEAR}-03-10`, title: '区委常委会听取法治建设工作汇报(测试)',
		...over,
	};
}

function assertProblem(r, status, field) {
	assert.equal(r.status, status, r.text);
	assert.equal(r.type, 'application/problem+json', r.text);
	assert.equal(r.body.status, status);
	assert.equal(typeof r.body.title, 'string');
	assert.equal(typeof r.body.type, 'string');
	if (field !== undefined)
		assert.equal(r.body.field, field, r.text);
}

/* Not there for anyone: the administrator sees every record. */
async function assertNotStored(id) {
	const r = await as('admin', 'GET', `/api/v1/records/${encodeURIComponent(
	    id)}`);
	assertProblem(r, 404);
}

async function cliEval(args) {
	const r = await run(['--db', srv.db, 'eval', '--year', String(YEAR),
		'--format', 'json', ...args]);
	assert.equal(r.code, 0, r.stderr);
	assert.doesNotMatch(r.stderr, SANITIZER_REPORT);
	return JSON.parse(r.stdout);
}

test('login: 200 with a token for every role, 401 on a wrong password',
    async () => {
	const bad = await srv.api('POST', '/api/v1/login',
	    { json: { username: 'admin', password: 'wrong-Password-1' } });
	assertProblem(bad, 401);
	assert.equal(bad.body.token, undefined);
	const nobody = await srv.api('POST', '/api/v1/login',
	    { json: { username: 'no-such-user', password: PASSWORD } });
	assertProblem(nobody, 401);
	const missing = await srv.api('POST', '/api/v1/login',
	    { json: { username: 'admin' } });
	assertProblem(missing, 400, 'password');
	for (const [name, a] of Object.entries(ACCOUNTS)) {
		const r = await srv.api('POST', '/api/v1/login',
		    { json: { username: name, password: PASSWORD } });
		assert.equal(r.status, 200, `${name}: ${r.text}`);
		assert.equal(r.type, 'application/json');
		assert.match(r.body.token, /^[0-9a-f]{64}$/);
		tokens[name] = r.body.token;
		const me = await as(name, 'GET', '/api/v1/me');
		assert.equal(me.status, 200);
		assert.equal(me.body.username, name);
		assert.equal(me.body.role, a.role);
		if (a.region)
			assert.equal(me.body.region, a.region);
		if (a.organ)
			assert.equal(me.body.organ, a.organ);
		assert.equal(me.body.csrf, undefined, 'no CSRF token for bearers');
	}
});

test('every /api/v1 route but login answers 401 without a token',
    async () => {
	const sample = { id: 'r-0000001', code: '520000', key: '1' };
	const api = (await routes()).filter((r) =>
	    r.pattern.startsWith('/api/v1/'));
	assert.ok(api.length >= 20, `only ${api.length} API routes found`);
	for (const r of api) {
		const p = r.pattern.replace(/\{(\w+)\}/g, (_, n) => sample[n] ??
		    'x');
		const o = ['POST', 'PUT', 'PATCH'].includes(r.method) ?
		    { json: {} } : {};
		if (r.pattern === '/api/v1/login') {
			const res = await srv.api(r.method, p, o);
			assert.notEqual(res.status, 401, 'login is open');
			continue;
		}
		for (const auth of [{}, { token: '0'.repeat(64) },
		    { cookie: `lvzhi_session=${'0'.repeat(64)}` }]) {
			const res = await srv.api(r.method, p, { ...o, ...auth });
			assertProblem(res, 401);
			assert.match(res.headers.get('www-authenticate') ?? '',
			    /^Bearer/, `${r.method} ${p}`);
		}
	}
});

test('POST /api/v1/records: 201 and the stored record; GET it back',
    async () => {
	const rec = record({ kind: 'rol_gov_annual_report', organ: '520102-gov',
		date: `${YEAR}-03-20`, about_year: YEAR - 1,
		recipients: ['party_committee', 'npc_standing_committee',
			'superior_government'],
		published_on: `${YEAR}-03-25`, title: '2024 年度法治政府建设情况报告' });
	const r = await as('nm-gov-clerk', 'POST', '/api/v1/records',
	    { json: rec });
	assert.equal(r.status, 201, r.text);
	assert.equal(r.type, 'application/json');
	for (const [k, v] of Object.entries(rec))
		assert.deepEqual(r.body[k], v, k);
	assert.equal(r.body.status, 'submitted');
	assert.equal(r.body.region, '520102');
	assert.equal(r.headers.get('location'), `/api/v1/records/${rec.id}`);
	const back = await as('nm-gov-clerk', 'GET', `/api/v1/records/${rec.id}`);
	assert.equal(back.status, 200);
	assert.deepEqual(back.body, r.body);
	/* The office above sees it too, and so does the province. */
	for (const who of ['nm-office', 'gy-office', 'gz-office', 'admin'])
		assert.equal((await as(who, 'GET', `/api/v1/records/${rec.id}`))
		    .status, 200, who);
	/* A clerk may not set a status other than submitted. */
	const verified = record({ status: 'verified' });
	assertProblem(await as('nm-clerk', 'POST', '/api/v1/records',
	    { json: verified }), 403, 'status');
	await assertNotStored(verified.id);
});

test('invalid records: 400 problem naming the field, nothing written',
    async () => {
	const cases = [
		['date', record({ date: `${YEAR}-13-01` })],
		['date', record({ date: '10/03/2025' })],
		['kind', record({ kind: 'no_such_kind' })],
		['organ', (({ organ, ...rest }) => rest)(record())],
		['organ', record({ organ: 'no-such-organ' })],
		['id', (({ id, ...rest }) => ({ ...rest, id: '' }))(record())],
		['type', record({ type: 'record' })],
		['about_year', record({ kind: 'rol_gov_report_hearing',
			about_year: 'last year' })],
		['colour', record({ colour: 'red' })],
	];
	for (const [field, rec] of cases) {
		const r = await as('nm-clerk', 'POST', '/api/v1/records',
		    { json: rec });
		assertProblem(r, 400, field);
		assert.ok(Array.isArray(r.body.errors) && r.body.errors.some(
		    (e) => e.field === field), r.text);
		if (rec.id)
			await assertNotStored(rec.id);
	}
	/* Every bad field at once. */
	const many = record({ date: 'soon', kind: 'nope' });
	const r = await as('nm-clerk', 'POST', '/api/v1/records', { json: many });
	assertProblem(r, 400);
	const fields = r.body.errors.map((e) => e.field).sort();
	assert.deepEqual(fields, ['date', 'kind']);
	await assertNotStored(many.id);
	/* Not JSON, or not an object. */
	const text = record();
	assertProblem(await as('nm-clerk', 'POST', '/api/v1/records',
	    { body: JSON.stringify(text), headers: { 'Content-Type':
	    'text/plain' } }), 415);
	await assertNotStored(text.id);
	assertProblem(await as('nm-clerk', 'POST', '/api/v1/records',
	    { body: '{"id": ', headers: { 'Content-Type': 'application/json' } }),
	    400);
	assertProblem(await as('nm-clerk', 'POST', '/api/v1/records',
	    { json: [record()] }), 400);
});

test('records outside the caller\'s scope: 403 on write, nothing written',
    async () => {
	const other = record({ organ: '520103-party' });
	assertProblem(await as('nm-clerk', 'POST', '/api/v1/records',
	    { json: other }), 403, 'organ');
	await assertNotStored(other.id);
	const gov = record({ organ: '520102-gov' });
	assertProblem(await as('nm-clerk', 'POST', '/api/v1/records',
	    { json: gov }), 403);
	await assertNotStored(gov.id);
	const up = record({ organ: '520100-party' });
	assertProblem(await as('nm-office', 'POST', '/api/v1/records',
	    { json: up }), 403);
	await assertNotStored(up.id);
	/* Roles that only read. */
	for (const who of ['nm-leader', 'inspector', 'discipline']) {
		const rec = record();
		assertProblem(await as(who, 'POST', '/api/v1/records',
		    { json: rec }), 403);
		await assertNotStored(rec.id);
	}
	/* An existing id: 409, the record unchanged. */
	const mine = record();
	assert.equal((await as('nm-clerk', 'POST', '/api/v1/records',
	    { json: mine })).status, 201);
	assertProblem(await as('nm-clerk', 'POST', '/api/v1/records',
	    { json: { ...mine, title: 'changed' } }), 409, 'id');
	const back = await as('nm-clerk', 'GET', `/api/v1/records/${mine.id}`);
	assert.equal(back.body.title, mine.title);
	/* Moving one's record to another county's organ: 403, unchanged. */
	assertProblem(await as('nm-clerk', 'PUT', `/api/v1/records/${mine.id}`,
	    { json: { ...mine, organ: '520103-party' } }), 403);
	const still = await as('admin', 'GET', `/api/v1/records/${mine.id}`);
	assert.equal(still.body.organ, '520102-party');
	/* Editing is fine in scope, and the id must match the path. */
	const edit = await as('nm-clerk', 'PUT', `/api/v1/records/${mine.id}`,
	    { json: { ...mine, title: 'edited' } });
	assert.equal(edit.status, 200, edit.text);
	assert.equal(edit.body.title, 'edited');
	assert.ok(edit.body.updated_at);
	assertProblem(await as('nm-clerk', 'PUT', `/api/v1/records/${mine.id}`,
	    { json: { ...mine, id: 'other' } }), 400, 'id');
	const { id: _, ...noId } = record();
	assertProblem(await as('nm-clerk', 'PUT', `/api/v1/records/${newId()}`,
	    { json: noId }), 404);
});

test('a clerk cannot see another county\'s records (404), nor list them',
    async () => {
	const nm = record({ title: `南明 ${newId()}` });
	const yy = record({ organ: '520103-party', title: `云岩 ${newId()}` });
	assert.equal((await as('nm-clerk', 'POST', '/api/v1/records',
	    { json: nm })).status, 201);
	assert.equal((await as('yy-clerk', 'POST', '/api/v1/records',
	    { json: yy })).status, 201);
	assertProblem(await as('nm-clerk', 'GET', `/api/v1/records/${yy.id}`),
	    404);
	assertProblem(await as('yy-clerk', 'GET', `/api/v1/records/${nm.id}`),
	    404);
	assertProblem(await as('nm-gov-clerk', 'GET',
	    `/api/v1/records/${nm.id}`), 404);
	assertProblem(await as('nm-office', 'GET', `/api/v1/records/${yy.id}`),
	    404);
	/* The demo's records of another county too. */
	const theirs = await as('admin', 'GET',
	    '/api/v1/records?organ=520103-party&per_page=1');
	assert.equal(theirs.status, 200);
	const demoId = theirs.body.items[0].id;
	assertProblem(await as('nm-clerk', 'GET', `/api/v1/records/${demoId}`),
	    404);
	assertProblem(await as('nm-leader', 'GET', `/api/v1/records/${demoId}`),
	    404);
	const q = encodeURIComponent(nm.title);
	const list = await as('yy-clerk', 'GET', `/api/v1/records?q=${q}`);
	assert.equal(list.status, 200);
	assert.equal(list.body.total, 0);
	const own = await as('nm-clerk', 'GET', `/api/v1/records?q=${q}`);
	assert.equal(own.body.total, 1);
	assert.equal(own.body.items[0].id, nm.id);
	const all = await as('yy-clerk', 'GET', '/api/v1/records?per_page=200');
	assert.ok(all.body.items.every((x) => x.organ === '520103-party'));
	assertProblem(await as('yy-clerk', 'GET',
	    '/api/v1/records?organ=520102-party'), 403, 'organ');
	assertProblem(await as('nm-office', 'GET',
	    '/api/v1/records?region=520103'), 404, 'region');
	assertProblem(await as('nm-office', 'GET',
	    '/api/v1/records?from=yesterday'), 400, 'from');
});

test('GET /api/v1/evaluation: the CLI\'s JSON, limited to the caller',
    async () => {
	const cli = await cliEval(['--region', '520100']);
	const gy = await as('gy-office', 'GET', `/api/v1/evaluation?year=${YEAR}`);
	assert.equal(gy.status, 200, gy.text);
	assert.equal(gy.type, 'application/json');
	assert.ok(cli.results.length > 10);
	assert.deepEqual(gy.body.results, cli.results);
	assert.deepEqual(gy.body, cli, 'and the rest of the document');
	/* The same region asked for explicitly. */
	const gy2 = await as('gy-office', 'GET',
	    `/api/v1/evaluation?year=${YEAR}&region=520100`);
	assert.deepEqual(gy2.body, gy.body);

	const county = await cliEval(['--region', '520102']);
	const clerk = await as('nm-clerk', 'GET',
	    `/api/v1/evaluation?year=${YEAR}`);
	assert.equal(clerk.status, 200, clerk.text);
	assert.ok(clerk.body.results.length > 0);
	assert.ok(clerk.body.results.every((x) => x.organ === '520102-party'));
	assert.deepEqual(clerk.body.results, county.results.filter((x) =>
	    x.organ === '520102-party'));

	const me = await as('nm-leader', 'GET', '/api/v1/me');
	assert.ok(me.body.person);
	const leader = await as('nm-leader', 'GET',
	    `/api/v1/evaluation?year=${YEAR}`);
	assert.equal(leader.status, 200, leader.text);
	assert.ok(leader.body.results.length > 0);
	assert.ok(leader.body.results.every((x) => x.person === me.body.person));
	assert.deepEqual(leader.body.results, county.results.filter((x) =>
	    x.person === me.body.person));

	const gz = await as('gz-office', 'GET',
	    `/api/v1/evaluation?year=${YEAR}&region=520102`);
	assert.equal(gz.status, 200, gz.text);
	assert.deepEqual(gz.body.results, county.results);

	assertProblem(await as('nm-office', 'GET',
	    `/api/v1/evaluation?year=${YEAR}&region=520100`), 403, 'region');
	assertProblem(await as('yy-clerk', 'GET',
	    `/api/v1/evaluation?year=${YEAR}&region=520102`), 403, 'region');
	assertProblem(await as('nm-office', 'GET', '/api/v1/evaluation'), 400,
	    'year');
	assertProblem(await as('nm-office', 'GET',
	    '/api/v1/evaluation?year=twenty'), 400, 'year');
	assertProblem(await as('gz-office', 'GET',
	    `/api/v1/evaluation?year=${YEAR}&region=999999`), 404, 'region');
});

test('verify and reject: offices only, a rejection needs a note',
    async () => {
	const rec = record();
	assert.equal((await as('nm-clerk', 'POST', '/api/v1/records',
	    { json: rec })).status, 201);
	const url = `/api/v1/records/${rec.id}`;
	for (const who of ['nm-clerk', 'nm-leader', 'inspector', 'discipline'])
		assertProblem(await as(who, 'POST', `${url}/verify`), 403);
	assertProblem(await as('yy-clerk', 'POST', `${url}/reject`,
	    { json: { note: 'no' } }), 403);
	assert.equal((await as('nm-clerk', 'GET', url)).body.status,
	    'submitted');

	const v = await as('nm-office', 'POST', `${url}/verify`);
	assert.equal(v.status, 200, v.text);
	assert.equal(v.body.status, 'verified');
	assert.equal(v.body.reviewed_by, 'nm-office');
	assert.equal((await as('nm-clerk', 'GET', url)).body.status, 'verified');

	assertProblem(await as('nm-office', 'POST', `${url}/reject`), 400,
	    'note');
	assertProblem(await as('nm-office', 'POST', `${url}/reject`,
	    { json: { note: '' } }), 400, 'note');
	assert.equal((await as('nm-clerk', 'GET', url)).body.status, 'verified');

	const j = await as('nm-office', 'POST', `${url}/reject`,
	    { json: { note: '材料不全' } });
	assert.equal(j.status, 200, j.text);
	assert.equal(j.body.status, 'rejected');
	assert.equal(j.body.review_note, '材料不全');
	assert.equal((await as('nm-clerk', 'GET', url)).body.status, 'rejected');

	/* Another county's office does not reach it. */
	assertProblem(await as('gy-office', 'POST',
	    '/api/v1/records/no-such-record/verify'), 404);
	const yy = record({ organ: '520103-party' });
	assert.equal((await as('yy-clerk', 'POST', '/api/v1/records',
	    { json: yy })).status, 201);
	assertProblem(await as('nm-office', 'POST',
	    `/api/v1/records/${yy.id}/verify`), 404);
	assert.equal((await as('gy-office', 'POST',
	    `/api/v1/records/${yy.id}/verify`)).status, 200);
});

test('evidence: a PDF is stored under its SM3, downloads as an attachment',
    async () => {
	const rec = record();
	assert.equal((await as('nm-clerk', 'POST', '/api/v1/records',
	    { json: rec })).status, 201);
	const url = `/api/v1/records/${rec.id}/evidence`;
	const form = new FormData();
	form.append('file', new Blob([PDF], { type: 'application/pdf' }),
	    '会议纪要.pdf');
	form.append('evidence_date', `${YEAR}-03-10`);
	const up = await as('nm-clerk', 'POST', url, { body: form });
	assert.equal(up.status, 201, up.text);
	assert.match(up.body.sm3, /^[0-9a-f]{64}$/);
	if (getHashes().includes('sm3'))
		assert.equal(up.body.sm3, createHash('sm3').update(PDF)
		    .digest('hex'));
	assert.equal(up.body.size, PDF.length);
	assert.equal(up.body.mime, 'application/pdf');
	assert.equal(up.body.evidence_date, `${YEAR}-03-10`);
	assert.equal(up.body.record, rec.id);

	const list = await as('nm-clerk', 'GET', url);
	assert.equal(list.status, 200);
	assert.deepEqual(list.body.items.map((e) => e.key), [up.body.key]);
	assert.equal((await as('nm-clerk', 'GET', `/api/v1/records/${rec.id}`))
	    .body.evidence_files, 1);

	const dl = await as('nm-office', 'GET', up.body.href);
	assert.equal(dl.status, 200);
	assert.ok(dl.bytes.equals(PDF), 'the same bytes come back');
	assert.match(dl.headers.get('content-disposition') ?? '',
	    /^attachment;/);
	assert.equal(dl.headers.get('x-content-type-options'), 'nosniff');
	assert.equal(dl.type, 'application/pdf');
	/* Not for another county. */
	assertProblem(await as('yy-clerk', 'GET', up.body.href), 404);
	assertProblem(await as('yy-clerk', 'GET', url), 404);

	/* What is not an allowed document is refused by its content. */
	const txt = new FormData();
	txt.append('file', new Blob(['just some text\n'],
	    { type: 'application/pdf' }), 'notes.pdf');
	assertProblem(await as('nm-clerk', 'POST', url, { body: txt }), 415,
	    'file');
	const html = new FormData();
	html.append('file', new Blob(['<html><script>alert(1)</script></html>'],
	    { type: 'text/html' }), 'x.html');
	assertProblem(await as('nm-clerk', 'POST', url, { body: html }), 415);
	const none = new FormData();
	none.append('evidence_date', `${YEAR}-03-10`);
	assertProblem(await as('nm-clerk', 'POST', url, { body: none }), 400,
	    'file');
	const bad = new FormData();
	bad.append('file', new Blob([PDF]), 'a.pdf');
	bad.append('evidence_date', 'March');
	assertProblem(await as('nm-clerk', 'POST', url, { body: bad }), 400,
	    'evidence_date');
	/* Out of scope, or a role that only reads. */
	const other = new FormData();
	other.append('file', new Blob([PDF]), 'a.pdf');
	assertProblem(await as('yy-clerk', 'POST', url, { body: other }), 404);
	assertProblem(await as('nm-leader', 'POST', url, { body: other }), 403);
	assert.equal((await as('nm-clerk', 'GET', url)).body.items.length, 1);
	assertProblem(await as('nm-clerk', 'GET', '/api/v1/evidence/999999'),
	    404);
});

test('pagination: per_page and page over a total', async () => {
	const first = await as('nm-office', 'GET', '/api/v1/records?per_page=2');
	assert.equal(first.status, 200);
	assert.equal(first.body.items.length, 2);
	assert.equal(first.body.per_page, 2);
	assert.equal(first.body.page, 1);
	assert.ok(first.body.total > 2, `total ${first.body.total}`);
	const second = await as('nm-office', 'GET',
	    '/api/v1/records?per_page=2&page=2');
	assert.equal(second.body.items.length, 2);
	assert.equal(second.body.total, first.body.total);
	const ids = new Set([...first.body.items, ...second.body.items]
	    .map((x) => x.id));
	assert.equal(ids.size, 4, 'pages do not overlap');
	const last = Math.ceil(first.body.total / 2);
	const end = await as('nm-office', 'GET',
	    `/api/v1/records?per_page=2&page=${last}`);
	assert.equal(end.body.items.length, first.body.total - 2 * (last - 1));
	const past = await as('nm-office', 'GET',
	    `/api/v1/records?per_page=2&page=${last + 1}`);
	assert.equal(past.body.items.length, 0);
	const big = await as('nm-office', 'GET', '/api/v1/records?per_page=5000');
	assert.equal(big.body.per_page, 200);
	/* Filters narrow the total. */
	const kind = await as('nm-office', 'GET',
	    '/api/v1/records?kind=rol_lecture&per_page=200');
	assert.ok(kind.body.total > 0 && kind.body.total < first.body.total);
	assert.ok(kind.body.items.every((x) => x.kind === 'rol_lecture'));
	const dated = await as('nm-office', 'GET',
	    `/api/v1/records?from=${YEAR}-06-01&to=${YEAR}-06-30&per_page=200`);
	assert.ok(dated.body.items.every((x) => x.date >= `${YEAR}-06-01` &&
	    x.date <= `${YEAR}-06-30`));
});

test('PUT /api/v1/scores: an office scores a qualitative duty, the ' +
    'evaluation shows it', async () => {
	const me = await as('nm-leader', 'GET', '/api/v1/me');
	const person = me.body.person;
	const duty = '5.1-leadership';
	const score = { person, year: YEAR, duty, score: 73.5,
		comment: '测试评分' };
	assertProblem(await as('nm-clerk', 'PUT', '/api/v1/scores',
	    { json: score }), 403);
	assertProblem(await as('nm-leader', 'PUT', '/api/v1/scores',
	    { json: score }), 403);
	assertProblem(await as('yy-clerk', 'PUT', '/api/v1/scores',
	    { json: score }), 403);
	/* A person outside the office's county. */
	assertProblem(await as('nm-office', 'PUT', '/api/v1/scores',
	    { json: { ...score, person: 'p-000001' } }), 403, 'person');

	const r = await as('nm-office', 'PUT', '/api/v1/scores', { json: score });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.score, 73.5);
	assert.equal(r.body.by, 'nm-office');

	const ev = await as('nm-office', 'GET', `/api/v1/evaluation?year=${YEAR}`);
	const mine = ev.body.results.filter((x) => x.person === person &&
	    x.organ === '520102-party');
	assert.ok(mine.length > 0);
	for (const res of mine) {
		const d = res.duties.find((x) => x.id === duty);
		assert.equal(d.score, 73.5);
		assert.equal(d.scored_by, 'nm-office');
		assert.equal(d.comment, '测试评分');
	}
	/* Every page of the list (50 a page by default). */
	const list = { body: { items: [] } };
	for (let page = 1; ; page++) {
		const one = await as('nm-office', 'GET',
		    `/api/v1/scores?year=${YEAR}&per_page=200&page=${page}`);
		list.body.items.push(...one.body.items);
		if (list.body.items.length >= one.body.total)
			break;
	}
	assert.ok(list.body.items.some((x) => x.person === person &&
	    x.duty === duty && x.score === 73.5 && x.by === 'nm-office'));
	/* And the CLI agrees. */
	const cli = await cliEval(['--region', '520102']);
	const c = cli.results.find((x) => x.person === person)
	    .duties.find((x) => x.id === duty);
	assert.equal(c.score, 73.5);

	assertProblem(await as('nm-office', 'PUT', '/api/v1/scores',
	    { json: { ...score, duty: '5.1-hearings' } }), 400, 'duty');
	assertProblem(await as('nm-office', 'PUT', '/api/v1/scores',
	    { json: { ...score, score: 101 } }), 400, 'score');
	assertProblem(await as('nm-office', 'PUT', '/api/v1/scores',
	    { json: { ...score, year: 'x' } }), 400, 'year');
});

test('API tokens and logout', async () => {
	const t = await as('nm-office', 'POST', '/api/v1/tokens',
	    { json: { label: '测试脚本', password: PASSWORD } });
	assert.equal(t.status, 201, t.text);
	assert.match(t.body.token, /^[0-9a-f]{64}$/);
	const me = await srv.api('GET', '/api/v1/me', { token: t.body.token });
	assert.equal(me.body.username, 'nm-office');
	assertProblem(await as('nm-office', 'POST', '/api/v1/tokens',
	    { json: { password: PASSWORD } }), 400, 'label');
	assertProblem(await as('nm-office', 'POST', '/api/v1/tokens',
	    { json: { label: '测试脚本' } }), 400, 'password');

	const session = await srv.login('inspector');
	assert.equal((await srv.api('POST', '/api/v1/logout',
	    { token: session })).status, 200);
	assertProblem(await srv.api('GET', '/api/v1/me', { token: session }), 401);
});

/* The server notes a token's use after the lookups of a request (which
 * only read): an API token's last use, a session's refresh and its end. */
test('bearer lookups: last use noted, sessions refreshed and expired',
    async () => {
	const name = `idle-${process.pid}`;
	const add = await run(['--db', srv.db, 'user', 'add', name, '--role',
		'inspector', '--region', '520000', '--password-stdin'],
	{ input: `${PASSWORD}\n` });
	assert.equal(add.code, 0, add.stderr);
	/* The database's own client (sqlite3 or psql), beside the server. */
	const q = async (text) => (await sql(srv.db, text)).trim();
	const mine = `account = (SELECT key FROM account WHERE name = '${name}')`;
	const now = () => Math.floor(Date.now() / 1000);

	const session = await srv.login(name);
	const t = await srv.api('POST', '/api/v1/tokens',
	    { token: session, json: { label: 'last use', password: PASSWORD } });
	assert.equal(t.status, 201, t.text);
	assert.equal(await q(`SELECT last_used FROM api_token WHERE ${mine}`),
	    '0');
	assert.equal((await srv.api('GET', '/api/v1/me',
	    { token: t.body.token })).status, 200);
	const used = Number(await q(
	    `SELECT last_used FROM api_token WHERE ${mine}`));
	assert.ok(Math.abs(used - now()) <= 5, String(used));

	/* Idle for ten minutes: the next request refreshes the session. */
	await q(`UPDATE session SET last_seen = last_seen - 600 WHERE ${mine}`);
	assert.equal((await srv.api('GET', '/api/v1/me',
	    { token: session })).status, 200);
	const seen = Number(await q(
	    `SELECT last_seen FROM session WHERE ${mine}`));
	assert.ok(Math.abs(seen - now()) <= 5, String(seen));

	/* Idle for 31 minutes: refused, and the session is gone. */
	await q(`UPDATE session SET last_seen = last_seen - 1860 WHERE ${mine}`);
	assertProblem(await srv.api('GET', '/api/v1/me', { token: session }), 401);
	assert.equal(await q(`SELECT count(*) FROM session WHERE ${mine}`), '0');
	/* The API token is not a session: it still works. */
	assert.equal((await srv.api('GET', '/api/v1/me',
	    { token: t.body.token })).status, 200);
});

test('lockout: five wrong passwords, then even the right one gets 429',
    async () => {
	const name = `lock-${process.pid}`;
	const add = await run(['--db', srv.db, 'user', 'add', name, '--role',
		'inspector', '--region', '520000', '--password-stdin'],
	{ input: `${PASSWORD}\n` });
	assert.equal(add.code, 0, add.stderr);
	await srv.login(name); /* works before */
	const codes = [];
	for (let i = 0; i < 5; i++)
		codes.push((await srv.api('POST', '/api/v1/login',
		    { json: { username: name, password: `Wrong@${i}xyz` } })).status);
	assert.deepEqual(codes.slice(0, 4), [401, 401, 401, 401]);
	assert.ok([401, 429].includes(codes[4]), String(codes[4]));
	const r = await srv.api('POST', '/api/v1/login',
	    { json: { username: name, password: PASSWORD } });
	assertProblem(r, 429);
	assert.equal(r.body.token, undefined);
	assert.ok(Number(r.headers.get('retry-after')) > 0);
	/* Other accounts are not affected. */
	assert.match(await srv.login('inspector'), /^[0-9a-f]{64}$/);
});

test('other API routes answer within scope', async () => {
	const regions = await as('gy-office', 'GET', '/api/v1/regions');
	assert.equal(regions.status, 200);
	assert.ok(regions.body.items.every((x) => x.code.startsWith('5201')));
	assertProblem(await as('gy-office', 'GET', '/api/v1/regions/520200'),
	    404);
	const nm = await as('nm-office', 'GET', '/api/v1/regions/520102');
	assert.equal(nm.status, 200);
	assert.ok(nm.body.organs.some((o) => o.id === '520102-party'));
	const organ = await as('nm-clerk', 'GET', '/api/v1/organs/520102-party');
	assert.equal(organ.status, 200);
	assert.ok(organ.body.tenures.length > 0);
	assertProblem(await as('nm-clerk', 'GET', '/api/v1/organs/520103-party'),
	    404);
	const cat = await as('nm-clerk', 'GET', '/api/v1/catalog');
	assert.ok(cat.body.kinds.some((k) => k.id === 'rol_report_hearing'));
	const cov = await as('nm-office', 'GET',
	    `/api/v1/coverage?date=${YEAR}-06-30`);
	assert.equal(cov.status, 200);
	assert.ok(cov.body.length > 0);
	assert.ok(cov.body.every((x) => x.region.startsWith('520102')));
	assertProblem(await as('nm-office', 'GET', '/api/v1/coverage?date=x'),
	    400, 'date');
	const audit = await as('gz-office', 'GET', '/api/v1/audit?per_page=5');
	assert.equal(audit.status, 200);
	assert.equal(audit.body.items.length, 5);
	const older = await as('admin', 'GET',
	    `/api/v1/audit?per_page=5&before=${audit.body.items[4].seq}`);
	assert.ok(older.body.items.every((x) => x.seq < audit.body.items[4].seq));
	assertProblem(await as('gy-office', 'GET', '/api/v1/audit'), 403);
	assertProblem(await as('nm-clerk', 'GET', '/api/v1/audit'), 403);
	const wrong = await as('nm-clerk', 'DELETE', '/api/v1/records/x');
	assert.equal(wrong.status, 405);
	assertProblem(await as('nm-clerk', 'GET', '/api/v1/nothing-here'), 404);
});

test('GET /api/v1/openapi.json is valid OpenAPI 3.1 covering every route',
    async () => {
	const r = await as('nm-clerk', 'GET', '/api/v1/openapi.json');
	assert.equal(r.status, 200);
	assert.equal(r.type, 'application/json');
	spec = r.body;
	const v = new Validator();
	const res = await v.validate(structuredClone(spec));
	assert.ok(res.valid, JSON.stringify(res.errors, null, 1));
	assert.equal(v.version, '3.1');
	assert.equal(spec.openapi, '3.1.0');
	const all = await routes();
	const api = all.filter((x) => x.pattern.startsWith('/api/v1/'));
	for (const route of api) {
		const item = spec.paths[route.pattern];
		assert.ok(item, `${route.pattern} missing from paths`);
		const o = item[route.method.toLowerCase()];
		assert.ok(o, `${route.method} ${route.pattern} missing`);
		const codes = Object.keys(o.responses);
		assert.ok(codes.some((c) => /^2/.test(c)), route.pattern);
		if (route.pattern !== '/api/v1/login')
			assert.ok(codes.includes('401'), `${route.pattern}: 401`);
		if (route.roles !== null && route.roles.length < 6)
			assert.ok(codes.includes('403'), `${route.pattern}: 403`);
		for (const p of route.pattern.matchAll(/\{(\w+)\}/g))
			assert.ok((o.parameters ?? []).map((x) => deref(spec, x))
			    .some((x) => x.in === 'path' && x.name === p[1]),
			`${route.pattern}: path parameter ${p[1]}`);
	}
	/* Nothing described that the server does not route. */
	for (const [p, item] of Object.entries(spec.paths))
		for (const m of Object.keys(item))
			assert.ok(api.some((x) => x.pattern === p &&
			    x.method.toLowerCase() === m), `${m} ${p} is not a route`);
	/* Served exactly as docs/openapi.json says. */
	assert.deepEqual(spec, JSON.parse(await readFile(path.join(REPO,
	    'docs/openapi.json'), 'utf8')));
	/* The schemas are well-formed and the examples fit them. */
	for (const [name, s] of Object.entries(spec.components.schemas))
		if (s.example !== undefined)
			assert.deepEqual(check(spec, s, s.example), [], name);
});

test('every API answer of this run matches its OpenAPI description',
    async () => {
	assert.ok(spec, 'the OpenAPI test ran first');
	const problems = [];
	let checked = 0;
	for (const x of srv.responses) {
		const found = operationFor(spec, x.method, x.path);
		if (found === null) {
			if (x.status !== 404 && x.status !== 405)
				problems.push(`${x.method} ${x.path}: no operation`);
			continue;
		}
		const res = deref(spec, found.operation.responses[String(x.status)] ??
		    found.operation.responses.default);
		const where = `${x.method} ${found.pattern} ${x.status}`;
		if (res === undefined) {
			problems.push(`${where}: status not described`);
			continue;
		}
		const content = res.content ?? {};
		const media = content[x.type] ?? content['*/*'];
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
	assert.ok(checked > 100, `only ${checked} answers checked`);
	assert.deepEqual([...new Set(problems)], []);
});

test('graceful stop; the audit chain verifies, and tampering is found',
    async () => {
	const e = await srv.stop();
	assert.equal(e.signal, null, e.stderr);
	assert.equal(e.code, 0, e.stderr);
	assert.doesNotMatch(e.stderr, SANITIZER_REPORT);
	/* Nothing but the server's own lines (no library complaints). */
	for (const line of e.stderr.split('\n').filter(Boolean))
		assert.match(line, /^lvzhi: /, e.stderr);
	const log = await srv.readAccessLog();
	assert.match(log, /POST \/api\/v1\/records 201/);
	assert.doesNotMatch(log, /[0-9a-f]{64}/, 'no tokens in the access log');

	const ok = await run(['--db', srv.db, 'audit', 'verify']);
	assert.equal(ok.code, 0, ok.stderr + ok.stdout);
	assert.doesNotMatch(ok.stderr, SANITIZER_REPORT);

	/* Entry 3 changed past the database's own guard: in a copy of the
	 * file, or on PostgreSQL in the database itself (the test is done
	 * with it). */
	let copy = srv.db;
	if (PG === null) {
		copy = path.join(srv.dir, 'tampered.db');
		await copyFile(srv.db, copy);
		for (const ext of ['-wal', '-shm'])
			await copyFile(srv.db + ext, copy + ext).catch(() => {});
	}
	await sql(copy, (PG === null ? 'DROP TRIGGER audit_no_update; ' :
	    'ALTER TABLE audit DISABLE TRIGGER audit_no_update; ') +
	    'UPDATE audit SET actor=\'x\' WHERE seq=3');
	const bad = await run(['--db', copy, 'audit', 'verify']);
	assert.equal(bad.code, 1, bad.stderr + bad.stdout);
	assert.match(bad.stderr, /\b3\b/);
	assert.match(bad.stderr, /entry 3/);
	assert.doesNotMatch(bad.stderr, SANITIZER_REPORT);
});
