/*
 * Without script ([workbench] item 1, "nobody types an id", and the
 * round-one gap "an organ filter past 100 organs ignores the typed
 * name"): a province office's ledger filter has more organs than a
 * <select> holds, so it is a search box; with JavaScript off what is
 * typed there is sent as organ_q and resolved in the store by the whole
 * name (page_picker_value, any number of organs):
 *
 *   - the whole name of one organ filters the ledger to its records, and
 *     the next page keeps the filter;
 *   - a part of a name is refused in Chinese, naming the organs whose
 *     name holds it; a name of none says none matched; no rows are shown
 *     that the filter did not select;
 *   - the 报告 form picks the 述法人 by name (no 人员编号 field) and
 *     drafts without script from the names typed.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { OFFICE, assertClean, goto, kit, login, newPage, shot,
	useBrowser } from './browser-kit.mjs';
import { YEAR, accountsOn, useServer } from './harness.mjs';

useBrowser(/^nojs-.*\.png$/);
const srv = kit.srv = useServer();
const { json: api } = accountsOn(srv);

async function page(who) {
	const p = await newPage(OFFICE, { javaScriptEnabled: false });
	await login(p, who);
	return p;
}

/* The organ column of the ledger's rows. */
const organsShown = async (p) => (await p.locator('main table tbody tr')
    .allInnerTexts()).map((t) => t);

test('the ledger\'s organ filter takes a whole name typed', async () => {
	const p = await page('gz-office');
	await goto(p, '/ledger');
	/* More organs than a select holds: a search box, no select. */
	const box = p.locator('main form.filters input[name="organ_q"]');
	assert.equal(await box.count(), 1);
	assert.equal(await p.locator('main form.filters select[name="organ"]')
	    .count(), 0);
	const organ = (await api('gz-office', '/api/v1/regions/520103'))
	    .organs.find((o) => o.kind === 'government');
	await box.fill(organ.name);
	await Promise.all([p.waitForURL(/organ_q=/),
		p.locator('main form.filters button[type="submit"]').click()]);
	const want = await api('gz-office',
	    `/api/v1/records?organ=${organ.id}&per_page=1`);
	assert.ok(want.total > 0, 'records of the organ');
	const total = await p.locator('.list-total').innerText();
	assert.match(total, new RegExp(`共 (${want.total}|1万\\+) 条`));
	const rows = await organsShown(p);
	assert.ok(rows.length > 0);
	for (const r of rows)
		assert.ok(r.includes(organ.name), `${r} is ${organ.name}'s`);
	/* The box shows the organ chosen, and the pager keeps it. */
	assert.match(await box.inputValue(), new RegExp(organ.name));
	const next = p.locator('nav.pager a[rel="next"]');
	if (await next.count() > 0) {
		assert.match(await next.getAttribute('href'), /organ/);
		await Promise.all([p.waitForURL(/page=2/), next.click()]);
		for (const r of await organsShown(p))
			assert.ok(r.includes(organ.name));
	}
	await shot(p, 'nojs-ledger-organ.png');

	/* A part of a name: refused, naming whose names hold it. */
	await goto(p, '/ledger');
	await box.fill('人民政府');
	await Promise.all([p.waitForURL(/organ_q=/),
		p.locator('main form.filters button[type="submit"]').click()]);
	const alert = await p.locator('main .alert[role="alert"]').innerText();
	assert.match(alert, /^机构:未找到全名为“人民政府”的机构;名称中含有它的有:/);
	assert.match(alert, /人民政府.*等。请输入全名$/);
	assert.equal(await p.locator('main table tbody tr').count(), 0);
	/* A name of none. */
	await goto(p, `/ledger?organ_q=${encodeURIComponent('查无此机构')}`);
	assert.match(await p.locator('main .alert[role="alert"]').innerText(),
	    /未找到“查无此机构”/);
	assert.equal(await p.locator('main table tbody tr').count(), 0);
	assertClean(p, 'the ledger without script');
	await p.close();
});

test('the 报告 form picks the 述法人 by name, without script too',
    async () => {
	const p = await page('nm-office');
	await goto(p, '/reports');
	const main = p.locator('main');
	assert.doesNotMatch(await main.innerText(), /人员编号/);
	const form = p.locator('form[action="/reports"][method="post"]');
	const person = form.locator('input[name="person_q"]');
	assert.equal(await person.count(), 1);
	/* The leader of 南明区人民政府, by name and organ. */
	const gov = (await api('nm-office',
	    '/api/v1/people?organ=520102-gov&limit=50')).items.find((x) =>
	    x.role === 'principal');
	assert.ok(gov, 'a principal of 南明区人民政府');
	await form.locator('select[name="kind"]').selectOption('shufa');
	const organ = form.locator('[name="organ"], [name="organ_q"]').first();
	if (await organ.evaluate((e) => e.tagName) === 'SELECT')
		await organ.selectOption('520102-gov');
	else
		await organ.fill('南明区人民政府');
	await form.locator('input[name="year"]').fill(String(YEAR - 1));
	await person.fill(`${gov.name} 南明区人民政府`);
	await Promise.all([p.waitForURL(/\/reports\/shufa-/),
		form.locator('button[type="submit"]').click()]);
	const text = await main.innerText();
	assert.match(text, new RegExp(`述法人\\s*${gov.name}`));
	assert.doesNotMatch(text, /\bp-\d{3,}/);
	await shot(p, 'nojs-report-drafted.png');
	/* A name of no one: a Chinese refusal naming the field. */
	await goto(p, '/reports');
	await form.locator('select[name="kind"]').selectOption('shufa');
	if (await organ.evaluate((e) => e.tagName) === 'SELECT')
		await organ.selectOption('520102-gov');
	else
		await organ.fill('南明区人民政府');
	await person.fill('查无此人');
	const [res] = await Promise.all([p.waitForResponse((r) =>
	    r.url().endsWith('/reports') && r.request().method() === 'POST'),
		form.locator('button[type="submit"]').click()]);
	assert.equal(res.status(), 400);
	assert.match(await res.text(), /述法人:未找到“查无此人”/);
	await p.close();
});
