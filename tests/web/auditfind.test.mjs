/*
 * The audit log's 对象 filter finds an entry by what people see and type
 * (web_label_id): a record's readable number (南明区台账 2026-0012), a
 * person's or an organ's whole name, as well as by the text the log
 * stores (an id from the API, a kind); the box keeps what was typed. A
 * number that is no record's finds nothing.
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
	return { typed: box[1], rows: body.split('<tr').slice(1)
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
	/* A number nobody has finds nothing. */
	assert.equal((await rows('南明区台账 1999-9999')).rows.length, 0);

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
	/* Part of a name is looked for as typed: no id's text holds it. */
	assert.equal((await rows(name.slice(0, 1) + '某某某')).rows.length, 0);
});
