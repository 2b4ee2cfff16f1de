/*
 * 身份鉴别 and 数据保密性 of what identifies a user (docs/security.md):
 *
 *   - `lvzhi user` refuses a password that fails the complexity rule (10
 *     characters from three of four classes) and
 *     stores an accepted one as an argon2id hash, never in clear;
 *   - session and API tokens are stored as their SM3 digest: the token a
 *     client holds appears nowhere in the database files;
 *   - a session idle for more than 30 minutes ends (超时退出), one idle
 *     for less goes on;
 *   - behind the TLS-terminating proxy (X-Forwarded-Proto: https) the
 *     session cookie is marked Secure.
 *
 * The database is read and aged with its own client (sqlite3 or psql)
 * while the server runs.
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';

import { PASSWORD, run, sql as dbSql, useServer } from './harness.mjs';

const srv = useServer();

const sql = async (db, statement) => (await dbSql(db, statement)).trim();

const sm3 = (s) => createHash('sm3').update(s).digest('hex');

test('passwords: the complexity rule, then an argon2id hash', async () => {
	/* At least 10 characters from three of upper, lower, digit, symbol. */
	for (const weak of ['Sh0rt!pw', 'alllowercaseletters', 'lowercase12345',
	    'UPPER-CASE-ONLY']) {
		const r = await run(['--db', srv.db, 'user', 'add', 'weakling',
		    '--role', 'admin', '--password-stdin'], { input: `${weak}\n` });
		assert.equal(r.code, 2, `${weak}: ${r.stderr}`);
	}
	assert.equal(await sql(srv.db,
	    "SELECT count(*) FROM account WHERE name = 'weakling'"), '0');
	const good = 'Quan-Xian#2025';
	const r = await run(['--db', srv.db, 'user', 'add', 'weakling',
	    '--role', 'admin', '--password-stdin'], { input: `${good}\n` });
	assert.equal(r.code, 0, r.stderr);
	const stored = await sql(srv.db,
	    "SELECT password FROM account WHERE name = 'weakling'");
	assert.match(stored, /^\$argon2id\$v=19\$m=\d+,t=\d+,p=\d+\$/);
	assert.ok(!stored.includes(good));
	assert.ok((await srv.login('weakling', good)).length === 64);
});

test('session and API tokens are kept as SM3 digests only', async () => {
	const session = await srv.login('nm-clerk');
	const made = await srv.api('POST', '/api/v1/tokens',
	    { token: session, json: { label: '身份鉴别测试', password: PASSWORD } });
	assert.equal(made.status, 201, made.text);
	const token = made.body.token;
	assert.equal(await sql(srv.db, 'SELECT count(*) FROM session WHERE ' +
	    `token = '${sm3(session)}'`), '1');
	assert.equal(await sql(srv.db, 'SELECT count(*) FROM api_token WHERE ' +
	    `token = '${sm3(token)}'`), '1');
	/* SQLite's files hold neither (PostgreSQL's are the server's). */
	const files = srv.db.startsWith('postgresql:') ? [] :
	    [srv.db, `${srv.db}-wal`];
	if (files.length > 0)
		await sql(srv.db, 'PRAGMA wal_checkpoint(PASSIVE)');
	for (const f of files) {
		const bytes = await readFile(f).catch(() => Buffer.alloc(0));
		assert.ok(!bytes.includes(session), `${f} holds the session token`);
		assert.ok(!bytes.includes(token), `${f} holds the API token`);
	}
	/* Both work as what they are. */
	for (const t of [session, token])
		assert.equal((await srv.api('GET', '/api/v1/me', { token: t }))
		    .status, 200);
});

test('a session idle for more than 30 minutes ends', async () => {
	const session = await srv.login('nm-office');
	const age = (seconds) => sql(srv.db, 'UPDATE session SET last_seen = ' +
	    `${Math.floor(Date.now() / 1000) - seconds} WHERE ` +
	    `token = '${sm3(session)}'`);
	await age(29 * 60);
	assert.equal((await srv.api('GET', '/api/v1/me', { token: session }))
	    .status, 200, 'idle 29 minutes: still on');
	await age(31 * 60);
	const r = await srv.api('GET', '/api/v1/me', { token: session });
	assert.equal(r.status, 401, 'idle 31 minutes: ended');
	/* Gone, not only refused once: the row is deleted. */
	assert.equal(await sql(srv.db, 'SELECT count(*) FROM session WHERE ' +
	    `token = '${sm3(session)}'`), '0');
	assert.equal((await srv.api('GET', '/api/v1/me', { token: session }))
	    .status, 401);
});

test('behind the TLS proxy the session cookie is Secure', async () => {
	const login = (headers) => srv.api('POST', '/login', {
		body: new URLSearchParams({ username: 'nm-clerk',
			password: PASSWORD, next: '/' }).toString(),
		headers: { 'Content-Type': 'application/x-www-form-urlencoded',
			...headers } });
	const tls = await login({ 'X-Forwarded-Proto': 'https' });
	assert.equal(tls.status, 303, tls.text);
	assert.match(tls.headers.get('set-cookie'), /;\s*Secure/i);
	assert.match(tls.headers.get('set-cookie'), /HttpOnly/i);
	const plain = await login({});
	assert.equal(plain.status, 303);
	assert.doesNotMatch(plain.headers.get('set-cookie'), /;\s*Secure/i);
});
