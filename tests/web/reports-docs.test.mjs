/*
 * The reports as the catalog words them (issue 16): the first draft of
 * the annual 法治政府建设情况报告 and of the 述法报告 comes from the
 * `document` templates of rules/guizhou-2020.md, the version in force on
 * the day it is drafted. The annual draft has the five parts the 督察工作
 * 规定 asks for, in order, each a first-level heading (一、…) of the
 * GB/T 9704 page; a draft made from it passes the check before
 * publishing once its hints are replaced (the template's values hold no
 * score, grade or verdict of a person). Each recipient of an annual
 * report has its 报送 cover letter, a 公文 addressed to it with the
 * report as its 附件, read back by gongwen-check.mjs (its DOCX by
 * LibreOffice against the PDF). A second catalog
 * version with other words drafts with those words.
 *
 * What is asserted about the words is read from the catalog file, not
 * written here: changing the template's words changes what this test
 * expects, except the five parts, which the 督察工作规定 fixes.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';

import { REPO, YEAR, accountsOn, finished, login, startServer, useServer }
    from './harness.mjs';
import { GEOMETRY, checkPdf, docxMatchesPdf, parseBbox } from
    './gongwen-check.mjs';

const NEXT = YEAR + 1;
const TODAY = `${NEXT}-03-10`;
const srv = useServer({ env: { LVZHI_TODAY: TODAY } });
const { as, get, page } = accountsOn(srv);
const CATALOG = await readFile(path.join(REPO, 'rules/guizhou-2020.md'),
    'utf8');

const url = (id, more = '') =>
    `/api/v1/reports/${encodeURIComponent(id)}${more}`;
const squeeze = (s) => s.replace(/\s+/g, '');

/* The catalog's `document` blocks by id: { head: {key: value}, body }. */
function documents(text) {
	const out = {};
	for (const m of text.matchAll(/^```document\n([\s\S]*?)^```$/gm)) {
		const at = m[1].search(/^---$/m);
		const head = {};
		for (const l of m[1].slice(0, at).split('\n')) {
			const i = l.indexOf(':');
			if (i > 0)
				head[l.slice(0, i).trim()] = l.slice(i + 1).trim();
		}
		out[head.id] = { head, body: m[1].slice(at + 4).replace(/\n$/, '') };
	}
	return out;
}
const DOCS = documents(CATALOG);

const HEADING = /^[一二三四五六七八九十]+、/;
const headings = (body) => body.split('\n').filter((l) => HEADING.test(l));

/* The template's lines that name only the values every report has
 * (organ, year, next_year, todo), filled in: the words a draft must hold
 * as they are. */
function plainLines(body, values) {
	return body.split('\n').filter((l) => !HEADING.test(l) &&
	    !/\{\{(?!(organ|year|next_year|todo|person)\}\})/.test(l)).map((l) => l.replace(/\{\{(\w+)\}\}/g, (_, k) =>
	    String(values[k])));
}

function fill(tmpl, values) {
	return tmpl.replace(/\{\{(\w+)\}\}/g, (_, k) => {
		assert.ok(k in values, `${k} in ${tmpl}`);
		return String(values[k]);
	});
}

let files = 0;
async function pdfFile(r) {
	assert.equal(r.status, 200, r.text);
	assert.equal(r.type, 'application/pdf');
	const file = path.join(srv.dir, `rd${++files}.pdf`);
	await writeFile(file, r.bytes);
	const problems = await checkPdf(file);
	assert.deepEqual(problems, [], problems.join('; '));
	return file;
}

function pdftotext(args) {
	return new Promise((resolve, reject) => execFile('pdftotext', args,
	    { encoding: 'utf8', maxBuffer: 64 << 20 }, (err, out) => err ?
	    reject(err) : resolve(out)));
}

/* The five parts 《法治政府建设与责任落实督察工作规定》 asks the annual
 * report to hold, in its order. */
const FIVE = ['主要举措和成效', '存在的不足和原因',
	'党政主要负责人履行推进法治建设第一责任人职责情况', '下一年度主要安排',
	'其他需要报告的情况'];

let annual = null;

test('the annual draft: the five parts in order, worded by the template, ' +
    'first-level headings of the 公文', async () => {
	const t = DOCS['annual-report'];
	assert.ok(t, 'the catalog has the annual-report template');
	const r = await as('nm-gov-clerk', 'POST', '/api/v1/reports',
	    { json: { kind: 'annual', year: YEAR, organ: '520102-gov' } });
	assert.equal(r.status, 201, r.text);
	annual = r.body;
	const titles = annual.sections.map((s) => s.title);
	assert.deepEqual(titles, headings(t.body), 'the template\'s headings');
	assert.deepEqual(titles.map((s) => s.replace(HEADING, '')), FIVE);
	assert.deepEqual(titles.map((s) => s.match(HEADING)[0]),
	    ['一、', '二、', '三、', '四、', '五、']);
	const values = { organ: annual.organ_name, year: YEAR,
		next_year: NEXT, todo: '【待填写】' };
	assert.equal(annual.title, fill(t.head.title, values));
	const all = annual.sections.map((s) => s.text).join('\n');
	const plain = plainLines(t.body, values);
	assert.ok(plain.length >= 3, plain.join('\n'));
	for (const l of plain)
		assert.ok(all.split('\n').includes(l), `"${l}" not in the draft`);
	/* The ledger's counts, by the template's sentences. */
	assert.match(annual.sections[0].text, /重大行政决策 \d+ 项/);

	/* On the page: each part's title a heading line of its own, in
	 * order, indented two characters (GB/T 9704 7.3.3: 一、 in 黑体,
	 * the text's indent). */
	const file = await pdfFile(await as('nm-gov-clerk', 'GET',
	    url(annual.id, '/pdf')));
	const lines = parseBbox(await pdftotext(['-enc', 'UTF-8',
		'-bbox-layout', file, '-'])).flatMap((p, i) =>
	    p.lines.map((l) => ({ ...l, page: i })));
	let last = -1;
	const char = GEOMETRY.textW / GEOMETRY.chars;
	for (const h of titles) {
		const at = lines.findIndex((l, i) => i > last &&
		    squeeze(l.text) === squeeze(h));
		assert.ok(at > last, `${h}: not a line of its own after the ` +
		    'part before');
		assert.ok(Math.abs(lines[at].xMin - (GEOMETRY.left + 2 * char)) <
		    2, `${h} at x ${lines[at].xMin}`);
		last = at;
	}
});

test('the annual draft from the template passes the check before ' +
    'publishing once its hints are replaced; the check refuses what it ' +
    'refused', async () => {
	assert.ok(annual, 'the draft above');
	/* Hints are what stops it. */
	const sections = finished(annual.sections);
	assert.equal((await as('nm-gov-clerk', 'PUT', url(annual.id), { json: {
		sections } })).status, 200);
	assert.equal((await as('nm-gov-leader', 'POST', url(annual.id,
	    '/sign'))).status, 200);
	assert.equal((await as('nm-office', 'POST', url(annual.id, '/lock')))
	    .status, 200);
	const pub = await as('nm-office', 'POST', url(annual.id, '/publish'),
	    { json: { published_on: TODAY } });
	assert.equal(pub.status, 200, pub.text);
	annual = pub.body;

	/* Another year's: a person's score and grade added stop it. */
	const r = await as('nm-gov-clerk', 'POST', '/api/v1/reports',
	    { json: { kind: 'annual', year: YEAR - 1, organ: '520102-gov' } });
	assert.equal(r.status, 201, r.text);
	const bad = finished(r.body.sections);
	bad[2].text += '区长年度考评得分 86.5 分,等次为优秀。';
	assert.equal((await as('nm-gov-clerk', 'PUT', url(r.body.id), { json: {
		sections: bad } })).status, 200);
	assert.equal((await as('nm-gov-leader', 'POST', url(r.body.id,
	    '/sign'))).status, 200);
	assert.equal((await as('nm-office', 'POST', url(r.body.id, '/lock')))
	    .status, 200);
	const no = await as('nm-office', 'POST', url(r.body.id, '/publish'));
	assert.equal(no.status, 422, no.text);
	const found = no.body.errors.map((e) => `${e.field}|${e.value}`);
	for (const w of ['第 3 部分|得分', '第 3 部分|86.5 分', '第 3 部分|等次'])
		assert.ok(found.includes(w), `${w} in ${found}`);
});

/* Text as the 公文 prints it (pdftotext, white space gone): full-width
 * punctuation in Chinese. */
const printed = (s) => squeeze(s).replace(/,/g, '，').replace(/:/g, '：')
    .replace(/;/g, '；').replace(/\(/g, '（').replace(/\)/g, '）');

/* A stored time's day in Beijing, no later than the server's today, in
 * Chinese numerals as a 成文日期: 二〇二六年三月十日. */
function numeralDay(stamp) {
	const bj = new Date(Math.min(Date.parse(stamp) + 8 * 3600e3,
	    Date.parse(`${TODAY}T00:00:00Z`)));
	const digit = '〇一二三四五六七八九';
	const small = (n) => n < 10 ? digit[n] : n === 10 ? '十' :
	    n < 20 ? `十${digit[n - 10]}` : `${digit[Math.floor(n / 10)]}十` +
	    (n % 10 ? digit[n % 10] : '');
	return `${[...String(bj.getUTCFullYear())].map((c) => digit[+c])
	    .join('')}年${small(bj.getUTCMonth() + 1)}月${small(bj.getUTCDate())}日`;
}

test('the 报送 cover letters: one to each recipient, addressed to it, the ' +
    'report its 附件, the report\'s 发文字号 and date once signed',
    async () => {
	assert.ok(annual, 'the published report above');
	const t = DOCS['annual-report-cover'];
	assert.ok(t, 'the catalog has the annual-report-cover template');
	const draft = await as('nm-gov-clerk', 'POST', '/api/v1/reports',
	    { json: { kind: 'annual', year: YEAR - 2, organ: '520102-gov' } });
	assert.equal(draft.status, 201, draft.text);
	for (const rep of [draft.body, annual]) {
		const issued = rep.status !== 'draft';
		const list = await as('nm-gov-clerk', 'GET', url(rep.id,
		    '/documents'));
		assert.equal(list.status, 200, list.text);
		const covers = list.body.items.filter((x) =>
		    x.template.startsWith('annual-report-cover:'));
		assert.deepEqual(covers.map((x) => x.template.split(':')[1]),
		    rep.recipients.map((x) => x.id), 'one to each recipient');
		for (const [i, c] of covers.entries()) {
			const to = rep.recipients[i].label;
			assert.ok(c.name.includes(to), c.name);
			assert.equal(c.number ?? null, issued ? rep.number : null);
			const pdf = await as('nm-gov-clerk', 'GET', c.pdf);
			const file = await pdfFile(pdf);
			const text = squeeze(await pdftotext(['-enc', 'UTF-8', file,
				'-']));
			const values = { organ: rep.organ_name, year: rep.year,
				recipient: to, report_title: rep.title };
			const title = printed(fill(t.head.title, values));
			assert.ok(text.includes(title), `${title} in ${text}`);
			assert.ok(text.includes(`${rep.organ_name}文件`), '版头');
			/* 主送 that recipient alone, then the text, the 附件. */
			assert.ok(text.includes(`${title}${to}：`), '主送机关');
			for (const o of rep.recipients.filter((x) => x.label !== to))
				assert.ok(!text.includes(`${o.label}：`), o.label);
			assert.ok(text.includes(`附件：${printed(rep.title)}`),
			    '附件说明');
			assert.ok(text.includes(printed(`《${rep.title}》`)));
			if (issued) {
				assert.ok(text.includes(`${rep.organ_name}文件${rep.number}`),
				    'the report\'s 发文字号');
				assert.ok(text.includes(`${rep.organ_name}${numeralDay(
				    rep.signed_at)}`), `署名 and 成文日期: ${text.slice(-120)}`);
			} else {
				assert.ok(!/〔\d+〕\d+号/.test(text), 'a draft has no number');
			}
			const docx = await as('nm-gov-clerk', 'GET', c.docx);
			assert.equal(docx.status, 200, docx.text);
			assert.equal(docx.bytes.subarray(0, 2).toString('latin1'), 'PK');
			/* LibreOffice opens it without loss of text (once: a
			 * conversion takes seconds). */
			if (issued && i === 0)
				assert.deepEqual(await docxMatchesPdf(docx.bytes,
				    pdf.bytes), []);
		}
		/* Not to anybody else; out of scope, nothing. */
		assert.equal((await as('nm-gov-clerk', 'GET', url(rep.id,
		    '/documents/annual-report-cover:the_press/pdf'))).status, 404);
		assert.equal((await as('nm-gov-clerk', 'GET', url(rep.id,
		    '/documents/annual-report-cover/pdf'))).status, 404);
		assert.equal((await as('yy-clerk', 'GET', covers[0].pdf)).status,
		    404);
	}
	/* The report's page links them, each by its recipient, and the
	 * links serve the letter. */
	const html = await page('nm-gov-clerk', `/reports/${annual.id}`);
	for (const x of annual.recipients) {
		const href = new RegExp(`href="(/reports/${annual.id}/documents/` +
		    `annual-report-cover(:|%3A)${x.id}/pdf)"`).exec(html);
		assert.ok(href, `${x.id} linked`);
		assert.ok(html.includes(`报送函(${x.label})`), x.label);
		const r = await get('nm-gov-clerk', href[1]);
		assert.equal(r.status, 200, r.text);
		assert.equal(r.type, 'application/pdf');
	}
});

test('the 述法报告 worded by its template', async () => {
	const t = DOCS['shufa-report'];
	assert.ok(t, 'the catalog has the shufa-report template');
	const me = await as('nm-leader', 'GET', '/api/v1/me');
	const r = await as('nm-clerk', 'POST', '/api/v1/reports',
	    { json: { kind: 'shufa', year: YEAR, organ: '520102-party',
		person: me.body.person } });
	assert.equal(r.status, 201, r.text);
	const rep = r.body;
	assert.deepEqual(rep.sections.map((s) => s.title), headings(t.body));
	const values = { organ: rep.organ_name, person: rep.person_name,
		year: YEAR, next_year: NEXT, todo: '【待填写】' };
	assert.equal(rep.title, fill(t.head.title, values));
	const all = rep.sections.map((s) => s.text).join('\n').split('\n');
	for (const l of plainLines(t.body, values))
		assert.ok(all.includes(l), `"${l}" not in the draft`);
	await pdfFile(await as('nm-clerk', 'GET', url(rep.id, '/pdf')));
});

/* ---- another version of the catalog, other words ---- */

let other, dir;

/* The shipped catalog as a version in force from 1 July of the demo's
 * year, its reports worded otherwise. */
function reworded(text) {
	const t = text.replace(/^version: .*$/m, 'version: 2025.7')
	    .replace(/^(```ruleset[\s\S]*?)^effective: .*$/m,
		`$1effective: ${YEAR}-07-01`)
	    .replace(/^(title: \{\{organ\}\})关于 (\{\{year\}\}) 年度法治政府建设情况的报告$/m,
		'$1$2年度法治政府建设工作报告')
	    .replace(/^(\{\{todo\}\})如无其他需要报告的情况,请写“无”。$/m,
		'$1请写明本年度其他需要报告的事项。')
	    .replace(/^(title: \{\{organ\}\}主要负责人\{\{person\}\}) (\{\{year\}\}) 年度述法报告$/m,
		'$1$2年度述法述职报告')
	    .replace(/^\(3\)举办\{\{kinds\.rol_lecture\.label\}\}.*\n/m, '');
	assert.equal((t.match(/述法述职报告|法治政府建设工作报告|其他需要报告的事项/g) ??
	    []).length, 3, 'the three rewordings');
	assert.doesNotMatch(t, /kinds\.rol_lecture\./);
	return t;
}

before(async () => {
	dir = await mkdtemp(path.join(os.tmpdir(), 'lvzhi-reports-docs-'));
	const rules = path.join(dir, 'rules');
	await mkdir(rules);
	await writeFile(path.join(rules, 'guizhou-2020.md'), CATALOG);
	await writeFile(path.join(rules, 'guizhou-2025-07.md'),
	    reworded(CATALOG));
	other = await startServer({ env: { LVZHI_RULES: rules,
		LVZHI_TODAY: TODAY } });
}, { timeout: 180_000 });

after(async () => {
	if (other === undefined)
		return;
	const e = await other.stop();
	await other.cleanup(e.code !== 0 || e.sanitizer);
	assert.equal(e.code, 0, e.stderr);
	assert.equal(e.sanitizer, false, e.stderr);
});

test('a catalog version with other words drafts with them', async () => {
	const token = await login(other, 'nm-gov-clerk');
	const r = await other.api('POST', '/api/v1/reports', { token,
		json: { kind: 'annual', year: YEAR, organ: '520102-gov' } });
	assert.equal(r.status, 201, r.text);
	assert.equal(r.body.title, `${r.body.organ_name}${YEAR}年度法治政府建设` +
	    '工作报告');
	assert.equal(r.body.sections[4].text, '【待填写】请写明本年度其他需要报告' +
	    '的事项。');
	assert.deepEqual(r.body.sections.map((s) => s.title.replace(HEADING,
	    '')), FIVE);
	/* The lectures and the collective study its words no longer name
	 * are still reported, among the others, counted as the ledger
	 * has them. */
	const label = (kind) => new RegExp(`^id: ${kind}\\nlabel: (.*)$`, 'm')
	    .exec(CATALOG)[1];
	const mine = r.body.sections[0].text;
	assert.match(mine, new RegExp(`其他:[^\\n]*${label('rol_lecture')} \\d+ ` +
	    '项\\(次\\)'), mine);
	assert.match(mine, new RegExp(`其他:[^\\n]*${label(
	    'collective_law_study')} \\d+ 项\\(次\\)`), mine);
	assert.match(annual?.sections?.[0]?.text ?? '', new RegExp(
	    `举办${label('rol_lecture')} \\d+ 次`));
	const me = await other.api('GET', '/api/v1/me', { token: await login(
	    other, 'nm-leader') });
	const s = await other.api('POST', '/api/v1/reports', { token: await
		login(other, 'nm-clerk'), json: { kind: 'shufa', year: YEAR,
		organ: '520102-party', person: me.body.person } });
	assert.equal(s.status, 201, s.text);
	assert.equal(s.body.title, `${s.body.organ_name}主要负责人` +
	    `${s.body.person_name}${YEAR}年度述法述职报告`);
	/* The shipped version alone words it as the file does. */
	assert.notEqual(annual?.title, r.body.title);
});
