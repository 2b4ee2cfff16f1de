/*
 * Nobody reads an internal id (issue 15, item 1): every page each demo
 * role reaches, walked as a11y.test.mjs walks them (the navigation, then
 * one page of each kind it links to, two steps deep, GET only), shows no
 * person, record, case, organ or supervision id in its visible text. Ids
 * stay in URLs, hidden fields and the JSON API.
 *
 * The id shapes are the ones the system and its demo make: p-000865 and
 * p-2026-1a2b3c4d (domain.c's dom_new_id), r-0006136 and
 * r-20260115-1a2b3c (record.c), ac-2026-0003 (case-write.c),
 * insp-/find-/itv-/ntc-/rect-/t-YEAR-… (supervision), 520102-party and
 * 520102-justice (demo-world.c's organs), annual-/shufa-YEAR-… (reports).
 * Region codes (520102) are the state's own published codes, not ours.
 *
 * Nor does a page name who did a thing by an account's login name
 * (nm-clerk, gz-office): 录入人, 签署人, 立案, 移交 read as the person and
 * post, or the organ or region and role, behind the account
 * (labels.c's html_who). The header's own login name, the accounts'
 * pages (where the login name is what is managed) and the audit log
 * (which records the account that acted) keep them.
 *
 * Every label a page names by reference is put in by the page's one fill
 * (labels.c's web_labels_fill, at page_end): no page carries a
 * placeholder left unfilled.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { YEAR, api, browserLogin, htmlDecode, login, slow, useServer,
	visibleText, walkPages } from './harness.mjs';

const srv = useServer({ env: { LVZHI_TODAY: `${YEAR}-11-15` } });

const ROLES = ['admin', 'gz-office', 'nm-office', 'nm-clerk', 'nm-leader',
	'nm-gov-leader', 'inspector', 'discipline'];

const ORGAN_KIND = '(?:party|gov|justice|police|finance|env|market|' +
    '[a-z]{3,12})';
export const ID_PATTERNS = [
	/\bp-\d{6}\b/, /\bp-\d{4}-[0-9a-f]{8}\b/,
	/\br-\d{7}\b/, /\br-\d{8}-[0-9a-f]{4,}\b/,
	/\bac-\d{4}-\d{4}\b/,
	/\b(?:insp|find|itv|ntc|rect|t)-\d{4}-[0-9a-f]{8}\b/,
	new RegExp(`\\b\\d{6,12}-${ORGAN_KIND}\\b`),
	/\b(?:annual|shufa)-\d{4}-\S+/,
];

/* The demo's login names (demo --accounts). */
const ACCOUNT_NAME = /\b(?:[a-z]{2}-(?:gov-)?(?:office|clerk|leader)|inspector|discipline)\b/g;
/* Where a login name is what the page is about. */
const NAMES_ACCOUNTS = /^\/(accounts?|audit)(\/|$|\?)/;

/* The visible text of the page's main part (not the header). */
function mainText(html) {
	const m = /<main\b[\s\S]*<\/main>/.exec(html);
	return visibleText(m ? m[0] : '');
}

/* Each id found in text, with a little of what surrounds it. */
export function idsIn(text) {
	const out = [];
	for (const re of ID_PATTERNS) {
		const g = new RegExp(re.source, 'g');
		for (const m of text.matchAll(g))
			out.push(text.slice(Math.max(0, m.index - 20),
			    m.index + m[0].length + 10).trim());
	}
	return out;
}

function links(html, from) {
	const out = [];
	for (const m of html.matchAll(/<a\b[^>]*\bhref="([^"]+)"/g)) {
		const h = htmlDecode(m[1]);
		const u = new URL(h, `http://x${from}`);
		if (u.host !== 'x')
			continue;
		if (/\.(csv|xlsx|pdf|docx|json)$|\/pdf$|\/evidence\/|^\/api\/|^\/static\/|^\/logout/
		    .test(u.pathname))
			continue;
		out.push(u.pathname + u.search);
	}
	return out;
}

test('the id patterns find the ids the system makes, and no dates', () => {
	for (const id of ['p-000865', 'r-0006136', 'ac-2026-0003',
		'520102-party', 'insp-2025-00000001', 'p-2026-1a2b3c4d',
		'r-20260115-1a2b3c4d'])
		assert.equal(idsIn(` ${id} `).length > 0, true, id);
	for (const text of ['2026年12月6日', '2026-12-06', '南明区台账 2025-0012',
		'南明区〔2026〕3号', '520102', '第九条第(三)项'])
		assert.deepEqual(idsIn(text), [], text);
	assert.equal(visibleText('<a href="/ledger/r-0000001" title="x">' +
	    '南明区台账 2025-0001</a><input type="hidden" value="p-000001">'),
	' 南明区台账 2025-0001 ');
});

for (const role of ROLES) {
	test(`no page ${role} reaches shows an internal id`,
	    { timeout: slow(600_000) }, async (t) => {
		const cookie = await browserLogin(srv, role);
		const found = [];
		const pages = await walkPages(['/', '/accountability', '/audit',
			'/evaluation', '/ledger', '/warnings', '/overview', '/messages'],
		    async (p) => {
			const r = await api(srv, 'GET', p, { cookie });
			if (r.status !== 200 || r.type !== 'text/html')
				return null;
			for (const hit of idsIn(visibleText(r.text)))
				found.push(`${p}: ${hit}`);
			/* labels.c's placeholders (\x01 n \x02) are put in by the
			 * page's one fill, at page_end: none may be left. */
			if (/[\x01\x02]/.test(r.text))
				found.push(`${p}: a label left as its placeholder`);
			if (!NAMES_ACCOUNTS.test(p))
				for (const m of mainText(r.text).matchAll(ACCOUNT_NAME))
					found.push(`${p}: login name ${m[0]}`);
			return links(r.text, p);
		});
		t.diagnostic(`${pages.length} pages: ${pages.join(' ')}`);
		assert.ok(pages.length >= 4, `${role}: only ${pages}`);
		assert.deepEqual(found, [], `${role}: internal ids on pages`);
	});
}

/* The 移送问责 links of a page: [{ person, organ, source }]. */
function referLinks(html) {
	const out = [];
	for (const m of html.matchAll(/<a class="refer" href="([^"]+)">移送问责/g)) {
		const u = new URL(m[1].replaceAll('&amp;', '&'), 'http://x');
		out.push({ person: u.searchParams.get('person'), organ:
		    u.searchParams.get('organ'), source: u.searchParams.get('source'),
		from: u.searchParams.get('from') });
	}
	return out;
}

test('the referral list of /accountability: every 不合格 result of the ' +
    'year with each failed duty, a case opened for one marked with its ' +
    'number', { timeout: slow(300_000) }, async () => {
	const token = await login(srv, 'nm-office');
	const ev = (await api(srv, 'GET',
	    `/api/v1/evaluation?year=${YEAR}&region=520102`, { token })).body;
	const failed = ev.results.filter((x) => x.grade === 'fail');
	assert.ok(failed.some((x) => !x.veto), 'a 不合格 without a veto');
	const cookie = await browserLogin(srv, 'nm-office');
	const get = async (q) => {
		const r = await api(srv, 'GET', `/accountability?ryear=${YEAR}${q}`,
		    { cookie });
		assert.equal(r.status, 200, r.text);
		return r.text.slice(r.text.indexOf('id="referrals"'));
	};
	let html = await get('');
	assert.match(visibleText(html), new RegExp(`${YEAR} 年度不合格 ` +
	    `${failed.length} 人`));
	const links = referLinks(html);
	let want = 0;
	for (const res of failed)
		for (const d of res.duties.filter((u) => u.verdict === 'unmet')) {
			want++;
			const l = links.find((x) => x.source ===
			    `eval:${YEAR}:${res.person}:${d.id}`);
			assert.ok(l, `a referral of ${res.person} ${d.id}`);
			assert.equal(l.organ, res.organ);
			if (!res.veto)
				assert.equal(l.from, null, `${d.id}: not a veto`);
		}
	assert.equal(links.length, want, 'nothing but failed duties');
	for (const res of failed.filter((x) => x.veto))
		assert.ok(links.some((l) => l.person === res.person &&
		    l.from === 'veto'), `${res.person}: the vetoing duty`);
	assert.deepEqual(idsIn(visibleText(html)), []);

	/* A case opened for one of them: its duty says so, by number. */
	const plain = failed.find((x) => !x.veto);
	const duty = plain.duties.find((u) => u.verdict === 'unmet').id;
	const disc = await login(srv, 'discipline');
	const made = await api(srv, 'POST', '/api/v1/cases', { token: disc,
		json: { target: 'cadre', organ: plain.organ, person: plain.person,
			item: 1, source: 'evaluation', year: YEAR,
			source_ref: `eval:${YEAR}:${plain.person}:${duty}`,
			summary: `${YEAR} 年度考评不合格,移送问责。` } });
	assert.equal(made.status, 201, made.text);
	const c = (await api(srv, 'GET', `/api/v1/cases/${made.body.id}`,
	    { token: disc })).body;
	html = await get('');
	assert.equal(referLinks(html).length, want - 1, 'its link is gone');
	assert.ok(html.includes(`<a href="/accountability/${made.body.id}">`),
	    'the case linked');
	assert.ok(visibleText(html).includes(c.number), `its number ${c.number}`);
	/* Pages of the list keep to their page: none past the last. */
	assert.match(visibleText(await get('&rpage=99')), /没有这一页/);
});

/* The texts of an .xlsx's cells (its worksheets and shared strings). */
function xlsxTexts(bytes) {
	const dir = mkdtempSync(path.join(tmpdir(), 'ids-'));
	try {
		const f = path.join(dir, 'x.xlsx');
		writeFileSync(f, bytes);
		/* inline strings (constant memory) or shared ones; unzip's *
		 * takes the sheets' folder too */
		const xml = execFileSync('unzip', ['-p', f, 'xl/*.xml'],
		    { maxBuffer: 1 << 28 }).toString();
		return [...xml.matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((m) =>
		    htmlDecode(m[1]));
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

test('the downloads for people name records by number, not by id',
    { timeout: slow(300_000) }, async () => {
	const office = await browserLogin(srv, 'nm-office');
	const x = await api(srv, 'GET',
	    `/evaluation.xlsx?year=${YEAR}&region=520102`, { cookie: office });
	assert.equal(x.status, 200);
	const cells = xlsxTexts(x.bytes);
	assert.ok(cells.some((c) => /符合要求:\S*台账 \d{4}-\d{4}/.test(c)),
	    'an explanation names its record by number');
	assert.ok(cells.some((c) => /截止日期 \d{4}年\d{1,2}月\d{1,2}日/.test(c)),
	    'and its deadline as a Chinese date');
	assert.deepEqual(cells.flatMap(idsIn), []);
	const csv = await api(srv, 'GET',
	    `/evaluation.csv?year=${YEAR}&region=520102`, { cookie: office });
	assert.equal(csv.status, 200);
	assert.deepEqual(idsIn(csv.text), []);

	const admin = await browserLogin(srv, 'admin');
	const acsv = await api(srv, 'GET', '/audit.csv', { cookie: admin });
	assert.equal(acsv.status, 200);
	assert.match(acsv.text, /问责案件 \S+〔\d{4}〕\d+号/, 'a case by number');
	assert.deepEqual(idsIn(acsv.text), []);
	const axlsx = await api(srv, 'GET', '/audit.xlsx', { cookie: admin });
	assert.equal(axlsx.status, 200);
	assert.deepEqual(xlsxTexts(axlsx.bytes).flatMap(idsIn), []);
});

test('the ledger, a record and the public portal give dates in Chinese',
    { timeout: slow(120_000) }, async () => {
	const cookie = await browserLogin(srv, 'nm-office');
	const iso = /\b\d{4}-\d{2}-\d{2}\b/;
	const ledger = await api(srv, 'GET', '/ledger?per_page=50', { cookie });
	assert.equal(ledger.status, 200);
	assert.doesNotMatch(visibleText(ledger.text), iso);
	assert.match(ledger.text, /<td class="date">\d{4}年\d{1,2}月\d{1,2}日<\/td>/);
	/* A record verified and one sent back. */
	for (const q of ['status=verified', 'status=rejected']) {
		const list = await api(srv, 'GET', `/ledger?${q}`, { cookie });
		const id = [...list.text.matchAll(/href="\/ledger\/([^"/?]+)"/g)]
		    .map((m) => m[1]).find((x) => !['new', 'upload', 'review']
		    .includes(x));
		const rec = await api(srv, 'GET', `/ledger/${id}`, { cookie });
		assert.equal(rec.status, 200);
		const text = visibleText(rec.text);
		assert.doesNotMatch(text, iso, id);
		assert.match(text, /日期 \d{4}年\d{1,2}月\d{1,2}日/, id);
	}
	const portal = await api(srv, 'GET', '/public/');
	assert.equal(portal.status, 200);
	assert.doesNotMatch(visibleText(portal.text), iso);
});
