/*
 * Every page, as every role opens it, passes an accessibility check and
 * can be worked on a phone (issue 15, "Done when" and item 8).
 *
 * Each role's pages are found as a person finds them: the sections of
 * the navigation, and from each section the first link of every kind of
 * page it leads to (a record, an organ, an inspection, a case ...), two
 * steps deep, GET only. On each page:
 *
 *  - axe-core (the engine behind Lighthouse's and browsers' accessibility
 *    audits) runs its WCAG 2.1 A/AA rules; a finding of impact "serious"
 *    or "critical" fails the test, with the rule, the page and the
 *    element. Lesser findings are listed as diagnostics.
 *  - at 390×844 nothing asks for a sideways scroll to act: the page is
 *    no wider than the screen, and every control in it (link, button,
 *    field) lies within the screen, also inside a table's own scroller.
 */
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { test } from 'node:test';

import { OFFICE, PHONE, assertClean, goto, kit, login, newPage, shot,
	useBrowser } from './browser-kit.mjs';
import { YEAR, slow, useServer, walkPages } from './harness.mjs';

const require = createRequire(import.meta.url);
const AXE = await readFile(require.resolve('axe-core/axe.min.js'), 'utf8');

useBrowser(/^a11y-.*\.png$/);
kit.srv = useServer({ env: { LVZHI_TODAY: `${YEAR}-11-15` } });

/* The roles and how deep their pages are looked for. */
const ROLES = ['admin', 'gz-office', 'nm-office', 'nm-clerk', 'nm-leader',
	'inspector', 'discipline'];

/* The same-origin pages a page links to, GET, not files for download. */
async function links(page) {
	const base = new URL(page.url());
	const hrefs = await page.locator('header.top nav a[href], main a[href]')
	    .evaluateAll((as) => as.map((a) => a.getAttribute('href')));
	const out = [];
	for (const h of hrefs) {
		const u = new URL(h, base);
		if (u.origin !== base.origin || u.hash && u.pathname ===
		    base.pathname)
			continue;
		if (/\.(csv|xlsx|pdf|docx|json)$|\/pdf$|\/evidence\/|^\/api\//
		    .test(u.pathname) || u.pathname.startsWith('/static/'))
			continue;
		out.push(u.pathname + u.search);
	}
	return out;
}

/* axe-core's findings of impact serious or critical, and the others. */
async function audit(page) {
	/* Evaluated through the debugging protocol: the pages' Content
	 * Security Policy (script-src 'self') does not apply to it, and
	 * the pages stay as served. */
	if (await page.evaluate(() => typeof window.axe) !== 'object')
		await page.evaluate(AXE);
	const r = await page.evaluate(() => window.axe.run(document, {
		runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa',
			'wcag21a', 'wcag21aa'] },
		resultTypes: ['violations'],
	}));
	const serious = [];
	const minor = [];
	for (const v of r.violations) {
		const where = v.nodes.slice(0, 3).map((n) => n.target.join(' '))
		    .join(' | ');
		const line = `${v.id} (${v.impact}, ${v.nodes.length}×): ` +
		    `${v.help} — ${where}`;
		(['serious', 'critical'].includes(v.impact) ? serious : minor)
		    .push(line);
	}
	return { serious, minor };
}

/* What on a phone lies outside the screen: the page's own width, and
 * every visible control of main that would need a sideways scroll. */
function offscreen(page) {
	return page.evaluate(() => {
		const w = document.documentElement.clientWidth;
		const out = [];
		if (document.documentElement.scrollWidth > w)
			out.push(`page ${document.documentElement.scrollWidth}px ` +
			    `wide in ${w}px`);
		const ctl = document.querySelectorAll('main a[href], main button, ' +
		    'main input:not([type=hidden]), main select, main textarea, ' +
		    'main summary');
		for (const e of ctl) {
			const r = e.getBoundingClientRect();
			if (r.width === 0 && r.height === 0)
				continue;
			const s = getComputedStyle(e);
			if (s.visibility === 'hidden')
				continue;
			if (r.left < -1 || r.right > w + 1) {
				const what = (e.innerText || e.getAttribute('aria-label') ||
				    e.name || e.tagName).trim().slice(0, 30);
				out.push(`${e.tagName.toLowerCase()} "${what}" at ` +
				    `${Math.round(r.left)}–${Math.round(r.right)}px`);
			}
		}
		return out.slice(0, 8);
	});
}

/* A role's pages: the navigation's sections, then one page of each kind
 * they link to, then one of each kind those link to. */
function pagesOf(page) {
	return walkPages(['/'], async (p) => {
		const res = await page.goto(p);
		if (res === null || res.status() !== 200 ||
		    !(res.headers()['content-type'] ?? '').startsWith('text/html'))
			return null;
		return links(page);
	});
}

for (const role of ROLES) {
	test(`every page of ${role} passes axe-core and works on a phone`,
	    { timeout: slow(600_000) }, async (t) => {
		const page = await newPage(OFFICE);
		await login(page, role);
		const pages = await pagesOf(page);
		assert.ok(pages.length >= 5, `${role}: only ${pages.join(' ')}`);
		const serious = [];
		const phone = [];
		for (const p of pages) {
			await goto(page, p);
			const a = await audit(page);
			serious.push(...a.serious.map((s) => `${p}: ${s}`));
			for (const m of a.minor)
				t.diagnostic(`${p}: ${m}`);
		}
		await page.setViewportSize(PHONE);
		for (const p of pages) {
			await goto(page, p);
			for (const o of await offscreen(page))
				phone.push(`${p}: ${o}`);
			if (p === '/')
				await shot(page, `a11y-${role}-home-phone`);
		}
		t.diagnostic(`${pages.length} pages: ${pages.join(' ')}`);
		for (const p of phone)
			t.diagnostic(`phone: ${p}`);
		assertClean(page, role);
		await page.context().close();
		assert.deepEqual(serious, [], `${role}: serious accessibility findings`);
		assert.deepEqual(phone, [], `${role}: needs a sideways scroll on a phone`);
	});
}
