/*
 * Two `lvzhi serve` on one database, as several servers behind a load
 * balancer run over one PostgreSQL cluster (make check LVZHI_TEST_DB=pg;
 * on SQLite, two processes on one file). Nothing a server keeps for
 * itself may matter: a session made on one works on the other, failed
 * logins count together towards the lock, and concurrent writes through
 * both are all kept, each with its audit entry, in one audit chain that
 * verifies.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { execFile } from 'node:child_process';

import { PASSWORD, PG, REPO, SANITIZER_REPORT, YEAR, api, freePort,
	freshDb, login, run, slow, spawnServer, sql, startServer }
	from './harness.mjs';

/* Writers per server and records each writes. */
const CLIENTS = 4;
const WRITES = 15;

let evidence = null, a = null, b = null;

before(async () => {
	/* Both servers keep evidence files in one directory, as they would
	 * on shared storage. */
	evidence = await mkdtemp(path.join(os.tmpdir(), 'lvzhi-shared-'));
	const args = ['--evidence-dir', evidence];
	a = await startServer({ args });
	const dir = path.join(a.dir, 'b');
	await mkdir(dir);
	b = await spawnServer(dir, a.db, { args });
}, { timeout: slow(180_000) });

after(async () => {
	let problems = '';
	for (const srv of [a, b]) {
		if (srv === null)
			continue;
		const e = await srv.stop();
		if (e.code !== 0 || e.signal !== null || e.sanitizer)
			problems += `lvzhi serve did not stop cleanly (exit ` +
			    `${e.code}, signal ${e.signal}):\n${e.stderr}\n`;
	}
	if (a !== null)
		await a.cleanup(problems !== '');
	if (evidence !== null)
		await rm(evidence, { recursive: true, force: true });
	if (problems !== '')
		throw new Error(problems);
}, { timeout: slow(60_000) });

test('a session made on one server works on the other', async () => {
	const token = await login(a, 'nm-clerk');
	const me = await api(b, 'GET', '/api/v1/me', { token });
	assert.equal(me.status, 200, me.text);
	assert.equal(me.body.username, 'nm-clerk');
	const out = await api(b, 'POST', '/api/v1/logout', { token });
	assert.ok(out.status === 200 || out.status === 204, out.text);
	const gone = await api(a, 'GET', '/api/v1/me', { token });
	assert.equal(gone.status, 401, 'logged out on b, still in on a');
});

test('failed logins on both servers count towards one lock', async () => {
	const codes = [];
	for (let i = 0; i < 5; i++) {
		const r = await api(i % 2 ? b : a, 'POST', '/api/v1/login',
		    { json: { username: 'yy-clerk', password: 'Wrong@2025x' } });
		codes.push(r.status);
	}
	assert.deepEqual(codes.slice(0, 4), [401, 401, 401, 401]);
	assert.equal(codes[4], 429, String(codes));
	for (const srv of [a, b]) {
		const r = await api(srv, 'POST', '/api/v1/login',
		    { json: { username: 'yy-clerk', password: PASSWORD } });
		assert.equal(r.status, 429, 'the right password while locked');
	}
});

/* One writer: WRITES records through srv; pushes the acknowledged ids. */
async function writer(srv, token, name, acked, odd) {
	for (let n = 0; n < WRITES; n++) {
		const id = `two-${name}-${n}`;
		const r = await api(srv, 'POST', '/api/v1/records', { token,
		    json: { id, kind: 'rol_report_hearing', organ: '520102-party',
			date: `${YEAR}-03-10`, title: `双服务器 ${name}/${n}` } });
		if (r.status === 201)
			acked.push(id);
		else
			odd.push(`${id}: ${r.status} ${r.text}`);
	}
}

test('concurrent writes through both servers: all kept, one audit chain',
    { timeout: slow(180_000) }, async () => {
	const token = await login(a, 'nm-clerk');
	const acked = [], odd = [], writers = [];
	for (let c = 0; c < CLIENTS; c++) {
		writers.push(writer(a, token, `a${c}`, acked, odd));
		writers.push(writer(b, token, `b${c}`, acked, odd));
	}
	await Promise.all(writers);
	assert.deepEqual(odd, [], 'answers other than 201');
	assert.equal(acked.length, 2 * CLIENTS * WRITES);

	/* Each server reads what the other wrote. */
	for (const id of acked) {
		const other = id.startsWith('two-a') ? b : a;
		const r = await api(other, 'GET', `/api/v1/records/${id}`, { token });
		assert.equal(r.status, 200, `${id}: ${r.text}`);
	}
	const audited = new Set((await sql(a.db, 'SELECT entity FROM audit ' +
	    "WHERE action = 'record.create';")).split('\n'));
	assert.deepEqual(acked.filter((id) => !audited.has(`record:${id}`)), [],
	    'written without their audit entry');
	const seqs = (await sql(a.db, 'SELECT seq FROM audit ORDER BY seq;'))
	    .split('\n').filter(Boolean).map(Number);
	assert.deepEqual(seqs, seqs.map((_, i) => i + 1), 'one chain, no gap');
	const v = await run(['--db', a.db, 'audit', 'verify']);
	assert.equal(v.code, 0, v.stderr + v.stdout);
	/* Keyed, and its end is the head both servers appended to. */
	assert.match(v.stdout, /与审计头一致/);
	assert.doesNotMatch(v.stderr, SANITIZER_REPORT);
});

/* Restarts the tests' PostgreSQL cluster (its directory is the host of
 * LVZHI_TEST_PG), cutting every connection. */
function restartCluster() {
	const dir = new URLSearchParams(PG).get('host');
	return new Promise((resolve, reject) => {
		execFile('sh', [path.join(REPO, 'tests/pg/cluster.sh'), 'restart',
		    dir], (err, stdout, stderr) => err ?
		    reject(new Error(`cluster.sh restart: ${stderr}`)) : resolve());
	});
}

test('after the database restarts, both servers connect again',
    { skip: PG === null && 'a database server restarts, not a file',
      timeout: slow(120_000) }, async () => {
	const token = await login(a, 'nm-gov-clerk');
	const post = (srv, n) => api(srv, 'POST', '/api/v1/records', { token,
	    json: { id: `restart-${n}`, kind: 'rol_report_hearing',
		organ: '520102-gov', date: `${YEAR}-04-01`,
		title: `重启后 ${n}` } });
	assert.equal((await post(a, 'before')).status, 201);
	await restartCluster();
	/* What ran on a cut connection failed; the next request of each
	 * worker thread connects again. A server has 4 threads. */
	const kept = [];
	for (const [name, srv] of [['a', a], ['b', b]]) {
		let ok = 0;
		for (let i = 0; i < 12 && ok < 3; i++) {
			const r = await post(srv, `${name}${i}`);
			if (r.status === 201) {
				ok++;
				kept.push(`restart-${name}${i}`);
			} else {
				assert.ok([500, 503].includes(r.status), r.text);
			}
		}
		assert.equal(ok, 3, `${name}: no write after the restart`);
	}
	for (const id of kept) {
		const r = await api(b, 'GET', `/api/v1/records/${id}`, { token });
		assert.equal(r.status, 200, `${id}: ${r.text}`);
	}
	const v = await run(['--db', a.db, 'audit', 'verify']);
	assert.equal(v.code, 0, v.stderr + v.stdout);
});

test('serve on a database server wants the shared evidence directory',
    { skip: PG === null && 'evidence files lie beside a database file' },
    async () => {
	const r = await run(['--db', a.db, 'serve', '--listen', '127.0.0.1:9']);
	assert.equal(r.code, 2, r.stderr);
	assert.match(r.stderr, /evidence_dir/);
	assert.doesNotMatch(r.stderr, SANITIZER_REPORT);
});

test('only a missing database gets the hint to create it',
    { skip: PG === null && 'a database server\'s messages' },
    async () => {
	/* The hint after a refused connection or a wrong password sent the
	 * administrator to `lvzhi init` instead of the network or .pgpass. */
	const missing = freshDb(a.dir, 'never');
	let r = await run(['--db', missing, 'audit', 'verify']);
	assert.equal(r.code, 1, r.stderr);
	assert.match(r.stderr, /does not exist \(create it with 'lvzhi init'\)/);
	const port = await freePort();
	r = await run(['--db', `postgresql://lvzhi@127.0.0.1:${port}/lvzhi` +
	    '?connect_timeout=5', 'audit', 'verify']);
	assert.equal(r.code, 1, r.stderr);
	assert.match(r.stderr, /Connection refused/);
	assert.doesNotMatch(r.stderr, /lvzhi init/);
	assert.doesNotMatch(r.stderr, SANITIZER_REPORT);
});
