/*
 * lvzhi import past the writer's batches: a file of some six hundred
 * lines, so that its rows cross the writer thread's batches and the
 * store's (STORE_BATCH_MAX puts, sent together on PostgreSQL), with a
 * later line updating an earlier row in the same batch and in another,
 * a line equal to an earlier one, and a region line cutting a batch.
 * The counts, the stored rows and the audit of updates must be what a
 * row-by-row import gives (the same test passes on SQLite, which writes
 * row by row); a row the database refuses in the middle of a batch must
 * fail the import at its line and leave nothing.
 */
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { PG, SANITIZER_REPORT, freshDb, run, slow, sql } from './harness.mjs';

const RECORDS = 600;

const rec = (i, title = `记录${i}`, organ = '520102-party') => ({
	type: 'record', id: `r-${i}`, kind: 'rol_lecture', organ,
	date: '2025-05-20', title });

/* The file's lines, and which record ids its later lines update. */
function world() {
	const lines = [
		{ type: 'region', code: '520000', name: '贵州省', level: 'province',
		  parent: null },
		{ type: 'region', code: '520100', name: '贵阳市',
		  level: 'prefecture', parent: '520000' },
		{ type: 'region', code: '520102', name: '南明区', level: 'county',
		  parent: '520100' },
		{ type: 'organ', id: '520102-party', region: '520102',
		  kind: 'party_committee', name: '中共南明区委员会' },
		{ type: 'person', id: 'p-sec', name: '南明书记' },
		{ type: 'tenure', id: 't-sec', person: 'p-sec',
		  organ: '520102-party', role: 'principal', start: '2021-06-01',
		  end: null },
	];
	for (let i = 0; i < RECORDS; i++) {
		lines.push(rec(i));
		if (i === 5) /* the same batch */
			lines.push(rec(3, '记录3(更正)'));
		if (i === 300) /* a later batch */
			lines.push(rec(10, '记录10(更正)'));
		if (i === 400) /* equal: unchanged */
			lines.push(rec(20));
		if (i === 450) { /* a region cuts the batch */
			lines.push({ type: 'region', code: '520103', name: '云岩区',
			    level: 'county', parent: '520100' });
			lines.push({ type: 'organ', id: '520103-party',
			    region: '520103', kind: 'party_committee',
			    name: '中共云岩区委员会' });
			lines.push(rec(0, '记录0', '520103-party'));
		}
	}
	lines.push(rec(RECORDS - 1, '最后一条(更正)'));
	return lines.map((o) => JSON.stringify(o)).join('\n') + '\n';
}

const LINES = 6 + RECORDS + 7;
const UPDATED = ['record:r-3', 'record:r-10', 'record:r-0',
	`record:r-${RECORDS - 1}`];

function counts(stderr) {
	const m = /(\d+) 行,新增 (\d+),更新 (\d+),未变 (\d+)/.exec(stderr);
	assert.ok(m, stderr);
	return m.slice(1).map(Number);
}

async function lvzhi(args) {
	const r = await run(args);
	assert.doesNotMatch(r.stderr, SANITIZER_REPORT);
	return r;
}

async function withDir(body) {
	const dir = await mkdtemp(path.join(os.tmpdir(), 'lvzhi-import-'));
	let ok = false;
	try {
		await writeFile(path.join(dir, 'world.jsonl'), world());
		await body(dir, path.join(dir, 'world.jsonl'));
		ok = true;
	} finally {
		if (ok && !process.env.LVZHI_KEEP)
			await rm(dir, { recursive: true, force: true });
		else
			console.error(`kept ${dir}`);
	}
}

test('an import across batches counts, stores and audits as row by row',
    { timeout: slow(120_000) }, () => withDir(async (dir, file) => {
	const db = freshDb(dir);
	assert.equal((await lvzhi(['--db', db, 'init'])).code, 0);
	let r = await lvzhi(['--db', db, 'import', file]);
	assert.equal(r.code, 0, r.stderr);
	assert.deepEqual(counts(r.stderr), [LINES, LINES - 5, 4, 1]);
	const audit = async () => (await sql(db, 'SELECT action, entity FROM ' +
	    "audit WHERE action <> 'user.add' ORDER BY seq")).trim().split('\n');
	assert.deepEqual(await audit(), [
		...UPDATED.map((e) => `import.update|${e}`),
		`import|file:${file}`,
	]);
	assert.equal((await sql(db, "SELECT r.id, r.title, o.id FROM record r " +
	    "JOIN organ o ON o.key = r.organ WHERE r.id IN ('r-0', 'r-3', " +
	    `'r-10', 'r-20', 'r-${RECORDS - 1}') ORDER BY r.id`)).trim(),
	    ['r-0|记录0|520103-party', 'r-10|记录10(更正)|520102-party',
	     'r-20|记录20|520102-party', 'r-3|记录3(更正)|520102-party',
	     `r-${RECORDS - 1}|最后一条(更正)|520102-party`].join('\n'));
	assert.equal((await sql(db, 'SELECT count(*) FROM record')).trim(),
	    String(RECORDS));

	/* Again: each updated row's earlier line changes it back, its later
	 * line forward again; the rest is unchanged. */
	r = await lvzhi(['--db', db, 'import', file]);
	assert.equal(r.code, 0, r.stderr);
	assert.deepEqual(counts(r.stderr), [LINES, 0, 8, LINES - 8]);
	const last = `record:r-${RECORDS - 1}`;
	assert.deepEqual((await audit()).slice(UPDATED.length + 1), [
		...['record:r-0', 'record:r-3', 'record:r-3', 'record:r-10',
		    'record:r-10', 'record:r-0', last, last].map((e) =>
		    `import.update|${e}`),
		`import|file:${file}`,
	]);
}));

test('a row refused in the middle of a batch fails the import at its line',
    { timeout: slow(120_000) }, () => withDir(async (dir, file) => {
	const db = freshDb(dir);
	assert.equal((await lvzhi(['--db', db, 'init'])).code, 0);
	/* A refusal only the database knows of, for r-300. */
	await sql(db, PG !== null ?
	    'CREATE FUNCTION boom() RETURNS trigger LANGUAGE plpgsql AS ' +
	    "$$BEGIN IF NEW.id = 'r-300' THEN RAISE EXCEPTION 'boom'; END IF; " +
	    'RETURN NEW; END$$; CREATE TRIGGER boom BEFORE INSERT ON record ' +
	    'FOR EACH ROW EXECUTE FUNCTION boom()' :
	    "CREATE TRIGGER boom BEFORE INSERT ON record WHEN NEW.id = 'r-300' " +
	    "BEGIN SELECT RAISE(ABORT, 'boom'); END");
	const r = await lvzhi(['--db', db, 'import', file]);
	assert.equal(r.code, 1, r.stderr);
	/* r-300 is line 6 + 1 (r-3 again) + 301. */
	assert.match(r.stderr, /:308: .*boom/);
	assert.match(r.stderr, /导入失败,本文件未写入任何数据/);
	assert.equal((await sql(db, 'SELECT count(*) FROM record')).trim(), '0');
	assert.equal((await sql(db, 'SELECT count(*) FROM region')).trim(), '0');
	assert.equal((await sql(db, 'SELECT count(*) FROM audit')).trim(), '0');
}));
