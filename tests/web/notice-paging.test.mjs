/*
 * A notice's orders paged in the store ([workbench] item 4), on the demo
 * province, whose 2025 evaluation grades more than a hundred leaders
 * 不合格:
 *
 *   - 贵阳市's 约谈整改通知 orders its own failing leaders first; the
 *     province's notice then names every failing leader of the province,
 *     those of 贵阳市 among them, and its orders are what stands for each
 *     of its leaders: the ones it gave and the ones 贵阳市's gave;
 *   - the notice page shows the first 20 of its 约谈 and of its 整改,
 *     with the total and a link to each list filtered to the notice;
 *   - the lists filtered to a notice (?notice=) show exactly the orders
 *     of its leaders — never those of a notice of another year — named
 *     by the notice's title, never its id, with a link that removes the
 *     filter; they page through all of them without overlap, sort and
 *     combine with the other filters, and the API's ?notice= answers the
 *     same set;
 *   - in a browser at 1366×768 and 390×844: from the notice page 查看全部
 *     to the filtered list, the label, the pager, and 移除 (screenshots
 *     in test-artifacts/notice-paging-*.png).
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { test } from 'node:test';

import { OFFICE, PHONE, assertClean, clickAndWait, kit, login, newPage,
	overflow, shot, useBrowser } from './browser-kit.mjs';
import { YEAR, accountsOn, useServer } from './harness.mjs';

const AXE = await readFile(createRequire(import.meta.url)
    .resolve('axe-core/axe.min.js'), 'utf8');

useBrowser(/^notice-paging-.*\.png$/);
const srv = kit.srv = useServer();
const { as, page } = accountsOn(srv);

/* What the notice page shows of each list. */
const SHOWN = 20;
const key = (x) => `${x.person} ${x.organ}`;
const text = (html) => html.replace(/<[^>]*>/g, '');
const unescape = (s) => s.replace(/&amp;/g, '&');

/* Drafts, issues and orders a notice as acct: the notice (API). */
async function ordered(acct, json) {
	const d = await as(acct, 'POST', '/api/v1/notices', { json });
	assert.equal(d.status, 201, d.text);
	const is = await as(acct, 'POST', `/api/v1/notices/${d.body.id}/issue`);
	assert.equal(is.status, 200, is.text);
	const o = await as(acct, 'POST', `/api/v1/notices/${d.body.id}/orders`);
	assert.ok(o.status === 201 || o.status === 200, o.text);
	return { ...d.body, orders: o.body };
}

/* Every row of a list page filtered as q, following its pager's 下一页
 * as people do: the ids its rows link to (re), and its count. */
async function walk(acct, path, q, re) {
	const ids = [];
	let total = null, url = `${path}?${q}`;
	for (let p = 1; url !== null; p++) {
		assert.ok(p <= 20, 'the pages end');
		const html = await page(acct, url);
		const m = text(html).match(/共 (\d+) 条/);
		assert.ok(m, 'the list counts');
		total ??= Number(m[1]);
		assert.equal(Number(m[1]), total, 'each page counts the same');
		const got = [...html.matchAll(re)].map((x) => x[1]);
		assert.ok(got.length > 0 || total === 0, url);
		ids.push(...got);
		const next = html.match(/<a href="([^"]*)" rel="next">/);
		url = next ? unescape(next[1]) : null;
		/* The pager keeps the filter. */
		if (url !== null)
			assert.ok(url.startsWith(`${path}?`) && q.split('&').every(
			    (kv) => url.includes(kv)), url);
	}
	return { ids, total };
}

const state = {};
const RECT = /href="\/supervision\/rectifications\/([^"?/]+)"/g;
const TALK = /action="\/supervision\/interviews\/([^"?/]+)\/held"/g;

test('a province notice: its page shows the first 20 orders with the ' +
    'total and a link; the lists filtered to it page through exactly its ' +
    'leaders\' orders, as the API does', async () => {
	const ev = await as('gz-office', 'GET',
	    `/api/v1/evaluation?year=${YEAR}&region=520000`);
	assert.equal(ev.status, 200, ev.text);
	const failing = new Set(ev.body.results.filter((x) =>
	    x.grade === 'fail').map(key));
	assert.ok(failing.size > SHOWN + 50, 'more leaders than two pages hold');

	/* 贵阳市 orders its own first; the province's stand on them. */
	const city = await ordered('gy-office', { kind: 'interview',
		year: YEAR, region: '520100' });
	assert.ok(city.items.length > 0 && city.items.length < failing.size);
	const prov = await ordered('gz-office', { kind: 'interview',
		year: YEAR, region: '520000' });
	assert.equal(prov.items.length, failing.size);
	assert.deepEqual(new Set(prov.items.map(key)), failing);
	assert.equal(prov.orders.created_rectifications,
	    failing.size - city.items.length, 'the city\'s orders stand');
	/* Another year's notice, whose order must not show under it. */
	const before = (await as('gy-office', 'GET',
	    `/api/v1/evaluation?year=${YEAR - 1}&region=520100`)).body.results
	    .find((x) => x.grade === 'fail' && x.organ === '520102-gov');
	assert.ok(before, 'a 区长 failing the year before');
	state.notice = prov;
	const other = await ordered('gy-office', { kind: 'criticism',
		year: YEAR - 1, region: '520100', leaders: [{
			person: before.person, organ: before.organ }] });

	/* The API: exactly the leaders' orders, the standing ones too. */
	const all = await as('gz-office', 'GET',
	    `/api/v1/rectifications?notice=${prov.id}&per_page=200`);
	assert.equal(all.status, 200, all.text);
	assert.equal(all.body.total, failing.size);
	assert.equal(all.body.items.length, failing.size);
	assert.deepEqual(new Set(all.body.items.map(key)), failing);
	assert.equal(all.body.items.filter((x) => x.notice === city.id).length,
	    city.items.length);
	assert.ok(all.body.items.every((x) => x.notice === prov.id ||
	    x.notice === city.id));
	const apiIds = new Set(all.body.items.map((x) => x.id));
	const mine = await as('gy-office', 'GET',
	    `/api/v1/rectifications?notice=${city.id}&per_page=200`);
	assert.equal(mine.body.total, city.items.length);
	const theirs = await as('gy-office', 'GET',
	    `/api/v1/rectifications?notice=${other.id}`);
	assert.equal(theirs.body.total, 1);
	assert.equal(theirs.body.items[0].notice, other.id);
	assert.ok(!apiIds.has(theirs.body.items[0].id), 'not another year\'s');
	/* Paged: two pages of the API never overlap and make the whole. */
	const p1 = await as('gz-office', 'GET',
	    `/api/v1/rectifications?notice=${prov.id}&per_page=50&page=1`);
	const p2 = await as('gz-office', 'GET',
	    `/api/v1/rectifications?notice=${prov.id}&per_page=50&page=2`);
	assert.equal(p1.body.items.length, 50);
	assert.equal(p1.body.total, failing.size);
	assert.ok(p2.body.items.every((x) => !p1.body.items.some((y) =>
	    y.id === x.id)));
	const talksApi = await as('gz-office', 'GET',
	    `/api/v1/interviews?notice=${prov.id}&per_page=200`);
	assert.equal(talksApi.body.total, failing.size);
	assert.deepEqual(new Set(talksApi.body.items.map(key)), failing);
	/* With the other filters: none accepted yet, all issued. */
	const acc = await as('gz-office', 'GET',
	    `/api/v1/rectifications?notice=${prov.id}&status=accepted`);
	assert.equal(acc.body.total, 0);
	const iss = await as('gz-office', 'GET',
	    `/api/v1/rectifications?notice=${prov.id}&status=issued&year=${YEAR}`);
	assert.equal(iss.body.total, failing.size);
	/* The notice's own JSON still lists them all. */
	const whole = await as('gz-office', 'GET', `/api/v1/notices/${prov.id}`);
	assert.equal(whole.body.rectifications.length, failing.size);
	assert.equal(whole.body.interviews.length, failing.size);

	/* The notice page: the first 20 of each, the total, the links. */
	const html = await page('gz-office', `/supervision/notices/${prov.id}`);
	const orders = html.slice(html.indexOf('<h2>约谈与整改</h2>'));
	assert.ok(orders.length > 0 && orders.length < html.length);
	const shown = `共 ${failing.size} 项,此处显示前 ${SHOWN} 项`;
	assert.equal(text(orders).split(shown).length - 1, 2, shown);
	assert.ok(orders.includes(
	    `href="/supervision/rectifications?notice=${prov.id}">查看全部</a>`));
	assert.ok(orders.includes(
	    `href="/supervision/interviews?notice=${prov.id}">查看全部</a>`));
	const rows = [...orders.matchAll(RECT)].map((x) => x[1]);
	assert.equal(rows.length, SHOWN);
	assert.ok(rows.every((id) => apiIds.has(id)));
	assert.equal([...orders.matchAll(TALK)].length, SHOWN);
	/* The list's first page is the page's first rows: the same order. */
	assert.deepEqual(rows, all.body.items.slice(0, SHOWN).map((x) => x.id));

	/* The list filtered to the notice: named by its title, paged. */
	const first = await page('gz-office',
	    `/supervision/rectifications?notice=${prov.id}`);
	assert.ok(text(first).includes(`通报:${prov.title}`), 'the title');
	assert.ok(!text(first).includes(prov.id), 'never the id');
	assert.ok(first.includes('<a href="/supervision/rectifications?">' +
	    '<span aria-hidden="true">× </span>移除通报筛选</a>'), 'removable');
	assert.ok(first.includes(`<input type="hidden" name="notice" ` +
	    `value="${prov.id}">`), 'the filters\' form keeps it');
	const w = await walk('gz-office', '/supervision/rectifications',
	    `notice=${prov.id}`, RECT);
	assert.equal(w.total, failing.size);
	assert.equal(w.ids.length, failing.size, 'no row twice, none left out');
	assert.deepEqual(new Set(w.ids), apiIds);
	/* Sorted by organ, and with the year: the same set. */
	const byOrgan = await walk('gz-office', '/supervision/rectifications',
	    `notice=${prov.id}&year=${YEAR}&sort=organ&dir=desc`, RECT);
	assert.deepEqual(new Set(byOrgan.ids), apiIds);
	assert.notDeepEqual(byOrgan.ids, w.ids, 'another order');
	/* The removal keeps the other filters. */
	const yearOnly = await page('gz-office',
	    `/supervision/rectifications?notice=${prov.id}&year=${YEAR}`);
	assert.match(unescape(yearOnly),
	    new RegExp(`href="/supervision/rectifications\\?year=${YEAR}&"` +
	    '><span aria-hidden="true">× </span>移除通报筛选'));
	const none = await page('gz-office', '/supervision/rectifications?' +
	    `notice=${prov.id}&status=accepted`);
	assert.ok(text(none).includes('共 0 条'));
	assert.ok(text(none).includes('没有符合条件的项'));
	const late = await page('gz-office', '/supervision/rectifications?' +
	    `notice=${prov.id}&overdue=1`);
	assert.ok(text(late).includes('共 0 条'), 'none overdue yet');
	/* Another notice's list: its one order, not the province's. */
	const otherList = await walk('gy-office', '/supervision/rectifications',
	    `notice=${other.id}`, RECT);
	assert.deepEqual(otherList.ids, [theirs.body.items[0].id]);
	/* The 约谈 list the same way. */
	const talks = await walk('gz-office', '/supervision/interviews',
	    `notice=${prov.id}`, TALK);
	assert.equal(talks.total, failing.size);
	assert.deepEqual(new Set(talks.ids),
	    new Set(talksApi.body.items.map((x) => x.id)));
	assert.equal(talks.ids.length, failing.size);
	const talkPage = await page('gz-office',
	    `/supervision/interviews?notice=${prov.id}`);
	assert.ok(text(talkPage).includes(`通报:${prov.title}`));
});

test('a notice the caller may not read still filters what they see, and ' +
    'is not named', async () => {
	const html = await page('gz-office',
	    '/supervision/rectifications?notice=n-none');
	assert.ok(text(html).includes('所选通报(不存在或无权查看)'));
	assert.ok(text(html).includes('共 0 条'));
	assert.ok(!text(html).includes('n-none'));
	const api = await as('gz-office', 'GET',
	    '/api/v1/rectifications?notice=n-none');
	assert.equal(api.status, 200, api.text);
	assert.equal(api.body.total, 0);
});

/* The page needs no sideways scrolling (a table scrolls in its own
 * box) and passes axe-core. */
async function flat(page) {
	const o = await overflow(page);
	assert.ok(o.scroll <= o.width, `${page.url()}: ${JSON.stringify(o)}`);
	/* And axe-core finds nothing serious (as a11y.test.mjs asks). */
	if (await page.evaluate(() => typeof window.axe) !== 'object')
		await page.evaluate(AXE);
	const r = await page.evaluate(() => window.axe.run(document, {
		runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a',
			'wcag21aa'] }, resultTypes: ['violations'] }));
	assert.deepEqual(r.violations.filter((v) => ['serious', 'critical']
	    .includes(v.impact)).map((v) => `${v.id}: ${v.help}`), [],
	    page.url());
}

for (const [size, viewport] of [['office', OFFICE], ['phone', PHONE]]) {
	test(`from the notice to its orders at ${viewport.width}×` +
	    `${viewport.height}`, async () => {
		const n = state.notice;
		assert.ok(n, 'the province notice of the first test');
		const page = await newPage(viewport);
		await login(page, 'gz-office', `/supervision/notices/${n.id}`);
		const card = page.locator('#orders');
		await card.scrollIntoViewIfNeeded();
		assert.match(await card.innerText(), /共 \d+ 项,此处显示前 20 项/);
		await shot(page, `notice-paging-${size}-01-notice`);
		await flat(page);
		const all = card.getByRole('link', { name: '查看全部' }).last();
		await clickAndWait(page, all, (u) =>
		    u.pathname === '/supervision/rectifications' &&
		    u.searchParams.get('notice') === n.id);
		const main = await page.locator('main').innerText();
		assert.ok(main.includes(`通报:${n.title}`), 'named by its title');
		assert.ok(!main.includes(n.id), 'never its id');
		await shot(page, `notice-paging-${size}-02-list`);
		await flat(page);
		await clickAndWait(page, page.getByRole('link', { name: '下一页' }),
		    (u) => u.searchParams.get('page') === '2' &&
		    u.searchParams.get('notice') === n.id);
		await clickAndWait(page, page.getByRole('link',
		    { name: '移除通报筛选' }), (u) =>
		    u.pathname === '/supervision/rectifications' &&
		    !u.searchParams.has('notice'));
		assert.ok(!(await page.locator('main').innerText()).includes('通报:'));
		assertClean(page, size);
	});
}
