/*
 * Closing a year (docs/contract.md, "Closing a year") over HTTP, on the
 * demo province with "today" before 1 April of the year after the demo's:
 *
 *   - POST /api/v1/evaluation/close by the office of a region for its
 *     subtree: a reason is required before 1 April (400 naming reason);
 *     a closed subtree is not closed again (409); other roles 403;
 *   - GET /api/v1/evaluation answers the frozen results: each with
 *     "closed": true, the top level too, and otherwise the bytes it
 *     answered before the close;
 *   - a record dated in the closed year of an organ in the subtree is not
 *     created (409), changed (409) or reviewed (409), a score of the year
 *     is refused (409); an identical PUT passes; a record of the next year
 *     is taken and does not change the frozen results;
 *   - the evaluation page shows who closed the year, when, the catalog
 *     version and its SM3 digest, and gives the office the reopen form;
 *     reopening needs a reason (page and API), and both are audited;
 *   - a notice drafted from the closed year cites the frozen result it
 *     comes from: the closure's date and the result's SM3 digest.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { YEAR, accountLabel, browserLogin, useServer } from './harness.mjs';
import { answersMatch } from './schema.mjs';

const TODAY = `${YEAR + 1}-02-01`;
const srv = useServer({ env: { LVZHI_TODAY: TODAY } });
const tokens = {};
const REGION = '520102';
const EVAL = `/api/v1/evaluation?year=${YEAR}&region=${REGION}`;

async function as(name, method, p, o = {}) {
	tokens[name] ??= await srv.login(name);
	return srv.api(method, p, { ...o, token: tokens[name] });
}

/* A browser session: its cookie and the CSRF token its forms carry. */
async function browser(name) {
	const cookie = await browserLogin(srv, name);
	const me = await srv.api('GET', '/api/v1/me', { cookie });
	return { cookie, csrf: me.body.csrf };
}

function form(session, p, fields) {
	return srv.api('POST', p, {
		cookie: session.cookie,
		body: new URLSearchParams({ _csrf: session.csrf, ...fields })
		    .toString(),
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
	});
}

async function auditActions() {
	const r = await as('gz-office', 'GET', '/api/v1/audit?limit=500');
	assert.equal(r.status, 200, r.text);
	const items = r.body.items ?? r.body;
	return items.map((e) => `${e.action} ${e.entity}`);
}

let before = null;   /* the open evaluation's text */
let record = null;   /* a record of the closed year */

test('close: a reason before 1 April, the office of the region only',
    async () => {
	before = (await as('nm-office', 'GET', EVAL)).text;
	assert.ok(JSON.parse(before).results.length > 0);
	assert.ok(!before.includes('"closed"'));
	const ledger = await as('nm-office', 'GET',
	    `/api/v1/records?organ=520102-party&from=${YEAR}-01-01&to=${YEAR}-12-31`);
	assert.equal(ledger.status, 200, ledger.text);
	const items = ledger.body.items ?? ledger.body;
	record = items.find((x) => x.date.startsWith(`${YEAR}-`) &&
	    x.status !== 'rejected');
	assert.ok(record, 'a record of the year');

	const none = await as('nm-office', 'POST', '/api/v1/evaluation/close',
	    { json: { year: YEAR, region: REGION } });
	assert.equal(none.status, 400, none.text);
	assert.equal(none.body.errors?.[0]?.field ?? none.body.field, 'reason');
	for (const who of ['admin', 'nm-clerk', 'nm-leader', 'inspector',
	    'discipline']) {
		const r = await as(who, 'POST', '/api/v1/evaluation/close',
		    { json: { year: YEAR, region: REGION, reason: 'x' } });
		assert.equal(r.status, 403, `${who}: ${r.text}`);
	}
	const other = await as('nm-office', 'POST', '/api/v1/evaluation/close',
	    { json: { year: YEAR, region: '520103', reason: 'x' } });
	assert.equal(other.status, 403, other.text);
	const notEnded = await as('nm-office', 'POST',
	    '/api/v1/evaluation/close', { json: { year: YEAR + 1,
		region: REGION, reason: 'x' } });
	assert.equal(notEnded.status, 400, notEnded.text);

	const ok = await as('nm-office', 'POST', '/api/v1/evaluation/close',
	    { json: { year: YEAR, region: REGION, reason: '考评结果已审定' } });
	assert.equal(ok.status, 200, ok.text);
	const again = await as('gy-office', 'POST', '/api/v1/evaluation/close',
	    { json: { year: YEAR, region: REGION, reason: '再次' } });
	assert.equal(again.status, 409, again.text);
	assert.ok((await auditActions()).includes(
	    `year.close closure:${YEAR}:${REGION}`));
});

test('the evaluation answers the frozen results', async () => {
	const r = await as('nm-office', 'GET', EVAL);
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.closed, true);
	assert.ok(r.body.results.every((x) => x.closed === true));
	assert.equal(r.text.replaceAll(',"closed":true}', '}'), before);
	const c = await as('nm-clerk', 'GET', `/api/v1/evaluation?year=${YEAR}`);
	assert.equal(c.status, 200, c.text);
	assert.ok(c.body.results.every((x) => x.closed === true));
	const list = await as('nm-clerk', 'GET',
	    `/api/v1/evaluation/closures?year=${YEAR}`);
	assert.equal(list.status, 200, list.text);
	assert.equal(list.body.closures.length, 1);
	const k = list.body.closures[0];
	assert.equal(k.region, REGION);
	assert.equal(k.reason, '考评结果已审定');
	assert.match(k.ruleset_sm3, /^[0-9a-f]{64}$/);
	assert.equal(k.ruleset_versions[0].sm3, k.ruleset_sm3);
});

test('writes to the closed year: 409; identical and later ones pass',
    async () => {
	const create = await as('nm-clerk', 'POST', '/api/v1/records', { json: {
		id: 'r-closed-new', kind: 'rol_report_hearing',
		organ: '520102-party', date: `${YEAR}-12-20`, title: '补录' } });
	assert.equal(create.status, 409, create.text);
	const got = await as('nm-office', 'GET', `/api/v1/records/${record.id}`);
	assert.equal(got.status, 200, got.text);
	const same = { ...got.body };
	for (const k of ['id', 'reviewed_by', 'reviewed_at', 'review_note',
	    'updated_at', 'organ_name', 'region', 'region_name',
	    'person_name', 'evidence_files', 'workflow'])
		delete same[k];
	const put = await as('nm-office', 'PUT', `/api/v1/records/${record.id}`,
	    { json: same });
	assert.equal(put.status, 200, put.text);
	const changed = await as('nm-office', 'PUT',
	    `/api/v1/records/${record.id}`, { json: { ...same,
		title: `${same.title ?? ''}(改)` } });
	assert.equal(changed.status, 409, changed.text);
	const moved = await as('nm-office', 'PUT',
	    `/api/v1/records/${record.id}`, { json: { ...same,
		date: `${YEAR + 1}-01-05` } });
	assert.equal(moved.status, 409, moved.text);
	const review = await as('nm-office', 'POST',
	    `/api/v1/records/${record.id}/${record.status === 'verified' ?
	    'reject' : 'verify'}`, { json: { note: '复核' } });
	assert.equal(review.status, 409, review.text);
	const leader = before && JSON.parse(before).results.find((x) =>
	    x.organ === '520102-party');
	const score = await as('nm-office', 'PUT', '/api/v1/scores', { json: {
		person: leader.person, year: YEAR, duty: '5.1-leadership',
		score: 10 } });
	assert.equal(score.status, 409, score.text);
	const next = await as('nm-clerk', 'POST', '/api/v1/records', { json: {
		id: 'r-closed-next', kind: 'rol_report_hearing',
		organ: '520102-party', date: `${YEAR + 1}-01-20`,
		title: '次年汇报' } });
	assert.equal(next.status, 201, next.text);
	const r = await as('nm-office', 'GET', EVAL);
	assert.equal(r.text.replaceAll(',"closed":true}', '}'), before);
});

test('the page shows the closure; reopening needs a reason', async () => {
	const office = await browser('nm-office');
	const page = await srv.api('GET', `/evaluation?year=${YEAR}&region=${REGION}`,
	    { cookie: office.cookie });
	assert.equal(page.status, 200);
	const list = await as('nm-office', 'GET',
	    `/api/v1/evaluation/closures?year=${YEAR}`);
	const k = list.body.closures[0];
	assert.match(page.text, /年度结转/);
	assert.ok(page.text.includes(k.ruleset_sm3));
	/* Who closed it: the person and post behind the account, never
	 * its login name ("api:nm-office"). */
	assert.ok(!page.text.includes(k.closed_by));
	assert.ok(page.text.replace(/<[^>]*>/g, '').includes(
	    `由 ${await accountLabel(srv, 'nm-office')} 结转`));
	assert.match(page.text, /北京时间/);
	assert.match(page.text, /已结转/);
	assert.match(page.text, /action="\/evaluation\/reopen" data-confirm="[^"]*确定重新开放/,
	    'reopening asks first');
	assert.ok(!page.text.includes('action="/evaluation/close"'));
	assert.ok(!page.text.includes('action="/evaluation/score"'),
	    'no score form on frozen results');
	const clerk = await browser('nm-clerk');
	const seen = await srv.api('GET', `/evaluation?year=${YEAR}`,
	    { cookie: clerk.cookie });
	assert.equal(seen.status, 200);
	assert.ok(seen.text.includes(k.ruleset_sm3));
	assert.ok(!seen.text.includes('action="/evaluation/reopen"'));

	const noReason = await form(office, '/evaluation/reopen',
	    { year: String(YEAR), region: REGION, reason: '' });
	assert.equal(noReason.status, 400, noReason.text);
	const apiNoReason = await as('nm-office', 'POST',
	    '/api/v1/evaluation/reopen', { json: { year: YEAR, region: REGION } });
	assert.equal(apiNoReason.status, 400, apiNoReason.text);
	const ok = await form(office, '/evaluation/reopen',
	    { year: String(YEAR), region: REGION, reason: '发现差错,重新考评' });
	assert.equal(ok.status, 303, ok.text);
	const open = await as('nm-office', 'GET', EVAL);
	assert.ok(!open.text.includes('"closed"'));
	const again = await as('nm-office', 'POST', '/api/v1/evaluation/reopen',
	    { json: { year: YEAR, region: REGION, reason: '再次' } });
	assert.equal(again.status, 409, again.text);
	const after = await srv.api('GET',
	    `/evaluation?year=${YEAR}&region=${REGION}`, { cookie: office.cookie });
	assert.match(after.text, /action="\/evaluation\/close"/);
	assert.match(after.text, /发现差错,重新考评/);
	assert.ok((await auditActions()).includes(
	    `year.reopen closure:${YEAR}:${REGION}`));
	/* The page's close: the reason required before 1 April. */
	const pageClose = await form(office, '/evaluation/close',
	    { year: String(YEAR), region: REGION, reason: '' });
	assert.equal(pageClose.status, 400, pageClose.text);
	/* With records still awaiting verification it lists them first,
	 * and closes once confirmed. */
	const listed = await form(office, '/evaluation/close',
	    { year: String(YEAR), region: REGION, reason: '复核完毕' });
	assert.equal(listed.status, 200, listed.text);
	assert.match(listed.text, /条记录待核实/);
	assert.notEqual((await as('nm-office', 'GET', EVAL)).body.closed, true);
	const closed = await form(office, '/evaluation/close',
	    { year: String(YEAR), region: REGION, reason: '复核完毕',
		confirmed: '1' });
	assert.equal(closed.status, 303, closed.text);
	assert.equal((await as('nm-office', 'GET', EVAL)).body.closed, true);
});

test('a notice drafted from a closed year cites the frozen result',
    async () => {
	const r = await as('nm-office', 'GET', EVAL);
	assert.equal(r.body.closed, true);
	const kinds = { fail: 'criticism', excellent: 'commendation' };
	const res = r.body.results.find((x) => kinds[x.grade]);
	assert.ok(res, 'a leader to commend or criticise');
	const n = await as('gz-office', 'POST', '/api/v1/notices', { json: {
		kind: kinds[res.grade], year: YEAR, region: REGION } });
	assert.equal(n.status, 201, n.text);
	const list = await as('nm-office', 'GET',
	    `/api/v1/evaluation/closures?year=${YEAR}`);
	/* The closure's date in Beijing time. */
	const bj = new Date(Date.parse(list.body.closures[0].closed_at) +
	    8 * 3600e3);
	const date = `${bj.getUTCFullYear()}年${bj.getUTCMonth() + 1}月` +
	    `${bj.getUTCDate()}日`;
	assert.match(n.text, new RegExp(`依据${date}结转的考评结果` +
	    '\\(SM3 [0-9a-f]{64}\\)'));
});

test('every answer of these routes matches its OpenAPI description',
    async () => {
	const spec = (await as('admin', 'GET', '/api/v1/openapi.json')).body;
	const { checked, problems } = answersMatch(spec, srv.responses, (p) =>
	    p.startsWith('/api/v1/evaluation') || p.startsWith('/api/v1/records')
	    || p === '/api/v1/scores');
	assert.deepEqual(problems, []);
	assert.ok(checked >= 20, `only ${checked} answers checked`);
});
