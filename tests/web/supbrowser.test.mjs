/*
 * Inspection → finding → 移交整改 → 整改 → 逾期 in a real browser, at an
 * office's screen (1366×768) and a phone's (390×844), without typing an
 * id ([workbench] items 1 and 2): the inspector records a finding with the
 * organ picked by name and hands it to the office with a proposal; the
 * office finds it among its 待办, issues the order from the form the
 * proposal filled; the inspector sees 整改中 with the deadline in Chinese;
 * an order past its deadline reads 逾期 in the list of orders. Screenshots
 * in test-artifacts/supbrowser-*.png.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { OFFICE, PHONE, assertClean, clickAndWait, goto, kit, login,
	newPage, overflow, shot, useBrowser } from './browser-kit.mjs';
import { YEAR, onDay, useServer } from './harness.mjs';

const NEXT = YEAR + 1;
const TODAY = `${NEXT}-05-10`;
useBrowser(/^supbrowser-.*\.png$/);
const srv = kit.srv = useServer({ env: { LVZHI_TODAY: TODAY } });

/* An internal id printed as text. */
const ID_TEXT = /\b(find|insp|rect|itv)-\d{4}-[0-9a-f]{8}\b|\b\d{6}-[a-z]+\b/;
const mainText = (page) => page.locator('main').innerText();

for (const [size, viewport] of [['office', OFFICE], ['phone', PHONE]]) {
	test(`移交整改 to its end at ${viewport.width}×${viewport.height}`,
	    async () => {
		const token = await srv.login('inspector');
		const insp = await srv.api('POST', '/api/v1/inspections', { token,
			json: { kind: 'special', title: `浏览器督查(${size})`,
				region: '520102', year: NEXT } });
		assert.equal(insp.status, 201, insp.text);
		const where = `/supervision/inspections/${insp.body.id}`;

		/* The inspector records a finding: the organ by its name. */
		const page = await newPage(viewport);
		await login(page, 'inspector', where);
		const form = page.locator('form[action$="/findings"]');
		const box = form.getByRole('combobox', { name: /被督查机构/ });
		await box.pressSequentially('南明区司法', { delay: 30 });
		const option = page.getByRole('option', { name: /南明区司法局/ });
		await option.first().waitFor();
		await option.first().click();
		assert.equal(await form.locator('input[type=hidden][name=organ]')
		    .inputValue(), '520102-justice');
		await form.getByLabel('严重程度').selectOption('serious');
		await form.getByLabel('问题描述').fill(`行政执法公示不全(${size})`);
		await clickAndWait(page, form.getByRole('button', { name: '记录' }),
		    (u) => u.searchParams.get('ok') === 'finding');

		/* ... and hands it over with a proposal. */
		const row = page.locator('tr', { hasText: `行政执法公示不全(${size})` });
		await row.getByText('移交整改', { exact: true }).click();
		await row.getByLabel('建议整改要求').fill('限期完善行政执法公示');
		await row.getByLabel('建议整改期限').fill(`${NEXT}-06-30`);
		await shot(page, `supbrowser-${size}-01-refer`);
		await clickAndWait(page, row.getByRole('button', { name: '移交' }),
		    (u) => u.searchParams.get('ok') === 'referred');
		/* An irreversible step, asked first. */
		assert.equal(page.confirms.length, 1);
		assert.match(page.confirms[0], /不能撤回/);
		let text = await mainText(page);
		assert.ok(text.includes('问题已移交依法治理办公室整改'));
		assert.ok(text.includes('已移交'));
		assert.ok(text.includes(`${NEXT}年6月30日`), 'the date in Chinese');
		assert.doesNotMatch(text, ID_TEXT);
		assert.deepEqual((await overflow(page)).wide, [], 'no sideways scroll');
		await shot(page, `supbrowser-${size}-02-referred`);
		assertClean(page, 'inspector');

		/* The office: its 待办, then the order from the proposal. */
		const office = await newPage(viewport);
		await login(office, 'nm-office', '/');
		const todo = office.locator('section.todo');
		const item = todo.getByRole('link',
		    { name: new RegExp(`行政执法公示不全\\(${size}\\)`) });
		await clickAndWait(office, item, (u) => u.pathname === where);
		const orow = office.locator('tr', {
		    hasText: `行政执法公示不全(${size})` });
		const order = orow.locator('form[action="/supervision/rectifications"]');
		assert.equal(await order.getByLabel('整改要求').inputValue(),
		    '限期完善行政执法公示');
		assert.equal(await order.getByLabel('整改期限').inputValue(),
		    `${NEXT}-06-30`);
		await shot(office, `supbrowser-${size}-03-office`);
		await clickAndWait(office, order.getByRole('button', { name: '下达' }),
		    (u) => /^\/supervision\/rectifications\/rect-/.test(u.pathname));
		text = await mainText(office);
		assert.ok(text.includes(`${NEXT}年6月30日`));
		assert.ok(text.includes(`行政执法公示不全(${size})`), 'its finding');
		assert.doesNotMatch(text, ID_TEXT);
		assertClean(office, 'office');

		/* The inspector sees it under way. */
		await goto(page, where);
		text = await page.locator('tr', { hasText:
		    `行政执法公示不全(${size})` }).innerText();
		assert.ok(text.includes('整改中'), text);
		await shot(page, `supbrowser-${size}-04-rectifying`);

		/* A late one, in the list of orders: 逾期. */
		const ftoken = await srv.login('nm-office');
		const f = await srv.api('POST',
		    `/api/v1/inspections/${insp.body.id}/findings`, { token, json: {
			organ: '520102-justice', severity: 'minor',
			description: `台账不全(${size})` } });
		assert.equal(f.status, 201, f.text);
		/* Ordered in April; the deadline has passed since. */
		const late = await onDay(srv, `${NEXT}-04-20`, (early) => early.api(
		    'POST', '/api/v1/rectifications', { token: ftoken, json: {
			source: 'finding', finding: f.body.id, requirement: '补齐台账',
			deadline: `${NEXT}-05-01` } }));
		assert.equal(late.status, 201, late.text);
		await goto(page, '/supervision/rectifications?overdue=1');
		const lrow = page.locator('tr', { hasText: `${NEXT}年5月1日` });
		assert.ok((await lrow.first().innerText()).includes('逾期'));
		assert.deepEqual((await overflow(page)).wide, [], 'no sideways scroll');
		await shot(page, `supbrowser-${size}-05-overdue`);
		await goto(page, where);
		text = await page.locator('tr', { hasText: `台账不全(${size})` })
		    .innerText();
		assert.ok(text.includes('逾期'), text);
		assertClean(page, 'inspector');
	});
}
