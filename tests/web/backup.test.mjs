/*
 * lvzhi backup and lvzhi restore around a running server: a backup taken
 * while clients write is one consistent moment (every record in it has
 * its audit entry, the chain verifies) and holds everything written
 * before it; restore puts it in place of a database, audited, and
 * refuses what it must: a database in use, a damaged or foreign file,
 * a backup over an existing file.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFile, mkdtemp, readFile, rm, stat, writeFile }
	from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { PASSWORD, PG, SANITIZER_REPORT, freshDb, run, slow, spawnServer }
	from './harness.mjs';

/* lvzhi backup and restore copy SQLite files; a PostgreSQL database is
 * the server's to back up (the last test). */
const FILES = PG === null ? {} : { skip: 'backups of SQLite files' };

const WORLD = [
	{ type: 'region', code: '520000', name: '贵州省', level: 'province',
	  parent: null },
	{ type: 'region', code: '520100', name: '贵阳市', level: 'prefecture',
	  parent: '520000' },
	{ type: 'region', code: '520102', name: '南明区', level: 'county',
	  parent: '520100' },
	{ type: 'organ', id: '520102-party', region: '520102',
	  kind: 'party_committee', name: '中共南明区委员会' },
].map((o) => JSON.stringify(o)).join('\n') + '\n';

function sqlite(db, sql) {
	return new Promise((resolve, reject) => {
		execFile('sqlite3', [db, sql], { maxBuffer: 64 << 20 },
		    (err, stdout, stderr) => err ? reject(new Error(
		    `sqlite3 ${sql}: ${stderr || err.message}`)) : resolve(stdout));
	});
}

const lines = (s) => s.split('\n').filter((l) => l !== '');

async function lvzhi(args, input) {
	const r = await run(args, { input });
	assert.doesNotMatch(r.stderr, SANITIZER_REPORT);
	return r;
}

async function must(args, input) {
	const r = await lvzhi(args, input);
	assert.equal(r.code, 0, `lvzhi ${args.join(' ')}: ${r.stderr}`);
	return r.stdout;
}

test('backup while serving and writing, restore into a new path',
    { timeout: slow(180_000), ...FILES }, async () => {
	const dir = await mkdtemp(path.join(os.tmpdir(), 'lvzhi-backup-'));
	const db = path.join(dir, 'live.db');
	const backup = path.join(dir, 'backup.db');
	const restored = path.join(dir, 'restored.db');
	let srv = null, ok = false;
	try {
		await writeFile(path.join(dir, 'world.jsonl'), WORLD);
		await must(['--db', db, 'init']);
		await must(['--db', db, 'import', path.join(dir, 'world.jsonl')]);
		await must(['--db', db, 'user', 'add', 'backup', '--role', 'admin',
			'--password-stdin'], PASSWORD + '\n');
		const token = (await must(['--db', db, 'user', 'token', 'backup',
			'--label', 'backup test'])).trim();
		srv = await spawnServer(dir, db);

		let serial = 0;
		const write = async () => {
			const id = `bk-${++serial}`;
			const r = await fetch(srv.base + '/api/v1/records', {
				method: 'POST',
				headers: { Authorization: `Bearer ${token}`,
					'Content-Type': 'application/json' },
				body: JSON.stringify({ id, kind: 'rol_report_hearing',
					organ: '520102-party', date: '2025-03-10',
					title: `备份测试 ${serial}` }),
			});
			await r.arrayBuffer();
			assert.equal(r.status, 201, id);
			return id;
		};
		const before = [];
		for (let i = 0; i < 20; i++)
			before.push(await write());

		/* Writers keep going while the backup is taken. */
		let writing = true;
		const writers = [0, 1, 2].map(async () => {
			while (writing)
				await write();
		});
		await new Promise((r) => setTimeout(r, 150));
		await must(['--db', db, 'backup', backup]);
		await new Promise((r) => setTimeout(r, 150));
		writing = false;
		await Promise.all(writers);
		assert.ok(serial > 20);

		/* Not over an existing file; not into a database in use. */
		const again = await lvzhi(['--db', db, 'backup', backup]);
		assert.equal(again.code, 2, again.stderr);
		assert.match(again.stderr, /exists/);
		const busy = await lvzhi(['--db', db, 'restore', backup]);
		assert.equal(busy.code, 1, busy.stderr);
		assert.match(busy.stderr, /in use/);

		const e = await srv.stop();
		assert.ok(e.code === 0 && !e.sanitizer, e.stderr);
		srv = null;
		const live = new Set(lines(await sqlite(db, 'SELECT id FROM record;')));
		assert.equal(live.size, serial);

		/* The backup: one file for its owner only, sound. */
		const st = await stat(backup);
		assert.equal(st.mode & 0o777, 0o600);
		assert.equal((await sqlite(backup, 'PRAGMA journal_mode;')).trim(),
		    'delete');
		assert.equal((await sqlite(backup, 'PRAGMA integrity_check;')).trim(),
		    'ok');

		const r = await must(['--db', restored, 'restore', backup]);
		assert.equal(r, '');
		assert.match(await must(['--db', restored, 'audit', 'verify']),
		    /哈希链校验通过/);

		/* Everything acknowledged before the backup is there; every
		 * record is one the server wrote, with its audit entry. */
		const ids = lines(await sqlite(restored, 'SELECT id FROM record;'));
		const have = new Set(ids);
		assert.deepEqual(before.filter((id) => !have.has(id)), []);
		assert.deepEqual(ids.filter((id) => !live.has(id)), []);
		const created = new Set(lines(await sqlite(restored, "SELECT entity " +
		    "FROM audit WHERE action = 'record.create';")));
		assert.deepEqual(ids.filter((id) => !created.has(`record:${id}`)), []);
		assert.equal(created.size, ids.length);

		/* Audited: the backup entry precedes the copy (so it is in it);
		 * the restore entry comes last. */
		const log = lines(await sqlite(restored, 'SELECT action || \' \' || ' +
		    'entity || \' \' || success FROM audit ORDER BY seq;'));
		assert.ok(log.includes(`backup file:${backup} 1`), log.join('\n'));
		assert.equal(log.at(-1), `restore file:${backup} 1`);
		assert.equal((await sqlite(restored, 'PRAGMA integrity_check;'))
		    .trim(), 'ok');
		/* The backup file itself was only read. */
		assert.equal((await sqlite(backup, "SELECT count(*) FROM audit WHERE " +
		    "action = 'restore';")).trim(), '0');
		ok = true;
	} finally {
		if (srv !== null)
			await srv.stop();
		if (ok && !process.env.LVZHI_KEEP)
			await rm(dir, { recursive: true, force: true });
		else
			console.error(`# kept ${dir}`);
	}
});

test('restore refuses what is not a sound lvzhi backup', FILES,
    async () => {
	const dir = await mkdtemp(path.join(os.tmpdir(), 'lvzhi-restore-'));
	const db = path.join(dir, 'target.db');
	let ok = false;
	try {
		await writeFile(path.join(dir, 'world.jsonl'), WORLD);
		await must(['--db', db, 'init']);
		await must(['--db', db, 'import', path.join(dir, 'world.jsonl')]);
		const good = path.join(dir, 'good.db');
		await must(['--db', db, 'backup', good]);
		const target = await readFile(db);

		const refuse = async (file, why) => {
			const r = await lvzhi(['--db', db, 'restore', file]);
			assert.equal(r.code, 1, r.stderr);
			assert.match(r.stderr, why);
			assert.match(r.stderr, /nothing restored/);
			assert.deepEqual(await readFile(db), target, 'target changed');
		};
		const junk = path.join(dir, 'junk.db');
		await writeFile(junk, 'not a database at all\n'.repeat(100));
		await refuse(junk, /not a database/);

		const foreign = path.join(dir, 'foreign.db');
		await sqlite(foreign, 'CREATE TABLE t(x); PRAGMA user_version = 2;');
		await refuse(foreign, /not an lvzhi database/);

		const newer = path.join(dir, 'newer.db');
		await copyFile(good, newer);
		await sqlite(newer, 'PRAGMA user_version = 9999;');
		await refuse(newer, /newer lvzhi/);

		/* An audit entry edited behind the chain's back. */
		const tampered = path.join(dir, 'tampered.db');
		await copyFile(good, tampered);
		await sqlite(tampered, 'DROP TRIGGER IF EXISTS audit_no_update; ' +
		    "UPDATE audit SET actor = 'someone else' WHERE seq = 1;");
		await refuse(tampered, /audit log is broken at entry 1/);

		/* A page of the record table overwritten. */
		const damaged = path.join(dir, 'damaged.db');
		await copyFile(good, damaged);
		const root = Number((await sqlite(damaged, "SELECT rootpage FROM " +
		    "sqlite_master WHERE name = 'audit';")).trim());
		const bytes = await readFile(damaged);
		const size = bytes.readUInt16BE(16) || 65536;
		bytes.fill(0x41, (root - 1) * size + 8, root * size);
		await writeFile(damaged, bytes);
		await refuse(damaged, /integrity check failed|malformed|not a database/);

		const missing = await lvzhi(['--db', db, 'restore',
			path.join(dir, 'nope.db')]);
		assert.equal(missing.code, 2, missing.stderr);
		ok = true;
	} finally {
		if (ok && !process.env.LVZHI_KEEP)
			await rm(dir, { recursive: true, force: true });
		else
			console.error(`# kept ${dir}`);
	}
});

test('on PostgreSQL, backup and restore name the server\'s tools',
    { skip: PG === null && 'the tests run on SQLite' }, async () => {
	const dir = await mkdtemp(path.join(os.tmpdir(), 'lvzhi-pgbackup-'));
	const db = freshDb(dir);
	try {
		await must(['--db', db, 'init']);
		const backup = await lvzhi(['--db', db, 'backup',
		    path.join(dir, 'b.db')]);
		assert.equal(backup.code, 1);
		assert.match(backup.stderr, /pg_dump/);
		await assert.rejects(stat(path.join(dir, 'b.db')));
		await writeFile(path.join(dir, 'b.db'), 'not a database');
		const restore = await lvzhi(['--db', db, 'restore',
		    path.join(dir, 'b.db')]);
		assert.equal(restore.code, 1);
		assert.match(restore.stderr, /pg_restore/);
		/* The refused attempts are audited; the chain holds. */
		await must(['--db', db, 'audit', 'verify']);
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
});
