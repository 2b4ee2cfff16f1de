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

import { SANITIZER_REPORT, YEAR, accountsOn, beijingDay, login, slow,
    spawnServer, startServer } from './harness.mjs';

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

/*
 * A zone whose day is not Beijing's at this hour of UTC (Beijing is
 * UTC+8): Pago Pago's (UTC-11) is a day behind before 11:00 UTC and from
 * 16:00 UTC, Kiritimati's (UTC+14) a day ahead from 10:00 to 16:00. A
 * server judging days by its zone is a day off in it.
 */
function otherDayZone(now = new Date()) {
	const h = now.getUTCHours();
	return h >= 10 && h < 16 ? 'Pacific/Kiritimati' : 'Pacific/Pago_Pago';
}

/* "2026年3月10日" of "2026-03-10". */
function cn(iso) {
	const [y, m, d] = iso.split('-').map(Number);
	return `${y}年${m}月${d}日`;
}

test('a server in another zone keeps Beijing\'s day and time of day',
    { timeout: slow(240_000) }, async () => {
	const zone = otherDayZone();
	const local = new Intl.DateTimeFormat('en-CA', { timeZone: zone })
	    .format(new Date());
	assert.notEqual(local, beijingDay(Date.now()),
	    `${zone}'s day differs from Beijing's now`);
	/* A review stamped under a day set back: shown on that day, at
	 * Beijing's time of day, whatever the server's zone. */
	const first = await startServer({ env: { TZ: zone,
		LVZHI_TODAY: SCHEDULED } });
	let id;
	try {
		const clerk = await login(first, 'nm-clerk');
		const office = await login(first, 'nm-office');
		const made = await first.api('POST', '/api/v1/records', {
			token: clerk, json: { id: `t-zone-${process.pid}`,
			kind: 'rol_report_hearing', organ: '520102-party',
			date: SCHEDULED, title: '时区测试:听取汇报' } });
		assert.equal(made.status, 201, made.text);
		id = made.body.id;
		const before = Date.now();
		const ok = await first.api('POST', `/api/v1/records/${id}/verify`,
		    { token: office });
		assert.equal(ok.status, 200, ok.text);
		const after = Date.now();
		const got = await first.api('GET', `/api/v1/records/${id}`,
		    { token: office });
		const at = Date.parse(got.body.reviewed_at);
		assert.equal(beijingDay(at), SCHEDULED, got.body.reviewed_at);
		/* Beijing's time of day of the wall clock, on the day set. */
		const tod = (ms) => (ms + 8 * 3600_000) % 86400_000;
		const t = tod(at);
		assert.ok(t >= tod(before) - 1000 && t <= tod(after) + 1000 ||
		    tod(before) > tod(after), `time of day of ${
		    got.body.reviewed_at}`);
		const html = await accountsOn(first).page('nm-office',
		    `/ledger/${id}`);
		assert.match(html, new RegExp(`审核人[^\\n]*?${cn(SCHEDULED)} ` +
		    '\\d\\d:\\d\\d'), 'the review shown on the day set');
	} finally {
		await stopped(first);
	}
	/* Today from the wall clock is Beijing's: an interview is held
	 * today in Beijing, not on the zone's day. */
	const srv = await spawnServer(first.dir, first.db,
	    { env: { TZ: zone } });
	try {
		const token = await login(srv, 'nm-office');
		const organ = await srv.api('GET', '/api/v1/organs/520102-justice',
		    { token });
		const person = organ.body.tenures.find((x) =>
		    x.role === 'principal' && x.end === null).person;
		const today = beijingDay(Date.now());
		const iv = await srv.api('POST', '/api/v1/interviews', { token,
			json: { source: 'evaluation', organ: '520102-justice', person,
			year: YEAR, reason: '时区测试事由', scheduled_on: today } });
		assert.equal(iv.status, 201, iv.text);
		const url = `/api/v1/interviews/${iv.body.id}/held`;
		const held = { interviewer: '王主任', summary: '已约谈' };
		const late = await srv.api('POST', url, { token,
			json: { ...held, held_on: beijingDay(Date.now(), 1) } });
		assert.equal(late.status, 400, `tomorrow in Beijing: ${late.text}`);
		assert.equal(late.body.field, 'held_on');
		const r = await srv.api('POST', url, { token,
			json: { ...held, held_on: today } });
		assert.equal(r.status, 200, `today in Beijing: ${r.text}`);
	} finally {
		await stopped(srv);
	}
	await first.cleanup(false);
});
