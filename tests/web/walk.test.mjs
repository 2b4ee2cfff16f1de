/*
 * The walk ([workbench] issue 15, "Done when"): each role's everyday task
 * in a real browser (browser-kit.mjs: Debian's chromium,
 * playwright-core), at an office screen (1366×768) and on a phone
 * (390×844), as a person does it:
 *
 *   - logged in through the login page, every page after that reached by
 *     clicking links, buttons and menu items (on the phone through the
 *     菜单 button), never by typing a URL;
 *   - forms filled only with what a person knows: names picked through
 *     the pickers and selects by their labels, titles, dates, texts, and
 *     files to upload. Every value typed goes through type() and is
 *     checked at the end against the shapes of the internal ids
 *     (p-…, r-…, ac-…, rect-…, organ and region codes, readable numbers
 *     such as 南明区台账 2026-0012 or 〔2026〕3号): none may be one;
 *   - after each step the visible outcome a person would check: the
 *     status in words, the 待办 that appeared or went, the message in
 *     the bell, the Chinese date.
 *
 * The seven tasks, in the order they run at each size:
 *
 *   1. the leader's 待办: 本年还需…(截止 X月X日), followed to the ledger
 *      (at the phone size after the clerk's lecture of the office size:
 *      the lecture the 待办 asked for has gone from it);
 *   2. a clerk records a lecture with its evidence;
 *   3. the county office verifies it from its 待办 and scores a
 *      qualitative duty from its 待办;
 *   4. the inspector plans an inspection and records a finding; the
 *      inspector hands the finding to the competent office (移交整改),
 *      which orders the 整改 from the proposal; the organ's clerk gets
 *      the message in the bell; the deadline passes and the inspector's 待办 lists the
 *      order as overdue;
 *   5. a result graded 不合格 (a veto) is referred: the discipline
 *      officer opens the case from 移送问责, the office starts the
 *      investigation, discipline ends it, the office decides;
 *   6. the government's annual report drafted by its clerk, signed by
 *      the 区长 with her own account, locked and published by the office;
 *   7. the administrator adds a leader's account with the pickers.
 *
 * "Today" is fixed (LVZHI_TODAY) at 15 March of the year after the demo
 * year: the demo year is evaluated (its vetoes referred, its annual
 * report due by 31 March), this year is under way (the leader's 待办).
 * Time passing for the overdue 整改: the office gives the order on 1
 * March, through a server of that day on the same database (onDay), with
 * a deadline a week before today (a deadline already past is refused);
 * nothing is set behind the server's back.
 *
 * Screenshots: test-artifacts/walk-<size>-<task>-<step>-<what>.png, in
 * the order of the walk.
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';

import { OFFICE, PHONE, assertClean, clickAndWait, goto, kit, newPage,
	shot, submitOk, tinyPdf, useBrowser } from './browser-kit.mjs';
import { PASSWORD, YEAR, accountsOn, onDay, slow, useServer } from
    './harness.mjs';

const NOW = YEAR + 1;
const TODAY = `${NOW}-03-15`;
const TODAY_CN = `${NOW}年3月15日`;

useBrowser(/^walk-.*\.png$/);
const srv = kit.srv = useServer({ env: { LVZHI_TODAY: TODAY } });
/* The JSON API as name: to learn names, never to act. */
const { as: api } = accountsOn(srv);

/* ---- what a person types ---- */

/* Every value typed into a page, with where: none may be an id. */
const typed = [];

/* The shapes of internal ids and of the numbers the system gives: a
 * person's (p-000865), a record's (r-0006136, r-20261115-…), a case's
 * (ac-…), an order's (rect-…), any "<word>-<year>-<hex>" row id, a
 * region code (520102) or an organ id (520102-gov), a report id
 * (annual-2025-…), a record's or a case's readable number. */
const ID_SHAPES = [
	/\bp-\d{3,}/, /\br-\d{4,}/, /\b(ac|rect|insp|fnd|find|iv|notice|msg)-/,
	/\b[a-z]+-\d{4}-[0-9a-f]{6,}/, /(^|\D)\d{6}(-[a-z]+)?($|\D)/,
	/\b(annual|shufa)-\d{4}/, /台账 \d{4}-\d{4}/, /〔\d{4}〕\d+号/,
];

async function type(locator, value, where) {
	typed.push({ value, where });
	await locator.fill(value);
}

/* Types part of a name into a picker (a combobox) and chooses the
 * option the list offers that matches option. */
async function pick(page, box, part, option, where) {
	typed.push({ value: part, where });
	await box.fill('');
	await box.pressSequentially(part, { delay: 20 });
	const o = page.getByRole('option', { name: option }).first();
	await o.waitFor();
	await o.click();
	assert.equal(await box.getAttribute('aria-expanded'), 'false', where);
}

/* Chooses the option of a select whose label matches label (a string:
 * equal to it; a RegExp: matching it). */
async function choose(select, label) {
	const texts = (await select.locator('option').allInnerTexts())
	    .map((t) => t.trim());
	const hit = texts.find((t) => typeof label === 'string' ? t === label :
	    label.test(t));
	assert.ok(hit !== undefined, `no option ${label} in ${texts.join(' | ')}`);
	await select.selectOption({ label: hit });
}

/* ---- moving about as a person does ---- */

/* The pages of the people logged in so far, by name and screen: a
 * person stays logged in through the day's tasks. */
const desks = new Map();

/* Logs name in through the login page in a fresh browser at viewport
 * (or, logged in already, goes back to 首页); returns the page, at 首页. */
async function login(name, viewport) {
	const desk = `${name} ${viewport.width}`;
	if (desks.has(desk)) {
		const page = desks.get(desk);
		await nav(page, '首页', '/');
		return page;
	}
	const page = await newPage(viewport);
	desks.set(desk, page);
	await goto(page, '/');
	assert.equal(new URL(page.url()).pathname, '/login');
	await type(page.getByLabel('用户名'), name, 'login');
	await page.getByLabel('密码').fill(PASSWORD);
	await clickAndWait(page, page.getByRole('button', { name: '登录' }),
	    (u) => u.pathname === '/');
	assert.match(await page.locator('.who').innerText(),
	    new RegExp(`^${name} `));
	return page;
}

/* Clicks the navigation's section label: on a phone through 菜单. */
async function nav(page, label, pathname) {
	const link = page.locator('header.top nav').getByRole('link',
	    { name: label, exact: true });
	const menu = page.locator('header.top .menu');
	if (!(await link.isVisible())) {
		assert.ok(await menu.isVisible(), `${label}: neither the link ` +
		    'nor the menu button shows');
		await menu.click();
	}
	await clickAndWait(page, link, (u) => u.pathname === pathname);
}

const submit = submitOk;
const main = (page) => page.locator('main').innerText();
const status = (page) => page.getByRole('status').first().innerText();

/* The 待办 list titled title on 首页: { total, items: [{ text, link }] }. */
async function todo(page, title) {
	const card = page.locator('section.todo');
	await card.waitFor();
	const h = card.locator('h3', { hasText: title });
	assert.equal(await h.count(), 1, `待办 ${title}`);
	const total = Number(/(\d+) 项/.exec(await h.innerText())[1]);
	const items = await h.evaluate((el) => {
		const ul = el.nextElementSibling;
		if (ul === null || ul.tagName !== 'UL')
			return [];
		return [...ul.children].map((li) => ({ text: li.innerText,
			link: li.querySelector('a').getAttribute('href') }));
	});
	return { total, items };
}

/* The bell's count of unread messages. */
async function bell(page) {
	return Number(await page.locator('header.top a.bell .count').innerText());
}

/* Screenshots named so that the walk reads in order. */
function shooter(size, task) {
	let n = 0;
	return (page, what) => shot(page, `walk-${size}-${task}-` +
	    `${String(++n).padStart(2, '0')}-${what}`);
}

/* What the tasks hand on, per size. */
const state = { office: {}, phone: {} };
/* The people the pages show by name: read once from the API, as a
 * person knows their colleagues' names (never to act). */
const names = {};
async function learnNames() {
	if (names.mayor)
		return;
	const gov = await api('admin', 'GET',
	    '/api/v1/people?organ=520102-gov&q=&limit=50');
	assert.equal(gov.status, 200, gov.text);
	const mayor = gov.body.items.find((p) => p.role === 'principal');
	assert.ok(mayor, '南明区人民政府 has a principal');
	names.mayor = mayor;
}

/* ---- 1. the leader's 待办 ---- */

async function leaderTodo(size, viewport) {
	const snap = shooter(size, '1');
	const page = await login('nm-leader', viewport);
	const needs = await todo(page, '本年还需完成的职责');
	await snap(page, 'leader-todo');
	assert.ok(needs.items.length > 0, 'the leader owes something this year');
	for (const it of needs.items)
		assert.match(it.text, /^本年还需.+ \d+ (次|份)\(截止 (\d{4}年)?\d{1,2}月\d{1,2}日\)\n.+ · 已完成 \d+\/\d+$/,
		    it.text);
	const lecture = needs.items.find((x) => x.text.startsWith(
	    '本年还需法治专题讲座'));
	if (state.office.record) {
		/* The clerk's lecture of the office's walk made up the count:
		 * the item has gone from the 待办. */
		assert.equal(lecture, undefined, 'the lecture is still owed');
	} else {
		assert.ok(lecture, 'a lecture is owed before the clerk records one');
		assert.match(lecture.text, /本年还需法治专题讲座 1 次\(截止 12月31日\)/);
	}
	/* Followed: the organ's records of the kind the duty counts. */
	const it = lecture ?? needs.items[0];
	const what = /^本年还需(.+) \d+ /.exec(it.text)[1];
	await clickAndWait(page, page.locator('section.todo a', {
		hasText: it.text.split('\n')[0] }), (u) => u.pathname === '/ledger');
	const kindSel = page.locator('form.filters select[name=kind] option:checked');
	assert.equal((await kindSel.innerText()).trim(), what);
	const rows = page.locator('main table tbody tr');
	const done = Number(/已完成 (\d+)\//.exec(it.text)[1]);
	if (done > 0)
		assert.ok(await rows.count() > 0, 'the records counted are listed');
	for (const t of await rows.allInnerTexts())
		assert.ok(t.includes(what), t);
	await snap(page, 'leader-ledger');
	assertClean(page, `leader (${size})`);
}

/* ---- 2. a clerk records a lecture with evidence ---- */

async function clerkRecord(size, viewport) {
	const snap = shooter(size, '2');
	const s = state[size];
	const page = await login('nm-clerk', viewport);
	await nav(page, '履职台账', '/ledger');
	await clickAndWait(page, page.getByRole('link', { name: '新增记录' }),
	    (u) => u.pathname === '/ledger/new');
	const form = page.locator('main form.card');
	assert.equal((await form.locator('select[name=organ] option:checked')
	    .innerText()).trim(), '中共南明区委员会', 'the clerk\'s organ');
	await choose(form.locator('select[name=kind]'),
	    '法治专题讲座');
	await type(form.locator('input[name=date]'), TODAY, 'record date');
	s.title = `宪法学习专题讲座(${size === 'office' ? '办公室' : '手机'}走查)`;
	await type(form.locator('input[name=title]'), s.title, 'record title');
	await snap(page, 'new-record');
	await submit(page, form.getByRole('button', { name: '保存' }),
	    (u) => u.searchParams.get('ok') === 'created');
	assert.equal(await status(page), '记录已保存,等待审核。');
	assert.equal(await page.locator('main h1').innerText(), s.title);
	const facts = page.locator('dl.facts');
	assert.match(await facts.innerText(), /待审核/);
	assert.match(await facts.innerText(), /法治专题讲座/);
	s.number = /南明区台账 \d{4}-\d{4,}/.exec(await facts.innerText())?.[0];
	assert.ok(s.number, 'the record has a readable number');
	await snap(page, 'record-saved');

	/* The evidence: the lecture's notice, a PDF. */
	const file = path.join(kit.tmp, `讲座通知-${size}.pdf`);
	await writeFile(file, tinyPdf(`lecture ${size}`));
	const upload = page.locator('form[enctype="multipart/form-data"]');
	await upload.locator('input[name=file]').setInputFiles(file);
	await type(upload.locator('input[name=evidence_date]'), TODAY,
	    'evidence date');
	await submit(page, upload.getByRole('button', { name: '上传',
		exact: true }), (u) => u.searchParams.get('ok') === 'uploaded');
	assert.equal(await status(page), '佐证材料已上传。');
	const ev = page.locator('section.card', { hasText: '佐证材料' })
	    .locator('table tbody tr');
	assert.equal(await ev.count(), 1);
	assert.match(await ev.innerText(), new RegExp(`讲座通知-${size}\\.pdf`));
	await snap(page, 'evidence-uploaded');
	s.record = new URL(page.url()).pathname;
	assertClean(page, `clerk (${size})`);
}

/* ---- 3. the office verifies it and scores ---- */

async function officeVerifyScore(size, viewport) {
	const snap = shooter(size, '3');
	const s = state[size];
	assert.ok(s.record, 'the clerk recorded a lecture');
	const page = await login('nm-office', viewport);
	let verify = await todo(page, '待核实的记录');
	const before = verify.total;
	await snap(page, 'office-todo');
	const mine = page.locator('section.todo a', { hasText: s.title });
	if (await mine.count() === 1) {
		await clickAndWait(page, mine, (u) => u.pathname === s.record);
	} else {
		/* Past the first few: the whole list, narrowed by the title. */
		await clickAndWait(page, page.locator('section.todo a', {
			hasText: /^查看全部/ }).first(),
		    (u) => u.pathname === '/ledger');
		await type(page.locator('form.filters input[name=q]'), s.title,
		    'ledger search');
		await clickAndWait(page, page.getByRole('button', { name: '筛选' }),
		    (u) => u.searchParams.has('q'));
		await clickAndWait(page, page.getByRole('link', { name: s.title }),
		    (u) => u.pathname === s.record);
	}
	assert.match(await page.locator('dl.facts').innerText(), /待审核/);
	await snap(page, 'record-to-verify');
	await submit(page, page.getByRole('button', { name: '核实',
		exact: true }), (u) => u.searchParams.get('ok') === 'verified');
	assert.equal(await status(page), '记录已核实。');
	assert.equal(await page.locator('dl.facts .tag').innerText(), '已核实');
	assert.equal(await page.getByRole('button', { name: '核实',
		exact: true }).count(), 0, 'verified: the review form is gone');
	await snap(page, 'record-verified');

	/* Back on 首页 the record has gone from the 待办. */
	await nav(page, '首页', '/');
	verify = await todo(page, '待核实的记录');
	assert.equal(verify.total, before - 1);
	assert.ok(!verify.items.some((x) => x.text.includes(s.title)));

	/* A qualitative duty to score, from the 待办. */
	const score = await todo(page, '待评分的定性职责');
	assert.ok(score.items.length > 0, 'duties to score');
	const it = score.items[size === 'office' ? 0 : score.items.length - 1];
	const m = /^(\S+) (\S+):(.+)\((\d{4}) 年度\)$/.exec(it.text);
	assert.ok(m, it.text);
	const [, organ, person, duty] = m;
	await snap(page, 'score-todo');
	await clickAndWait(page, page.locator('section.todo a', {
		hasText: it.text }).first(), (u) => u.pathname === '/evaluation');
	const leader = page.locator('table.eval tbody.leader').filter({
		hasText: person }).filter({ hasText: organ }).first();
	const details = leader.locator('details');
	if (await details.getAttribute('open') === null)
		await details.locator('summary').click();
	const row = leader.locator('table.duty tbody tr').filter({
		hasText: duty }).first();
	const form = row.locator('form.score');
	await form.scrollIntoViewIfNeeded();
	const value = size === 'office' ? '85.5' : '72.5';
	await type(form.locator('input[name=score]'), value, 'score');
	await type(form.locator('input[name=comment]'),
	    '按台账记录,部署到位,过问及时。', 'score comment');
	await form.getByRole('button').click();
	await form.locator('.score-msg.ok').waitFor();
	assert.equal(await form.locator('.score-msg').innerText(),
	    `已保存:${value} 分`);
	await snap(page, 'scored');
	assertClean(page, `office (${size})`);
}

/* ---- 4. inspection → finding → 整改 → overdue ---- */

/*
 * The finding goes to 整改. Today the office orders it from the finding
 * on the inspection's page (下达整改 beside the finding); this round
 * another engineer adds the inspector's own step that sends a finding to
 * the office for 整改, and then this function becomes that step (the
 * inspector's page, the finding's "移交整改" or the like) followed by
 * the office's order. Returns the order's page, the office's.
 */
async function findingToRectification(size, viewport, insp, finding) {
	/* The inspector hands the finding to the office with a proposal
	 * (移交整改): an irreversible step, asked first. */
	const row = insp.locator('main tr', { hasText: finding });
	await row.locator('summary', { hasText: '移交整改' }).click();
	const refer = row.locator('form[action$="/referral"]');
	await type(refer.locator('textarea[name=requirement]'),
	    '补报听取法治政府建设情况汇报的会议纪要,建立台账报送制度。',
	    'referral requirement');
	await type(refer.locator('input[name=deadline]'), `${NOW}-04-30`,
	    'referral deadline');
	const asked = insp.confirms.length;
	await submit(insp, refer.getByRole('button', { name: '移交' }),
	    (u) => u.searchParams.get('ok') === 'referred');
	assert.equal(insp.confirms.length, asked + 1, 'asked before 移交');
	assert.match(insp.confirms.at(-1), /不能撤回/);
	assert.equal(await status(insp), '问题已移交依法治理办公室整改。');
	assert.match(await row.innerText(), /已移交/);
	assert.match(await row.innerText(), new RegExp(`${NOW}年4月30日`));

	/* The office finds it in its 待办 and orders the 整改 from the
	 * inspector's proposal. Time passing: the office orders it on 1
	 * March with a deadline a week before today; the pages derive 逾期. */
	/* The competent office: for a county's government, the one of the
	 * city above (第八条; authority_finding_refer): 贵阳市's. */
	const office = await login('gy-office', viewport);
	const list = await todo(office, '督查移交待下达的整改');
	assert.ok(list.items.some((x) => x.text.includes(finding)),
	    list.items.map((x) => x.text).join('\n'));
	await clickAndWait(office, office.locator('section.todo a',
	    { hasText: finding }).first(),
	    (u) => u.pathname.startsWith('/supervision/inspections/'));
	const here = new URL(office.url());
	await onDay(srv, `${NOW}-03-01`, async (early) => {
		await goto(office, early.base + here.pathname + here.search);
		const orow = office.locator('main tr', { hasText: finding });
		const form = orow.locator(
		    'form[action="/supervision/rectifications"]');
		const details = orow.locator('details', { has: form });
		if (await details.count() > 0 &&
		    !(await details.first().evaluate((d) => d.open)))
			await details.first().locator('summary').click();
		assert.match(await form.locator('textarea[name=requirement]')
		    .inputValue(), /补报听取法治政府建设情况汇报/);
		await type(form.locator('input[name=deadline]'), `${NOW}-03-08`,
		    'rectification deadline');
		await submit(office, form.getByRole('button', { name: '下达' }),
		    (u) => u.pathname.startsWith('/supervision/rectifications/'));
		/* Back to today's server, on the order's page. */
		await goto(office, new URL(office.url()).pathname);
	});
	return office;
}

async function inspection(size, viewport) {
	const snap = shooter(size, '4');
	await learnNames();
	const insp = await login('inspector', viewport);
	let late = await todo(insp, '逾期未完成的整改');
	const lateBefore = late.total;
	await nav(insp, '督查', '/supervision');
	await insp.locator('summary', { hasText: '新建督查计划' }).click();
	const plan = insp.locator('form[action="/supervision/inspections"]');
	await choose(plan.locator('select[name=kind]'),
	    '专项督查');
	const title = `南明区法治政府建设专项督查(${size === 'office' ? '一' : '二'})`;
	await type(plan.locator('input[name=title]'), title, 'inspection title');
	await choose(plan.locator('select[name=region]'),
	    '— 南明区');
	await type(plan.locator('input[name=year]'), String(YEAR),
	    'inspection year');
	await type(plan.locator('input[name=starts]'), `${NOW}-02-02`,
	    'inspection start');
	await type(plan.locator('input[name=ends]'), `${NOW}-02-13`,
	    'inspection end');
	await type(plan.locator('textarea[name=focus]'),
	    '法治政府建设年度报告和重大行政决策程序。', 'inspection focus');
	await snap(insp, 'new-inspection');
	await submit(insp, plan.getByRole('button', { name: '新建' }),
	    (u) => u.pathname.startsWith('/supervision/inspections/'));
	assert.equal(await status(insp), '督查计划已建立。');
	assert.match(await main(insp), new RegExp(title.replace(/[()]/g, '.')));

	/* The finding: the organ by its name, the 区长 picked by name. */
	const form = insp.locator('form[action$="/findings"]');
	await pick(insp, form.getByRole('combobox', { name: /被督查机构/ }),
	    '南明区人民', /^南明区人民政府/, 'finding organ');
	const box = form.getByRole('combobox', { name: /相关负责人/ });
	await pick(insp, box, names.mayor.name.slice(0, 2),
	    new RegExp(`^${names.mayor.name}`), 'finding person');
	await choose(form.locator('select[name=duty]'),
	    /报告并公开上一年度法治政府建设情况/);
	await choose(form.locator('select[name=severity]'),
	    '一般');
	const finding = `未按期听取法治政府建设情况汇报(${size})`;
	await type(form.locator('textarea[name=description]'), finding,
	    'finding description');
	await snap(insp, 'finding-form');
	await submit(insp, form.getByRole('button', { name: '记录' }),
	    (u) => u.searchParams.get('ok') === 'finding');
	assert.equal(await status(insp), '问题已记录。');
	const frow = insp.locator('main tr', { hasText: finding });
	assert.equal(await frow.count(), 1);
	assert.match(await frow.innerText(), new RegExp(names.mayor.name));
	assert.match(await frow.innerText(), /一般/);
	/* Not the inspector's to order: the row offers 移交整改. */
	assert.match(await frow.innerText(), /移交整改/);
	await snap(insp, 'finding-recorded');

	/* The clerk of the organ, before the order. */
	const clerk = await login('nm-gov-clerk', viewport);
	const unread = await bell(clerk);

	const office = await findingToRectification(size, viewport, insp,
	    finding);
	const facts = await office.locator('dl.facts').innerText();
	assert.match(facts, /已下达/);
	assert.match(facts, /南明区人民政府/);
	assert.match(facts, /2026年3月8日|2026-03-08/);
	assert.match(await main(office), /逾期/);
	await snap(office, 'rectification-ordered');
	assertClean(office, `office's order (${size})`);

	/* The organ's clerk: a message in the bell, the order behind it. */
	await nav(clerk, '首页', '/');
	assert.equal(await bell(clerk), unread + 1, 'one more unread message');
	await clickAndWait(clerk, clerk.locator('header.top a.bell'),
	    (u) => u.pathname === '/messages');
	const msg = clerk.locator('main li, main tr', { hasText: '整改通知' })
	    .first();
	assert.match(await msg.innerText(), /补报听取法治政府建设情况汇报/);
	await snap(clerk, 'clerk-message');
	await clickAndWait(clerk, msg.getByRole('link').first(),
	    (u) => u.pathname.startsWith('/supervision/rectifications/'));
	assert.match(await main(clerk), /已下达/);
	await snap(clerk, 'clerk-order');
	assertClean(clerk, `clerk's message (${size})`);

	/* The deadline has passed: the inspector's 待办 lists it. */
	await nav(insp, '首页', '/');
	late = await todo(insp, '逾期未完成的整改');
	assert.equal(late.total, lateBefore + 1);
	const it = late.items.find((x) => x.text.includes(
	    '补报听取法治政府建设情况汇报'));
	assert.ok(it, late.items.map((x) => x.text).join('\n'));
	assert.match(it.text, /南明区人民政府/);
	assert.match(it.text, new RegExp(`期限已过 ${NOW}年3月8日`));
	assert.match(it.text, /已逾期 7 天/);
	await snap(insp, 'inspector-overdue');
	await clickAndWait(insp, insp.locator('section.todo a', {
		hasText: '补报听取法治政府建设情况汇报' }).first(),
	    (u) => u.pathname.startsWith('/supervision/rectifications/'));
	assert.match(await main(insp), /逾期/);
	await snap(insp, 'inspector-order');
	/* And on the inspection's page the finding shows it was sent. */
	await nav(insp, '督查', '/supervision');
	await clickAndWait(insp, insp.getByRole('link', { name: title }),
	    (u) => u.pathname.startsWith('/supervision/inspections/'));
	const sent = insp.locator('main tr', { hasText: finding });
	assert.match(await sent.innerText(), /已下达整改 1 项/);
	assert.match(await sent.innerText(), /逾期/);
	assert.match(await sent.innerText(), new RegExp(`移交.*依法治理办公室`));
	await snap(insp, 'inspector-finding-sent');
	assertClean(insp, `inspector (${size})`);
}

/* ---- 5. 不合格 → 问责 case → decision ---- */

function stepForm(page, to) {
	return page.locator('form.step').filter({
		has: page.locator(`input[name=to][value="${to}"]`) });
}

async function accountability(size, viewport) {
	const snap = shooter(size, '5');
	const disc = await login('discipline', viewport);
	await nav(disc, '问责', '/accountability');
	/* Every 不合格 result is listed with its failed duties; a vetoing
	 * duty's link opens a 考评一票否决 case. The first not yet referred
	 * (the office's walk referred one). */
	const veto = disc.locator('a.refer[href*="from=veto"]');
	const refs = disc.locator('section', { hasText: '移送问责' })
	    .locator('tbody tr').filter({ has: veto });
	const referral = refs.first();
	const cells = await referral.locator('td').allInnerTexts();
	const person = cells[0].split('\n')[0].trim();
	await snap(disc, 'referrals');
	await clickAndWait(disc, referral.locator('a.refer[href*="from=veto"]')
	    .first(), (u) => u.hash === '#new');
	const form = disc.locator('form[method=post][action="/accountability"]');
	assert.ok((await form.getByRole('combobox', { name: /被问责人/ })
	    .inputValue()).startsWith(person), 'the person comes with it');
	assert.match(await form.innerText(), new RegExp(`${YEAR}年度考评`));
	/* The item of 第九条 comes with a veto under 第九条; a veto of a
	 * duty of 第五条 leaves it to the officer: 以权压法, 第(三)项. */
	const item = form.locator('select[name=item]');
	if ((await item.inputValue()) === '')
		await choose(item, /^第九条第\(三\)项/);
	const summary = form.locator('textarea[name=summary]');
	if ((await summary.inputValue()) === '')
		await type(summary, `${YEAR}年度考评一票否决,违规干预司法活动。`,
		    'case summary');
	await snap(disc, 'case-form');
	await submit(disc, form.getByRole('button', { name: '立案' }),
	    (u) => /^\/accountability\/ac-/.test(u.pathname));
	const caseUrl = new URL(disc.url()).pathname;
	let text = await main(disc);
	assert.match(text, /〔\d{4}〕\d+号/);
	assert.match(text, /考评一票否决/);
	assert.ok(text.includes(person));
	await snap(disc, 'case-opened');

	/* The office starts the investigation. */
	const office = await login('gz-office', viewport);
	await nav(office, '问责', '/accountability');
	await clickAndWait(office, office.locator('main table').first()
	    .locator('tr', { hasText: person }).getByRole('link').first(),
	(u) => u.pathname === caseUrl);
	await submit(office, stepForm(office, 'investigating')
	    .getByRole('button', { name: '启动调查' }));
	assert.match(await main(office), /调查期限/);
	await snap(office, 'investigating');

	/* Discipline ends it and hears the statement. */
	await nav(disc, '问责', '/accountability');
	await clickAndWait(disc, disc.locator('main table').first()
	    .locator('tr', { hasText: person }).getByRole('link').first(),
	(u) => u.pathname === caseUrl);
	const st = stepForm(disc, 'statement');
	await type(st.locator('textarea[name=investigation]'),
	    '查明:违规干预司法活动,情节属实。', 'investigation');
	await submit(disc, st.getByRole('button',
	    { name: '调查终结,听取陈述申辩' }));
	assert.match(await main(disc), /陈述申辩/);
	await snap(disc, 'statement');
	assertClean(disc, `discipline (${size})`);

	/* The office decides, asked first. */
	await office.reload();
	const dec = stepForm(office, 'decided');
	await type(dec.locator('textarea[name=statement]'),
	    '本人对调查认定的事实无异议,请求从轻处理。', 'statement');
	await choose(dec.locator('select[name=decision_form]'),
	    '诫勉');
	await type(dec.locator('textarea[name=decision]'),
	    '经查,违规干预司法活动属实,依据第九条给予诫勉。', 'decision');
	await type(dec.locator('input[name=date]'), TODAY, 'decision date');
	await snap(office, 'decision-form');
	await submit(office, dec.getByRole('button', { name: '作出问责决定' }));
	assert.match(office.confirms.at(-1), /不能撤回/);
	text = await main(office);
	assert.match(text, /诫勉/);
	assert.match(text, /已作出问责决定|作出问责决定/);
	assert.ok(text.includes(TODAY_CN), `the decision's date ${TODAY_CN}`);
	await snap(office, 'decided');
	assertClean(office, `office's case (${size})`);
}

/* ---- 6. the annual report: drafted, signed, published ---- */

async function annualReport(size, viewport) {
	const snap = shooter(size, '6');
	const year = size === 'office' ? YEAR : YEAR - 1;
	const clerk = await login('nm-gov-clerk', viewport);
	await nav(clerk, '报告', '/reports');
	const draft = clerk.locator('form[method=post][action="/reports"]');
	await choose(draft.locator('select[name=kind]'),
	    /法治政府建设年度报告/);
	assert.equal((await draft.locator('select[name=organ] option:checked')
	    .innerText()).trim(), '南明区人民政府');
	await type(draft.locator('input[name=year]'), String(year),
	    'report year');
	await submit(clerk, draft.getByRole('button', { name: '生成初稿' }),
	    (u) => /^\/reports\/annual-/.test(u.pathname));
	const reportUrl = new URL(clerk.url()).pathname;
	const edit = clerk.locator('section', { hasText: '修改草稿' })
	    .locator('form');
	const to = edit.locator('fieldset', { hasText: '报送对象' })
	    .locator('input[type=checkbox]');
	for (let i = 0; i < await to.count(); i++)
		await to.nth(i).check();
	const areas = edit.locator('textarea');
	for (let i = 0; i < await areas.count(); i++) {
		const t = areas.nth(i);
		const v = await t.inputValue();
		if (!v.includes('【待填写】'))
			continue;
		/* What the person writes is the part asked for; the rest is
		 * the system's draft, left as it is. */
		const mine = `${size === 'office' ? '本年' : '上年'}第${i + 1}部分:` +
		    '按计划推进,按季度报告进展。';
		typed.push({ value: mine, where: 'report text' });
		await t.fill(v.replace(/【待填写】[^\n]*/g, mine));
	}
	await snap(clerk, 'draft');
	await submit(clerk, edit.getByRole('button', { name: '保存修改' }));
	assert.equal(await clerk.locator('main').getByText('【待填写】').count(), 0);
	const title = (await clerk.locator('main h1').innerText()).trim();
	assert.match(await main(clerk), /草稿/);
	assert.match(await main(clerk), /定稿后由.+本人登录签署/);
	await snap(clerk, 'draft-saved');
	assertClean(clerk, `gov clerk (${size})`);

	/* The 区长 signs with her own account. */
	const mayor = await login('nm-gov-leader', viewport);
	await nav(mayor, '报告', '/reports');
	await clickAndWait(mayor, mayor.getByRole('link', { name: title }),
	    (u) => u.pathname === reportUrl);
	await submit(mayor, mayor.getByRole('button', { name: '签署',
		exact: true }));
	assert.match(mayor.confirms.at(-1), /签署后报告不能再修改/);
	assert.match(await mayor.locator('main section.card').first()
	    .innerText(), /已签署/);
	await snap(mayor, 'signed');
	assertClean(mayor, `mayor (${size})`);

	/* The office locks and publishes it. */
	const office = await login('nm-office', viewport);
	await nav(office, '报告', '/reports');
	await clickAndWait(office, office.getByRole('link', { name: title }),
	    (u) => u.pathname === reportUrl);
	await submit(office, office.getByRole('button', { name: '锁定' }));
	assert.match(office.confirms.at(-1), /锁定后报告定稿/);
	await type(office.locator('input[name=published_on]'), TODAY,
	    'publication date');
	await submit(office, office.getByRole('button', { name: '向社会公开' }));
	assert.match(office.confirms.at(-1), /确定向社会公开/);
	const card = await office.locator('main section.card').first()
	    .innerText();
	assert.match(card, /已公开/);
	assert.match(card, new RegExp(`公开日期\\s+${TODAY_CN}`));
	assert.match(card, new RegExp(`公开期限\\s+${year + 1}年3月31日 前`));
	assert.ok(!ID_SHAPES.some((re) => re.test(card)), `an id shown: ${card}`);
	await snap(office, 'published');
	assertClean(office, `office's report (${size})`);
}

/* ---- 7. the administrator adds an account ---- */

async function addAccount(size, viewport) {
	const snap = shooter(size, '7');
	await learnNames();
	const page = await login('admin', viewport);
	await nav(page, '账号管理', '/accounts');
	await clickAndWait(page, page.getByRole('link', { name: '新建账号' }),
	    (u) => u.pathname === '/accounts/new');
	const name = `nm-mayor-${size}`;
	await type(page.getByLabel('账号名'), name, 'account name');
	await choose(page.getByLabel('角色'), '主要负责人');
	await pick(page, page.getByRole('combobox', { name: /所在机构/ }),
	    '南明区人民政', /^南明区人民政府/, 'account organ');
	await pick(page, page.getByRole('combobox', { name: /本人/ }),
	    names.mayor.name.slice(0, 2), new RegExp(`^${names.mayor.name}`),
	    'account person');
	await snap(page, 'new-account');
	await submit(page, page.getByRole('button', { name: '创建账号' }),
	    (u) => u.pathname === '/accounts');
	const once = (await page.locator('code.onetime').textContent()).trim();
	assert.match(once, /^[A-Za-z0-9]{4}-[A-Za-z0-9]{4}-[A-Za-z0-9]{4}$/);
	const text = await page.locator('dl.facts').innerText();
	assert.match(text, new RegExp(`账号\\s+${name}`));
	assert.match(text, /角色\s+主要负责人/);
	assert.match(text, /所在机构\s+南明区人民政府/);
	assert.ok(text.includes(names.mayor.name), text);
	await snap(page, 'account-made');
	assertClean(page, `admin (${size})`);
}

/* ---- the walk ---- */

const TASKS = [
	['1 leader\'s 待办', leaderTodo],
	['2 record with evidence', clerkRecord],
	['3 verify and score', officeVerifyScore],
	['4 inspection → finding → 整改 → overdue', inspection],
	['5 不合格 → 问责 case to its decision', accountability],
	['6 annual report drafted, signed, published', annualReport],
	['7 admin adds an account', addAccount],
];

for (const [size, viewport] of [['office', OFFICE], ['phone', PHONE]])
	for (const [what, task] of TASKS)
		test(`${what} (${size}, ${viewport.width}×${viewport.height})`,
		    { timeout: slow(120_000) }, () => task(size, viewport));

test('nothing typed in the walk is an internal id', (t) => {
	t.diagnostic(`${typed.length} values typed`);
	assert.ok(typed.length > 40, `${typed.length} values typed`);
	const ids = typed.filter(({ value }) => ID_SHAPES.some((re) =>
	    re.test(value)));
	assert.deepEqual(ids, []);
});
