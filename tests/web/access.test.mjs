/*
 * The access matrix: every route of the server × every demo account ×
 * (own scope, other scope) and anonymous, with the status each must get.
 *
 * The routes come from the binary under test (`lvzhi routes --json`, the
 * table the router enforces), not from a list kept here: a route without
 * a fixture below fails the first test, so a new route cannot escape the
 * matrix. The expected status follows from the route's role list and from
 * the rule docs/security.md (访问控制) states:
 *
 *   - public route: open to everyone, logged in or not;
 *   - anonymous: 401 for the API, a redirect to /login?next= for pages;
 *   - a role the route does not list: 403 (from the router, before the
 *     handler reads anything);
 *   - an object named in the path that lies outside the caller's scope:
 *     404, exactly as one that does not exist (existence is not told);
 *   - one's own things (API tokens): another account's, whoever asks,
 *     the administrator too: 404, and nothing changes;
 *   - a region, organ or person named in the body or query outside the
 *     caller's scope: 403 naming the field;
 *   - another object named in the body (a finding as the source of an
 *     order) that the caller cannot see: 400 naming the field, as an
 *     unknown id;
 *   - a further refusal a handler makes for a role the route lists (the
 *     audit log: provincial offices only): 403;
 *   - a role the route lists, in its own scope: the route's success
 *     status (or 409 where an earlier allowed call already moved the
 *     object on: a state refusal, never an access one).
 *
 * Each account has an own place and an other place (below). Objects are
 * made by the administrator on first use, on the demo database plus a
 * small foreign province imported for the province-wide accounts'
 * "other" (and earlier leaders where the demo's start late); each
 * refused write is followed by a check that the audit log did not grow
 * (every change is audited in the same transaction) and, where the object
 * can be read back, that it is unchanged.
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';

import { ACCOUNTS, PASSWORD, YEAR, beijingDay, finished, routes, run, slow,
	sql, useServer } from './harness.mjs';

const srv = useServer();
const tokens = {};

/* Places: an organ and its region. */
const PLACES = {
	nmParty: { region: '520102', organ: '520102-party', gov: '520102-gov' },
	nmGov: { region: '520102', organ: '520102-gov', gov: '520102-gov' },
	yyParty: { region: '520103', organ: '520103-party', gov: '520103-gov' },
	lpsParty: { region: '520201', organ: '520201-party', gov: '520201-gov' },
	foreign: { region: '530102', organ: '530102-party', gov: '530102-gov' },
};

/* Each account's own place and a place outside its scope. The
 * administrator has no outside: its "other" is another province, which
 * it may reach like its own. */
const SCOPES = {
	admin: { own: 'nmParty', other: 'foreign', everywhere: true },
	'gz-office': { own: 'nmParty', other: 'foreign' },
	'gy-office': { own: 'nmParty', other: 'lpsParty' },
	'nm-office': { own: 'nmParty', other: 'yyParty' },
	'nm-clerk': { own: 'nmParty', other: 'nmGov' },
	'nm-gov-clerk': { own: 'nmGov', other: 'nmParty' },
	'yy-clerk': { own: 'yyParty', other: 'nmParty' },
	'nm-leader': { own: 'nmParty', other: 'nmGov' },
	'nm-gov-leader': { own: 'nmGov', other: 'nmParty' },
	inspector: { own: 'nmParty', other: 'foreign' },
	discipline: { own: 'nmParty', other: 'foreign' },
};

/* A small province outside Guizhou, with a leader in each organ. */
const FOREIGN = [
	{ type: 'region', code: '530000', name: '云南省', level: 'province',
		parent: null },
	{ type: 'region', code: '530100', name: '昆明市', level: 'prefecture',
		parent: '530000' },
	{ type: 'region', code: '530102', name: '五华区', level: 'county',
		parent: '530100' },
	{ type: 'organ', id: '530102-party', region: '530102',
		kind: 'party_committee', name: '中共五华区委员会' },
	{ type: 'organ', id: '530102-gov', region: '530102', kind: 'government',
		name: '五华区人民政府' },
	{ type: 'person', id: 'p-yn-0001', name: '测试甲' },
	{ type: 'person', id: 'p-yn-0002', name: '测试乙' },
	{ type: 'tenure', id: 't-yn-0001', person: 'p-yn-0001',
		organ: '530102-party', role: 'principal', start: '2020-01-01',
		end: null },
	{ type: 'tenure', id: 't-yn-0002', person: 'p-yn-0002',
		organ: '530102-gov', role: 'principal', start: '2020-01-01',
		end: null },
	/* Earlier principals where the demo's start late, so that each
	 * place has a leader for every year a fixture reports on. */
	...[['520102-gov', '2024-01-10'], ['520103-party', '2021-09-17'],
	    ['520103-gov', '2023-09-13'], ['520201-gov', '2021-08-16']]
	    .flatMap(([organ, end], i) => [
		{ type: 'person', id: `p-acc-${i}`, name: `前任${i}` },
		{ type: 'tenure', id: `t-acc-${i}`, person: `p-acc-${i}`, organ,
			role: 'principal', start: '2018-01-01', end }]),
];

const PDF = Buffer.from('%PDF-1.4\n%...\n1 0 obj<<>>endobj\ntrailer<<>>\n' +
    '%%EOF\n', 'latin1');

async function as(name, method, p, o = {}) {
	tokens[name] ??= await srv.login(name);
	return srv.api(method, p, { ...o, token: tokens[name] });
}

/* A second administrator makes the fixtures (MAKER, added by setup):
 * what it made, the matrix's accounts may review, sign or decide, since
 * no account verifies, signs or decides what it wrote or investigated. */
const MAKER = 'maker';
async function makeAs(who, method, p, json, want = 201) {
	const r = await as(who, method, p, json instanceof FormData ?
	    { body: json } : { json });
	if (r.status !== want)
		throw new Error(`${method} ${p}: ${r.status} ${r.text}`);
	return r.body;
}
const make = (method, p, json, want = 201) => makeAs(MAKER, method, p, json,
    want);

function pdfForm() {
	const f = new FormData();
	f.append('file', new Blob([PDF], { type: 'application/pdf' }), '材料.pdf');
	return f;
}

/* A sheet to upload (bulk uploads), as CSV rows, in a form. */
function sheetForm(rows) {
	const f = new FormData();
	f.append('file', new Blob([rows.map((r) => r.join(',')).join('\r\n')]),
	    '导入.csv');
	return f;
}
/* A place's organ by the name a sheet gives it, as the registry says. */
const organName = (pl) => once(`name ${pl.organ}`, async () =>
    (await as('admin', 'GET', `/api/v1/organs/${pl.organ}`)).body.name);

/* Objects made once per key (an organ, a region), on first use. */
const made = new Map();
function once(key, fn) {
	if (!made.has(key))
		made.set(key, fn());
	return made.get(key);
}

let serial = 0;
/* The organ's principal in a year (at its end, or the last in it). */
const leaderOf = (organ, year = YEAR) => once(`leader ${organ} ${year}`,
    async () => {
	const o = await as('admin', 'GET', `/api/v1/organs/${organ}`);
	const t = o.body.tenures.filter((x) => x.role === 'principal' &&
	    x.start <= `${year}-12-31` && (x.end === null ||
	    x.end >= `${year}-01-01`)).sort((a, b) =>
	    (b.end ?? '9999') .localeCompare(a.end ?? '9999'))[0];
	assert.ok(t, `a leader of ${organ} in ${year}`);
	return t.person;
});
/* A fresh record of the place's organ (a writer may change it). */
const recordOf = (pl, tag = 'r') => once(`record ${tag} ${pl.organ}`,
    async () => (await make('POST', '/api/v1/records', {
	    id: `r-acc-${pl.organ}-${++serial}`, kind: 'rol_report_hearing',
	    organ: pl.organ, date: `${YEAR}-03-10`, title: '访问矩阵测试记录' })).id);
const evidenceOf = (pl) => once(`evidence ${pl.organ}`, async () => {
	const id = await recordOf(pl, 'evidence');
	return (await make('POST', `/api/v1/records/${id}/evidence`, pdfForm()))
	    .key;
});
/* An inspection of the organ's region with a finding on the organ and
 * its leader (through which the organ's clerk and leader see it). */
const inspected = (pl) => once(`inspection ${pl.organ}`, async () => {
	const insp = (await make('POST', '/api/v1/inspections', {
		kind: 'special', title: '访问矩阵测试督查', region: pl.region,
		year: YEAR, starts: `${YEAR}-11-01`, ends: `${YEAR}-11-30` })).id;
	const finding = (await make('POST',
	    `/api/v1/inspections/${insp}/findings`, { organ: pl.organ,
		person: await leaderOf(pl.organ), severity: 'serious',
		description: '访问矩阵测试问题' })).id;
	return { insp, finding };
});
const inspectionOf = async (pl) => (await inspected(pl)).insp;
/* An inspection of its own to close (one per place and tag). */
const toClose = (pl, tag) => once(`inspection to close ${tag} ${pl.organ}`,
    async () => (await make('POST', '/api/v1/inspections', {
	kind: 'regular', title: '访问矩阵待结束督查', region: pl.region,
	year: YEAR })).id);
const findingOf = async (pl) => (await inspected(pl)).finding;
const rectificationOf = (pl, tag = 'r') => once(`rect ${tag} ${pl.organ}`,
    async () => (await make('POST', '/api/v1/rectifications',
	{ source: 'finding', finding: await findingOf(pl),
	    requirement: '限期整改', deadline: `${YEAR + 5}-12-31` })).id);
const rectEvidenceOf = (pl) => once(`rect evidence ${pl.organ}`,
    async () => {
	const id = await rectificationOf(pl, 'evidence');
	const r = await make('POST', `/api/v1/rectifications/${id}/evidence`,
	    pdfForm());
	return [id, r.key];
});
const interviewOf = (pl, tag = 'i') => once(`interview ${tag} ${pl.organ}`,
    async () => (await make('POST', '/api/v1/interviews',
	{ source: 'finding', finding: await findingOf(pl),
	    reason: '访问矩阵测试约谈', scheduled_on: `${YEAR + 5}-02-01` })).id);
/* An interview notice (约谈整改通知, 第八条) of the place's region (every
 * leader of the demo and of the foreign province fails the years before
 * the demo's): one per year, so that each use finds it in the state it
 * needs. It lists the county's own 区委书记 and 区长, so it is issued in
 * the name of the prefecture above (the 市委's office issues it, not the
 * county's). */
const NOTICE_YEARS = { issued: YEAR - 1, draft: YEAR - 2, 'page-draft': YEAR - 3,
	new: YEAR - 4, 'page-new': YEAR - 5 };
const noticeOf = (pl, tag) => once(`notice ${tag} ${pl.region}`,
    async () => {
	const n = await make('POST', '/api/v1/notices',
	    { kind: 'interview', year: NOTICE_YEARS[tag], region: pl.region });
	if (tag === 'issued')
		await make('POST', `/api/v1/notices/${n.id}/issue`, {}, 200);
	return n.id;
});
/* A case of the organ: tag "…decided" investigated by MAKER, who
 * records the written waiver, and decided by the administrator; tag
 * "…statement WHO" in the statement stage, investigated by WHO. */
const caseOf = (pl, tag = 'c') => once(`case ${tag} ${pl.organ}`,
    async () => {
	const c = await make('POST', '/api/v1/cases', {
		target: 'organization', organ: pl.organ, item: 5, source: 'report',
		summary: '访问矩阵测试案件' });
	const move = (who, step) => makeAs(who, 'POST',
	    `/api/v1/cases/${c.id}/transition`, step, 200);
	const handler = / statement (.+)$/.exec(tag)?.[1] ??
	    (tag.endsWith('decided') ? MAKER : null);
	if (handler !== null) {
		await move(MAKER, { to: 'investigating' });
		await move(handler, { to: 'statement', investigation: '查明' });
	}
	if (tag.endsWith('decided')) {
		await make('POST', `/api/v1/cases/${c.id}/waiver`, pdfForm());
		await move('admin', { to: 'decided', decision_form: '通报',
			decision: '予以通报。' });
	}
	return c.id;
});
/* The handler of the waiver fixture: the caller where it may close an
 * investigation (admin, discipline); for an office, MAKER (the office
 * is then refused: it did not handle the case). */
const waiverHandler = (acct, scope) => acct === 'admin' ||
    (acct === 'discipline' && scope === 'own') ? acct : MAKER;
const isOffice = (acct) => ACCOUNTS[acct]?.role === 'office';
/* A 述法 of the organ's leader: one per leader and year, so the tag picks
 * the year and each use gets its own. */
const REPORT_YEARS = { draft: YEAR, new: YEAR - 2, 'page-new': YEAR - 3,
	'page-draft': YEAR - 4, 'page-sign': YEAR - 1 };
const reportOf = (pl, tag = 'draft') => once(`report ${tag} ${pl.organ}`,
    async () => (await make('POST', '/api/v1/reports', { kind: 'shufa',
	year: REPORT_YEARS[tag], organ: pl.organ,
	person: await leaderOf(pl.organ, REPORT_YEARS[tag]) })).id);
/* The government's annual report, signed (then locked and published by
 * the routes of a chain) or published (on the portal); one per organ and
 * year. */
const ANNUAL_YEARS = { chain: YEAR, 'page-chain': YEAR - 1,
	published: YEAR - 2 };
const annualOf = (pl, tag) => once(`annual ${tag} ${pl.gov}`, async () => {
	const year = ANNUAL_YEARS[tag];
	const r = await make('POST', '/api/v1/reports', { kind: 'annual', year,
		organ: pl.gov });
	await make('PUT', `/api/v1/reports/${r.id}`,
	    { sections: finished(r.sections) }, 200);
	/* Drafted by MAKER, signed by the government's principal in
	 * person, locked and published by an office. */
	await makeAs(await signerOf(pl.gov), 'POST',
	    `/api/v1/reports/${r.id}/sign`, {}, 200);
	if (tag === 'published') {
		const office = pl === PLACES.foreign ? 'yn-office' : 'gz-office';
		await makeAs(office, 'POST', `/api/v1/reports/${r.id}/lock`, {},
		    200);
		await makeAs(office, 'POST', `/api/v1/reports/${r.id}/publish`, {},
		    200);
	}
	return r.id;
});
/* A leader account of the organ's principal now, who signs its annual
 * reports (the demo's 区长 has nm-gov-leader; others get one here). */
const signerOf = (organ) => once(`signer ${organ}`, async () => {
	if (organ === '520102-gov')
		return 'nm-gov-leader';
	const name = `sign-${organ}`;
	const add = await run(['--db', srv.db, 'user', 'add', name, '--role',
		'leader', '--organ', organ, '--person', await leaderOf(organ),
		'--password-stdin'], { input: `${PASSWORD}\n` });
	assert.equal(add.code, 0, add.stderr);
	return name;
});
/* Today, the server's (Beijing's): a report locked today is published
 * today at the earliest, an interview is held on a day that has come. */
const todayText = () => beijingDay();
/* An API token of the account's own (one per account and tag), or in the
 * "other" cells one of another account's. */
const tokenOf = (owner, tag) => once(`token ${tag} ${owner}`, async () => {
	tokens[owner] ??= await srv.login(owner);
	const r = await srv.api('POST', '/api/v1/tokens', { token: tokens[owner],
		json: { label: `访问矩阵${tag}`, password: PASSWORD } });
	if (r.status !== 201)
		throw new Error(`token of ${owner}: ${r.status} ${r.text}`);
	return r.body.id;
});
const tokenOwner = (acct, scope) => acct === null ? 'nm-clerk' :
    scope === 'own' ? acct : acct === 'admin' ? 'nm-clerk' : 'admin';
/* A message of the account's own (the bell's), one per account. */
const messageOf = (owner) => once(`message ${owner}`, async () => {
	await sql(srv.db, 'INSERT INTO message(account, kind, title, body, ' +
	    "link, created_at) SELECT key, 'test', '访问矩阵', '访问矩阵消息', " +
	    `'/', '${YEAR}-01-01T00:00:00Z' FROM account WHERE name = '${owner}'`);
	return (await sql(srv.db, 'SELECT max(m.key) FROM message m JOIN ' +
	    `account a ON a.key = m.account WHERE a.name = '${owner}'`)).trim();
});
const TOKEN = (tag) => ({ personal: true,
	params: async (pl, acct, scope) => [await tokenOf(tokenOwner(acct,
	    scope), tag)],
	read: async (pl, acct, scope) => ['/api/v1/tokens',
	    tokenOwner(acct, scope)] });

/*
 * The fixtures, one per route ("METHOD pattern"). Each gives:
 *   params(pl)  the path parameters for a place (default: none);
 *   body(pl)    { json } or { form } (a page's fields) or { multipart };
 *   query(pl)   a query string naming the place (lists): without one a
 *               route names nothing scoped, and its "other" call is the
 *               own call again (same answer expected);
 *   ok          statuses of an allowed call in scope (default 200; a
 *               route moving an object on also lists 409 for the calls
 *               after the first);
 *   other       the refusal outside scope (default 404: path object;
 *               403 where the place is named in the body or query);
 *   refuse(acct, scope) a further refusal by the handler for an account
 *               the role list admits (the audit log: provincial offices;
 *               a notice issued in the name of a body above the county
 *               office: its issue and orders);
 *   read(pl)    a path that shows the object, compared before and after
 *               refused writes (or [path, account] to read as another
 *               account than the administrator);
 *   personal    the object is the caller's own (params(pl, acct, scope)
 *               gets the account): "other" is refused with 404 whoever
 *               asks, the administrator too;
 *   fresh       the call ends the session: each call gets a new login.
 */
const POSTED = [303, 409];
const F = {};
const api = (m, p, f) => { F[`${m} /api/v1${p}`] = f; };
const page = (m, p, f) => { F[`${m} ${p}`] = f; };
const recordBody = (pl) => ({ kind: 'rol_report_hearing', organ: pl.organ,
	date: `${YEAR}-03-11`, title: '访问矩阵测试修改' });
const J = (f) => async (pl) => ({ json: await f(pl) });
const FORM = (f) => async (pl) => ({ form: await f(pl) });

api('POST', '/login', { ok: [200], body: async () => ({ json:
	{ username: 'nm-clerk', password: PASSWORD } }) });
api('POST', '/logout', { ok: [200, 204], fresh: true });
api('GET', '/me', {});
api('POST', '/tokens', { ok: [201], body: J(() => ({ label: '矩阵',
	password: PASSWORD })) });
api('GET', '/tokens', {});
api('DELETE', '/tokens/{id}', TOKEN('api'));
api('GET', '/openapi.json', {});
api('GET', '/regions', {});
api('GET', '/regions/{code}', { by: 'region', params: (pl) => [pl.region] });
api('GET', '/organs/{id}', { params: (pl) => [pl.organ] });
/* The nested lists of a region and an organ, a page at a time: the same
 * access as the resource they hang off. */
api('GET', '/regions/{code}/subregions', { by: 'region',
	params: (pl) => [pl.region] });
api('GET', '/regions/{code}/organs', { by: 'region',
	params: (pl) => [pl.region] });
api('GET', '/organs/{id}/tenures', { params: (pl) => [pl.organ] });
/* The pickers' lookups: an organ named in the query, as the ledger's. */
api('GET', '/people', { query: (pl) => `organ=${pl.organ}`, other: 403 });
api('GET', '/organs', { query: (pl) => `organ=${pl.organ}`, other: 403 });
/* The record routes list the discipline account for findings (the rows
 * of the test "findings" below): a record of another kind it may read
 * but not write nor review (403); another scope's it does not see. */
const NOT_DISCIPLINE = (a, scope) => ACCOUNTS[a].role === 'discipline' &&
    scope === 'own' ? 403 : null;
api('GET', '/records', { query: (pl) => `organ=${pl.organ}`, other: 403 });
api('POST', '/records', { ok: [201], other: 403, refuse: NOT_DISCIPLINE,
	body: J((pl) => ({ ...recordBody(pl), id: `r-acc-new-${++serial}` })) });
api('GET', '/records/{id}', { params: async (pl) => [await recordOf(pl)] });
api('PUT', '/records/{id}', { params: async (pl) => [await recordOf(pl)],
	refuse: NOT_DISCIPLINE, body: J(recordBody), read: async (pl) =>
	    `/api/v1/records/${await recordOf(pl)}` });
api('POST', '/records/{id}/verify', { ok: [200, 409], refuse: NOT_DISCIPLINE,
	params: async (pl) => [await recordOf(pl, 'verify')],
	body: J(() => ({ note: '核实' })), read: async (pl) =>
	    `/api/v1/records/${await recordOf(pl, 'verify')}` });
api('POST', '/records/{id}/reject', { ok: [200, 409], refuse: NOT_DISCIPLINE,
	params: async (pl) => [await recordOf(pl, 'reject')],
	body: J(() => ({ note: '退回' })), read: async (pl) =>
	    `/api/v1/records/${await recordOf(pl, 'reject')}` });
api('GET', '/records/{id}/evidence', { params: async (pl) =>
	[await recordOf(pl)] });
/* Bulk work: a row of another scope is a bad row of the file (400, as
 * a discipline account's record of another kind than a finding). */
const recordSheet = async (pl) => ({ sheet: [['记录类型', '所在机构', '日期',
	'标题'], ['rol_report_hearing', await organName(pl), `${YEAR}-03-12`,
	`访问矩阵批量${++serial}`]] });
const NOT_DISCIPLINE_ROW = (a, scope) => NOT_DISCIPLINE(a, scope) && 400;
api('POST', '/uploads/{kind}', { params: () => ['records'], other: 400,
	refuse: NOT_DISCIPLINE_ROW, body: recordSheet });
api('POST', '/records/review', { other: 404, refuse: NOT_DISCIPLINE,
	body: J(async (pl) => ({ ids: [await recordOf(pl, 'bulk')],
	    status: 'verified' })), read: async (pl) =>
	    `/api/v1/records/${await recordOf(pl, 'bulk')}` });
api('POST', '/records/{id}/evidence', { ok: [201], refuse: NOT_DISCIPLINE,
	params: async (pl) => [await recordOf(pl)],
	body: () => ({ multipart: true }) });
api('GET', '/evidence/{key}', { params: async (pl) =>
	[await evidenceOf(pl)] });
api('GET', '/catalog', {});
const REGION_QUERY = (q = '') => ({ by: 'region', other: 403,
	query: (pl) => `${q}region=${pl.region}` });
api('GET', '/coverage', REGION_QUERY());
api('GET', '/evaluation', REGION_QUERY(`year=${YEAR}&`));
api('GET', '/evaluation/closures', REGION_QUERY(`year=${YEAR}&`));
/* Closing a year: the office of the region for its subtree, a year no
 * other fixture writes in (the first close wins, the rest find it closed;
 * a reopen finds it closed or not: 409 is a state refusal). */
const CLOSE_YEAR = YEAR - 5;
const closure = (reason) => ({ other: 403, ok: [200, 409], body: J((pl) =>
	({ year: CLOSE_YEAR, region: pl.region, reason })) });
api('POST', '/evaluation/close', closure('访问矩阵测试结转'));
api('POST', '/evaluation/reopen', closure('访问矩阵测试重新开放'));
api('GET', '/scores', REGION_QUERY(`year=${YEAR}&`));
api('PUT', '/scores', { other: 403, body: J(async (pl) => ({
	person: await leaderOf(pl.organ), year: YEAR, duty: '5.1-leadership',
	score: 80, comment: '访问矩阵测试' })) });
api('GET', '/audit', { refuse: (a) => a === 'gy-office' || a === 'nm-office' ?
	403 : null });
api('GET', '/warnings', REGION_QUERY());

api('GET', '/inspections', {});
api('POST', '/inspections', { ok: [201], other: 403, body: J((pl) => ({
	kind: 'special', title: '访问矩阵新督查', region: pl.region, year: YEAR })) });
api('GET', '/inspections/{id}', { params: async (pl) =>
	[await inspectionOf(pl)] });
api('POST', '/inspections/{id}/findings', { ok: [201],
	params: async (pl) => [await inspectionOf(pl)],
	body: J((pl) => ({ organ: pl.organ, severity: 'minor',
		description: '访问矩阵新问题' })) });
/* Determining an observation: only an account competent for the organ
 * (its region above the organ's): the 区 office is not, for the 区委. */
const NOT_OWN_LEVEL = (a, scope) => a === 'nm-office' && scope === 'own' ?
    403 : null;
const observed = (pl, tag) => once(`observed ${tag} ${pl.organ}`, async () =>
    (await make('POST', `/api/v1/inspections/${await inspectionOf(pl)}` +
    '/findings', { organ: pl.organ, person: await leaderOf(pl.organ),
	severity: 'veto', description: `访问矩阵待认定问题 ${tag}` })).id);
api('POST', '/findings/{id}/determine', { ok: [201, 409],
	refuse: NOT_OWN_LEVEL, params: async (pl) => [await observed(pl, 'api')],
	body: J(() => ({ kind: 'judicial_interference', date: `${YEAR}-06-01` })),
	read: async (pl) => `/api/v1/inspections/${await inspectionOf(pl)}` });
/* 移交整改: the inspector's alone (the offices and the administrator
 * order 整改 themselves: 403 wherever they see the finding). */
const NOT_INSPECTOR = (a, scope) => ACCOUNTS[a].role !== 'inspector' &&
    (scope === 'own' || SCOPES[a].everywhere) ? 403 : null;
const referable = (pl, tag) => once(`referable ${tag} ${pl.organ}`,
    async () => (await make('POST', `/api/v1/inspections/${
    await inspectionOf(pl)}/findings`, { organ: pl.organ, severity: 'minor',
	description: `访问矩阵移交问题 ${tag}` })).id);
const referral = (tag) => ({ ok: tag === 'api' ? [200, 409] : POSTED,
	refuse: NOT_INSPECTOR, params: async (pl) => [await referable(pl, tag)],
	read: async (pl) => `/api/v1/inspections/${await inspectionOf(pl)}` });
api('POST', '/findings/{id}/referral', { ...referral('api'),
	body: J(() => ({ requirement: '访问矩阵移交', deadline:
	    `${YEAR + 5}-12-31` })) });
page('POST', '/supervision/findings/{id}/referral', { ...referral('page'),
	body: FORM(() => ({ requirement: '访问矩阵页面移交', deadline:
	    `${YEAR + 5}-12-31` })) });
page('GET', '/supervision/inspections', {});
page('GET', '/supervision/rectifications', {});
page('GET', '/supervision/interviews', {});
page('GET', '/supervision/notices', {});
api('GET', '/rectifications', {});
api('POST', '/rectifications', { ok: [201], other: 400, body: J(async (pl) =>
	({ source: 'finding', finding: await findingOf(pl),
	    requirement: '访问矩阵整改', deadline: `${YEAR + 5}-12-31` })) });
api('GET', '/rectifications/{id}', { params: async (pl) =>
	[await rectificationOf(pl)] });
api('POST', '/rectifications/{id}/status', { ok: [200, 409],
	params: async (pl) => [await rectificationOf(pl, 'status')],
	body: J(() => ({ action: 'progress', note: '访问矩阵进展' })),
	read: async (pl) =>
	    `/api/v1/rectifications/${await rectificationOf(pl, 'status')}` });
api('POST', '/rectifications/{id}/evidence', { ok: [201],
	params: async (pl) => [await rectificationOf(pl)],
	body: () => ({ multipart: true }) });
api('GET', '/rectifications/{id}/evidence/{key}', { params: async (pl) =>
	rectEvidenceOf(pl) });
api('GET', '/interviews', {});
api('POST', '/interviews', { ok: [201], other: 400, body: J(async (pl) => ({
	source: 'finding', finding: await findingOf(pl), reason: '访问矩阵约谈',
	scheduled_on: `${YEAR + 5}-03-01` })) });
api('POST', '/interviews/{id}/held', { ok: [200, 409],
	params: async (pl) => [await interviewOf(pl)],
	body: J(() => ({ held_on: todayText(), interviewer: '办主任',
		summary: '访问矩阵约谈纪要' })) });
api('GET', '/notices', {});
api('POST', '/notices', { ok: [201, 409], other: 403, body: J((pl) => ({
	kind: 'interview', year: NOTICE_YEARS.new, region: pl.region })) });
api('GET', '/notices/{id}', { by: 'region', params: async (pl) =>
	[await noticeOf(pl, 'issued')] });
api('PUT', '/notices/{id}', { ok: [200, 409],
	params: async (pl) => [await noticeOf(pl, 'draft')],
	body: J(() => ({ title: '访问矩阵通报', body: '访问矩阵通报正文' })),
	read: async (pl) => `/api/v1/notices/${await noticeOf(pl, 'draft')}` });
/* The county office drafts and edits its county's notice; the 市 issues
 * it and gives its orders (第八条: the 上级党委's). */
const COUNTY_DRAFTS = (a, scope) => a === 'nm-office' && scope === 'own' ?
	403 : null;
api('POST', '/notices/{id}/issue', { ok: [200, 409],
	params: async (pl) => [await noticeOf(pl, 'draft')],
	refuse: COUNTY_DRAFTS,
	read: async (pl) => `/api/v1/notices/${await noticeOf(pl, 'draft')}` });
api('POST', '/notices/{id}/orders', { ok: [201, 200],
	params: async (pl) => [await noticeOf(pl, 'issued')],
	refuse: COUNTY_DRAFTS,
	read: async (pl) => `/api/v1/notices/${await noticeOf(pl, 'issued')}` });

api('GET', '/cases', {});
api('POST', '/cases', { ok: [201], other: 403, body: J((pl) => ({
	target: 'organization', organ: pl.organ, item: 5, source: 'report',
	summary: '访问矩阵新案件' })) });
api('GET', '/cases/{id}', { params: async (pl) => [await caseOf(pl)] });
api('POST', '/cases/{id}/transition', { ok: [200, 409],
	params: async (pl) => [await caseOf(pl, 'move')],
	body: J(() => ({ to: 'investigating' })),
	read: async (pl) => `/api/v1/cases/${await caseOf(pl, 'move')}` });
api('POST', '/cases/{id}/appeal', { ok: [200, 409],
	params: async (pl) => [await caseOf(pl, 'decided')],
	body: J(() => ({ appeal: '不服' })) });
/* The written waiver: recorded by the case's handler only (an office
 * never closes an investigation: 403 in its own scope). */
api('POST', '/cases/{id}/waiver', { ok: [201, 409],
	params: async (pl, acct, scope) => [await caseOf(pl,
	    `api statement ${waiverHandler(acct, scope)}`)],
	body: () => ({ multipart: true }),
	refuse: (acct, scope) => scope === 'own' && isOffice(acct) ? 403 : null,
	read: async (pl, acct, scope) => `/api/v1/cases/${await caseOf(pl,
	    `api statement ${waiverHandler(acct, scope)}`)}` });
api('GET', '/cases/{id}/waiver', { params: async (pl) =>
	[await caseOf(pl, 'decided')] });

api('GET', '/reports', {});
api('POST', '/reports', { ok: [201, 409], other: 403, body: J(async (pl) =>
	({ kind: 'shufa', year: REPORT_YEARS.new, organ: pl.organ,
	    person: await leaderOf(pl.organ, REPORT_YEARS.new) })) });
api('GET', '/reports/{id}', { params: async (pl) => [await reportOf(pl)] });
api('PUT', '/reports/{id}', { ok: [200, 409],
	params: async (pl) => [await reportOf(pl, 'draft')],
	body: J(() => ({ title: '访问矩阵述法' })),
	read: async (pl) => `/api/v1/reports/${await reportOf(pl, 'draft')}` });
api('POST', '/reports/{id}/sign', { ok: [200, 409],
	params: async (pl) => [await reportOf(pl, 'draft')] });
api('POST', '/inspections/{id}/close', { ok: [200, 409],
	params: async (pl) => [await toClose(pl, 'api')] });
api('POST', '/reports/{id}/lock', { ok: [200, 409],
	params: async (pl) => [await annualOf(pl, 'chain')] });
api('POST', '/reports/{id}/publish', { ok: [200, 409],
	params: async (pl) => [await annualOf(pl, 'chain')],
	body: J(() => ({ published_on: todayText() })) });
api('GET', '/reports/{id}/pdf', { params: async (pl) => [await reportOf(pl)] });
/* Documents (domain/document.h): read as the thing they are of. */
const DOCUMENT = (format) => ({ params: async (pl) => ['interviews',
	await interviewOf(pl), ...(format ? ['interview-notice'] : [])] });
api('GET', '/{collection}/{id}/documents', DOCUMENT());
api('GET', '/{collection}/{id}/documents/{template}/pdf', DOCUMENT('pdf'));
api('GET', '/{collection}/{id}/documents/{template}/docx', DOCUMENT('docx'));
api('GET', '/reports/{id}/docx', { params: async (pl) => [await reportOf(pl)] });
api('GET', '/rankings.xlsx', REGION_QUERY(`year=${YEAR}&`));

/* Pages: the same objects; forms carry the API's field names. */
page('GET', '/login', { public: true });
page('POST', '/login', { ok: [303], body: async () => ({ form:
	{ username: 'nm-clerk', password: PASSWORD } }) });
page('POST', '/logout', { ok: [303], fresh: true });
page('GET', '/', {});
page('GET', '/account', {});
page('GET', '/messages', {});
page('POST', '/messages/read', { ok: [303] });
page('POST', '/messages/{id}/read', { ok: [303], personal: true,
	params: async (pl, acct, scope) => [await messageOf(tokenOwner(acct,
	    scope))] });
page('POST', '/account/tokens', { body: FORM(() => ({ label: '矩阵页面',
	password: PASSWORD })) });
page('POST', '/account/tokens/{id}/revoke', { ok: [303], ...TOKEN('page') });
page('GET', '/registry', {});
page('GET', '/registry/{code}', { by: 'region', params: (pl) => [pl.region] });
/* People with their posts: for the roles with a region's scope. */
page('GET', '/registry/people', { refuse: (a) =>
	['clerk', 'leader'].includes(ACCOUNTS[a].role) ? 403 : null });
page('GET', '/organs/{id}', { params: (pl) => [pl.organ] });
page('GET', '/ledger', { query: (pl) => `organ=${pl.organ}`, other: 403 });
page('GET', '/ledger/new', {});
page('GET', '/ledger/upload', {});
page('POST', '/ledger/upload', { other: 400, refuse: NOT_DISCIPLINE_ROW,
	body: recordSheet });
page('GET', '/ledger/upload/template.xlsx', {});
page('GET', '/ledger/upload/template.csv', {});
page('POST', '/ledger/review', { ok: POSTED, other: 404,
	refuse: NOT_DISCIPLINE, body: FORM(async (pl) => ({
	    ids: `${await recordOf(pl, 'page-bulk')} `, action: 'verify' })),
	read: async (pl) =>
	    `/api/v1/records/${await recordOf(pl, 'page-bulk')}` });
page('GET', '/registry/upload', {});
page('POST', '/registry/upload', { other: 400, body: async (pl) => ({ sheet: [
	['姓名', '所在机构', '职务', '任职开始日期'],
	[`矩阵人员${++serial}`, await organName(pl), '副职', `${YEAR}-02-01`]] }) });
page('GET', '/registry/upload/template.xlsx', {});
page('GET', '/registry/upload/template.csv', {});
page('POST', '/ledger', { ok: [303], other: 403, refuse: NOT_DISCIPLINE,
	body: FORM(recordBody) });
page('GET', '/ledger/{id}', { params: async (pl) => [await recordOf(pl)] });
page('GET', '/ledger/{id}/edit', { refuse: NOT_DISCIPLINE,
	params: async (pl) => [await recordOf(pl)] });
page('POST', '/ledger/{id}', { ok: POSTED, refuse: NOT_DISCIPLINE,
	params: async (pl) => [await recordOf(pl)], body: FORM(recordBody),
	read: async (pl) => `/api/v1/records/${await recordOf(pl)}` });
page('POST', '/ledger/{id}/evidence', { ok: POSTED, refuse: NOT_DISCIPLINE,
	params: async (pl) => [await recordOf(pl)],
	body: () => ({ multipart: true }) });
page('POST', '/ledger/{id}/review', { ok: POSTED, refuse: NOT_DISCIPLINE,
	params: async (pl) => [await recordOf(pl, 'page-review')],
	body: FORM(() => ({ action: 'verify', note: '核实' })),
	read: async (pl) =>
	    `/api/v1/records/${await recordOf(pl, 'page-review')}` });
page('GET', '/catalog', {});
page('GET', '/evaluation', REGION_QUERY(`year=${YEAR}&`));
page('GET', '/evaluation/closures', REGION_QUERY(`year=${YEAR}&`));
page('POST', '/evaluation/score', { ok: POSTED, other: 403,
	body: FORM(async (pl) => ({ person: await leaderOf(pl.organ),
		year: String(YEAR), duty: '5.1-leadership', score: '81',
		region: pl.region })) });
const pageClosure = (reason) => ({ ok: POSTED, other: 403,
	body: FORM((pl) => ({ year: String(CLOSE_YEAR), region: pl.region,
		reason, confirmed: '1' })) });
page('POST', '/evaluation/close', pageClosure('访问矩阵页面结转'));
page('POST', '/evaluation/reopen', pageClosure('访问矩阵页面重新开放'));
page('GET', '/evaluation.csv', REGION_QUERY(`year=${YEAR}&`));
page('GET', '/evaluation.xlsx', REGION_QUERY(`year=${YEAR}&`));
page('GET', '/audit', { refuse: (a) => a === 'gy-office' ||
	a === 'nm-office' ? 403 : null });
/* The audit log's exports: who reads the log. */
page('GET', '/audit.csv', { refuse: (a) => a === 'gy-office' ||
	a === 'nm-office' ? 403 : null });
page('GET', '/audit.xlsx', { refuse: (a) => a === 'gy-office' ||
	a === 'nm-office' ? 403 : null });
/* A full verification now (a read: nothing written). */
page('POST', '/audit/verify', { ok: [303], refuse: (a) =>
	a === 'gy-office' || a === 'nm-office' ? 403 : null });
page('GET', '/supervision', {});
page('POST', '/supervision/inspections', { ok: POSTED, other: 403,
	body: FORM((pl) => ({ kind: 'special', title: '访问矩阵页面督查',
		region: pl.region, year: String(YEAR) })) });
page('GET', '/supervision/inspections/{id}', { params: async (pl) =>
	[await inspectionOf(pl)] });
page('POST', '/supervision/inspections/{id}/findings', { ok: POSTED,
	params: async (pl) => [await inspectionOf(pl)],
	body: FORM((pl) => ({ organ: pl.organ, severity: 'minor',
		description: '访问矩阵页面问题' })) });
page('POST', '/supervision/findings/{id}/determine', { ok: POSTED,
	refuse: NOT_OWN_LEVEL, params: async (pl) => [await observed(pl, 'page')],
	body: FORM(() => ({ kind: 'judicial_interference',
		date: `${YEAR}-06-02` })),
	read: async (pl) => `/api/v1/inspections/${await inspectionOf(pl)}` });
page('POST', '/supervision/rectifications', { ok: POSTED, other: 400,
	body: FORM(async (pl) => ({ source: 'finding',
		finding: await findingOf(pl), requirement: '页面整改',
		deadline: `${YEAR + 5}-12-31` })) });
page('GET', '/supervision/rectifications/{id}', { params: async (pl) =>
	[await rectificationOf(pl)] });
page('POST', '/supervision/rectifications/{id}/status', { ok: POSTED,
	params: async (pl) => [await rectificationOf(pl, 'page-status')],
	body: FORM(() => ({ action: 'progress', note: '页面进展' })),
	read: async (pl) => `/api/v1/rectifications/${
	    await rectificationOf(pl, 'page-status')}` });
page('POST', '/supervision/rectifications/{id}/evidence', { ok: POSTED,
	params: async (pl) => [await rectificationOf(pl)],
	body: () => ({ multipart: true }) });
page('POST', '/supervision/interviews', { ok: POSTED, other: 400,
	body: FORM(async (pl) => ({ source: 'finding',
		finding: await findingOf(pl), reason: '页面约谈',
		scheduled_on: `${YEAR + 5}-04-01` })) });
page('POST', '/supervision/interviews/{id}/held', { ok: POSTED,
	params: async (pl) => [await interviewOf(pl, 'page')],
	body: FORM(() => ({ held_on: todayText(), interviewer: '办主任',
		summary: '页面约谈纪要' })) });
page('POST', '/supervision/notices', { ok: POSTED, other: 403,
	body: FORM((pl) => ({ kind: 'interview', year: String(NOTICE_YEARS['page-new']),
		region: pl.region })) });
page('GET', '/supervision/notices/{id}', { by: 'region', params: async (pl) =>
	[await noticeOf(pl, 'issued')] });
page('POST', '/supervision/notices/{id}', { ok: POSTED,
	params: async (pl) => [await noticeOf(pl, 'page-draft')],
	body: FORM(() => ({ title: '页面通报', body: '页面通报正文' })) });
page('POST', '/supervision/notices/{id}/issue', { ok: POSTED,
	params: async (pl) => [await noticeOf(pl, 'page-draft')],
	refuse: COUNTY_DRAFTS });
page('POST', '/supervision/notices/{id}/orders', { ok: [303],
	params: async (pl) => [await noticeOf(pl, 'issued')],
	refuse: COUNTY_DRAFTS });
page('GET', '/accountability', {});
page('POST', '/accountability', { ok: POSTED, other: 403,
	body: FORM((pl) => ({ target: 'organization', organ: pl.organ,
		item: '5', source: 'report', summary: '页面案件' })) });
page('GET', '/accountability/{id}', { params: async (pl) =>
	[await caseOf(pl)] });
page('POST', '/accountability/{id}/transition', { ok: POSTED,
	params: async (pl) => [await caseOf(pl, 'page-move')],
	body: FORM(() => ({ to: 'investigating' })) });
page('POST', '/accountability/{id}/appeal', { ok: POSTED,
	params: async (pl) => [await caseOf(pl, 'page-decided')],
	body: FORM(() => ({ appeal: '不服' })) });
page('POST', '/accountability/{id}/waiver', { ok: POSTED,
	params: async (pl, acct, scope) => [await caseOf(pl,
	    `page statement ${waiverHandler(acct, scope)}`)],
	body: () => ({ multipart: true }),
	refuse: (acct, scope) => scope === 'own' && isOffice(acct) ? 403 : null });
page('GET', '/reports', {});
page('POST', '/reports', { ok: POSTED, other: 403, body: FORM(async (pl) =>
	({ kind: 'shufa', year: String(REPORT_YEARS['page-new']), organ: pl.organ,
	    person: await leaderOf(pl.organ, REPORT_YEARS['page-new']) })) });
page('GET', '/reports/{id}', { params: async (pl) => [await reportOf(pl)] });
page('POST', '/reports/{id}', { ok: POSTED,
	params: async (pl) => [await reportOf(pl, 'page-draft')],
	body: FORM(() => ({ title: '页面述法', n: '1', t0: '一、', x0: '页面述法正文' })) });
page('POST', '/reports/{id}/sign', { ok: POSTED,
	params: async (pl) => [await reportOf(pl, 'page-sign')] });
page('POST', '/supervision/inspections/{id}/close', { ok: POSTED,
	params: async (pl) => [await toClose(pl, 'page')] });
page('POST', '/reports/{id}/lock', { ok: POSTED,
	params: async (pl) => [await annualOf(pl, 'page-chain')] });
page('POST', '/reports/{id}/publish', { ok: POSTED,
	params: async (pl) => [await annualOf(pl, 'page-chain')],
	body: FORM(() => ({ published_on: todayText() })) });
page('GET', '/reports/{id}/pdf', { params: async (pl) =>
	[await reportOf(pl)] });
page('GET', '/{collection}/{id}/documents/{template}/pdf', DOCUMENT('pdf'));
page('GET', '/{collection}/{id}/documents/{template}/docx', DOCUMENT('docx'));
page('GET', '/reports/{id}/docx', { params: async (pl) =>
	[await reportOf(pl)] });
page('GET', '/rankings.xlsx', REGION_QUERY(`year=${YEAR}&`));
page('GET', '/overview', REGION_QUERY(`year=${YEAR}&`));
page('GET', '/warnings', REGION_QUERY());
page('GET', '/public/', { public: true });
page('GET', '/public/search', { public: true, query: () => 'q=法治' });
page('GET', '/public/reports/{id}', { public: true,
	params: async (pl) => [await annualOf(pl, 'published')] });
page('GET', '/public/reports/{id}/pdf', { public: true,
	params: async (pl) => [await annualOf(pl, 'published')] });
page('GET', '/static/{file}', { public: true, params: () => ['app.css'] });

/*
 * Accounts (domain/account.c): a clerk account of the place's organ per
 * route (made by the operator, with a password of its own so that it
 * mints tokens), and one token of it per calling account, so that each
 * allowed revocation finds its own live. An office reaches the accounts
 * of its subtree; "other" places lie outside it (404 in the path, 403
 * for a region or organ in the query or body). Changing one's own
 * password is asked with a new password too weak (400, nothing written):
 * a change would end the matrix's sessions.
 */
const accountOf = (pl, tag) => once(`account ${tag} ${pl.organ}`,
    async () => {
	const name = `acc-${tag}-${pl.organ}`;
	const r = await run(['--db', srv.db, 'user', 'add', name, '--role',
		'clerk', '--organ', pl.organ, '--password-stdin'],
	{ input: `${PASSWORD}\n` });
	assert.equal(r.code, 0, r.stderr);
	return name;
});
const accountTokenOf = (pl, tag, acct) => once(
    `account token ${tag} ${pl.organ} ${acct}`, async () => {
	const name = await accountOf(pl, tag);
	const t = await srv.login(name);
	const r = await srv.api('POST', '/api/v1/tokens', { token: t,
		json: { label: `矩阵 ${acct}`, password: PASSWORD } });
	if (r.status !== 201)
		throw new Error(`token of ${name}: ${r.status} ${r.text}`);
	return r.body.id;
});
const ACCOUNT = (tag, more = {}) => ({
	params: async (pl) => [await accountOf(pl, tag)],
	read: async (pl) => `/api/v1/accounts/${await accountOf(pl, tag)}`,
	...more });
const ACCOUNT_TOKEN = (tag, more = {}) => ({
	params: async (pl, acct) => [await accountOf(pl, tag),
		await accountTokenOf(pl, tag, acct)],
	read: async (pl) => `/api/v1/accounts/${await accountOf(pl, tag)}/tokens`,
	...more });
let accounts = 0;
const newAccount = (pl) => ({ name: `acc-new-${process.pid}-${++accounts}`,
	role: 'clerk', organ: pl.organ });
api('GET', '/accounts', { query: (pl) => `region=${pl.region}`, other: 403 });
api('POST', '/accounts', { ok: [201], other: 403, body: J(newAccount) });
api('GET', '/accounts/{name}', ACCOUNT('get'));
api('POST', '/accounts/{name}/disable', ACCOUNT('api-off'));
api('POST', '/accounts/{name}/enable', ACCOUNT('api-on'));
api('POST', '/accounts/{name}/password', ACCOUNT('api-reset'));
api('GET', '/accounts/{name}/tokens', ACCOUNT('get'));
api('DELETE', '/accounts/{name}/tokens', ACCOUNT('api-revoke-all', {
	read: async (pl) =>
	    `/api/v1/accounts/${await accountOf(pl, 'api-revoke-all')}/tokens` }));
api('DELETE', '/accounts/{name}/tokens/{id}', ACCOUNT_TOKEN('api-revoke'));
api('POST', '/me/password', { ok: [400], body: J(() => ({ password: PASSWORD,
	new_password: 'weak' })) });
page('GET', '/account/password', {});
page('POST', '/account/password', { ok: [400], body: FORM(() => ({
	password: PASSWORD, new_password: 'weak', confirm: 'weak' })) });
page('GET', '/accounts', { query: (pl) => `region=${pl.region}`, other: 403 });
page('GET', '/accounts/new', {});
page('POST', '/accounts', { other: 403, body: FORM(newAccount) });
page('GET', '/accounts/{name}', ACCOUNT('get'));
page('POST', '/accounts/{name}/disable', ACCOUNT('page-off', { ok: [303] }));
page('POST', '/accounts/{name}/enable', ACCOUNT('page-on', { ok: [303] }));
page('POST', '/accounts/{name}/password', ACCOUNT('page-reset'));
page('POST', '/accounts/{name}/tokens/{id}/revoke',
    ACCOUNT_TOKEN('page-revoke', { ok: [303] }));

let ROUTES = null;

/* The route list and the foreign province, once, when the server is up
 * (node 20 runs a file's root before() hooks side by side, so this is
 * not one). */
let ready = null;
const setup = () => ready ??= (async () => {
	ROUTES = await routes();
	const file = path.join(srv.dir, 'foreign.jsonl');
	await writeFile(file, FOREIGN.map((x) => JSON.stringify(x)).join('\n') +
	    '\n');
	const imp = await run(['--db', srv.db, 'import', file]);
	assert.equal(imp.code, 0, imp.stderr);
	const add = await run(['--db', srv.db, 'user', 'add', MAKER, '--role',
		'admin', '--password-stdin'], { input: `${PASSWORD}\n` });
	assert.equal(add.code, 0, add.stderr);
	/* The foreign province's office, which locks and publishes there. */
	const yn = await run(['--db', srv.db, 'user', 'add', 'yn-office',
		'--role', 'office', '--region', '530000', '--password-stdin'],
	    { input: `${PASSWORD}\n` });
	assert.equal(yn.code, 0, yn.stderr);
})();

test('`lvzhi routes --json` lists the router\'s table', async () => {
	await setup();
	assert.ok(ROUTES.length >= 100, `${ROUTES.length} routes`);
	const keys = new Set();
	for (const rt of ROUTES) {
		assert.match(rt.method, /^(GET|POST|PUT|DELETE)$/);
		assert.match(rt.pattern, /^\//);
		assert.ok(!keys.has(`${rt.method} ${rt.pattern}`), 'unique');
		keys.add(`${rt.method} ${rt.pattern}`);
		if (rt.login)
			assert.ok(rt.roles.length >= 1 && rt.roles.every((x) =>
			    ['admin', 'office', 'clerk', 'leader', 'inspector',
				'discipline'].includes(x)), rt.pattern);
		else
			assert.equal(rt.roles, null, rt.pattern);
		assert.equal(rt.page, !rt.pattern.startsWith('/api/') && rt.login,
		    rt.pattern);
	}
	/* What the role masks of routes.c say, spot-checked. */
	const find = (m, p) => ROUTES.find((x) => x.method === m &&
	    x.pattern === p);
	assert.deepEqual(find('GET', '/api/v1/audit').roles, ['admin', 'office']);
	assert.deepEqual(find('POST', '/api/v1/cases').roles,
	    ['admin', 'office', 'discipline']);
	assert.equal(find('GET', '/public/').login, false);
	assert.equal(find('POST', '/api/v1/records').csrf, true);
	assert.equal(find('POST', '/login').csrf, false);
});

test('every route has a fixture, and every fixture a route', async () => {
	await setup();
	const keys = ROUTES.map((x) => `${x.method} ${x.pattern}`);
	const missing = keys.filter((k) => !(k in F));
	assert.deepEqual(missing, [], 'routes without a fixture in ' +
	    'tests/web/access.test.mjs');
	const stale = Object.keys(F).filter((k) => !keys.includes(k));
	assert.deepEqual(stale, [], 'fixtures of routes that are gone');
});

/* The audit log's newest entry: a refused write must not add one. */
async function auditHead() {
	const r = await as('admin', 'GET', '/api/v1/audit?per_page=1');
	assert.equal(r.status, 200, r.text);
	return r.body.items[0]?.seq ?? 0;
}

/* The request of fixture f at place pl for account acct (null: anon),
 * made ready (objects it names exist) but not sent. */
async function prepare(rt, f, pl, acct, scope) {
	const params = f.params ? await f.params(pl, acct, scope) : [];
	let i = 0;
	let p = rt.pattern.replace(/\{[^}]+\}/g, () =>
	    encodeURIComponent(String(params[i++])));
	if (f.query)
		p += `?${f.query(pl)}`;
	const o = {};
	const b = f.body ? await f.body(pl) : null;
	if (b?.json !== undefined)
		o.json = b.json;
	else if (b?.form !== undefined)
		o.body = new URLSearchParams(b.form);
	else if (b?.multipart)
		o.body = pdfForm();
	else if (b?.sheet)
		o.body = sheetForm(b.sheet);
	else if (rt.method !== 'GET' && rt.pattern.startsWith('/api/'))
		o.json = {};
	if (acct !== null) {
		o.token = f.fresh ? await srv.login(acct) : (tokens[acct] ??=
		    await srv.login(acct));
	}
	return { p, o };
}

/* What the matrix expects: [allowed statuses], or a refusal. */
function expected(rt, f, acct, scope) {
	if (!rt.login)
		return { ok: f.ok ?? [200] };
	if (acct === null)
		return rt.page ? { login: true } : { refused: 401 };
	const role = ACCOUNTS[acct].role;
	if (!rt.roles.includes(role))
		return { refused: 403 };
	const extra = f.refuse?.(acct, scope);
	if (extra)
		return { refused: extra };
	/* A route that names nothing scoped answers "other" as "own". */
	if (scope === 'other' && f.personal)
		return { refused: 404 };
	const scoped = f.params || f.query || f.other;
	const same = f.by === 'region' && PLACES[SCOPES[acct].own].region ===
	    PLACES[SCOPES[acct].other].region;
	if (scope === 'other' && scoped && !SCOPES[acct].everywhere && !same)
		return { refused: f.other ?? 404 };
	return { ok: f.ok ?? [200] };
}

const WRITE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/*
 * How many refused requests of a route are in flight at once. A refused
 * write is watched: the audit log's head and the object (read back) are
 * taken before it and compared after it, so nothing that writes may run
 * inside its window. What writes is made ready first, one at a time:
 * fixtures (the maker's creates), logins (audited). Refused requests and
 * reads write nothing (that is what the watch asserts, and GETs are not
 * audited), so refusals can overlap; the allowed calls, which write, run
 * after them one at a time in the matrix's order, and routes one after
 * another.
 */
const IN_FLIGHT = 4;

/* Runs fn over items, n at a time. */
async function pool(items, n, fn) {
	let next = 0;
	const worker = async () => {
		while (next < items.length)
			await fn(items[next++]);
	};
	await Promise.all(Array.from({ length: Math.min(n, items.length) },
	    worker));
}

test('the access matrix: every route × every account × own, other, ' +
    'anonymous', { timeout: slow(900_000) }, async () => {
	await setup();
	const failures = [];
	let calls = 0;
	/* A cell made ready: its request, and for a refused write the path
	 * read back and by whom (its token made now: a login writes). */
	const ready = async (rt, f, { acct, scope, e }) => {
		const place = PLACES[acct === null ? (scope === 'own' ?
		    'nmParty' : 'yyParty') : SCOPES[acct][scope]];
		const watch = WRITE.has(rt.method) && !e.ok;
		const { p, o } = await prepare(rt, f, place, acct, scope);
		const read = watch && f.read ? await f.read(place, acct, scope) :
		    null;
		const [readPath, reader] = Array.isArray(read) ? read :
		    [read, 'admin'];
		if (readPath)
			tokens[reader] ??= await srv.login(reader);
		return { acct, scope, e, watch, p, o, readPath, reader };
	};
	/* Sends a ready cell and checks the answer; firstOk: the scopes whose
	 * first allowed call was made. */
	const send = async (rt, f, c, firstOk) => {
		const { acct, scope, e, watch, p, o, readPath, reader } = c;
		const before = readPath ? (await as(reader, 'GET', readPath))
		    .text : null;
		const head = watch ? await auditHead() : 0;
		const res = await srv.api(rt.method, p, o);
		calls += 1;
		const who = `${rt.method} ${p} as ${acct ?? 'anonymous'} ` +
		    `(${scope})`;
		let bad = null;
		if (e.login) {
			const loc = res.headers.get('location') ?? '';
			if (res.status !== 303 || !loc.startsWith('/login?next='))
				bad = `want a redirect to /login, got ${res.status} ${loc}`;
		} else if (e.refused) {
			if (res.status !== e.refused)
				bad = `want ${e.refused}, got ${res.status}`;
		} else {
			/* The first allowed call must succeed outright; later
			 * ones may meet the state the first one left. */
			const allowed = firstOk.has(scope) ? e.ok :
			    e.ok.filter((x) => x !== 409);
			if (!allowed.includes(res.status) || (rt.page && !f.fresh &&
			    (res.headers.get('location') ?? '').startsWith('/login')))
				bad = `want ${allowed.join('|')}, got ${res.status}`;
			firstOk.add(scope);
		}
		if (bad === null && watch) {
			if (await auditHead() !== head)
				bad = 'a refused write added to the audit log';
			else if (readPath && (await as(reader, 'GET', readPath))
			    .text !== before)
				bad = 'a refused write changed the object';
		}
		if (bad !== null)
			failures.push(`${who}: ${bad}: ${res.text.slice(0, 160)}`);
	};
	tokens.admin ??= await srv.login('admin'); /* auditHead()'s */
	for (const rt of ROUTES) {
		const f = F[`${rt.method} ${rt.pattern}`];
		/* Refusals first, then what is allowed: a refused write must
		 * find the object as it was. */
		const cells = [];
		for (const acct of [null, ...Object.keys(ACCOUNTS)])
			for (const scope of ['own', 'other'])
				cells.push({ acct, scope, e: expected(rt, f, acct, scope) });
		const firstOk = new Set();
		const refused = [];
		for (const c of cells.filter((x) => !x.e.ok))
			refused.push(await ready(rt, f, c));
		await pool(refused, IN_FLIGHT, (c) => send(rt, f, c, firstOk));
		for (const c of cells.filter((x) => x.e.ok))
			await send(rt, f, await ready(rt, f, c), firstOk);
	}
	assert.ok(calls > 2000, `${calls} calls`);
	assert.deepEqual(failures, []);
});

/*
 * The column "existing id of another scope" (issue 12): for each entity,
 * a create that names the id of an object of the caller's other place
 * (with an otherwise valid body of its own place), and a write to that
 * object. A record's create answers 409 (ids are the client's, and no
 * create changes an existing record, in any scope); the others' ids are
 * the server's, so naming one is a 400 naming "id"; a write to another
 * scope's object is refused as the matrix says (404 for an object in the
 * path, 403 for a person named in the body). Each refusal leaves the
 * object as it was and the audit log as it was. The administrator's
 * other place is one it may write: only its creates are tried.
 */
const EXISTING = [
	/* (the discipline account writes findings only: a record of its own
	 * place's of another kind is a 403 before any 409) */
	{ route: 'POST /api/v1/records', want: 409, create: true,
		skip: (acct) => ACCOUNTS[acct].role === 'discipline',
		obj: (pl) => recordOf(pl), read: (id) => `/api/v1/records/${id}` },
	{ route: 'PUT /api/v1/records/{id}', want: 404,
		obj: (pl) => recordOf(pl), read: (id) => `/api/v1/records/${id}` },
	{ route: 'POST /api/v1/records/{id}/evidence', want: 404,
		obj: (pl) => recordOf(pl),
		read: (id) => `/api/v1/records/${id}/evidence` },
	{ route: 'PUT /api/v1/scores', want: 403,
		obj: async (pl) => {
			const person = await leaderOf(pl.organ);
			await once(`score ${person}`, () => make('PUT', '/api/v1/scores',
			    { person, year: YEAR, duty: '5.1-leadership', score: 70,
				comment: '原评分' }, 200));
			return person;
		}, read: (id, pl) => `/api/v1/scores?year=${YEAR}&per_page=200&` +
		    `region=${pl.region}` },
	{ route: 'POST /api/v1/inspections', want: 400, create: true,
		obj: (pl) => inspectionOf(pl),
		read: (id) => `/api/v1/inspections/${id}` },
	{ route: 'POST /api/v1/inspections/{id}/findings', want: 400,
		create: true, obj: (pl) => findingOf(pl),
		read: async (id, pl) => `/api/v1/inspections/${
		    await inspectionOf(pl)}` },
	{ route: 'POST /api/v1/rectifications', want: 400, create: true,
		obj: (pl) => rectificationOf(pl),
		read: (id) => `/api/v1/rectifications/${id}` },
	{ route: 'POST /api/v1/rectifications/{id}/status', want: 404,
		obj: (pl) => rectificationOf(pl, 'status'),
		read: (id) => `/api/v1/rectifications/${id}` },
	{ route: 'POST /api/v1/interviews', want: 400, create: true,
		obj: (pl) => interviewOf(pl), read: () => '/api/v1/interviews' },
	{ route: 'POST /api/v1/notices', want: 400, create: true,
		obj: (pl) => noticeOf(pl, 'issued'),
		read: (id) => `/api/v1/notices/${id}` },
	{ route: 'PUT /api/v1/notices/{id}', want: 404,
		obj: (pl) => noticeOf(pl, 'draft'),
		read: (id) => `/api/v1/notices/${id}` },
	{ route: 'POST /api/v1/cases', want: 400, create: true,
		obj: (pl) => caseOf(pl), read: (id) => `/api/v1/cases/${id}` },
	{ route: 'POST /api/v1/cases/{id}/transition', want: 404,
		obj: (pl) => caseOf(pl, 'move'), read: (id) => `/api/v1/cases/${id}` },
	{ route: 'POST /api/v1/reports', want: 400, create: true,
		obj: (pl) => reportOf(pl), read: (id) => `/api/v1/reports/${id}` },
	{ route: 'PUT /api/v1/reports/{id}', want: 404,
		obj: (pl) => reportOf(pl, 'draft'),
		read: (id) => `/api/v1/reports/${id}` },
];

test('the access matrix, column "existing id of another scope"',
    { timeout: slow(600_000) }, async () => {
	await setup();
	const failures = [];
	for (const x of EXISTING) {
		const rt = ROUTES.find((r) => `${r.method} ${r.pattern}` === x.route);
		assert.ok(rt, x.route);
		const f = F[x.route];
		for (const acct of Object.keys(ACCOUNTS)) {
			if (!rt.roles.includes(ACCOUNTS[acct].role) ||
			    (SCOPES[acct].everywhere && !x.create) || x.skip?.(acct))
				continue;
			const own = PLACES[SCOPES[acct].own];
			const other = PLACES[SCOPES[acct].other];
			const id = await x.obj(other);
			/* A create: the own place's body, naming the other's id.
			 * A write: the other's object, with the body the matrix
			 * sends it. */
			const { p, o } = await prepare(rt, f, x.create ? own : other,
			    acct);
			if (x.create)
				o.json = { ...o.json, id };
			const read = await x.read(id, other);
			const before = (await as('admin', 'GET', read)).text;
			const head = await auditHead();
			const res = await srv.api(rt.method, p, o);
			const who = `${x.route} as ${acct} naming ${id}`;
			if (res.status !== x.want)
				failures.push(`${who}: want ${x.want}, got ${res.status}: ` +
				    res.text.slice(0, 160));
			else if (x.create && res.body?.field !== 'id')
				failures.push(`${who}: the problem does not name "id"`);
			else if (await auditHead() !== head)
				failures.push(`${who}: the audit log grew`);
			else if ((await as('admin', 'GET', read)).text !== before)
				failures.push(`${who}: the object changed`);
		}
	}
	assert.deepEqual(failures, []);
});

/*
 * The finding rows (issue 13; docs/security.md, "Findings are
 * determinations"): every account creates, changes, verifies and rejects
 * a judicial_interference finding about the principal of an organ in its
 * competence and out of it. Competent: a discipline or office account
 * whose region lies above the organ's, or for a department the organ's
 * own region or above. Everyone else: 403 where the route or the write is
 * refused, 404 where the account does not see the record at all; nothing
 * written, nothing audited.
 */
const TARGETS = {
	/* 中共南明区委: the 市 and the province above it */
	party: { organ: '520102-party', competent: ['gz-office', 'gy-office',
		'discipline'], readers: ['admin', 'gz-office', 'gy-office',
		'nm-office', 'nm-clerk', 'nm-leader', 'inspector', 'discipline'] },
	/* 南明区司法局: also the 区 office of its own region */
	department: { organ: '520102-justice', competent: ['gz-office',
		'gy-office', 'nm-office', 'discipline'], readers: ['admin',
		'gz-office', 'gy-office', 'nm-office', 'inspector', 'discipline'] },
	/* 中共五华区委 (云南): nobody of Guizhou */
	foreign: { organ: '530102-party', competent: [], readers: ['admin'] },
};
const WRITES_FINDINGS = ['admin', 'office', 'clerk', 'discipline'];
const REVIEWS_FINDINGS = ['admin', 'office', 'discipline'];

/* A finding about the organ's principal, made by a competent account (the
 * operator, by import, where none is). */
const findingOn = async (t, tag) => once(`finding ${tag} ${t.organ}`,
    async () => {
	const id = `r-acc-find-${tag}-${++serial}`;
	const body = { id, kind: 'judicial_interference', organ: t.organ,
		person: await leaderOf(t.organ), date: `${YEAR}-07-01`,
		title: '访问矩阵认定', basis: 'report', basis_ref: '访问矩阵举报' };
	if (t.competent.length > 0) {
		const r = await as(t.competent[0], 'POST', '/api/v1/records',
		    { json: body });
		assert.equal(r.status, 201, r.text);
	} else {
		const file = path.join(srv.dir, `${id}.jsonl`);
		await writeFile(file, JSON.stringify({ type: 'record', ...body }) +
		    '\n');
		const imp = await run(['--db', srv.db, 'import', file]);
		assert.equal(imp.code, 0, imp.stderr);
	}
	return { id, body };
});

test('the access matrix, findings: every account × in and out of ' +
    'competence', { timeout: slow(300_000) }, async () => {
	await setup();
	const failures = [];
	for (const [name, t] of Object.entries(TARGETS))
		for (const acct of Object.keys(ACCOUNTS)) {
			const role = ACCOUNTS[acct].role;
			const competent = t.competent.includes(acct);
			const seen = t.readers.includes(acct) ? 403 : 404;
			/* No account reviews what it entered (separation of
			 * duties): the fixtures' maker gets 403 on its own. */
			const reviews = competent && acct !== t.competent[0] ? 200
			    : competent ? 403 : REVIEWS_FINDINGS.includes(role) ?
			    seen : 403;
			const change = await findingOn(t, 'change');
			const verify = await findingOn(t, 'verify');
			const reject = await findingOn(t, 'reject');
			const create = { ...change.body, id: `r-acc-find-new-${++serial}` };
			const ops = [
				['POST', '/api/v1/records', create, create.id,
				    competent ? 201 : 403],
				['PUT', `/api/v1/records/${change.id}`, { ...change.body,
					title: `访问矩阵修改 ${acct}` }, change.id, competent ?
				    200 : WRITES_FINDINGS.includes(role) ? seen : 403],
				['POST', `/api/v1/records/${verify.id}/verify`, { note: '核实' },
				    verify.id, reviews],
				['POST', `/api/v1/records/${reject.id}/reject`, { note: '不予认定' },
				    reject.id, reviews],
			];
			tokens[acct] ??= await srv.login(acct);
			for (const [method, p, json, id, want] of ops) {
				const before = (await as('admin', 'GET',
				    `/api/v1/records/${id}`)).text;
				const head = await auditHead();
				const res = await as(acct, method, p, { json });
				const who = `${method} ${p} (${name}) as ${acct}`;
				if (res.status !== want)
					failures.push(`${who}: want ${want}, got ${res.status}: ` +
					    res.text.slice(0, 160));
				else if (want >= 400 && await auditHead() !== head)
					failures.push(`${who}: a refused write was audited`);
				else if (want >= 400 && (await as('admin', 'GET',
				    `/api/v1/records/${id}`)).text !== before)
					failures.push(`${who}: a refused write changed it`);
			}
		}
	assert.deepEqual(failures, []);
});
