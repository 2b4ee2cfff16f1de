/*
 * The registry at scale ([workbench] items 1 and 4): its pages and the
 * API's lists are paged, sorted and searched in the store, on the demo
 * province:
 *
 *   - /registry lists the regions of the scope a page at a time: its
 *     total is the API's, pages do not overlap, per_page holds, the name
 *     order is the store's (byte order of UTF-8, as SQLite and a C
 *     collation sort), q and level narrow the rows to what they say, and
 *     ?region= lists one region's subregions; clerks see their own
 *     region and organ only;
 *   - a region's page pages and searches its organs, names the principal
 *     serving with a Chinese date, and links its subregions by level;
 *   - an organ's page pages its tenures with Chinese dates;
 *   - /registry/people lists people with their posts, searched by name;
 *   - no page shows an internal id (organ ids, p-…);
 *   - GET /api/v1/regions answers {items, page, per_page, total}, paged
 *     (per_page clamped to 200), in path order; with q it stays the
 *     picker's lookup.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { YEAR, accountsOn, listTotal as total, tableRows, useServer,
	visibleText } from './harness.mjs';

const srv = useServer();
const { get, page: html, json: api } = accountsOn(srv);

/* The rows of the page's table that link somewhere (not the row saying
 * there is none). */
function rows(text) {
	assert.match(text, /<tbody>/, 'a table');
	return tableRows(text).filter((r) => r.links.length > 0);
}

const byteOrder = (a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b));

/* The text a person reads: no internal ids. */
function noIds(text, where) {
	const shown = visibleText(text);
	assert.doesNotMatch(shown, /\b\d{6,12}-[a-z][a-z0-9-]*\b/,
	    `${where}: an organ id shown`);
	assert.doesNotMatch(shown, /\b[prt]-\d{4,}\b/, `${where}: an id shown`);
}

test('regions: paged, counted, ordered and searched in the store',
    async () => {
	const all = await api('gz-office', '/api/v1/regions?per_page=200');
	assert.ok(all.total > 10, `demo regions: ${all.total}`);
	assert.equal(all.page, 1);
	assert.equal(all.per_page, 200);
	/* Every page of it. */
	for (let p = 2; all.items.length < all.total; p++) {
		const more = await api('gz-office',
		    `/api/v1/regions?per_page=200&page=${p}`);
		assert.ok(more.items.length > 0);
		all.items.push(...more.items);
	}
	const first = await html('gz-office', '/registry?per_page=5');
	noIds(first, '/registry');
	assert.equal(total(first), all.total);
	const one = rows(first);
	assert.equal(one.length, 5);
	const second = rows(await html('gz-office',
	    '/registry?per_page=5&page=2'));
	assert.equal(second.length, 5);
	const links = [...one, ...second].map((r) => r.links[0]);
	assert.equal(new Set(links).size, 10, 'pages do not overlap');
	/* The default order is the tree's, the API's. */
	assert.deepEqual(links, all.items.slice(0, 10).map((g) =>
	    `/registry/${g.code}`));
	/* Sorted by name both ways. */
	for (const dir of ['asc', 'desc']) {
		const t = await html('gz-office',
		    `/registry?sort=name&dir=${dir}&per_page=200`);
		const names = rows(t).map((r) => r[0]);
		assert.equal(names.length, Math.min(200, all.total));
		const sorted = [...names].sort(byteOrder);
		if (dir === 'desc')
			sorted.reverse();
		assert.deepEqual(names, sorted, `name ${dir}`);
		assert.match(t, new RegExp(`aria-sort="${dir}ending"`));
	}
	/* A name searched: every row holds it, and the count is the rows'. */
	const some = all.items.find((g) => g.level === 'county');
	const part = [...some.name].slice(0, 2).join('');
	const found = await html('gz-office',
	    `/registry?q=${encodeURIComponent(part)}`);
	const hit = rows(found);
	assert.ok(hit.length >= 1);
	assert.equal(total(found), hit.length);
	for (const r of hit)
		assert.ok(r[0].includes(part), `${r[0]} holds ${part}`);
	assert.ok(hit.some((r) => r.links[0] === `/registry/${some.code}`));
	/* A level: only its rows. */
	const counties = await html('gz-office', '/registry?level=county');
	const want = all.items.filter((g) => g.level === 'county').length;
	assert.equal(total(counties), want);
	for (const r of rows(counties))
		assert.equal(r[1], '县(市、区)');
	/* Nothing found says so. */
	const none = await html('gz-office', '/registry?q=%E4%B8%8D%E5%AD%98' +
	    '%E5%9C%A8%E7%9A%84%E5%9C%B0%E5%8C%BA');
	assert.equal(total(none), 0);
	assert.match(none, /没有符合条件的地区/);
	/* One region's subregions, itself left out. */
	const under = all.items.filter((g) => g.parent === some.code);
	if (under.length > 0) {
		const t = await html('gz-office', `/registry?region=${some.code}`);
		assert.equal(total(t), all.items.filter((g) =>
		    g.code !== some.code && all.items.some((x) => x.code ===
		    g.parent) && isUnder(all.items, g, some.code)).length);
		assert.ok(!rows(t).some((r) => r.links[0] ===
		    `/registry/${some.code}`));
	}
	/* Outside the scope: 404, as the API. */
	assert.equal((await get('nm-office', '/registry?region=520000'))
	    .status, 404);
});

function isUnder(items, g, code) {
	for (let x = g; x; x = items.find((y) => y.code === x.parent))
		if (x.parent === code)
			return true;
	return false;
}

test('clerks and leaders see their own region and organ', async () => {
	const t = await html('nm-clerk', '/registry');
	noIds(t, '/registry as a clerk');
	assert.match(t, /本地区:<a href="\/registry\/520102">/);
	assert.match(t, /本机构:<a href="\/organs\//);
	assert.doesNotMatch(t, /list-total/);
	assert.equal((await get('nm-clerk', '/registry/people')).status, 403);
	/* Their region's page lists their organ only. */
	const region = await html('nm-clerk', '/registry/520102');
	assert.equal(rows(region).length, 1);
});

test('a region: its organs paged, principals with Chinese dates',
    async () => {
	const detail = await api('nm-office', '/api/v1/regions/520102');
	assert.ok(detail.organs.length > 3, `organs: ${detail.organs.length}`);
	const t = await html('nm-office', '/registry/520102?per_page=2');
	noIds(t, '/registry/520102');
	assert.equal(total(t), detail.organs.length);
	const one = rows(t);
	assert.equal(one.length, 2);
	assert.match(t, /自 \d{4}年\d{1,2}月\d{1,2}日/);
	assert.doesNotMatch(t, /自 \d{4}-\d\d-\d\d/);
	const pages = Math.ceil(detail.organs.length / 2);
	const seen = new Set();
	for (let p = 1; p <= pages; p++)
		for (const r of rows(await html('nm-office',
		    `/registry/520102?per_page=2&page=${p}`)))
			seen.add(r.links[0]);
	assert.deepEqual([...seen].sort(), detail.organs.map((o) =>
	    `/organs/${o.id}`).sort());
	/* The default order: party committee, government, departments. */
	const kinds = rows(await html('nm-office',
	    '/registry/520102?per_page=200')).map((r) => r[0]);
	assert.equal(kinds[0], '党委');
	assert.equal(kinds[1], '政府');
	/* Searched by name. */
	const name = detail.organs[detail.organs.length - 1].name;
	const q = await html('nm-office',
	    `/registry/520102?q=${encodeURIComponent(name)}`);
	assert.ok(rows(q).every((r) => r[1].includes(name)));
	assert.ok(rows(q).length >= 1);
	/* Subregions by level, linked to their lists. */
	const gy = await html('gy-office', '/registry/520100');
	assert.match(gy, /href="\/registry\?region=520100&amp;level=county">/);
});

test('an organ: its tenures paged with Chinese dates', async () => {
	const detail = await api('nm-office', '/api/v1/regions/520102');
	const organ = detail.organs[0].id;
	const o = await api('nm-office', `/api/v1/organs/${organ}`);
	assert.ok(o.tenures.length >= 1);
	const t = await html('nm-office', `/organs/${organ}?per_page=1`);
	noIds(t, `/organs/${organ}`);
	assert.equal(total(t), o.tenures.length);
	const r = rows(t.replace(/<form[\s\S]*?<\/form>/g, ''));
	assert.ok(/<tbody>[\s\S]*?\d{4}年\d{1,2}月\d{1,2}日/.test(t),
	    'tenure dates in Chinese');
	assert.doesNotMatch(t.slice(t.indexOf('<tbody>')),
	    /<td[^>]*>\d{4}-\d\d-\d\d/);
	void r;
	/* Newest first by default: the API's first tenure. */
	assert.ok(t.slice(t.indexOf('<tbody>')).includes(o.tenures[0]
	    .person_name));
});

test('people with their posts, searched by name', async () => {
	const t = await html('nm-office', '/registry/people?per_page=5');
	noIds(t, '/registry/people');
	const n = total(t);
	assert.ok(n > 5, `people: ${n}`);
	const page = rows(t);
	assert.equal(page.length, 5);
	for (const r of page)
		assert.match(r[1], /(主要负责人|副职)$/);
	const names = page.map((r) => r[0]);
	assert.deepEqual(names, [...names].sort(byteOrder));
	/* A name searched finds that person, with the lookup's post. */
	const who = names[2];
	const found = await html('nm-office',
	    `/registry/people?q=${encodeURIComponent(who)}`);
	assert.ok(rows(found).every((r) => r[0].includes(who)));
	const hits = await api('nm-office',
	    `/api/v1/people?q=${encodeURIComponent(who)}&limit=50`);
	assert.equal(total(found), hits.items ? hits.items.length :
	    hits.length);
	/* A province sees more people than a county. */
	assert.ok(total(await html('gz-office', '/registry/people')) > n);
});

test('GET /api/v1/regions: paged in the store', async () => {
	const a = await api('gz-office', '/api/v1/regions?per_page=3');
	assert.deepEqual(Object.keys(a).sort(), ['items', 'page', 'per_page',
		'total']);
	assert.equal(a.items.length, 3);
	for (const g of a.items)
		assert.deepEqual(Object.keys(g).sort(), ['code', 'level', 'name',
			'parent']);
	const b = await api('gz-office', '/api/v1/regions?per_page=3&page=2');
	assert.equal(b.page, 2);
	assert.equal(new Set([...a.items, ...b.items].map((g) => g.code)).size,
	    6);
	const big = await api('gz-office', '/api/v1/regions?per_page=5000');
	assert.equal(big.per_page, 200);
	assert.ok(big.items.length <= 200);
	/* Defaults: the first 50. */
	const d = await api('gz-office', '/api/v1/regions');
	assert.equal(d.per_page, 50);
	assert.equal(d.items.length, Math.min(50, d.total));
	/* A region's subtree. */
	const nm = await api('gz-office', '/api/v1/regions?region=520102');
	assert.equal(nm.items[0].code, '520102');
	assert.ok(nm.items.every((g) => g.code.startsWith('520102')));
	/* The lookup keeps its contract. */
	const l = await api('gz-office', '/api/v1/regions?q=%E5%8D%97&limit=2');
	assert.ok(Array.isArray(l.items) || Array.isArray(l));
});

test('GET /api/v1/scores: a page of the year\'s qualitative duties',
    async () => {
	const all = [];
	let total = null;
	for (let page = 1; ; page++) {
		const s = await api('nm-office',
		    `/api/v1/scores?year=${YEAR}&per_page=7&page=${page}`);
		assert.deepEqual(Object.keys(s).sort(), ['items', 'page',
			'per_page', 'total', 'year']);
		assert.equal(s.per_page, 7);
		assert.ok(s.items.length <= 7);
		total ??= s.total;
		all.push(...s.items);
		if (s.items.length < 7)
			break;
	}
	assert.ok(total > 7, `scores: ${total}`);
	assert.equal(all.length, total);
	/* One item per result and qualitative duty: no repeats. */
	assert.equal(new Set(all.map((x) => `${x.person} ${x.organ} ${x.duty}`))
	    .size, all.length);
	for (const x of all) {
		assert.equal(typeof x.title, 'string');
		assert.ok('score' in x);
	}
	/* The evaluation's qualitative duties, with their scores. */
	const ev = await api('nm-office', `/api/v1/evaluation?year=${YEAR}`);
	const qual = new Set(all.map((x) => x.duty));
	let n = 0;
	for (const res of ev.results)
		for (const d of res.duties)
			if (qual.has(d.id)) {
				n++;
				const x = all.find((y) => y.person === res.person &&
				    y.organ === res.organ && y.duty === d.id);
				assert.ok(x, `${res.person} ${d.id} listed`);
				assert.equal(x.score, d.score ?? null);
			}
	assert.equal(n, total);
	/* The defaults and the ceiling. */
	const d = await api('nm-office', `/api/v1/scores?year=${YEAR}`);
	assert.equal(d.per_page, 50);
	assert.equal((await api('nm-office',
	    `/api/v1/scores?year=${YEAR}&per_page=1000`)).per_page, 200);
	/* A county of the province's: its results only. */
	const yy = await api('gz-office',
	    `/api/v1/scores?year=${YEAR}&region=520103&per_page=200`);
	assert.ok(yy.items.every((x) => x.organ.startsWith('520103')));
});
