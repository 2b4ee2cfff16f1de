/*
 * The data version the evaluation sets are kept under ([workbench] item
 * 4): every write that can change a result moves it in its own
 * transaction, so the next page makes the year's set anew; a write that
 * cannot (a login, a logout, a token, a message read, an account change)
 * leaves it, and the set, alone. Checked through the store: the version
 * the office's set was made under (eval_set) after each step, and the
 * invariant that data_version is the last audit entry of an action that
 * moves it (audit_moves_data).
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';

import { PASSWORD, YEAR, browserLogin, run, sql, useServer } from
    './harness.mjs';

const srv = useServer();
const REGION = '520102';
/* The actions that leave the version alone (src/audit/audit.c). */
const INERT = ['login', 'logout', 'token.create', 'token.revoke',
	'account.add', 'account.disable', 'account.enable', 'account.passwd',
	'account.reset', 'message.read', 'reminder.send', 'webhook.deliver',
	'webhook.expire', 'webhook.prune', 'backup'];
const tokens = {};

async function as(name, method, p, o = {}) {
	tokens[name] ??= await srv.login(name);
	return srv.api(method, p, { ...o, token: tokens[name] });
}

let cookie = null;
/* The office's evaluation page; resolves the key of the set it read. */
async function setShown() {
	cookie ??= await browserLogin(srv, 'nm-office');
	const r = await srv.api('GET', `/evaluation?year=${YEAR}`, { cookie });
	assert.equal(r.status, 200, r.text);
	const key = (await sql(srv.db, 'SELECT version || \' \' || tag FROM ' +
	    `eval_set WHERE year = ${YEAR} AND scope = '${REGION}'`)).trim();
	assert.match(key, /^\d+ [0-9a-f]{64}$/, 'one set of the office\'s scope');
	return key;
}

/* data_version is the last entry of an action that moves it. */
async function versionHolds() {
	const inert = INERT.map((x) => `'${x}'`).join(', ');
	const [have, want] = await Promise.all([
		sql(srv.db, 'SELECT seq || \' \' || hash FROM data_version'),
		sql(srv.db, 'SELECT seq || \' \' || hash FROM audit WHERE ' +
		    `action NOT IN (${inert}) ORDER BY seq DESC LIMIT 1`)]);
	assert.equal(have.trim(), want.trim());
	assert.match(have.trim(), /^[1-9]\d* [0-9a-f]{64}$/);
}

/* Runs write, then expects the page's set kept (moves false) or made
 * anew (moves true). */
async function after(what, moves, write) {
	const before = await setShown();
	const seqBefore = (await sql(srv.db, 'SELECT max(seq) FROM audit')).trim();
	await write();
	const seqAfter = (await sql(srv.db, 'SELECT max(seq) FROM audit')).trim();
	assert.ok(Number(seqAfter) > Number(seqBefore), `${what} is audited`);
	await versionHolds();
	const now = await setShown();
	if (moves)
		assert.notEqual(now, before, `${what} makes the set anew`);
	else
		assert.equal(now, before, `${what} keeps the set`);
}

test('a login, a logout, a token, a message read, an account change keep ' +
    'the set', async () => {
	await after('an API login', false, async () => {
		delete tokens['nm-clerk'];
		await as('nm-clerk', 'GET', '/api/v1/me');
	});
	await after('a browser login', false, async () => {
		await browserLogin(srv, 'nm-leader');
	});
	await after('a logout', false, async () => {
		const t = await srv.login('nm-leader');
		const r = await srv.api('POST', '/api/v1/logout', { token: t });
		assert.equal(r.status, 200, r.text);
	});
	let id = null;
	await after('a token made', false, async () => {
		const r = await as('nm-office', 'POST', '/api/v1/tokens',
		    { json: { label: '数据版本测试', password: PASSWORD } });
		assert.equal(r.status, 201, r.text);
		id = r.body.id;
	});
	await after('a token revoked', false, async () => {
		const r = await as('nm-office', 'DELETE', `/api/v1/tokens/${id}`);
		assert.equal(r.status, 200, r.text);
	});
	await after('messages read', false, async () => {
		const c = await browserLogin(srv, 'nm-clerk');
		const html = (await srv.api('GET', '/messages', { cookie: c })).text;
		const csrf = /name="_csrf" value="([^"]+)"/.exec(html)[1];
		const r = await srv.api('POST', '/messages/read', { cookie: c,
			body: new URLSearchParams({ _csrf: csrf }).toString(),
			headers: { 'Content-Type':
			    'application/x-www-form-urlencoded' } });
		assert.ok(r.status < 400, r.text);
	});
	await after('an account added and disabled', false, async () => {
		const add = await run(['--db', srv.db, 'user', 'add', 'dv-clerk',
			'--role', 'clerk', '--organ', `${REGION}-gov`,
			'--password-stdin'], { input: `${PASSWORD}\n` });
		assert.equal(add.code, 0, add.stderr);
		const r = await as('nm-office', 'POST',
		    '/api/v1/accounts/dv-clerk/disable');
		assert.equal(r.status, 200, r.text);
	});
});

test('each write that can change a result makes the set anew', async () => {
	let record = null;
	await after('a record added', true, async () => {
		const r = await as('nm-clerk', 'POST', '/api/v1/records', { json: {
			id: `r-dv-${Date.now()}`, kind: 'rol_report_hearing',
			organ: `${REGION}-party`, date: `${YEAR}-05-12`,
			title: '数据版本测试:听取法治建设工作汇报' } });
		assert.equal(r.status, 201, r.text);
		record = r.body.id;
	});
	await after('a record verified', true, async () => {
		const r = await as('nm-office', 'POST',
		    `/api/v1/records/${record}/verify`);
		assert.equal(r.status, 200, r.text);
	});
	await after('a duty scored', true, async () => {
		const ev = await as('nm-office', 'GET',
		    `/api/v1/evaluation?year=${YEAR}&region=${REGION}`);
		const res = ev.body.results.find((x) => x.duties.some((d) =>
		    d.verdict === 'needs_review'));
		assert.ok(res, 'a duty to score');
		const duty = res.duties.find((d) => d.verdict === 'needs_review');
		const r = await as('nm-office', 'PUT', '/api/v1/scores', { json: {
			person: res.person, year: YEAR, duty: duty.id, score: 90,
			comment: '数据版本测试评分' } });
		assert.equal(r.status, 200, r.text);
	});
	await after('a finding recorded', true, async () => {
		const i = await as('inspector', 'POST', '/api/v1/inspections', {
			json: { kind: 'special', title: '数据版本专项督查',
				region: REGION, year: YEAR } });
		assert.equal(i.status, 201, i.text);
		const ev = await as('nm-office', 'GET',
		    `/api/v1/evaluation?year=${YEAR}&region=${REGION}`);
		const res = ev.body.results.find((x) => x.organ === `${REGION}-party`);
		const f = await as('inspector', 'POST',
		    `/api/v1/inspections/${i.body.id}/findings`, { json: {
			organ: `${REGION}-party`, person: res.person,
			duty: '5.4-no-interference', severity: 'veto',
			description: '数据版本测试:过问具体案件' } });
		assert.equal(f.status, 201, f.text);
	});
	await after('the registry imported', true, async () => {
		const file = path.join(srv.dir, 'dv.jsonl');
		await writeFile(file, JSON.stringify({ type: 'person',
			id: 'p-dv-0001', name: '数据版本' }) + '\n');
		const r = await run(['--db', srv.db, 'import', file]);
		assert.equal(r.code, 0, r.stderr);
	});
	await after('the year closed', true, async () => {
		const r = await as('nm-office', 'POST', '/api/v1/evaluation/close',
		    { json: { year: YEAR, region: REGION, reason: '数据版本测试' } });
		assert.equal(r.status, 200, r.text);
	});
	await after('the year reopened', true, async () => {
		const r = await as('nm-office', 'POST', '/api/v1/evaluation/reopen',
		    { json: { year: YEAR, region: REGION, reason: '数据版本测试' } });
		assert.equal(r.status, 200, r.text);
	});
});
