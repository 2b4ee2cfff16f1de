/*
 * Crash safety: acknowledged writes survive the server being killed.
 *
 * A fresh database (a small world, one admin account with an API token)
 * is served; several clients stream record writes (POST /api/v1/records)
 * while the server is killed with SIGKILL at a random moment, then
 * restarted, for CRASH_ROUNDS rounds (default 15). After every kill:
 * every write that was answered 201 is in the database with its audit
 * entry, PRAGMA integrity_check (the sqlite3 command) says ok, and
 * `lvzhi audit verify` passes. SIGKILL loses the process, not the page
 * cache: this shows that a commit is atomic and acknowledged only once
 * it is in the log; what a power cut keeps is docs/security.md's argument
 * (WAL, synchronous=FULL).
 *
 *   LVZHI_BIN=build/san/lvzhi node --test tests/crash/crash-test.mjs
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { PASSWORD, SANITIZER_REPORT, run, spawnServer }
	from '../web/harness.mjs';

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 15);
const CLIENTS = 4;

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

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function sqlite(db, sql) {
	return new Promise((resolve, reject) => {
		execFile('sqlite3', [db, sql], { maxBuffer: 64 << 20 },
		    (err, stdout, stderr) => err ? reject(new Error(
		    `sqlite3 ${sql}: ${stderr || err.message}`)) : resolve(stdout));
	});
}

async function must(args, input) {
	const r = await run(args, { input });
	assert.equal(r.code, 0, `lvzhi ${args.join(' ')}: ${r.stderr}`);
	assert.doesNotMatch(r.stderr, SANITIZER_REPORT);
	return r.stdout;
}

/* spawnServer, trying another port when one was taken meanwhile. */
async function serve(dir, db) {
	for (let attempt = 1; ; attempt++) {
		try {
			return await spawnServer(dir, db);
		} catch (err) {
			if (attempt === 3 || !/cannot listen/.test(err.message))
				throw err;
		}
	}
}

/* One client: writes records until the server is gone. */
async function client(srv, token, round, c, acked, odd) {
	for (let n = 0; ; n++) {
		const id = `crash-${round}-${c}-${n}`;
		let r;
		try {
			r = await fetch(srv.base + '/api/v1/records', {
				method: 'POST',
				headers: { Authorization: `Bearer ${token}`,
					'Content-Type': 'application/json' },
				body: JSON.stringify({ id, kind: 'rol_report_hearing',
					organ: '520102-party', date: '2025-03-10',
					title: `崩溃测试 ${round}/${c}/${n}` }),
			});
			await r.arrayBuffer();
		} catch {
			return; /* refused or reset: the server is down */
		}
		if (r.status === 201)
			acked.push(id);
		else
			odd.push(`${id}: ${r.status}`);
	}
}

test(`acknowledged writes survive ${ROUNDS} SIGKILLs`, async (t) => {
	const dir = await mkdtemp(path.join(os.tmpdir(), 'lvzhi-crash-'));
	const db = path.join(dir, 't.db');
	let ok = false;
	try {
		await writeFile(path.join(dir, 'world.jsonl'), WORLD);
		await must(['--db', db, 'init']);
		await must(['--db', db, 'import', path.join(dir, 'world.jsonl')]);
		await must(['--db', db, 'user', 'add', 'crash', '--role', 'admin',
			'--password-stdin'], PASSWORD + '\n');
		const token = (await must(['--db', db, 'user', 'token', 'crash',
			'--label', 'crash test'])).trim();

		const acked = [];
		for (let round = 1; round <= ROUNDS; round++) {
			const srv = await serve(dir, db);
			const odd = [];
			const before = acked.length;
			const clients = [];
			for (let c = 0; c < CLIENTS; c++)
				clients.push(client(srv, token, round, c, acked, odd));
			await sleep(100 + Math.floor(Math.random() * 300));
			srv.child.kill('SIGKILL');
			const e = await srv.stop();
			await Promise.all(clients);
			assert.equal(e.signal, 'SIGKILL', `round ${round}: the server ` +
			    `exited ${e.code} before it was killed:\n${e.stderr}`);
			assert.ok(!e.sanitizer, e.stderr);
			assert.deepEqual(odd, [], `round ${round}: answers other than 201`);

			assert.equal((await sqlite(db, 'PRAGMA integrity_check;')).trim(),
			    'ok', `round ${round}: integrity_check`);
			const ids = new Set((await sqlite(db, 'SELECT id FROM record;'))
			    .split('\n'));
			const audited = new Set((await sqlite(db, "SELECT entity FROM " +
			    "audit WHERE action = 'record.create';")).split('\n'));
			const lost = acked.filter((id) => !ids.has(id));
			const unaudited = acked.filter((id) => !audited.has(`record:${id}`));
			assert.deepEqual(lost, [], `round ${round}: acknowledged but lost`);
			assert.deepEqual(unaudited, [], `round ${round}: written without ` +
			    'its audit entry');
			await must(['--db', db, 'audit', 'verify']);
			t.diagnostic(`round ${round}: ${acked.length - before} writes ` +
			    'acknowledged before the kill');
		}
		assert.ok(acked.length > 0, 'no write was acknowledged at all');
		t.diagnostic(`${acked.length} acknowledged writes, all kept`);
		ok = true;
	} finally {
		if (ok && !process.env.LVZHI_KEEP)
			await rm(dir, { recursive: true, force: true });
		else
			console.error(`# kept ${dir}`);
	}
});
