/*
 * The oversight cycles of the regulation driven through the pages in a
 * real browser (browser-kit.mjs: Debian's chromium, playwright-core), on
 * the demo province with "today" fixed at 15 March of the year after the
 * demo year (LVZHI_TODAY): the demo year is evaluated, its annual report
 * is due by 31 March, and a decision taken today may be appealed within
 * the month. Each step is taken by the account whose job it is:
 *
 *   a. supervision (第八条): 贵阳市's office drafts an interview notice
 *      (约谈整改通知) from the evaluation, edits and issues it in the
 *      市委's name, and orders a rectification and an interview for each
 *      leader graded 不合格; the organ's clerk reports progress, uploads
 *      evidence and submits; the office accepts, and records the
 *      interview held;
 *   b. accountability (第九条): a vetoed result is referred; the
 *      discipline officer opens the case from it (source 考评一票否决, the
 *      item of 第九条 the veto cites) and takes it through investigation,
 *      statement and defence, a decision with its form, execution and
 *      closing, with a move refused and its reason shown, and an appeal
 *      within the month that leaves execution running; a clerk and a
 *      leader are refused the cases, on a page with the navigation;
 *   c. reports: a 述法 (第七条) drafted from the ledger and the evaluation,
 *      edited, signed, locked and then closed to edits; the government's
 *      annual report (第六条(一)) with its five parts and three recipients
 *      drafted, signed, locked and published, then found on /public/ by
 *      region and year and by a Chinese search, logged out; both PDFs
 *      downloaded from their pages and read back with pdftotext.
 *
 * Screenshots of each key step: test-artifacts/c[abc]-NN-*.png.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';

import { as, assertClean, assertNav, clickAndWait, dropStatusLine, goto,
	kit, newPage, shot, submitOk, tinyPdf, useBrowser }
	from './browser-kit.mjs';
import { PASSWORD, YEAR, accountsOn, run, slow, useServer }
    from './harness.mjs';

const NEXT = YEAR + 1;
const TODAY = `${NEXT}-03-15`;

useBrowser(/^c[abc]-\d\d-.*\.png$/);
const srv = kit.srv = useServer({ env: { LVZHI_TODAY: TODAY } });
/* The JSON API as name: to check what the pages did, never to do it. */
const { as: api } = accountsOn(srv);

/* ---- helpers ---- */

/* Clicks a form's button and waits for the page it leads to, which must
 * not answer an error (a refused form comes back with 4xx). */
async function submit(page, button, url) {
	await submitOk(page, button, url);
	await assertNav(page);
}

/* The text of the page's <main>. */
function mainText(page) {
	return page.locator('main').innerText();
}

/* The PDF's text as pdftotext reads it, without white space (Chinese
 * lines wrap anywhere). */
function pdfText(file) {
	return new Promise((resolve, reject) => {
		execFile('pdftotext', ['-enc', 'UTF-8', file, '-'],
		    (err, stdout) => err ? reject(err) : resolve(stdout
		    .replace(/\s+/g, '')));
	});
}

/* Downloads what clicking link gives and returns its text. */
async function downloadPdf(page, link, name) {
	const [dl] = await Promise.all([page.waitForEvent('download'),
		link.click()]);
	const file = path.join(kit.tmp, name);
	await dl.saveAs(file);
	const head = (await readFile(file)).subarray(0, 5).toString('latin1');
	assert.equal(head, '%PDF-', `${name} is a PDF`);
	return pdfText(file);
}

/* What the cycles hand on. */
const state = {};

/* ---- a. evaluation → notice → rectification and interview ---- */

test('a. an interview notice (约谈整改通知, 第八条) drafted from the ' +
    'evaluation, edited and issued; orders for each leader graded 不合格',
    { timeout: slow(300_000) }, async () => {
	/* Who the evaluation fails in 贵阳市: the notice must list them all. */
	const ev = await api('gy-office', 'GET',
	    `/api/v1/evaluation?year=${YEAR}&region=520100`);
	assert.equal(ev.status, 200, ev.text);
	const failing = ev.body.results.filter((x) => x.grade === 'fail');
	assert.ok(failing.length > 0, 'the demo fails somebody in 贵阳市');
	/* The criticised organ whose clerk will answer for the order. */
	state.target = failing.find((x) => x.organ === '520103-gov') ??
	    failing[0];

	const page = await as('gy-office', '/supervision');
	await page.locator('summary', { hasText: '由年度考评起草通报' }).click();
	const draft = page.locator('form[action="/supervision/notices"]');
	await draft.locator('select[name=kind]').selectOption('interview');
	await draft.locator('input[name=year]').fill(String(YEAR));
	await draft.locator('select[name=region]').selectOption('520100');
	await shot(page, 'ca-01-draft-notice');
	await submit(page, draft.getByRole('button', { name: '起草' }),
	    (u) => u.pathname.startsWith('/supervision/notices/'));
	state.notice = decodeURIComponent(new URL(page.url()).pathname
	    .split('/').pop());
	const listed = page.locator('section', { hasText: '通报名单' })
	    .locator('tbody tr');
	assert.equal(await listed.count(), failing.length,
	    'one row per leader graded 不合格');
	for (const f of failing)
		assert.equal(await listed.filter({ hasText: f.person_name })
		    .filter({ hasText: f.organ_name }).count(), 1, f.person_name);
	await shot(page, 'ca-02-notice-drafted');

	/* Reviewed and edited as a draft, then issued. */
	const edit = page.locator(`form[action="/supervision/notices/${
	    state.notice}"]`);
	const title = edit.locator('input[name=title]');
	state.title = `${await title.inputValue()}(经审核)`;
	await title.fill(state.title);
	const body = edit.locator('textarea[name=body]');
	await body.fill(`${await body.inputValue()}\n\n请各地区对照整改。`);
	await submit(page, edit.getByRole('button', { name: '保存修改' }));
	assert.equal(await page.locator('h1').innerText(), state.title);
	assert.ok((await mainText(page)).includes('请各地区对照整改。'));
	assert.ok((await mainText(page)).includes(
	    '中共贵阳市委全面依法治市委员会办公室'), 'the issuing organ');
	await submit(page, page.getByRole('button', { name: '发布',
		exact: true }));
	assert.match(page.confirms.at(-1), /发布后不能再修改。确定发布/,
	    'issuing asks first');
	assert.equal(await page.locator('form[action="/supervision/notices/' +
	    `${state.notice}"] input[name=title]`).count(), 0,
	'an issued notice has no edit form');
	await shot(page, 'ca-03-notice-issued');

	/* Interviews and rectification for every leader listed. */
	const orders = page.locator(`form[action="/supervision/notices/${
	    state.notice}/orders"]`);
	await orders.locator('input[name=scheduled_on]').fill(`${NEXT}-03-25`);
	await orders.locator('input[name=deadline]').fill(`${NEXT}-05-31`);
	await submit(page, orders.getByRole('button',
	    { name: '安排约谈并下达整改' }));
	const rows = page.locator('section', { hasText: '约谈与整改' })
	    .locator('table').last().locator('tbody tr');
	assert.equal(await rows.count(), failing.length, 'one order each');
	const mine = rows.filter({ hasText: state.target.organ_name });
	assert.equal(await mine.count(), 1);
	/* The order is linked to, its id not shown ([workbench] item 1). */
	assert.equal((await mine.locator('a').innerText()).trim(), '查看');
	state.order = (await mine.locator('a').getAttribute('href'))
	    .split('/').pop();
	assert.match(state.order, /^rect-\d{4}-[0-9a-f]{8}$/);
	await shot(page, 'ca-04-orders');
	assertClean(page, 'the notice');
});

test('a. the organ\'s clerk reports progress, uploads evidence and ' +
    'submits; the office accepts and records the interview held',
    { timeout: slow(300_000) }, async () => {
	assert.ok(state.order, 'the orders of the notice');
	/* The criticised organ's clerk: an account the administrator adds
	 * for that organ, as for any organ without one. */
	const add = await run(['--db', srv.db, 'user', 'add', 'cycle-clerk',
		'--role', 'clerk', '--organ', state.target.organ,
		'--password-stdin'], { input: `${PASSWORD}\n` });
	assert.equal(add.code, 0, add.stderr);

	const clerk = await as('cycle-clerk', '/supervision');
	const link = clerk.locator(`a[href="/supervision/rectifications/${
	    state.order}"]`).first();
	await clickAndWait(clerk, link,
	    (u) => u.pathname.endsWith(state.order));
	assert.match(await mainText(clerk), /已下达/);
	const note = '已召开专题会议研究整改措施,正在补齐法治专题讲座。';
	await clerk.locator('textarea[name=note]').fill(note);
	await submit(clerk, clerk.getByRole('button', { name: '报告进展' }));
	assert.match(await mainText(clerk), /整改中/);
	const file = path.join(kit.tmp, '整改材料.pdf');
	await writeFile(file, tinyPdf('rectified'));
	await clerk.locator('input[type=file][name=file]').setInputFiles(file);
	await submit(clerk, clerk.getByRole('button', { name: '上传',
		exact: true }));
	assert.equal(await clerk.locator('section', { hasText: '整改材料' })
	    .getByRole('link', { name: '整改材料.pdf' }).count(), 1);
	await clerk.locator('textarea[name=report]')
	    .fill('已举办两次法治专题讲座,会议纪要和签到表见整改材料。');
	await shot(clerk, 'ca-05-clerk-submits');
	await submit(clerk, clerk.getByRole('button', { name: '提交整改报告' }));
	assert.match(await mainText(clerk), /已提交/);
	assert.equal(await clerk.getByRole('button', { name: '验收通过' }).count(),
	    0, 'the clerk does not accept');
	assertClean(clerk, 'the clerk\'s order');

	const office = await as('gy-office', `/supervision/rectifications/${
	    state.order}`);
	await office.locator('textarea[name=note]').fill('整改到位,予以验收。');
	await submit(office, office.getByRole('button', { name: '验收通过' }));
	const facts = await office.locator('dl.facts').innerText();
	assert.match(facts, /已验收/);
	/* Who accepted it: the office by its name, not the login. */
	assert.match(facts, /验收\n贵阳市依法治理办公室 · /);
	assert.doesNotMatch(facts, /gy-office/);
	const history = await office.locator('section', { hasText: '办理过程' })
	    .innerText();
	for (const step of [note, '整改材料.pdf'])
		assert.ok(history.includes(step), step);
	await shot(office, 'ca-06-office-accepts');
	const o = await api('gy-office', 'GET',
	    `/api/v1/rectifications/${state.order}`);
	assert.equal(o.body.status, 'accepted');
	assert.deepEqual(o.body.history.map((h) => h.action),
	    ['issue', 'progress', 'evidence', 'submit', 'accept']);

	/* The interview the notice called for, recorded as held. */
	/* The list of interviews still to hold (the overview shows the
	 * first ten of each list). */
	await goto(office, '/supervision/interviews?status=scheduled');
	const row = office.locator('main tbody tr', {
		hasText: state.target.organ_name }).filter({ hasText: '待约谈' });
	assert.equal(await row.count(), 1, 'the interview is scheduled');
	await row.locator('summary', { hasText: '记录约谈' }).click();
	await row.locator('input[name=interviewer]').fill('贵阳市委依法治市办主任');
	await row.locator('textarea[name=summary]')
	    .fill('指出考评不合格的问题,要求限期整改并报告。');
	await submit(office, row.getByRole('button', { name: '保存' }));
	/* Held: no longer among those still to hold, now among the held. */
	await goto(office, '/supervision/interviews?status=scheduled');
	assert.equal(await office.locator('main tbody tr', {
		hasText: state.target.organ_name }).count(), 0, 'still scheduled');
	await goto(office, '/supervision/interviews?status=held&sort=date' +
	    '&dir=desc');
	const held = office.locator('main tbody tr', {
		hasText: state.target.organ_name }).first();
	assert.match(await held.innerText(), /已约谈/);
	await shot(office, 'ca-07-interview-held');
	assertClean(office, 'the office\'s pages');
});

/* ---- b. veto → accountability case → decision → appeal ---- */

/* The case page's step form for the move to `to`. */
function step(page, to) {
	return page.locator('form.step').filter({
		has: page.locator(`input[name=to][value="${to}"]`) });
}

test('b. a veto finding referred; the case through its procedure, a ' +
    'refusal with its reason, an appeal that does not stop execution',
    { timeout: slow(300_000) }, async () => {
	const disc = await as('discipline', '/accountability');
	/* The year's 不合格 results, each failed duty with its link; the
	 * vetoing one marked. */
	const list = disc.locator('#referrals');
	assert.match(await list.innerText(), new RegExp(`${YEAR} 年度不合格 \\d+ 人`));
	const referral = list.locator('tbody li').filter({ hasText: '一票否决' })
	    .filter({ has: disc.getByRole('link', { name: '移送问责' }) })
	    .first();
	assert.equal(await referral.count(), 1, 'a vetoed result to refer');
	const row = await referral.innerText();
	assert.match(row, /第[五九]条/, 'the veto cites the duty it rests on');
	const refer = referral.getByRole('link', { name: '移送问责' });
	const person = new URL(await refer.getAttribute('href'),
	    disc.url()).searchParams.get('person');
	await shot(disc, 'cb-01-referrals');
	await clickAndWait(disc, refer, (u) => u.hash === '#new');
	const form = disc.locator('form[action="/accountability"]');
	assert.equal(await form.locator('select[name=source]').inputValue(),
	    'veto');
	assert.equal(await form.locator('input[name=person]').inputValue(),
	    person);
	/* Which item of 第九条 the case falls under comes with the referral
	 * (the vetoing duty's item, e.g. interfering in a case is 以权压法,
	 * 第九条第(三)项); the officer may still change it. */
	const items = form.locator('select[name=item]');
	const item = Number(await items.inputValue());
	assert.ok(item >= 1 && item <= 5, 'the referral names the item');
	assert.equal(await items.locator('option').count(), 6);
	assert.match(await form.locator('input[name=source_ref]').inputValue(),
	    new RegExp(`^eval:${YEAR}:${person}:`));
	await shot(disc, 'cb-02-case-form');
	await submit(disc, form.getByRole('button', { name: '立案' }),
	    (u) => /^\/accountability\/ac-/.test(u.pathname));
	state.case = decodeURIComponent(new URL(disc.url()).pathname
	    .split('/').pop());
	const facts = await disc.locator('dl').first().innerText();
	assert.match(facts, /考评一票否决/);
	assert.match(facts, new RegExp(`第九条第\\(${'一二三四五'[item - 1]}\\)项`));
	const url = `/accountability/${state.case}`;

	/* The office starts the investigation; closing it is not the
	 * office's: the step is greyed, with why. */
	const office = await as('gz-office', url);
	await submit(office, step(office, 'investigating')
	    .getByRole('button', { name: '启动调查' }));
	const refused = office.locator('.step.refused', {
		hasText: '调查终结,听取陈述申辩' });
	assert.equal(await refused.count(), 1);
	assert.match(await refused.innerText(), /调查由纪检监察机关负责/);
	assert.match(await mainText(office), /调查期限/);
	await shot(office, 'cb-03-refused-step');

	/* Discipline ends the investigation and hears the statement. */
	await goto(disc, url);
	const st = step(disc, 'statement');
	await st.locator('textarea[name=investigation]')
	    .fill('查明:违规干预司法活动,情节属实。');
	await submit(disc, st.getByRole('button', { name: '调查终结,听取陈述申辩' }));
	/* The investigator does not decide: the step is greyed, with why. */
	const mine = disc.locator('.step.refused', {
		has: disc.getByRole('button', { name: '作出问责决定' }) });
	assert.match(await mine.innerText(), /调查人员不能作出问责决定/);
	/* The office decides. A decision without the statement is refused,
	 * with the reason. */
	await goto(office, url);
	let dec = step(office, 'decided');
	await dec.locator('select[name=decision_form]').selectOption('admonish');
	await dec.locator('textarea[name=decision]').fill('给予诫勉。');
	await clickAndWait(office, dec.getByRole('button',
	    { name: '作出问责决定' }));
	assert.match(await mainText(office),
	    /作出问责决定前,须记录被问责对象的陈述和申辩/);
	await shot(office, 'cb-04-decision-refused');
	dropStatusLine(office, 409);
	dec = step(office, 'decided');
	await dec.locator('textarea[name=statement]')
	    .fill('本人对调查认定的事实无异议,请求从轻处理。');
	await dec.locator('select[name=decision_form]').selectOption('admonish');
	await dec.locator('textarea[name=decision]')
	    .fill('经查,违规干预司法活动属实,依据第九条给予诫勉。');
	await dec.locator('input[name=date]').fill(TODAY);
	await submit(office, dec.getByRole('button', { name: '作出问责决定' }));
	assert.match(office.confirms.at(-1), /“作出问责决定”记入案卷,不能撤回/,
	    'the decision asks first');
	assert.match(await mainText(office), /诫勉/);
	await shot(office, 'cb-05-decided');

	/* Execution, then an appeal within the month: execution goes on. */
	await goto(office, url);
	await submit(office, step(office, 'executing')
	    .getByRole('button', { name: '督促执行' }));
	await goto(disc, url);
	const appeal = disc.locator(`form[action="${url}/appeal"]`);
	assert.match(await mainText(disc), new RegExp(`申诉期限\\s+${NEXT}年4月15日 ` +
	    '剩 31 天'), 'one month from the decision');
	await appeal.locator('textarea[name=appeal]').fill('认为处理过重,提出申诉。');
	await submit(disc, appeal.getByRole('button', { name: '登记申诉' }));
	const c = await api('discipline', 'GET', `/api/v1/cases/${state.case}`);
	assert.equal(c.body.state, 'executing', 'the appeal does not suspend');
	assert.equal(c.body.appeal_on, TODAY);
	assert.match(await mainText(disc), /执行/);
	await shot(disc, 'cb-06-appealed');

	/* The office decides the appeal; the case is closed once executed. */
	await goto(office, url);
	const result = office.locator(`form[action="${url}/appeal"]`);
	await result.locator('select[name=result]').selectOption('upheld');
	await submit(office, result.getByRole('button', { name: '记录处理决定' }));
	const close = step(office, 'closed');
	await close.locator('textarea[name=execution]')
	    .fill('诫勉谈话已于当日进行,材料存档。');
	await submit(office, close.getByRole('button', { name: '结案' }));
	const closed = await api('gz-office', 'GET', `/api/v1/cases/${state.case}`);
	assert.equal(closed.body.state, 'closed');
	assert.equal(closed.body.decision_form, 'admonish');
	assert.equal(closed.body.appeal_result, 'upheld');
	await shot(office, 'cb-07-closed');
	assertClean(office, 'the office\'s case pages');
	assertClean(disc, 'the discipline officer\'s case pages');
});

test('b. clerks and leaders cannot see cases: 403, with the navigation',
    { timeout: slow(120_000) }, async () => {
	for (const name of ['nm-clerk', 'nm-leader']) {
		const page = await as(name);
		assert.equal(await page.locator('header.top nav')
		    .getByRole('link', { name: '问责' }).count(), 0, name);
		for (const p of ['/accountability', `/accountability/${state.case}`]) {
			await goto(page, p, 403);
			await assertNav(page);
			assert.ok(!(await mainText(page)).includes(state.case ?? '-'));
		}
		await shot(page, `cb-08-forbidden-${name}`);
		assertClean(page, name);
	}
});

/* ---- c. reports: 述法 and the annual report, locked, published ---- */

/* On a report's page: fills every paragraph still marked 【待填写】 with
 * text of its own and saves; returns the texts put in. */
async function fillTodos(page, what) {
	const form = page.locator('section', { hasText: '修改草稿' }).locator('form');
	const areas = form.locator('textarea');
	const put = [];
	for (let i = 0; i < await areas.count(); i++) {
		const t = areas.nth(i);
		const v = await t.inputValue();
		if (!v.includes('【待填写】'))
			continue;
		const text = `${what}第${put.length + 1}项:按计划推进,按季度报告进展。`;
		await t.fill(v.replace(/【待填写】[^\n]*/g, text));
		put.push(text);
	}
	await submit(page, form.getByRole('button', { name: '保存修改' }));
	assert.equal(await page.locator('main').getByText('【待填写】').count(), 0);
	return put;
}

/* Drafts a report of kind for organ through the list page's form. */
async function draftReport(page, kind, organ) {
	const form = page.locator('form[method=post][action="/reports"]');
	await form.locator('select[name=kind]').selectOption(kind);
	await form.locator('select[name=organ]').selectOption(organ);
	await form.locator('input[name=year]').fill(String(YEAR));
	await submit(page, form.getByRole('button', { name: '生成初稿' }),
	    (u) => u.pathname.startsWith(`/reports/${kind}-`));
	return decodeURIComponent(new URL(page.url()).pathname.split('/').pop());
}

test('c. a 述法 drafted from the ledger and the evaluation, edited, ' +
    'signed, locked; then no edit; its PDF reads back',
    { timeout: slow(300_000) }, async () => {
	const ev = await api('nm-clerk', 'GET',
	    `/api/v1/evaluation?year=${YEAR}&region=520102`);
	const result = ev.body.results.find((x) => x.organ === '520102-party');
	assert.ok(result, 'the party committee is evaluated');

	const clerk = await as('nm-clerk', '/reports');
	const id = await draftReport(clerk, 'shufa', '520102-party');
	state.shufa = id;
	/* The draft is in the edit form's fields. */
	const draft = (await clerk.locator('main textarea, main input[name=title]')
	    .evaluateAll((xs) =>
	    xs.map((x) => x.value))).join('\n');
	/* From the evaluation: its grade; from the ledger: what was done. */
	assert.ok(draft.includes(result.person_name), 'names the leader');
	assert.ok(draft.includes(result.grade_label), result.grade_label);
	assert.ok(draft.includes(`得分 ${result.score.toFixed(1)} 分`),
	    'the score');
	const counted = result.duties.filter((d) => d.measure === 'count' &&
	    d.actual > 0);
	assert.ok(counted.length > 0, 'duties counted from the ledger');
	for (const d of counted)
		assert.ok(draft.includes(`${d.actual} 次,要求至少 ${d.required} 次`),
		    `${d.id}: ${d.actual} of ${d.required}`);
	await shot(clerk, 'cc-01-shufa-draft');
	const put = await fillTodos(clerk, '述法');
	assert.ok(put.length > 0, 'the draft leaves the leader something to write');
	const title = clerk.locator('form input[name=title]');
	state.shufaTitle = `${await title.inputValue()}`;
	/* Two people: the leader it is about signs it with their own
	 * account; the drafter's page says so and offers no signature, nor
	 * does the office's. */
	await goto(clerk, `/reports/${id}`);
	assert.match(await clerk.locator('main').innerText(),
	    new RegExp(`定稿后由${result.person_name}本人登录签署`));
	assert.equal(await clerk.getByRole('button', { name: '签署',
		exact: true }).count(), 0);
	const office = await as('nm-office', `/reports/${id}`);
	assert.equal(await office.getByRole('button', { name: '签署',
		exact: true }).count(), 0, 'the office does not sign');
	const leader = await as('nm-leader', `/reports/${id}`);
	/* Signing is final: the browser asks, and a no sends nothing. */
	const sign = leader.getByRole('button', { name: '签署', exact: true });
	leader.confirmAnswer = false;
	await sign.click();
	assert.match(leader.confirms.at(-1), /签署后报告不能再修改.*确定签署?/);
	await goto(leader, `/reports/${id}`);
	assert.equal(await sign.count(), 1, 'a no leaves the draft unsigned');
	leader.confirmAnswer = true;
	await submit(leader, sign);
	await shot(leader, 'cc-02a-shufa-signed-by-leader');
	await goto(clerk, `/reports/${id}`);
	assert.equal(await clerk.locator('form input[name=title]').count(), 0,
	    'signed: no edit form');
	await shot(clerk, 'cc-02-shufa-signed');

	await goto(office, `/reports/${id}`);
	await submit(office, office.getByRole('button', { name: '锁定' }));
	assert.match(office.confirms.at(-1), /锁定后报告定稿。确定锁定?/);
	assert.match(await office.locator('main section.card').first()
	    .innerText(), /已锁定/);
	await shot(office, 'cc-03-shufa-locked');
	/* Locked: the clerk's page offers nothing to change, the API
	 * refuses with the reason. */
	await goto(clerk, `/reports/${id}`);
	assert.equal(await clerk.locator('form[action^="/reports/"]').count(), 0);
	const frozen = await api('nm-clerk', 'PUT', `/api/v1/reports/${id}`,
	    { json: { title: '改' } });
	assert.equal(frozen.status, 409, frozen.text);
	assert.match(frozen.body.title, /[\u4e00-\u9fff]/);

	const text = await downloadPdf(clerk, clerk.getByRole('link',
	    { name: '下载 PDF' }), 'shufa.pdf');
	assert.ok(text.includes(state.shufaTitle.replace(/\s+/g, '')),
	    'the title');
	/* What was typed in Chinese with Western punctuation is printed
	 * with Chinese punctuation (the 公文 layout normalises it). */
	const printed = (x) => x.replace(/\s+/g, '').replace(/[,:;?!]/g,
	    (c) => String.fromCodePoint(c.codePointAt(0) + 0xfee0));
	for (const p of put)
		assert.ok(text.includes(printed(p)), p);
	assertClean(clerk, 'the clerk\'s report pages');
	assertClean(office, 'the office\'s report pages');
	assertClean(leader, 'the leader\'s report pages');
});

test('c. the annual report: five parts, three recipients, signed, ' +
    'locked, published; on /public/ by region, year and search, logged ' +
    'out; its PDF reads back', { timeout: slow(300_000) }, async () => {
	const clerk = await as('nm-gov-clerk', '/reports');
	const id = await draftReport(clerk, 'annual', '520102-gov');
	const form = clerk.locator('section', { hasText: '修改草稿' })
	    .locator('form');
	const parts = [];
	for (let i = 0; i < 5; i++)
		parts.push(await form.locator(`input[name=t${i}]`).inputValue());
	assert.deepEqual(parts, ['一、主要举措和成效', '二、存在的不足和原因',
		'三、党政主要负责人履行推进法治建设第一责任人职责情况',
		'四、下一年度主要安排', '五、其他需要报告的情况']);
	assert.equal(await form.locator(`input[name=t5]`).count(), 0);
	const to = form.locator('fieldset', { hasText: '报送对象' })
	    .locator('input[type=checkbox]');
	assert.equal(await to.count(), 3);
	for (let i = 0; i < 3; i++)
		await to.nth(i).check();
	await shot(clerk, 'cc-04-annual-draft');
	await fillTodos(clerk, '法治政府');
	const title = await clerk.locator('form input[name=title]').inputValue();
	const facts = await clerk.locator('main section.card').first().innerText();
	for (const r of ['本级党委', '本级人大常委会', '上一级政府'])
		assert.ok(facts.includes(r), r);
	/* Signed by the 区长 in person, then locked and published by the
	 * office. */
	const mayor = await as('nm-gov-leader', `/reports/${id}`);
	await submit(mayor, mayor.getByRole('button', { name: '签署',
		exact: true }));
	await shot(mayor, 'cc-04a-annual-signed-by-mayor');
	const office = await as('nm-office', `/reports/${id}`);
	await submit(office, office.getByRole('button', { name: '锁定' }));
	await office.locator('input[name=published_on]').fill(TODAY);
	await submit(office, office.getByRole('button', { name: '向社会公开' }));
	assert.match(office.confirms.at(-1), /确定向社会公开?/);
	assert.match(await office.locator('main section.card').first()
	    .innerText(), /已公开/);
	await shot(office, 'cc-05-annual-published');
	const text = await downloadPdf(office, office.getByRole('link',
	    { name: '下载 PDF' }), 'annual.pdf');
	assert.ok(text.includes(title.replace(/\s+/g, '')), 'the title');
	for (const p of parts)
		assert.ok(text.includes(p), p);
	assertClean(office, 'the office\'s report pages');

	/* Logged out: the portal lists it by region and year, and finds it
	 * by a Chinese phrase of its text. */
	const pub = await newPage();
	await goto(pub, '/public/');
	assert.equal(await pub.getByRole('button', { name: '退出' }).count(), 0,
	    'nobody is logged in');
	const filters = pub.locator('form[action="/public/"]');
	await filters.locator('select[name=region]').selectOption('520102');
	await filters.locator('select[name=year]').selectOption(String(YEAR));
	await clickAndWait(pub, filters.getByRole('button', { name: '筛选' }),
	    (u) => u.searchParams.get('region') === '520102');
	const link = pub.locator(`a[href="/public/reports/${id}"]`);
	assert.equal(await link.count(), 1, 'listed under 南明区, the year');
	await shot(pub, 'cc-06-public-list');
	const search = pub.locator('form[action="/public/search"]');
	await search.locator('input[name=q]').fill('按季度报告进展');
	await clickAndWait(pub, search.getByRole('button', { name: '检索' }),
	    (u) => u.pathname === '/public/search');
	assert.equal(await pub.locator(`a[href="/public/reports/${id}"]`)
	    .count(), 1, 'found by the search');
	await shot(pub, 'cc-07-public-search');
	await clickAndWait(pub, pub.locator(`a[href="/public/reports/${id}"]`),
	    (u) => u.pathname === `/public/reports/${id}`);
	assert.equal(await pub.locator('h1').innerText(), title);
	/* The portal's PDF opens in the browser rather than downloading:
	 * fetched from its link, without a session. */
	const href = await pub.getByRole('link', { name: /PDF/ })
	    .getAttribute('href');
	const res = await pub.request.get(href);
	assert.equal(res.status(), 200);
	const file = path.join(kit.tmp, 'public.pdf');
	await writeFile(file, await res.body());
	assert.equal(await pdfText(file), text, 'the public PDF is the report\'s');
	/* The unpublished 述法 is on no public page. */
	await goto(pub, `/public/reports/${state.shufa}`, 404);
	await shot(pub, 'cc-08-public-report');
	assertClean(pub, 'the portal');
});
