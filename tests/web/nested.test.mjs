/*
 * Lists that hung unbounded off a resource or a bare array, now paged in
 * the store (docs/contract.md, "Lists"), on the demo province:
 *
 *   - GET /api/v1/regions/{code} holds the first 50 of its subregions and
 *     of its organs, each with an exact *_total and the *_href route that
 *     pages the rest; those routes answer {items, page, per_page, total},
 *     pages that neither overlap nor leave a gap, per_page clamped to
 *     200; a clerk sees its own organ only, as before;
 *   - GET /api/v1/organs/{id} likewise with its tenures, newest first;
 *   - GET /api/v1/coverage stays a bare array: the first 50 without
 *     paging, its total in X-Total-Count and its pages in Link (RFC
 *     8288: first, prev, next, last), which walked from the first reach
 *     every row once; a clerk's and a leader's rows stay their own.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { YEAR, accountLabel, browserLogin, useServer } from './harness.mjs';

const srv = useServer();
const tokens = {};

async function get(name, p) {
	tokens[name] ??= await srv.login(name);
	const r = await srv.api('GET', p, { token: tokens[name] });
	assert.equal(r.status, 200, `${p}: ${r.status} ${r.text.slice(0, 300)}`);
	return r;
}

/* Every item of a paged list route, page by page at per_page, checking
 * each page's shape and total on the way. */
async function walk(name, route, per) {
	const all = [];
	let total = null;
	for (let page = 1; ; page++) {
		const sep = route.includes('?') ? '&' : '?';
		const b = (await get(name, `${route}${sep}page=${page}&per_page=` +
		    per)).body;
		assert.equal(b.page, page);
		assert.equal(b.per_page, per);
		total ??= b.total;
		assert.equal(b.total, total, 'the total holds from page to page');
		all.push(...b.items);
		if (b.items.length < per)
			break;
	}
	assert.equal(all.length, total, `${route}: the pages hold the total`);
	return all;
}

test('a region holds the first 50 of its subregions, the rest paged',
    async () => {
	const r = (await get('gz-office', '/api/v1/regions/520000')).body;
	assert.equal(r.code, '520000');
	assert.equal(r.subregions_href, '/api/v1/regions/520000/subregions');
	/* The subtree the list route gives, the region itself first. */
	const tree = (await get('gz-office', '/api/v1/regions?region=520000' +
	    '&per_page=1')).body.total;
	assert.equal(r.subregions_total, tree - 1);
	assert.ok(r.subregions_total > 50, 'the demo province has more than ' +
	    'one page of regions');
	assert.equal(r.subregions.length, 50);
	const all = await walk('gz-office', r.subregions_href, 200);
	assert.deepEqual(all.slice(0, 50), r.subregions, 'the first page ' +
	    'is what the region holds');
	assert.equal(new Set(all.map((g) => g.code)).size, all.length);
	assert.ok(all.every((g) => g.code !== '520000'), 'itself left out');
	const paths = all.map((g) => g.code);
	const small = await walk('gz-office', r.subregions_href, 37);
	assert.deepEqual(small.map((g) => g.code), paths, 'pages of 37 give ' +
	    'the same rows in the same order');
	const big = (await get('gz-office', `${r.subregions_href}?per_page=` +
	    '5000')).body;
	assert.equal(big.per_page, 200, 'per_page is clamped');
	assert.equal(big.items.length, Math.min(200, r.subregions_total));
	/* Another's region stays out of reach by either route. */
	const no = await srv.api('GET', '/api/v1/regions/520200/subregions',
	    { token: await srv.login('gy-office') });
	assert.equal(no.status, 404);
});

test("a region's organs: the first 50, the count, the paged route; a " +
    'clerk its own', async () => {
	const r = (await get('nm-office', '/api/v1/regions/520102')).body;
	assert.equal(r.organs_href, '/api/v1/regions/520102/organs');
	const all = await walk('nm-office', r.organs_href, 3);
	assert.equal(r.organs_total, all.length);
	assert.deepEqual(r.organs, all.slice(0, 50));
	assert.ok(all.length > 3, 'more than one page of 3');
	assert.deepEqual(all.slice(0, 2).map((o) => o.kind),
	    ['party_committee', 'government'], 'party committee and ' +
	    'government first');
	assert.equal(new Set(all.map((o) => o.id)).size, all.length);
	const clerk = (await get('nm-clerk', '/api/v1/regions/520102')).body;
	assert.deepEqual(clerk.organs.map((o) => o.id), ['520102-party']);
	assert.equal(clerk.organs_total, 1);
	const cl = (await get('nm-clerk', '/api/v1/regions/520102/organs'))
	    .body;
	assert.deepEqual(cl.items.map((o) => o.id), ['520102-party']);
	assert.equal(cl.total, 1);
});

test("an organ's tenures: the first 50, newest first, the rest paged",
    async () => {
	const o = (await get('nm-office', '/api/v1/organs/520102-party')).body;
	assert.equal(o.tenures_href, '/api/v1/organs/520102-party/tenures');
	const all = await walk('nm-office', o.tenures_href, 1);
	assert.equal(o.tenures_total, all.length);
	assert.ok(all.length >= 2, 'the demo has more than one tenure here');
	assert.deepEqual(o.tenures, all.slice(0, 50));
	for (let i = 1; i < all.length; i++)
		assert.ok(all[i - 1].start >= all[i].start, 'newest first');
	assert.equal(new Set(all.map((t) => t.id)).size, all.length);
});

/* The Link header as { rel: url }. */
function links(h) {
	const out = {};
	for (const m of (h ?? '').matchAll(/<([^>]*)>; rel="([a-z]+)"/g))
		out[m[2]] = m[1];
	return out;
}

test('coverage stays a bare array, paged by Link and X-Total-Count',
    async () => {
	const q = `/api/v1/coverage?date=${YEAR}-06-30`;
	const first = await get('gz-office', q);
	assert.ok(Array.isArray(first.body), 'a bare array, as before');
	const total = Number(first.headers.get('x-total-count'));
	assert.ok(total > 50, `the province binds more than 50 (${total})`);
	assert.equal(first.body.length, 50, 'the first 50 without paging');
	const l = links(first.headers.get('link'));
	assert.equal(l.first, `/api/v1/coverage?date=${YEAR}-06-30&page=1&` +
	    'per_page=50');
	assert.equal(l.prev, undefined);
	assert.ok(l.next.endsWith('page=2&per_page=50'));
	assert.ok(l.last.endsWith(`page=${Math.ceil(total / 50)}&per_page=50`));
	/* Walked by its next links at 40 a page: every row once. */
	const rows = [];
	let next = `${q}&per_page=40`, pages = 0;
	while (next) {
		const r = await get('gz-office', next);
		assert.equal(Number(r.headers.get('x-total-count')), total);
		rows.push(...r.body);
		const k = links(r.headers.get('link'));
		if (pages > 0)
			assert.ok(k.prev, 'a page past the first links back');
		next = k.next;
		pages++;
		assert.ok(pages <= total, 'the walk ends');
	}
	assert.equal(rows.length, total);
	assert.equal(pages, Math.ceil(total / 40));
	const key = (x) => `${x.organ} ${x.person} ${x.start}`;
	assert.equal(new Set(rows.map(key)).size, total, 'no row twice');
	assert.deepEqual(rows.slice(0, 50), first.body, 'the same order');
	assert.ok(rows.every((x) => x.region.startsWith('52')));
	const big = await get('gz-office', `${q}&per_page=900`);
	assert.equal(big.body.length, Math.min(200, total), 'clamped to 200');
	assert.ok(links(big.headers.get('link')).first.endsWith('per_page=200'));
	/* Past the last page: empty, still counted. */
	const past = await get('gz-office', `${q}&page=999`);
	assert.deepEqual(past.body, []);
	assert.equal(Number(past.headers.get('x-total-count')), total);
	/* A region narrows it and is kept in the links. */
	const nm = await get('gz-office', `${q}&region=520102`);
	assert.ok(nm.body.length > 0 && nm.body.every((x) =>
	    x.region.startsWith('520102')));
	assert.ok(links(nm.headers.get('link')).first.includes('region=520102'));
	/* A clerk's and a leader's own rows only, counted as such. */
	const clerk = await get('nm-clerk', q);
	assert.ok(clerk.body.length > 0 && clerk.body.every((x) =>
	    x.organ === '520102-party'));
	assert.equal(Number(clerk.headers.get('x-total-count')),
	    clerk.body.length);
	const leader = await get('nm-leader', q);
	assert.equal(Number(leader.headers.get('x-total-count')),
	    leader.body.length);
	assert.ok(leader.body.length <= 1);
});

test('closures: a page of them with their total, by the API and the ' +
    'pages', async () => {
	/* Twelve townships of 贵阳市 closed by its office one by one. */
	const towns = (await get('gy-office', '/api/v1/regions/520100' +
	    '/subregions?per_page=200')).body.items
	    .filter((g) => g.level === 'township').slice(0, 12);
	assert.equal(towns.length, 12, 'the demo city has 12 townships');
	const token = await srv.login('gy-office');
	for (const g of towns) {
		const r = await srv.api('POST', '/api/v1/evaluation/close',
		    { token, json: { year: YEAR, region: g.code,
			reason: '分页测试' } });
		assert.equal(r.status, 200, r.text);
	}
	const q = `/api/v1/evaluation/closures?year=${YEAR}&region=520100`;
	const all = (await get('gy-office', q)).body;
	assert.equal(all.closures_total, 12);
	assert.equal(all.closures.length, 12, 'the first 50 without paging');
	assert.equal(all.page, 1);
	assert.equal(all.per_page, 50);
	assert.ok(all.history.length > 0 && all.history.length <= 50);
	const seen = [];
	for (let page = 1; page <= 3; page++) {
		const b = (await get('gy-office', `${q}&page=${page}&per_page=5`))
		    .body;
		assert.equal(b.closures_total, 12);
		assert.equal(b.closures.length, page < 3 ? 5 : 2);
		seen.push(...b.closures.map((c) => c.region));
	}
	assert.deepEqual(seen, all.closures.map((c) => c.region), 'pages in ' +
	    'order, neither overlapping nor leaving a gap');
	assert.deepEqual([...seen].sort(), towns.map((g) => g.code).sort());
	const big = (await get('gy-office', `${q}&per_page=1000`)).body;
	assert.equal(big.per_page, 200);

	/* The evaluation page shows ten and links the paged list. */
	const cookie = await browserLogin(srv, 'gy-office');
	const page = await srv.api('GET', `/evaluation?year=${YEAR}&region=` +
	    '520100', { cookie });
	assert.equal(page.status, 200);
	const card = /<section class="card closure">([\s\S]*?)<\/section>/
	    .exec(page.text)[1];
	assert.equal([...card.matchAll(/<li><strong>/g)].length, 10);
	assert.match(card, /全部 12 个已结转范围/);
	const href = /<a href="(\/evaluation\/closures\?[^"]*)">全部/
	    .exec(card)[1].replaceAll('&amp;', '&');
	const names = [];
	const who = await accountLabel(srv, 'gy-office');
	for (let p = 1; p <= 3; p++) {
		const l = await srv.api('GET', `${href}&per_page=5&page=${p}`,
		    { cookie });
		assert.equal(l.status, 200, l.text.slice(0, 300));
		assert.match(l.text, /共 12 条/);
		const items = [...l.text.matchAll(/<li><strong>([\s\S]*?)<\/strong>/g)]
		    .map((m) => m[1].replace(/<[^>]*>/g, ''));
		assert.equal(items.length, p < 3 ? 5 : 2);
		names.push(...items);
		/* Who closed: the person and post behind the account, not
		 * its login name. */
		const main = l.text.slice(l.text.indexOf('<main>'),
		    l.text.indexOf('</main>')).replace(/<[^>]*>/g, '');
		assert.ok(!main.includes('gy-office'), 'no login name');
		assert.ok(main.includes(`由 ${who} 结转`), main.slice(0, 600));
		if (p < 3)
			assert.match(l.text, /下一页/);
	}
	assert.equal(new Set(names).size, 12);
	assert.ok(names.every((n) => !/^\d+$/.test(n)), 'names, not codes');
	/* Outside the scope: refused, as the API. */
	const other = await srv.api('GET', `/evaluation/closures?year=${YEAR}` +
	    '&region=520200', { cookie });
	assert.equal(other.status, 403);
});
