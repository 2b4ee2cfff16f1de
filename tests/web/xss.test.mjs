/*
 * XSS: a corpus of hostile text (script tags, event handlers, javascript:
 * URLs, attribute and element breakouts, SVG and MathML, entities that a
 * second decoding would turn into markup, unicode look-alikes) put through
 * every text field that is stored and shown — records, their review notes
 * and evidence file names, inspections and findings, rectification orders,
 * their progress notes and evidence, interviews, notices, cases, reports
 * (述法 and the annual report, published to the portal), scores' comments,
 * and registry names by JSONL import — and through the query strings that
 * pages echo. Every page showing them is fetched: each field is there, and
 * only escaped. Then Chromium walks the same pages: no payload runs (each
 * sets window.__xss or calls alert), and the CSP reports no violation.
 */
import assert from 'node:assert/strict';
import { constants } from 'node:fs';
import { access, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { chromium } from 'playwright-core';

import { PASSWORD, YEAR, browserLogin, finished, pdfForm, run, slow,
	useServer } from './harness.mjs';

const NEXT = YEAR + 1;
const CHROMIUM = process.env.LVZHI_CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu',
	'--disable-quic', '--no-first-run', '--disable-background-networking',
	'--disable-component-update', '--disable-sync'];

let browser = null;
before(async () => {
	await access(CHROMIUM, constants.X_OK);
	browser = await chromium.launch({ executablePath: CHROMIUM,
		headless: true, args: ARGS, timeout: slow(30_000) });
}, { timeout: slow(60_000) });
after(async () => {
	await browser?.close();
});

/* After the browser's hooks: the browser is gone when the server stops. */
const srv = useServer({ env: { LVZHI_TODAY: `${NEXT}-05-10` } });

/* Each payload, if it ever ran, sets window.__xss (or calls alert). */
const CORPUS = [
	'<script>window.__xss=1</script>',
	'<img src=x onerror=window.__xss=2>',
	'"><svg onload=window.__xss=3>',
	'\'><img src=x onerror=window.__xss=4>',
	'" autofocus onfocus="window.__xss=5" x="',
	'\' autofocus onfocus=\'window.__xss=6\' x=\'',
	'javascript:window.__xss=7',
	'</textarea><script>window.__xss=8</script>',
	'</title><script>window.__xss=9</script>',
	'<svg><script>window.__xss=10</script></svg>',
	'<a href="javascript:window.__xss=11">x</a>',
	'<iframe srcdoc="<script>parent.__xss=12</script>"></iframe>',
	'<details open ontoggle=window.__xss=13>',
	'&lt;script&gt;window.__xss=14&lt;/script&gt;',
	'&#60;img src=x onerror=window.__xss=15&#62;',
	'<scr<script>ipt>window.__xss=16</script>',
	'<math><mi xlink:href="javascript:window.__xss=17">x</mi></math>',
	'<style>*{background:url("javascript:alert(18)")}</style>',
	'<object data="data:text/html,<script>alert(19)</script>"></object>',
	'＜script＞window.__xss=20＜/script＞ \u202e<b>21</b> -->]]><!--',
	'<input value="x" autofocus onfocus=alert(22)>',
];

/*
 * The corpus in texts of at most max bytes, each behind a marker:
 * "XSS-marker.0 ...", "XSS-marker.1 ...".
 */
function hostile(marker, max = 4000) {
	const out = [];
	let s = '';
	for (const p of CORPUS) {
		if (s !== '' && Buffer.byteLength(`${s} ${p}`) > max) {
			out.push(s);
			s = '';
		}
		s = s === '' ? `XSS-${marker}.${out.length} ${p}` : `${s} ${p}`;
	}
	out.push(s);
	for (const t of out)
		assert.ok(Buffer.byteLength(t) <= max, `${marker}: ${t}`);
	return out;
}

function escaped(s) {
	return s.replace(/&/g, '&amp;').replace(/</g, '&lt;')
	    .replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/*
 * Asserts that html carries no markup of the corpus: no raw payload, no
 * tag with an event handler or a javascript: URL, no inline script, no
 * element the pages never use.
 */
function assertInert(html, where) {
	for (const p of CORPUS)
		if (/[<>"']/.test(p))
			assert.ok(!html.includes(p), `${where}: raw ${p}`);
	/* Each tag with its quoted values taken out: what is left are the
	 * attribute names. */
	for (const [tag] of html.matchAll(/<[a-z][^<>]*>/gi)) {
		const names = tag.replace(/"[^"]*"|'[^']*'/g, '""');
		assert.doesNotMatch(names, /\son[a-z]+\s*=/i,
		    `${where}: an event handler attribute in ${tag}`);
	}
	assert.doesNotMatch(html,
	    /\b(href|src|action|formaction|data|xlink:href)\s*=\s*["']?\s*javascript:/i,
	    `${where}: a javascript: URL`);
	assert.doesNotMatch(html, /<script(?![^>]*\ssrc=)[^>]*>/i,
	    `${where}: an inline script`);
	assert.doesNotMatch(html, /<(iframe|object|embed|math)\b/i,
	    `${where}: an injected element`);
	assert.doesNotMatch(html, /window\.__xss=14<\/script>|<img src=x/i, where);
}

const tokens = {};
async function as(name, method, p, o = {}) {
	tokens[name] ??= await srv.login(name);
	return srv.api(method, p, { ...o, token: tokens[name] });
}

async function ok(r, status = 200) {
	assert.equal(r.status, status, r.text);
	return r.body;
}

/* What the setup made: the pages to look at, and the markers each field
 * left; every marker must be on one of them at least. */
const pages = new Set(['/', '/ledger', '/supervision', '/accountability',
	'/reports', '/registry', '/registry/520102', `/evaluation?year=${YEAR}` +
	'&region=520102', '/audit', '/public/', '/organs/520102-party']);
const markers = [];

/* The first text of the corpus for a field that takes one; all = every
 * text, for fields of things made once per text. */
function field(marker, max, all = false) {
	const texts = hostile(marker, max);
	for (let i = 0; i < (all ? texts.length : 1); i++)
		markers.push(`${marker}.${i}`);
	return all ? texts : texts[0];
}

test('setup: the corpus through every stored text field', { timeout:
    120_000 }, async () => {
	const person = (await as('nm-leader', 'GET', '/api/v1/me')).body.person;

	/* Records: the title (400 bytes: one record per part of the
	 * corpus), a rejection note, evidence file names. */
	for (const [i, title] of field('record.title', 400, true).entries()) {
		const id = `t-xss-${i}`;
		await ok(await as('nm-clerk', 'POST', '/api/v1/records', { json:
			{ id, kind: 'rol_report_hearing', organ: '520102-party',
			  date: `${YEAR}-03-1${i}`, title } }), 201);
		pages.add(`/ledger/${id}`).add(`/ledger/${id}/edit`);
	}
	await ok(await as('nm-office', 'POST', '/api/v1/records/t-xss-0/reject',
	    { json: { note: field('record.note', 2000) } }));
	/* The marker last: a name is cut to what follows its last slash. */
	for (const [i, p] of CORPUS.slice(0, 12).entries()) {
		markers.push(`evidence.${i}`);
		await ok(await as('nm-clerk', 'POST', '/api/v1/records/t-xss-1/' +
		    'evidence', { body: pdfForm(`${p} XSS-evidence.${i}.pdf`) }),
		201);
	}

	/* Supervision: an inspection, a finding, an order with its notes and
	 * evidence, an interview held, a notice edited. */
	const insp = await ok(await as('inspector', 'POST', '/api/v1/inspections',
	    { json: { kind: 'special', title: field('inspection.title', 400),
		region: '520100', year: YEAR, starts: `${YEAR}-11-01`,
		ends: `${YEAR}-11-30`, focus: field('inspection.focus', 1000) } }),
	201);
	pages.add(`/supervision/inspections/${insp.id}`);
	const finding = await ok(await as('inspector', 'POST',
	    `/api/v1/inspections/${insp.id}/findings`, { json: {
		organ: '520102-party', person, duty: '5.1-hearings',
		severity: 'serious', description: field('finding.description') } }),
	201);
	const order = await ok(await as('nm-office', 'POST',
	    '/api/v1/rectifications', { json: { source: 'finding',
		finding: finding.id, requirement: field('order.requirement'),
		deadline: `${YEAR + 5}-12-31` } }), 201);
	const ourl = `/api/v1/rectifications/${order.id}`;
	pages.add(`/supervision/rectifications/${order.id}`);
	await ok(await as('nm-clerk', 'POST', `${ourl}/status`, { json:
	    { action: 'progress', note: field('order.progress') } }));
	markers.push('order.evidence');
	await ok(await as('nm-clerk', 'POST', `${ourl}/evidence`,
	    { body: pdfForm(`${CORPUS[1]} XSS-order.evidence.pdf`) }), 201);
	await ok(await as('nm-clerk', 'POST', `${ourl}/status`, { json:
	    { action: 'submit', report: field('order.report') } }));
	await ok(await as('nm-office', 'POST', `${ourl}/status`, { json:
	    { action: 'return', note: field('order.return') } }));
	const iv = await ok(await as('nm-office', 'POST', '/api/v1/interviews',
	    { json: { source: 'finding', finding: finding.id,
		reason: field('interview.reason'),
		scheduled_on: `${YEAR + 5}-02-01` } }), 201);
	await ok(await as('nm-office', 'POST', `/api/v1/interviews/${iv.id}/held`,
	    { json: { held_on: `${NEXT}-05-10`,
		interviewer: field('interview.interviewer', 200),
		summary: field('interview.summary') } }));
	const notice = await ok(await as('gy-office', 'POST', '/api/v1/notices',
	    { json: { kind: 'criticism', year: YEAR, region: '520100' } }), 201);
	await ok(await as('gy-office', 'PUT', `/api/v1/notices/${notice.id}`,
	    { json: { title: field('notice.title', 500),
		body: field('notice.body') } }));
	pages.add(`/supervision/notices/${notice.id}`);

	/* Accountability: a case from a report, moved on with a note. */
	const c = await ok(await as('discipline', 'POST', '/api/v1/cases',
	    { json: { target: 'cadre', person, organ: '520102-party', item: 3,
		source: 'report', source_ref: field('case.source_ref', 200),
		summary: field('case.summary') } }), 201);
	await ok(await as('discipline', 'POST', `/api/v1/cases/${c.id}/transition`,
	    { json: { to: 'investigating', note: field('case.note') } }));
	pages.add(`/accountability/${c.id}`);
	/* Another case to its statement stage, with a written waiver: its
	 * file name and note. */
	const w = await ok(await as('discipline', 'POST', '/api/v1/cases',
	    { json: { target: 'cadre', person, organ: '520102-party', item: 3,
		source: 'report', summary: field('case.summary2') } }), 201);
	for (const step of [{ to: 'investigating' },
	    { to: 'statement', investigation: field('case.investigation') }])
		await ok(await as('discipline', 'POST',
		    `/api/v1/cases/${w.id}/transition`, { json: step }));
	markers.push('waiver.0');
	const waiver = pdfForm(`${CORPUS[0]} XSS-waiver.0.pdf`);
	waiver.append('note', field('case.waiver_note', 2000));
	await ok(await as('discipline', 'POST', `/api/v1/cases/${w.id}/waiver`,
	    { body: waiver }), 201);
	pages.add(`/accountability/${w.id}`);

	/* Reports: a 述法 and an annual report, edited; the annual one
	 * published, so on the portal too. */
	const shufa = await ok(await as('nm-clerk', 'POST', '/api/v1/reports',
	    { json: { kind: 'shufa', year: YEAR, organ: '520102-party',
		person } }), 201);
	await ok(await as('nm-clerk', 'PUT', `/api/v1/reports/${shufa.id}`,
	    { json: { title: field('shufa.title', 400), sections: [
		{ title: field('shufa.heading', 400),
		  text: field('shufa.text') }] } }));
	pages.add(`/reports/${shufa.id}`);
	const annual = await ok(await as('nm-gov-clerk', 'POST',
	    '/api/v1/reports', { json: { kind: 'annual', year: YEAR,
		organ: '520102-gov' } }), 201);
	const sections = finished(annual.sections).map((s, i) => ({ title:
		s.title, text: i === 0 ? field('annual.text') : s.text }));
	sections[1].title = field('annual.heading', 400);
	await ok(await as('nm-gov-clerk', 'PUT', `/api/v1/reports/${annual.id}`,
	    { json: { title: field('annual.title', 400), sections } }));
	await ok(await as('nm-gov-leader', 'POST',
	    `/api/v1/reports/${annual.id}/sign`));
	await ok(await as('nm-office', 'POST', `/api/v1/reports/${annual.id}/lock`));
	await ok(await as('nm-office', 'POST',
	    `/api/v1/reports/${annual.id}/publish`,
	    { json: { published_on: `${NEXT}-05-10` } }));
	pages.add(`/reports/${annual.id}`).add(`/public/reports/${annual.id}`)
	    .add('/public/search?q=XSS');

	/* A score's comment. */
	await ok(await as('nm-office', 'PUT', '/api/v1/scores', { json: {
		person, year: YEAR, duty: '5.1-leadership', score: 60,
		comment: field('score.comment', 1000) } }));

	/* Registry names, by import while the server runs. */
	const dir = await mkdtemp(path.join(os.tmpdir(), 'lvzhi-xss-'));
	try {
		const file = path.join(dir, 'registry.jsonl');
		const lines = [];
		const regions = field('region.name', 250, true);
		const organs = field('organ.name', 250, true);
		const people = field('person.name', 250, true);
		for (const [i, name] of regions.entries()) {
			lines.push({ type: 'region', code: `52010299${i}`,
				level: 'township', parent: '520102', name });
			pages.add(`/registry/52010299${i}`);
		}
		for (const [i, name] of organs.entries()) {
			lines.push({ type: 'organ', id: `520102-xss${i}`,
				region: '520102', kind: 'department',
				parent_organ: '520102-gov', name });
			pages.add(`/organs/520102-xss${i}`);
		}
		for (const [i, name] of people.entries())
			lines.push({ type: 'person', id: `p-xss${i}`, name },
			    { type: 'tenure', id: `t-xss${i}`, person: `p-xss${i}`,
				organ: '520102-party', role: 'deputy',
				start: `${YEAR}-01-01`, end: null });
		await writeFile(file, lines.map((l) => JSON.stringify(l)).join('\n') +
		    '\n');
		const r = await run(['--db', srv.db, 'import', file]);
		assert.equal(r.code, 0, r.stderr);
	} finally {
		await rm(dir, { recursive: true, force: true });
	}

	/* Query strings the pages echo. */
	const q = encodeURIComponent(CORPUS.join(' '));
	for (const p of [`/public/search?q=${q}`, `/login?next=${q}`,
		`/ledger?from=${q}`, `/ledger?organ=${q}`,
		`/evaluation?year=${YEAR}&region=${q}`, `/accountability?state=${q}`,
		`/public/?region=${q}`, `/supervision?finding=${q}`])
		pages.add(p);
});

test('XSS: every field is shown on its pages, escaped, and nothing of the ' +
    'corpus is markup', { timeout: slow(120_000) }, async () => {
	const cookie = await browserLogin(srv, 'admin');
	const seen = new Set();
	const shownAt = {};
	for (const p of pages) {
		const r = await srv.api('GET', p, { cookie });
		assert.ok(r.status < 500, `${p}: ${r.status}`);
		if (r.type !== 'text/html')
			continue;
		assertInert(r.text, p);
		for (const m of markers)
			if (r.text.includes(`XSS-${m}`)) {
				seen.add(m);
				shownAt[m] ??= p;
			}
	}
	assert.deepEqual(markers.filter((m) => !seen.has(m)), [],
	    'fields shown on none of the pages');
	/* And shown as the text that was stored, not stripped: the first
	 * payload comes back escaped. */
	const r = await srv.api('GET', shownAt['finding.description.0'],
	    { cookie });
	assert.ok(r.text.includes(escaped(CORPUS[0])), 'escaped, not removed');
	/* Downloads name the hostile file safely. */
	const files = await as('admin', 'GET', '/api/v1/records/t-xss-1/evidence');
	for (const f of files.body.items) {
		const dl = await as('admin', 'GET', f.href);
		const cd = dl.headers.get('content-disposition') ?? '';
		const m = /^attachment; filename="([^"]*)"; filename\*=UTF-8''(\S*)$/
		    .exec(cd);
		assert.ok(m, cd);
		assert.match(m[1], /^[\w.-]+$/, cd);
		assert.match(m[2], /^[\w.%-]+$/, cd);
	}
});

test('XSS: in Chromium no payload runs and the CSP reports nothing, on ' +
    'every page; an inline script is blocked', { timeout: slow(300_000) },
async () => {
	const ctx = await browser.newContext({ baseURL: srv.base,
		locale: 'zh-CN' });
	try {
		await ctx.addInitScript(() => {
			window.__csp = [];
			document.addEventListener('securitypolicyviolation', (e) =>
			    window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
			for (const f of ['alert', 'confirm', 'prompt'])
				window[f] = () => { window.__xss = f; };
		});
		const page = await ctx.newPage();
		page.setDefaultTimeout(slow(30_000));
		const dialogs = [];
		page.on('dialog', (d) => {
			dialogs.push(d.message());
			d.dismiss().catch(() => {});
		});
		await page.goto('/login');
		await page.fill('input[name=username]', 'admin');
		await page.fill('input[name=password]', PASSWORD);
		await Promise.all([page.waitForURL((u) => u.pathname === '/'),
			page.click('button[type=submit]')]);
		for (const p of pages) {
			await page.goto(p);
			/* Focus and toggle handlers fire after load. */
			await page.waitForTimeout(50);
			const [xss, csp] = await page.evaluate(() => [window.__xss,
				window.__csp]);
			assert.equal(xss, undefined, `${p}: a payload ran (${xss})`);
			assert.deepEqual(csp, [], `${p}: CSP violations`);
		}
		assert.deepEqual(dialogs, [], 'no dialog opened');
		/* The policy itself: an inline script added to a page is refused
		 * and reported. */
		await page.goto('/ledger');
		const blocked = await page.evaluate(() => {
			const s = document.createElement('script');
			s.textContent = 'window.__inline = 1;';
			document.body.appendChild(s);
			return new Promise((resolve) => setTimeout(() =>
			    resolve([window.__inline, window.__csp]), 100));
		});
		assert.equal(blocked[0], undefined, 'an inline script ran');
		assert.ok(blocked[1].some((v) => /^script-src/.test(v)), blocked[1]);
	} finally {
		await ctx.close();
	}
});
