/*
 * Bulk work ([workbench] item 5): uploading the spreadsheets offices
 * keep (XLSX, CSV in UTF-8 and GB18030) of ledger records and of people's
 * posts, all or nothing, with every bad row named by row and column in
 * Chinese and the uploader's own authority per row; the templates; bulk
 * verify on the ledger; and scoring several duties on the evaluation page
 * without a reload.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import zlib from 'node:zlib';

import { YEAR, browserLogin, useServer } from './harness.mjs';
import { answersMatch } from './schema.mjs';
import { as as browserAs, goto, kit, newPage, OFFICE, shot, useBrowser }
    from './browser-kit.mjs';

useBrowser(/^bulk-.*\.png$/);
const srv = kit.srv = useServer();
const tokens = {};

async function call(name, method, p, o = {}) {
	tokens[name] ??= await srv.login(name);
	return srv.api(method, p, { ...o, token: tokens[name] });
}

/* ---- sheets ---- */

const BOM = '\ufeff';
const csv = (rows) => rows.map((r) => r.map((c) =>
    /[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c).join(',')).join(
    '\r\n') + '\r\n';
const gb18030 = (text) => execFileSync('iconv', ['-f', 'UTF-8', '-t',
    'GB18030'], { input: Buffer.from(text, 'utf8') });

/* A ZIP archive of files (name -> text), stored uncompressed: enough of
 * one for an XLSX. */
function zip(files) {
	const locals = [], centrals = [];
	let offset = 0;
	for (const [name, text] of Object.entries(files)) {
		const data = Buffer.from(text, 'utf8');
		const fname = Buffer.from(name, 'utf8');
		const crc = zlib.crc32(data);
		const local = Buffer.alloc(30);
		local.writeUInt32LE(0x04034b50, 0);
		local.writeUInt16LE(20, 4);
		local.writeUInt32LE(crc, 14);
		local.writeUInt32LE(data.length, 18);
		local.writeUInt32LE(data.length, 22);
		local.writeUInt16LE(fname.length, 26);
		const central = Buffer.alloc(46);
		central.writeUInt32LE(0x02014b50, 0);
		central.writeUInt16LE(20, 4);
		central.writeUInt16LE(20, 6);
		central.writeUInt32LE(crc, 16);
		central.writeUInt32LE(data.length, 20);
		central.writeUInt32LE(data.length, 24);
		central.writeUInt16LE(fname.length, 28);
		central.writeUInt32LE(offset, 42);
		locals.push(local, fname, data);
		centrals.push(central, fname);
		offset += 30 + fname.length + data.length;
	}
	const cd = Buffer.concat(centrals);
	const end = Buffer.alloc(22);
	end.writeUInt32LE(0x06054b50, 0);
	end.writeUInt16LE(Object.keys(files).length, 8);
	end.writeUInt16LE(Object.keys(files).length, 10);
	end.writeUInt32LE(cd.length, 12);
	end.writeUInt32LE(offset, 16);
	return Buffer.concat([...locals, cd, end]);
}

const esc = (s) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
const colName = (i) => String.fromCharCode(65 + i);

/* An XLSX of rows (inline strings) as Excel lays one out. */
function xlsx(rows) {
	const sheet = rows.map((r, i) => `<row r="${i + 1}">` + r.map((c, j) =>
	    c === '' ? '' : `<c r="${colName(j)}${i + 1}" t="inlineStr"><is><t>` +
	    `${esc(c)}</t></is></c>`).join('') + '</row>').join('');
	return zip({
		'[Content_Types].xml': '<?xml version="1.0" encoding="UTF-8"?>' +
		    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/' +
		    'content-types"><Default Extension="rels" ContentType="' +
		    'application/vnd.openxmlformats-package.relationships+xml"/>' +
		    '<Default Extension="xml" ContentType="application/xml"/>' +
		    '<Override PartName="/xl/workbook.xml" ContentType="application/' +
		    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
		    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="' +
		    'application/vnd.openxmlformats-officedocument.spreadsheetml.' +
		    'worksheet+xml"/></Types>',
		'_rels/.rels': '<?xml version="1.0" encoding="UTF-8"?><Relationships ' +
		    'xmlns="http://schemas.openxmlformats.org/package/2006/' +
		    'relationships"><Relationship Id="rId1" Type="http://schemas.' +
		    'openxmlformats.org/officeDocument/2006/relationships/' +
		    'officeDocument" Target="xl/workbook.xml"/></Relationships>',
		'xl/workbook.xml': '<?xml version="1.0" encoding="UTF-8"?><workbook ' +
		    'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/' +
		    'main" xmlns:r="http://schemas.openxmlformats.org/' +
		    'officeDocument/2006/relationships"><sheets><sheet name="填写" ' +
		    'sheetId="1" r:id="rId1"/></sheets></workbook>',
		'xl/_rels/workbook.xml.rels': '<?xml version="1.0" encoding="UTF-8"?>' +
		    '<Relationships xmlns="http://schemas.openxmlformats.org/package/' +
		    '2006/relationships"><Relationship Id="rId1" Type="http://' +
		    'schemas.openxmlformats.org/officeDocument/2006/relationships/' +
		    'worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
		'xl/worksheets/sheet1.xml': '<?xml version="1.0" encoding="UTF-8"?>' +
		    '<worksheet xmlns="http://schemas.openxmlformats.org/' +
		    'spreadsheetml/2006/main"><sheetData>' + sheet +
		    '</sheetData></worksheet>',
	});
}

const RECORD_HEAD = ['记录类型*', '所在机构', '日期*', '标题', '相关人员', '状态'];
const day = (m, d) => `${YEAR}-${String(m).padStart(2, '0')}-` +
    String(d).padStart(2, '0');

/* Records whose titles carry tag, so that a test finds its own. */
async function titled(tag) {
	const r = await call('admin', 'GET', '/api/v1/records?per_page=200&q=' +
	    encodeURIComponent(tag));
	assert.equal(r.status, 200, r.text);
	return r.body.items;
}

async function upload(name, kind, data, file) {
	const f = new FormData();
	f.append('file', new Blob([data]), file);
	return call(name, 'POST', `/api/v1/uploads/${kind}`, { body: f });
}

/* The audit log's newest entry (the accounts log in first: a login is
 * audited). */
async function auditHead() {
	for (const name of ['nm-clerk', 'nm-office', 'yy-clerk'])
		tokens[name] ??= await srv.login(name);
	const r = await call('admin', 'GET', '/api/v1/audit?per_page=1');
	assert.equal(r.status, 200, r.text);
	return r.body.items[0]?.seq ?? 0;
}

/* ---- templates ---- */

/* Every score of the year, page by page (the list is paged, 50 a page
 * by default). */
async function allScores() {
	const items = [];
	for (let page = 1; ; page++) {
		const r = await call('admin', 'GET',
		    `/api/v1/scores?year=${YEAR}&per_page=200&page=${page}`);
		assert.equal(r.status, 200, r.text);
		items.push(...r.body.items);
		if (r.body.items.length === 0 || items.length >= r.body.total)
			return items;
	}
}

test('templates: the ledger\'s and the registry\'s, as XLSX (read back by ' +
    'the upload itself) and as CSV with a BOM and Chinese headers',
async () => {
	const clerk = await browserLogin(srv, 'nm-clerk');
	const office = await browserLogin(srv, 'nm-office');
	for (const [who, base, first] of [[clerk, '/ledger/upload', '记录类型*'],
	    [office, '/registry/upload', '姓名*']]) {
		const page = await srv.api('GET', base, { cookie: who });
		assert.equal(page.status, 200);
		assert.match(page.text, /下载 Excel 模板/);
		const x = await srv.api('GET', `${base}/template.xlsx`,
		    { cookie: who });
		assert.equal(x.status, 200, x.text);
		assert.equal(x.type, 'application/vnd.openxmlformats-' +
		    'officedocument.spreadsheetml.sheet');
		assert.equal(x.bytes.subarray(0, 2).toString(), 'PK');
		for (const part of ['填写说明', '选项', 'dataValidation'])
			assert.ok(x.bytes.includes(Buffer.from(part)) ||
			    zlibHas(x.bytes, part), `the template has ${part}`);
		const c = await srv.api('GET', `${base}/template.csv`,
		    { cookie: who });
		assert.equal(c.status, 200);
		assert.equal(c.type, 'text/csv');
		assert.deepEqual([...c.bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
		assert.equal(c.text.slice(1).split(',')[0], first);
	}
	/* The XLSX as downloaded opens: its header is read, and it has no
	 * data rows. */
	const x = await srv.api('GET', '/ledger/upload/template.xlsx',
	    { cookie: clerk });
	const r = await upload('nm-clerk', 'records', x.bytes, 't.xlsx');
	assert.equal(r.status, 400, r.text);
	assert.deepEqual(r.body.errors.map((e) => e.reason), ['文件中没有数据行']);
	/* A clerk has no registry upload. */
	const no = await srv.api('GET', '/registry/upload', { cookie: clerk });
	assert.equal(no.status, 403);
});

/* Whether a deflated member of the archive holds text (libxlsxwriter
 * compresses its parts). */
function zlibHas(buf, text) {
	for (let i = 0; i + 30 < buf.length; i++) {
		if (buf.readUInt32LE(i) !== 0x04034b50)
			continue;
		const method = buf.readUInt16LE(i + 8);
		const size = buf.readUInt32LE(i + 18);
		const n = buf.readUInt16LE(i + 26), extra = buf.readUInt16LE(i + 28);
		const start = i + 30 + n + extra;
		if (method !== 8)
			continue;
		try {
			const out = zlib.inflateRawSync(buf.subarray(start, start + size));
			if (out.includes(Buffer.from(text)))
				return true;
		} catch { /* not this one */ }
	}
	return false;
}

/* ---- uploads ---- */

test('a clerk uploads records as CSV (UTF-8 with a BOM, GB18030) and as ' +
    'XLSX: each file written whole, submitted, audited', async () => {
	const files = [
		['utf8', (rows) => Buffer.from(BOM + csv(rows), 'utf8'), 'a.csv'],
		['gb18030', (rows) => gb18030(csv(rows)), 'b.csv'],
		['xlsx', (rows) => xlsx(rows), 'c.xlsx'],
	];
	for (const [tag, make, file] of files) {
		const before = await auditHead();
		const rows = [RECORD_HEAD,
			['法治专题讲座', '', day(3, 10), `批量${tag}甲`],
			['集体学法', '中共南明区委员会', `${YEAR}/4/2`, `批量${tag}乙`],
			['法治专题讲座', '', `${YEAR}年5月6日`, `批量${tag}丙`, '', '待审核'],
		];
		const r = await upload('nm-clerk', 'records', make(rows), file);
		assert.equal(r.status, 200, `${tag}: ${r.text}`);
		assert.equal(r.body.added, 3);
		const got = await titled(`批量${tag}`);
		assert.deepEqual(got.map((x) => x.title).sort(),
		    [`批量${tag}丙`, `批量${tag}乙`, `批量${tag}甲`].sort());
		for (const x of got) {
			assert.equal(x.organ, '520102-party');
			assert.equal(x.status, 'submitted');
		}
		assert.deepEqual(got.map((x) => x.date).sort(),
		    [day(3, 10), day(4, 2), day(5, 6)]);
		const log = await call('admin', 'GET', '/api/v1/audit?per_page=10');
		const mine = log.body.items.filter((e) => e.seq > before &&
		    e.action === 'record.create');
		assert.equal(mine.length, 3, `${tag}: three audited creates`);
	}
});

test('a bad file: every bad row by row and column in Chinese, nothing ' +
    'written', async () => {
	const before = await auditHead();
	const rows = [RECORD_HEAD,
		['法治专题讲座', '', day(3, 1), '坏文件好行'],
		['法治专题讲座', '', `${YEAR}-13-45`, '坏文件日期'],
		['不存在的类型', '', day(3, 2), '坏文件类型'],
		['集体学法', '', day(3, 3), '坏文件人员', '查无此人'],
		['法治专题讲座', '', '2999-01-01', '坏文件未来'],
	];
	for (const [data, file] of [[Buffer.from(BOM + csv(rows)), 'bad.csv'],
	    [xlsx(rows), 'bad.xlsx']]) {
		const r = await upload('nm-clerk', 'records', data, file);
		assert.equal(r.status, 400, r.text);
		const at = r.body.errors.map((e) => `${e.row}${e.column}`);
		assert.deepEqual(at, ['3C', '4A', '5E', '6C'], r.text);
		const msg = r.body.errors.map((e) => e.message);
		assert.match(msg[0], /^第3行 C列\(日期\):日期无效/);
		assert.match(msg[1], /^第4行 A列\(记录类型\):“不存在的类型”不是可选的值/);
		assert.match(msg[2], /^第5行 E列\(相关人员\):中共南明区委员会没有名为“查无此人”/);
		assert.match(msg[3], /^第6行 C列\(日期\):/);
		assert.equal((await titled('坏文件')).length, 0, 'nothing written');
	}
	assert.equal(await auditHead(), before, 'nothing audited');
	/* The page shows them in a table. */
	const cookie = await browserLogin(srv, 'nm-clerk');
	const page = await formPost(cookie, '/ledger/upload',
	    Buffer.from(BOM + csv(rows)), 'bad.csv');
	assert.equal(page.status, 400);
	assert.match(page.text, /文件有误,未写入任何数据/);
	assert.match(page.text, /<td>第3行<\/td><td>C\(日期\)<\/td>/);
	/* An unknown column, and a missing one. */
	const r = await upload('nm-clerk', 'records', Buffer.from(csv([
	    ['记录类型', '日子'], ['集体学法', day(1, 1)]])), 'cols.csv');
	assert.equal(r.status, 400);
	assert.deepEqual(r.body.errors.map((e) => e.message), [
		'第1行 B列:无法识别的列“日子”:请使用下载的模板',
		'第1行:缺少必填的列“日期”']);
});

/* A page's form post with a file, as a browser sends it. */
async function formPost(cookie, p, data, file) {
	const page = await srv.api('GET', p, { cookie });
	const csrf = /name="_csrf" value="([0-9a-f]+)"/.exec(page.text)[1];
	const f = new FormData();
	f.append('_csrf', csrf);
	f.append('file', new Blob([data]), file);
	return srv.api('POST', p, { cookie, body: f });
}

test('the uploader\'s authority per row: a clerk\'s 已核实, a record of ' +
    'another county, a finding from a clerk → refused, nothing written',
async () => {
	const before = await auditHead();
	const rows = [RECORD_HEAD,
		['法治专题讲座', '', day(6, 1), '越权好行'],
		['法治专题讲座', '', day(6, 2), '越权核实', '', '已核实'],
		['法治专题讲座', '中共云岩区委员会', day(6, 3), '越权外县'],
	];
	const r = await upload('nm-clerk', 'records', Buffer.from(csv(rows)),
	    'x.csv');
	assert.equal(r.status, 400, r.text);
	assert.deepEqual(r.body.errors.map((e) => `${e.row}${e.column ?? ''}`),
	    ['3F', '4B'], r.text);
	assert.match(r.body.errors[0].message, /第3行 F列\(状态\):只有依法治理办公室可以审核/);
	assert.match(r.body.errors[1].message, /第4行 B列\(所在机构\):/);
	assert.equal((await titled('越权')).length, 0);
	/* The office may not verify what it uploads either: another account
	 * reviews it. */
	const o = await upload('nm-office', 'records', Buffer.from(csv([
	    RECORD_HEAD, ['法治专题讲座', '中共南明区委员会', day(6, 4), '越权办',
	    '', '已核实']])), 'o.csv');
	assert.equal(o.status, 400, o.text);
	assert.match(o.body.errors[0].message, /不能审核本人录入/);
	/* A finding (问责认定) only from the competent accounts. */
	const kinds = await call('admin', 'GET', '/api/v1/catalog');
	const finding = (kinds.body.kinds ?? []).find((k) => k.finding);
	if (finding) {
		const f = await upload('nm-clerk', 'records', Buffer.from(csv([
		    [...RECORD_HEAD, '认定依据', '依据说明'],
		    [finding.label, '', day(6, 5), '越权认定', '王芳兰', '', '举报',
		    '来信']])), 'f.csv');
		assert.equal(f.status, 400, f.text);
		assert.equal(f.body.errors[0].row, 2);
	}
	assert.equal(await auditHead(), before);
});

test('people and posts: an office uploads them for its region (a new ' +
    'person, a namesake in the region found), nobody else, and not elsewhere',
async () => {
	const head = ['姓名', '所在机构', '职务', '任职开始日期', '任职结束日期'];
	const r = await upload('nm-office', 'people', gb18030(csv([head,
		['批量新人甲', '南明区司法局', '副职', '2024-02-01'],
		['批量新人甲', '中共南明区委员会', '副职', '2024年3月1日', ''],
		['谢宇', '南明区人民政府', '副职', '2025-01-02', '2025-06-30'],
	])), 'p.csv');
	assert.equal(r.status, 200, r.text);
	assert.equal(r.body.added, 3);
	assert.equal(r.body.people, 1, 'one new person; 谢宇 is found');
	const justice = await call('admin', 'GET', '/api/v1/organs/520102-justice');
	const party = await call('admin', 'GET', '/api/v1/organs/520102-party');
	const gov = await call('admin', 'GET', '/api/v1/organs/520102-gov');
	const a = justice.body.tenures.find((t) => t.person_name === '批量新人甲');
	const b = party.body.tenures.find((t) => t.person_name === '批量新人甲');
	assert.ok(a && b);
	assert.equal(a.person, b.person, 'the same new person twice');
	assert.equal(a.role, 'deputy');
	const xie = party.body.tenures.find((t) => t.person_name === '谢宇');
	const xie2 = gov.body.tenures.find((t) => t.person_name === '谢宇');
	assert.equal(xie2.person, xie.person);
	assert.equal(xie2.end, '2025-06-30');
	/* The same post again is refused; another county's organ, a clerk. */
	const again = await upload('nm-office', 'people', Buffer.from(csv([head,
	    ['谢宇', '南明区人民政府', '副职', '2025-01-02']])), 'p.csv');
	assert.equal(again.status, 400);
	assert.match(again.body.errors[0].message, /第2行 A列\(姓名\):.*已经登记/);
	const out = await upload('nm-office', 'people', Buffer.from(csv([head,
	    ['越界人员', '中共云岩区委员会', '副职', '2024-01-01']])), 'p.csv');
	assert.equal(out.status, 400);
	assert.match(out.body.errors[0].message, /第2行 B列\(所在机构\):机构不在本办/);
	const clerk = await upload('nm-clerk', 'people', Buffer.from(csv([head,
	    ['越权人员', '中共南明区委员会', '副职', '2024-01-01']])), 'p.csv');
	assert.equal(clerk.status, 400);
	assert.match(clerk.body.errors[0].message, /只有依法治理办公室可以登记/);
	const party2 = await call('admin', 'GET', '/api/v1/organs/520103-party');
	assert.ok(!party2.body.tenures.some((t) => t.person_name === '越界人员'));
});

/* ---- bulk verify ---- */

test('bulk verify: all or nothing per batch, authority per record, a count',
async () => {
	await upload('nm-clerk', 'records', Buffer.from(csv([RECORD_HEAD,
		['法治专题讲座', '', day(7, 1), '批核甲'],
		['法治专题讲座', '', day(7, 2), '批核乙'],
		['法治专题讲座', '', day(7, 3), '批核丙'],
	])), 'v.csv');
	await upload('yy-clerk', 'records', Buffer.from(csv([RECORD_HEAD,
		['法治专题讲座', '', day(7, 4), '批核云岩'],
	])), 'v.csv');
	const mine = await titled('批核');
	const id = (t) => mine.find((x) => x.title === t).id;
	/* One of another county's in the batch: none changes. */
	const bad = await call('nm-office', 'POST', '/api/v1/records/review',
	    { json: { ids: [id('批核甲'), id('批核云岩')], status: 'verified' } });
	assert.equal(bad.status, 404, bad.text);
	assert.ok((await titled('批核')).every((x) => x.status === 'submitted'));
	const rej = await call('nm-office', 'POST', '/api/v1/records/review',
	    { json: { ids: [id('批核甲')], status: 'rejected' } });
	assert.equal(rej.status, 400, 'a rejection needs a reason');
	const ok = await call('nm-office', 'POST', '/api/v1/records/review',
	    { json: { ids: [id('批核甲'), id('批核乙')], status: 'verified' } });
	assert.equal(ok.status, 200, ok.text);
	assert.deepEqual(ok.body, { records: 2, changed: 2 });
	const now = await titled('批核');
	assert.equal(now.find((x) => x.title === '批核甲').status, 'verified');
	assert.equal(now.find((x) => x.title === '批核丙').status, 'submitted');
	/* The clerk may not. */
	const c = await call('nm-clerk', 'POST', '/api/v1/records/review',
	    { json: { ids: [id('批核丙')], status: 'verified' } });
	assert.equal(c.status, 403);
});

test('in the browser: 核实所选 on the ledger, 退回 with a reason, and two ' +
    'scores in a row without a reload', async () => {
	await upload('nm-clerk', 'records', Buffer.from(csv([RECORD_HEAD,
		['法治专题讲座', '', day(8, 1), '页核甲'],
		['法治专题讲座', '', day(8, 2), '页核乙'],
		['法治专题讲座', '', day(8, 3), '页核丙'],
	])), 'b.csv');
	const page = await browserAs('nm-office', '/ledger');
	/* The upload form as a person uses it: a bad file, then a good one. */
	await page.getByRole('link', { name: '批量导入' }).click();
	await page.waitForURL((u) => u.pathname === '/ledger/upload');
	const file = page.getByLabel(/表格文件/);
	await file.setInputFiles({ name: '台账.csv', mimeType: 'text/csv',
		buffer: Buffer.from(BOM + csv([RECORD_HEAD,
		    ['法治专题讲座', '中共南明区委员会', '2025-02-30', '页传坏']])) });
	await page.getByRole('button', { name: '上传并导入' }).click();
	await page.locator('table.upload-errors').waitFor();
	assert.match(await page.locator('table.upload-errors tbody').innerText(),
	    /第2行\s+C\(日期\)\s+日期无效/);
	await shot(page, 'bulk-upload-errors');
	await page.getByLabel(/表格文件/).setInputFiles({ name: '台账.xlsx',
		mimeType: 'application/octet-stream', buffer: xlsx([RECORD_HEAD,
		    ['法治专题讲座', '中共南明区委员会', day(2, 27), '页传好']]) });
	await page.getByRole('button', { name: '上传并导入' }).click();
	await page.getByText('导入成功:新增 1 条记录,等待审核。').waitFor();
	assert.equal((await titled('页传')).map((x) => x.title).join(), '页传好');
	await goto(page, '/ledger?q=' + encodeURIComponent('页核'));
	await page.getByLabel('选择:页核甲').check();
	await page.getByLabel('选择:页核乙').check();
	await Promise.all([page.waitForURL(/ok=verified/),
		page.getByRole('button', { name: '核实所选' }).click()]);
	await page.getByText('已核实 2 条记录。').waitFor();
	assert.equal(new URL(page.url()).searchParams.get('q'), '页核',
	    'back to the listing as filtered');
	await shot(page, 'bulk-verify');
	await goto(page, '/ledger?q=' + encodeURIComponent('页核丙'));
	await page.getByLabel('选择:页核丙').check();
	await page.getByLabel('退回理由(退回时必填)').fill('材料不全');
	await Promise.all([page.waitForURL(/ok=rejected/),
		page.getByRole('button', { name: '退回所选' }).click()]);
	await page.getByText('已退回 1 条记录。').waitFor();
	const st = Object.fromEntries((await titled('页核')).map((x) =>
	    [x.title, x.status]));
	assert.deepEqual(st, { 页核甲: 'verified', 页核乙: 'verified',
		页核丙: 'rejected' });

	/* Scores: two forms of the evaluation page, one after the other. */
	await goto(page, `/evaluation?year=${YEAR}&region=520102`);
	const leader = page.locator('details', { has: page.locator('form.score') })
	    .first();
	await leader.locator('summary').click();
	const forms = leader.locator('form.score');
	assert.ok(await forms.count() >= 2, 'two duties to score');
	const marker = await page.evaluate(() => (window.__bulk = Math.random()));
	for (const [i, score] of [[0, '88'], [1, '91.5']]) {
		const f = forms.nth(i);
		await f.locator('input[name=score]').fill(score);
		await f.locator('input[name=comment]').fill(`批量评分${i}`);
		await f.locator('button[type=submit]').click();
		await f.locator('.score-msg.ok').waitFor();
		assert.equal(await f.locator('.score-msg').textContent(),
		    `已保存:${Number(score).toFixed(1)} 分`);
		assert.equal(await f.locator('.score-msg').getAttribute('aria-live'),
		    'polite');
	}
	assert.equal(await page.evaluate(() => window.__bulk), marker,
	    'no reload between the scores');
	await shot(page, 'bulk-scores');
	const scores = await allScores();
	const given = scores.filter((s) =>
	    /^批量评分/.test(s.comment ?? ''));
	assert.deepEqual(given.map((s) => s.score).sort(), [88, 91.5]);
	/* A bad score says so in place. */
	const f = forms.nth(0);
	await f.locator('input[name=score]').evaluate((e) => {
		e.removeAttribute('max');
		e.value = '150';
	});
	await f.locator('button[type=submit]').click();
	await f.locator('.score-msg.error').waitFor();
	assert.match(await f.locator('.score-msg').textContent(), /^未保存:/);
	await page.close();
});

test('without script a score form still posts and comes back to the page',
async () => {
	await (await browserAs('gy-office', '/')).close();
	const page = await newPage(OFFICE, { javaScriptEnabled: false,
		storageState: kit.sessions.get('gy-office') });
	await goto(page, `/evaluation?year=${YEAR}&region=520103`);
	const leader = page.locator('details', { has: page.locator('form.score') })
	    .first();
	await leader.locator('summary').click();
	const f = leader.locator('form.score').first();
	const duty = await f.locator('input[name=duty]').inputValue();
	const person = await f.locator('input[name=person]').inputValue();
	await f.locator('input[name=score]').fill('77');
	await f.locator('input[name=comment]').fill('无脚本评分');
	await Promise.all([page.waitForURL((u) => u.hash === `#${person}`),
		f.locator('button[type=submit]').click()]);
	assert.equal(await page.locator('.score-msg').count(), 0);
	const mine = (await allScores()).find((x) => x.comment === '无脚本评分');
	assert.ok(mine, 'the score given without script');
	assert.equal(mine.duty, duty);
	assert.equal(mine.score, 77);
	await page.close();
});

test('every answer of the bulk routes matches its OpenAPI description',
    async () => {
	const spec = (await call('admin', 'GET', '/api/v1/openapi.json')).body;
	const { checked, problems } = answersMatch(spec, srv.responses, (p) =>
	    p.startsWith('/api/v1/uploads/') || p === '/api/v1/records/review');
	assert.deepEqual(problems, []);
	assert.ok(checked >= 15, `only ${checked} answers checked`);
});
