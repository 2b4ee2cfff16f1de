/*
 * 待办, messages and the webhook ([workbench] item 3), on the demo province
 * with "today" in the year after the demo year (LVZHI_TODAY):
 *
 *   - each role's home page opens with its 待办, dates in Chinese: the
 *     clerk's returned records, the office's records to verify and
 *     duties to score, the leader's 本年还需…(截止 X月X日) as the
 *     evaluation counts it, the inspector's overdue 整改, discipline's
 *     open cases with their next step; each item links to its page;
 *   - the bell counts a clerk's unread messages: up when the office
 *     returns their record or orders a 整改 of their organ, down when
 *     read on the messages page;
 *   - the same messages go to an HTTPS receiver (a self-signed
 *     certificate made here with openssl, given as the CA) as signed
 *     JSON; the receiver checks the signature, refuses the first two
 *     attempts, and the third gets through; each attempt is in the audit
 *     log with its outcome;
 *   - `lvzhi remind` sends a rectification's reminders 3 days before, on
 *     the day and once overdue, each once however often it runs.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';

import { YEAR, browserLogin, htmlDecode, onDay, run, slow, sql, useServer,
	visibleText } from './harness.mjs';

const NOW = YEAR + 1;
const TODAY = `${NOW}-11-27`;
const SECRET = crypto.randomBytes(24).toString('hex');
const CN_DATE = /\d{4}年\d{1,2}月\d{1,2}日/;

/* ---- the receiver: HTTPS with a certificate made for this run ---- */

const certDir = mkdtempSync(path.join(os.tmpdir(), 'lvzhi-hook-'));
const keyFile = path.join(certDir, 'key.pem');
const certFile = path.join(certDir, 'cert.pem');
execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes',
	'-keyout', keyFile, '-out', certFile, '-days', '2', '-subj',
	'/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'],
    { stdio: 'ignore' });

/* Every request as it came: { delivery, timestamp, signature, body,
 * verified, status }. refuse(link) makes the first n attempts at a
 * delivery whose message links to link fail with 503. */
const received = [];
const refusals = new Map();
const receiver = https.createServer({ key: readFileSync(keyFile),
	cert: readFileSync(certFile) }, (req, res) => {
	const chunks = [];
	req.on('data', (c) => chunks.push(c));
	req.on('end', () => {
		const raw = Buffer.concat(chunks);
		const ts = req.headers['x-lvzhi-timestamp'];
		const sig = req.headers['x-lvzhi-signature'] ?? '';
		const want = 'sha256=' + crypto.createHmac('sha256', SECRET)
		    .update(`${ts}.`).update(raw).digest('hex');
		const verified = sig.length === want.length &&
		    crypto.timingSafeEqual(Buffer.from(sig), Buffer.from(want)) &&
		    Math.abs(Date.now() / 1000 - Number(ts)) < 300;
		let body = null;
		try {
			body = JSON.parse(raw.toString('utf8'));
		} catch { /* left null: the test fails on it */ }
		let status = verified ? 200 : 401;
		const left = refusals.get(body?.link) ?? 0;
		if (verified && left > 0) {
			refusals.set(body.link, left - 1);
			status = 503;
		}
		received.push({ delivery: req.headers['x-lvzhi-delivery'], ts, sig,
			body, verified, status, type: req.headers['content-type'] });
		res.writeHead(status).end();
	});
});
await new Promise((r) => receiver.listen(0, '127.0.0.1', r));
const HOOK = `https://127.0.0.1:${receiver.address().port}/hook`;
after(() => {
	receiver.close();
	rmSync(certDir, { recursive: true, force: true });
});

const srv = useServer({ env: { LVZHI_TODAY: TODAY,
	LVZHI_WEBHOOK_URL: HOOK, LVZHI_WEBHOOK_SECRET: SECRET,
	LVZHI_WEBHOOK_CA: certFile, LVZHI_WEBHOOK_RETRY: '1' } });

/* ---- helpers ---- */

const tokens = {};
async function as(name, method, p, o = {}) {
	tokens[name] ??= await srv.login(name);
	return srv.api(method, p, { ...o, token: tokens[name] });
}

const cookies = {};
async function page(name, p) {
	cookies[name] ??= await browserLogin(srv, name);
	const r = await srv.api('GET', p, { cookie: cookies[name] });
	assert.equal(r.status, 200, `${name} GET ${p}: ${r.status}`);
	return r.text;
}

async function post(name, p, form) {
	const html = await page(name, '/messages');
	const csrf = /name="_csrf" value="([^"]+)"/.exec(html)[1];
	return srv.api('POST', p, { cookie: cookies[name],
		body: new URLSearchParams({ ...form, _csrf: csrf }).toString(),
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
}

/* The home page's 待办 as [{ title, total, items: [{ text, href }] }]. */
async function todo(name) {
	const html = await page(name, '/');
	const m = /<section class="card todo"[^>]*>([\s\S]*?)<\/section>/
	    .exec(html);
	assert.ok(m, `${name}: the home page has a 待办`);
	const main = html.indexOf('<main>');
	assert.ok(html.indexOf(m[0]) > main &&
	    html.indexOf('<h1', main) > html.indexOf(m[0]),
	    `${name}: the 待办 comes first on the page`);
	return m[1].split('<h3>').slice(1).map((part) => {
		const head = /^([^<]+)<span class="muted">(\d+) 项<\/span><\/h3>/
		    .exec(part);
		const items = [...part.matchAll(
		    /<li><a href="([^"]+)">([\s\S]*?)<\/a>([\s\S]*?)<\/li>/g)]
		    .map((x) => ({ href: htmlDecode(x[1]),
			text: visibleText(x[2]).trim(),
			rest: visibleText(x[3]).trim() }));
		return { title: head[1].trim(), total: Number(head[2]), items };
	});
}

async function bell(name) {
	const html = await page(name, '/messages');
	const m = /<a class="bell[^"]*" href="\/messages"[^>]*aria-label="消息,(\d+) 条未读"/
	    .exec(html);
	assert.ok(m, `${name}: the header has the bell`);
	return Number(m[1]);
}

async function until(what, fn, ms = slow(30_000)) {
	const end = Date.now() + ms;
	for (;;) {
		const v = await fn();
		if (v)
			return v;
		if (Date.now() > end)
			assert.fail(`timed out waiting for ${what}`);
		await new Promise((r) => setTimeout(r, 200));
	}
}

const world = {};

/* ---- the bell and the webhook ---- */

test('a returned record: the clerk\'s bell, 待办 and the webhook', async () => {
	const before = await bell('nm-clerk');
	const id = `t-todo-${process.pid}`;
	const title = '待办测试:听取法治建设工作汇报';
	const rec = await as('nm-clerk', 'POST', '/api/v1/records', { json: {
		id, kind: 'rol_report_hearing', organ: '520102-party',
		date: `${NOW}-03-10`, title } });
	assert.equal(rec.status, 201, rec.text);
	refusals.set(`/ledger/${id}`, 2);
	const rej = await as('nm-office', 'POST', `/api/v1/records/${id}/reject`,
	    { json: { note: '缺少会议纪要' } });
	assert.equal(rej.status, 200, rej.text);
	world.record = id;

	assert.equal(await bell('nm-clerk'), before + 1, 'the bell counts it');
	assert.equal(await bell('nm-office'), 0, 'the office is not told');
	const list = await todo('nm-clerk');
	assert.equal(list.length, 1);
	assert.equal(list[0].title, '退回待修改的记录');
	const mine = list[0].items.find((x) => x.text.includes(title));
	assert.ok(mine, `the returned record is listed: ${JSON.stringify(list)}`);
	assert.equal(mine.href, `/ledger/${id}/edit`);
	assert.match(mine.text, /3月10日/);
	assert.match(mine.text, CN_DATE);
	assert.match(mine.rest, /退回理由:缺少会议纪要/);
	const count = await as('nm-clerk', 'GET',
	    '/api/v1/records?status=rejected&organ=520102-party&per_page=1');
	assert.equal(count.status, 200, count.text);
	assert.equal(list[0].total, count.body.total);

	/* The receiver refuses twice; the third attempt gets through. */
	const got = await until('the third attempt', () => {
		const a = received.filter((x) => x.body?.link === `/ledger/${id}`);
		return a.length >= 3 && a[2].status === 200 ? a : null;
	});
	assert.equal(got.length, 3, 'no attempt after the delivery');
	assert.deepEqual(got.map((x) => x.status), [503, 503, 200]);
	for (const g of got) {
		assert.ok(g.verified, 'the signature verifies');
		assert.equal(g.delivery, got[0].delivery, 'one delivery id');
		assert.match(g.type, /^application\/json/);
	}
	const b = got[2].body;
	assert.equal(b.kind, 'record.returned');
	assert.deepEqual(b.recipients, ['nm-clerk']);
	assert.match(b.body, /缺少会议纪要/);
	assert.equal(b.msgtype, 'text');
	assert.match(b.text.content, /^【履职】台账记录被退回/);
	/* A body signed under another timestamp does not verify. */
	const forged = 'sha256=' + crypto.createHmac('sha256', SECRET)
	    .update(`${Number(got[2].ts) + 1}.`).update(JSON.stringify(b))
	    .digest('hex');
	assert.notEqual(forged, got[2].sig);

	/* Every attempt is audited with its outcome. */
	const rows = await until('the third audit entry', async () => {
		const r = (await sql(srv.db, 'SELECT success FROM audit WHERE ' +
		    `action = 'webhook.deliver' AND entity = 'outbox:` +
		    `${Number(got[0].delivery)}' ORDER BY seq`)).trim();
		return r.split('\n').length === 3 ? r : null;
	});
	assert.deepEqual(rows.split('\n').map((x) => x.trim()),
	    ['0', '0', '1']);
	const state = await sql(srv.db, 'SELECT state, attempts FROM outbox ' +
	    `WHERE key = ${Number(got[0].delivery)}`);
	assert.match(state.trim(), /^sent\|3$/);
});

test('the messages page: read one, the bell falls', async () => {
	const n = await bell('nm-clerk');
	assert.ok(n >= 1);
	const html = await page('nm-clerk', '/messages');
	const m = new RegExp(`<li class="card unread"><h2><a href="/ledger/` +
	    `${world.record}">台账记录被退回</a>[\\s\\S]*?action="/messages/` +
	    `(\\d+)/read"`).exec(html);
	assert.ok(m, 'the message is listed, unread, with its link');
	const r = await post('nm-clerk', `/messages/${m[1]}/read`, {});
	assert.equal(r.status, 303, r.text);
	assert.equal(await bell('nm-clerk'), n - 1);
	/* Another account's message is not there for it. */
	const other = await post('nm-gov-clerk', `/messages/${m[1]}/read`, {});
	assert.equal(other.status, 404);
	const all = await post('nm-clerk', '/messages/read', {});
	assert.equal(all.status, 303);
	assert.equal(await bell('nm-clerk'), 0);
	const audit = await sql(srv.db, "SELECT count(*) FROM audit WHERE " +
	    "action = 'message.read' AND actor LIKE '%nm-clerk%'");
	assert.ok(Number(audit) >= 1, 'reading is audited');
});

/* ---- each role's 待办 ---- */

test('the office\'s records to verify follow every write: a new record ' +
    'listed first at once, gone once verified', async () => {
	const before = (await todo('nm-office'))
	    .find((l) => l.title === '待核实的记录');
	await todo('nm-office'); /* a second load: the kept list */
	/* The first one's date: a record entered later on it is listed
	 * before it (newest, then the last entered). */
	const first = await as('nm-office', 'GET',
	    `/api/v1/records/${before.items[0].href.split('/').pop()}`);
	assert.equal(first.status, 200, first.text);
	const newest = first.body.date;
	const made = await as('nm-clerk', 'POST', '/api/v1/records', { json: {
		id: `r-todo-kept-${Date.now()}`, kind: 'rol_report_hearing',
		organ: '520102-party', date: newest,
		title: '待办缓存测试:最新的待核实记录' } });
	assert.equal(made.status, 201, made.text);
	let now = (await todo('nm-office')).find((l) => l.title === '待核实的记录');
	assert.equal(now.total, before.total + 1);
	assert.equal(now.items[0].href, `/ledger/${made.body.id}`);
	const v = await as('nm-office', 'POST',
	    `/api/v1/records/${made.body.id}/verify`);
	assert.equal(v.status, 200, v.text);
	now = (await todo('nm-office')).find((l) => l.title === '待核实的记录');
	assert.equal(now.total, before.total);
	assert.ok(!now.items.some((x) => x.href === `/ledger/${made.body.id}`));
	assert.deepEqual(now.items.map((x) => x.href),
	    before.items.map((x) => x.href));
});

test('the office: records to verify and duties to score', async () => {
	const list = await todo('nm-office');
	const verify = list.find((l) => l.title === '待核实的记录');
	const score = list.find((l) => l.title === '待评分的定性职责');
	assert.ok(verify && score, JSON.stringify(list.map((l) => l.title)));
	const r = await as('nm-office', 'GET',
	    '/api/v1/records?status=submitted&per_page=1');
	assert.equal(r.status, 200, r.text);
	assert.equal(verify.total, r.body.total);
	assert.equal(verify.items.length, Math.min(verify.total, 5));
	for (const it of verify.items) {
		assert.match(it.href, /^\/ledger\/[^/]+$/);
		assert.match(it.text, CN_DATE);
		assert.doesNotMatch(it.text, /r-\d+|520102-/, 'no internal id');
	}
	/* The administrator's: every region's, from the same index. */
	const all = (await todo('admin')).find((l) => l.title === '待核实的记录');
	const ra = await as('admin', 'GET',
	    '/api/v1/records?status=submitted&per_page=1');
	assert.equal(all.total, ra.body.total);
	assert.ok(all.total > verify.total, 'more than one county\'s');
	assert.deepEqual(all.items.map((x) => x.href).slice(0, 1),
	    (await as('admin', 'GET', '/api/v1/records?status=submitted' +
	    '&per_page=1')).body.items.map((x) => `/ledger/${x.id}`),
	    'the newest first, as the ledger lists them');
	/* The duties to score are the needs_review ones of the evaluation,
	 * last year's and this year's. */
	let want = 0;
	for (const y of [NOW - 1, NOW]) {
		const e = await as('nm-office', 'GET', `/api/v1/evaluation?year=${y}`);
		assert.equal(e.status, 200, e.text);
		for (const res of e.body.results)
			want += res.duties.filter((u) => u.verdict === 'needs_review')
			    .length;
	}
	assert.equal(score.total, want);
	for (const it of score.items)
		assert.match(it.href, /^\/evaluation\?year=\d{4}&region=\d+&show=provisional$/);
});

test('the leader: 本年还需…(截止 X月X日) as the evaluation counts', async () => {
	const e = await as('nm-leader', 'GET', `/api/v1/evaluation?year=${NOW}`);
	assert.equal(e.status, 200, e.text);
	const owed = [];
	for (const res of e.body.results)
		for (const u of res.duties)
			if (typeof u.required === 'number' && u.actual < u.required &&
			    !['met', 'not_applicable'].includes(u.verdict))
				owed.push(u.required - u.actual);
	const list = await todo('nm-leader');
	assert.equal(list.length, 1);
	assert.equal(list[0].title, '本年还需完成的职责');
	assert.equal(list[0].total, owed.length);
	assert.ok(owed.length > 0, 'the demo leader owes something this year');
	const got = list[0].items.map((it) => {
		const m = /^本年还需(.+) (\d+) (次|份)\(截止 (\d{4}年)?(\d{1,2})月(\d{1,2})日\)$/
		    .exec(it.text);
		assert.ok(m, `a 本年还需 line with its deadline: ${it.text}`);
		assert.match(it.rest, /已完成 \d+\/\d+/);
		assert.match(it.href, /^\/ledger\?organ=520102-party(&kind=[a-z_]+)?$/);
		return Number(m[2]);
	});
	assert.deepEqual(got.sort(), owed.slice(0, 5).sort());
});

test('the inspector: overdue 整改, with Chinese dates', async () => {
	const me = await as('nm-leader', 'GET', '/api/v1/me');
	/* Ordered early in November; the deadline has passed since. */
	await as('gy-office', 'GET', '/api/v1/me');
	const order = await onDay(srv, `${NOW}-11-02`, (early) => early.api(
	    'POST', '/api/v1/rectifications', { token: tokens['gy-office'],
		json: { source: 'evaluation', organ: '520102-party',
		person: me.body.person, year: NOW - 1,
		requirement: '补齐法治专题讲座(待办测试)',
		deadline: `${NOW}-11-20` } }));
	assert.equal(order.status, 201, order.text);
	world.lateOrder = order.body.id;
	/* Every page of the warnings (paged: 50 without asking). */
	let overdue = 0;
	for (let p = 1; ; p++) {
		const w = await as('inspector', 'GET',
		    `/api/v1/warnings?per_page=200&page=${p}`);
		assert.equal(w.status, 200, w.text);
		overdue += w.body.warnings.filter((x) =>
		    x.kind === 'overdue_rectification').length;
		if (p * 200 >= w.body.total)
			break;
	}
	const list = await todo('inspector');
	assert.equal(list[0].title, '逾期未完成的整改');
	assert.equal(list[0].total, overdue);
	assert.equal(list[0].items.length, Math.min(overdue, 5));
	for (const it of list[0].items) {
		assert.match(it.href, /^\/supervision\/rectifications\/[^/]+$/);
		assert.match(it.rest, /期限已过 \d{4}年\d{1,2}月\d{1,2}日/);
		assert.match(it.rest, /已逾期 \d+ 天/);
	}
	if (overdue <= 5) {
		const mine = list[0].items.find((x) =>
		    x.href.endsWith(world.lateOrder));
		assert.ok(mine, 'the late order is listed');
		assert.match(mine.rest, /期限已过 2026年11月20日/);
		assert.match(mine.rest, /已逾期 7 天/);
	}
	/* The order told the organ's accounts. */
	const msgs = await page('nm-clerk', '/messages');
	assert.match(msgs, new RegExp(`href="/supervision/rectifications/` +
	    `${world.lateOrder}">整改通知`));
});

test('discipline: open cases and their next step', async () => {
	let open = 0;
	for (let p = 1; ; p++) {
		const c = await as('discipline', 'GET',
		    `/api/v1/cases?per_page=100&page=${p}`);
		assert.equal(c.status, 200, c.text);
		open += c.body.items.filter((x) =>
		    !['closed', 'dismissed'].includes(x.state)).length;
		if (p * 100 >= c.body.total)
			break;
	}
	const list = await todo('discipline');
	assert.equal(list[0].title, '办理中的问责案件');
	assert.equal(list[0].total, open);
	assert.ok(list[0].total > 0, 'the demo has open cases');
	for (const it of list[0].items) {
		assert.match(it.href, /^\/accountability\/[^/]+$/);
		assert.match(it.rest, /下一步:/);
	}
});

/* ---- reminders ---- */

test('reminders: 3 days before, on the day, overdue — each once',
    async () => {
	const me = await as('nm-leader', 'GET', '/api/v1/me');
	const deadline = `${NOW}-12-10`;
	const order = await as('gy-office', 'POST', '/api/v1/rectifications',
	    { json: { source: 'evaluation', organ: '520102-party',
		person: me.body.person, year: NOW - 2,
		requirement: '完善会前学法制度(提醒测试)', deadline } });
	assert.equal(order.status, 201, order.text);
	const link = `/supervision/rectifications/${order.body.id}`;
	const remind = async (day, viaFlag = false) => {
		const r = await run(['--db', srv.db, 'remind',
			...(viaFlag ? ['--date', day] : [])],
		    { env: { LVZHI_TODAY: day } });
		assert.equal(r.code, 0, r.stderr);
		return r.stderr;
	};
	const kinds = async () => (await sql(srv.db, 'SELECT m.kind FROM ' +
	    'message m JOIN account a ON a.key = m.account WHERE ' +
	    `a.name = 'nm-clerk' AND m.link = '${link}' ORDER BY m.key`))
	    .trim().split('\n');
	assert.deepEqual(await kinds(), ['rectification.issued']);
	await remind(`${NOW}-12-06`);   /* 4 days ahead: nothing yet */
	assert.deepEqual(await kinds(), ['rectification.issued']);
	const out = await remind(`${NOW}-12-07`, true);
	assert.match(out, /2026年12月7日/);
	await remind(`${NOW}-12-07`);
	await remind(`${NOW}-12-08`);
	assert.deepEqual(await kinds(), ['rectification.issued',
		'reminder.before']);
	await remind(`${NOW}-12-10`);
	await remind(`${NOW}-12-10`);
	await remind(`${NOW}-12-11`);
	await remind(`${NOW}-12-15`);
	assert.deepEqual(await kinds(), ['rectification.issued',
		'reminder.before', 'reminder.today', 'reminder.overdue']);
	const body = (await sql(srv.db, 'SELECT m.body FROM message m JOIN ' +
	    "account a ON a.key = m.account WHERE a.name = 'nm-clerk' AND " +
	    `m.link = '${link}' AND m.kind = 'reminder.before'`)).trim();
	assert.match(body, /2026年12月10日/);
	assert.match(body, /还有 3 天/);
	/* The webhook carries each reminder once too. */
	const sent = await until('the reminders at the receiver', () => {
		const k = received.filter((x) => x.body?.link === link &&
		    x.status === 200).map((x) => x.body.kind);
		return k.length === 4 ? k : null;
	});
	assert.deepEqual(sent.sort(), ['rectification.issued', 'reminder.before',
		'reminder.overdue', 'reminder.today']);
	const audited = await sql(srv.db, 'SELECT count(*) FROM audit WHERE ' +
	    `action = 'reminder.send' AND entity = 'rectification:` +
	    `${order.body.id}'`);
	assert.equal(Number(audited), 3);
});

test('reminders of a leader\'s duties owed by the end of the year',
    async () => {
	/* What the leader's 待办 says is owed by 12月31日 (the leader test
	 * checked it against the evaluation). */
	const owed = (await todo('nm-leader'))[0].items.filter((x) =>
	    /截止 12月31日/.test(x.text));
	assert.ok(owed.length > 0);
	const link = '/ledger?organ=520102-party';
	const mine = async () => (await sql(srv.db, 'SELECT m.kind, m.body ' +
	    'FROM message m JOIN account a ON a.key = m.account WHERE ' +
	    `a.name = 'nm-clerk' AND m.link = '${link}' ORDER BY m.key`))
	    .trim().split('\n').filter((x) => x !== '');
	assert.deepEqual(await mine(), []);
	for (const day of ['12-27', '12-28', '12-28', '12-29']) {
		const r = await run(['--db', srv.db, 'remind'],
		    { env: { LVZHI_TODAY: `${NOW}-${day}` } });
		assert.equal(r.code, 0, r.stderr);
	}
	const got = await mine();
	assert.equal(got.length, owed.length, got.join('\n'));
	for (const g of got) {
		assert.match(g, /^reminder\.before\|/);
		assert.match(g, /2026 年度.+还需 \d+ (次|份),截止 2026年12月31日/);
	}
	const r = await run(['--db', srv.db, 'remind'],
	    { env: { LVZHI_TODAY: `${NOW + 1}-01-02` } });
	assert.equal(r.code, 0, r.stderr);
	const late = (await mine()).filter((x) => x.startsWith(
	    'reminder.overdue|'));
	assert.equal(late.length, owed.length, 'overdue once the year is out');
	assert.match(late[0], /期限 2026年12月31日 已过/);
});

test('the webhook refuses to start over http:// or without a secret',
    async () => {
	for (const [env, why] of [
		[{ LVZHI_WEBHOOK_URL: HOOK.replace('https', 'http'),
		    LVZHI_WEBHOOK_SECRET: SECRET }, /https/],
		[{ LVZHI_WEBHOOK_URL: HOOK, LVZHI_WEBHOOK_SECRET: 'short' },
		    /secret/]]) {
		const r = await run(['--db', srv.db, 'serve', '--listen',
			'127.0.0.1:1'], { env });
		assert.notEqual(r.code, 0);
		assert.match(r.stderr, why);
	}
});
