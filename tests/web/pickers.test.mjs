/*
 * Nobody sees or types an internal id ([workbench] item 1): the pickers'
 * lookups (GET /api/v1/people, /organs, /regions?q=) answer within the
 * caller's scope only; the 问责 立案 form opened from a 移送问责 link
 * shows where the case came from in words and picks the person by typing
 * part of a name; the pages it touches show no p-/r- id as text; and
 * records and cases get readable numbers (南明区台账 2025-0012,
 * 〔2026〕3号), one each, in order, under concurrent creates and after an
 * import, found again by the ledger's search.
 *
 * "Today" is fixed in the year after the demo's, so that the demo's
 * vetoed results are last year's and offered for referral.
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';

import { as as asPage, assertClean, clickAndWait, goto, kit, shot,
	useBrowser } from './browser-kit.mjs';
import { YEAR, accountsOn, browserLogin, run, slow, sql, useServer }
    from './harness.mjs';

const NEXT = YEAR + 1;
useBrowser(/^pickers-.*\.png$/);
const srv = kit.srv = useServer({ env: { LVZHI_TODAY: `${NEXT}-03-15` } });
const { as: api } = accountsOn(srv);
const lookup = (who, kind, query) => api(who, 'GET',
    `/api/v1/${kind}?${new URLSearchParams(query)}`);

/* An internal id printed as text: a person's, a record's, a case's. */
const ID_TEXT = /\bp-\d{3,}|\br-\d{4,}|\bac-\d{4}-\d+/;

/* text as a regular expression matching itself. */
const literal = (text) => new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g,
    '\\$&'));

/* The visible text of the page's main part. */
const mainText = (page) => page.locator('main').innerText();

test('lookups answer only within the caller\'s scope', async () => {
	/* Without a login: 401. */
	const anon = await srv.api('GET', '/api/v1/people?q=王');
	assert.equal(anon.status, 401);

	/* The administrator sees a person of 云岩区 (520103) ... */
	const yy = await lookup('admin', 'people', { q: '', region: '520103',
		limit: 5 });
	assert.equal(yy.status, 200, yy.text);
	assert.ok(yy.body.items.length > 0);
	for (const p of yy.body.items)
		assert.match(p.region, /^520103/);
	const other = yy.body.items[0];
	assert.equal(typeof other.post, 'string');
	assert.ok(other.post.startsWith(other.organ_name), other.post);

	/* ... whom 南明区's office and clerk cannot find by name, nor by
	 * asking for that region or organ (403 naming the field). */
	for (const who of ['nm-office', 'nm-clerk']) {
		const r = await lookup(who, 'people', { q: other.name });
		assert.equal(r.status, 200, r.text);
		assert.ok(!r.body.items.some((p) => p.id === other.id),
		    `${who} found ${other.id}`);
		const reg = await lookup(who, 'people', { q: other.name,
			region: '520103' });
		assert.equal(reg.status, 403, reg.text);
		assert.equal(reg.body.field, 'region');
		const org = await lookup(who, 'people', { organ: other.organ });
		assert.equal(org.status, 403, org.text);
		assert.equal(org.body.field, 'organ');
	}
	/* The office finds its own people, and only them. */
	const mine = await lookup('nm-office', 'people', { q: '', limit: 50 });
	assert.equal(mine.status, 200);
	assert.ok(mine.body.items.length > 0);
	for (const p of mine.body.items)
		assert.match(p.region, /^520102/, JSON.stringify(p));
	/* A clerk finds the people of its own organ only. */
	const clerk = await lookup('nm-clerk', 'people', { q: '', limit: 50 });
	assert.ok(clerk.body.items.length > 0);
	for (const p of clerk.body.items)
		assert.equal(p.organ, '520102-party');
	/* A part of a name finds whoever has it. */
	const someone = mine.body.items[0];
	const part = [...someone.name].slice(1).join('');
	const found = await lookup('nm-office', 'people', { q: part });
	assert.ok(found.body.items.some((p) => p.id === someone.id));
	for (const p of found.body.items)
		assert.ok(p.name.includes(part));
	/* A ceiling on the limit; an unknown region is 404. */
	const all = await lookup('admin', 'people', { q: '', limit: 100000 });
	assert.equal(all.status, 200);
	assert.equal(all.body.items.length, 50);
	const none = await lookup('admin', 'people', { region: '999999' });
	assert.equal(none.status, 404);

	/* Organs and regions alike. */
	const organs = await lookup('nm-office', 'organs', { q: '局' });
	assert.equal(organs.status, 200);
	assert.ok(organs.body.items.length > 0);
	for (const o of organs.body.items) {
		assert.match(o.region, /^520102/);
		assert.ok(o.name.includes('局'));
	}
	const yyOrgans = await lookup('yy-clerk', 'organs', { q: '' });
	assert.deepEqual(yyOrgans.body.items.map((o) => o.id), ['520103-party']);
	const regions = await lookup('nm-office', 'regions', { q: '街道' });
	assert.equal(regions.status, 200);
	assert.ok(regions.body.items.length > 0);
	for (const g of regions.body.items)
		assert.match(g.code, /^520102/);
	const gz = await lookup('gz-office', 'regions', { q: '云岩' });
	assert.ok(gz.body.items.some((g) => g.code === '520103'));
});

/* The records' numbers of a region and year, as the API gives them. */
function seqOf(number, region, year) {
	const m = new RegExp(`^${region}台账 ${year}-(\\d{4,})$`).exec(number);
	assert.ok(m, `number ${number}`);
	return Number(m[1]);
}

test('records get readable numbers, one each, in order, also when created '
    + 'at once', { timeout: slow(120_000) }, async () => {
	const N = 8;
	const made = await Promise.all(Array.from({ length: N }, (_, i) =>
	    api('nm-clerk', 'POST', '/api/v1/records', { json: {
		id: `pick-num-${i}`, kind: 'rol_report_hearing',
		organ: '520102-party', date: `${YEAR}-05-0${i + 1}`,
		title: `编号测试 ${i}` } })));
	for (const r of made)
		assert.equal(r.status, 201, r.text);
	const seqs = made.map((r) => seqOf(r.body.number, '南明区', YEAR));
	const sorted = [...seqs].sort((a, b) => a - b);
	assert.equal(new Set(seqs).size, N, `numbers repeat: ${seqs}`);
	assert.equal(sorted[N - 1] - sorted[0], N - 1, `gaps: ${sorted}`);
	/* Read back the same, and found by the number, with or without the
	 * region. */
	const one = made[3].body;
	const back = await api('nm-clerk', 'GET', `/api/v1/records/${one.id}`);
	assert.equal(back.body.number, one.number);
	for (const q of [one.number, one.number.split(' ')[1]]) {
		const hit = await api('nm-clerk', 'GET',
		    `/api/v1/records?${new URLSearchParams({ q })}`);
		assert.equal(hit.status, 200, hit.text);
		assert.ok(hit.body.items.some((x) => x.id === one.id), q);
		assert.ok(hit.body.items.every((x) => x.number === one.number ||
		    (x.title ?? '').includes(q)), q);
	}
	/* An edit keeps the number. */
	const edit = await api('nm-clerk', 'PUT', `/api/v1/records/${one.id}`,
	    { json: { kind: 'rol_report_hearing', organ: '520102-party',
		date: one.date, title: '编号测试(修改)' } });
	assert.equal(edit.status, 200, edit.text);
	assert.equal(edit.body.number, one.number);
	/* Numbers never repeat in a region and year (the database holds
	 * them unique). */
	const dup = await sql(srv.db, 'SELECT count(*) FROM (SELECT region, ' +
	    'year, seq FROM record_number GROUP BY region, year, seq HAVING ' +
	    'count(*) > 1) x');
	assert.equal(dup.trim(), '0');
	/* Every demo record has one. */
	const missing = await sql(srv.db, 'SELECT count(*) FROM record r ' +
	    'WHERE NOT EXISTS (SELECT 1 FROM record_number n WHERE n.record ' +
	    '= r.key)');
	assert.equal(missing.trim(), '0');
});

test('an import numbers its new records in date order after the last',
    { timeout: slow(120_000) }, async () => {
	const organ = '520103-party'; /* 云岩区 */
	const year = YEAR - 6; /* a year the demo has no records in */
	const dates = ['-09-01', '-02-01', '-06-15'];
	const lines = dates.map((d, i) => JSON.stringify({ type: 'record',
		id: `pick-imp-${i}`, kind: 'rol_report_hearing', organ,
		date: `${year}${d}`, title: `导入编号 ${i}` }));
	const file = path.join(srv.dir, 'pickers-import.jsonl');
	await writeFile(file, lines.join('\n') + '\n');
	const r = await run(['--db', srv.db, 'import', file]);
	assert.equal(r.code, 0, r.stderr);
	const got = {};
	for (let i = 0; i < dates.length; i++) {
		const x = await api('admin', 'GET', `/api/v1/records/pick-imp-${i}`);
		assert.equal(x.status, 200, x.text);
		got[i] = seqOf(x.body.number, '云岩区', year);
	}
	/* The first of the year: 1, 2, 3 by date (Feb, Jun, Sep). */
	assert.deepEqual([got[1], got[2], got[0]], [1, 2, 3]);
	/* A second import of the same file changes nothing, numbers too;
	 * one more record continues after the last. */
	await writeFile(file, [...lines, JSON.stringify({ type: 'record',
		id: 'pick-imp-3', kind: 'rol_report_hearing', organ,
		date: `${year}-01-05`, title: '导入编号 3' })].join('\n') + '\n');
	const again = await run(['--db', srv.db, 'import', file]);
	assert.equal(again.code, 0, again.stderr);
	const x = await api('admin', 'GET', '/api/v1/records/pick-imp-3');
	assert.equal(seqOf(x.body.number, '云岩区', year), 4);
	const y = await api('admin', 'GET', '/api/v1/records/pick-imp-1');
	assert.equal(seqOf(y.body.number, '云岩区', year), 1);
});

test('the 问责 form opened from a 移送问责 link: the source in words, the '
    + 'person picked by typing part of a name, a numbered case, no ids',
    { timeout: slow(180_000) }, async () => {
	/* A vetoed result's link, as the page offers it. */
	const cookie = await browserLogin(srv, 'gz-office');
	const list = await srv.api('GET', '/accountability', { cookie });
	assert.equal(list.status, 200);
	/* (the list holds every 不合格 result's failed duties: a vetoing
	 * one's link says so, and brings its item of 第九条) */
	const m = /href="(\/accountability\?person=[^"#]+from=veto[^"#]*)/
	    .exec(list.text);
	assert.ok(m, 'a 移送问责 link');
	const link = m[1].replaceAll('&amp;', '&');
	const q = new URL(link, srv.base).searchParams;
	assert.match(q.get('source'), /^eval:\d{4}:[^:]+:[^:]+$/);
	assert.equal(q.get('person'), q.get('source').split(':')[2]);
	const person = (await lookup('gz-office', 'people',
	    { q: '', organ: q.get('organ'), limit: 50 })).body.items
	    .find((p) => p.id === q.get('person'));
	assert.ok(person, 'the person is in scope');

	const page = await asPage('gz-office', '/accountability');
	await goto(page, link);
	const form = page.locator('#new form');
	/* Where it came from, in words. */
	const source = await form.locator('p', { hasText: '来源' }).innerText();
	assert.match(source, new RegExp(`${q.get('source').split(':')[1]}年度考评`));
	assert.ok(source.includes(person.name), source);
	assert.ok(source.includes(person.post), source);
	/* The person and organ chosen, by name. */
	const box = form.getByRole('combobox', { name: /被问责人/ });
	assert.ok((await box.inputValue()).startsWith(person.name));
	assert.equal(await form.locator('input[type=hidden][name=person]')
	    .inputValue(), person.id);
	assert.equal(await form.locator('input[type=hidden][name=organ]')
	    .inputValue(), q.get('organ'));
	assert.doesNotMatch(await mainText(page), ID_TEXT);
	assert.doesNotMatch(await form.innerText(), /人员编号|eval:/);

	/* Pick the person again by typing part of the name: the listbox
	 * opens, the keyboard chooses. */
	const part = [...person.name].slice(1).join('');
	await box.fill('');
	assert.equal(await form.locator('input[type=hidden][name=person]')
	    .inputValue(), '');
	await box.pressSequentially(part, { delay: 30 });
	const option = page.getByRole('option', { name: literal(person.post) });
	await option.first().waitFor();
	assert.equal(await box.getAttribute('aria-expanded'), 'true');
	const options = await page.getByRole('option').allInnerTexts();
	const at = options.findIndex((t) => t.includes(person.post) &&
	    t.startsWith(person.name));
	assert.ok(at >= 0, options.join(' | '));
	for (let i = 0; i <= at; i++)
		await box.press('ArrowDown');
	await box.press('Enter');
	assert.equal(await box.getAttribute('aria-expanded'), 'false');
	assert.equal(await form.locator('input[type=hidden][name=person]')
	    .inputValue(), person.id);
	await shot(page, 'pickers-01-case-form');
	await clickAndWait(page, form.getByRole('button', { name: '立案' }),
	    (u) => /^\/accountability\/ac-/.test(u.pathname));
	const text = await mainText(page);
	assert.match(text, /案件编号\s*\S*〔\d{4}〕\d+号/);
	assert.ok(text.includes(person.name));
	assert.ok(text.includes(`${q.get('source').split(':')[1]}年度考评`));
	assert.doesNotMatch(text, ID_TEXT);
	await shot(page, 'pickers-02-case');
	/* The API keeps the id and adds the number. */
	const id = new URL(page.url()).pathname.split('/').pop();
	const c = await api('gz-office', 'GET', `/api/v1/cases/${id}`);
	assert.equal(c.body.person, person.id);
	assert.match(c.body.number, /^〔\d{4}〕\d+号$/);
	/* The listing shows numbers, not ids. */
	await goto(page, '/accountability');
	assert.doesNotMatch(await page.locator('main table').first().innerText(),
	    ID_TEXT);
	assertClean(page, 'the 问责 pages');
});

test('without script the name typed is taken: one person, or a clear '
    + 'refusal', async () => {
	const cookie = await browserLogin(srv, 'gz-office');
	const list = await srv.api('GET', '/accountability', { cookie });
	const csrf = /name="_csrf" value="([0-9a-f]+)"/.exec(list.text)[1];
	const post = (fields) => srv.api('POST', '/accountability', { cookie,
		body: new URLSearchParams({ _csrf: csrf, target: 'cadre',
			item: '3', source: 'report', summary: '无脚本立案测试',
			...fields }).toString(),
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
	const nobody = await post({ organ: '520102-party', person_q: '查无此人' });
	assert.equal(nobody.status, 400);
	assert.match(nobody.text, /未找到“查无此人”/);
	const leader = (await lookup('gz-office', 'people',
	    { organ: '520102-party', q: '' })).body.items.find((p) =>
	    p.role === 'principal');
	/* A namesake elsewhere is told apart by the organ after a space. */
	const ok = await post({ organ_q: '中共南明区委员会', person_q:
	    `${leader.name} 中共南明区委员会`, source_ref: '群众来信 2026-001' });
	assert.equal(ok.status, 303, ok.text);
	const id = ok.headers.get('location').split('?')[0].split('/').pop();
	const c = await api('gz-office', 'GET', `/api/v1/cases/${id}`);
	assert.equal(c.body.person, leader.id);
	assert.equal(c.body.organ, '520102-party');
});

test('the record pages show names and numbers, not ids', async () => {
	const page = await asPage('nm-clerk', '/ledger');
	const table = page.locator('main table').first();
	assert.match(await table.innerText(), /南明区台账 \d{4}-\d{4}/);
	const href = await table.locator('a[href^="/ledger/"]').first()
	    .getAttribute('href');
	await goto(page, href);
	const text = await mainText(page);
	assert.match(text, /台账编号\s*南明区台账 \d{4}-\d{4}/);
	assert.doesNotMatch(text.replace(/\S+\.pdf/g, ''), ID_TEXT);
	/* The form picks the related person by name. */
	await goto(page, '/ledger/new');
	assert.equal(await page.getByRole('combobox', { name: /相关人员/ })
	    .count(), 1);
	assert.doesNotMatch(await mainText(page), /人员编号/);
	/* Search by number. */
	const number = /南明区台账 \d{4}-\d{4}/.exec(text)[0];
	await goto(page, `/ledger?${new URLSearchParams({ q: number })}`);
	const rows = await page.locator('main table tbody tr').allInnerTexts();
	assert.equal(rows.length, 1, rows.join('\n'));
	assert.ok(rows[0].includes(number));
	assertClean(page, 'the ledger pages');
});
