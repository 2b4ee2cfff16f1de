/*
 * Evidence files sealed at rest (商用密码: SM4 for sensitive data at rest,
 * docs/security.md). A server started with --evidence-key stores each
 * upload as SM4-CTR ciphertext with an HMAC-SM3 tag:
 *
 *   - the file on disk carries the seal's header, is 56 bytes longer than
 *     the upload and holds none of its bytes; the download is the upload;
 *   - one altered byte on disk, or another file put in its place, makes
 *     the download fail (500) instead of serving it; put back, it serves;
 *   - the server does not start with a key file others may read, nor
 *     with an evidence directory it cannot store files in (it used to
 *     start and fail every upload with a 500 that said not why).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { chmod, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';

import { SANITIZER_REPORT, YEAR, spawnServer, useServer }
	from './harness.mjs';

const keyDir = await mkdtemp(path.join(os.tmpdir(), 'lvzhi-key-'));
const keyFile = path.join(keyDir, 'evidence.key');
await writeFile(keyFile, randomBytes(32).toString('hex') + '\n',
    { mode: 0o600 });
after(() => rm(keyDir, { recursive: true, force: true }));

const srv = useServer({ args: ['--evidence-key', keyFile] });

/* A PDF with a recognisable text in it. */
const PDF = Buffer.from('%PDF-1.4\n%...\n1 0 obj<<>>endobj\n' +
    '% 佐证材料:南明区法治建设工作会议纪要\ntrailer<<>>\n%%EOF\n', 'utf8');

async function upload(token) {
	const rec = await srv.api('POST', '/api/v1/records', { token, json: {
		id: `r-sealed-${process.pid}`, kind: 'rol_report_hearing',
		organ: '520102-party', date: `${YEAR}-04-02`, title: '密封测试' } });
	assert.equal(rec.status, 201, rec.text);
	const form = new FormData();
	form.append('file', new Blob([PDF], { type: 'application/pdf' }),
	    '纪要.pdf');
	const up = await srv.api('POST',
	    `/api/v1/records/${rec.body.id}/evidence`, { token, body: form });
	assert.equal(up.status, 201, up.text);
	return up.body;
}

test('sealed on disk, the upload on download; altered files refused',
    async () => {
	const token = await srv.login('nm-clerk');
	const ev = await upload(token);
	const file = path.join(srv.evidenceDir, ev.sm3.slice(0, 2), ev.sm3);
	const disk = await readFile(file);
	assert.equal(disk.subarray(0, 6).toString('latin1'), 'LVZSM4');
	assert.equal(disk.length, PDF.length + 56);
	assert.ok(!disk.includes(Buffer.from('%PDF')), 'no plaintext header');
	assert.ok(!disk.includes(Buffer.from('南明区法治建设', 'utf8')));

	const get = () => srv.api('GET', ev.href, { token });
	let r = await get();
	assert.equal(r.status, 200, r.text);
	assert.deepEqual(r.bytes, PDF);

	/* One bit anywhere: header, IV, ciphertext, tag. */
	for (const at of [0, 10, 30, disk.length - 40, disk.length - 1]) {
		const bad = Buffer.from(disk);
		bad[at] ^= 0x01;
		await writeFile(file, bad);
		r = await get();
		assert.equal(r.status, 500, `byte ${at}: ${r.text}`);
		assert.equal(r.type, 'application/problem+json');
		assert.ok(!r.bytes.includes(Buffer.from('%PDF')));
	}
	/* Another sealed-looking file, or other plain content, in its place. */
	await writeFile(file, Buffer.concat([disk.subarray(0, 24),
	    randomBytes(disk.length - 24)]));
	assert.equal((await get()).status, 500);
	await writeFile(file, Buffer.from('%PDF-1.4 something else\n'));
	assert.equal((await get()).status, 500);
	/* Put back, it serves again. */
	await writeFile(file, disk);
	r = await get();
	assert.equal(r.status, 200);
	assert.deepEqual(r.bytes, PDF);
});

/*
 * A server refused at start for why, its stderr in the error: it says why
 * and nothing else. Its first database connection is open by then; under
 * the leak checker (or valgrind: make valgrind-web) it must be closed.
 */
async function refused(key, why) {
	const err = await spawnServer(srv.dir, srv.db,
	    { args: ['--evidence-key', key] }).then(() => null, (e) => e);
	assert.ok(err !== null, 'the server started');
	assert.match(err.message, why);
	assert.doesNotMatch(err.message, SANITIZER_REPORT);
}

test('the server refuses a key file that others may read', async () => {
	const loose = path.join(keyDir, 'loose.key');
	await writeFile(loose, randomBytes(32).toString('hex') + '\n');
	await chmod(loose, 0o644);
	await refused(loose, /chmod 600/);
	const short = path.join(keyDir, 'short.key');
	await writeFile(short, 'abcd\n', { mode: 0o600 });
	await refused(short, /64 hexadecimal digits/);
});

test('the server refuses an evidence directory it cannot write', async () => {
	/* A plain file where the directory should be: neither root nor
	 * anyone else can store files in it. */
	const notDir = path.join(keyDir, 'not-a-dir');
	await writeFile(notDir, '', { mode: 0o600 });
	await assert.rejects(spawnServer(srv.dir, srv.db,
	    { args: ['--evidence-dir', notDir] }),
	    /evidence_dir .*not-a-dir: Permission denied/);
});
