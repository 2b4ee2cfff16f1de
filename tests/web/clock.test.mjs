/*
 * One clock: what the domain stamps on a row (dom_now) follows the day
 * the server takes for today (date_today(), LVZHI_TODAY in tests and
 * demos), so that a date checked against a stamp is checked on that
 * clock. An interview scheduled on a day set back from the wall clock
 * is recorded as held days later, under a server whose day has moved
 * on; held before it was scheduled, or after today, it is refused.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { SANITIZER_REPORT, YEAR, login, slow, spawnServer, startServer } from
    './harness.mjs';

const NEXT = YEAR + 1;
const SCHEDULED = `${NEXT}-03-10`; /* before the wall clock's day */
const LATER = `${NEXT}-03-20`;

async function stopped(srv) {
	const e = await srv.stop();
	assert.ok(e.code === 0 && !e.sanitizer && !SANITIZER_REPORT.test(
	    e.stderr), `serve stopped cleanly: ${e.stderr}`);
}

test('an interview scheduled under a day set back is held days later',
    { timeout: slow(240_000) }, async () => {
	assert.ok(new Date(`${SCHEDULED}T00:00:00Z`) < new Date(),
	    'the test wants a day before the wall clock');
	const first = await startServer({ env: { LVZHI_TODAY: SCHEDULED } });
	let id;
	try {
		const token = await login(first, 'nm-office');
		const organ = await first.api('GET', '/api/v1/organs/520102-justice',
		    { token });
		const person = organ.body.tenures.find((t) =>
		    t.role === 'principal' && t.end === null).person;
		const iv = await first.api('POST', '/api/v1/interviews', { token,
			json: { source: 'evaluation', organ: '520102-justice', person,
			year: YEAR, reason: '时钟测试事由', scheduled_on: `${NEXT}-03-15` } });
		assert.equal(iv.status, 201, iv.text);
		id = iv.body.id;
	} finally {
		await stopped(first);
	}
	const srv = await spawnServer(first.dir, first.db,
	    { env: { LVZHI_TODAY: LATER } });
	try {
		const token = await login(srv, 'nm-office');
		const url = `/api/v1/interviews/${id}/held`;
		const held = { interviewer: '王主任', summary: '已约谈' };
		for (const on of [`${NEXT}-03-09`, `${NEXT}-03-21`]) {
			const r = await srv.api('POST', url, { token,
				json: { ...held, held_on: on } });
			assert.equal(r.status, 400, `${on}: ${r.text}`);
			assert.equal(r.body.field, 'held_on');
		}
		const r = await srv.api('POST', url, { token,
			json: { ...held, held_on: `${NEXT}-03-16` } });
		assert.equal(r.status, 200, r.text);
		assert.equal(r.body.held_on, `${NEXT}-03-16`);
	} finally {
		await stopped(srv);
	}
	await srv.cleanup(false);
});
