/*
 * Tokens and sessions end (docs/security.md, "Tokens and sessions end"):
 *
 *   - an API token ends at its expiry (token_lifetime, 90 days), is
 *     listed (never its secret) and revoked by its owner from the API,
 *     the account page and `lvzhi user token`; another account's token
 *     id is not found and nothing changes;
 *   - a new password or disabling the account revokes every token and
 *     ends every session; enabling it again brings none back;
 *   - minting on a page or over the API asks for the password again
 *     (missing: 400, wrong: 403 and a failed login, five: 429);
 *   - a session (and the token POST /api/v1/login returns) ends
 *     session_lifetime (12 hours) after its login however busy;
 *   - revocation holds on every server sharing the database at once;
 *   - each mint, refused mint and revocation is in the audit log.
 *
 * Time is moved by ageing rows with the database's own client (the
 * server has no clock of its own to move).
 */
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';

import { PASSWORD, REPO, browserLogin, run, spawnServer, sql as dbSql,
	useServer } from './harness.mjs';
import { answersMatch } from './schema.mjs';

const srv = useServer();
const sql = async (statement) => (await dbSql(srv.db, statement)).trim();
const sm3 = (s) => createHash('sm3').update(s).digest('hex');
const now = () => Math.floor(Date.now() / 1000);

let users = 0;
/* A fresh inspector account (each test its own, so that one test's
 * password change or lock leaves the others alone). */
async function user(tag) {
	const name = `tok-${tag}-${process.pid}-${++users}`;
	const r = await run(['--db', srv.db, 'user', 'add', name, '--role',
		'inspector', '--region', '520000', '--password-stdin'],
	{ input: `${PASSWORD}\n` });
	assert.equal(r.code, 0, r.stderr);
	return name;
}

async function mint(session, label, password = PASSWORD) {
	return srv.api('POST', '/api/v1/tokens', { token: session,
		json: password === null ? { label } : { label, password } });
}

async function minted(session, label) {
	const r = await mint(session, label);
	assert.equal(r.status, 201, r.text);
	assert.match(r.body.token, /^[0-9a-f]{64}$/);
	assert.match(r.body.id, /^[0-9a-f]{16}$/);
	return r.body;
}

const me = async (token) => (await srv.api('GET', '/api/v1/me', { token }))
    .status;
const list = async (session) => {
	const r = await srv.api('GET', '/api/v1/tokens', { token: session });
	assert.equal(r.status, 200, r.text);
	return r.body.items;
};

/* The audit entries of an action for an account's entities. */
async function audited(action, name) {
	const out = await sql('SELECT entity, success FROM audit WHERE ' +
	    `action = '${action}' AND entity LIKE 'account:${name}%' ORDER BY seq`);
	return out === '' ? [] : out.split('\n');
}

test('a token lists without its secret, expires, and the setting ' +
    'applies', async () => {
	const name = await user('list');
	const session = await srv.login(name);
	const t = await minted(session, '导入脚本');
	const items = await list(session);
	assert.equal(items.length, 1);
	const [x] = items;
	assert.equal(x.id, t.id);
	assert.equal(x.label, '导入脚本');
	assert.equal(x.state, 'active');
	assert.equal(x.last_used, null);
	assert.equal(x.revoked, null);
	const days = (Date.parse(x.expires) - Date.parse(x.created)) / 86400e3;
	assert.equal(days, 90, 'token_lifetime: 90 days by default');
	const text = JSON.stringify(items);
	assert.ok(!text.includes(t.token), 'the secret is not listed');
	assert.ok(!text.includes(sm3(t.token)), 'nor its digest');

	assert.equal(await me(t.token), 200);
	assert.notEqual((await list(session))[0].last_used, null);
	/* Past its expiry it is refused, and listed as expired. */
	await sql(`UPDATE api_token SET expires = ${now() - 1} WHERE id = ` +
	    `'${t.id}'`);
	assert.equal(await me(t.token), 401);
	assert.equal((await list(session))[0].state, 'expired');
	assert.deepEqual(await audited('token.create', name),
	    [`account:${name}/token:${t.id}|1`]);
});

test('revoked from the API: the token ends, another account\'s id is ' +
    'not found and stays', async () => {
	const name = await user('revoke');
	const other = await user('other');
	const session = await srv.login(name);
	const otherSession = await srv.login(other);
	const mine = await minted(session, '我的');
	const theirs = await minted(otherSession, '别人的');

	const before = await sql('SELECT count(*) FROM audit');
	const r = await srv.api('DELETE', `/api/v1/tokens/${theirs.id}`,
	    { token: session });
	assert.equal(r.status, 404, r.text);
	assert.equal(await sql('SELECT count(*) FROM audit'), before);
	assert.equal(await me(theirs.token), 200, 'theirs still works');
	assert.equal((await list(otherSession))[0].state, 'active');
	/* The administrator cannot end another's token over the API either
	 * (the operator can, with `lvzhi user token revoke`). */
	const admin = await srv.login('admin');
	assert.equal((await srv.api('DELETE', `/api/v1/tokens/${theirs.id}`,
	    { token: admin })).status, 404);
	assert.equal(await me(theirs.token), 200);
	for (const bad of ['x', 'ABCDEF0123456789', '0'.repeat(16)])
		assert.equal((await srv.api('DELETE', `/api/v1/tokens/${bad}`,
		    { token: session })).status, 404, bad);

	const done = await srv.api('DELETE', `/api/v1/tokens/${mine.id}`,
	    { token: session });
	assert.equal(done.status, 200, done.text);
	assert.equal(done.body.state, 'revoked');
	assert.notEqual(done.body.revoked, null);
	assert.equal(await me(mine.token), 401);
	/* Again: nothing more happens, and nothing more is audited. */
	const again = await srv.api('DELETE', `/api/v1/tokens/${mine.id}`,
	    { token: session });
	assert.equal(again.status, 200);
	assert.deepEqual(await audited('token.revoke', name),
	    [`account:${name}/token:${mine.id}|1`]);
	/* A token may end itself. */
	const self = await minted(session, '自己撤销');
	assert.equal((await srv.api('DELETE', `/api/v1/tokens/${self.id}`,
	    { token: self.token })).status, 200);
	assert.equal(await me(self.token), 401);
});

test('minting asks for the password again; five wrong lock the account',
    async () => {
	const name = await user('reauth');
	const session = await srv.login(name);
	const missing = await mint(session, '无密码', null);
	assert.equal(missing.status, 400, missing.text);
	assert.equal(missing.body.field, 'password');
	const empty = await mint(session, '空密码', '');
	assert.equal(empty.status, 400, empty.text);
	const wrong = await mint(session, '错密码', 'Wrong-Pass#2025');
	assert.equal(wrong.status, 403, wrong.text);
	assert.equal(wrong.body.field, 'password');
	assert.equal(wrong.body.token, undefined);
	assert.deepEqual(await list(session), [], 'no token was made');
	assert.deepEqual(await audited('token.create', name),
	    [`account:${name}|0`]);
	/* Four more wrong: the account locks (as five failed logins do). */
	let last = null;
	for (let i = 0; i < 4; i++)
		last = await mint(session, '猜', `Wrong-Pass#${i}x`);
	assert.equal(last.status, 429, last.text);
	assert.equal((await mint(session, '对了也不行')).status, 429);
	assert.deepEqual(await list(session), []);
	const login = await srv.api('POST', '/api/v1/login',
	    { json: { username: name, password: PASSWORD } });
	assert.equal(login.status, 429, 'the login is locked too');
});

test('the account page lists, mints (password again) and revokes',
    async () => {
	const name = await user('page');
	const cookie = await browserLogin(srv, name);
	const page = async () => srv.api('GET', '/account', { cookie });
	const csrf = (html) => /name="_csrf" value="([0-9a-f]{64})"/.exec(html)[1];
	const form = async (p, fields) => srv.api('POST', p, { cookie,
		body: new URLSearchParams({ _csrf: csrf((await page()).text),
			...fields }).toString(),
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });

	const empty = await page();
	assert.equal(empty.status, 200);
	assert.match(empty.text, /API 令牌/);
	assert.match(empty.text, /尚无令牌/);
	for (const [fields, status] of [[{ label: '页面' }, 400],
	    [{ label: '页面', password: 'Wrong-Pass#2025' }, 403]]) {
		const r = await form('/account/tokens', fields);
		assert.equal(r.status, status, r.text);
		assert.match(r.text, /role="alert"/);
		assert.doesNotMatch(r.text, /<code>[0-9a-f]{64}<\/code>/);
	}
	const ok = await form('/account/tokens', { label: '页面令牌',
		password: PASSWORD });
	assert.equal(ok.status, 200, ok.text);
	const secret = /<code>([0-9a-f]{64})<\/code>/.exec(ok.text)?.[1];
	assert.ok(secret, 'the new token is shown once');
	assert.equal(await me(secret), 200);
	const [t] = await list(secret);
	/* Shown again: label, times and a short label, never the secret. */
	const shown = (await page()).text;
	assert.ok(!shown.includes(secret));
	assert.ok(!shown.includes(sm3(secret)));
	assert.match(shown, /页面令牌/);
	assert.match(shown, new RegExp(`<code>${t.id.slice(0, 8)}</code>`));
	assert.match(shown, /有效/);

	const other = await minted(await srv.login('nm-clerk'), '别人的页面令牌');
	const refused = await form(`/account/tokens/${other.id}/revoke`, {});
	assert.equal(refused.status, 404);
	assert.equal(await me(other.token), 200);
	const gone = await form(`/account/tokens/${t.id}/revoke`, {});
	assert.equal(gone.status, 303);
	assert.equal(await me(secret), 401);
	assert.match((await page()).text, /已撤销/);
	/* Without the form's CSRF token nothing is revoked. */
	const again = await minted(await srv.login(name), '无 CSRF');
	const forged = await srv.api('POST', `/account/tokens/${again.id}/revoke`,
	    { cookie, body: '', headers:
		{ 'Content-Type': 'application/x-www-form-urlencoded' } });
	assert.equal(forged.status, 403);
	assert.equal(await me(again.token), 200);
});

test('a new password ends every session and token of the old one',
    async () => {
	const name = await user('passwd');
	const session = await srv.login(name);
	const cookie = await browserLogin(srv, name);
	const api = await minted(session, '接口');
	const cli = await run(['--db', srv.db, 'user', 'token', name, '--label',
		'运维']);
	assert.equal(cli.code, 0, cli.stderr);
	const cliToken = cli.stdout.trim();
	for (const t of [session, api.token, cliToken])
		assert.equal(await me(t), 200);

	const newPw = 'Xin-Mi#Ma2026';
	const r = await run(['--db', srv.db, 'user', 'passwd', name,
		'--password-stdin'], { input: `${newPw}\n` });
	assert.equal(r.code, 0, r.stderr);
	for (const t of [session, api.token, cliToken])
		assert.equal(await me(t), 401);
	const page = await srv.api('GET', '/account', { cookie });
	assert.equal(page.status, 303, 'the cookie session ended');
	/* Logged in with the new password: the old tokens stay revoked. */
	const fresh = await srv.login(name, newPw);
	const items = await list(fresh);
	assert.equal(items.length, 2);
	assert.ok(items.every((x) => x.state === 'revoked'));
	assert.deepEqual(await audited('token.revoke', name),
	    [`account:${name}/token:all(2)|1`]);
});

test('disabling ends tokens and sessions; enabling brings none back',
    async () => {
	const name = await user('disable');
	const session = await srv.login(name);
	const t = await minted(session, '停用前');
	const off = await run(['--db', srv.db, 'user', 'disable', name]);
	assert.equal(off.code, 0, off.stderr);
	assert.equal(await me(session), 401);
	assert.equal(await me(t.token), 401);
	const on = await run(['--db', srv.db, 'user', 'enable', name]);
	assert.equal(on.code, 0, on.stderr);
	assert.equal(await me(session), 401, 'the session stays ended');
	assert.equal(await me(t.token), 401, 'the token stays revoked');
	const fresh = await srv.login(name);
	assert.equal((await list(fresh))[0].state, 'revoked');
});

test('a session ends 12 hours after its login however busy', async () => {
	const name = await user('lifetime');
	const login = await srv.api('POST', '/api/v1/login',
	    { json: { username: name, password: PASSWORD } });
	assert.equal(login.status, 200);
	assert.equal(login.body.expires_in_seconds, 12 * 3600);
	assert.equal(login.body.expires_idle_seconds, 30 * 60);
	const cookie = await browserLogin(srv, name);
	const age = (seconds) => sql(`UPDATE session SET created = ${now() -
	    seconds}, last_seen = ${now()} WHERE account = (SELECT key FROM ` +
	    `account WHERE name = '${name}')`);
	await age(12 * 3600 - 120);
	assert.equal(await me(login.body.token), 200, 'busy, 11:58 in');
	assert.equal((await srv.api('GET', '/account', { cookie })).status, 200);
	await age(12 * 3600 + 1);
	assert.equal(await me(login.body.token), 401, 'busy, 12 hours in');
	const page = await srv.api('GET', '/account', { cookie });
	assert.equal(page.status, 303);
	assert.match(page.headers.get('location'), /^\/login/);
	assert.equal(await sql('SELECT count(*) FROM session WHERE account = ' +
	    `(SELECT key FROM account WHERE name = '${name}')`), '0');
});

test('`lvzhi user token`: --days, list and revoke, audited', async () => {
	const name = await user('cli');
	const made = await run(['--db', srv.db, 'user', 'token', name,
		'--label', '一周', '--days', '7']);
	assert.equal(made.code, 0, made.stderr);
	const token = made.stdout.trim();
	assert.equal(await me(token), 200);
	const [t] = await list(token);
	assert.equal((Date.parse(t.expires) - Date.parse(t.created)) / 86400e3, 7);
	for (const days of ['0', '3651', 'x'])
		assert.equal((await run(['--db', srv.db, 'user', 'token', name,
			'--label', 'x', '--days', days])).code, 2, days);

	const shown = await run(['--db', srv.db, 'user', 'token', 'list', name]);
	assert.equal(shown.code, 0, shown.stderr);
	assert.match(shown.stdout, new RegExp(`${t.id}.*有效.*一周`));
	assert.ok(!shown.stdout.includes(token));
	assert.equal((await run(['--db', srv.db, 'user', 'token', 'revoke', name,
		'0123456789abcdef'])).code, 2);
	const gone = await run(['--db', srv.db, 'user', 'token', 'revoke', name,
		t.id]);
	assert.equal(gone.code, 0, gone.stderr);
	assert.equal(await me(token), 401);
	assert.deepEqual(await audited('token.revoke', name),
	    [`account:${name}/token:${t.id}|1`]);
	assert.deepEqual(await audited('token.create', name),
	    [`account:${name}/token:${t.id}|1`]);
});

test('revocation holds at once on every server sharing the database',
    async () => {
	const second = await spawnServer(srv.dir, srv.db);
	try {
		const name = await user('shared');
		const session = await srv.login(name);
		const t = await minted(session, '两台服务器');
		const there = async (token) => (await second.api('GET',
		    '/api/v1/me', { token })).status;
		/* Looked up on the second server first (were anything cached
		 * there, this would fill it). */
		assert.equal(await there(t.token), 200);
		assert.equal(await there(session), 200);
		assert.equal((await srv.api('DELETE', `/api/v1/tokens/${t.id}`,
		    { token: session })).status, 200);
		assert.equal(await there(t.token), 401);
		const r = await run(['--db', srv.db, 'user', 'passwd', name,
			'--password-stdin'], { input: 'Xin-Mi#Ma2026\n' });
		assert.equal(r.code, 0, r.stderr);
		assert.equal(await there(session), 401);
	} finally {
		const e = await second.stop();
		assert.equal(e.code, 0, e.stderr);
		assert.ok(!e.sanitizer, e.stderr);
	}
});

test('every token and login answer of this run matches docs/openapi.json',
    async () => {
	const spec = JSON.parse(await readFile(path.join(REPO,
	    'docs/openapi.json'), 'utf8'));
	const { checked, problems } = answersMatch(spec, srv.responses,
	    (p) => /^\/api\/v1\/(tokens|login)/.test(p));
	assert.ok(checked > 30, `only ${checked} answers checked`);
	assert.deepEqual(problems, []);
});
