/*
 * Incremental evaluation sets (store-refresh.c, domain/evaluation-set.c):
 * a write that names the regions it changes (a record, its review, a
 * score) brings an office's set up to date in place, evaluating only
 * those regions again, and the set is then, row for row, the one a full
 * run makes; any other write makes the set anew. Checked through the
 * store on 贵阳市's set (several counties), writing in 南明区.
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';

import { YEAR, browserLogin, run, sql, useServer } from './harness.mjs';

const srv = useServer();
const SCOPE = '520100';
const COUNTY = '520102';
const OF_SET = `FROM eval_set s WHERE s.year = ${YEAR} AND ` +
    `s.scope = '${SCOPE}'`;
const tokens = {};

async function as(name, method, p, o = {}) {
	tokens[name] ??= await srv.login(name);
	return srv.api(method, p, { ...o, token: tokens[name] });
}

let cookie = null;
/* The office's evaluation page; resolves its set's key and version. */
async function open() {
	cookie ??= await browserLogin(srv, 'gy-office');
	const r = await srv.api('GET', `/evaluation?year=${YEAR}`, { cookie });
	assert.equal(r.status, 200, r.text);
	const [key, version] = (await sql(srv.db, `SELECT s.key || ' ' || ` +
	    `s.version ${OF_SET}`)).trim().split(' ');
	assert.ok(key && version, 'one set of the office\'s scope');
	return { key, version };
}

/* Everything the set holds, in its order: results with their documents,
 * duties, the duty counts and the records awaiting review. */
async function dump() {
	const run_ = `(SELECT s.key ${OF_SET})`;
	const parts = await Promise.all([
		`SELECT w.seq, w.path, w.region, w.organ, w.person, w.grade, ` +
		    `coalesce(w.score, -1), w.provisional, w.veto, w.closed, w.role, ` +
		    `d.doc FROM eval_row w JOIN eval_doc d ON d.run = w.run AND ` +
		    `d.seq = w.seq WHERE w.run = ${run_} ORDER BY w.seq`,
		`SELECT seq, duty, rule, verdict, pending, risk, required, ` +
		    `actual, gap, days, weeks, kind, pressure, coalesce(due, '') ` +
		    `FROM eval_duty WHERE run = ${run_} ORDER BY seq, duty`,
		`SELECT rule, verdict, pending, n FROM eval_tally WHERE run = ` +
		    `${run_} ORDER BY rule, verdict, pending`,
		`SELECT awaiting ${OF_SET}`,
	].map((q) => sql(srv.db, q)));
	return { rows: parts[0].split('\n'), duties: parts[1], tally: parts[2],
		awaiting: parts[3].trim() };
}

/* The set made anew from nothing, as a full run makes it. */
async function remade() {
	const run_ = `(SELECT s.key ${OF_SET})`;
	for (const t of ['eval_tally', 'eval_duty', 'eval_doc', 'eval_row'])
		await sql(srv.db, `DELETE FROM ${t} WHERE run = ${run_}`);
	await sql(srv.db, `DELETE FROM eval_set WHERE year = ${YEAR} AND ` +
	    `scope = '${SCOPE}'`);
	await open();
	return dump();
}

/* A mark on one result outside COUNTY, which only a set made anew
 * loses: set (on true) or taken off; resolves whether it is there. */
async function mark(on) {
	const row = `run = (SELECT s.key ${OF_SET}) AND seq = (SELECT ` +
	    `min(seq) FROM eval_row WHERE run = (SELECT s.key ${OF_SET}) AND ` +
	    `region <> '${COUNTY}')`;
	if (on === true)
		await sql(srv.db, `UPDATE eval_row SET person_name = person_name ` +
		    `|| '†' WHERE ${row}`);
	else if (on === false)
		await sql(srv.db, `UPDATE eval_row SET person_name = ` +
		    `replace(person_name, '†', '') WHERE ${row}`);
	return (await sql(srv.db, `SELECT count(*) FROM eval_row WHERE ${row} ` +
	    `AND person_name LIKE '%†'`)).trim() === '1';
}

/* The regions the last write that moved the data version named. */
async function lastChange() {
	return (await sql(srv.db, 'SELECT region FROM data_change WHERE seq = ' +
	    '(SELECT seq FROM data_version) ORDER BY region')).trim()
	    .split('\n');
}

/* Runs write, then expects the set brought up to date in place (the
 * same key, a newer version), only rows of COUNTY changed among them
 * (at least one when changes is set), and the set equal to a full
 * run's. */
async function inPlace(what, changes, write) {
	const before = await open();
	const old = await dump();
	assert.ok(await mark(true));
	await write();
	assert.deepEqual(await lastChange(), [COUNTY],
	    `${what} names ${COUNTY} alone`);
	const now = await open();
	assert.ok(await mark(), `${what}: the set kept, in place`);
	assert.equal(await mark(false), false);
	assert.equal(now.key, before.key);
	assert.ok(Number(now.version) > Number(before.version),
	    `${what}: under the new version`);
	const got = await dump();
	assert.equal(got.rows.length, old.rows.length);
	let differ = 0;
	for (let i = 0; i < got.rows.length; i++) {
		if (got.rows[i] === old.rows[i])
			continue;
		differ++;
		assert.equal(got.rows[i].split('|')[2], COUNTY,
		    `${what}: a result outside ${COUNTY} changed`);
	}
	if (changes)
		assert.ok(differ > 0, `${what}: ${COUNTY}'s results evaluated again`);
	assert.deepEqual(got, await remade(), `${what}: as a full run makes it`);
}

test('a record, its review and a score bring the set up to date in place',
    async () => {
	let record = null;
	await inPlace('a record added', true, async () => {
		const r = await as('nm-clerk', 'POST', '/api/v1/records', { json: {
			id: `r-rf-${Date.now()}`, kind: 'rol_report_hearing',
			organ: `${COUNTY}-party`, date: `${YEAR}-05-12`,
			title: '增量考评测试:听取法治建设工作汇报' } });
		assert.equal(r.status, 201, r.text);
		record = r.body.id;
	});
	await inPlace('a record verified', true, async () => {
		const r = await as('nm-office', 'POST',
		    `/api/v1/records/${record}/verify`);
		assert.equal(r.status, 200, r.text);
	});
	await inPlace('a duty scored', true, async () => {
		const ev = await as('nm-office', 'GET',
		    `/api/v1/evaluation?year=${YEAR}&region=${COUNTY}`);
		const res = ev.body.results.find((x) => x.region === COUNTY &&
		    x.duties.some((d) => d.verdict === 'needs_review'));
		assert.ok(res, 'a duty to score');
		const duty = res.duties.find((d) => d.verdict === 'needs_review');
		const r = await as('nm-office', 'PUT', '/api/v1/scores', { json: {
			person: res.person, year: YEAR, duty: duty.id, score: 88,
			comment: '增量考评测试评分' } });
		assert.equal(r.status, 200, r.text);
	});
});

test('a write that names no region makes the set anew', async () => {
	const before = await open();
	assert.ok(await mark(true));
	const file = path.join(srv.dir, 'rf.jsonl');
	await writeFile(file, JSON.stringify({ type: 'person',
		id: 'p-rf-0001', name: '增量考评' }) + '\n');
	const r = await run(['--db', srv.db, 'import', file]);
	assert.equal(r.code, 0, r.stderr);
	assert.deepEqual(await lastChange(), [''], 'a change of everything');
	const now = await open();
	assert.ok(Number(now.version) > Number(before.version));
	assert.equal(await mark(), false, 'the set made anew');
});

/* The rows of data_change the last write that moved the version left. */
async function changeRows() {
	return Number((await sql(srv.db, 'SELECT count(*) FROM data_change ' +
	    'WHERE seq = (SELECT seq FROM data_version)')).trim());
}

const PDF = Buffer.from('%PDF-1.4\n%...\n1 0 obj<<>>endobj\ntrailer<<>>\n' +
    '%%EOF\n');

function evidence(name) {
	const form = new FormData();
	form.append('file', new Blob([PDF], { type: 'application/pdf' }), name);
	form.append('evidence_date', `${YEAR}-05-20`);
	return form;
}

test('a write of nothing a set reads keeps the set; evidence that reopens ' +
    'a verified record brings its regions up to date', async () => {
	const id = `r-rf-ev-${Date.now()}`;
	let r = await as('nm-clerk', 'POST', '/api/v1/records', { json: {
		id, kind: 'rol_report_hearing', organ: `${COUNTY}-party`,
		date: `${YEAR}-05-19`, title: '增量考评测试:佐证材料' } });
	assert.equal(r.status, 201, r.text);
	/* Evidence on a record awaiting review, an inspection and its
	 * finding: the version moves (other pages keep things under it),
	 * no region is named, and the set is kept as it is. */
	const writes = [
		['evidence uploaded', () => as('nm-clerk', 'POST',
		    `/api/v1/records/${id}/evidence`, { body: evidence('纪要.pdf') })],
		['an inspection', () => as('gy-office', 'POST',
		    '/api/v1/inspections', { json: { kind: 'special', title:
		    '增量考评测试督查', region: COUNTY, year: YEAR } })],
	];
	for (const [what, write] of writes) {
		const before = await open();
		assert.ok(await mark(true));
		r = await write();
		assert.equal(r.status, 201, `${what}: ${r.text}`);
		assert.equal(await changeRows(), 0, `${what} names no region`);
		const now = await open();
		assert.equal(now.key, before.key);
		assert.ok(Number(now.version) > Number(before.version),
		    `${what}: under the new version`);
		assert.ok(await mark(), `${what}: the set kept as it was`);
		assert.equal(await mark(false), false);
		assert.deepEqual(await dump(), await remade(),
		    `${what}: as a full run makes it`);
	}
	r = await as('nm-office', 'POST', `/api/v1/records/${id}/verify`);
	assert.equal(r.status, 200, r.text);
	await inPlace('evidence on a verified record (reopened)', true,
	    async () => {
		const up = await as('nm-clerk', 'POST',
		    `/api/v1/records/${id}/evidence`, { body: evidence('补充.pdf') });
		assert.equal(up.status, 201, up.text);
		assert.equal((await sql(srv.db, `SELECT status FROM record WHERE ` +
		    `id = '${id}'`)).trim(), 'submitted', 'sent back for review');
	});
});
