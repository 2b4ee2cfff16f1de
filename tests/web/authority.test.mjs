/*
 * Authority at the root (issue 12, items 1 and 2): a create never
 * overwrites, an edit is checked against the record as stored, and a
 * person named in a record or a finding must hold a tenure at its organ
 * then; refusals never tell a name. The first test is the attack
 * as it was made: a 云岩区 clerk posting a record with the id of a
 * verified 南明区 record. docs/security.md (权限在根上) maps each control
 * here.
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';

import { YEAR, run, useServer } from './harness.mjs';

const srv = useServer();
const tokens = {};

async function as(name, method, p, o = {}) {
	tokens[name] ??= await srv.login(name);
	return srv.api(method, p, { ...o, token: tokens[name] });
}

const PDF = Buffer.from('%PDF-1.4\n%...\n1 0 obj<<>>endobj\ntrailer<<>>\n' +
    '%%EOF\n', 'latin1');

/* The audit log's newest entry: a refused write must not add one (the
 * accounts log in first: a login is audited). */
async function auditHead() {
	for (const name of ['yy-clerk', 'nm-clerk', 'gy-office'])
		tokens[name] ??= await srv.login(name);
	const r = await as('admin', 'GET', '/api/v1/audit?per_page=1');
	assert.equal(r.status, 200, r.text);
	return r.body.items[0]?.seq ?? 0;
}

/* The principal of an organ on a day, as the registry tells it. */
async function principal(organ, day = `${YEAR}-06-30`) {
	const o = await as('admin', 'GET', `/api/v1/organs/${organ}`);
	assert.equal(o.status, 200, o.text);
	const t = o.body.tenures.find((x) => x.role === 'principal' &&
	    x.start <= day && (x.end === null || x.end >= day));
	assert.ok(t, `a principal of ${organ} on ${day}`);
	return { id: t.person, name: t.person_name };
}

/* A person who left 云岩区委 in the middle of the year before, and one
 * who never held a post anywhere. */
let imported = null;
const setup = () => imported ??= (async () => {
	const file = path.join(srv.dir, 'moved.jsonl');
	await writeFile(file, [
		{ type: 'person', id: 'p-auth-moved', name: '调离甲' },
		{ type: 'tenure', id: 't-auth-moved', person: 'p-auth-moved',
			organ: '520103-party', role: 'deputy', start: '2020-01-01',
			end: `${YEAR - 1}-06-30` },
		{ type: 'person', id: 'p-auth-none', name: '无职乙' },
	].map((x) => JSON.stringify(x)).join('\n') + '\n');
	const r = await run(['--db', srv.db, 'import', file]);
	assert.equal(r.code, 0, r.stderr);
})();

test('the issue\'s attack: a 云岩区 clerk posts the id of a verified 南明区 ' +
    'record → 409, the record, the evaluation and the evidence untouched',
async () => {
	const list = await as('admin', 'GET', '/api/v1/records?organ=' +
	    `520102-party&status=verified&per_page=1&from=${YEAR}-01-01`);
	assert.equal(list.status, 200, list.text);
	const target = list.body.items[0];
	assert.ok(target, 'a verified record of 中共南明区委员会');
	const id = target.id;
	/* Evidence the clerk must not read, then verified again. */
	const f = new FormData();
	f.append('file', new Blob([PDF], { type: 'application/pdf' }), '材料.pdf');
	const up = await as('admin', 'POST', `/api/v1/records/${id}/evidence`,
	    { body: f });
	assert.equal(up.status, 201, up.text);
	const v = await as('admin', 'POST', `/api/v1/records/${id}/verify`,
	    { json: { note: '核实' } });
	assert.ok([200, 409].includes(v.status), v.text);
	const record = (await as('admin', 'GET', `/api/v1/records/${id}`)).text;
	const evalPath = `/api/v1/evaluation?year=${YEAR}&region=520102`;
	const evaluation = (await as('admin', 'GET', evalPath)).text;
	const head = await auditHead();

	/* The clerk's record: the same id, his own organ, a valid body. */
	const r = await as('yy-clerk', 'POST', '/api/v1/records', { json: {
		id, kind: target.kind, organ: '520103-party', date: target.date,
		title: '云岩区委听取法治建设工作汇报' } });
	assert.equal(r.status, 409, r.text);
	assert.equal(r.body.field, 'id');
	assert.equal((await as('admin', 'GET', `/api/v1/records/${id}`)).text,
	    record, 'the record is unchanged');
	assert.equal((await as('admin', 'GET', evalPath)).text, evaluation,
	    'the evaluation is unchanged');
	assert.equal(await auditHead(), head, 'nothing audited');
	for (const p of [`/api/v1/records/${id}`,
	    `/api/v1/records/${id}/evidence`, `/api/v1/evidence/${up.body.key}`])
		assert.equal((await as('yy-clerk', 'GET', p)).status, 404, p);
	/* Nor through the page's form, nor as an edit. */
	const put = await as('yy-clerk', 'PUT', `/api/v1/records/${id}`, { json: {
		kind: target.kind, organ: '520103-party', date: target.date,
		title: '改' } });
	assert.equal(put.status, 404, put.text);
	const page = await as('yy-clerk', 'POST', `/ledger/${id}`, { body:
	    new URLSearchParams({ kind: target.kind, organ: '520103-party',
		date: target.date, title: '改' }) });
	assert.equal(page.status, 404, page.text.slice(0, 200));
	assert.equal((await as('admin', 'GET', `/api/v1/records/${id}`)).text,
	    record, 'the record is unchanged');
	assert.equal(await auditHead(), head, 'nothing audited');
});

test('a create answers 400, then 403, then 409, and writes nothing',
async () => {
	const own = (await as('admin', 'POST', '/api/v1/records', { json: {
		id: 'r-auth-own', kind: 'rol_report_hearing', organ: '520103-party',
		date: `${YEAR}-04-01`, title: '自己的记录' } }));
	assert.equal(own.status, 201, own.text);
	const foreign = 'r-auth-foreign';
	assert.equal((await as('admin', 'POST', '/api/v1/records', { json: {
		id: foreign, kind: 'rol_report_hearing', organ: '520102-party',
		date: `${YEAR}-04-01`, title: '别人的记录' } })).status, 201);
	const head = await auditHead();
	const body = (o) => ({ kind: 'rol_report_hearing', organ: '520103-party',
		date: `${YEAR}-04-02`, title: '测试', ...o });
	const cases = [
		/* invalid and out of scope and existing: the 400 */
		[body({ id: foreign, organ: '520102-party', date: 'soon' }), 400,
		    'date'],
		/* an unknown person, out of scope and existing: the 400 */
		[body({ id: foreign, organ: '520102-party',
		    person: 'p-no-such-person' }), 400, 'person'],
		/* out of scope and existing: the 403 */
		[body({ id: foreign, organ: '520102-party' }), 403, 'organ'],
		/* existing in another scope, and in its own */
		[body({ id: foreign }), 409, 'id'],
		[body({ id: 'r-auth-own' }), 409, 'id'],
		/* a status only the office sets, on an existing id: the 403 */
		[body({ id: foreign, status: 'verified' }), 403, 'status'],
	];
	for (const [json, status, field] of cases) {
		const r = await as('yy-clerk', 'POST', '/api/v1/records', { json });
		assert.equal(r.status, status, `${JSON.stringify(json)}: ${r.text}`);
		assert.equal(r.body.field, field, r.text);
	}
	assert.equal(await auditHead(), head, 'nothing audited');
	const f = await as('admin', 'GET', `/api/v1/records/${foreign}`);
	assert.equal(f.body.organ, '520102-party');
	assert.equal(f.body.title, '别人的记录');
	/* An office writes its whole subtree, and still cannot overwrite. */
	const o = await as('gy-office', 'POST', '/api/v1/records', { json:
	    body({ id: foreign }) });
	assert.equal(o.status, 409, o.text);
});

test('an edit is checked against the record as stored', async () => {
	const id = 'r-auth-edit';
	assert.equal((await as('admin', 'POST', '/api/v1/records', { json: {
		id, kind: 'rol_report_hearing', organ: '520103-party',
		date: `${YEAR}-05-01`, title: '云岩区的记录' } })).status, 201);
	const before = (await as('admin', 'GET', `/api/v1/records/${id}`)).text;
	const head = await auditHead();
	/* Another county's clerk: as if it did not exist, whatever the body
	 * names. */
	for (const organ of ['520102-party', '520103-party']) {
		const r = await as('nm-clerk', 'PUT', `/api/v1/records/${id}`,
		    { json: { kind: 'rol_report_hearing', organ,
			date: `${YEAR}-05-01`, title: '改' } });
		assert.equal(r.status, 404, r.text);
	}
	/* Its own clerk cannot move it out of his organ. */
	const away = await as('yy-clerk', 'PUT', `/api/v1/records/${id}`,
	    { json: { kind: 'rol_report_hearing', organ: '520102-party',
		date: `${YEAR}-05-01`, title: '搬走' } });
	assert.equal(away.status, 403, away.text);
	assert.equal(away.body.field, 'organ');
	assert.equal((await as('admin', 'GET', `/api/v1/records/${id}`)).text,
	    before);
	assert.equal(await auditHead(), head, 'nothing audited');
	const ok = await as('yy-clerk', 'PUT', `/api/v1/records/${id}`,
	    { json: { kind: 'rol_report_hearing', organ: '520103-party',
		date: `${YEAR}-05-01`, title: '修改' } });
	assert.equal(ok.status, 200, ok.text);
});

test('a person in a record: known (400), with a tenure at the organ then ' +
    '(403), never named in a refusal', async () => {
	await setup();
	const nmLeader = await principal('520102-party');
	const yyLeader = await principal('520103-party');
	const head = await auditHead();
	let n = 0;
	const post = (who, o) => as(who, 'POST', '/api/v1/records', { json: {
		id: `r-auth-person-${++n}`, kind: 'court_hearing_attendance',
		organ: '520103-party', date: `${YEAR}-03-01`, title: '旁听庭审',
		...o } });
	const refused = [
		/* another county's leader: today's enumeration of names */
		[{ person: nmLeader.id }, 403],
		/* a person without any post */
		[{ person: 'p-auth-none' }, 403],
		/* one who had left before the date */
		[{ person: 'p-auth-moved' }, 403],
		/* nobody */
		[{ person: 'p-auth-nobody' }, 400],
	];
	for (const [o, status] of refused) {
		const r = await post('yy-clerk', o);
		assert.equal(r.status, status, `${o.person}: ${r.text}`);
		assert.equal(r.body.field ?? r.body.errors?.[0]?.field, 'person',
		    r.text);
		for (const name of [nmLeader.name, '无职乙', '调离甲'])
			assert.ok(!r.text.includes(name), `${name} in ${r.text}`);
	}
	/* Through the page's form, the same; the form does not name him. */
	const page = await as('yy-clerk', 'POST', '/ledger', { body:
	    new URLSearchParams({ kind: 'court_hearing_attendance',
		organ: '520103-party', date: `${YEAR}-03-01`, title: '旁听庭审',
		person: nmLeader.id }) });
	assert.equal(page.status, 403, page.text.slice(0, 200));
	assert.ok(!page.text.includes(nmLeader.name), 'the name on the page');
	assert.equal(await auditHead(), head, 'nothing audited');
	/* The organ's own leader, and a report about the year in which the
	 * one who moved on was still in post. */
	const ok = await post('yy-clerk', { person: yyLeader.id });
	assert.equal(ok.status, 201, ok.text);
	assert.equal(ok.body.person_name, yyLeader.name);
	const year = { kind: 'year_end_report', date: `${YEAR}-01-15`,
		includes_rule_of_law: true, person: 'p-auth-moved' };
	const moved = await post('yy-clerk', { ...year, about_year: YEAR - 1 });
	assert.equal(moved.status, 201, moved.text);
	const late = await post('yy-clerk', { ...year, about_year: YEAR });
	assert.equal(late.status, 403, late.text);
	assert.equal(late.body.field, 'person');
	/* An edit is held to the same. */
	const edit = await as('yy-clerk', 'PUT',
	    `/api/v1/records/${ok.body.id}`, { json: { kind:
		'court_hearing_attendance', organ: '520103-party',
		date: `${YEAR}-03-01`, title: '旁听庭审', person: nmLeader.id } });
	assert.equal(edit.status, 403, edit.text);
	assert.ok(!edit.text.includes(nmLeader.name));
});

test('a person in a finding holds a tenure at its organ in the ' +
    'inspection\'s year', async () => {
	await setup();
	const insp = await as('gy-office', 'POST', '/api/v1/inspections', {
		json: { kind: 'special', title: '权限测试督查', region: '520103',
		    year: YEAR } });
	assert.equal(insp.status, 201, insp.text);
	const nmLeader = await principal('520102-party');
	const yyLeader = await principal('520103-party');
	const head = await auditHead();
	const find = (person) => as('gy-office', 'POST',
	    `/api/v1/inspections/${insp.body.id}/findings`, { json: {
		organ: '520103-party', person, severity: 'minor',
		description: '权限测试问题' } });
	for (const [person, status] of [[nmLeader.id, 403],
	    ['p-auth-moved', 403], ['p-auth-none', 403],
	    ['p-auth-nobody', 400]]) {
		const r = await find(person);
		assert.equal(r.status, status, `${person}: ${r.text}`);
		assert.equal(r.body.field, 'person');
		assert.ok(!r.text.includes(nmLeader.name));
	}
	assert.equal(await auditHead(), head, 'nothing audited');
	const ok = await find(yyLeader.id);
	assert.equal(ok.status, 201, ok.text);
	/* The page's form, the same. */
	const page = await as('gy-office', 'POST',
	    `/supervision/inspections/${insp.body.id}/findings`, { body:
	    new URLSearchParams({ organ: '520103-party', person: nmLeader.id,
		severity: 'minor', description: '页面问题' }) });
	assert.equal(page.status, 403, page.text.slice(0, 200));
	assert.ok(!page.text.includes(nmLeader.name));
});

/* Publishing an annual report files the ledger record under an id of the
 * workflow's own (r-annual-ORGAN-YEAR). A clerk who took that id first
 * would make the publication fail with 409: the prefix is reserved. */
test('the id a publication will file is reserved: a create under it is ' +
    '400 naming id, nothing written', async () => {
	const before = await auditHead();
	const id = `r-annual-520102-gov-${YEAR + 1}`;
	const r = await as('nm-clerk', 'POST', '/api/v1/records', { json: {
		id, kind: 'rol_gov_annual_report', organ: '520102-gov',
		date: `${YEAR}-03-01`, about_year: YEAR,
		recipients: ['party_committee'], title: '抢占编号' } });
	assert.equal(r.status, 400, r.text);
	assert.equal(r.body.errors?.[0]?.field ?? r.body.field, 'id', r.text);
	assert.equal((await as('admin', 'GET', `/api/v1/records/${id}`)).status,
	    404);
	assert.equal(await auditHead(), before, 'nothing audited');
});
