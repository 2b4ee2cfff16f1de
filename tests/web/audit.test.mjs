/*
 * The audit chain proves it is whole (issue 12, item 4), against someone
 * who can change the database (sqlite3 / psql as its owner) but does not
 * hold the audit key: deleting the last entries, or rewriting one and
 * recomputing the plain SM3 chain behind it, fails `lvzhi audit verify`
 * naming the entry; a restore of an older backup is an audited rollback,
 * which verify reports as such; a log from before the key verifies as
 * before and says from which entry on it is keyed. Runs on SQLite and on
 * PostgreSQL (LVZHI_TEST_DB=pg); the key and head are given by
 * LVZHI_AUDIT_KEY / LVZHI_AUDIT_HEAD, the defaults by the first test.
 * Two servers writing on one database: tests/web/cluster.test.mjs.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, unlink, writeFile }
	from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { PASSWORD, PG, SANITIZER_REPORT, api, browserLogin, freshDb, login,
	run, slow, spawnServer, sql } from './harness.mjs';

const FILES = PG === null ? {} : { skip: 'lvzhi restore copies SQLite files' };

/* A world: a database, and the audit key and head files beside it. */
async function world(name) {
	const dir = await mkdtemp(path.join(os.tmpdir(), `lvzhi-audit-${name}-`));
	const env = { LVZHI_AUDIT_KEY: path.join(dir, 'audit.key'),
		LVZHI_AUDIT_HEAD: path.join(dir, 'audit.head') };
	const w = { dir, db: freshDb(dir), env };
	w.lvzhi = async (args, input) => {
		const r = await run(['--db', w.db, ...args], { input, env });
		assert.doesNotMatch(r.stderr, SANITIZER_REPORT);
		return r;
	};
	w.must = async (args, input) => {
		const r = await w.lvzhi(args, input);
		assert.equal(r.code, 0, `lvzhi ${args.join(' ')}: ${r.stderr}`);
		return r;
	};
	w.verify = () => w.lvzhi(['audit', 'verify']);
	/* n more entries, written the ordinary way. */
	w.write = async (n) => {
		for (let i = 0; i < n; i++)
			await w.must(['user', 'passwd', 'admin', '--password-stdin'],
			    PASSWORD + '\n');
	};
	await w.must(['init']);
	await w.must(['user', 'add', 'admin', '--role', 'admin',
		'--password-stdin'], PASSWORD + '\n');
	return w;
}

/* Runs fn(w) in a new world, removed afterwards (kept when it fails). */
async function inWorld(name, fn) {
	const w = await world(name);
	await fn(w);
	await rm(w.dir, { recursive: true, force: true });
}

/* The database's own append-only triggers are the first thing an owner
 * of the database drops. */
function untrigger(db) {
	return sql(db, PG !== null ? 'ALTER TABLE audit DISABLE TRIGGER USER;' :
	    'DROP TRIGGER IF EXISTS audit_no_update; ' +
	    'DROP TRIGGER IF EXISTS audit_no_delete;');
}

async function entries(db) {
	const out = await sql(db, 'SELECT seq, time, actor, action, entity, ' +
	    'success, digest, prev, hash FROM audit ORDER BY seq;');
	return out.split('\n').filter(Boolean).map((l) => {
		const [seq, time, actor, action, entity, success, digest, prev,
			hash] = l.split('|');
		return { seq: Number(seq), time, actor, action, entity,
			success: ['1', 't'].includes(success) ? '1' : '0', digest, prev,
			hash };
	});
}

/* The plain SM3 of an entry, as lvzhi hashed entries before the key. */
function plainHash(e) {
	const f = (v) => `${Buffer.byteLength(String(v))}:${v},`;
	return createHash('sm3').update(f(e.seq) + f(e.time) + f(e.actor) +
	    f(e.action) + f(e.entity) + f(e.success) + f(e.digest) + f(e.prev))
	    .digest('hex');
}

const quote = (s) => `'${String(s).replace(/'/g, "''")}'`;

/* Rewrites the chain from entry `from` on with plain SM3 (after edit(e)
 * on each entry), as someone without the key would. */
async function recompute(db, from, edit = () => {}) {
	const all = await entries(db);
	let prev = from > 1 ? all[from - 2].hash : '';
	const stmts = [];
	for (const e of all.slice(from - 1)) {
		edit(e);
		e.prev = prev;
		e.hash = plainHash(e);
		prev = e.hash;
		stmts.push(`UPDATE audit SET actor = ${quote(e.actor)}, ` +
		    `entity = ${quote(e.entity)}, prev = '${e.prev}', ` +
		    `hash = '${e.hash}' WHERE seq = ${e.seq};`);
	}
	await untrigger(db);
	await sql(db, stmts.join(' '));
}

/* After n writes, entry seq's actor changed and the chain recomputed
 * from entry `from` on: verify's answer, a failure. */
async function rewrite(w, n, from, seq) {
	await w.write(n);
	await recompute(w.db, from, (e) => {
		if (e.seq === seq)
			e.actor = 'cli:someone-else';
	});
	const v = await w.verify();
	assert.equal(v.code, 1, v.stdout);
	return v;
}

test('by default the key and the head lie beside a SQLite database',
    { skip: PG !== null && 'the defaults of a SQLite file' }, async () => {
	const dir = await mkdtemp(path.join(os.tmpdir(), 'lvzhi-audit-dflt-'));
	const db = path.join(dir, 'd.db');
	try {
		const r = await run(['--db', db, 'init'], { env: {
			LVZHI_AUDIT_KEY: '', LVZHI_AUDIT_HEAD: '' } });
		assert.equal(r.code, 0, r.stderr);
		const key = await stat(path.join(dir, 'lvzhi-audit.key'));
		assert.equal(key.mode & 0o777, 0o600);
		assert.match(r.stderr, /审计密钥已生成/);
		const u = await run(['--db', db, 'user', 'add', 'a', '--role',
			'admin', '--password-stdin'], { input: PASSWORD + '\n' });
		assert.equal(u.code, 0, u.stderr);
		assert.match(await readFile(`${db}.audit-head`, 'utf8'),
		    /^H 1 [0-9a-f]{64} [0-9a-f]{64}\n$/);
		let v = await run(['--db', db, 'audit', 'verify']);
		assert.equal(v.code, 0, v.stderr);
		assert.match(v.stdout, /keyed from entry 1/);
		/* A new database of the same name (make run does that) is a
		 * new log: the earlier one's head is moved aside, said so. */
		await rm(db);
		const again = await run(['--db', db, 'init']);
		assert.equal(again.code, 0, again.stderr);
		assert.match(again.stderr, /原审计头移至 .*\.audit-head\.replaced-/);
		await run(['--db', db, 'user', 'add', 'a', '--role', 'admin',
			'--password-stdin'], { input: PASSWORD + '\n' });
		v = await run(['--db', db, 'audit', 'verify']);
		assert.equal(v.code, 0, v.stderr);
		/* Not so for a database that is there, emptied behind lvzhi's
		 * back: its head stays and tells. */
		await sql(db, 'DROP TRIGGER audit_no_delete; DELETE FROM audit;');
		await run(['--db', db, 'init']);
		v = await run(['--db', db, 'audit', 'verify']);
		assert.equal(v.code, 1, v.stdout);
		assert.match(v.stderr, /entry 1 was deleted/);
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
});

test('the last entries deleted in the database: verify names them',
    { timeout: slow(60_000) }, () => inWorld('delete', async (w) => {
	await w.write(5);
	let v = await w.verify();
	assert.equal(v.code, 0, v.stderr);
	assert.match(v.stdout, /6 条记录/);
	await untrigger(w.db);
	await sql(w.db, 'DELETE FROM audit WHERE seq > 3;');
	v = await w.verify();
	assert.equal(v.code, 1, v.stdout);
	assert.match(v.stderr, /broken at entry 4: .*entries 4 to 6 were deleted/);
	/* The last one alone, too. */
	await sql(w.db, 'DELETE FROM audit WHERE seq = 3;');
	v = await w.verify();
	assert.match(v.stderr, /broken at entry 3: .*entries 3 to 6 were deleted/);
	/* Written on past the old head (the login is an entry too): still
	 * found, on the audit page and by verify. */
	const srv = await spawnServer(w.dir, w.db, { env: w.env });
	try {
		const cookie = await browserLogin(srv, 'admin');
		const page = await api(srv, 'GET', '/audit', { cookie });
		assert.equal(page.status, 200);
		assert.match(page.text, /哈希链在第 3 条断开:与审计头记录的不是同一条/);
	} finally {
		const e = await srv.stop();
		assert.ok(e.code === 0 && !e.sanitizer, e.stderr);
	}
	await w.write(5);
	v = await w.verify();
	assert.equal(v.code, 1, v.stdout);
	assert.match(v.stderr, /broken at entry 3: it is not the entry the audit head .* cut short and written on/);
}));

test('an entry rewritten and the plain SM3 chain recomputed: verify fails',
    { timeout: slow(60_000) }, () => inWorld('rewrite', async (w) => {
	const v = await rewrite(w, 4, 2, 2);
	assert.match(v.stderr, /broken at entry 2: its content does not match its keyed hash/);
	/* And nothing more is written on top of it. */
	const u = await w.lvzhi(['user', 'add', 'b', '--role', 'admin',
		'--password-stdin'], PASSWORD + '\n');
	assert.notEqual(u.code, 0);
	assert.match(u.stderr, /does not verify under the audit key/);
}));

test('every entry recomputed with plain SM3: the heads know their hashes',
    { timeout: slow(60_000) }, () => inWorld('rewrite-all', async (w) => {
	const v = await rewrite(w, 3, 1, 3);
	assert.match(v.stderr, /broken at entry 1: it is not the entry the audit head/);
}));

test('the head file: altered lines and a missing key are found',
    { timeout: slow(60_000) }, () => inWorld('head', async (w) => {
	await w.write(2);
	const head = await readFile(w.env.LVZHI_AUDIT_HEAD, 'utf8');
	/* A head line forged without the key. */
	const lines = head.split('\n').filter(Boolean);
	const forged = lines.at(-1).replace(/^H 3 /, 'H 2 ');
	await writeFile(w.env.LVZHI_AUDIT_HEAD, lines.slice(0, -1)
	    .concat([forged]).join('\n') + '\n');
	let v = await w.verify();
	assert.equal(v.code, 1, v.stdout);
	assert.match(v.stderr, /line 3 of the head file .* is not valid/);
	await writeFile(w.env.LVZHI_AUDIT_HEAD, head);
	assert.equal((await w.verify()).code, 0);
	/* Emptied: a keyed log without a head. */
	await writeFile(w.env.LVZHI_AUDIT_HEAD, '');
	v = await w.verify();
	assert.equal(v.code, 1, v.stdout);
	assert.match(v.stderr, /records no head/);
	await writeFile(w.env.LVZHI_AUDIT_HEAD, head);
	/* verify creates no key; without it, it cannot vouch. */
	const key = await readFile(w.env.LVZHI_AUDIT_KEY);
	await unlink(w.env.LVZHI_AUDIT_KEY);
	v = await w.verify();
	assert.equal(v.code, 1, v.stdout);
	assert.match(v.stderr, /no audit key/);
	await assert.rejects(stat(w.env.LVZHI_AUDIT_KEY));
	/* Another key: nothing is written on a log it cannot verify. */
	await writeFile(w.env.LVZHI_AUDIT_KEY, 'ab'.repeat(32) + '\n',
	    { mode: 0o600 });
	const u = await w.lvzhi(['user', 'add', 'b', '--role', 'admin',
		'--password-stdin'], PASSWORD + '\n');
	assert.notEqual(u.code, 0);
	assert.match(u.stderr, /does not verify under the audit key/);
	/* Nor does a server start on it. */
	await assert.rejects(spawnServer(w.dir, w.db, { env: w.env }),
	    /does not verify under the audit key/);
	await writeFile(w.env.LVZHI_AUDIT_KEY, key, { mode: 0o600 });
	v = await w.verify();
	assert.equal(v.code, 0, v.stderr);
}));

test('a log from before the key verifies as before, then is keyed',
    { timeout: slow(60_000) }, () => inWorld('legacy', async (w) => {
	await w.write(2);
	/* What an older lvzhi wrote: plain SM3, no key, no head. */
	await recompute(w.db, 1);
	await unlink(w.env.LVZHI_AUDIT_KEY);
	await unlink(w.env.LVZHI_AUDIT_HEAD);
	let v = await w.verify();
	assert.equal(v.code, 0, v.stderr);
	assert.match(v.stdout, /3 条记录/);
	assert.match(v.stdout, /not keyed yet/);
	await w.write(1);
	v = await w.verify();
	assert.equal(v.code, 0, v.stderr);
	assert.match(v.stdout, /keyed from entry 4/);
	/* Its old part is checked as before ... */
	await untrigger(w.db);
	await sql(w.db, "UPDATE audit SET actor = 'x' WHERE seq = 2;");
	v = await w.verify();
	assert.equal(v.code, 1, v.stdout);
	assert.match(v.stderr, /broken at entry 2/);
}));

test('a restore of an older backup is an audited rollback, not tampering',
    { timeout: slow(60_000), ...FILES }, () => inWorld('restore', async (w) => {
	await w.write(2);
	const backup = path.join(w.dir, 'old.db');
	await w.must(['backup', backup]);
	await w.write(3);
	const before = await entries(w.db);
	assert.equal(before.length, 7);
	await w.must(['restore', backup]);
	let v = await w.verify();
	assert.equal(v.code, 0, v.stderr);
	assert.match(v.stdout, /审计在案的回滚 \(audited rollback\) 1 次/);
	assert.match(v.stdout, /第 5 条为恢复备份,此前日志共 7 条/);
	const after = await entries(w.db);
	assert.equal(after.length, 5);
	assert.equal(after.at(-1).action, 'restore');
	/* After the rollback, the log goes on and is guarded as before. */
	await w.write(2);
	assert.equal((await w.verify()).code, 0);
	await untrigger(w.db);
	await sql(w.db, 'DELETE FROM audit WHERE seq >= 5;');
	v = await w.verify();
	assert.equal(v.code, 1, v.stdout);
	assert.match(v.stderr, /entries 5 to 7 were deleted/);
}));

test('a database put back by other means: audit rollback records it',
    { timeout: slow(60_000) }, () => inWorld('rollback', async (w) => {
	await w.write(4);
	/* What pg_restore of an older dump leaves: the log shorter. */
	await untrigger(w.db);
	await sql(w.db, 'DELETE FROM audit WHERE seq > 2;');
	let v = await w.verify();
	assert.equal(v.code, 1);
	const r = await w.must(['audit', 'rollback', '--reason',
		'pg_restore of the dump of 1 March']);
	assert.match(r.stderr, /已记录回滚/);
	v = await w.verify();
	assert.equal(v.code, 0, v.stderr);
	assert.match(v.stdout, /audited rollback/);
	const last = (await entries(w.db)).at(-1);
	assert.equal(last.action, 'restore');
	assert.equal(last.entity, 'rollback:pg_restore of the dump of 1 March');
	/* Without the key, no rollback. */
	await unlink(w.env.LVZHI_AUDIT_KEY);
	const n = await w.lvzhi(['audit', 'rollback', '--reason', 'x']);
	assert.notEqual(n.code, 0);
}));

/* pg_dump and pg_restore of the libpq URL of a test database. */
function pgTool(bin, args) {
	return new Promise((resolve, reject) => {
		execFile(bin, args, (err, stdout, stderr) => err ?
		    reject(new Error(`${bin}: ${stderr || err.message}`)) :
		    resolve(stdout));
	});
}

test('on PostgreSQL, pg_restore of an older dump, then audit rollback',
    { skip: PG === null && 'pg_dump and pg_restore are PostgreSQL\'s',
      timeout: slow(90_000) }, () => inWorld('pgrestore', async (w) => {
	await w.write(2);
	const dump = path.join(w.dir, 'old.dump');
	await pgTool('pg_dump', ['-Fc', '-d', w.db, '-f', dump]);
	await w.write(3);
	/* Into a new database, as docs/deploy.md does it. */
	const restored = freshDb(w.dir, 'restored');
	const name = new URL(restored).pathname.slice(1);
	await sql(w.db, `CREATE DATABASE ${name};`);
	await pgTool('pg_restore', ['--no-owner', '-d', restored, dump]);
	const at = async (args) => {
		const r = await run(['--db', restored, ...args], { env: w.env });
		assert.doesNotMatch(r.stderr, SANITIZER_REPORT);
		return r;
	};
	/* Its chain verifies; against the head the log is cut short. */
	let v = await at(['audit', 'verify', '--chain-only']);
	assert.equal(v.code, 0, v.stderr);
	v = await at(['audit', 'verify']);
	assert.equal(v.code, 1, v.stdout);
	assert.match(v.stderr, /entries 4 to 6 were deleted/);
	/* Switched to: the rollback recorded, verify reports it. */
	const r = await at(['audit', 'rollback', '--reason',
		'pg_restore of old.dump']);
	assert.equal(r.code, 0, r.stderr);
	v = await at(['audit', 'verify']);
	assert.equal(v.code, 0, v.stderr);
	assert.match(v.stdout, /第 4 条为恢复备份,此前日志共 6 条/);
}));

test('two servers on one database, each with its own head: both verify',
    { timeout: slow(120_000) }, () => inWorld('two', async (w) => {
	const heads = ['a', 'b'].map((n) => path.join(w.dir, `${n}.head`));
	const withHead = (h) => ({ ...w.env, LVZHI_AUDIT_HEAD: h });
	const servers = [];
	try {
		for (const h of heads)
			servers.push(await spawnServer(w.dir, w.db, { env: withHead(h) }));
		/* Each login is an audit entry: 2 × 12 written at once. */
		await Promise.all(servers.flatMap((srv) =>
		    Array.from({ length: 12 }, () => login(srv, 'admin'))));
	} finally {
		/* Every server stopped before any is judged: one left running
		 * would keep this file's process, and the suite, waiting. */
		const stopped = [];
		for (const srv of servers)
			stopped.push(await srv.stop());
		for (const e of stopped)
			assert.ok(e.code === 0 && !e.sanitizer, e.stderr);
	}
	const verify = (h) => run(['--db', w.db, 'audit', 'verify'],
	    { env: withHead(h) });
	for (const h of heads) {
		const v = await verify(h);
		assert.equal(v.code, 0, v.stderr);
		assert.match(v.stdout, /25 条记录/);
		assert.match(v.stdout, /与审计头一致/);
	}
	/* The last entry deleted: the head of the server that wrote it
	 * says so. */
	await untrigger(w.db);
	await sql(w.db, 'DELETE FROM audit WHERE seq = 25;');
	const found = await Promise.all(heads.map(verify));
	assert.ok(found.some((v) => v.code === 1 &&
	    /entry 25 was deleted/.test(v.stderr)), found.map((v) => v.stderr)
	    .join('\n'));
}));
