/*
 * What the browser tests share: Debian's chromium driven by playwright-core
 * (no browser download: /usr/bin/chromium from the chromium package, fonts
 * from fonts-noto-cjk), pages that collect console errors, uncaught
 * exceptions and CSP violations, logging in through the form, and
 * screenshots into test-artifacts/ at the repository root (git-ignored;
 * CI keeps them as artifacts).
 *
 *   import { kit, useBrowser, as, goto, shot } from './browser-kit.mjs';
 *   useBrowser(/^cycle-.*\.png$/);   // before(): launch; after(): close
 *   kit.srv = useServer({ ... });     // after useBrowser: see there
 */
import assert from 'node:assert/strict';
import { constants } from 'node:fs';
import { access, mkdir, mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';

import { chromium } from 'playwright-core';

import { PASSWORD, REPO, slow } from './harness.mjs';

export const CHROMIUM = process.env.LVZHI_CHROMIUM || '/usr/bin/chromium';
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu',
	'--disable-quic', '--no-first-run', '--disable-background-networking',
	'--disable-component-update', '--disable-sync'];
export const OFFICE = { width: 1366, height: 768 };
export const PHONE = { width: 390, height: 844 };
export const ARTIFACTS = path.join(REPO, 'test-artifacts');

/*
 * The shared state: the server (set by the test file), the browser, its
 * contexts, tmp (a directory for files to upload and the browser's
 * downloads) and the sessions logged in so far: a later page of the same
 * account starts with its cookie (a login costs the server a password
 * hash).
 */
export const kit = {
	srv: null,
	browser: null,
	tmp: null,
	contexts: [],
	sessions: new Map(),
};

/*
 * Launches the browser before the tests and closes it after them. Call it
 * before useServer(), so that the browser is gone (its connections closed)
 * when the server is stopped and checked for a clean exit. Screenshots of
 * an earlier run whose names match stale are removed first: they would
 * pass for this run's.
 */
export function useBrowser(stale) {
	before(async () => {
		await mkdir(ARTIFACTS, { recursive: true });
		for (const f of await readdir(ARTIFACTS))
			if (stale.test(f))
				await rm(path.join(ARTIFACTS, f), { force: true });
		await access(CHROMIUM, constants.X_OK).catch(() => {
			throw new Error(`no browser at ${CHROMIUM}: install Debian's ` +
			    'chromium and fonts-noto-cjk (sh scripts/deps.sh)');
		});
		kit.tmp = await mkdtemp(path.join(os.tmpdir(), 'lvzhi-browser-'));
		/* A fresh temporary profile (user-data dir) comes with launch(). */
		kit.browser = await chromium.launch({ executablePath: CHROMIUM,
			headless: true, args: ARGS, downloadsPath: kit.tmp,
			timeout: slow(30_000) });
	}, { timeout: slow(60_000) });

	after(async () => {
		try {
			for (const c of kit.contexts)
				await c.close().catch(() => {});
			await kit.browser?.close();
		} finally {
			if (kit.tmp !== null)
				await rm(kit.tmp, { recursive: true, force: true });
		}
	});
}


/*
 * A fresh browser context (its own cookies; more: other context options)
 * with one page whose console errors, uncaught exceptions and CSP
 * violations are collected in page.problems. A navigation that was
 * expected to answer an error status makes Chromium log "Failed to load
 * resource: ... status of N"; goto() removes exactly that line.
 */
export async function newPage(viewport = OFFICE, more = {}) {
	const ctx = await kit.browser.newContext({ baseURL: kit.srv.base,
		viewport,
		locale: 'zh-CN', timezoneId: 'Asia/Shanghai', acceptDownloads: true,
		...more });
	kit.contexts.push(ctx);
	await ctx.addInitScript(() => {
		document.addEventListener('securitypolicyviolation', (e) => {
			console.error(`CSP violation: ${e.violatedDirective} ` +
			    `${e.blockedURI}`);
		});
	});
	const page = await ctx.newPage();
	page.setDefaultTimeout(slow(30_000));
	page.problems = [];
	page.faviconMisses = [];
	/* The confirmations the pages ask before an irreversible step
	 * (data-confirm): each is kept in page.confirms and answered with
	 * page.confirmAnswer (default yes); any other dialog is a problem. */
	page.confirms = [];
	page.confirmAnswer = true;
	page.on('dialog', (d) => {
		if (d.type() !== 'confirm') {
			page.problems.push({ text: `${d.type()}: ${d.message()}`,
			    url: page.url() });
			d.dismiss().catch(() => {});
			return;
		}
		page.confirms.push(d.message());
		(page.confirmAnswer ? d.accept() : d.dismiss()).catch(() => {});
	});
	page.on('console', (m) => {
		if (m.type() !== 'error')
			return;
		/* Pages say they have no icon (layout.c); a page that does not
		 * makes Chromium ask for /favicon.ico: noted, not a failure. */
		if (/\/favicon\.ico$/.test(m.location().url) &&
		    m.text().includes('status of 404'))
			page.faviconMisses.push(page.url());
		else
			page.problems.push({ text: m.text(), url: m.location().url });
	});
	page.on('pageerror', (e) => page.problems.push({ text:
	    `uncaught: ${e.message}`, url: page.url() }));
	return page;
}

/* Navigates; asserts the status; returns the response. */
export async function goto(page, p, status = 200) {
	const res = await page.goto(p);
	assert.ok(res, p);
	assert.equal(res.status(), status, `${p}: ${res.status()}`);
	if (status >= 400)
		dropStatusLine(page, status);
	return res;
}

export function dropStatusLine(page, status) {
	const line = `Failed to load resource: the server responded with a ` +
	    `status of ${status}`;
	page.problems = page.problems.filter((x) => !(x.text.startsWith(line) &&
	    x.url === page.url()));
}

export function assertClean(page, what) {
	assert.deepEqual(page.problems, [], `${what}: console errors, ` +
	    `exceptions or CSP violations`);
}

/* Clicks what causes a navigation and waits for its load at a URL that
 * url accepts (one the page is not at already). */
export async function clickAndWait(page, locator, url) {
	await Promise.all([page.waitForURL(url ?? (() => true),
	    { waitUntil: 'load' }), locator.click()]);
}

/* Clicks a form's button and waits for the page it leads to (as
 * clickAndWait), which must not be an error: a refused form comes back
 * with 4xx, its main text in the failure. */
export async function submitOk(page, button, url) {
	const statuses = [];
	const seen = (res) => {
		if (res.request().isNavigationRequest() &&
		    res.frame() === page.mainFrame())
			statuses.push(res.status());
	};
	page.on('response', seen);
	try {
		await clickAndWait(page, button, url);
	} finally {
		page.off('response', seen);
	}
	if (statuses.some((x) => x >= 400))
		assert.fail(`${page.url()} answered ${statuses}: ` +
		    (await page.locator('main').innerText()).slice(0, 500));
}

export async function shot(page, name) {
	await page.screenshot({ path: path.join(ARTIFACTS, `${name}.png`),
		fullPage: true });
}

/* Logs in through the form, as a person does: a page (from) sends to
 * /login, which sends back there. */
export async function login(page, name, from = '/') {
	await goto(page, from);
	const at = new URL(page.url());
	assert.equal(at.pathname, '/login');
	assert.equal(at.searchParams.get('next'), from);
	await page.getByLabel('用户名').fill(name);
	await page.getByLabel('密码').fill(PASSWORD);
	await clickAndWait(page, page.getByRole('button', { name: '登录' }),
	    (u) => u.pathname === from);
	await assertNav(page);
	kit.sessions.set(name, await page.context().storageState());
}

/* A page of name's, at from: logged in through the form the first time,
 * with the session after that. */
export async function as(name, from = '/') {
	const session = kit.sessions.get(name);
	if (session === undefined) {
		const page = await newPage();
		await login(page, name, from);
		return page;
	}
	const page = await newPage(OFFICE, { storageState: session });
	await goto(page, from);
	await assertNav(page);
	return page;
}

/* The page has the navigation, in Chinese; on a phone behind the menu
 * button, which opens it with every section inside the screen. */
export async function assertNav(page) {
	const nav = page.locator('header.top nav');
	assert.equal(await nav.count(), 1, `${page.url()}: no navigation`);
	const menu = page.locator('header.top .menu');
	const width = page.viewportSize().width;
	if (width <= 720) {
		assert.ok(await menu.isVisible(), `${page.url()}: no menu button`);
		assert.equal(await nav.isVisible(), false,
		    `${page.url()}: the sections show before the menu opens`);
		await menu.click();
		assert.equal(await menu.getAttribute('aria-expanded'), 'true');
		for (const a of await nav.getByRole('link').all()) {
			const box = await a.boundingBox();
			assert.ok(box !== null && box.x >= 0 &&
			    box.x + box.width <= width, `${page.url()}: ` +
			    `${await a.innerText()} outside the phone's screen`);
		}
	} else {
		assert.equal(await menu.isVisible(), false,
		    `${page.url()}: a menu button on an office screen`);
	}
	assert.ok(await nav.getByRole('link', { name: '履职台账' }).isVisible(),
	    `${page.url()}: nav 履职台账 not visible`);
}

export function navLink(page, label) {
	return page.locator('header.top nav').getByRole('link', { name: label,
		exact: true });
}

/* The font Chromium actually drew an element's text with. */
export async function fontsOf(page, selector) {
	const cdp = await page.context().newCDPSession(page);
	try {
		await cdp.send('DOM.enable');
		await cdp.send('CSS.enable');
		const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
		const { nodeId } = await cdp.send('DOM.querySelector',
		    { nodeId: root.nodeId, selector });
		assert.ok(nodeId, `${selector} not found`);
		const { fonts } = await cdp.send('CSS.getPlatformFontsForNode',
		    { nodeId });
		return fonts.map((f) => f.familyName);
	} finally {
		await cdp.detach();
	}
}

/* Whether the document is wider than the window (a horizontal scroll of
 * the whole page, not of a table inside its own scroller). */
export function overflow(page) {
	return page.evaluate(() => {
		const w = document.documentElement.clientWidth;
		const scroll = document.documentElement.scrollWidth;
		const wide = [];
		/* What sticks out, when something does (a walk over a large
		 * page's every element takes seconds). */
		for (const el of scroll > w ? document.querySelectorAll('body *') :
		    []) {
			const r = el.getBoundingClientRect();
			if (r.width > 0 && r.right > w + 1 &&
			    !el.closest('.table-wrap, header nav'))
				wide.push(`${el.tagName.toLowerCase()}${el.className ?
				    '.' + String(el.className).replace(/ /g, '.') : ''} ` +
				    `${Math.round(r.right)}px`);
		}
		return { scroll, width: w, wide: wide.slice(0, 5) };
	});
}

/* A small valid PDF: one page saying text, with a correct xref. */
export function tinyPdf(text) {
	const stream = `BT /F1 12 Tf 20 50 Td (${text}) Tj ET`;
	const objs = [
		'<< /Type /Catalog /Pages 2 0 R >>',
		'<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
		'<< /Type /Page /Parent 2 0 R /MediaBox [0 0 300 100] ' +
		    '/Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
		`<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
		'<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
	];
	let out = '%PDF-1.4\n';
	const at = [];
	objs.forEach((o, i) => {
		at.push(out.length);
		out += `${i + 1} 0 obj\n${o}\nendobj\n`;
	});
	const xref = out.length;
	out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
	for (const o of at)
		out += `${String(o).padStart(10, '0')} 00000 n \n`;
	out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\n` +
	    `startxref\n${xref}\n%%EOF\n`;
	return Buffer.from(out, 'latin1');
}

