/*
 * The documents the system issues (domain/document.h), each produced
 * from a demo-like flow through its API and its page's link, read back
 * with gongwen-check.mjs (A4, the 版心, 22 lines of 28 characters, page
 * numbers, full-width punctuation): the text is the catalog's template
 * filled in (rules/guizhou-2020.md's `document` blocks), the 发文字号
 * given when the document is issued, per issuing organ and year without
 * gaps, an unissued one's number line empty; read authority is the
 * thing's own (404 outside the caller's scope); no internal id and no
 * login name is on a page.
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';

import { ACCOUNTS, YEAR, accountsOn, beijingDay, sql, useServer } from
    './harness.mjs';
import { checkPdf, docxMatchesPdf } from './gongwen-check.mjs';

const srv = useServer();
const { as, get, page } = accountsOn(srv);

let files = 0;
let lastPdf = null;
/* The PDF at p over the API as name sees it (or over the page with a
 * cookie): the layout's problems (asserted none) and its text without
 * white space. */
async function pdfText(r, p) {
	assert.equal(r.status, 200, `${p}: ${r.text}`);
	assert.equal(r.type, 'application/pdf');
	const file = path.join(srv.dir, `doc${++files}.pdf`);
	await writeFile(file, r.bytes);
	lastPdf = r.bytes;
	/* LVZHI_DOC_DUMP=DIR keeps a copy of each, to look at. */
	if (process.env.LVZHI_DOC_DUMP)
		await writeFile(path.join(process.env.LVZHI_DOC_DUMP,
		    `doc${files}.pdf`), r.bytes);
	const problems = await checkPdf(file);
	assert.deepEqual(problems, [], `${p}: ${problems.join('; ')}`);
	return new Promise((resolve, reject) => execFile('pdftotext',
	    ['-enc', 'UTF-8', file, '-'], (err, out) => err ? reject(err) :
	    resolve(out.replace(/\s+/g, ''))));
}

async function apiPdf(name, p) {
	return pdfText(await as(name, 'GET', p), p);
}

async function pagePdf(name, p) {
	return pdfText(await get(name, p), p);
}

/* The DOCX (r, the response) beside the PDF read last: a package that
 * LibreOffice converts without losing the PDF's text, inside the 版心
 * (gongwen-check.mjs docxMatchesPdf). */
async function docxLike(r) {
	assert.equal(r.status, 200, r.text);
	assert.equal(r.type, 'application/vnd.openxmlformats-officedocument.' +
	    'wordprocessingml.document');
	assert.equal(r.bytes.subarray(0, 2).toString(), 'PK');
	assert.deepEqual(await docxMatchesPdf(r.bytes, lastPdf), []);
}

/* Nothing of the system on the page: ids, login names. */
function assertClean(text, ids) {
	for (const s of [...ids, ...Object.keys(ACCOUNTS), 'lvzhi'])
		assert.ok(!text.includes(s.replace(/\s+/g, '')),
		    `${s} on the page`);
}

async function resultsOf(year, region) {
	const ev = await as('gz-office', 'GET',
	    `/api/v1/evaluation?year=${year}&region=${region}`);
	assert.equal(ev.status, 200, ev.text);
	return ev.body.results;
}

const numberOf = (s) => {
	const m = /^〔(\d+)〕(\d+)号$/.exec(s ?? '');
	return m ? { year: +m[1], seq: +m[2] } : null;
};

test('an interview\'s 约谈通知书 and 约谈记录: API, page link, numbered ' +
    'when scheduled', async () => {
	const Y = YEAR - 1;
	const fails = (await resultsOf(Y, '520100')).filter((x) =>
	    x.grade === 'fail' && ['party_principal', 'government_principal']
	    .includes(x.role) && x.region !== '520100');
	assert.ok(fails.length >= 2, 'the demo has leaders graded 不合格');
	const made = [];
	for (const x of fails.slice(0, 2)) {
		const r = await as('gy-office', 'POST', '/api/v1/interviews',
		    { json: { source: 'evaluation', organ: x.organ,
			person: x.person, year: Y, reason: '年度考评不合格',
			scheduled_on: `${YEAR + 1}-02-01` } });
		assert.equal(r.status, 201, r.text);
		made.push(r.body);
	}
	const nums = [];
	for (const v of made) {
		const list = await as('gy-office', 'GET',
		    `/api/v1/interviews/${v.id}/documents`);
		assert.equal(list.status, 200, list.text);
		const notice = list.body.items.find((x) =>
		    x.template === 'interview-notice');
		assert.equal(notice.name, '约谈通知书');
		assert.equal(notice.issued, true);
		nums.push(numberOf(notice.number));
		const record = list.body.items.find((x) =>
		    x.template === 'interview-record');
		assert.equal(record.issued, false);
		assert.equal(record.number, null);
		const text = await apiPdf('gy-office', notice.pdf);
		assert.ok(text.includes(`关于对${v.person_name}同志进行约谈的通知`),
		    text);
		assert.ok(text.includes(notice.number), 'the 发文字号');
		assert.ok(text.includes('中共贵阳市委全面依法治市委员会办公室'));
		assert.ok(text.includes(`${v.person_name}同志：`), '主送');
		assert.ok(text.includes(`${YEAR + 1}年2月1日`), 'the date in Chinese');
		assertClean(text, [v.id, v.organ, v.person]);
		await docxLike(await as('gy-office', 'GET', notice.docx));
		/* Not held: no record yet. */
		assert.equal((await as('gy-office', 'GET', record.pdf)).status, 409);
	}
	/* One after the other for the issuing office, in the year issued. */
	const thisYear = +beijingDay().slice(0, 4);
	assert.ok(nums.every((n) => n && n.year === thisYear), JSON.stringify(nums));
	assert.equal(nums[1].seq, nums[0].seq + 1, JSON.stringify(nums));

	/* The page's link, and the 约谈记录 once held. */
	const v = made[0];
	const list = await page('gy-office',
	    `/supervision/interviews?year=${Y}&status=scheduled&sort=organ`);
	const href = `/interviews/${v.id}/documents/interview-notice/pdf`;
	assert.ok(list.includes(`href="${href}"`), 'the row links it');
	assert.ok(list.includes('约谈通知书'));
	await pagePdf('gy-office', href);
	const held = await as('gy-office', 'POST',
	    `/api/v1/interviews/${v.id}/held`, { json: { held_on: beijingDay(),
		interviewer: '市委依法治市办主任', summary: '指出考评发现的问题,' +
		'提出整改要求。\n被约谈人作了表态发言。' } });
	assert.equal(held.status, 200, held.text);
	const rec = (await as('gy-office', 'GET',
	    `/api/v1/interviews/${v.id}/documents`)).body.items.find((x) =>
	    x.template === 'interview-record');
	assert.equal(rec.issued, true);
	assert.equal(rec.number, null, 'a record takes no 发文字号');
	const text = await pagePdf('gy-office',
	    `/interviews/${v.id}/documents/interview-record/pdf`);
	assert.ok(text.startsWith('约谈记录'), 'no 版头');
	assert.ok(text.includes('约谈人：市委依法治市办主任'), text);
	assert.ok(text.includes(`被约谈人：${v.person_name}`));
	assert.ok(text.includes('被约谈人作了表态发言。'));
	assertClean(text, [v.id, v.organ, v.person]);
	/* Outside the region: as unknown. */
	for (const who of ['yy-clerk', 'nm-gov-clerk'])
		assert.equal((await as(who, 'GET',
		    `/api/v1/interviews/${v.id}/documents/interview-notice/pdf`))
		    .status, 404, who);
	assert.equal((await as('gy-office', 'GET',
	    `/api/v1/nothing/${v.id}/documents`)).status, 404);
	assert.equal((await as('gy-office', 'GET',
	    `/api/v1/interviews/${v.id}/documents/nothing/pdf`)).status, 404);
});

test('a rectification\'s 整改通知书 (numbered on the office\'s sequence) ' +
    'and the organ\'s 整改情况报告 that answers it', async () => {
	const Y = YEAR - 1;
	const party = (await resultsOf(Y, '520102')).find((x) =>
	    x.organ === '520102-party' && x.grade === 'fail');
	assert.ok(party);
	const deadline = `${YEAR + 5}-06-30`;
	const r = await as('gy-office', 'POST', '/api/v1/rectifications',
	    { json: { source: 'evaluation', organ: party.organ,
		person: party.person, year: Y, requirement: '按季度听取法治建设' +
		'工作汇报,年底前补齐', deadline } });
	assert.equal(r.status, 201, r.text);
	const x = r.body;
	const docs = `/api/v1/rectifications/${x.id}/documents`;
	let list = (await as('nm-clerk', 'GET', docs)).body.items;
	const order = list.find((d) => d.template === 'rectification-notice');
	const answer = list.find((d) => d.template === 'rectification-report');
	assert.equal(order.name, '整改通知书');
	assert.ok(numberOf(order.number), order.number);
	assert.equal(answer.issued, false);
	assert.equal((await as('nm-clerk', 'GET', answer.pdf)).status, 409);
	let text = await apiPdf('nm-clerk', order.pdf);
	assert.ok(text.includes(`关于${x.organ_name}限期整改的通知`), text);
	assert.ok(text.includes(`${x.organ_name}：`), '主送: the organ');
	assert.ok(text.includes(`${YEAR + 5}年6月30日前`), 'the deadline');
	assert.ok(text.includes('按季度听取法治建设工作汇报，年底前补齐'));
	assert.ok(text.includes(order.number));
	assertClean(text, [x.id, x.organ, x.person]);

	/* The page links both, the answer once it is there. */
	let html = await page('nm-clerk', `/supervision/rectifications/${x.id}`);
	assert.ok(html.includes(`href="/rectifications/${x.id}/documents/` +
	    'rectification-notice/pdf"'));
	assert.ok(html.includes('整改情况尚未报告'));
	const url = `/api/v1/rectifications/${x.id}/status`;
	assert.equal((await as('nm-clerk', 'POST', url, { json:
	    { action: 'progress', note: '已制定整改方案' } })).status, 200);
	assert.equal((await as('nm-clerk', 'POST', url, { json:
	    { action: 'submit', report: '已按季度听取汇报三次,补齐全年安排。' } }))
	    .status, 200);
	list = (await as('nm-clerk', 'GET', docs)).body.items;
	const done = list.find((d) => d.template === 'rectification-report');
	assert.equal(done.issued, true);
	const n = numberOf(done.number);
	assert.ok(n, done.number);
	text = await pagePdf('nm-clerk', `/rectifications/${x.id}/documents/` +
	    'rectification-report/pdf');
	assert.ok(text.includes(`${x.organ_name}关于整改情况的报告`), text);
	assert.ok(text.includes('中共贵阳市委全面依法治市委员会办公室：'),
	    '主送: the office that ordered it');
	assert.ok(text.includes(order.number), 'cites the order\'s number');
	assert.ok(text.includes('已按季度听取汇报三次，补齐全年安排。'));
	assertClean(text, [x.id, x.organ, x.person]);
	/* Sent back and submitted again: the same number. */
	assert.equal((await as('gy-office', 'POST', url, { json:
	    { action: 'return', note: '佐证不足' } })).status, 200);
	assert.equal((await as('nm-clerk', 'POST', url, { json:
	    { action: 'submit', report: '补充佐证。' } })).status, 200);
	list = (await as('nm-clerk', 'GET', docs)).body.items;
	assert.equal(list.find((d) => d.template === 'rectification-report')
	    .number, done.number);
	html = await page('nm-clerk', `/supervision/rectifications/${x.id}`);
	assert.ok(html.includes(`发文字号 ${done.number}`));
	/* Not for another county. */
	assert.equal((await as('yy-clerk', 'GET', docs)).status, 404);
});

test('a case\'s 问责决定书: issued by the committee over the organ when ' +
    'decided, with the appeal it allows; only those who handle cases',
    async () => {
	const Y = YEAR - 1;
	const party = (await resultsOf(Y, '520102')).find((x) =>
	    x.organ === '520102-party' && x.grade === 'fail');
	const open = await as('gy-office', 'POST', '/api/v1/cases', { json: {
		target: 'cadre', person: party.person, organ: party.organ,
		item: 1, source: 'report', summary: '未及时研究部署本地区法治建设' +
		'重大问题,全年法治建设目标任务未完成。' } });
	assert.equal(open.status, 201, open.text);
	const c = open.body;
	const move = (who, body) => as(who, 'POST',
	    `/api/v1/cases/${c.id}/transition`, { json: body });
	const docs = `/api/v1/cases/${c.id}/documents`;
	let item = (await as('gy-office', 'GET', docs)).body.items[0];
	assert.equal(item.template, 'accountability-decision');
	assert.equal(item.name, '问责决定书');
	assert.equal(item.issued, false);
	assert.equal(item.number, null);
	assert.equal((await as('gy-office', 'GET', item.pdf)).status, 409);
	assert.equal((await move('gy-office', { to: 'investigating' })).status,
	    200);
	assert.equal((await move('discipline', { to: 'statement',
	    investigation: '经查属实。' })).status, 200);
	const r = await move('gy-office', { to: 'decided', statement: '无异议',
		decision_form: '诫勉', decision: '责令作出书面检查。' });
	assert.equal(r.status, 200, r.text);
	item = (await as('gy-office', 'GET', docs)).body.items[0];
	assert.equal(item.issued, true);
	assert.ok(numberOf(item.number), item.number);
	const text = await apiPdf('gy-office', item.pdf);
	assert.ok(text.startsWith('中共贵阳市委员会'), text.slice(0, 40));
	assert.ok(text.includes(`关于对${c.person_name}同志予以问责的决定`));
	assert.ok(text.includes(item.number));
	assert.ok(text.includes('第九条第（一）项'), 'the item of 第九条');
	assert.ok(text.includes('予以诫勉。'), 'the form');
	assert.ok(text.includes('责令作出书面检查。'));
	assert.ok(text.includes('自收到本决定书之日起一个月内，向中共贵阳市' +
	    '委员会提出书面申诉'), 'the appeal: a month, to the deciding body');
	assert.ok(text.includes('申诉期间，不停止本决定的执行'));
	assertClean(text, [c.id, c.organ, c.person]);
	const page = await get('gy-office', `/accountability/${c.id}`);
	assert.ok(page.text.includes(`/cases/${c.id}/documents/` +
	    'accountability-decision/pdf'));
	await pagePdf('discipline', `/cases/${c.id}/documents/` +
	    'accountability-decision/pdf');
	await docxLike(await as('gy-office', 'GET', item.docx));
	/* Not for those who do not handle cases, nor outside the region. */
	for (const who of ['nm-clerk', 'nm-leader', 'inspector', 'yy-clerk'])
		assert.ok([403, 404].includes((await as(who, 'GET', item.pdf))
		    .status), who);
});

test('a commendation notice\'s 通报: the notice as issued (the office\'s ' +
    'edits), numbered when issued; the draft has none', async () => {
	let d = null;
	for (const year of [YEAR - 1, YEAR]) {
		const r = await as('gz-office', 'POST', '/api/v1/notices',
		    { json: { kind: 'commendation', year, region: '520000' } });
		if (r.status === 201 && r.body.may_issue) {
			d = r.body;
			break;
		}
	}
	assert.ok(d, 'the demo has leaders to commend');
	const url = `/api/v1/notices/${d.id}`;
	/* The wording is the catalog's: the regulation, the list. */
	assert.ok(d.body.startsWith('各有关单位:\n'), d.body);
	assert.ok(d.body.includes('第八条“对考评优秀的党政主要负责人进行通报表扬”'));
	assert.ok(d.body.endsWith(`\n${d.issuing_organ}\n` +
	    `${beijingDay().replace(/^(\d+)-0?(\d+)-0?(\d+)$/, '$1年$2月$3日')}\n`));
	let list = (await as('gz-office', 'GET', `${url}/documents`)).body.items;
	assert.deepEqual(list.map((x) => x.template), ['commendation-notice']);
	assert.equal(list[0].issued, false);
	assert.equal(list[0].number, null);
	const body = d.body.replace('希望受到通报表扬的同志',
	    '希望受到通报表扬的同志(经省委研究同意)');
	assert.equal((await as('gz-office', 'PUT', url, { json:
	    { title: d.title, body } })).status, 200);
	assert.equal((await as('gz-office', 'POST', `${url}/issue`)).status, 200);
	list = (await as('gz-office', 'GET', `${url}/documents`)).body.items;
	assert.equal(list[0].issued, true);
	assert.ok(numberOf(list[0].number), list[0].number);
	const text = await pagePdf('gz-office', `/notices/${d.id}/documents/` +
	    'commendation-notice/pdf');
	assert.ok(text.startsWith(d.issuing_organ), text.slice(0, 60));
	assert.ok(text.includes(list[0].number));
	assert.ok(text.includes('各有关单位：'), 'the 主送机关');
	assert.ok(text.includes('（经省委研究同意）'), 'the office\'s edit');
	assert.ok(text.includes(d.title.replace(/\s+/g, '')));
	/* The organ and the date are the layout's, once. */
	assert.equal(text.split(d.issuing_organ).length - 1, 2,
	    'the 版头 and the 署名');
	assert.ok(!/\d+年\d+月\d+日$/.test(text.replace(/—\d+—/g, '')),
	    'no Arabic date at the end');
	assertClean(text, [d.id]);
	const html = await page('gz-office', `/supervision/notices/${d.id}`);
	assert.ok(html.includes(`/notices/${d.id}/documents/commendation-notice/pdf`));
	/* Another kind's document is not this notice's. */
	assert.equal((await as('gz-office', 'GET', `${url}/documents/` +
	    'criticism-notice/pdf')).status, 404);
	await docxLike(await as('gz-office', 'GET', list[0].docx));
});

test('every 发文字号 given above (documents and reports alike) runs 1, 2, ' +
    '3 … per issuing organ and year, none twice', async () => {
	const rows = (await sql(srv.db, 'SELECT organ, year, seq FROM ' +
	    'doc_number ORDER BY organ, year, seq')).trim().split('\n')
	    .filter(Boolean).map((l) => l.split('|').map(Number));
	assert.ok(rows.length >= 6, `${rows.length} numbers`);
	const seen = new Map();
	for (const [organ, year, seq] of rows) {
		const k = `${organ}/${year}`;
		assert.equal(seq, (seen.get(k) ?? 0) + 1, `${k}: ${seq}`);
		seen.set(k, seq);
	}
	/* One organ issued several kinds: its sequence is one. */
	assert.ok([...seen.values()].some((n) => n >= 4));
});
