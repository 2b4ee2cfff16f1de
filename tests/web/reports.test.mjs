/*
 * Reports over HTTP (第六条(一), 第七条) on the demo province, with "today"
 * fixed in the spring after the demo's year (LVZHI_TODAY), past the
 * 31 March deadline of the annual report about the demo year.
 *
 * A 述法 is drafted by the party committee's clerk for its principal from
 * the ledger and the evaluation, edited, signed, locked by the office and
 * then refuses edits (409 with the reason). A government's annual report
 * is drafted, signed, locked and published by the office: it is then on
 * the public portal without a login (listing, full-text search with FTS5
 * trigrams and the short-query fallback, its page cacheable with an ETag,
 * its PDF), while nothing unpublished ever is; the publication is a
 * ledger record that the next year's evaluation cites for 6.1-annual-
 * report, and publishing after 31 March is flagged late. The PDFs are
 * read back with pdftotext. Scope: another county's clerk sees nothing,
 * the leader reads only their own 述法. The rankings come as a workbook
 * that unzips. The pages are exercised as a browser would, with the
 * session cookie and the form's CSRF token. Every step is in the audit
 * log, and every API answer matches its description in the OpenAPI
 * document the server serves.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';

import { BIN, PASSWORD, YEAR, accountLabel, finished, useServer }
    from './harness.mjs';
import { check, deref, operationFor } from './schema.mjs';

const NEXT = YEAR + 1;
const TODAY = `${NEXT}-05-10`;
const srv = useServer({ env: { LVZHI_TODAY: TODAY } });
const tokens = {};

async function token(name) {
	tokens[name] ??= await srv.login(name);
	return tokens[name];
}

async function as(name, method, p, o = {}) {
	return srv.api(method, p, { ...o, token: await token(name) });
}

function assertProblem(r, status, field) {
	assert.equal(r.status, status, r.text);
	assert.equal(r.type, 'application/problem+json', r.text);
	assert.equal(r.body.status, status);
	assert.equal(typeof r.body.title, 'string');
	if (field !== undefined)
		assert.equal(r.body.field, field, r.text);
}

const url = (id, more = '') => `/api/v1/reports/${encodeURIComponent(id)}${more}`;

/* Runs a program (input: its standard input); resolves { code, stdout,
 * stderr }. */
function run(bin, args, input) {
	return new Promise((resolve, reject) => {
		const child = execFile(bin, args, { encoding: 'utf8',
		    maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
			if (err && typeof err.code !== 'number') {
				reject(err);
				return;
			}
			resolve({ code: err ? err.code : 0, stdout, stderr });
		});
		child.stdin.end(input ?? '');
	});
}

/* The PDF's text as pdftotext reads it, without white space (Chinese
 * lines wrap anywhere). */
let pdfs = 0;
async function pdfText(bytes) {
	assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
	const file = path.join(srv.dir, `r${++pdfs}.pdf`);
	await writeFile(file, bytes);
	const r = await run('pdftotext', ['-enc', 'UTF-8', file, '-']);
	assert.equal(r.code, 0, `pdftotext (poppler-utils, scripts/deps.sh): ` +
	    r.stderr);
	return r.stdout.replace(/\s+/g, '');
}

const squeeze = (s) => s.replace(/\s+/g, '');

/* A browser session: the cookie and the CSRF token its forms carry. */
async function browser(name) {
	const r = await srv.api('POST', '/login', {
		body: new URLSearchParams({ username: name, password: PASSWORD,
			next: '/' }).toString(),
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
	});
	assert.equal(r.status, 303, r.text);
	const m = /lvzhi_session=([0-9a-f]{64})/.exec(
	    r.headers.get('set-cookie') ?? '');
	assert.ok(m);
	const cookie = `lvzhi_session=${m[1]}`;
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

let shufa = null;  /* the 述法 drafted below */
let annual = null; /* the annual report published below */

test('述法: drafted from the ledger and the evaluation, edited, signed, ' +
    'locked, then frozen (409)', async () => {
	const me = await as('nm-leader', 'GET', '/api/v1/me');
	const person = me.body.person;
	assert.ok(person);
	const r = await as('nm-clerk', 'POST', '/api/v1/reports',
	    { json: { kind: 'shufa', year: YEAR, organ: '520102-party',
		person } });
	assert.equal(r.status, 201, r.text);
	assert.equal(r.headers.get('location'), url(r.body.id));
	shufa = r.body;
	assert.equal(shufa.kind, 'shufa');
	assert.equal(shufa.status, 'draft');
	assert.equal(shufa.person, person);
	assert.equal(shufa.organ, '520102-party');
	assert.deepEqual(shufa.sections.map((s) => s.title), [
		'一、履行推进法治建设第一责任人职责情况', '二、存在的问题和不足',
		'三、下一步工作打算']);
	/* Each duty of the evaluation, with its verdict and counts. */
	const ev = await as('nm-clerk', 'GET',
	    `/api/v1/evaluation?year=${YEAR}&region=520102`);
	const mine = ev.body.results.find((x) => x.person === person &&
	    x.organ === '520102-party');
	assert.ok(mine);
	const done = shufa.sections[0].text;
	for (const d of mine.duties)
		assert.ok(done.includes(d.title), `${d.id} not in the draft`);
	const hearings = mine.duties.find((d) => d.id === '5.1-hearings');
	assert.ok(done.includes(`${hearings.actual} 次`), done);
	for (const d of mine.duties.filter((x) => x.verdict === 'unmet'))
		assert.ok(shufa.sections[1].text.includes(d.title), d.id);
	assert.match(shufa.sections[2].text, /^【待填写】/);
	/* The records the explanations cite by number, never by id, and
	 * their dates in Chinese: the draft becomes a published text. */
	const text = shufa.sections.map((s) => s.text).join('\n');
	assert.doesNotMatch(text, /\br-\d{4,}/, 'a record id in the draft');
	assert.doesNotMatch(text, /\b\d{4}-\d{2}-\d{2}\b/, 'an ISO date');
	const cited = mine.duties.filter((d) => d.verdict !== 'needs_review')
	    .flatMap((d) => d.evidence.filter((id) => d.explanation
	    .includes(id)));
	assert.ok(cited.length > 0, 'no explanation names a record');
	for (const id of cited) {
		const rec = await as('nm-clerk', 'GET', `/api/v1/records/${id}`);
		assert.equal(rec.status, 200, rec.text);
		assert.ok(rec.body.number, `${id} has no number`);
		assert.ok(text.includes(rec.body.number), rec.body.number);
	}

	/* One 述法 per person, organ and year. */
	assertProblem(await as('nm-clerk', 'POST', '/api/v1/reports',
	    { json: { kind: 'shufa', year: YEAR, organ: '520102-party',
		person } }), 409);
	/* Not someone without a principal tenure there. */
	assertProblem(await as('nm-clerk', 'POST', '/api/v1/reports',
	    { json: { kind: 'shufa', year: YEAR, organ: '520102-party',
		person: 'p-nobody' } }), 400, 'person');
	/* Not another county's organ (which the clerk cannot see): 403
	 * naming the field, as for every organ a body names out of scope. */
	assertProblem(await as('nm-clerk', 'POST', '/api/v1/reports',
	    { json: { kind: 'shufa', year: YEAR, organ: '520103-party' } }), 403,
	    'organ');
	/* Nor someone else's organ in the same county. */
	assertProblem(await as('nm-gov-clerk', 'POST', '/api/v1/reports',
	    { json: { kind: 'shufa', year: YEAR, organ: '520102-party' } }), 403,
	    'organ');
	/* An organ that does not exist is 404, naming the field. */
	assertProblem(await as('nm-clerk', 'POST', '/api/v1/reports',
	    { json: { kind: 'shufa', year: YEAR, organ: 'no-such-organ' } }), 404,
	    'organ');
	assertProblem(await as('nm-clerk', 'POST', '/api/v1/reports',
	    { json: { kind: 'annual', year: YEAR, organ: '520102-party' } }), 400,
	    'organ');
	assertProblem(await as('nm-clerk', 'POST', '/api/v1/reports',
	    { json: { kind: 'shufa', year: 1999, organ: '520102-party' } }), 400,
	    'year');

	const plan = '一是完善述法制度;二是每季度听取一次法治建设工作汇报。';
	const sections = shufa.sections.map((s, i) => i === 2 ?
	    { ...s, text: plan } : s);
	const ed = await as('nm-clerk', 'PUT', url(shufa.id),
	    { json: { sections } });
	assert.equal(ed.status, 200, ed.text);
	assert.equal(ed.body.sections[2].text, plan);
	assert.ok(ed.body.updated_at);
	assertProblem(await as('nm-clerk', 'PUT', url(shufa.id),
	    { json: { sections: [{ title: '一', text: 'a\u0001b' }] } }), 400,
	    'sections[0].text');
	assertProblem(await as('nm-clerk', 'PUT', url(shufa.id),
	    { json: { sections: [{ title: '一', body: 'x' }] } }), 400,
	    'sections[0].body');
	assertProblem(await as('nm-clerk', 'PUT', url(shufa.id),
	    { json: { recipients: ['party_committee'] } }), 400, 'recipients');
	assertProblem(await as('nm-clerk', 'PUT', url(shufa.id),
	    { json: { status: 'locked' } }), 400, 'status');

	/* Scope: another county sees nothing; the leader reads their own. */
	assertProblem(await as('yy-clerk', 'GET', url(shufa.id)), 404);
	assertProblem(await as('yy-clerk', 'PUT', url(shufa.id),
	    { json: { title: 'x' } }), 404);
	const yy = await as('yy-clerk', 'GET', '/api/v1/reports');
	assert.ok(!yy.body.items.some((x) => x.id === shufa.id));
	const own = await as('nm-leader', 'GET', url(shufa.id));
	assert.equal(own.status, 200, own.text);
	assertProblem(await as('nm-leader', 'PUT', url(shufa.id),
	    { json: { title: 'x' } }), 403);

	/* Lock needs a signature first. Two people: the leader the 述法
	 * is about signs it in person; nobody signs for them — not the
	 * drafting clerk, not an office, not the administrator (403), not
	 * another leader, who does not even see it (404) — and a refusal
	 * writes nothing. */
	assertProblem(await as('nm-office', 'POST', url(shufa.id, '/lock')), 409);
	const audits = async () => (await as('gz-office', 'GET',
	    '/api/v1/audit?per_page=200')).body.items.filter((x) =>
	    x.action === 'report.sign').length;
	const before = await audits();
	for (const who of ['nm-clerk', 'nm-office', 'gy-office', 'admin'])
		assertProblem(await as(who, 'POST', url(shufa.id, '/sign')), 403);
	assertProblem(await as('nm-gov-leader', 'POST', url(shufa.id, '/sign')),
	    404);
	const unsigned = await as('nm-office', 'GET', url(shufa.id));
	assert.equal(unsigned.body.status, 'draft');
	assert.equal(unsigned.body.signed_by ?? null, null);
	assert.equal(await audits(), before, 'a refused signature is not written');
	const signed = await as('nm-leader', 'POST', url(shufa.id, '/sign'));
	assert.equal(signed.status, 200, signed.text);
	assert.equal(signed.body.status, 'signed');
	assert.equal(signed.body.signed_by, 'nm-leader');
	assert.equal(signed.body.created_by, 'nm-clerk');
	assert.ok(signed.body.signed_at);
	assert.equal(await audits(), before + 1);
	assertProblem(await as('nm-leader', 'POST', url(shufa.id, '/sign')), 409);
	/* The administrator does not lock: the office does. */
	assertProblem(await as('admin', 'POST', url(shufa.id, '/lock')), 403);
	assertProblem(await as('nm-clerk', 'POST', url(shufa.id, '/lock')), 403);
	const locked = await as('nm-office', 'POST', url(shufa.id, '/lock'));
	assert.equal(locked.status, 200, locked.text);
	assert.equal(locked.body.status, 'locked');
	assert.equal(locked.body.locked_by, 'nm-office');
	assert.ok(locked.body.locked_at);

	const late = await as('nm-clerk', 'PUT', url(shufa.id),
	    { json: { title: '改' } });
	assertProblem(late, 409);
	assert.match(late.body.title, /锁定/);
	assertProblem(await as('nm-office', 'POST', url(shufa.id, '/publish')),
	    409);
	const still = await as('nm-office', 'GET', url(shufa.id));
	assert.equal(still.body.title, shufa.title);
	assert.equal(still.body.sections[2].text, plan);

	const list = await as('nm-leader', 'GET', '/api/v1/reports');
	assert.equal(list.status, 200);
	assert.ok(list.body.items.length >= 1);
	assert.ok(list.body.items.every((x) => x.kind === 'shufa' &&
	    x.person === person));
});

test('述法 PDF: pdftotext reads the title and the headings back',
    async () => {
	assert.ok(shufa, 'the 述法 test ran first');
	const r = await as('nm-clerk', 'GET', url(shufa.id, '/pdf'));
	assert.equal(r.status, 200, r.text);
	assert.equal(r.type, 'application/pdf');
	assert.match(r.headers.get('content-disposition') ?? '', /attachment/);
	const text = await pdfText(r.bytes);
	assert.ok(text.includes(squeeze(shufa.title)), text.slice(0, 300));
	for (const s of shufa.sections)
		assert.ok(text.includes(squeeze(s.title)), s.title);
	/* A 公文 (GB/T 9704): signed by the leader on the day signed
	 * (Beijing time, no later than the server's today), numbered — 1 —; what it is in the system (its
	 * status, its id, the system's name) is not on the page. */
	const rep = (await as('nm-clerk', 'GET', url(shufa.id))).body;
	const bj = new Date(Math.min(Date.parse(rep.signed_at) + 8 * 3600e3,
	    Date.parse(`${TODAY}T00:00:00Z`)));
	/* The 成文日期 in Chinese numerals (the default of date_arabic):
	 * 二〇二六年三月十日. */
	const zh = '〇一二三四五六七八九';
	const counted = (n) => n < 10 ? zh[n] : `${n >= 20 ? zh[Math.floor(n /
	    10)] : ''}十${n % 10 ? zh[n % 10] : ''}`;
	const day = [...String(bj.getUTCFullYear())].map((c) => zh[c])
	    .join('') + `年${counted(bj.getUTCMonth() + 1)}月` +
	    `${counted(bj.getUTCDate())}日`;
	assert.ok(text.includes(`${rep.person_name}${day}`), text.slice(-300));
	assert.ok(text.includes('—1—'));
	for (const gone of ['状态', '已锁定', '报告编号', 'lvzhi', shufa.id])
		assert.ok(!text.includes(gone), gone);
	assertProblem(await as('yy-clerk', 'GET', url(shufa.id, '/pdf')), 404);
});

test('annual report: drafted, signed, locked, published; then on the ' +
    'portal, in the ledger and in the next year\'s evaluation', async () => {
	const r = await as('nm-gov-clerk', 'POST', '/api/v1/reports',
	    { json: { kind: 'annual', year: YEAR, organ: '520102-gov' } });
	assert.equal(r.status, 201, r.text);
	annual = r.body;
	assert.equal(annual.kind, 'annual');
	assert.equal(annual.person, undefined);
	assert.deepEqual(annual.sections.map((s) => s.title), [
		'一、主要举措和成效', '二、存在的不足和原因',
		'三、党政主要负责人履行推进法治建设第一责任人职责情况',
		'四、下一年度主要安排', '五、其他需要报告的情况']);
	assert.deepEqual(annual.recipients.map((x) => x.id), ['party_committee',
		'npc_standing_committee', 'superior_government']);
	assert.deepEqual(annual.recipients.map((x) => x.label), ['本级党委',
		'本级人大常委会', '上一级政府']);
	assert.equal(annual.due, `${NEXT}-03-31`);
	assert.equal(annual.late, true); /* not published, and it is May */
	assert.match(annual.sections[0].text, /重大行政决策 \d+ 项/);

	/* The writer finishes the text; the office may not publish before
	 * it is signed and locked. */
	const sections = finished(annual.sections).map((s, i) => i === 4 ?
	    { ...s, text: '本年度开展了营商环境法治保障专项行动。' } : s);
	const ed = await as('nm-gov-clerk', 'PUT', url(annual.id),
	    { json: { sections, recipients: ['party_committee',
		'npc_standing_committee', 'superior_government'] } });
	assert.equal(ed.status, 200, ed.text);
	assertProblem(await as('nm-gov-clerk', 'PUT', url(annual.id),
	    { json: { recipients: ['the_press'] } }), 400, 'recipients');
	assertProblem(await as('nm-office', 'POST', url(annual.id, '/publish')),
	    409);
	/* The annual report speaks for the government: its principal (the
	 * 区长, nm-gov-leader) signs it; the 区委书记 does not see it, the
	 * clerk and the office may not sign it. */
	assertProblem(await as('nm-gov-clerk', 'POST', url(annual.id, '/sign')),
	    403);
	assertProblem(await as('nm-office', 'POST', url(annual.id, '/sign')),
	    403);
	assertProblem(await as('nm-leader', 'POST', url(annual.id, '/sign')),
	    404);
	/* No leader account of the government can be linked to someone
	 * who never held a post there (the 区委书记): refused when made. */
	const secretary = (await as('nm-leader', 'GET', '/api/v1/me')).body
	    .person;
	const stranger = await run(BIN, ['--db', srv.db, 'user',
	    'add', 'nm-gov-stranger', '--role', 'leader', '--organ',
	    '520102-gov', '--person', secretary, '--password-stdin'],
	    `${PASSWORD}\n`);
	assert.notEqual(stranger.code, 0, 'a leader account of another organ');
	assert.match(stranger.stderr, /未在该机构任职/);
	/* One linked to a deputy of the government reads the report but
	 * may not sign it: 403 from the authority, inside the transaction. */
	const deputy = (await as('nm-office', 'GET',
	    '/api/v1/organs/520102-gov')).body.tenures.find((t) =>
	    t.role === 'deputy').person;
	const add = await run(BIN, ['--db', srv.db, 'user',
	    'add', 'nm-gov-other', '--role', 'leader', '--organ', '520102-gov',
	    '--person', deputy, '--password-stdin'], `${PASSWORD}\n`);
	assert.equal(add.code, 0, add.stderr);
	const other = await as('nm-gov-other', 'POST', url(annual.id, '/sign'));
	assertProblem(other, 403);
	assert.match(other.body.title, /主要负责人本人/);
	assert.equal((await as('nm-office', 'GET', url(annual.id))).body.status,
	    'draft');
	const byLeader = await as('nm-gov-leader', 'POST', url(annual.id,
	    '/sign'));
	assert.equal(byLeader.status, 200, byLeader.text);
	assert.equal(byLeader.body.signed_by, 'nm-gov-leader');
	/* The 区长 sees it among their reports, beside no one else's. */
	const mine = await as('nm-gov-leader', 'GET', '/api/v1/reports');
	assert.ok(mine.body.items.some((x) => x.id === annual.id), mine.text);
	assert.ok(mine.body.items.every((x) => x.organ === '520102-gov'),
	    mine.text);
	assertProblem(await as('nm-gov-leader', 'POST', url(annual.id,
	    '/lock')), 403);
	assert.equal((await as('nm-office', 'POST', url(annual.id, '/lock')))
	    .status, 200);
	/* Not published yet: nowhere on the portal. */
	assert.equal((await srv.api('GET', `/public/reports/${annual.id}`))
	    .status, 404);
	assertProblem(await as('nm-gov-clerk', 'POST', url(annual.id,
	    '/publish')), 403);
	assertProblem(await as('nm-office', 'POST', url(annual.id, '/publish'),
	    { json: { published_on: `${YEAR}-12-01` } }), 400, 'published_on');
	assertProblem(await as('nm-office', 'POST', url(annual.id, '/publish'),
	    { json: { published_on: `${NEXT}-12-01` } }), 400, 'published_on');
	/* Not before the report was locked (today): a report locked in May
	 * is not made public in March. */
	assertProblem(await as('nm-office', 'POST', url(annual.id, '/publish'),
	    { json: { published_on: `${NEXT}-03-20` } }), 400, 'published_on');
	const pub = await as('nm-office', 'POST', url(annual.id, '/publish'),
	    { json: { published_on: TODAY } });
	assert.equal(pub.status, 200, pub.text);
	assert.equal(pub.body.status, 'published');
	assert.equal(pub.body.published_on, TODAY);
	assert.equal(pub.body.late, true);
	const recId = `r-annual-520102-gov-${YEAR}`;
	assert.equal(pub.body.record, recId);
	annual = pub.body;
	assertProblem(await as('nm-office', 'POST', url(annual.id, '/publish')),
	    409);

	/* The ledger record 6.1-annual-report counts. */
	const rec = await as('nm-office', 'GET', `/api/v1/records/${recId}`);
	assert.equal(rec.status, 200, rec.text);
	assert.equal(rec.body.kind, 'rol_gov_annual_report');
	assert.equal(rec.body.organ, '520102-gov');
	assert.equal(rec.body.about_year, YEAR);
	assert.equal(rec.body.date, TODAY);
	assert.equal(rec.body.published_on, TODAY);
	assert.deepEqual(rec.body.recipients, ['party_committee',
		'npc_standing_committee', 'superior_government']);

	/* The report about YEAR published in NEXT is judged in NEXT: after
	 * 31 March, late. */
	const ev = await as('nm-office', 'GET',
	    `/api/v1/evaluation?year=${NEXT}&region=520102`);
	assert.equal(ev.status, 200, ev.text);
	const gov = ev.body.results.filter((x) => x.organ === '520102-gov');
	assert.ok(gov.length > 0, 'the government principal is evaluated');
	for (const g of gov) {
		const d = g.duties.find((x) => x.id === '6.1-annual-report');
		assert.equal(d.verdict, 'unmet', JSON.stringify(d));
	}
});

test('the portal: published reports only, without login, searchable, ' +
    'cacheable', async () => {
	assert.ok(annual, 'the annual report test ran first');
	const page = await srv.api('GET', `/public/reports/${annual.id}`);
	assert.equal(page.status, 200);
	assert.equal(page.type, 'text/html');
	assert.equal(page.headers.get('cache-control'), 'public, max-age=300');
	const etag = page.headers.get('etag');
	assert.match(etag ?? '', /^"[0-9a-f]{32}"$/);
	assert.ok(page.text.includes(annual.title));
	assert.ok(page.text.includes('营商环境法治保障专项行动'));
	assert.ok(!page.text.includes('/logout'), 'no staff navigation');
	const again = await srv.api('GET', `/public/reports/${annual.id}`,
	    { headers: { 'If-None-Match': etag } });
	assert.equal(again.status, 304);
	assert.equal(again.headers.get('etag'), etag);

	/* Full-text search: a phrase the writer added, one the draft wrote,
	 * a two-character query (no trigram: substring fallback). */
	for (const q of ['营商环境法治保障', '重大行政决策', '决策']) {
		const s = await srv.api('GET',
		    `/public/search?q=${encodeURIComponent(q)}`);
		assert.equal(s.status, 200, q);
		assert.equal(s.headers.get('cache-control'), 'public, max-age=300');
		assert.ok(s.text.includes(`/public/reports/${annual.id}`), q);
		assert.ok(s.text.includes('<mark>'), q);
	}
	/* FTS syntax is text, not syntax; nothing unpublished is found. */
	for (const q of ['" OR *', 'NEAR(a b)', '述法 AND', '"""', '<script>']) {
		const s = await srv.api('GET',
		    `/public/search?q=${encodeURIComponent(q)}`);
		assert.equal(s.status, 200, q);
		assert.ok(!s.text.includes('<script>'), q);
	}
	const none = await srv.api('GET',
	    `/public/search?q=${encodeURIComponent('第一责任人职责情况')}`);
	assert.ok(!none.text.includes(shufa.id), 'a 述法 is never public');

	/* The listing, by region prefix and year. */
	const all = await srv.api('GET', '/public/');
	assert.equal(all.status, 200);
	assert.ok(all.text.includes(annual.id));
	assert.ok(!all.text.includes(shufa.id));
	const gy = await srv.api('GET', `/public/?region=5201&year=${YEAR}`);
	assert.ok(gy.text.includes(annual.id));
	const zy = await srv.api('GET', '/public/?region=5203');
	assert.ok(!zy.text.includes(annual.id));

	/* Nothing unpublished, however its id is known. */
	for (const id of [shufa.id, 'annual-2025-nowhere', '..%2F..%2Fetc'])
		for (const p of [`/public/reports/${id}`,
		    `/public/reports/${id}/pdf`]) {
			const r = await srv.api('GET', p);
			assert.equal(r.status, 404, p);
			assert.equal(r.headers.get('cache-control'), 'no-store', p);
		}

	const pdf = await srv.api('GET', `/public/reports/${annual.id}/pdf`);
	assert.equal(pdf.status, 200);
	assert.equal(pdf.type, 'application/pdf');
	assert.equal(pdf.headers.get('cache-control'), 'public, max-age=300');
	const text = await pdfText(pdf.bytes);
	assert.ok(text.includes(squeeze(annual.title)), text.slice(0, 300));
	assert.ok(text.includes('一、主要举措和成效'));
	assert.ok(text.includes('五、其他需要报告的情况'));
	assert.ok(text.includes('本级人大常委会'));
});

test('an annual report published after 31 March is flagged late',
    async () => {
	const y = YEAR - 1;
	const r = await as('nm-office', 'POST', '/api/v1/reports',
	    { json: { kind: 'annual', year: y, organ: '520102-gov' } });
	assert.equal(r.status, 201, r.text);
	const id = r.body.id;
	assert.equal((await as('nm-office', 'PUT', url(id), { json: {
		sections: finished(r.body.sections) } })).status, 200);
	/* A draft is not public. */
	assert.equal((await srv.api('GET', `/public/reports/${id}`)).status,
	    404);
	/* Drafted by nm-office, signed by the 区长, locked and published by
	 * the office above (the drafter takes none of the later steps). */
	assertProblem(await as('nm-office', 'POST', url(id, '/sign')), 403);
	assert.equal((await as('nm-gov-leader', 'POST', url(id, '/sign')))
	    .status, 200);
	assertProblem(await as('nm-office', 'POST', url(id, '/lock')), 403);
	assert.equal((await as('gy-office', 'POST', url(id, '/lock'))).status,
	    200);
	const pub = await as('gy-office', 'POST', url(id, '/publish'));
	assert.equal(pub.status, 200, pub.text);
	assert.equal(pub.body.published_by, 'gy-office');
	assert.equal(pub.body.published_on, TODAY);
	assert.equal(pub.body.late, true);
	const rec = await as('nm-office', 'GET', `/api/v1/records/${pub.body
	    .record}`);
	assert.equal(rec.status, 200, rec.text);
	assert.match(rec.body.title, /逾期公开/);
});

test('the check before publishing: internal ids, account names, grades, ' +
    'scores, verdicts and hints stop an annual report, each shown where it ' +
    'is', async () => {
	const y = YEAR - 2;
	const r = await as('nm-gov-clerk', 'POST', '/api/v1/reports',
	    { json: { kind: 'annual', year: y, organ: '520102-gov' } });
	assert.equal(r.status, 201, r.text);
	const id = r.body.id;
	/* A fresh draft judges nobody in public: no score, grade or
	 * verdict of the 区长; only its hints stop it. */
	const leaders = r.body.sections[2].text;
	assert.doesNotMatch(leaders, /得分|等次|一票否决|;(达标|未达标)。/);
	const records = await as('nm-office', 'GET',
	    '/api/v1/records?organ=520102-gov&per_page=1');
	assert.equal(records.status, 200, records.text);
	const rid = records.body.items[0].id;
	const person = (await as('nm-gov-leader', 'GET', '/api/v1/me')).body
	    .person;
	const sections = finished(r.body.sections);
	sections[0].text += `详见台账记录 ${rid}。经办账号 nm-office 复核;` +
	    '本单位通过 ISO 9001 认证。';
	sections[2].text += `区长年度考评得分 86.5 分,等次为优秀,` +
	    `不存在一票否决情形(${person})。`;
	sections[4].text = r.body.sections[4].text; /* a hint left in */
	assert.equal((await as('nm-gov-clerk', 'PUT', url(id), { json: {
		sections } })).status, 200);
	/* The writer sees it while drafting. */
	const clerk = await browser('nm-gov-clerk');
	let page = await srv.api('GET', `/reports/${id}`, { cookie:
	    clerk.cookie });
	assert.equal(page.status, 200);
	assert.match(page.text, /公开前检查/);
	assert.match(page.text, /请修改后再签署/);
	assert.equal((await as('nm-gov-leader', 'POST', url(id, '/sign')))
	    .status, 200);
	assert.equal((await as('nm-office', 'POST', url(id, '/lock'))).status,
	    200);
	const pub = await as('nm-office', 'POST', url(id, '/publish'));
	assertProblem(pub, 422);
	const found = pub.body.errors.map((e) => `${e.field}|${e.value}|` +
	    e.reason);
	for (const want of [`第 1 部分|${rid}|系统内部编号(台账记录)`,
		'第 1 部分|nm-office|系统账号名称',
		`第 3 部分|${person}|系统内部编号(人员)`,
		'第 3 部分|得分|个人考评分数', '第 3 部分|86.5 分|个人考评分数',
		'第 3 部分|等次|个人考评等次', '第 3 部分|为优秀|个人考评等次',
		'第 3 部分|一票否决|一票否决情形',
		'第 5 部分|【待填写】|起草提示尚未替换'])
		assert.ok(found.some((f) => f === want || (want.includes('为优秀') &&
		    f === '第 3 部分|优秀|个人考评等次')), `${want} in ${found}`);
	assert.ok(!found.some((f) => f.includes('ISO') || f.includes('9001')),
	    'a word the store does not hold passes');
	/* Nothing was written: still locked, no ledger record, not on the
	 * portal; the office's page shows why the step is greyed. */
	const now = await as('nm-office', 'GET', url(id));
	assert.equal(now.body.status, 'locked');
	assert.equal(now.body.record ?? null, null);
	assert.equal((await srv.api('GET', `/public/reports/${id}`)).status,
	    404);
	const office = await browser('nm-office');
	page = await srv.api('GET', `/reports/${id}`, { cookie: office.cookie });
	assert.match(page.text, /<button type="button" disabled>向社会公开<\/button>/);
	assert.match(page.text, /报告含有不宜公开的内容/);
	for (const w of [rid, 'nm-office', '86.5 分', '【待填写】'])
		assert.ok(page.text.includes(`<code>${w}</code>`), w);
	const byForm = await form(office, `/reports/${id}/publish`, {});
	assert.equal(byForm.status, 422, byForm.text);
});

test('every report step is in the audit log', async () => {
	const audit = await as('gz-office', 'GET', '/api/v1/audit?per_page=200');
	assert.equal(audit.status, 200, audit.text);
	const of = (id) => audit.body.items.filter((x) => x.entity ===
	    `report:${id}`).map((x) => x.action);
	for (const a of ['report.draft', 'report.update', 'report.sign',
		'report.lock'])
		assert.ok(of(shufa.id).includes(a), `${a} of ${shufa.id}`);
	for (const a of ['report.draft', 'report.update', 'report.sign',
		'report.lock', 'report.publish'])
		assert.ok(of(annual.id).includes(a), `${a} of ${annual.id}`);
	assert.ok(audit.body.items.some((x) => x.action === 'record.create' &&
	    x.entity.includes(`r-annual-520102-gov-${YEAR}`)),
	    'the published report\'s ledger record');
});

test('rankings as XLSX: a workbook that unzips, within scope', async () => {
	const r = await as('nm-office', 'GET',
	    `/api/v1/rankings.xlsx?year=${YEAR}&region=520102`);
	assert.equal(r.status, 200, r.text);
	assert.equal(r.type,
	    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
	assert.equal(r.bytes.subarray(0, 2).toString('latin1'), 'PK');
	const file = path.join(srv.dir, 'rankings.xlsx');
	await writeFile(file, r.bytes);
	const py = await run('python3', ['-c', `
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
names = re.findall(r'<sheet name="([^"]+)"', z.read('xl/workbook.xml').decode())
rows = re.findall(r'<row ', z.read('xl/worksheets/sheet1.xml').decode())
print('|'.join(names), len(rows))
`, file]);
	assert.equal(py.code, 0, py.stderr);
	const [names, rows] = py.stdout.trim().split(' ');
	assert.ok(names.split('|').includes('总排名'), names);
	assert.ok(names.split('|').includes('政府主要负责人'), names);
	assert.ok(Number(rows) > 2, rows);
	assertProblem(await as('nm-office', 'GET', '/api/v1/rankings.xlsx'), 400,
	    'year');
	assertProblem(await as('nm-office', 'GET',
	    `/api/v1/rankings.xlsx?year=${YEAR}&region=520103`), 403, 'region');
});

test('pages: the list, drafting by form, a report\'s page, its steps, ' +
    'the PDF and the workbook', async () => {
	const clerk = await browser('nm-clerk');
	const list = await srv.api('GET', '/reports', { cookie: clerk.cookie });
	assert.equal(list.status, 200);
	assert.ok(list.text.includes('起草报告'));
	assert.ok(list.text.includes(shufa.id));
	/* Draft a 述法 of the year before through the form. */
	const made = await form(clerk, '/reports', { kind: 'shufa',
		organ: '520102-party', year: String(YEAR - 1), person: '' });
	assert.equal(made.status, 303, made.text);
	const loc = made.headers.get('location');
	assert.match(loc, /^\/reports\/shufa-/);
	const id = decodeURIComponent(loc.split('?')[0].slice('/reports/'
	    .length));
	const view = await srv.api('GET', loc, { cookie: clerk.cookie });
	assert.equal(view.status, 200);
	assert.ok(view.text.includes('修改草稿'));
	assert.ok(view.text.includes('【待填写】'));
	const rep = (await as('nm-clerk', 'GET', url(id))).body;
	const fields = { title: rep.title, n: String(rep.sections.length) };
	rep.sections.forEach((s, i) => {
		fields[`t${i}`] = s.title;
		fields[`x${i}`] = i === 2 ? '第一,健全述法制度。\r\n第二,加强学法。' :
		    s.text;
	});
	const saved = await form(clerk, `/reports/${id}`, fields);
	assert.equal(saved.status, 303, saved.text);
	const after = (await as('nm-clerk', 'GET', url(id))).body;
	assert.equal(after.sections[2].text, '第一,健全述法制度。\n第二,加强学法。');
	/* The drafter's page says who signs, and offers no signature; a
	 * post is 403, and so is the office's. */
	const drafted = await srv.api('GET', `/reports/${id}`,
	    { cookie: clerk.cookie });
	assert.ok(drafted.text.includes(`定稿后由${rep.person_name}本人登录签署`),
	    drafted.text);
	assert.ok(!drafted.text.includes(`action="/reports/${id}/sign"`));
	assert.equal((await form(clerk, `/reports/${id}/sign`, {})).status, 403);
	const office = await browser('nm-office');
	assert.equal((await form(office, `/reports/${id}/sign`, {})).status, 403);
	/* The leader it is about signs, with their own account. */
	const add = await run(BIN, ['--db', srv.db, 'user', 'add',
	    'page-signer', '--role', 'leader', '--organ', '520102-party',
	    '--person', rep.person, '--password-stdin'], `${PASSWORD}\n`);
	assert.equal(add.code, 0, add.stderr);
	const leader = await browser('page-signer');
	const asked = await srv.api('GET', `/reports/${id}`,
	    { cookie: leader.cookie });
	assert.match(asked.text, new RegExp(`action="/reports/${id}/sign" ` +
	    'data-confirm="[^"]+"'));
	/* A form without the CSRF token is refused. */
	const forged = await srv.api('POST', `/reports/${id}/sign`, {
		cookie: leader.cookie, body: '',
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
	assert.equal(forged.status, 403);
	const signed = await form(leader, `/reports/${id}/sign`, {});
	assert.equal(signed.status, 303, signed.text);
	const page = await srv.api('GET', `/reports/${id}`,
	    { cookie: office.cookie });
	assert.equal(page.status, 200);
	assert.ok(page.text.includes('锁定'));
	assert.ok(page.text.includes(
	    `签署人 ${await accountLabel(srv, 'page-signer')}`));
	assert.equal((await form(office, `/reports/${id}/lock`, {})).status, 303);
	const frozen = await form(clerk, `/reports/${id}`, fields);
	assert.equal(frozen.status, 409);
	const shown = await srv.api('GET', `/reports/${annual.id}`,
	    { cookie: office.cookie });
	assert.ok(shown.text.includes(`/public/reports/${annual.id}`));
	assert.ok(shown.text.includes(`r-annual-520102-gov-${YEAR}`));

	const pdf = await srv.api('GET', `/reports/${id}/pdf`,
	    { cookie: office.cookie });
	assert.equal(pdf.status, 200);
	/* What was typed with a Western comma reads with a Chinese one. */
	assert.ok((await pdfText(pdf.bytes)).includes('第一，健全述法制度。'));
	const xlsx = await srv.api('GET', `/rankings.xlsx?year=${YEAR}`,
	    { cookie: office.cookie });
	assert.equal(xlsx.status, 200);
	assert.equal(xlsx.bytes.subarray(0, 2).toString('latin1'), 'PK');
	const other = await browser('yy-clerk');
	assert.equal((await srv.api('GET', `/reports/${id}`,
	    { cookie: other.cookie })).status, 404);
});

test('every reports API answer of this run matches its OpenAPI description',
    async () => {
	const spec = (await as('nm-clerk', 'GET', '/api/v1/openapi.json')).body;
	const problems = [];
	let checked = 0;
	for (const x of srv.responses) {
		if (!/^\/api\/v1\/(reports|rankings)/.test(x.path))
			continue;
		const found = operationFor(spec, x.method, x.path);
		assert.ok(found, `${x.method} ${x.path}: no operation`);
		const where = `${x.method} ${found.pattern} ${x.status}`;
		const res = deref(spec, found.operation.responses[String(x.status)]);
		if (res === undefined) {
			problems.push(`${where}: status not described`);
			continue;
		}
		const media = (res.content ?? {})[x.type];
		if (media === undefined) {
			problems.push(`${where}: ${x.type} not described`);
			continue;
		}
		if (x.body === null || media.schema === undefined)
			continue;
		checked += 1;
		const errs = check(spec, media.schema, x.body, { documented: true });
		if (errs.length)
			problems.push(`${where}: ${errs.slice(0, 5).join('; ')}`);
	}
	assert.ok(checked > 40, `only ${checked} answers checked`);
	assert.deepEqual([...new Set(problems)], []);
});
