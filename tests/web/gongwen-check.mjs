/*
 * Reads a PDF back and checks it against GB/T 9704-2012 (the 公文 layout
 * of src/report/gongwen.c) with poppler-utils: pdfinfo (every page A4,
 * 595.276 × 841.89 pt), pdffonts (every font embedded) and
 * `pdftotext -bbox-layout` (where each line of text is): every line
 * inside the 版心 (37 mm from the top, 28 mm from the left, 156 × 225
 * mm) but the page number; at most 22 lines a page (the last, closed up
 * for its 成文日期, 26) and 28 characters a line (a digit or Latin
 * letter counts half); each page numbered
 * "— N —" under the 版心, odd pages on the right, even pages on the
 * left, one character (14 pt) in; no half-width , : ; ? ! ( ) next to a
 * Chinese character.
 *
 * layoutProblems works on pdftotext's XHTML alone, so that the checks
 * themselves are tested on pages made to break them (gongwen.test.mjs).
 * Run as a program: node tests/web/gongwen-check.mjs FILE.pdf ... prints
 * the problems and exits 1 when there are any.
 *
 * The editable drafts (src/report/docx.c): docxToPdf converts a .docx
 * with LibreOffice (`soffice --headless --convert-to pdf`, a test
 * dependency: scripts/deps.sh), each call with a profile of its own so
 * that test files can run side by side; docxMatchesPdf checks the
 * result against the 公文's own PDF: A4, the text inside the margins
 * and reaching them, the layout checks above (22 lines of 28
 * characters, the page numbers on alternating sides), and no text lost
 * (every word of the PDF's text found, in order, in the converted text;
 * page numbers aside, as the two may break pages differently).
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const MM = 72 / 25.4;
export const GEOMETRY = {
	width: 210 * MM, height: 297 * MM, top: 37 * MM, left: 28 * MM,
	textW: 156 * MM, textH: 225 * MM, lines: 22, chars: 28, folio: 14,
};
/* Points a line's box may pass the 版心 by: across, rounding; down,
 * also the part of pdftotext's box (the font's ascent to descent, about
 * 1.45 em for Noto CJK) that is not the em box the grid places (1 em):
 * a sixth of the box's height. */
const SLACK = 1.5;
const slackDown = (l) => Math.max(SLACK, (l.yMax - l.yMin) / 6);

function run(bin, args) {
	return new Promise((resolve, reject) => {
		execFile(bin, args, { encoding: 'utf8', maxBuffer: 64 << 20 },
		    (err, stdout, stderr) => err ? reject(new Error(
		    `${bin} ${args.join(' ')}: ${stderr || err.message} ` +
		    '(poppler-utils: scripts/deps.sh)')) : resolve(stdout));
	});
}

const decode = (s) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"').replace(/&apos;/g, '\'')
    .replace(/&amp;/g, '&');

/* The pages of pdftotext -bbox-layout's XHTML: each { width, height,
 * lines: [{ xMin, yMin, xMax, yMax, text }] } (a line's words joined
 * with a space). */
export function parseBbox(xhtml) {
	const pages = [];
	for (const pm of xhtml.matchAll(
	    /<page width="([\d.]+)" height="([\d.]+)">([\s\S]*?)<\/page>/g)) {
		const lines = [];
		for (const lm of pm[3].matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([\s\S]*?)<\/line>/g)) {
			const words = [...lm[5].matchAll(/<word[^>]*>([^<]*)<\/word>/g)]
			    .map((w) => decode(w[1]));
			lines.push({ xMin: +lm[1], yMin: +lm[2], xMax: +lm[3],
				yMax: +lm[4], text: words.join(' ') });
		}
		pages.push({ width: +pm[1], height: +pm[2], lines });
	}
	return pages;
}

const CJK = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff';
const HALF = new RegExp(`[${CJK}][,:;?!()]|[,:;?!()][${CJK}]`);
const FOLIO = /^—\s*(\d+)\s*—$/;

/* Characters as the grid counts them: full-width 1, the rest half. */
function gridChars(text) {
	let n = 0;
	for (const ch of text.replace(/\s+/g, ''))
		n += ch.codePointAt(0) >= 0x2e80 ? 1 : 0.5;
	return n;
}

/* A 成文日期 alone on its line, in Chinese or Arabic numerals. */
const SIGNED = /^([〇一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日|\d{4}年\d{1,2}月\d{1,2}日)$/;

/* The problems of the pages (parseBbox's), as sentences; [] when none. */
export function layoutProblems(pages, g = GEOMETRY) {
	const out = [];
	const right = g.left + g.textW, bottom = g.top + g.textH;
	if (pages.length === 0)
		out.push('no page');
	pages.forEach((p, i) => {
		const n = i + 1;
		if (Math.abs(p.width - g.width) > 0.5 ||
		    Math.abs(p.height - g.height) > 0.5)
			out.push(`page ${n}: ${p.width} × ${p.height} pt, not A4`);
		const folios = p.lines.filter((l) => FOLIO.test(l.text.trim()));
		if (folios.length !== 1)
			out.push(`page ${n}: ${folios.length} page numbers`);
		for (const f of folios) {
			const num = +FOLIO.exec(f.text.trim())[1];
			if (num !== n)
				out.push(`page ${n}: numbered ${num}`);
			if (f.yMin < bottom)
				out.push(`page ${n}: its number is not under the 版心`);
			const odd = n % 2 === 1;
			const off = odd ? right - g.folio - f.xMax :
			    f.xMin - (g.left + g.folio);
			if (Math.abs(off) > 2)
				out.push(`page ${n}: its number is not one character ` +
				    `in from the ${odd ? 'right' : 'left'} ` +
				    `(${off.toFixed(1)} pt off)`);
		}
		const text = p.lines.filter((l) => !FOLIO.test(l.text.trim()));
		for (const l of text) {
			if (l.xMin < g.left - SLACK || l.xMax > right + SLACK ||
			    l.yMin < g.top - slackDown(l) ||
			    l.yMax > bottom + slackDown(l))
				out.push(`page ${n}: "${l.text}" outside the 版心 ` +
				    `(${l.xMin.toFixed(1)},${l.yMin.toFixed(1)})-` +
				    `(${l.xMax.toFixed(1)},${l.yMax.toFixed(1)})`);
			if (gridChars(l.text) > g.chars)
				out.push(`page ${n}: "${l.text}" is longer than ` +
				    `${g.chars} characters`);
			if (HALF.test(l.text.replace(/\s+/g, '')))
				out.push(`page ${n}: half-width punctuation in ` +
				    `Chinese: "${l.text}"`);
		}
		/* Lines: the distinct places of lines down the page (a line
		 * pdftotext splits in two keeps its place). */
		const rows = [];
		for (const l of [...text].sort((a, b) => a.yMax - b.yMax))
			if (rows.length === 0 || l.yMax - rows.at(-1) > 4)
				rows.push(l.yMax);
		/* The last page may close its lines up to keep the 署名 and
		 * 成文日期 with the 正文 (GB/T 9704-2012 7.3.5.5): a line or
		 * two for them, two more for the seal's room. */
		const dated = n === pages.length && text.some((l) =>
		    SIGNED.test(l.text.replace(/\s+/g, '')));
		const most = g.lines + (dated ? 4 : 0);
		if (rows.length > most)
			out.push(`page ${n}: ${rows.length} lines, more than ` +
			    `${most}`);
	});
	return out;
}

/* The problems of the PDF file: layoutProblems, and the page sizes
 * pdfinfo gives and the fonts pdffonts lists (each embedded). */
export async function checkPdf(file) {
	const out = [];
	const info = await run('pdfinfo', ['-f', '1', '-l', '100000', file]);
	const sizes = [...info.matchAll(/^Page\s+(\d+) size:\s+([\d.]+) x ([\d.]+) pts/gm)];
	for (const m of sizes)
		if (m[2] !== '595.276' || m[3] !== '841.89')
			out.push(`page ${m[1]}: ${m[2]} x ${m[3]} pts, not A4`);
	const fonts = (await run('pdffonts', [file])).split('\n').slice(2)
	    .filter((l) => l.trim() !== '');
	if (fonts.length === 0)
		out.push('no fonts');
	for (const l of fonts)
		if (!/\s(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.test(l) ||
		    !/\syes\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$/.test(l))
			out.push(`a font not embedded: ${l.trim()}`);
	const pages = parseBbox(await run('pdftotext',
	    ['-enc', 'UTF-8', '-bbox-layout', file, '-']));
	if (sizes.length !== pages.length)
		out.push(`pdfinfo counts ${sizes.length} pages, pdftotext ` +
		    `${pages.length}`);
	return out.concat(layoutProblems(pages));
}

/* How long LibreOffice may take to convert one document (its first
 * start with a fresh profile takes seconds; a slow machine running tests
 * side by side, more). */
const SOFFICE_TIMEOUT = 180e3;

/* The PDF (a Buffer) LibreOffice makes of the .docx bytes, as its
 * "Export as PDF" does (tagged: with "Tagged PDF" ticked). Its own
 * profile (-env:UserInstallation) in a directory of its own, removed
 * after; killed with its children past SOFFICE_TIMEOUT. */
export async function docxToPdf(docx, { tagged = false } = {}) {
	const dir = await mkdtemp(path.join(tmpdir(), 'lvzhi-soffice-'));
	try {
		const file = path.join(dir, 'doc.docx');
		await writeFile(file, docx);
		await new Promise((resolve, reject) => {
			let err = '';
			const child = spawn('soffice', [
				`-env:UserInstallation=file://${dir}/profile`,
				'--headless', '--norestore', '--convert-to', tagged ?
				'pdf:writer_pdf_Export:{"UseTaggedPDF":{"type":' +
				'"boolean","value":"true"}}' : 'pdf',
				'--outdir', dir, file], { detached: true,
				stdio: ['ignore', 'ignore', 'pipe'],
				env: { ...process.env, HOME: dir } });
			child.stderr.on('data', (d) => { err += d; });
			const timer = setTimeout(() => {
				try { process.kill(-child.pid, 'SIGKILL'); } catch { }
				reject(new Error(`soffice: no PDF after ` +
				    `${SOFFICE_TIMEOUT / 1e3} s`));
			}, SOFFICE_TIMEOUT);
			child.on('error', (e) => {
				clearTimeout(timer);
				reject(new Error(`soffice: ${e.message} ` +
				    '(libreoffice-writer-nogui: scripts/deps.sh)'));
			});
			child.on('exit', (code) => {
				clearTimeout(timer);
				if (code === 0)
					resolve();
				else
					reject(new Error(`soffice exited ${code}: ${err}`));
			});
		});
		return await readFile(path.join(dir, 'doc.pdf')).catch(() => {
			throw new Error('soffice made no PDF');
		});
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}

/* The output of a poppler tool run on PDF bytes. */
async function onPdf(bin, args, pdf) {
	const dir = await mkdtemp(path.join(tmpdir(), 'lvzhi-pdf-'));
	try {
		const file = path.join(dir, 'doc.pdf');
		await writeFile(file, pdf);
		return await run(bin, [...args.map((a) => a === '@' ? file : a)]);
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}

/* The text of PDF bytes (pdftotext), page numbers left out. */
export async function pdfText(pdf) {
	const text = await onPdf('pdftotext', ['-enc', 'UTF-8', '@', '-'], pdf);
	return text.replace(/\f/g, '\n').split('\n')
	    .filter((l) => !FOLIO.test(l.trim())).join('\n');
}

/* The text LibreOffice gives a .docx: converted to PDF and read back
 * (pdfText). */
export async function docxText(docx) {
	return pdfText(await docxToPdf(docx));
}

/* The words of want (white space separates them) that are not in have
 * (white space ignored) in order: each searched after the last found.
 * Hyphens are left out of both: pdftotext joins a line that ends with
 * one to the next without it ("2026-" and "0019": "20260019"). */
export function lostWords(want, have) {
	const flat = have.replace(/[\s\-\u2010\u2011]+/g, '');
	const lost = [];
	let at = 0;
	for (const w of want.replace(/[\-\u2010\u2011]+/g, '').split(/\s+/)
	    .filter(Boolean)) {
		const i = flat.indexOf(w, at);
		if (i < 0)
			lost.push(w);
		else
			at = i + w.length;
	}
	return lost;
}

/* The problems of a converted PDF's pages (parseBbox's) as to where its
 * text is: every line but the page numbers inside the 版心 (a little
 * slack: LibreOffice sets a line's box a few points from where cairo
 * does), and the text reaching its left and right edges (the margins
 * are the 公文's, not a default's). */
export function marginProblems(pages, g = GEOMETRY) {
	const out = [];
	const right = g.left + g.textW, bottom = g.top + g.textH, slack = 3;
	let minX = Infinity, maxX = -Infinity;
	pages.forEach((p, i) => {
		if (Math.abs(p.width - g.width) > 1 ||
		    Math.abs(p.height - g.height) > 1)
			out.push(`page ${i + 1}: ${p.width} × ${p.height} pt, ` +
			    'not A4');
		for (const l of p.lines.filter((x) => !FOLIO.test(x.text.trim()))) {
			minX = Math.min(minX, l.xMin);
			maxX = Math.max(maxX, l.xMax);
			if (l.xMin < g.left - slack || l.xMax > right + slack ||
			    l.yMin < g.top - Math.max(slack, slackDown(l)) ||
			    l.yMax > bottom + Math.max(slack, slackDown(l)))
				out.push(`page ${i + 1}: "${l.text}" outside the 版心 ` +
				    `(${l.xMin.toFixed(1)},${l.yMin.toFixed(1)})-` +
				    `(${l.xMax.toFixed(1)},${l.yMax.toFixed(1)})`);
		}
	});
	if (pages.length > 0 && (Math.abs(minX - g.left) > slack ||
	    maxX < right - 2 * slack))
		out.push(`the text spans ${minX.toFixed(1)} to ` +
		    `${maxX.toFixed(1)} pt, not the 版心's ${g.left.toFixed(1)} ` +
		    `to ${right.toFixed(1)}`);
	return out;
}

/* The problems of the .docx against the PDF of the same document, as
 * sentences ([] when none): LibreOffice's PDF of it not A4 or its text
 * outside the 版心 or short of its edges (marginProblems), or not the
 * 公文's layout (layoutProblems: lines, characters, page numbers), or a
 * word of the PDF's text missing from it, in order (lostWords). */
export async function docxMatchesPdf(docx, pdf) {
	const converted = await docxToPdf(docx);
	const pages = parseBbox(await onPdf('pdftotext',
	    ['-enc', 'UTF-8', '-bbox-layout', '@', '-'], converted));
	const out = pages.length ? marginProblems(pages) : ['no page'];
	for (const p of layoutProblems(pages))
		if (!out.includes(p))
			out.push(`(LibreOffice) ${p}`);
	const lost = lostWords(await pdfText(pdf), await pdfText(converted));
	if (lost.length)
		out.push(`text lost in the DOCX: ${lost.slice(0, 10)
		    .map((w) => `"${w}"`).join(', ')}` +
		    (lost.length > 10 ? ` and ${lost.length - 10} more` : ''));
	return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
	let bad = 0;
	/* node gongwen-check.mjs --docx FILE.docx FILE.pdf: the .docx
	 * against the PDF. */
	if (process.argv[2] === '--docx') {
		const problems = await docxMatchesPdf(await readFile(
		    process.argv[3]), await readFile(process.argv[4]));
		for (const p of problems)
			console.log(`${process.argv[3]}: ${p}`);
		process.exit(problems.length ? 1 : 0);
	}
	for (const f of process.argv.slice(2)) {
		const problems = await checkPdf(f);
		for (const p of problems)
			console.log(`${f}: ${p}`);
		bad += problems.length;
	}
	process.exit(bad ? 1 : 0);
}
