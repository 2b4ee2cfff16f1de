/*
 * 总览 (/overview, page-overview.c) on the demo province, as the
 * province's office sees it, against the evaluation API:
 *
 *   - each ranking row's numbers (grade counts, vetoes, average score)
 *     are those of GET /api/v1/evaluation for the same region, computed
 *     here from its results;
 *   - the tile map has one tile per county of the province (GET
 *     /api/v1/regions), grouped by prefecture, each coloured by the lower
 *     grade of the county's own party and government principals;
 *   - the drill-down: province → prefecture → county → a leader, by
 *     clicking, ends on the leader's evaluation;
 *   - echarts.min.js and overview.js come from /static with a script
 *     type, ECharts cached for a year under a versioned address; in the
 *     browser each chart container holds a drawn canvas, at 1366×768 and
 *     at 390 px without sideways scrolling, with no console error or CSP
 *     violation;
 *   - after the province closes the year, the trend shows it as closed
 *     (from the frozen results) beside the current year;
 *   - scope: a county office gets no province overview (403) and no tile
 *     map on its dashboard; the province's and a prefecture's dashboards
 *     open with it.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';

import { OFFICE, PHONE, as, assertClean, clickAndWait, goto, newPage,
	overflow, shot, useBrowser, kit } from './browser-kit.mjs';
import { REPO, YEAR, useServer } from './harness.mjs';

const TODAY = `${YEAR + 1}-02-01`;
const GRADES = ['excellent', 'pass', 'basic_pass', 'fail'];

useBrowser(/^overview-.*\.png$/);
const srv = kit.srv = useServer({ env: { LVZHI_TODAY: TODAY } });
const tokens = {};

async function get(name, p) {
	tokens[name] ??= await srv.login(name);
	return srv.api('GET', p, { token: tokens[name] });
}

/* What the evaluation API says of a region's subtree in year. */
async function evaluation(region, year = YEAR) {
	const r = await get('gz-office',
	    `/api/v1/evaluation?year=${year}&region=${region}`);
	assert.equal(r.status, 200, r.text);
	return r.body.results;
}

function tally(results) {
	const t = { n: results.length, g: [0, 0, 0, 0], veto: 0, scored: 0,
		sum: 0 };
	for (const x of results) {
		t.g[GRADES.indexOf(x.grade)]++;
		t.veto += x.veto ? 1 : 0;
		if (typeof x.score === 'number') {
			t.scored++;
			t.sum += x.score;
		}
	}
	return t;
}

/* The rows of a table of the page's HTML: data-* and cells' text. */
function rows(html, tableId) {
	const table = new RegExp(`<table id="${tableId}"[^]*?</table>`)
	    .exec(html);
	assert.ok(table, `table ${tableId}`);
	const out = [];
	for (const m of table[0].matchAll(/<tr (data-[^>]*)>([^]*?)<\/tr>/g)) {
		const attrs = Object.fromEntries([...m[1].matchAll(
		    /data-([a-z]+)="([^"]*)"/g)].map((a) => [a[1], a[2]]));
		const cell = (cls) => new RegExp(`<td class="num ${cls}">([^<]*)<`)
		    .exec(m[2])?.[1];
		out.push({ ...attrs, avg: cell('avg'), veto: cell('veto'),
			html: m[2] });
	}
	return out;
}

function assertRow(row, t, what) {
	assert.equal(row.g, t.g.join(','), `${what}: grade counts`);
	assert.match(row.html, new RegExp(`<td class="num">${t.n}</td>`),
	    `${what}: results`);
	assert.equal(Number(row.veto), t.veto, `${what}: vetoes`);
	if (t.scored === 0) {
		assert.equal(row.avg, '—', what);
		return;
	}
	/* The API gives scores to one decimal; the page averages the
	 * unrounded ones and shows one decimal. */
	assert.ok(Math.abs(Number(row.avg) - t.sum / t.scored) <= 0.1 + 1e-9,
	    `${what}: average ${row.avg} vs ${t.sum / t.scored}`);
}

/* GET /api/v1/regions as the province sees it, every page, once. */
let regions = null;
async function loadRegions() {
	if (regions === null) {
		const all = [];
		for (let page = 1; ; page++) {
			const list = await get('gz-office',
			    `/api/v1/regions?per_page=200&page=${page}`);
			assert.equal(list.status, 200, list.text);
			all.push(...list.body.items);
			if (list.body.items.length < 200 ||
			    all.length >= list.body.total)
				break;
		}
		regions = all;
	}
	return regions;
}

test('the ranking: each region\'s numbers are the evaluation API\'s',
    async () => {
	await loadRegions();
	const page = await get('gz-office', `/overview?year=${YEAR}`);
	assert.equal(page.status, 200, page.text);
	assert.match(page.text, /<h1>总览 <span class="muted">贵州省 · 2025 年度/);

	const prefectures = regions.filter((g) => g.parent === '520000');
	const ranked = rows(page.text, 'rank-children');
	assert.deepEqual(ranked.map((r) => r.region).sort(),
	    prefectures.map((g) => g.code).sort(), 'one row per prefecture');
	for (const row of ranked)
		assertRow(row, tally(await evaluation(row.region)), row.name);
	/* ranked by average, high to low */
	const avgs = ranked.map((r) => Number(r.avg));
	assert.deepEqual(avgs, [...avgs].sort((a, b) => b - a));

	const counties = regions.filter((g) => g.level === 'county');
	const byCounty = rows(page.text, 'rank-counties');
	assert.equal(byCounty.length, counties.length, 'one row per county');
	/* every eleventh county, and the first and last ranked */
	const some = byCounty.filter((_, i) => i % 11 === 0 ||
	    i === byCounty.length - 1);
	for (const row of some)
		assertRow(row, tally(await evaluation(row.region)), row.name);

	/* the province's own summary */
	const all = tally(await evaluation('520000'));
	assert.match(page.text, new RegExp(`纳入考评\\(人次\\)</div><div ` +
	    `class="stat">${all.n}<`));
});

test('the tile map: one tile per county, coloured by its grade',
    async () => {
	const page = await get('gz-office', `/overview?year=${YEAR}`);
	const results = await evaluation('520000');
	await loadRegions();
	const tiles = [...page.text.matchAll(/<a class="tile t-([a-z_]+)" data-region="(\d+)" data-grade="([a-z_]+)"/g)]
	    .map((m) => ({ cls: m[1], code: m[2], grade: m[3] }));
	const counties = regions.filter((g) => g.level === 'county');
	assert.deepEqual(tiles.map((t) => t.code).sort(),
	    counties.map((g) => g.code).sort(), 'a tile for each county, once');
	for (const t of tiles) {
		const own = results.filter((x) => x.region === t.code &&
		    ['party_principal', 'government_principal'].includes(x.role));
		const want = own.length === 0 ? 'none' : GRADES[Math.max(...own
		    .map((x) => GRADES.indexOf(x.grade)))];
		assert.equal(t.grade, want, t.code);
		assert.equal(t.cls, want, `${t.code}: its colour`);
	}
	/* grouped by prefecture: each group's tiles are its counties */
	for (const m of page.text.matchAll(/<section class="tile-group"><h3><a href="\/overview\?year=\d+&amp;region=(\d+)">[^]*?<\/section>/g)) {
		const inGroup = [...m[0].matchAll(/data-region="(\d+)"/g)]
		    .map((x) => x[1]).sort();
		const want = counties.filter((g) => g.parent === m[1])
		    .map((g) => g.code).sort();
		assert.deepEqual(inGroup, want, `group ${m[1]}`);
	}
	assert.match(page.text, /class="tile-legend"/);
});

test('ECharts and the charts\' script are served from /static',
    async () => {
	const page = await get('gz-office', `/overview?year=${YEAR}`);
	const src = /<script src="(\/static\/echarts\.min\.js\?v=[0-9.]+)"/
	    .exec(page.text)?.[1];
	assert.ok(src, 'the page loads the vendored ECharts');
	const js = await srv.api('GET', src);
	assert.equal(js.status, 200);
	assert.equal(js.type, 'text/javascript');
	assert.match(js.headers.get('cache-control'), /max-age=31536000/);
	/* fetch asks for gzip and unpacks it: the release, byte for byte */
	assert.equal(js.headers.get('content-encoding'), 'gzip');
	assert.ok(js.bytes.equals(await readFile(path.join(REPO,
	    'web/static/echarts.min.js'))), 'the vendored file as it is');
	assert.match(js.text.slice(0, 2000), /Apache Software Foundation/);
	const ours = await srv.api('GET', '/static/overview.js');
	assert.equal(ours.status, 200);
	assert.equal(ours.type, 'text/javascript');
	/* only the pages that chart load it */
	const home = await get('gz-office', '/');
	assert.doesNotMatch(home.text, /echarts/);
});

test('in the browser: charts drawn, drill-down to a leader, a phone',
    async () => {
	await loadRegions();
	const page = await as('gz-office', '/overview');
	await goto(page, `/overview?year=${YEAR}`);
	const charts = page.locator('.chart[data-table]');
	assert.ok(await charts.count() >= 3, 'a chart per ranking and the trend');
	for (const c of await charts.all()) {
		await c.locator('canvas').first().waitFor();
		assert.ok((await c.getAttribute('aria-label')).includes('数据见下表'));
		const box = await c.locator('canvas').first().boundingBox();
		assert.ok(box.width > 200 && box.height > 100, 'drawn at size');
	}
	await shot(page, 'overview-office');
	assertClean(page, 'overview');

	/* province → prefecture (its ranking row) → county (a tile) → leader */
	await clickAndWait(page, page.locator('#rank-children tbody tr')
	    .first().locator('th a').first(), (u) =>
	    u.searchParams.get('region')?.length === 6);
	const pref = new URL(page.url()).searchParams.get('region');
	assert.equal(regions.find((g) => g.code === pref)?.parent, '520000');
	assert.match(await page.locator('nav.crumbs').innerText(), /贵州省/);
	const tile = page.locator('a.tile').first();
	const county = await tile.getAttribute('data-region');
	assert.equal(regions.find((g) => g.code === county)?.parent, pref);
	await clickAndWait(page, tile, (u) =>
	    u.searchParams.get('region') === county);
	const leader = page.locator('#leaders tbody tr th a').first();
	const href = await leader.getAttribute('href');
	const person = decodeURIComponent(href.split('#')[1]);
	await clickAndWait(page, leader, (u) => u.pathname === '/evaluation');
	assert.equal(await page.locator(`[id="${person}"]`).count(), 1,
	    'the leader\'s result on the evaluation page');
	assertClean(page, 'drill-down');

	const phone = await newPage(PHONE, { storageState:
	    await page.context().storageState() });
	await goto(phone, `/overview?year=${YEAR}`);
	await phone.locator('.chart canvas').first().waitFor();
	const o = await overflow(phone);
	assert.ok(o.scroll <= o.width, `no sideways scrolling: ${o.wide}`);
	const t = await phone.locator('a.tile').first().boundingBox();
	assert.ok(t.x >= 0 && t.x + t.width <= PHONE.width, 'tiles on screen');
	await shot(phone, 'overview-phone');
	assertClean(phone, 'overview on a phone');
});

test('the trend shows a closed year beside the current one', async () => {
	tokens['gz-office'] ??= await srv.login('gz-office');
	const close = await srv.api('POST', '/api/v1/evaluation/close', {
		token: tokens['gz-office'],
		json: { year: YEAR, region: '520000', reason: '总览测试结转' } });
	assert.equal(close.status, 200, close.text);
	const page = await get('gz-office', `/overview?year=${YEAR}`);
	const trend = rows(page.text, 'trend');
	const closed = trend.find((r) => r.year === String(YEAR));
	assert.ok(closed, 'the closed year');
	assert.match(closed.html, /已结转/);
	assertRow(closed, tally(await evaluation('520000')), 'the closed year');
	const now = trend.find((r) => r.year === String(YEAR + 1));
	assert.ok(now, 'the current year');
	assert.match(now.html, /进行中/);
	assertRow(now, tally(await evaluation('520000', YEAR + 1)),
	    'the current year');
	/* a prefecture's numbers still match, from the frozen results */
	const ranked = rows(page.text, 'rank-children');
	assertRow(ranked[0], tally(await evaluation(ranked[0].region)),
	    ranked[0].name);
});

test('scope: a county office sees no province overview', async () => {
	const refused = await get('nm-office', '/overview?region=520000');
	assert.equal(refused.status, 403);
	const own = await get('nm-office', '/overview');
	assert.equal(own.status, 200);
	assert.match(own.text, /南明区 · /);
	assert.doesNotMatch(own.text, /region=5201?00\b/, 'no way up');
	const home = await get('nm-office', '/');
	assert.doesNotMatch(home.text, /class="tile-map"/);
	for (const office of ['gz-office', 'gy-office']) {
		const h = await get(office, '/');
		assert.match(h.text, /class="tile-map"/, office);
	}
	const clerk = await get('nm-clerk', '/overview');
	assert.equal(clerk.status, 403);
	assert.doesNotMatch((await get('nm-clerk', '/')).text,
	    /href="\/overview"/);
});
