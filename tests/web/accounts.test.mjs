/*
 * Accounts in the web ([workbench] item 6): the administrator adds
 * accounts of every role; an office adds clerk, leader and inspector
 * accounts for its own region's subtree and is refused (403, nothing
 * written) for admin, office and discipline roles, other regions and
 * persons outside; a create never overwrites (409); disabling stops the
 * login, the sessions and the tokens; a reset gives a one-time password
 * that must be changed before anything else; another account's tokens
 * are listed and revoked; nobody disables their own account or the last
 * administrator; every step is in the audit log. And a browser walk at
 * both sizes where the office adds a clerk.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';

import { OFFICE, PHONE, as, assertClean, clickAndWait, goto, kit, overflow,
	shot, useBrowser } from './browser-kit.mjs';
import { PASSWORD, REPO, browserLogin, run, sql as dbSql,
	useServer } from './harness.mjs';
import { answersMatch } from './schema.mjs';

useBrowser(/^accounts-.*\.png$/);
const srv = useServer();
kit.srv = srv;
const sql = async (statement) => (await dbSql(srv.db, statement)).trim();

let made = 0;
const fresh = (tag) => `acc-${tag}-${process.pid}-${++made}`;
const tokens = {};
async function token(name) {
	tokens[name] ??= await srv.login(name);
	return tokens[name];
}
async function call(who, method, p, json) {
	return srv.api(method, p, { token: await token(who), json });
}
const count = async (name) => Number(await sql('SELECT count(*) FROM ' +
    `account WHERE name = '${name}'`));
async function audited(action, entity) {
	const out = await sql('SELECT count(*) FROM audit WHERE action = ' +
	    `'${action}' AND entity = '${entity}' AND success = 1`);
	return Number(out);
}
/* A person who held a post at organ (and, with not, never one at not). */
async function personAt(organ, not) {
	const id = await sql('SELECT p.id FROM tenure t JOIN person p ON ' +
	    'p.key = t.person JOIN organ o ON o.key = t.organ WHERE o.id = ' +
	    `'${organ}'` + (not ? ' AND p.key NOT IN (SELECT t2.person FROM ' +
	    'tenure t2 JOIN organ o2 ON o2.key = t2.organ WHERE o2.id = ' +
	    `'${not}')` : '') + ' ORDER BY p.id LIMIT 1');
	assert.match(id, /\S/, `a person at ${organ}`);
	return id;
}
/* An account made with the CLI and a password of its own. */
async function cliUser(tag, role, place) {
	const name = fresh(tag);
	const r = await run(['--db', srv.db, 'user', 'add', name, '--role', role,
		...place, '--password-stdin'], { input: `${PASSWORD}\n` });
	assert.equal(r.code, 0, r.stderr);
	return name;
}
const me = async (t) => (await srv.api('GET', '/api/v1/me', { token: t }))
    .status;
async function loginStatus(name, password) {
	return (await srv.api('POST', '/api/v1/login',
	    { json: { username: name, password } })).status;
}

test('the administrator adds an account of every role', async () => {
	const leader = await personAt('520102-party');
	const asked = {
		admin: {}, office: { region: '520103' },
		clerk: { organ: '520102-gov' },
		leader: { organ: '520102-party', person: leader },
		inspector: { region: '520100' }, discipline: { region: '520000' },
	};
	for (const [role, place] of Object.entries(asked)) {
		const name = fresh(role);
		const r = await call('admin', 'POST', '/api/v1/accounts',
		    { name, role, ...place });
		assert.equal(r.status, 201, `${role}: ${r.text}`);
		assert.equal(r.body.role, role);
		assert.equal(r.body.must_change_password, true);
		assert.equal(r.body.disabled, false);
		assert.equal(r.headers.get('location'), `/api/v1/accounts/${name}`);
		/* The one-time password meets the complexity rule. */
		assert.ok(r.body.password.length >= 10);
		assert.match(r.body.password, /[A-Z]/);
		assert.match(r.body.password, /[a-z]/);
		assert.match(r.body.password, /[0-9]/);
		assert.equal(await sql('SELECT role || \'|\' || must_change FROM ' +
		    `account WHERE name = '${name}'`), `${role}|1`);
		assert.equal(await audited('account.add', `account:${name}`), 1);
		const got = await call('admin', 'GET', `/api/v1/accounts/${name}`);
		assert.equal(got.status, 200);
		assert.equal(got.body.password, undefined, 'shown once');
		if (place.region)
			assert.equal(got.body.region, place.region);
		if (place.organ)
			assert.equal(got.body.organ, place.organ);
		if (place.person) {
			assert.equal(got.body.person, place.person);
			assert.ok(got.body.person_name);
		}
		/* It logs in with the one-time password. */
		assert.equal(await loginStatus(name, r.body.password), 200);
	}
});

test('a create never overwrites, and bad input names its field',
    async () => {
	const name = fresh('dup');
	const first = await call('admin', 'POST', '/api/v1/accounts',
	    { name, role: 'inspector', region: '520000' });
	assert.equal(first.status, 201);
	const hash = await sql(`SELECT password FROM account WHERE name = '${name}'`);
	const again = await call('admin', 'POST', '/api/v1/accounts',
	    { name, role: 'clerk', organ: '520102-gov' });
	assert.equal(again.status, 409);
	assert.equal(again.body.field, 'name');
	assert.equal(await sql('SELECT role || password FROM account WHERE ' +
	    `name = '${name}'`), `inspector${hash}`);
	/* An existing demo account is not taken over either. */
	assert.equal((await call('admin', 'POST', '/api/v1/accounts',
	    { name: 'nm-clerk', role: 'clerk', organ: '520102-gov' })).status,
	409);
	const bad = [
		[{ name: 'a b', role: 'admin' }, 'name'],
		[{ name: fresh('x'), role: 'boss' }, 'role'],
		[{ name: fresh('x'), role: 'clerk' }, 'organ'],
		[{ name: fresh('x'), role: 'inspector' }, 'region'],
		[{ name: fresh('x'), role: 'clerk', organ: '520102-gov',
			region: '520102' }, 'region'],
		[{ name: fresh('x'), role: 'clerk', organ: 'no-such' }, 'organ'],
		[{ name: fresh('x'), role: 'office', region: '999999' }, 'region'],
		[{ name: fresh('x'), role: 'leader', organ: '520102-party' },
			'person'],
	];
	for (const [body, field] of bad) {
		const r = await call('admin', 'POST', '/api/v1/accounts', body);
		assert.equal(r.status, 400, `${JSON.stringify(body)}: ${r.text}`);
		assert.equal(r.body.field, field, JSON.stringify(body));
		if (/^acc-/.test(body.name))
			assert.equal(await count(body.name), 0);
	}
});

test('an office adds clerk, leader and inspector accounts in its region',
    async () => {
	const leader = await personAt('520102-party');
	const ok = [
		{ role: 'clerk', organ: '520102-gov' },
		{ role: 'leader', organ: '520102-party', person: leader },
		{ role: 'inspector', region: '520102' },
	];
	for (const place of ok) {
		const name = fresh(`nm-${place.role}`);
		const r = await call('nm-office', 'POST', '/api/v1/accounts',
		    { name, ...place });
		assert.equal(r.status, 201, `${place.role}: ${r.text}`);
		assert.equal(await audited('account.add', `account:${name}`), 1);
	}
	/* The city's office manages accounts of the district below it. */
	const below = await call('gy-office', 'POST', '/api/v1/accounts',
	    { name: fresh('gy'), role: 'clerk', organ: '520102-gov' });
	assert.equal(below.status, 201, below.text);
});

test('an office is refused other roles, other regions and persons ' +
    'outside, and nothing is written', async () => {
	const outside = await personAt('520103-party', '520102-party');
	const refused = [
		[{ role: 'admin' }, 'role'],
		[{ role: 'office', region: '520102' }, 'role'],
		[{ role: 'discipline', region: '520102' }, 'role'],
		[{ role: 'clerk', organ: '520103-party' }, 'organ'],
		[{ role: 'inspector', region: '520103' }, 'region'],
		[{ role: 'inspector', region: '520100' }, 'region'],
		[{ role: 'inspector', region: '520000' }, 'region'],
		[{ role: 'leader', organ: '520103-party', person: outside },
			'organ'],
		[{ role: 'leader', organ: '520102-party', person: outside },
			'person'],
	];
	const before = await sql('SELECT coalesce(max(seq), 0) FROM audit');
	for (const [place, field] of refused) {
		const name = fresh('refused');
		const r = await call('nm-office', 'POST', '/api/v1/accounts',
		    { name, ...place });
		assert.equal(r.status, 403, `${JSON.stringify(place)}: ${r.text}`);
		assert.equal(r.body.field, field, JSON.stringify(place));
		assert.equal(await count(name), 0);
	}
	/* Refusals of an office write nothing, not even to the log. */
	assert.equal(await sql('SELECT count(*) FROM audit WHERE action = ' +
	    '\'account.add\' AND seq > ' + before), '0');
	/* Nor does a clerk manage accounts at all. */
	const clerk = await call('nm-clerk', 'POST', '/api/v1/accounts',
	    { name: fresh('c'), role: 'clerk', organ: '520102-party' });
	assert.equal(clerk.status, 403);
	/* The page's form offers the office its own roles only. */
	const cookie = await browserLogin(srv, 'nm-office');
	const form = await srv.api('GET', '/accounts/new', { cookie });
	assert.equal(form.status, 200);
	assert.match(form.text, /台账录入员/);
	assert.doesNotMatch(form.text, /value="admin"|value="office"|value="discipline"/);
});

test('an office sees and touches only the accounts it manages',
    async () => {
	const list = await call('nm-office', 'GET', '/api/v1/accounts?per_page=200');
	assert.equal(list.status, 200, list.text);
	const names = list.body.items.map((x) => x.name);
	assert.ok(names.includes('nm-clerk') && names.includes('nm-leader'));
	for (const other of ['yy-clerk', 'nm-office', 'admin', 'discipline',
		'gy-office', 'inspector'])
		assert.ok(!names.includes(other), other);
	assert.equal(list.body.total, list.body.items.length);
	for (const x of list.body.items)
		assert.ok(['clerk', 'leader', 'inspector'].includes(x.role));
	/* Filters: role, status, region. */
	const clerks = await call('nm-office', 'GET',
	    '/api/v1/accounts?role=clerk&per_page=200');
	assert.ok(clerks.body.items.every((x) => x.role === 'clerk'));
	assert.ok(clerks.body.items.some((x) => x.name === 'nm-gov-clerk'));
	assert.equal((await call('nm-office', 'GET',
	    '/api/v1/accounts?region=520103')).status, 403);
	const yy = await call('admin', 'GET', '/api/v1/accounts?region=520103');
	assert.ok(yy.body.items.some((x) => x.name === 'yy-clerk'));
	assert.ok(!yy.body.items.some((x) => x.name === 'nm-clerk'));
	const paged = await call('admin', 'GET', '/api/v1/accounts?per_page=2&page=2');
	assert.equal(paged.body.items.length, 2);
	assert.ok(paged.body.total > 4);
	/* Outside: not told to exist, and left as it was. */
	for (const [m, p] of [['GET', ''], ['POST', '/disable'],
		['POST', '/password'], ['GET', '/tokens'], ['DELETE', '/tokens']])
		assert.equal((await call('nm-office', m,
		    `/api/v1/accounts/yy-clerk${p}`)).status, 404, `${m} ${p}`);
	assert.equal((await call('nm-office', 'POST',
	    '/api/v1/accounts/gy-office/disable')).status, 404);
	assert.equal(await sql('SELECT disabled + must_change FROM account ' +
	    'WHERE name = \'yy-clerk\''), '0');
	assert.equal(await loginStatus('yy-clerk', PASSWORD), 200);
});

test('disabling stops the login, the sessions and the tokens',
    async () => {
	const name = await cliUser('off', 'clerk', ['--organ', '520102-gov']);
	const session = await srv.login(name);
	const cookie = await browserLogin(srv, name);
	const minted = await srv.api('POST', '/api/v1/tokens', { token: session,
		json: { label: '脚本', password: PASSWORD } });
	assert.equal(minted.status, 201);
	const off = await call('nm-office', 'POST',
	    `/api/v1/accounts/${name}/disable`);
	assert.equal(off.status, 200, off.text);
	assert.equal(off.body.disabled, true);
	assert.equal(off.body.state_label, '已停用');
	assert.equal(await me(session), 401);
	assert.equal(await me(minted.body.token), 401);
	assert.equal((await srv.api('GET', '/account', { cookie })).status, 303);
	assert.equal(await loginStatus(name, PASSWORD), 401);
	assert.equal(await audited('account.disable', `account:${name}`), 1);
	assert.equal(await audited('token.revoke',
	    `account:${name}/token:all(1)`), 1);
	const on = await call('nm-office', 'POST',
	    `/api/v1/accounts/${name}/enable`);
	assert.equal(on.status, 200);
	assert.equal(on.body.disabled, false);
	assert.equal(await audited('account.enable', `account:${name}`), 1);
	assert.equal(await me(minted.body.token), 401, 'the token stays revoked');
	assert.equal(await loginStatus(name, PASSWORD), 200);
});

test('nobody disables their own account or the last administrator',
    async () => {
	const self = await call('admin', 'POST', '/api/v1/accounts/admin/disable');
	assert.equal(self.status, 409);
	/* The operator neither, while it is the only enabled one. */
	const enabled = await sql('SELECT count(*) FROM account WHERE role = ' +
	    '\'admin\' AND disabled = 0 AND name <> \'admin\'');
	await sql('UPDATE account SET disabled = 1 WHERE role = \'admin\' ' +
	    'AND name <> \'admin\'');
	const cli = await run(['--db', srv.db, 'user', 'disable', 'admin']);
	assert.equal(cli.code, 2, cli.stderr);
	assert.match(cli.stderr, /最后一个/);
	assert.equal(await sql('SELECT disabled FROM account WHERE name = ' +
	    '\'admin\''), '0');
	/* With a second administrator, one disables the other. */
	const second = fresh('admin2');
	assert.equal((await call('admin', 'POST', '/api/v1/accounts',
	    { name: second, role: 'admin' })).status, 201);
	const other = await call('admin', 'POST',
	    `/api/v1/accounts/${second}/disable`);
	assert.equal(other.status, 200, other.text);
	assert.ok(Number(enabled) >= 0);
});

test('a reset gives a one-time password that must be changed first',
    async () => {
	const name = await cliUser('reset', 'inspector', ['--region', '520102']);
	const old = await srv.login(name);
	const reset = await call('nm-office', 'POST',
	    `/api/v1/accounts/${name}/password`);
	assert.equal(reset.status, 200, reset.text);
	const once = reset.body.password;
	assert.equal(reset.body.must_change_password, true);
	assert.equal(await me(old), 401, 'the old session ended');
	assert.equal(await loginStatus(name, PASSWORD), 401, 'old password');
	assert.equal(await audited('account.reset', `account:${name}`), 1);
	/* Logged in with it: only the change, who one is, and leaving. */
	const first = await srv.api('POST', '/api/v1/login',
	    { json: { username: name, password: once } });
	assert.equal(first.body.password_change_required, true);
	const t = first.body.token;
	assert.equal(await me(t), 200);
	const held = await srv.api('GET', '/api/v1/records', { token: t });
	assert.equal(held.status, 403);
	assert.match(held.body.title, /修改密码/);
	const cookie = await browserLogin(srv, name, once);
	const page = await srv.api('GET', '/ledger', { cookie });
	assert.equal(page.status, 303);
	assert.equal(page.headers.get('location'), '/account/password');
	assert.equal((await srv.api('GET', '/account/password', { cookie }))
	    .status, 200);
	const change = (json) => srv.api('POST', '/api/v1/me/password',
	    { token: t, json });
	const wrong = await change({ password: 'Wrong-1234x', new_password:
	    'Better#2026x' });
	assert.equal(wrong.status, 403);
	const weak = await change({ password: once, new_password: 'short' });
	assert.equal(weak.status, 400);
	assert.equal(weak.body.field, 'new_password');
	const same = await change({ password: once, new_password: once });
	assert.equal(same.status, 400);
	const good = await change({ password: once, new_password: 'Better#2026x' });
	assert.equal(good.status, 200, good.text);
	assert.equal(await me(t), 401, 'log in again after the change');
	assert.equal(await audited('account.passwd', `account:${name}`), 1);
	const again = await srv.api('POST', '/api/v1/login',
	    { json: { username: name, password: 'Better#2026x' } });
	assert.equal(again.body.password_change_required, undefined);
	const t2 = again.body.token;
	assert.equal((await srv.api('GET', '/api/v1/records',
	    { token: t2 })).status, 200);
	assert.equal(await sql('SELECT must_change FROM account WHERE name = ' +
	    `'${name}'`), '0');
});

test('another account\'s tokens are listed and revoked', async () => {
	const name = await cliUser('tok', 'clerk', ['--organ', '520102-party']);
	const session = await srv.login(name);
	const mint = async (label) => (await srv.api('POST', '/api/v1/tokens',
	    { token: session, json: { label, password: PASSWORD } })).body;
	const a = await mint('导入甲');
	const b = await mint('导入乙');
	const listed = await call('nm-office', 'GET',
	    `/api/v1/accounts/${name}/tokens`);
	assert.equal(listed.status, 200);
	assert.deepEqual(listed.body.items.map((x) => x.label).sort(),
	    ['导入甲', '导入乙'].sort());
	assert.ok(!listed.text.includes(a.token), 'never the secret');
	assert.equal((await call('yy-clerk', 'GET',
	    `/api/v1/accounts/${name}/tokens`)).status, 403);
	assert.equal((await call('gz-office', 'GET',
	    `/api/v1/accounts/${name}/tokens`)).status, 200);
	const one = await call('nm-office', 'DELETE',
	    `/api/v1/accounts/${name}/tokens/${a.id}`);
	assert.equal(one.status, 200);
	assert.equal(one.body.revoked, 1);
	assert.equal(await me(a.token), 401);
	assert.equal(await me(b.token), 200);
	assert.equal(await audited('token.revoke',
	    `account:${name}/token:${a.id}`), 1);
	assert.equal((await call('nm-office', 'DELETE',
	    `/api/v1/accounts/${name}/tokens/${a.id}`)).status, 404);
	const all = await call('nm-office', 'DELETE',
	    `/api/v1/accounts/${name}/tokens`);
	assert.equal(all.body.revoked, 1);
	assert.equal(await me(b.token), 401);
	assert.equal(await me(session), 200, 'the session is not a token');
});

test('every account answer of this run matches docs/openapi.json',
    async () => {
	const spec = JSON.parse(await readFile(path.join(REPO,
	    'docs/openapi.json'), 'utf8'));
	const { checked, problems } = answersMatch(spec, srv.responses,
	    (p) => /^\/api\/v1\/(accounts|me)/.test(p));
	assert.ok(checked > 60, `only ${checked} answers checked`);
	assert.deepEqual(problems, []);
});

/* The office adds a clerk in the browser: list, form, the one-time
 * password, then a reset asked first. */
for (const [size, viewport] of [['office', OFFICE], ['phone', PHONE]]) {
	test(`the office adds a clerk in the browser (${size})`, async () => {
		const page = await as('nm-office', '/');
		await page.setViewportSize(viewport);
		if (size === 'phone')
			await page.getByRole('button', { name: '菜单' }).click();
		await clickAndWait(page, page.getByRole('link', { name: '账号管理' }),
		    (u) => u.pathname === '/accounts');
		await page.getByRole('link', { name: 'nm-clerk', exact: true })
		    .waitFor();
		assert.equal(await page.getByRole('link', { name: 'yy-clerk' })
		    .count(), 0);
		await clickAndWait(page, page.getByRole('link', { name: '新建账号' }),
		    (u) => u.pathname === '/accounts/new');
		const name = fresh(`web-${size}`);
		await page.getByLabel('账号名').fill(name);
		await page.getByLabel('角色').selectOption({ label: '台账录入员' });
		/* The organ, picked by name: typed in part, chosen from the
		 * list the picker offers (no code typed). */
		const organBox = page.getByRole('combobox', { name: /所在机构/ });
		await organBox.pressSequentially('南明区人民政', { delay: 30 });
		const option = page.getByRole('option', { name: /^南明区人民政府/ });
		await option.first().click();
		assert.equal(await page.locator('input[type=hidden][name=organ]')
		    .inputValue(), '520102-gov');
		await shot(page, `accounts-new-${size}`);
		await clickAndWait(page, page.getByRole('button',
		    { name: '创建账号' }), (u) => u.pathname === '/accounts');
		const once = (await page.locator('code.onetime').textContent())
		    .trim();
		assert.match(once, /^[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$/);
		await page.getByText('台账录入员').first().waitFor();
		await page.getByText('南明区人民政府').first().waitFor();
		const o = await overflow(page);
		assert.ok(o.scroll <= o.width, `sideways: ${JSON.stringify(o)}`);
		await shot(page, `accounts-made-${size}`);
		assert.equal(await count(name), 1);
		assert.equal(await audited('account.add', `account:${name}`), 1);
		/* Reset: asked first; declined, nothing happens. */
		page.confirmAnswer = false;
		await page.getByRole('button', { name: '重置密码' }).click();
		assert.equal(page.confirms.length, 1);
		assert.match(page.confirms[0], /重置/);
		assert.equal(await audited('account.reset', `account:${name}`), 0);
		page.confirmAnswer = true;
		await clickAndWait(page, page.getByRole('button', { name: '停用' }),
		    (u) => u.search.includes('ok=disabled'));
		assert.match(page.confirms[1], /停用/);
		await page.getByText('账号已停用').waitFor();
		assert.equal(await audited('account.disable', `account:${name}`), 1);
		await shot(page, `accounts-disabled-${size}`);
		assertClean(page, `accounts (${size})`);
		await goto(page, '/accounts/yy-clerk', 404);
	});
}
