/*
 * Catalog versions over HTTP (docs/contract.md, "Catalog versions"): a
 * server started on a directory holding two versions of the shipped
 * catalog answers GET /api/v1/evaluation with every version in force
 * during the year (ruleset_versions) and names the one in force on 31
 * December; the 职责清单 page shows the history (each version, when it
 * was in force, its SM3 and issuer) and the differences between them,
 * and shows an older version on request; the evaluation page names the
 * versions applied. The same directory and the same files given as
 * repeated --rules are one catalog on the command line.
 */
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

import { REPO, run, startServer, browserLogin, login, YEAR } from
    './harness.mjs';

let srv, dir, v1, v2;

/* The shipped catalog as a second version, in force from 1 July of the
 * demo's year: 5.1-hearings at 4 a year, the excellent cut-off at 92, and
 * 5.6-lectures dropped. */
function secondVersion(text) {
	let t = text.replace(/^version: .*$/m, 'version: 2025.7')
	    .replace(/^(```ruleset[\s\S]*?)^effective: .*$/m,
		`$1effective: ${YEAR}-07-01`)
	    .replace(/^grade-excellent: 90( 〔[^〕]*〕)?$/m, 'grade-excellent: 92$1')
	    .replace(/(id: 5\.1-hearings\n[\s\S]*?)min: 2( 〔[^〕]*〕)?\n/,
	    '$1min: 4 〔解释:本系统默认,由依法治省办确定〕\n')
	    .replace(/```rule\nid: 5\.6-lectures\n[\s\S]*?```\n/, '');
	assert.notEqual(t, text);
	assert.match(t, /id: 5\.1-hearings\n[^`]*min: 4/);
	assert.doesNotMatch(t, /id: 5\.6-lectures/);
	return t;
}

before(async () => {
	dir = await mkdtemp(path.join(os.tmpdir(), 'lvzhi-versions-'));
	const rules = path.join(dir, 'rules');
	await mkdir(rules);
	const text = await readFile(path.join(REPO, 'rules/guizhou-2020.md'),
	    'utf8');
	v1 = path.join(rules, 'guizhou-2020.md');
	v2 = path.join(rules, 'guizhou-2025-07.md');
	await writeFile(v1, text);
	await writeFile(v2, secondVersion(text));
	srv = await startServer({ env: { LVZHI_RULES: rules } });
}, { timeout: 180_000 });

after(async () => {
	if (srv === undefined)
		return;
	const e = await srv.stop();
	await srv.cleanup(e.code !== 0 || e.sanitizer);
	assert.equal(e.code, 0, e.stderr);
	assert.equal(e.sanitizer, false, e.stderr);
});

test('the evaluation lists the versions of the year and names the last',
    async () => {
	const token = await login(srv, 'admin');
	const r = await srv.api('GET', `/api/v1/evaluation?year=${YEAR}`,
	    { token });
	assert.equal(r.status, 200, r.text);
	const vs = r.body.ruleset_versions;
	assert.deepEqual(vs.map((v) => [v.version, v.effective]),
	    [['2020.1', '2020-09-09'], ['2025.7', `${YEAR}-07-01`]]);
	for (const v of vs)
		assert.match(v.sm3, /^[0-9a-f]{64}$/);
	assert.notEqual(vs[0].sm3, vs[1].sm3);
	assert.equal(r.body.ruleset_version, '2025.7');
	assert.equal(r.body.ruleset_sm3, vs[1].sm3);
	/* Duties of the version in force at the segment's end: no
	 * 5.6-lectures for a party principal in post on 31 December. */
	const whole = r.body.results.find((x) => x.role === 'party_principal' &&
	    x.segment.to === `${YEAR}-12-31` &&
	    x.segment.from === `${YEAR}-01-01`);
	assert.ok(whole, 'a party principal in post all year');
	const ids = whole.duties.map((d) => d.id);
	assert.ok(ids.includes('5.1-hearings'));
	assert.ok(!ids.includes('5.6-lectures'));
	/* 5.1-hearings across the change: ceil((2*181 + 4*184) / 365)
	 * = ceil(1098/365) = 4 in 2025. */
	const h = whole.duties.find((d) => d.id === '5.1-hearings');
	assert.equal(h.required, 4);

	/* The year before: the first version alone. */
	const p = await srv.api('GET', `/api/v1/evaluation?year=${YEAR - 1}`,
	    { token });
	assert.equal(p.status, 200, p.text);
	assert.deepEqual(p.body.ruleset_versions.map((v) => v.version),
	    ['2020.1']);
	assert.equal(p.body.ruleset_version, '2020.1');
	assert.equal(p.body.ruleset_sm3, vs[0].sm3);
});

test('GET /api/v1/catalog lists the versions', async () => {
	const token = await login(srv, 'nm-clerk');
	const r = await srv.api('GET', '/api/v1/catalog', { token });
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.version, '2025.7');
	assert.deepEqual(r.body.versions.map((v) => [v.version, v.effective,
	    v.until]), [['2020.1', '2020-09-09', `${YEAR}-06-30`],
	    ['2025.7', `${YEAR}-07-01`, null]]);
	assert.equal(r.body.versions[0].issuer, '中共贵州省委办公厅');
});

test('the 职责清单 page shows the history and the differences', async () => {
	const cookie = await browserLogin(srv, 'nm-clerk');
	const r = await srv.api('GET', '/catalog', { cookie });
	assert.equal(r.status, 200);
	assert.match(r.text, /版本沿革/);
	assert.match(r.text, /2020年9月9日至2025年6月30日/);
	assert.match(r.text, /2025年7月1日起施行/);
	assert.match(r.text, /中共贵州省委办公厅/);
	const token = await login(srv, 'admin');
	const ev = await srv.api('GET', `/api/v1/evaluation?year=${YEAR}`,
	    { token });
	for (const v of ev.body.ruleset_versions)
		assert.ok(r.text.includes(v.sm3), `SM3 of ${v.version}`);
	assert.match(r.text, /2025\.7 版相对 2020\.1 版的变化/);
	assert.match(r.text, /修改职责 <code>5\.1-hearings<\/code>[\s\S]*?每年最低次数:2 → 4/);
	assert.match(r.text, /等次“优秀”最低分:90 → 92/);
	assert.match(r.text, /删除职责 <code>5\.6-lectures<\/code>/);
	assert.match(r.text, /href="\/catalog\?version=2020\.1"/);
	/* The newest is shown: no 5.6-lectures card. */
	assert.doesNotMatch(r.text, /id="rule-5\.6-lectures"/);

	const old = await srv.api('GET', '/catalog?version=2020.1', { cookie });
	assert.equal(old.status, 200);
	assert.match(old.text, /这是历史版本 2020\.1/);
	assert.match(old.text, /id="rule-5\.6-lectures"/);

	const none = await srv.api('GET', '/catalog?version=1999.9', { cookie });
	assert.equal(none.status, 404);
});

test('the evaluation page names the versions applied', async () => {
	const cookie = await browserLogin(srv, 'gz-office');
	const r = await srv.api('GET', `/evaluation?year=${YEAR}`, { cookie });
	assert.equal(r.status, 200);
	assert.match(r.text, /适用职责清单:<a href="\/catalog\?version=2020\.1">2020\.1 版<\/a>/);
	assert.match(r.text, /2025\.7 版<\/a>\(2025年7月1日起施行\)/);
	assert.match(r.text, /年末为 2025\.7 版/);
});

test('repeated --rules and the directory are the same catalog', async () => {
	const a = await run(['--rules', v2, '--rules', v1, 'rules', 'check']);
	assert.equal(a.code, 0, a.stderr);
	const lines = a.stdout.trim().split('\n');
	assert.equal(lines.length, 2);
	assert.ok(lines[0].startsWith(`${v1}: `));
	assert.ok(lines[1].startsWith(`${v2}: `));
	const e1 = await run(['--db', srv.db, '--rules', v1, '--rules', v2,
	    'eval', '--year', String(YEAR), '--region', '520102', '--format',
	    'json']);
	const e2 = await run(['--db', srv.db, '--rules', path.dirname(v1),
	    'eval', '--year', String(YEAR), '--region', '520102', '--format',
	    'json']);
	assert.equal(e1.code, 0, e1.stderr);
	assert.equal(e1.stdout, e2.stdout);
	assert.equal(JSON.parse(e1.stdout).ruleset_version, '2025.7');
	/* Another catalog's file is refused, naming both. */
	const other = path.join(dir, 'other.md');
	await writeFile(other, (await readFile(v1, 'utf8'))
	    .replace(/^id: guizhou-2020$/m, 'id: another'));
	const bad = await run(['--rules', v1, '--rules', other, 'rules',
	    'check']);
	assert.equal(bad.code, 2);
	assert.match(bad.stderr, /ruleset id 'another' differs from 'guizhou-2020'/);
});
