/*
 * The audit log's 对象 filter finds an entry by what people see and type
 * (web_label_id): a record's readable number (南明区台账 2026-0012), a
 * person's or an organ's whole name, as well as by the text the log
 * stores (an id from the API, a kind); the box keeps what was typed. A
 * 问责 case by its number as its pages show it (南明区〔2026〕3号). A
 * number that is no record's or case's finds nothing and says so, as
 * does any other text that finds nothing.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { YEAR, accountsOn, useServer } from './harness.mjs';

const srv = useServer();
const { as, page } = accountsOn(srv);

/* The rows of the audit page's table, as text. */
async function rows(object) {
	const html = await page('admin', `/audit?object=${
	    encodeURIComponent(object)}`);
	const box = /<input type="search" name="object"[^>]*value="([^"]*)"/
	    .exec(html);
	assert.ok(box, 'the 对象 box');
	const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html)?.[1] ?? '';
	/* The empty table says so in a row of its own. */
	/* The empty table's row: why nothing was found. */
	const empty = /<td colspan="8"[^>]*>([^<]*)<\/td>/.exec(body)?.[1];
	return { typed: box[1], empty, rows: body.split('<tr').slice(1)
	    .filter((r) => !r.includes('colspan')) };
}

test('对象 finds a record by its number, a person and an organ by name',
    async () => {
	const made = await as('nm-clerk', 'POST', '/api/v1/records', { json: {
		id: `t-auditfind-${process.pid}`, kind: 'rol_report_hearing', organ: '520102-party',
		date: `${YEAR + 1}-03-10`, title: '审计对象测试:听取汇报' } });
	assert.equal(made.status, 201, made.text);
	const { id, number } = made.body;
	assert.match(number, /^南明区台账 \d{4}-\d{4,}$/);
	const ok = await as('nm-office', 'POST', `/api/v1/records/${id}/verify`);
	assert.equal(ok.status, 200, ok.text);

	/* By the number people see: the create and the verify. */
	const byNumber = await rows(number);
	assert.equal(byNumber.typed, number, 'the box keeps what was typed');
	assert.equal(byNumber.rows.length, 2, byNumber.rows.join('\n'));
	/* By the id, as before. */
	assert.equal((await rows(id)).rows.length, 2);
	/* A number nobody has finds nothing, and says so. */
	const none = await rows('南明区台账 1999-9999');
	assert.equal(none.rows.length, 0);
	assert.equal(none.empty, '对象:没有编号为「南明区台账 1999-9999」的台账记录。');
	/* The number without its region where several regions have it:
	 * asked for the region. */
	const bare = number.replace(/^.*台账 /, '');
	const several = await rows(bare);
	if (several.rows.length === 0)
		assert.match(several.empty, /^对象:编号「[^」]+」在多个地区都有台账记录,请在编号前写上地区名/);
	else
		assert.equal(several.rows.length, 2, 'one region has it');

	/* A person by whole name: a score of the leader names them. */
	const me = await as('nm-leader', 'GET', '/api/v1/me');
	const scored = await as('nm-office', 'PUT', '/api/v1/scores', { json: {
		person: me.body.person, year: YEAR, duty: '5.1-leadership',
		score: 80 } });
	assert.equal(scored.status, 200, scored.text);
	const people = await as('admin', 'GET',
	    '/api/v1/people?organ=520102-party&limit=50');
	const name = people.body.items?.find((x) => x.id === me.body.person)
	    ?.name;
	assert.ok(name, `the leader's name: ${people.text}`);
	const byName = await rows(name);
	const byId = await rows(me.body.person);
	assert.ok(byId.rows.length >= 1, 'the score names the person by id');
	assert.equal(byName.rows.length, byId.rows.length, 'and by name');
	assert.equal(byName.typed, name);
	/* Part of a name is looked for as typed: no id's text holds it,
	 * and the empty table says what 对象 takes. */
	const part = await rows(name.slice(0, 1) + '某某某');
	assert.equal(part.rows.length, 0);
	assert.match(part.empty, /^没有与对象「.某某某」相符的记录。对象可填台账编号/);
});

test('对象 finds a 问责 case by the number its pages show', async () => {
	const list = await as('admin', 'GET', '/api/v1/cases?per_page=100');
	assert.equal(list.status, 200, list.text);
	const c = list.body.items.find((x) => x.number);
	assert.ok(c, `a numbered case: ${list.text}`);
	/* As the case page shows it: the region's name and 〔year〕n号. */
	const shown = `${c.region_name}${c.number}`;
	const html = await page('admin', `/accountability/${c.id}`);
	assert.ok(html.includes(`问责案件 ${shown}`), shown);
	const byId = await rows(c.id);
	assert.ok(byId.rows.length >= 1, 'the case is in the log by its id');
	const byNumber = await rows(shown);
	assert.equal(byNumber.typed, shown);
	assert.deepEqual(byNumber.rows, byId.rows);
	/* Typed with the keyboard's brackets, spaces, or without 号. */
	const [, year, seq] = /〔(\d{4})〕(\d+)号/.exec(c.number);
	for (const typed of [`${c.region_name} [${year}]${seq}号`,
	    `${c.region_name}(${year})${seq}`, `${c.region_name}【${year}】 ${seq} 号`])
		assert.deepEqual((await rows(typed)).rows, byId.rows, typed);
	/* Without the region: the case, or where several regions have that
	 * number, a request for the region. */
	const bare = await rows(c.number);
	const same = list.body.items.filter((x) => x.number === c.number);
	if (same.length === 1)
		assert.deepEqual(bare.rows, byId.rows);
	else
		assert.match(bare.empty, new RegExp(`^对象:编号「${c.number}」在` +
		    '多个地区都有问责案件,请在编号前写上地区名'));
	/* A number no case has. */
	const none = await rows(`${c.region_name}〔1999〕9999号`);
	assert.equal(none.rows.length, 0);
	assert.equal(none.empty, `对象:没有编号为「${c.region_name}〔1999〕` +
	    '9999号」的问责案件。');
});
