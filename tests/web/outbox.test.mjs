/*
 * The webhook's outbox is pruned (docs/deploy.md, webhook_keep): serve's
 * thread deletes the entries done with — sent, failed, let go —
 * webhook_keep days after their last attempt, in one transaction with
 * an audit entry of how many; a queued entry that no sender took goes
 * webhook_keep days after it was too old to send (three days), a younger
 * one stays, and so do the ones done with more recently; the audit log
 * still verifies. A server without a webhook_url queues nothing, and
 * prunes all the same.
 */
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { SANITIZER_REPORT, YEAR, freshDb, login, run, slow, spawnServer,
    sql } from './harness.mjs';

const DAY = 86400;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

test('entries done with are deleted webhook_keep days after their last ' +
    'attempt, queued ones as long after they were too old to send; ' +
    'recent ones stay', { timeout: slow(180_000) },
    async () => {
	const dir = await mkdtemp(path.join(os.tmpdir(), 'lvzhi-outbox-'));
	const db = freshDb(dir);
	const demo = await run(['--db', db, 'demo', '--year', String(YEAR)]);
	assert.equal(demo.code, 0, demo.stderr);
	const now = Math.floor(Date.now() / 1000);
	/* kind: what the test expects (gone or kept); state; last attempt */
	const rows = [
		['gone-sent', 'sent', now - 11 * DAY],
		['gone-failed', 'failed', now - 11 * DAY],
		['gone-expired', 'expired', now - 11 * DAY],
		['kept-sent', 'sent', now - 9 * DAY],
		['kept-queued', 'queued', now - 11 * DAY],
		['gone-queued', 'queued', now - 13 * DAY],
	];
	for (const [kind, state, at] of rows)
		await sql(db, 'INSERT INTO outbox(kind, body, created, next_at, ' +
		    `attempts, state) VALUES ('${kind}', '{}', ${at - DAY}, ${at}, ` +
		    `1, '${state}')`);
	const srv = await spawnServer(dir, db, { env: { LVZHI_REMIND: '1',
		LVZHI_WEBHOOK_KEEP: '10' } });
	let kinds = null;
	try {
		for (let i = 0; i < 60; i++) {
			kinds = (await sql(db, 'SELECT kind FROM outbox WHERE kind ' +
			    'LIKE \'gone-%\' OR kind LIKE \'kept-%\' ORDER BY kind'))
			    .trim().split('\n').filter(Boolean);
			if (!kinds.some((k) => k.startsWith('gone-')))
				break;
			await sleep(500);
		}
	} finally {
		const e = await srv.stop();
		assert.ok(e.code === 0 && !e.sanitizer && !SANITIZER_REPORT.test(
		    e.stderr), `serve stopped cleanly: ${e.stderr}`);
	}
	assert.deepEqual(kinds, ['kept-queued', 'kept-sent']);
	const audit = (await sql(db, 'SELECT actor || \' \' || entity FROM ' +
	    'audit WHERE action = \'webhook.prune\'')).trim();
	assert.equal(audit, 'system:webhook outbox:4');
	const verify = await run(['--db', db, 'audit', 'verify']);
	assert.equal(verify.code, 0, verify.stderr);
	await srv.cleanup(false);
});

test('without a webhook_url nothing is queued, and the outbox is pruned ' +
    'all the same', { timeout: slow(180_000) }, async () => {
	const dir = await mkdtemp(path.join(os.tmpdir(), 'lvzhi-outbox-'));
	const db = freshDb(dir);
	const demo = await run(['--db', db, 'demo', '--year', String(YEAR),
		'--accounts']);
	assert.equal(demo.code, 0, demo.stderr);
	const now = Math.floor(Date.now() / 1000);
	/* Queued by `lvzhi remind` for a server that never came. */
	await sql(db, 'INSERT INTO outbox(kind, body, created, next_at, ' +
	    `attempts, state) VALUES ('gone-stale', '{}', ${now - 40 * DAY}, ` +
	    `${now - 40 * DAY}, 0, 'queued')`);
	const srv = await spawnServer(dir, db, { env: { LVZHI_REMIND: '0',
		LVZHI_WEBHOOK_KEEP: '30' } });
	try {
		const clerk = await login(srv, 'nm-clerk');
		const office = await login(srv, 'nm-office');
		const id = `t-outbox-${process.pid}`;
		const rec = await srv.api('POST', '/api/v1/records', { token: clerk,
			json: { id, kind: 'rol_report_hearing', organ: '520102-party',
			date: `${YEAR + 1}-03-10`, title: '无推送地址时的退回' } });
		assert.equal(rec.status, 201, rec.text);
		const rej = await srv.api('POST', `/api/v1/records/${id}/reject`,
		    { token: office, json: { note: '缺少会议纪要' } });
		assert.equal(rej.status, 200, rej.text);
		const told = (await sql(db, 'SELECT count(*) FROM message WHERE ' +
		    `kind = 'record.returned' AND link = '/ledger/${id}'`)).trim();
		assert.ok(Number(told) > 0, 'the clerk still gets the message');
		let left = null;
		for (let i = 0; i < 60; i++) {
			left = (await sql(db, 'SELECT kind FROM outbox')).trim();
			if (left === '')
				break;
			await sleep(500);
		}
		assert.equal(left, '', 'nothing queued, the stale entry pruned');
	} finally {
		const e = await srv.stop();
		assert.ok(e.code === 0 && !e.sanitizer && !SANITIZER_REPORT.test(
		    e.stderr), `serve stopped cleanly: ${e.stderr}`);
	}
	await srv.cleanup(false);
});
