/*
 * The pages in a real browser: Debian's chromium, headless, driven by
 * playwright-core (no browser download: /usr/bin/chromium from the
 * chromium package; fonts from fonts-noto-cjk). One demo province
 * behind the server, "today" fixed at 2025-11-15 (LVZHI_TODAY), and the
 * scenarios in order, each building on the one before:
 *
 *   1. a clerk records a lecture and its evidence; the duty's count rises
 *   2. the county office verifies it, finds it in the evaluation, scores
 *      a qualitative duty, downloads CSV and XLSX
 *   3. another county's clerk can neither see nor edit it
 *   4. every page for every role: no server error, no script error, no
 *      CSP violation, the CJK font; office and phone screen sizes
 *   5. the audit log shows what 1 and 2 did, the chain intact
 *
 * Full-page screenshots of the key steps go to test-artifacts/ at the
 * repository root (git-ignored; CI keeps them as artifacts). The browser
 * and the page helpers are browser-kit.mjs's.
 */
import assert from 'node:assert/strict';
import { createHash, getHashes } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';

import { OFFICE, PHONE, as, assertClean, assertNav, clickAndWait,
	dropStatusLine, fontsOf, goto, kit, navLink, newPage, overflow, shot,
	tinyPdf, useBrowser } from './browser-kit.mjs';
import { PASSWORD, YEAR, accountLabel, slow, useServer } from './harness.mjs';

const TODAY = `${YEAR}-11-15`;

/* What the scenarios hand on to each other. */
const state = {
	id: null,          /* the lecture record scenario 1 creates */
	title: `法治专题讲座(浏览器测试 ${process.pid})`,
	organ: null,       /* 中共南明区委员会, as the pages name it */
	lectures: null,    /* 5.6-lectures: actual count before the record */
	sm3: null,
	facts: null,       /* the record's facts as nm-office saw them */
};

useBrowser(/^0[1-5]-.*\.png$/);
/* After the browser's hooks, so that the browser is gone (its connections
 * closed) when the server is stopped and checked for a clean exit. */
kit.srv = useServer({ env: { LVZHI_TODAY: TODAY } });

/*
 * On /evaluation: the one leader row group of organ (by name) as its
 * principal, with its duty details opened. Returns the tbody locator.
 */
async function openLeader(page, organName) {
	const leader = page.locator('table.eval tbody.leader').filter({
		has: page.locator('tr').first().locator('td:nth-child(2)', {
			hasText: new RegExp(`^${organName}$`) }),
	}).filter({ hasText: '党委主要负责人' });
	assert.equal(await leader.count(), 1, `one principal of ${organName}`);
	const details = leader.locator('details');
	if (await details.getAttribute('open') === null)
		await details.locator('summary').click();
	await leader.locator('table.duty').waitFor();
	return leader;
}

/* A duty's row in an opened leader: { required, actual, evidence[] }
 * (the column says 应有 / 实有). */
async function dutyRow(leader, duty) {
	assert.match(await leader.locator('table.duty thead').innerText(),
	    /应有 \/ 实有/);
	const row = leader.locator('table.duty tbody tr').filter({
		has: leader.page().locator(`a[href="/catalog#rule-${duty}"]`) });
	assert.equal(await row.count(), 1, duty);
	const num = (await row.locator('td.num').innerText()).trim();
	const m = /^(\d+) \/ (\d+)$/.exec(num);
	assert.ok(m, `${duty}: counts "${num}"`);
	return {
		row,
		required: Number(m[1]),
		actual: Number(m[2]),
		/* The records linked (their ids in the links, not shown:
		 * the links read 记录1, 记录2, ...). */
		evidence: (await row.locator('td.ev a').evaluateAll((as) =>
		    as.map((a) => a.getAttribute('href'))))
		    .map((h) => decodeURIComponent(h.replace(/^\/ledger\//, ''))),
	};
}

/* /evaluation for the year through the page's own year select (app.js
 * submits the filter form on change). */
async function evaluationYear(page, year) {
	await clickAndWait(page, navLink(page, '年度考评'),
	    (u) => u.pathname === '/evaluation');
	await Promise.all([
		page.waitForURL((u) => u.searchParams.get('year') === String(year),
		    { waitUntil: 'load' }),
		page.locator('form.filters select[name=year]')
		    .selectOption(String(year)),
	]);
	assert.match(await page.locator('section.summary h2').innerText(),
	    new RegExp(`^${year} 年度`));
}

/* ---- 1 ---- */

test('1. a clerk records a lecture with evidence; the duty\'s count rises',
    { timeout: slow(180_000) }, async () => {
	const page = await newPage();
	await goto(page, '/');
	await shot(page, '01-clerk-login');
	await page.getByLabel('用户名').fill('nm-clerk');
	await page.getByLabel('密码').fill(PASSWORD);
	await clickAndWait(page, page.getByRole('button', { name: '登录' }),
	    (u) => u.pathname === '/');
	await assertNav(page);
	assert.match(await page.locator('.who').innerText(), /nm-clerk/);
	kit.sessions.set('nm-clerk', await page.context().storageState());

	/* 首页: this year is 2025, the clerk's scope is their party
	 * committee; 5.6-lectures is one of the measured duties. The table
	 * only tallies met and unmet leaders, so the count itself is read on
	 * /evaluation below. */
	const h1 = page.locator('main h1');
	assert.match(await h1.innerText(), new RegExp(`^${YEAR} 年度履职进度`));
	state.organ = (await h1.locator('.muted').innerText()).trim();
	assert.equal(state.organ, '中共南明区委员会');
	const lectureRow = page.locator('main table tbody tr', {
		hasText: '每年至少举办2次法治专题讲座' });
	assert.equal(await lectureRow.count(), 1);
	assert.match(await lectureRow.innerText(), /第五条第\(六\)项/);
	const waitingCard = page.locator('section.card', { hasText: '待审核记录' })
	    .locator('.stat');
	const waitingBefore = Number(await waitingCard.innerText());
	assert.ok(Number.isInteger(waitingBefore), 'a count of records waiting');
	await shot(page, '01-clerk-dashboard');

	/* The count before, on /evaluation for 2025. */
	await evaluationYear(page, YEAR);
	let leader = await openLeader(page, state.organ);
	const before = await dutyRow(leader, '5.6-lectures');
	assert.equal(before.required, 2, 'at least 2 lectures a year');
	state.lectures = before.actual;
	await shot(page, '01-clerk-evaluation-before');

	/* 履职台账 → 新增记录. */
	await clickAndWait(page, navLink(page, '履职台账'),
	    (u) => u.pathname === '/ledger');
	await clickAndWait(page, page.getByRole('link', { name: '新增记录' }),
	    (u) => u.pathname === '/ledger/new');
	const form = page.locator('main form.card');
	assert.equal(await form.locator('select[name=organ]').inputValue(),
	    '520102-party', 'the clerk\'s own organ is preselected');
	await form.locator('select[name=kind]').selectOption('rol_lecture');
	assert.equal(await form.locator('select[name=kind] option:checked')
	    .innerText(), '法治专题讲座');
	await form.locator('input[name=date]').fill(`${YEAR}-11-10`);
	await form.locator('input[name=title]').fill(state.title);
	await shot(page, '01-clerk-new-record');
	await clickAndWait(page, form.getByRole('button', { name: '保存' }),
	    (u) => u.searchParams.get('ok') === 'created');
	const url = new URL(page.url());
	assert.equal(url.searchParams.get('ok'), 'created');
	state.id = decodeURIComponent(url.pathname.split('/')[2]);
	assert.match(state.id, /^r-\d{8}-[0-9a-f]{8}$/);
	assert.equal(await page.locator('main h1').innerText(), state.title);
	assert.equal(await page.getByRole('status').innerText(),
	    '记录已保存,等待审核。');
	const facts = page.locator('dl.facts');
	assert.match(await facts.innerText(), /法治专题讲座/);
	assert.match(await facts.innerText(), /待审核/);
	assert.match(await facts.innerText(), new RegExp(`${YEAR}年11月10日`));
	await shot(page, '01-clerk-record');

	/* Evidence: a real PDF file through the upload form. */
	const pdf = tinyPdf('lvzhi browser test');
	const file = path.join(kit.tmp, '讲座通知.pdf');
	await writeFile(file, pdf);
	const upload = page.locator('form[enctype="multipart/form-data"]');
	await upload.locator('input[name=file]').setInputFiles(file);
	await upload.locator('input[name=evidence_date]').fill(`${YEAR}-11-10`);
	await clickAndWait(page, upload.getByRole('button', { name: '上传',
		exact: true }),
	    (u) => u.searchParams.get('ok') === 'uploaded');
	assert.equal(await page.getByRole('status').innerText(),
	    '佐证材料已上传。');
	const ev = page.locator('section.card', { hasText: '佐证材料' })
	    .locator('table tbody tr');
	assert.equal(await ev.count(), 1);
	const cells = await ev.locator('td').allInnerTexts();
	assert.equal(cells[0], '讲座通知.pdf');
	assert.equal(cells[1], 'PDF');
	assert.equal(cells[2], `${pdf.length} B`);
	assert.equal(cells[3], `${YEAR}年11月10日`);
	/* The uploader as a person and post, not the login name. */
	assert.equal(cells[4], await accountLabel(kit.srv, 'nm-clerk'));
	const sm3 = await ev.locator('code').getAttribute('title');
	assert.match(sm3, /^[0-9a-f]{64}$/);
	if (getHashes().includes('sm3'))
		assert.equal(sm3, createHash('sm3').update(pdf).digest('hex'));
	assert.equal(cells[6], `${sm3.slice(0, 12)}…`);
	state.sm3 = sm3;
	/* The link downloads the same bytes. */
	const [dl] = await Promise.all([page.waitForEvent('download'),
		ev.getByRole('link', { name: '讲座通知.pdf' }).click()]);
	assert.ok((await readFile(await dl.path())).equals(pdf));
	await shot(page, '01-clerk-evidence');

	/* The count went up by one, and the record is its evidence. */
	await evaluationYear(page, YEAR);
	leader = await openLeader(page, state.organ);
	const now = await dutyRow(leader, '5.6-lectures');
	assert.equal(now.actual, state.lectures + 1, 'one more lecture');
	assert.ok(now.evidence.includes(state.id), now.evidence.join(' '));
	assert.match(await now.row.innerText(),
	    new RegExp(`法治专题讲座 ${state.lectures + 1} 次`));
	await shot(page, '01-clerk-evaluation-after');
	/* And 首页 counts one more record waiting for review. */
	await clickAndWait(page, navLink(page, '首页'), (u) => u.pathname === '/');
	assert.equal(Number(await waitingCard.innerText()), waitingBefore + 1);
	await shot(page, '01-clerk-dashboard-after');
	assertClean(page, 'scenario 1');
});

/* ---- 2 ---- */

test('2. the county office verifies it, sees it in the evaluation, ' +
    'scores, downloads', { timeout: slow(180_000) }, async () => {
	assert.ok(state.id, 'scenario 1 created the record');
	const page = await as('nm-office');
	/* Only the provincial office and admin read the audit log. */
	assert.equal(await navLink(page, '审计日志').count(), 0,
	    'no 审计日志 link for a county office');

	/* 履职台账, status 待审核 (the select submits by itself). */
	await clickAndWait(page, navLink(page, '履职台账'),
	    (u) => u.pathname === '/ledger');
	await Promise.all([
		page.waitForURL((u) => u.searchParams.get('status') === 'submitted',
		    { waitUntil: 'load' }),
		page.locator('form.filters select[name=status]')
		    .selectOption('submitted'),
	]);
	const rows = page.locator('main table tbody tr');
	assert.ok(await rows.count() > 0);
	for (const tag of await rows.locator('.tag').allInnerTexts())
		assert.equal(tag, '待审核');
	/* Narrowed to the title, should the list run over pages. */
	await page.locator('form.filters input[name=q]').fill(state.title);
	await clickAndWait(page, page.getByRole('button', { name: '筛选' }),
	    (u) => u.searchParams.get('q') === state.title &&
	    u.searchParams.get('status') === 'submitted');
	assert.equal(await rows.count(), 1);
	assert.match(await page.locator('main .actions .muted').innerText(),
	    /共 1 条记录/);
	await shot(page, '02-office-pending');
	await clickAndWait(page, rows.getByRole('link', { name: state.title }),
	    (u) => u.pathname === `/ledger/${state.id}`);

	/* 核实. */
	assert.match(await page.locator('dl.facts').innerText(), /待审核/);
	await clickAndWait(page, page.getByRole('button', { name: '核实' }),
	    (u) => u.searchParams.get('ok') === 'verified');
	assert.equal(await page.getByRole('status').innerText(), '记录已核实。');
	const status = page.locator('dl.facts .tag');
	assert.equal(await status.innerText(), '已核实');
	assert.ok((await page.locator('dl.facts').innerText()).includes(
	    `审核人 ${await accountLabel(kit.srv, 'nm-office')} · `));
	state.facts = await page.locator('dl.facts').innerText();
	await shot(page, '02-office-verified');

	/* 年度考评 2025, region 520102: the office's own, preselected, so
	 * the year's change submits it too. */
	await evaluationYear(page, YEAR);
	assert.equal(new URL(page.url()).searchParams.get('region'), '520102');
	assert.equal(await page.locator('form.filters select[name=region]')
	    .inputValue(), '520102');
	assert.match(await page.locator('section.summary h2').innerText(),
	    /南明区/);
	let leader = await openLeader(page, state.organ);
	const lectures = await dutyRow(leader, '5.6-lectures');
	assert.equal(lectures.actual, state.lectures + 1);
	assert.ok(lectures.evidence.includes(state.id),
	    lectures.evidence.join(' '));
	const link = lectures.row.locator(`td.ev a[href="/ledger/${state.id}"]`);
	assert.match(await link.innerText(), /^记录\d+$/);
	await shot(page, '02-office-evaluation');

	/* Score a qualitative duty through its form. */
	const duty = '5.1-leadership';
	const scoreCell = leader.locator('tr').first().locator('td.num');
	const totalBefore = await scoreCell.innerText();
	let row = leader.locator('table.duty tbody tr').filter({
		has: page.locator(`a[href="/catalog#rule-${duty}"]`) });
	const form = row.locator('form.score');
	await form.locator('input[name=score]').fill('66.5');
	await form.locator('input[name=comment]').fill('浏览器测试评分');
	/* Saved in place (app.js); the page drawn again shows it. */
	await form.getByRole('button').click();
	await form.locator('.score-msg.ok').waitFor();
	assert.equal(await form.locator('.score-msg').innerText(),
	    '已保存:66.5 分');
	await page.reload();
	const back = new URL(page.url());
	assert.equal(back.searchParams.get('year'), String(YEAR));
	assert.equal(back.searchParams.get('region'), '520102');
	leader = await openLeader(page, state.organ);
	row = leader.locator('table.duty tbody tr').filter({
		has: page.locator(`a[href="/catalog#rule-${duty}"]`) });
	assert.match(await row.innerText(), /评分 66\.5 分/);
	assert.match(await row.innerText(), /浏览器测试评分/);
	assert.equal(await row.locator('input[name=score]').inputValue(),
	    '66.5');
	assert.notEqual(await leader.locator('tr').first().locator('td.num')
	    .innerText(), totalBefore, 'the total follows the score');
	await shot(page, '02-office-scored');

	/* The downloads: in the browser, and their answers' headers. */
	const exports = [
		['导出 CSV', 'text/csv; charset=utf-8', `考评-${YEAR}.csv`],
		['导出 Excel', 'application/vnd.openxmlformats-officedocument.' +
		    'spreadsheetml.sheet', `考评-${YEAR}.xlsx`],
	];
	for (const [label, type, name] of exports) {
		const a = page.getByRole('link', { name: label });
		const href = await a.getAttribute('href');
		assert.match(href, new RegExp(`year=${YEAR}&region=520102$`));
		const [dl] = await Promise.all([page.waitForEvent('download'),
			a.click()]);
		assert.equal(dl.suggestedFilename(), name);
		const bytes = await readFile(await dl.path());
		assert.ok(bytes.length > 0, `${label}: empty`);
		const res = await page.context().request.get(href);
		assert.equal(res.status(), 200);
		assert.equal(res.headers()['content-type'], type);
		assert.match(res.headers()['content-disposition'] ?? '',
		    /^attachment/);
		const body = await res.body();
		assert.ok(body.length > 0);
		if (name.endsWith('.xlsx')) {
			assert.equal(bytes.subarray(0, 2).toString('latin1'), 'PK');
			assert.equal(body.subarray(0, 2).toString('latin1'), 'PK');
		} else {
			const text = bytes.toString('utf8');
			assert.ok(text.startsWith('\uFEFF'), 'CSV with a BOM');
			assert.match(text, new RegExp(state.organ));
			/* For people: Chinese headers, the party committee's
			 * leader by name, no codes (the duties and their records
			 * are in the workbook's second sheet and the API). */
			const lines = text.slice(1).split('\r\n');
			assert.match(lines[0], /^地区,机构,姓名,/);
			assert.ok(lines.some((l) => l.includes(`,${state.organ},`)),
			    'the party committee\'s row');
			assert.doesNotMatch(text, /520102-party|\bp-\d/);
			assert.ok(body.equals(bytes), 'the same CSV both ways');
		}
	}
	assertClean(page, 'scenario 2');
});

/* ---- 3 ---- */

test('3. another county\'s clerk neither sees nor edits the record',
    { timeout: slow(120_000) }, async () => {
	assert.ok(state.id && state.facts, 'scenarios 1 and 2 ran');
	const page = await as('yy-clerk');
	const enc = encodeURIComponent(state.id);

	await clickAndWait(page, navLink(page, '履职台账'),
	    (u) => u.pathname === '/ledger');
	assert.equal(await page.locator(`a[href="/ledger/${enc}"]`).count(), 0);
	for (const organ of await page.locator('main table tbody tr')
	    .locator('td:nth-child(2)').allInnerTexts())
		assert.equal(organ, '中共云岩区委员会');
	await goto(page, `/ledger?q=${encodeURIComponent(state.title)}`);
	assert.match(await page.locator('main').innerText(), /没有符合条件的记录/);
	await shot(page, '03-yy-ledger');

	await goto(page, `/ledger/${enc}`, 404);
	assert.equal(await page.locator('main h1').innerText(), '未找到');
	assert.doesNotMatch(await page.content(), new RegExp(state.title
	    .replace(/[()]/g, '\\$&')));
	await shot(page, '03-yy-record-404');
	await goto(page, `/ledger/${enc}/edit`, 404);

	/* 新增记录 offers their own organ only; its form has their token. */
	await goto(page, '/ledger/new');
	const organs = await page.locator('select[name=organ] option')
	    .evaluateAll((os) => os.map((o) => o.value).filter(Boolean));
	assert.deepEqual(organs, ['520103-party']);
	await shot(page, '03-yy-new-record');
	const csrf = await page.locator('input[name=_csrf]').first()
	    .inputValue();
	assert.match(csrf, /^[0-9a-f]{64}$/);

	/* An edit posted from their own page with that token. */
	const [res] = await Promise.all([
		page.waitForResponse((x) => x.request().method() === 'POST' &&
		    new URL(x.url()).pathname === `/ledger/${enc}`),
		page.waitForURL((u) => u.pathname === `/ledger/${enc}`,
		    { waitUntil: 'load' }),
		page.evaluate(({ id, csrf }) => {
			const f = document.createElement('form');
			f.method = 'post';
			f.action = `/ledger/${encodeURIComponent(id)}`;
			const fields = { _csrf: csrf, organ: '520103-party',
				kind: 'rol_lecture', date: '2025-11-11',
				title: '越权修改' };
			for (const [name, value] of Object.entries(fields)) {
				const i = document.createElement('input');
				i.type = 'hidden';
				i.name = name;
				i.value = value;
				f.append(i);
			}
			document.body.append(f);
			f.submit();
		}, { id: state.id, csrf }),
	]);
	assert.ok([403, 404].includes(res.status()), `edit: ${res.status()}`);
	dropStatusLine(page, res.status());
	/* Refused for the record, not for the token (表单已过期). */
	assert.match(await page.locator('main h1').innerText(), /^(未找到|无权访问)$/);
	await shot(page, '03-yy-edit-refused');
	assertClean(page, 'scenario 3 (yy-clerk)');

	/* Unchanged, as the county office sees it. */
	const office = await as('nm-office', `/ledger/${enc}`);
	assert.equal(await office.locator('main h1').innerText(), state.title);
	assert.equal(await office.locator('dl.facts').innerText(), state.facts);
	assertClean(office, 'scenario 3 (nm-office)');
});

/* ---- 4 ---- */

const PAGES = ['/registry', '/', '/ledger', '/catalog', '/evaluation',
	'/audit'];
const ROLES = {
	admin: { audit: 200 },
	'gz-office': { audit: 200 },
	'nm-clerk': { audit: 403 },
	'nm-leader': { audit: 403 },
	inspector: { audit: 403 },
};

/* One role's round: every page at 1366×768, 首页 and 履职台账 also at
 * 390×844 (a phone). Pages wider than the screen go to findings, what
 * looks wrong but fails nothing to notes. */
async function round(name, audit, findings, notes) {
	/* Logged in from a cheap page: the dashboard is loaded below. */
	const page = await as(name, '/registry');
	for (const p of PAGES) {
		const want = p === '/audit' ? audit : 200;
		await goto(page, p, want);
		const main = await page.locator('main').innerText();
		assert.doesNotMatch(main, /请求未完成|内部错误/, `${name} ${p}`);
		if (want === 403) {
			/* The router's refusal of a role the route does not admit
			 * is a bare page of its own (src/http/response.c
			 * resp_error_page): no navigation, no icon link. */
			assert.match(await page.locator('main h1').innerText(),
			    /^无权访问/, `${name} ${p}`);
			assert.equal(await page.getByRole('link', { name: '返回首页' })
			    .count(), 1, `${name} ${p}: a way back`);
			if (await page.locator('header.top nav').count() === 0)
				notes.add(`${p} refused with 403 by the router: a bare ` +
				    'page without the navigation');
			continue;
		}
		await assertNav(page);
		/* The nav offers 审计日志 exactly to who may read it. */
		assert.equal(await navLink(page, '审计日志').count(),
		    audit === 200 ? 1 : 0, `${name} ${p}: 审计日志 link`);
		await fits(page, `${name} ${p} at 1366`, findings);
		if (p === '/ledger') {
			/* The Chinese is drawn with the CJK font, not boxes. */
			const fonts = await fontsOf(page,
			    'header.top nav a[href="/ledger"]');
			assert.ok(fonts.some((f) => /Noto Sans CJK/.test(f)),
			    `${name}: nav drawn with ${fonts.join(', ')}`);
		}
		if (p !== '/' && p !== '/ledger')
			continue;
		const label = p === '/' ? 'dashboard' : 'ledger';
		await shot(page, `04-${name}-${label}-1366`);
		/* The same page on a phone: the layout follows the width. */
		await page.setViewportSize(PHONE);
		await assertNav(page);
		await fits(page, `${name} ${p} at 390`, findings);
		await shot(page, `04-${name}-${label}-phone`);
		await page.setViewportSize(OFFICE);
	}
	for (const u of page.faviconMisses)
		notes.add(`/favicon.ico asked for (404) after ${new URL(u).pathname}`);
	assertClean(page, name);
	await page.context().close();
}

/* Adds to findings when the page is wider than the window. */
async function fits(page, what, findings) {
	const o = await overflow(page);
	if (o.scroll > o.width)
		findings.push(`${what}: ${o.scroll}px wide in ${o.width}px ` +
		    `(${o.wide.join(', ')})`);
}

test('4. every page renders for every role, on an office screen and ' +
    'a phone', { timeout: slow(300_000) }, async (t) => {
	const findings = [];
	const notes = new Set();
	/* One role after the other: side by side they only contend for the
	 * two cores (slower, not faster). */
	try {
		for (const [name, { audit }] of Object.entries(ROLES))
			await round(name, audit, findings, notes);
	} finally {
		for (const n of notes)
			t.diagnostic(n);
	}
	assert.deepEqual(findings, [], 'pages wider than the screen');
});

test('4b. on a phone every section is a tap away behind 菜单 and a ' +
    'list\'s rows are cards; without script the sections show whole', { timeout: slow(120_000) }, async () => {
	(await as('gz-office', '/registry')).context().close();
	const session = kit.sessions.get('gz-office');
	const page = await newPage(PHONE, { storageState: session });
	await goto(page, '/');
	await assertNav(page); /* opens the menu */
	await clickAndWait(page, navLink(page, '报告'),
	    (u) => u.pathname === '/reports');
	/* A list's rows are cards, each cell named by its column. */
	await goto(page, '/ledger');
	const table = page.locator('.table-wrap table.cards').first();
	assert.equal(await table.locator('thead').isVisible(), false);
	const heads = await table.locator('thead th').allInnerTexts();
	const labels = await table.locator('tbody tr').first().locator('td')
	    .evaluateAll((tds) => tds.map((td) => td.dataset.label));
	assert.deepEqual(labels, heads.map((h) => h.trim()));
	const box = await table.boundingBox();
	assert.ok(box.width <= PHONE.width, `ledger ${box.width}px wide`);
	const o = await overflow(page);
	assert.ok(o.scroll <= o.width, `ledger page ${o.scroll}px wide`);
	await shot(page, '04b-gz-office-ledger-cards-phone');
	assertClean(page, 'phone menu');
	const bare = await newPage(PHONE, { storageState: session,
		javaScriptEnabled: false });
	await goto(bare, '/');
	assert.equal(await bare.locator('header.top .menu').isVisible(), false,
	    'a menu button that cannot open');
	const links = await bare.locator('header.top nav').getByRole('link')
	    .all();
	assert.ok(links.length >= 8, `${links.length} sections`);
	for (const a of links) {
		const box = await a.boundingBox();
		assert.ok(box !== null && box.x + box.width <= PHONE.width,
		    `${await a.innerText()} hidden or outside the screen`);
	}
	await page.context().close();
	await bare.context().close();
});

/* ---- 5 ---- */

test('5. the audit log shows what the clerk and the office did, the ' +
    'chain intact', { timeout: slow(120_000) }, async () => {
	assert.ok(state.id, 'scenario 1 created the record');
	const page = await as('admin', `/ledger/${state.id}`);
	/* The log names the record by its readable number, not its id. */
	const number = await page.locator('dl.facts dd').first().innerText();
	assert.match(number, /台账 \d{4}-\d{4}$/);
	await goto(page, '/catalog');
	await clickAndWait(page, navLink(page, '审计日志'),
	    (u) => u.pathname === '/audit');
	assert.match(await page.locator('main .notice').innerText(),
	    /^哈希链完整:共 \d+ 条,逐条校验通过,自第 1 条起以审计密钥签名（HMAC-SM3）,与审计头一致。$/);
	const entries = (await page.locator('main table tbody tr').evaluateAll(
	    (trs) => trs.map((tr) => [...tr.cells].map((td) => td.innerText))))
	    .map((c) => ({ actor: c[2], action: c[3], entity: c[4],
		result: c[5], digest: c[6] }));
	const find = (actor, action, entity) => entries.find((e) =>
	    e.actor === actor && e.action === action && e.entity.includes(entity));
	/* Who: the person and post behind the account, and from where. */
	const clerk = `${await accountLabel(kit.srv, 'nm-clerk')}(网页)`;
	const office = `${await accountLabel(kit.srv, 'nm-office')}(网页)`;
	for (const [actor, action, entity] of [
		[clerk, '新增记录', number],
		[clerk, '上传佐证', number],
		[office, '核实记录', number],
		[office, '修改评分', '5.1-leadership'],
		[clerk, '登录', 'nm-clerk'],
	]) {
		const e = find(actor, action, entity);
		assert.ok(e, `${actor} ${action} ${entity}:\n` + entries.slice(0, 30)
		    .map((x) => `${x.actor} ${x.action} ${x.entity}`).join('\n'));
		assert.equal(e.result, '成功');
	}
	/* The upload's entry carries the file's SM3. */
	assert.equal(find(clerk, '上传佐证', number).digest,
	    `${state.sm3.slice(0, 12)}…`);
	/* The refused edit of scenario 3 changed nothing it could log. */
	const other = `${await accountLabel(kit.srv, 'yy-clerk')}(网页)`;
	assert.equal(entries.filter((e) => e.entity.includes(number) &&
	    e.actor === other && e.result === '成功').length, 0);
	await shot(page, '05-admin-audit');
	assertClean(page, 'scenario 5');
});
