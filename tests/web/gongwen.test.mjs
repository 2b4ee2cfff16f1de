/*
 * The reports' PDFs are 公文 by GB/T 9704-2012: the demo's 述法报告 and
 * annual 法治政府建设情况报告, as drafts and once signed (the annual
 * report locked and published too, its public PDF), each read back by
 * gongwen-check.mjs with poppler-utils (A4, fonts embedded, every line in
 * the 版心, at most 22 lines of 28 characters a page, "— N —" on
 * alternating sides, no half-width punctuation in Chinese), and what
 * each carries: the annual report's 版头 (发文机关标志) and 主送机关 from
 * its recipients, the 署名 and 成文日期, the 版记 only once signed; the
 * 述法 signed by the leader, without a 版头; the annual reports' 发文字号
 * numbered per organ and year in the order signed. Nothing of the system is on
 * the page (status, ids, "lvzhi"). The checks themselves are tested on
 * pages made to break each of them.
 */
import assert from 'node:assert/strict';
import { writeFile } from 'node:fs/promises';
import { execFile } from 'node:child_process';
import path from 'node:path';
import { test } from 'node:test';

import { ACCOUNTS, YEAR, accountsOn, finished, useServer } from
    './harness.mjs';
import { GEOMETRY, checkPdf, layoutProblems } from './gongwen-check.mjs';

const NEXT = YEAR + 1;
const TODAY = `${NEXT}-03-10`;
const srv = useServer({ env: { LVZHI_TODAY: TODAY } });
const { as } = accountsOn(srv);

const url = (id, more = '') =>
    `/api/v1/reports/${encodeURIComponent(id)}${more}`;

const run = (cmd, args) => new Promise((resolve, reject) =>
    execFile(cmd, args, (err, out) => err ? reject(err) : resolve(out)));

/* The file name a download offers: RFC 6266's filename*=UTF-8'' (RFC
 * 5987), after an ASCII filename="..." for old clients. */
function downloadName(r) {
	const v = r.headers.get('content-disposition') ?? '';
	const m = /^attachment; filename="[\x20-\x7e]+"; filename\*=UTF-8''(\S+)$/
	    .exec(v);
	assert.ok(m, `Content-Disposition: ${v}`);
	return decodeURIComponent(m[1]);
}

let files = 0;
/* The report's PDF over the API as the account sees it: the layout's
 * problems (asserted none), tagged (pdfinfo), the file name it is
 * offered as in pdfOf.names, and its text without white space. */
async function pdfOf(name, p) {
	const r = name ? await as(name, 'GET', p) : await srv.api('GET', p);
	assert.equal(r.status, 200, r.text);
	assert.equal(r.type, 'application/pdf');
	pdfOf.names[p] = downloadName(r);
	const file = path.join(srv.dir, `gw${++files}.pdf`);
	await writeFile(file, r.bytes);
	const problems = await checkPdf(file);
	assert.deepEqual(problems, [], `${p}: ${problems.join('; ')}`);
	assert.match(await run('pdfinfo', [file]), /^Tagged:\s+yes$/m);
	return (await run('pdftotext', ['-enc', 'UTF-8', file, '-']))
	    .replace(/\s+/g, '');
}
pdfOf.names = {};

/* A number in Chinese numerals as a date writes it: 2026 digit by
 * digit (二〇二六), 1 to 31 as counted (十二, 二十一). */
const DIGITS = '〇一二三四五六七八九';
const digits = (n) => [...String(n)].map((c) => DIGITS[c]).join('');
const counted = (n) => n < 10 ? DIGITS[n] : `${n >= 20 ? DIGITS[
    Math.floor(n / 10)] : ''}十${n % 10 ? DIGITS[n % 10] : ''}`;

/* The 成文日期 of a stored time, in Beijing, no later than the server's
 * today (its stamps follow the wall clock), in Chinese numerals (the
 * default of the date_arabic setting). */
function cnDay(stamp) {
	const bj = new Date(Math.min(Date.parse(stamp) + 8 * 3600e3,
	    Date.parse(`${TODAY}T00:00:00Z`)));
	return `${digits(bj.getUTCFullYear())}年${counted(bj.getUTCMonth() +
	    1)}月${counted(bj.getUTCDate())}日`;
}
/* The 印发日期 stays in Arabic numerals (GB/T 9704-2012 7.4.3). */
function arabicDay(stamp) {
	const bj = new Date(Math.min(Date.parse(stamp) + 8 * 3600e3,
	    Date.parse(`${TODAY}T00:00:00Z`)));
	return `${bj.getUTCFullYear()}年${bj.getUTCMonth() + 1}月` +
	    `${bj.getUTCDate()}日`;
}

function assertNothingOfTheSystem(text, rep) {
	for (const s of ['状态', '草稿', '已签署', '报告编号', 'lvzhi', rep.id,
		'第1页'])
		assert.ok(!text.includes(s), `${s} on the page`);
}

test('the demo\'s annual report reads back as a 公文, draft and issued',
    async () => {
	const r = await as('nm-gov-clerk', 'POST', '/api/v1/reports',
	    { json: { kind: 'annual', year: YEAR, organ: '520102-gov' } });
	assert.equal(r.status, 201, r.text);
	const rep = r.body;
	let text = await pdfOf('nm-gov-clerk', url(rep.id, '/pdf'));
	assert.ok(text.startsWith(`${rep.organ_name}文件`), text.slice(0, 80));
	assert.ok(text.includes(rep.title.replace(/\s+/g, '')));
	assert.ok(text.includes(`${rep.recipients.map((x) => x.label)
	    .join('、')}：`), 'the recipients are the 主送机关');
	assert.ok(text.includes('一、主要举措和成效'));
	assert.ok(text.includes(`${rep.organ_name}${cnDay(rep.updated_at ?? rep.created_at)}`),
	    'a draft is signed by the organ on the day last edited');
	assert.ok(!text.includes('印发'), 'a draft has no 版记');
	assert.ok(!text.includes('签发人'), 'nor a 签发人');
	assert.equal(rep.number, null, 'a draft has no 发文字号');
	assert.ok(!/〔\d+〕\d+号/.test(text));
	assert.ok(text.includes('—1—') && text.includes('—2—'));
	assertNothingOfTheSystem(text, rep);

	/* The writer replaces the drafting hints (the check before
	 * publishing refuses them). */
	assert.equal((await as('nm-gov-clerk', 'PUT', url(rep.id), { json: {
		sections: finished(rep.sections) } })).status, 200);
	assert.equal((await as('nm-gov-leader', 'POST', url(rep.id, '/sign')))
	    .status, 200);
	assert.equal((await as('nm-office', 'POST', url(rep.id, '/lock')))
	    .status, 200);
	const pub = await as('nm-office', 'POST', url(rep.id, '/publish'));
	assert.equal(pub.status, 200, pub.text);
	const day = cnDay(pub.body.signed_at);
	/* Its 发文字号, given at the signature: the organ's first of the
	 * year it was signed. */
	assert.equal(pub.body.number, `〔${NEXT}〕1号`);
	/* A 上行文: the 区长 who signed is its 签发人, on the 发文字号's
	 * line. */
	const me = (await as('nm-gov-leader', 'GET', '/api/v1/me')).body.person;
	const leader = (await as('nm-office', 'GET', '/api/v1/organs/520102-gov'))
	    .body.tenures.find((x) => x.person === me).person_name;
	for (const t of [await pdfOf('nm-office', url(rep.id, '/pdf')),
		await pdfOf(null, `/public/reports/${rep.id}/pdf`)]) {
		assert.ok(t.includes(`${rep.organ_name}${day}`), '署名 and date');
		assert.ok(t.includes(`${rep.organ_name}文件〔${NEXT}〕1号` +
		    `签发人：${leader}`), '发文字号 and 签发人 under the 发文机关标志');
		/* At the end: 署名 and 成文日期, then the 版记's 印发机关 and
		 * 印发日期 (pdftotext may read the page number between them,
		 * the two being columns). */
		assert.match(t, new RegExp(`${rep.organ_name}${day}` +
		    `${rep.organ_name}(—\\d+—)?${arabicDay(pub.body.signed_at)}` +
		    '印发(—\\d+—)?$'),
		    t.slice(-200));
		assertNothingOfTheSystem(t, rep);
		text = t;
	}
	/* One stable name for the staff's and the public's download: the
	 * government's region by its full name (the demo's 南明区 is 贵阳
	 * 市's), the year, the document. */
	const want = `贵阳市南明区${YEAR}年度法治政府建设情况报告.pdf`;
	assert.equal(pdfOf.names[url(rep.id, '/pdf')], want);
	assert.equal(pdfOf.names[`/public/reports/${rep.id}/pdf`], want);
});

test('发文字号: per organ and year, in the order signed, without gaps',
    async () => {
	/* The year before's report of the same government, signed after
	 * the first: the next number. Another organ's (a department's)
	 * starts at 1. A 述法 (the leader's own) has none. */
	const r = await as('nm-gov-clerk', 'POST', '/api/v1/reports',
	    { json: { kind: 'annual', year: YEAR - 1, organ: '520102-gov' } });
	assert.equal(r.status, 201, r.text);
	const signed = await as('nm-gov-leader', 'POST', url(r.body.id,
	    '/sign'));
	assert.equal(signed.status, 200, signed.text);
	assert.equal(signed.body.number, `〔${NEXT}〕2号`);
	const text = await pdfOf('nm-office', url(r.body.id, '/pdf'));
	assert.ok(text.includes(`文件〔${NEXT}〕2号`), text.slice(0, 80));
	const list = await as('nm-office', 'GET',
	    '/api/v1/reports?kind=annual&organ=520102-gov');
	assert.deepEqual(list.body.items.map((x) => x.number).sort(),
	    [`〔${NEXT}〕1号`, `〔${NEXT}〕2号`]);
});

test('the demo\'s 述法报告 reads back as a 公文 signed by the leader',
    async () => {
	const person = (await as('nm-leader', 'GET', '/api/v1/me')).body.person;
	const r = await as('nm-clerk', 'POST', '/api/v1/reports',
	    { json: { kind: 'shufa', year: YEAR, organ: '520102-party',
		person } });
	assert.equal(r.status, 201, r.text);
	const rep = r.body;
	let text = await pdfOf('nm-clerk', url(rep.id, '/pdf'));
	assert.ok(text.startsWith(rep.title.replace(/\s+/g, '')),
	    'no 版头: the title first');
	assertNothingOfTheSystem(text, rep);
	const signed = await as('nm-leader', 'POST', url(rep.id, '/sign'));
	assert.equal(signed.status, 200, signed.text);
	assert.equal(signed.body.number, undefined, 'a 述法 has no 发文字号');
	text = await pdfOf('nm-leader', url(rep.id, '/pdf'));
	assert.ok(text.includes(`${rep.person_name}${cnDay(
	    signed.body.signed_at)}`), text.slice(-200));
	assertNothingOfTheSystem(text, rep);
});

test('the demo\'s portal lists published reports, each a clean tagged 公文',
    async () => {
	const list = await srv.api('GET', '/public/');
	assert.equal(list.status, 200);
	const ids = [...new Set([...list.text.matchAll(
	    /href="\/public\/reports\/([^"/?]+)"/g)].map((m) =>
	    decodeURIComponent(m[1])))];
	assert.ok(ids.length >= 1, 'the demo publishes an annual report');
	for (const id of ids) {
		const p = `/public/reports/${encodeURIComponent(id)}/pdf`;
		const text = await pdfOf(null, p);
		assert.match(pdfOf.names[p], /^[^\x00-\x7f]+\d{4}年度法治政府建设情况报告\.pdf$/);
		/* What the check before publishing refuses is not in it: ids,
		 * account names, drafting hints, grades and scores, the
		 * system (report-public.c; the demo published it through
		 * that check). */
		for (const s of [id, ...Object.keys(ACCOUNTS), 'xx-gov-clerk',
			'xx-gov-leader', 'xx-office', '【待填写】', '一票否决',
			'得分', '等次', 'lvzhi'])
			assert.ok(!text.includes(s), `${s} in ${p}`);
		assert.doesNotMatch(text, /[a-z]+-\d{3,}|\d+(\.\d+)?分[，。；]/);
		for (const part of ['一、', '二、', '三、', '四、', '五、'])
			assert.ok(text.includes(part), `${part} in ${p}`);
		const file = path.join(srv.dir, `portal-${files}.pdf`);
		await writeFile(file, (await srv.api('GET', p)).bytes);
		assert.match(await run('qpdf', ['--check', file]),
		    /No syntax or stream encoding errors/);
	}
});

/* A page as the layout makes it: a title, 22 lines of 28 characters,
 * the number one character in from the right. */
function goodPage() {
	const g = GEOMETRY, pitch = g.textH / g.lines;
	const lines = [];
	for (let i = 0; i < g.lines; i++)
		lines.push({ xMin: g.left, yMin: g.top + i * pitch + 2,
			xMax: g.left + g.textW, yMax: g.top + i * pitch + 25,
			text: '法'.repeat(27) + '。' });
	lines.push({ xMin: g.left + g.textW - g.folio - 40,
		yMin: g.top + g.textH + 15, xMax: g.left + g.textW - g.folio,
		yMax: g.top + g.textH + 30, text: '— 1 —' });
	return { width: g.width, height: g.height, lines };
}

test('the layout check finds each fault it is for', () => {
	assert.deepEqual(layoutProblems([goodPage()]), []);
	const broken = (fn) => {
		const p = goodPage();
		fn(p);
		return layoutProblems([p]).join('; ');
	};
	assert.match(broken((p) => { p.width = 612; }), /not A4/);
	assert.match(broken((p) => { p.lines[3].xMin -= 10; }), /outside/);
	assert.match(broken((p) => { p.lines[21].yMax += 20; }), /outside/);
	assert.match(broken((p) => { p.lines[0].text += '法'; }),
	    /longer than 28/);
	assert.match(broken((p) => { p.lines[5].text = '达到要求,超过'; }),
	    /half-width/);
	assert.match(broken((p) => { p.lines[5].text = '(1)按期'; }),
	    /half-width/);
	assert.match(broken((p) => {
		p.lines.push({ ...p.lines[21], yMin: p.lines[21].yMin + 29,
			yMax: p.lines[21].yMax + 29 - 10 });
	}), /23 lines/);
	/* A last page closed up for its 成文日期 may hold four lines more
	 * (GB/T 9704-2012 7.3.5.5), not five; another page none. */
	const closeUp = (p, extra, date) => {
		const last = p.lines.pop();
		const pitch = (GEOMETRY.textH - 2) / (GEOMETRY.lines + extra);
		p.lines = [];
		for (let i = 0; i < GEOMETRY.lines + extra; i++)
			p.lines.push({ xMin: GEOMETRY.left, yMin: GEOMETRY.top + i *
				pitch, xMax: GEOMETRY.left + 100, yMax: GEOMETRY.top +
				(i + 1) * pitch, text: i === GEOMETRY.lines + extra - 1 &&
				date ? '二〇二六年三月十日' : '法'.repeat(10) });
		p.lines.push(last);
	};
	assert.equal(broken((p) => closeUp(p, 4, true)), '');
	assert.match(broken((p) => closeUp(p, 5, true)), /27 lines, more than 26/);
	assert.match(broken((p) => closeUp(p, 1, false)), /23 lines, more than 22/);
	assert.match(broken((p) => { p.lines.pop(); }), /0 page numbers/);
	assert.match(broken((p) => { p.lines.at(-1).text = '— 2 —'; }),
	    /numbered 2/);
	/* The second page's number belongs on the left. */
	const two = [goodPage(), goodPage()];
	two[1].lines.at(-1).text = '— 2 —';
	assert.match(layoutProblems(two).join('; '),
	    /page 2: its number is not one character in from the left/);
	const g = GEOMETRY;
	Object.assign(two[1].lines.at(-1), { xMin: g.left + g.folio,
		xMax: g.left + g.folio + 40 });
	assert.deepEqual(layoutProblems(two), []);
});
