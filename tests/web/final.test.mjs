/*
 * A report's 定稿 (domain/report-final.c) over the API and the pages, on
 * the demo province with "today" in the spring after the demo's year.
 *
 * The office fixes an annual report's 发文字号 and 成文日期 before the
 * 区长 signs (定稿编号: once, numbered per organ and year without gaps);
 * the export then carries both. The final PDF made from the export is
 * uploaded back: checked by content, size and its text read back with
 * pdftotext (the number, the title, the check before publishing), each
 * refusal listing what it found. The leader's signature covers the
 * final (its SM3 is in the signature's audit digest; a new final after
 * it is refused), and the portal serves the final and indexes its text.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { test } from 'node:test';

import { YEAR, accountsOn, finished, useServer } from './harness.mjs';
import { docxToPdf } from './gongwen-check.mjs';
import { answersMatch } from './schema.mjs';

const NEXT = YEAR + 1;
const TODAY = `${NEXT}-05-10`;
const srv = useServer({ env: { LVZHI_TODAY: TODAY } });
const { as, session } = accountsOn(srv);

const url = (id, more = '') =>
    `/api/v1/reports/${encodeURIComponent(id)}${more}`;

function assertProblem(r, status, field) {
	assert.equal(r.status, status, r.text);
	assert.equal(r.type, 'application/problem+json', r.text);
	if (field !== undefined)
		assert.equal(r.body.field, field, r.text);
}

/* The PDF's text as pdftotext reads it, without white space. */
let pdfs = 0;
function pdfText(bytes) {
	assert.equal(bytes.subarray(0, 5).toString('latin1'), '%PDF-');
	const file = path.join(srv.dir, `f${++pdfs}.pdf`);
	return writeFile(file, bytes).then(() => new Promise((resolve, reject) =>
	    execFile('pdftotext', ['-enc', 'UTF-8', file, '-'],
	    { encoding: 'utf8', maxBuffer: 64 << 20 }, (err, out) =>
	    err ? reject(err) : resolve(out.replace(/\s+/g, '')))));
}

/* A 成文日期 in Chinese numerals (二〇二六年五月十日). */
function cnDate(iso) {
	const d = '〇一二三四五六七八九';
	const n = (x) => x < 10 ? d[x] : x === 10 ? '十' : x < 20 ?
	    `十${d[x % 10]}` : `${d[Math.floor(x / 10)]}十${x % 10 ? d[x % 10] :
	    ''}`;
	const [y, m, day] = iso.split('-').map(Number);
	return `${[...String(y)].map((c) => d[c]).join('')}年${n(m)}月${n(day)}日`;
}

/* Or as GB/T 9704-2012 7.3.5.1 writes it in Arabic numerals. */
function arDate(iso) {
	const [y, m, day] = iso.split('-').map(Number);
	return `${y}年${m}月${day}日`;
}

/* bytes re-saved by another PDF tool (qpdf, object streams generated):
 * a PDF made from the exported one, not the same bytes. */
let saved = 0;
function resaved(bytes) {
	const from = path.join(srv.dir, `e${++saved}.pdf`);
	const to = path.join(srv.dir, `e${saved}-office.pdf`);
	return writeFile(from, bytes).then(() => new Promise((resolve, reject) =>
	    execFile('qpdf', ['--object-streams=generate', from, to],
	    (err) => err ? reject(err) : resolve(readFile(to)))));
}

const sm3 = (s) => createHash('sm3').update(s).digest('hex');

function pdfForm(bytes, name = '定稿.pdf') {
	const f = new FormData();
	f.append('file', new Blob([bytes], { type: 'application/pdf' }), name);
	return f;
}

async function exported(who, id) {
	const r = await as(who, 'GET', url(id, '/pdf'));
	assert.equal(r.status, 200, r.text);
	return r.bytes;
}

async function audit() {
	const r = await as('gz-office', 'GET', '/api/v1/audit?per_page=200');
	assert.equal(r.status, 200, r.text);
	return r.body.items;
}

/* An annual report of the 南明区 government about year, its drafting
 * hints replaced (what the check before publishing asks). */
async function draftAnnual(year) {
	const r = await as('nm-gov-clerk', 'POST', '/api/v1/reports',
	    { json: { kind: 'annual', year, organ: '520102-gov' } });
	assert.equal(r.status, 201, r.text);
	const ed = await as('nm-gov-clerk', 'PUT', url(r.body.id),
	    { json: { sections: finished(r.body.sections) } });
	assert.equal(ed.status, 200, ed.text);
	return ed.body;
}

let report = null;

test('定稿编号: the office fixes the 发文字号 and 成文日期 once, before ' +
    'signing; the export carries them', async () => {
	report = await draftAnnual(YEAR);
	assert.equal(report.number, null);
	assert.equal(report.dated, null);
	assert.equal(report.final, null);
	const before = await pdfText(await exported('nm-office', report.id));
	/* Before it: no final (409), and not by the leader who signs. */
	assertProblem(await as('nm-gov-clerk', 'PUT', url(report.id, '/final'),
	    { body: pdfForm(await exported('nm-office', report.id)) }), 409);
	assertProblem(await as('nm-gov-leader', 'POST',
	    url(report.id, '/stamp')), 403);
	assertProblem(await as('yy-clerk', 'POST', url(report.id, '/stamp')),
	    404);
	for (const dated of ['2026-13-01', `${NEXT + 1}-01-01`,
		`${YEAR - 5}-01-01`])
		assertProblem(await as('nm-office', 'POST', url(report.id, '/stamp'),
		    { json: { dated } }), 400, 'dated');
	assertProblem(await as('nm-office', 'POST', url(report.id, '/stamp'),
	    { json: { when: TODAY } }), 400, 'when');
	const n0 = (await audit()).filter((x) => x.action === 'report.stamp')
	    .length;
	const r = await as('nm-office', 'POST', url(report.id, '/stamp'), {});
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.status, 'draft');
	assert.equal(r.body.dated, TODAY);
	assert.equal(r.body.stamped_by, 'nm-office');
	const m = /^〔(\d{4})〕(\d+)号$/.exec(r.body.number);
	assert.ok(m, r.body.number);
	assert.equal(Number(m[1]), NEXT, 'numbered in the year of its date');
	/* Once: a second stamp is refused and the number stays. */
	assertProblem(await as('nm-gov-clerk', 'POST', url(report.id, '/stamp'),
	    {}), 409);
	assert.equal((await as('nm-office', 'GET', url(report.id))).body.number,
	    r.body.number);
	assert.equal((await audit()).filter((x) => x.action === 'report.stamp' &&
	    x.entity === `report:${report.id}`).length, 1);
	assert.equal((await audit()).filter((x) => x.action === 'report.stamp')
	    .length, n0 + 1);
	/* The export now carries the number and the Chinese date. */
	const after = await pdfText(await exported('nm-office', report.id));
	assert.ok(after.includes(r.body.number), after.slice(0, 300));
	assert.ok(after.includes(cnDate(TODAY)) || after.includes(arDate(TODAY)),
	    after.slice(-600));
	assert.ok(!before.includes(r.body.number));
	/* The next stamp of the organ in that year is the next number: no
	 * gap, never the same. */
	const other = await draftAnnual(YEAR - 1);
	const r2 = await as('nm-gov-clerk', 'POST', url(other.id, '/stamp'),
	    { json: { dated: TODAY } });
	assert.equal(r2.status, 200, r2.text);
	assert.equal(r2.body.number, `〔${NEXT}〕${Number(m[2]) + 1}号`);
	report = r.body;
});

test('the final PDF: refused unless a PDF within the ceiling whose text ' +
    'carries the number and the title and passes the check', async () => {
	const id = report.id;
	const txt = new FormData();
	txt.append('file', new Blob(['%PDX not a pdf\n']), '定稿.pdf');
	assertProblem(await as('nm-office', 'PUT', url(id, '/final'),
	    { body: txt }), 415, 'file');
	const none = new FormData();
	none.append('note', '无文件');
	assertProblem(await as('nm-office', 'PUT', url(id, '/final'),
	    { body: none }), 400, 'file');
	const good = await exported('nm-office', id);
	const big = Buffer.concat([good, Buffer.alloc((8 << 20) + 1 -
	    good.length, 0x20)]);
	assertProblem(await as('nm-office', 'PUT', url(id, '/final'),
	    { body: pdfForm(big) }), 413, 'file');
	/* A PDF of another report: neither its number nor its title. */
	const stranger = await draftAnnual(YEAR - 2);
	const r = await as('nm-office', 'PUT', url(id, '/final'),
	    { body: pdfForm(await exported('nm-office', stranger.id)) });
	assertProblem(r, 422);
	const fields = r.body.errors.map((e) => e.field);
	assert.ok(fields.includes('发文字号'), r.text);
	assert.ok(r.body.errors.some((e) => e.field === '发文字号' &&
	    e.value === report.number), r.text);
	/* A final carrying an account name and an internal id: each found
	 * thing listed, as publishing lists them. */
	const sections = report.sections.map((s, i) => i === 0 ? { ...s,
		text: `${s.text}\n经办账号 nm-gov-clerk,报告 ${stranger.id}。` } : s);
	assert.equal((await as('nm-gov-clerk', 'PUT', url(id),
	    { json: { sections } })).status, 200);
	const leakyPdf = await exported('nm-office', id);
	const leaky = await as('nm-office', 'PUT', url(id, '/final'),
	    { body: pdfForm(leakyPdf) });
	assertProblem(leaky, 422);
	const found = leaky.body.errors.map((e) => e.value);
	assert.ok(found.includes('nm-gov-clerk'), leaky.text);
	assert.ok(found.includes(stranger.id), leaky.text);
	assert.ok(leaky.body.errors.every((e) => e.field === '定稿 PDF'),
	    leaky.text);
	assert.equal((await as('nm-office', 'GET', url(id))).body.final, null,
	    'a refused final is not stored');
	assert.equal((await audit()).filter((x) => x.action === 'report.final')
	    .length, 0);
	/* Back to the clean text: the export uploads as the final. */
	assert.equal((await as('nm-gov-clerk', 'PUT', url(id),
	    { json: { sections: report.sections } })).status, 200);
	/* The office's way: the stamped .docx, finished in a word
	 * processor and exported. Untagged, it is refused (the portal
	 * serves the final); exported as a tagged PDF, it passes. */
	const docx = await as('nm-office', 'GET', url(id, '/docx'));
	assert.equal(docx.status, 200, docx.text);
	const plain = await as('nm-office', 'PUT', url(id, '/final'),
	    { body: pdfForm(await docxToPdf(docx.bytes)) });
	assertProblem(plain, 422);
	assert.deepEqual(plain.body.errors.map((e) => e.field), ['结构标签'],
	    plain.text);
	const office = await docxToPdf(docx.bytes, { tagged: true });
	const fromDocx = await as('nm-office', 'PUT', url(id, '/final'),
	    { body: pdfForm(office) });
	assert.equal(fromDocx.status, 200, fromDocx.text);
	assert.equal(fromDocx.body.final.sm3, sm3(office));
	const first = await exported('nm-office', id);
	const up = await as('nm-gov-clerk', 'PUT', url(id, '/final'),
	    { body: pdfForm(first) });
	assert.equal(up.status, 200, up.text);
	assert.equal(up.body.final.sm3, sm3(first));
	assert.equal(up.body.final.size, first.length);
	assert.equal(up.body.final.uploaded_by, 'nm-gov-clerk');
	const dl = await as('nm-gov-leader', 'GET', up.body.final.href);
	assert.equal(dl.status, 200, dl.text);
	assert.ok(dl.bytes.equals(first));
	assertProblem(await as('yy-clerk', 'GET', url(id, '/final')), 404);
});

test('the leader signs the final; it cannot change after; the portal ' +
    'serves it and indexes its text', async () => {
	const id = report.id;
	/* A new final replaces the one before while it is a draft: one
	 * with a paragraph the report's own text no longer has after. */
	const phrase = '定稿阶段补充的公开承诺事项';
	const sections = report.sections.map((s, i) => i === 1 ? { ...s,
		text: `${s.text}\n${phrase}。` } : s);
	assert.equal((await as('nm-gov-clerk', 'PUT', url(id),
	    { json: { sections } })).status, 200);
	const exportedPdf = await exported('nm-office', id);
	const final = await resaved(exportedPdf);
	assert.ok(!final.equals(exportedPdf));
	const up = await as('nm-office', 'POST', url(id, '/final'),
	    { body: pdfForm(final) });
	assert.equal(up.status, 200, up.text);
	assert.equal(up.body.final.sm3, sm3(final));
	assert.equal((await as('nm-gov-clerk', 'PUT', url(id),
	    { json: { sections: report.sections } })).status, 200);
	/* The final from the .docx, the export, this one. */
	assert.equal((await audit()).filter((x) => x.action === 'report.final' &&
	    x.entity === `report:${id}`).length, 3);
	/* The leader's page says what is signed and links the final. */
	const lead = await session('nm-gov-leader');
	const mine = await srv.api('GET', `/reports/${encodeURIComponent(id)}`,
	    { cookie: lead.cookie });
	assert.equal(mine.status, 200);
	assert.ok(mine.text.includes('签署的是上方已上传的定稿 PDF'));
	assert.match(mine.text, /href="\/reports\/[^"]+\/final"/);
	assert.ok(mine.text.includes(report.number));
	/* The signature's audit digest covers the final's SM3. */
	const signed = await as('nm-gov-leader', 'POST', url(id, '/sign'));
	assert.equal(signed.status, 200, signed.text);
	assert.equal(signed.body.number, report.number, 'the stamped number');
	const entry = (await audit()).find((x) => x.action === 'report.sign' &&
	    x.entity === `report:${id}`);
	assert.equal(entry.digest, sm3(`nm-gov-leader|${signed.body.signed_at}|` +
	    `final:${sm3(final)}`));
	assertProblem(await as('nm-office', 'PUT', url(id, '/final'),
	    { body: pdfForm(final) }), 409);
	assertProblem(await as('nm-office', 'POST', url(id, '/stamp')), 409);
	/* The report's PDF is the final from now on. */
	assert.ok((await exported('nm-office', id)).equals(final));
	assert.equal((await as('nm-office', 'POST', url(id, '/lock'))).status,
	    200);
	const pub = await as('nm-office', 'POST', url(id, '/publish'), {});
	assert.equal(pub.status, 200, pub.text);
	const portal = await srv.api('GET', `/public/reports/${id}/pdf`);
	assert.equal(portal.status, 200);
	assert.ok(portal.bytes.equals(final), 'the portal serves the final');
	const hit = await srv.api('GET',
	    `/public/search?q=${encodeURIComponent(phrase)}`);
	assert.equal(hit.status, 200);
	assert.ok(hit.text.includes(`/public/reports/${id}`),
	    'the final\'s text is what the portal searches');
});

test('the pages: the 定稿 card, its forms, a refusal listing what it ' +
    'found', async () => {
	const rep = await draftAnnual(YEAR - 3);
	const s = await session('nm-office');
	const post = (p, body) => srv.api('POST', p, { cookie: s.cookie, body,
		headers: body instanceof FormData ? { 'X-CSRF-Token': s.csrf } :
		    { 'Content-Type': 'application/x-www-form-urlencoded' } });
	const pagePath = `/reports/${encodeURIComponent(rep.id)}`;
	let page = await srv.api('GET', pagePath, { cookie: s.cookie });
	assert.equal(page.status, 200);
	assert.match(page.text, /action="\/reports\/[^"]+\/stamp"/);
	const unstamped = await exported('nm-office', rep.id);
	const st = await post(`${pagePath}/stamp`, new URLSearchParams({
		_csrf: s.csrf, dated: TODAY }).toString());
	assert.equal(st.status, 303, st.text);
	const number = (await as('nm-office', 'GET', url(rep.id))).body.number;
	page = await srv.api('GET', pagePath, { cookie: s.cookie });
	assert.ok(page.text.includes(number), 'the page shows the number');
	assert.ok(page.text.includes('enctype="multipart/form-data"'));
	/* The export before the stamp has no number: the refusal page
	 * names what is missing. */
	const f = pdfForm(unstamped);
	f.append('_csrf', s.csrf);
	const bad = await post(`${pagePath}/final`, f);
	assert.equal(bad.status, 422, bad.text.slice(0, 400));
	assert.ok(bad.text.includes('发文字号') && bad.text.includes(number),
	    bad.text.slice(0, 2000));
	const g = pdfForm(await exported('nm-office', rep.id));
	g.append('_csrf', s.csrf);
	const ok = await post(`${pagePath}/final`, g);
	assert.equal(ok.status, 303, ok.text.slice(0, 400));
	page = await srv.api('GET', pagePath, { cookie: s.cookie });
	assert.match(page.text, /href="\/reports\/[^"]+\/final"/);
	const dl = await srv.api('GET', `${pagePath}/final`,
	    { cookie: s.cookie });
	assert.equal(dl.status, 200);
	assert.equal(dl.bytes.subarray(0, 5).toString('latin1'), '%PDF-');
});

test('every answer of the 定稿 routes matches its OpenAPI description',
    async () => {
	const spec = (await as('nm-clerk', 'GET', '/api/v1/openapi.json')).body;
	const { checked, problems } = answersMatch(spec, srv.responses, (p) =>
	    /^\/api\/v1\/reports\/[^/]+(\/(stamp|final|sign))?$/.test(p));
	assert.ok(checked > 20, `only ${checked} answers checked`);
	assert.deepEqual(problems, []);
});
