/*
 * What the regulation says and what lvzhi chose, told apart (issue 13,
 * item 4), on the shipped catalog and the demo province:
 *
 *   - `lvzhi rules check` refuses a catalog whose weight has no basis,
 *     naming FILE:LINE:COL;
 *   - `lvzhi rules show --format json` (and GET /api/v1/catalog) lists the
 *     marks of the ruleset and of every duty: field, value, source
 *     (text | interpretation) and basis; the table marks them too;
 *   - the 职责清单 page shows each interpretation as 〔解释:依据〕 beside its
 *     value, and the text's values as 〔原文〕;
 *   - the evaluation, as JSON and on its page, says that the grade
 *     cut-offs are interpretations, and the explanations that use one say
 *     so.
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';

import { REPO, YEAR, browserLogin, run, useServer } from './harness.mjs';
import { check } from './schema.mjs';

// The shipped catalog's file (LVZHI_RULES may name the rules directory).
const RULES = path.join(REPO, 'rules/guizhou-2020.md');
const DEFAULT = '本系统默认,由依法治省办确定';
const srv = useServer();

const byField = (list, field) => list.find((x) => x.field === field);

test('rules check refuses a weight without a basis, at FILE:LINE:COL',
    async () => {
	const dir = await mkdtemp(path.join(os.tmpdir(), 'lvzhi-interp-'));
	try {
		const text = await readFile(RULES, 'utf8');
		const lines = text.split('\n');
		const at = lines.findIndex((l) => l.startsWith('weight: 5 〔解释:'));
		assert.ok(at > 0);
		lines[at] = 'weight: 5';
		const file = path.join(dir, 'edited.md');
		await writeFile(file, lines.join('\n'));
		const r = await run(['rules', 'check', file]);
		assert.equal(r.code, 2);
		assert.equal(r.stderr, `lvzhi: ${file}:${at + 1}:1: 'weight: 5' ` +
		    'has no basis: mark it 〔原文:…〕 with the regulation\'s ' +
		    'words, or 〔解释:…〕 with a document and its article ' +
		    `(《…》第…条) or ${DEFAULT}\n`);
		/* The shipped catalog passes. */
		assert.equal((await run(['rules', 'check', RULES])).code, 0);
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
});

function assertMarks(cat) {
	for (const key of ['grade-excellent', 'grade-pass', 'grade-basic-pass',
	    'min-segment-days', 'scale']) {
		const m = byField(cat.interpretations, key);
		assert.ok(m, key);
		assert.equal(m.source, 'interpretation', key);
		assert.equal(m.basis, DEFAULT, key);
	}
	assert.equal(byField(cat.interpretations, 'grade-pass').value, '75');
	assert.deepEqual(cat.grades, { excellent: 90, pass: 75, basic_pass: 60 });
	const duty = (id) => cat.duties.find((d) => d.id === id);
	for (const d of cat.duties) {
		const w = byField(d.interpretations, 'weight');
		assert.equal(w?.source, 'interpretation', d.id);
		assert.equal(w.value, String(d.weight), d.id);
	}
	/* The text gives the hearings; the law study's count is lvzhi's. */
	assert.deepEqual(byField(duty('5.1-hearings').interpretations, 'min'), {
		field: 'min', value: '2', source: 'text',
		basis: '每年至少听取2次法治建设工作汇报',
	});
	assert.deepEqual(byField(duty('10-law-study').interpretations, 'min'), {
		field: 'min', value: '2', source: 'interpretation', basis: DEFAULT,
	});
	const due = byField(duty('6.1-annual-report').interpretations, 'due');
	assert.equal(due.source, 'interpretation');
	assert.match(due.basis, /^《法治政府建设与责任落实督察工作规定》第二十四条/);
	assert.equal(byField(duty('7-year-end-report').interpretations, 'due')
	    .basis, DEFAULT);
}

test('rules show marks every interpretation with its basis', async () => {
	const json = await run(['rules', 'show', '--format', 'json'],
	    { env: { LVZHI_RULES: RULES } });
	assert.equal(json.code, 0, json.stderr);
	assertMarks(JSON.parse(json.stdout));

	const table = await run(['rules', 'show'], { env: { LVZHI_RULES: RULES } });
	assert.equal(table.code, 0, table.stderr);
	assert.match(table.stdout, /合格 ≥ 75 分〔解释〕/);
	assert.match(table.stdout,
	    /^5\.1-hearings .* ≥ 2\/年〔原文〕 +10〔解释〕/m);
	assert.match(table.stdout,
	    /^ {2}10-law-study 每年至少次数 2 〔解释〕:本系统默认,由依法治省办确定$/m);
	assert.match(table.stdout,
	    /^ {2}5\.1-hearings 每年至少次数 2 〔原文〕:每年至少听取2次法治建设工作汇报$/m);
});

test('GET /api/v1/catalog carries the same marks, as documented',
    async () => {
	const token = await srv.login('nm-clerk');
	const r = await srv.api('GET', '/api/v1/catalog', { token });
	assert.equal(r.status, 200);
	assertMarks(r.body);
	const spec = (await srv.api('GET', '/api/v1/openapi.json', { token }))
	    .body;
	assert.deepEqual(check(spec, { $ref: '#/components/schemas/Catalog' },
	    r.body, { documented: true }), []);
});

test('the 职责清单 page shows each interpretation as such', async () => {
	const cookie = await browserLogin(srv, 'nm-clerk');
	const r = await srv.api('GET', '/catalog', { cookie });
	assert.equal(r.status, 200);
	/* It opens with the regulation in Chinese: the catalog file's own
	 * preamble (what the file is, for whoever edits it, partly in
	 * English) is left to the file. */
	const article = r.text.slice(r.text.indexOf('<article class="regulation">'));
	const first = /<p>([^<]*)/.exec(article);
	assert.ok(first, 'a paragraph in the regulation');
	assert.doesNotMatch(first[1], /[A-Za-z]{4}/, first[1]);
	assert.ok(!article.includes('This file is') &&
	    !article.includes('本文件是'), 'the file\'s preamble');
	const card = (id) => {
		const from = r.text.indexOf(`<div class="rule" id="rule-${id}">`);
		assert.ok(from >= 0, id);
		return r.text.slice(from, r.text.indexOf('</dl>', from));
	};
	const interp = `<span class="mark mark-interp">〔解释:${DEFAULT}〕</span>`;
	/* The law study's count and every weight: lvzhi's. */
	const study = card('10-law-study');
	assert.ok(study.includes(`每年至少 2 次 ${interp}`), study);
	assert.ok(study.includes(`<dt>权重</dt><dd>10 ${interp}</dd>`), study);
	/* The hearings' count: the text's, its words in the mark's title. */
	const hearings = card('5.1-hearings');
	assert.ok(hearings.includes('每年至少 2 次 <span class="mark mark-text" ' +
	    'title="原文:每年至少听取2次法治建设工作汇报">〔原文〕</span>'),
	    hearings);
	assert.ok(!hearings.slice(0, hearings.indexOf('<dt>权重')).includes(
	    'mark-interp'), hearings);
	/* The report's deadline names its document and article. */
	assert.match(card('6.1-annual-report'), /3 月 31 日前提交 <span class="mark mark-interp">〔解释:《法治政府建设与责任落实督察工作规定》第二十四条/);
	/* The grade cut-offs, in the ruleset's box. */
	assert.ok(r.text.includes(`≥ 75 分 ${interp}`));
});

test('the evaluation says its cut-offs are interpretations', async () => {
	const token = await srv.login('gz-office');
	const r = await srv.api('GET', `/api/v1/evaluation?year=${YEAR}`,
	    { token });
	assert.equal(r.status, 200);
	/* The contract's fields stay; the marks are added. */
	for (const k of ['year', 'ruleset', 'results'])
		assert.ok(k in r.body, k);
	const pass = byField(r.body.interpretations, 'grade-pass');
	assert.deepEqual(pass, { field: 'grade-pass', value: '75',
		source: 'interpretation', basis: DEFAULT });
	assert.match(r.body.interpretations_note,
	    /优秀分数线 90、合格分数线 75、基本合格分数线 60.*\(本系统默认,由依法治省办确定\)/);
	assert.match(r.body.interpretations_note, /权重亦为本系统解释/);
	/* An explanation that uses an interpretation says so. */
	const duties = r.body.results.flatMap((x) => x.duties);
	const study = duties.find((d) => d.id === '10-law-study' &&
	    d.verdict !== 'insufficient_period');
	assert.match(study.explanation,
	    new RegExp(`要求至少 \\d+ 次\\(本系统解释:${DEFAULT}\\)`));
	const hearing = duties.find((d) => d.id === '5.1-hearings' &&
	    d.verdict !== 'insufficient_period');
	assert.doesNotMatch(hearing.explanation, /本系统解释/);
	const spec = (await srv.api('GET', '/api/v1/openapi.json', { token }))
	    .body;
	const top = { ...r.body, results: [] };
	assert.deepEqual(check(spec, { $ref: '#/components/schemas/Evaluation' },
	    top, { documented: true }), []);

	const cookie = await browserLogin(srv, 'gz-office');
	const page = await srv.api('GET', `/evaluation?year=${YEAR}`, { cookie });
	assert.equal(page.status, 200);
	assert.match(page.text, /<p class="hint interp-note"><span class="mark mark-interp">〔解释〕<\/span> [^<]*合格分数线 75[^<]*本系统默认,由依法治省办确定[^<]*<a href="\/catalog">/);
});
