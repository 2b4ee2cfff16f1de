/*
 * The audit page on a long log (audit_page_verify, here 0 so that the
 * demo's log counts as long): it does not verify the whole chain on
 * every load but shows the last full verification the server made — at
 * its first load, or when 立即完整校验 is pressed — with its time and
 * the entries written since; an entry altered meanwhile is found by the
 * next full verification, which the button makes at once.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { PG, browserLogin, sql, useServer } from './harness.mjs';

const srv = useServer({ env: { LVZHI_AUDIT_PAGE_VERIFY: '0' } });
const text = (html) => html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ');

test('a long log: the last full verification shown, the button verifies ' +
    'anew and finds an altered entry', async () => {
	const cookie = await browserLogin(srv, 'admin');
	const get = async (p = '/audit') => {
		const r = await srv.api('GET', p, { cookie });
		assert.equal(r.status, 200, r.text);
		return r.text;
	};
	/* The first load after the start verifies in full. */
	let html = await get();
	assert.match(text(html), /哈希链完整:共 \d+ 条,逐条校验通过/);
	assert.match(text(html), /本次打开页面时,于 \d{4}年\d+月\d+日 \d\d:\d\d 对全部记录完整校验/);
	/* Later loads show it, and what came after it. */
	for (let i = 0; i < 2; i++)
		await srv.login('nm-office');
	html = await get();
	const since = /以上是本服务于 \d{4}年\d+月\d+日 \d\d:\d\d 对全部 (\d+) 条记录所做完整校验的结果。此后新增 (\d+) 条/
	    .exec(text(html));
	assert.ok(since, text(html));
	assert.ok(Number(since[2]) >= 2, 'two logins since');
	/* An earlier entry altered: not seen until a full verification. */
	await sql(srv.db, PG !== null ? 'ALTER TABLE audit DISABLE TRIGGER USER;' :
	    'DROP TRIGGER IF EXISTS audit_no_update;');
	await sql(srv.db, 'UPDATE audit SET entity = \'account:forged\' WHERE ' +
	    'seq = 2;');
	html = await get();
	assert.match(text(html), /哈希链完整/, 'the kept result, said to be so');
	assert.match(text(html), /只在下一次完整校验时发现/);
	const csrf = /name="_csrf" value="([^"]+)"/.exec(html)[1];
	const v = await srv.api('POST', '/audit/verify', { cookie,
		body: new URLSearchParams({ _csrf: csrf }).toString(),
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
	assert.equal(v.status, 303, v.text);
	assert.match(v.headers.get('location'), /^\/audit\?ok=verified/);
	html = await get('/audit?ok=verified');
	assert.match(text(html), /已对全部记录完整校验/);
	assert.match(text(html), /哈希链在第 2 条断开:内容与其/);
	/* and it stays shown on later loads */
	assert.match(text(await get()), /哈希链在第 2 条断开/);
	/* Who may not read the log may not make it verify either. */
	const office = await browserLogin(srv, 'nm-office');
	const page = await srv.api('GET', '/ledger', { cookie: office });
	const c2 = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1] ?? '';
	const no = await srv.api('POST', '/audit/verify', { cookie: office,
		body: new URLSearchParams({ _csrf: c2 }).toString(),
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
	assert.equal(no.status, 403, no.text);
});
