/*
 * The reports as editable drafts: the demo's annual 法治政府建设情况报告
 * and 述法报告 download as .docx over the API (GET /api/v1/reports/{id}/
 * docx) and from the report's page (its link "下载 Word 版(可编辑)" to
 * /reports/{id}/docx), named by organ, year and kind (RFC 5987
 * filename*, no internal id), of the OOXML media type; LibreOffice
 * (soffice --headless, gongwen-check.mjs) converts each to an A4 PDF
 * with the text in the 公文's margins and without losing a word of the
 * report's own PDF, draft and signed: the same 发文字号 and 成文日期.
 * Read authority is the PDF's: another county's clerk gets 404. The
 * comparison itself is tested on text made to lose words.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { YEAR, accountsOn, useServer } from './harness.mjs';
import { GEOMETRY, docxMatchesPdf, docxText, lostWords, marginProblems,
	pdfText } from './gongwen-check.mjs';

const NEXT = YEAR + 1;
const srv = useServer({ env: { LVZHI_TODAY: `${NEXT}-03-10` } });
const { as, get, page } = accountsOn(srv);

const DOCX = 'application/vnd.openxmlformats-officedocument.' +
    'wordprocessingml.document';
const url = (id, more = '') =>
    `/api/v1/reports/${encodeURIComponent(id)}${more}`;

/* A download's checks: 200, the DOCX media type, a zip, an attachment
 * named by filename* (decoded: the name) with no id in it. */
function assertDocx(r, rep) {
	assert.equal(r.status, 200, r.text.slice(0, 400));
	assert.equal(r.type, DOCX);
	assert.equal(r.bytes.subarray(0, 4).toString('latin1'), 'PK\x03\x04');
	const cd = r.headers.get('content-disposition') ?? '';
	const m = /^attachment; filename="[!-~]+\.docx"; filename\*=UTF-8''([^;]+)$/
	    .exec(cd);
	assert.ok(m, cd);
	const name = decodeURIComponent(m[1]);
	assert.ok(name.startsWith(rep.organ_name) && name.endsWith('.docx'),
	    name);
	assert.ok(name.includes(String(rep.year)), name);
	assert.ok(!name.includes(rep.id), name);
	return r.bytes;
}

/* The report's PDF and DOCX over the API as name: LibreOffice's PDF of
 * the DOCX matches the PDF; the DOCX's text (squeezed) returned. */
async function bothOf(name, rep) {
	const pdf = await as(name, 'GET', url(rep.id, '/pdf'));
	assert.equal(pdf.status, 200, pdf.text);
	const docx = assertDocx(await as(name, 'GET', url(rep.id, '/docx')),
	    rep);
	assert.deepEqual(await docxMatchesPdf(docx, pdf.bytes), []);
	return { pdf: (await pdfText(pdf.bytes)).replace(/\s+/g, ''),
		docx: (await docxText(docx)).replace(/\s+/g, '') };
}

test('the annual report downloads as a DOCX LibreOffice reads as its PDF',
    async () => {
	const r = await as('nm-gov-clerk', 'POST', '/api/v1/reports',
	    { json: { kind: 'annual', year: YEAR, organ: '520102-gov' } });
	assert.equal(r.status, 201, r.text);
	const rep = r.body;
	let t = await bothOf('nm-gov-clerk', rep);
	assert.ok(t.docx.startsWith(`${rep.organ_name}文件`),
	    t.docx.slice(0, 80));
	assert.ok(t.docx.includes(rep.title.replace(/\s+/g, '')));
	assert.ok(t.docx.includes('一、主要举措和成效'));
	assert.ok(!t.docx.includes('印发'), 'a draft has no 版记');
	assert.ok(!t.docx.includes(rep.id));

	/* Signed: the 发文字号 given at the signature and the day signed,
	 * the same in both; the 版记 under the 成文日期. */
	const signed = await as('nm-gov-leader', 'POST', url(rep.id, '/sign'));
	assert.equal(signed.status, 200, signed.text);
	t = await bothOf('nm-office', rep);
	const number = signed.body.number;
	assert.match(number, /^〔\d{4}〕\d+号$/);
	assert.ok(t.docx.includes(`${rep.organ_name}文件${number}`),
	    t.docx.slice(0, 120));
	const date = /(\d{4}年\d{1,2}月\d{1,2}日)印发/.exec(t.pdf)?.[1] ??
	    /([〇一二三四五六七八九]{4}年[一二三四五六七八九十]+月[一二三四五六七八九十]+日)/
	    .exec(t.pdf)?.[1];
	assert.ok(date, t.pdf.slice(-200));
	assert.ok(t.docx.includes(date), `${date} in ${t.docx.slice(-200)}`);
	assert.ok(t.docx.endsWith('印发'), t.docx.slice(-120));

	/* The page links it and serves the same document. */
	const html = await page('nm-office', `/reports/${rep.id}`);
	assert.ok(html.includes(`href="/reports/${rep.id}/docx">下载 Word 版(可编辑)`),
	    'the report page links its DOCX');
	const fromPage = assertDocx(await get('nm-office',
	    `/reports/${rep.id}/docx`), rep);
	assert.equal((await docxText(fromPage)).replace(/\s+/g, ''), t.docx);

	/* Read authority is the report's: another county's clerk. */
	assert.equal((await as('yy-clerk', 'GET', url(rep.id, '/docx'))).status,
	    404);
	assert.equal((await get('yy-clerk', `/reports/${rep.id}/docx`)).status,
	    404);
});

test('the 述法报告 downloads as a DOCX signed by the leader', async () => {
	const person = (await as('nm-leader', 'GET', '/api/v1/me')).body.person;
	const r = await as('nm-clerk', 'POST', '/api/v1/reports',
	    { json: { kind: 'shufa', year: YEAR, organ: '520102-party',
		person } });
	assert.equal(r.status, 201, r.text);
	const rep = r.body;
	const t = await bothOf('nm-clerk', rep);
	assert.ok(t.docx.startsWith(rep.title.replace(/\s+/g, '')),
	    'no 版头: the title first');
	assert.ok(t.docx.includes(rep.person_name));
});

test('the comparison finds lost words and text off the margins', () => {
	assert.deepEqual(lostWords('一、主要 举措\n和成效', '一、主要举措和成效'), []);
	assert.deepEqual(lostWords('甲 乙 丙', '甲丙'), ['乙']);
	/* In order: a word found only before the last one found is lost. */
	assert.deepEqual(lostWords('乙 甲', '甲乙'), ['甲']);
	/* pdftotext's joining of a line ending with a hyphen. */
	assert.deepEqual(lostWords('编号2026-0019；', '编号20260019；'), []);
	const g = GEOMETRY;
	const line = (xMin, xMax, y = g.top + 10) => ({ xMin, xMax, yMin: y,
		yMax: y + 20, text: '法治' });
	const pages = (lines) => [{ width: g.width, height: g.height, lines }];
	assert.deepEqual(marginProblems(pages([line(g.left, g.left + g.textW)])),
	    []);
	/* Word's default margins (25.4 mm): past the 版心 on the left. */
	assert.match(marginProblems(pages([line(72, 523)])).join(), /outside/);
	/* Inside, but the text never reaches the right edge. */
	assert.match(marginProblems(pages([line(g.left, g.left + 300)])).join(),
	    /spans/);
	assert.match(marginProblems([{ width: 612, height: 792,
		lines: [line(g.left, g.left + g.textW)] }]).join(), /not A4/);
	assert.match(marginProblems(pages([line(g.left, g.left + g.textW,
	    g.top + g.textH + 5)])).join(), /outside/);
});
