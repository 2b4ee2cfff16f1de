/*
 * The webhook's outbox is pruned (docs/deploy.md, webhook_keep): serve's
 * thread deletes the entries done with — sent, failed, let go —
 * webhook_keep days after their last attempt, in one transaction with
 * an audit entry of how many; queued entries stay whatever their age,
 * and so do the ones done with more recently; the audit log still
 * verifies.
 */
import assert from 'node:assert/strict';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { SANITIZER_REPORT, YEAR, freshDb, run, slow, spawnServer, sql } from
    './harness.mjs';

const DAY = 86400;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

test('entries done with are deleted webhook_keep days after their last ' +
    'attempt; queued and recent ones stay', { timeout: slow(180_000) },
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
	assert.equal(audit, 'system:webhook outbox:3');
	const verify = await run(['--db', db, 'audit', 'verify']);
	assert.equal(verify.code, 0, verify.stderr);
	await srv.cleanup(false);
});
