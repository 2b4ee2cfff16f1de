/*
 * Lists paged in the store ([workbench] item 4) and the audit log's page
 * (item 7), on the demo province:
 *
 *   - the ledger (/ledger): its total ("共 N 条") is the API's, a page
 *     holds per_page rows and the next page the rows after them; sorting
 *     by date, kind and status both ways orders the rows so, marks the
 *     column head with aria-sort and keeps the filters in its links; a
 *     sort key not on the listing's whitelist is ignored (the default
 *     order, no SQL from the request); each filter (region, organ, kind,
 *     status, year, from/to, q) narrows the rows to what it says; the
 *     pager is a <nav aria-label="分页"> with the current page marked;
 *   - GET /api/v1/records keeps its shape and default order and takes
 *     sort/dir the same way;
 *   - the audit log (/audit): actions in Chinese (every row's action
 *     label is Chinese, a login shows as 登录), times in Beijing time
 *     whatever the server's time zone (TZ=UTC and TZ=America/New_York),
 *     filters (time range, actor, action, object), paging, and its
 *     exports: CSV with a UTF-8 BOM and Chinese headers, XLSX that opens
 *     as a zip whose sheet has the Chinese header cells.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import zlib from 'node:zlib';

import { YEAR, accountLabel, accountsOn, browserLogin, listTotal as total,
	spawnServer, tableRows as rows, useServer } from './harness.mjs';

const srv = useServer({ env: { TZ: 'UTC' } });
const { get: page, page: html, json: api } = accountsOn(srv);

/* A date as people read it (2025年4月12日) as YYYY-MM-DD, to compare. */
function day(cn) {
	const m = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(cn);
	assert.ok(m, `a Chinese date: ${cn}`);
	return `${m[1]}-${m[2].padStart(2, '0')}-${m[3].padStart(2, '0')}`;
}

/* The record ids a ledger page lists, in order. */
const ids = (text) => rows(text).map((r) => decodeURIComponent(
    /\/ledger\/([^"?]+)/.exec(r.links[0])[1]));

test('the ledger: total, pages, pager', async () => {
	/* A province's count stops at 10,000 ("1万+"); the API counts all. */
	const province = await api('gz-office', '/api/v1/records?per_page=1');
	assert.ok(province.total > 10000, `demo records: ${province.total}`);
	assert.equal(total(await html('gz-office', '/ledger')), Infinity);
	assert.match(await html('gz-office', '/ledger'), /共 1万\+ 条/);
	const all = await api('nm-office', '/api/v1/records?per_page=1');
	assert.ok(all.total > 10, `demo records: ${all.total}`);
	const first = await html('nm-office', '/ledger?per_page=5');
	assert.equal(total(first), all.total);
	const one = ids(first);
	assert.equal(one.length, 5);
	const second = await html('nm-office', '/ledger?per_page=5&page=2');
	const two = ids(second);
	assert.equal(two.length, 5);
	assert.equal(new Set([...one, ...two]).size, 10, 'pages do not overlap');
	/* The same rows as the API's, in the same order. */
	const viaApi = await api('nm-office', '/api/v1/records?per_page=10');
	assert.deepEqual([...one, ...two], viaApi.items.map((x) => x.id));
	/* The pager: labelled, the current page marked, both ways. */
	const nav = /<nav class="pager" aria-label="分页">([\s\S]*?)<\/nav>/
	    .exec(second);
	assert.ok(nav, 'a pager');
	assert.match(nav[1], /上一页/);
	assert.match(nav[1], /下一页/);
	assert.match(nav[1], /aria-current="page">2</);
	assert.match(nav[1], /per_page=5&amp;page=3/);
	/* The last page holds the rest. */
	const pages = Math.ceil(all.total / 5);
	const last = await html('nm-office', `/ledger?per_page=5&page=${pages}`);
	assert.equal(ids(last).length, all.total - 5 * (pages - 1));
	assert.doesNotMatch(last, /rel="next"/);
});

test('the ledger sorts by date, kind and status, both ways', async () => {
	const dates = (text) => rows(text).map((r) => day(r[0]));
	const asc = dates(await html('gz-office',
	    '/ledger?sort=date&dir=asc&per_page=50'));
	const desc = dates(await html('gz-office',
	    '/ledger?sort=date&dir=desc&per_page=50'));
	assert.ok(asc.length > 1);
	assert.deepEqual(asc, [...asc].sort(), 'oldest first');
	assert.deepEqual(desc, [...desc].sort().reverse(), 'newest first');
	assert.notDeepEqual(asc, desc);
	const head = await html('gz-office', '/ledger?sort=date&dir=asc');
	assert.match(head, /<th scope="col" aria-sort="ascending"><a class="sort" href="\/ledger\?sort=date&amp;dir=desc&amp;"/);
	/* By kind and by status, through the API (codes, not labels). */
	const firsts = {};
	for (const key of ['kind', 'status']) {
		for (const dir of ['asc', 'desc']) {
			const got = (await api('gz-office', `/api/v1/records?sort=${key}` +
			    `&dir=${dir}&per_page=200`)).items.map((x) => x[key]);
			const want = [...got].sort();
			if (dir === 'desc')
				want.reverse();
			assert.deepEqual(got, want, `${key} ${dir}`);
			firsts[dir] = got[0];
		}
		/* Both ways begin at the two ends. */
		assert.ok(firsts.asc < firsts.desc, `${key}: ${firsts.asc} ` +
		    `before ${firsts.desc}`);
		const web = await html('gz-office', `/ledger?sort=${key}&dir=desc`);
		assert.match(web, new RegExp(`aria-sort="descending"><a class="sort" ` +
		    `href="/ledger\\?sort=${key}&amp;dir=asc`));
	}
	/* The order is kept by the pager and the filters by the heads. */
	const kept = await html('gz-office',
	    '/ledger?status=verified&sort=kind&dir=asc&per_page=5');
	assert.match(kept, /href="\/ledger\?status=verified&amp;per_page=5&amp;sort=kind&amp;dir=asc&amp;page=2"/);
	assert.match(kept, /href="\/ledger\?status=verified&amp;per_page=5&amp;sort=date&amp;dir=desc&amp;"/);
});

test('a sort key not on the whitelist is ignored', async () => {
	const plain = ids(await html('gz-office', '/ledger?per_page=20'));
	for (const bad of ['title', 'r.id', 'date;DROP TABLE record',
		'(SELECT 1)', 'date desc, 1']) {
		const r = await page('gz-office',
		    `/ledger?per_page=20&sort=${encodeURIComponent(bad)}&dir=asc`);
		assert.equal(r.status, 200, bad);
		assert.deepEqual(ids(r.text), plain, `${bad}: the default order`);
		assert.doesNotMatch(r.text, /aria-sort="ascending"/);
		const a = await api('gz-office', `/api/v1/records?per_page=20&sort=` +
		    `${encodeURIComponent(bad)}&dir=asc`);
		assert.deepEqual(a.items.map((x) => x.id), plain, `API ${bad}`);
	}
	/* The table is still there. */
	const n = (await api('admin', '/api/v1/records?per_page=1')).total;
	assert.ok(n > 0);
});

test('each ledger filter narrows the rows to what it says', async () => {
	const all = (await api('gy-office', '/api/v1/records?per_page=1')).total;
	assert.ok(all <= 10000, `a prefecture's records: ${all}`);
	/* status */
	const verified = await html('gy-office',
	    '/ledger?status=verified&per_page=200');
	assert.ok(rows(verified).length > 0);
	assert.ok(rows(verified).every((r) => r[4] === '已核实'));
	assert.ok(total(verified) < all);
	/* kind, by its label */
	const lectures = await html('gz-office', '/ledger?kind=rol_lecture');
	const kinds = new Set(rows(lectures).map((r) => r[2]));
	assert.equal(kinds.size, 1, [...kinds].join());
	assert.doesNotMatch([...kinds][0], /rol_lecture/, 'a Chinese label');
	/* year, from/to */
	const year = await html('gy-office', `/ledger?year=${YEAR}&per_page=200`);
	assert.ok(rows(year).every((r) => day(r[0]).startsWith(`${YEAR}-`)));
	const span = await html('gy-office',
	    `/ledger?from=${YEAR}-03-01&to=${YEAR}-03-31&per_page=200`);
	assert.ok(rows(span).length > 0);
	assert.ok(rows(span).every((r) => day(r[0]) >= `${YEAR}-03-01` &&
	    day(r[0]) <= `${YEAR}-03-31`));
	assert.ok(total(span) < total(year));
	const badYear = await page('gz-office', '/ledger?year=20x5');
	assert.equal(badYear.status, 400);
	assert.match(badYear.text, /年度/);
	/* region: a county's records are its office's */
	const county = await html('gy-office', '/ledger?region=520102');
	const own = (await api('nm-office', '/api/v1/records?per_page=1')).total;
	assert.equal(total(county), own);
	assert.ok(own < all);
	/* organ */
	const organ = (await api('gz-office',
	    '/api/v1/records?organ=520102-party&per_page=1')).total;
	assert.equal(total(await html('gy-office',
	    '/ledger?organ=520102-party')), organ);
	/* q: a word of one record's title */
	const some = (await api('gz-office', '/api/v1/records?per_page=50')).items
	    .find((x) => typeof x.title === 'string' && x.title.length >= 4);
	assert.ok(some, 'a record with a title');
	const word = [...some.title].slice(0, 4).join('');
	const found = await html('gz-office',
	    `/ledger?q=${encodeURIComponent(word)}&per_page=200`);
	assert.ok(rows(found).length > 0);
	assert.ok(rows(found).every((r) => r[3].includes(word)), word);
	/* The form shows every filter. */
	for (const name of ['region', 'organ', 'kind', 'status', 'year', 'from',
		'to', 'q'])
		assert.match(verified, new RegExp(`name="${name}"`), name);
});

/* ---- the audit log ---- */

/* Beijing time of a UTC stamp "YYYY-MM-DDTHH:MM:SSZ", as the page shows
 * it ("2026年12月7日 09:05"). */
function beijing(utc) {
	const t = new Date(Date.parse(utc) + 8 * 3600_000);
	return `${t.getUTCFullYear()}年${t.getUTCMonth() + 1}月` +
	    `${t.getUTCDate()}日 ${t.toISOString().slice(11, 16)}`;
}

/* The audit page's rows keyed by seq. */
function auditRows(text) {
	return rows(text).map((r) => ({ seq: Number(r[0]), time: r[1],
		actor: r[2], action: r[3], object: r[4], result: r[5] }));
}

test('the audit log: Chinese actions, Beijing time, paging', async () => {
	await browserLogin(srv, 'nm-clerk'); /* a login entry */
	const text = await html('admin', '/audit?per_page=200');
	const got = auditRows(text);
	assert.ok(got.length > 10);
	for (const r of got)
		assert.match(r.action, /^[\u4e00-\u9fff()(),、]+$/,
		    `seq ${r.seq}: action "${r.action}" in Chinese`);
	/* Who: the person and post behind the account, not its login name
	 * (which only the cell's title keeps). */
	const clerk = `${await accountLabel(srv, 'nm-clerk')}(网页)`;
	assert.ok(got.some((r) => r.action === '登录' && r.actor === clerk),
	    clerk);
	assert.ok(got.every((r) => !/^[a-z0-9-]+((网页|接口))$/.test(r.actor)),
	    got.map((r) => r.actor).join('\n'));
	/* Times: the API's UTC, shown in Beijing time. */
	const log = await api('admin', '/api/v1/audit?per_page=200');
	const bySeq = new Map(log.items.map((x) => [x.seq, x.time]));
	for (const r of got.slice(0, 20))
		assert.equal(r.time, beijing(bySeq.get(r.seq)), `seq ${r.seq}`);
	assert.match(text, /北京时间/);
	/* Newest first; ascending when asked. */
	const seqs = got.map((r) => r.seq);
	assert.deepEqual(seqs, [...seqs].sort((a, b) => b - a));
	const up = auditRows(await html('admin', '/audit?sort=seq&dir=asc' +
	    '&per_page=5')).map((r) => r.seq);
	assert.deepEqual(up, [...up].sort((a, b) => a - b));
	assert.equal(up[0], Math.min(...bySeq.keys()));
	/* Pages of 5, the total stated. */
	const p1 = await html('admin', '/audit?per_page=5');
	const p2 = await html('admin', '/audit?per_page=5&page=2');
	assert.equal(auditRows(p1).length, 5);
	assert.equal(auditRows(p2)[0].seq, auditRows(p1)[4].seq - 1);
	assert.equal(total(p1), Math.max(...bySeq.keys()));
	assert.match(p1, /<nav class="pager" aria-label="分页">/);
});

test('the audit log in Beijing time under another server time zone',
    async () => {
	const other = await spawnServer(srv.dir, srv.db,
	    { env: { TZ: 'America/New_York' } });
	try {
		const cookie = await browserLogin(other, 'admin');
		const text = (await other.api('GET', '/audit?per_page=50',
		    { cookie })).text;
		const log = await api('admin', '/api/v1/audit?per_page=200');
		const bySeq = new Map(log.items.map((x) => [x.seq, x.time]));
		const got = auditRows(text).filter((r) => bySeq.has(r.seq));
		assert.ok(got.length > 5);
		for (const r of got)
			assert.equal(r.time, beijing(bySeq.get(r.seq)), `seq ${r.seq}`);
	} finally {
		const e = await other.stop();
		assert.equal(e.code, 0, e.stderr);
		assert.equal(e.sanitizer, false, e.stderr);
	}
});

test('the audit log filters by time, actor, action and object', async () => {
	await browserLogin(srv, 'nm-office');
	const log = (await api('admin', '/api/v1/audit?per_page=200')).items;
	/* action */
	const logins = auditRows(await html('admin',
	    '/audit?action=login&per_page=200'));
	assert.equal(logins.length, log.filter((x) => x.action === 'login')
	    .length);
	assert.ok(logins.every((r) => r.action === '登录'));
	/* actor */
	const actor = log.find((x) => x.action === 'login').actor;
	const mine = auditRows(await html('admin',
	    `/audit?actor=${encodeURIComponent(actor)}&per_page=200`));
	assert.equal(mine.length, log.filter((x) => x.actor === actor).length);
	/* object: a substring of the entity */
	const entity = log.find((x) => x.entity.startsWith('account:')).entity;
	const name = entity.slice('account:'.length);
	const objs = auditRows(await html('admin',
	    `/audit?object=${encodeURIComponent(name)}&per_page=200`));
	assert.equal(objs.length, log.filter((x) => x.entity.includes(name))
	    .length);
	assert.ok(objs.every((r) => r.object.includes(name)));
	/* time: Beijing days. Everything is on or before today's Beijing
	 * day; nothing after it; a day with nothing shows nothing. */
	const today = new Date(Date.now() + 8 * 3600_000).toISOString()
	    .slice(0, 10);
	const until = await html('admin', `/audit?to=${today}&per_page=5`);
	assert.equal(total(until), total(await html('admin', '/audit')));
	const none = await html('admin', '/audit?from=2001-01-01&to=2001-01-02');
	assert.equal(total(none), 0);
	const bad = await page('admin', '/audit?from=yesterday');
	assert.equal(bad.status, 400);
	assert.match(bad.text, /起始日期/);
	/* Who may not read it still may not. */
	assert.equal((await page('nm-clerk', '/audit')).status, 403);
	assert.equal((await page('nm-clerk', '/audit.csv')).status, 403);
});

test('the audit log exports: CSV with a BOM, XLSX that opens', async () => {
	const csv = await page('admin', '/audit.csv?action=login');
	assert.equal(csv.status, 200);
	assert.equal(csv.type, 'text/csv');
	assert.deepEqual([...csv.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
	const lines = csv.bytes.subarray(3).toString('utf8').trim().split('\r\n');
	assert.equal(lines[0], '序号,时间(北京时间),操作人,操作,操作代码,对象,结果,' +
	    '摘要 SM3,哈希');
	const n = (await api('admin', '/api/v1/audit?per_page=200')).items
	    .filter((x) => x.action === 'login').length;
	assert.equal(lines.length - 1, n);
	/* The exports name who as the page does. */
	const clerk = `${await accountLabel(srv, 'nm-clerk')}(网页)`;
	assert.ok(lines.some((l) => l.split(',')[2] === clerk), clerk);
	assert.ok(lines.slice(1).every((l) => l.split(',')[3] === '登录'));

	const xlsx = await page('admin', '/audit.xlsx');
	assert.equal(xlsx.status, 200);
	assert.match(xlsx.type, /spreadsheetml/);
	assert.equal(xlsx.bytes.subarray(0, 4).toString('latin1'), 'PK\x03\x04');
	const sheet = unzip(xlsx.bytes, 'xl/worksheets/sheet1.xml');
	assert.ok(sheet, 'a worksheet');
	const strings = unzip(xlsx.bytes, 'xl/sharedStrings.xml') ?? '';
	const cellText = sheet + strings;
	for (const h of ['序号', '时间(北京时间)', '操作人', '操作', '对象', '结果'])
		assert.ok(cellText.includes(h), `header ${h}`);
	assert.ok(cellText.includes('登录'), 'a Chinese action');
});

/* The file name's content from a zip (central directory; stored or
 * deflated), or null. */
function unzip(zip, name) {
	let eocd = zip.length - 22;
	while (eocd >= 0 && zip.readUInt32LE(eocd) !== 0x06054b50)
		eocd--;
	assert.ok(eocd >= 0, 'a zip');
	const count = zip.readUInt16LE(eocd + 10);
	let p = zip.readUInt32LE(eocd + 16);
	for (let i = 0; i < count; i++) {
		assert.equal(zip.readUInt32LE(p), 0x02014b50);
		const method = zip.readUInt16LE(p + 10);
		const size = zip.readUInt32LE(p + 20);
		const nlen = zip.readUInt16LE(p + 28);
		const elen = zip.readUInt16LE(p + 30);
		const clen = zip.readUInt16LE(p + 32);
		const local = zip.readUInt32LE(p + 42);
		const fname = zip.subarray(p + 46, p + 46 + nlen).toString('utf8');
		if (fname === name) {
			const at = local + 30 + zip.readUInt16LE(local + 26) +
			    zip.readUInt16LE(local + 28);
			const data = zip.subarray(at, at + size);
			return (method === 8 ? zlib.inflateRawSync(data) : data)
			    .toString('utf8');
		}
		p += 46 + nlen + elen + clen;
	}
	return null;
}
