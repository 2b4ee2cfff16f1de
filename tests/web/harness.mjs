/*
 * A demo province behind a running `lvzhi serve`, for tests that talk HTTP.
 *
 *   import { useServer } from './harness.mjs';
 *   const srv = useServer();           // before(): demo + serve; after(): stop
 *   test('...', async () => {
 *     const token = await srv.login('nm-clerk');
 *     const r = await srv.api('GET', '/api/v1/me', { token });
 *   });
 *
 * Each use gets its own temporary directory (database, evidence store,
 * access log, the server's stderr) and a free port. The server is stopped
 * with SIGTERM and must exit 0 — a graceful stop — without a sanitizer
 * report on its stderr. The directory is removed when all went well and
 * kept (its path printed) when not. LVZHI_BIN names the binary (default:
 * the repository's ./lvzhi); LVZHI_KEEP=1 keeps the directory anyway.
 * With LVZHI_TEST_PG (make check LVZHI_TEST_DB=pg) the database is a
 * fresh one on that PostgreSQL cluster instead of a file (freshDb).
 * LVZHI_TEST_SLOWDOWN scales the time allowed for waiting (slow()).
 */
import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { after, before } from 'node:test';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = process.env.LVZHI_BIN ||
    fileURLToPath(new URL('../../lvzhi', import.meta.url));
export const PASSWORD = 'Lvzhi@2025';

/*
 * Under valgrind (make valgrind-web) every lvzhi runs many times slower.
 * LVZHI_TEST_SLOWDOWN (a factor, default 1) stretches what the tests
 * allow for waiting on it: startup, stop, hook and test timeouts, the
 * browser's waits. slow(ms) is such an allowance; what a test asserts
 * stays as it is.
 */
export const SLOWDOWN = Math.max(1,
    Number(process.env.LVZHI_TEST_SLOWDOWN) || 1);
export const slow = (ms) => ms * SLOWDOWN;
export const YEAR = 2025;

/*
 * The servers this file started, killed when it exits however it exits
 * (a crash, a signal from the test runner, the watchdog below), so that a
 * file that fails leaves no server holding a port, a database or the
 * runner's wait behind it.
 */
const servers = new Set();
process.on('exit', () => {
	for (const child of servers)
		child.kill('SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'])
	process.once(signal, () => process.exit(128 + os.constants.signals[signal]));

/*
 * A file still running after LVZHI_FILE_MINUTES (default 30, stretched by
 * slow()) is stuck — the longest, the access matrix and the attacks with
 * sqlmap, take a few minutes — and ends with a failure naming itself
 * rather than holding the suite until CI's own limit. The timer does not
 * keep a finished file alive.
 */
const FILE_MINUTES = Number(process.env.LVZHI_FILE_MINUTES) || 30;
setTimeout(() => {
	console.error(`# ${process.argv[1]}: still running after ` +
	    `${slow(FILE_MINUTES)} minutes; stopping it and its servers`);
	process.exit(1);
}, slow(FILE_MINUTES * 60_000)).unref();

/* The demo accounts (`demo --accounts`) and what they are. */
export const ACCOUNTS = {
	admin: { role: 'admin' },
	'gz-office': { role: 'office', region: '520000' },
	'gy-office': { role: 'office', region: '520100' },
	'nm-office': { role: 'office', region: '520102' },
	'nm-clerk': { role: 'clerk', organ: '520102-party' },
	'nm-gov-clerk': { role: 'clerk', organ: '520102-gov' },
	'yy-clerk': { role: 'clerk', organ: '520103-party' },
	'nm-leader': { role: 'leader', organ: '520102-party' },
	'nm-gov-leader': { role: 'leader', organ: '520102-gov' },
	inspector: { role: 'inspector' },
	discipline: { role: 'discipline' },
};

/* What a sanitizer (ASan, LSan, UBSan) prints when it finds something. */
export const SANITIZER_REPORT =
    /(ERROR|WARNING): (Address|Leak|Thread|Memory|UndefinedBehavior)Sanitizer|runtime error:/;

/*
 * The throwaway PostgreSQL cluster's libpq parameters ("host=DIR&user=..")
 * when the tests run on PostgreSQL, else null.
 */
export const PG = process.env.LVZHI_TEST_PG || null;
let databases = 0;

/*
 * A database for a test that does not exist yet (`lvzhi init` or `demo`
 * creates it): the file name in dir, or on PostgreSQL a database name
 * unique to this process.
 */
export function freshDb(dir, name = 't') {
	if (PG === null)
		return path.join(dir, `${name}.db`);
	databases++;
	return `postgresql:///w${process.pid}_${databases}_${name}?${PG}`;
}

/* Runs SQL on db with the database's own client (sqlite3 or psql) and
 * resolves its output; rejects when the client fails. */
export function sql(db, statement) {
	const [bin, args] = db.startsWith('postgresql:') ?
	    ['psql', ['-X', '-q', '-A', '-t', '-v', 'ON_ERROR_STOP=1', db, '-c',
	    statement]] : ['sqlite3', ['-bail', '-cmd', '.timeout 5000', db,
	    statement]];
	return new Promise((resolve, reject) => {
		execFile(bin, args, { maxBuffer: 64 << 20 }, (err, stdout, stderr) =>
		    err ? reject(new Error(`${bin} ${statement}: ` +
		    (stderr || err.message))) : resolve(stdout));
	});
}

/* A port nobody listens on: bind port 0, read it, close. */
export async function freePort() {
	const s = net.createServer();
	s.listen(0, '127.0.0.1');
	await once(s, 'listening');
	const { port } = s.address();
	s.close();
	await once(s, 'close');
	return port;
}

/* Runs the binary; resolves { code, stdout, stderr } whatever the exit. */
export function run(args, { input, env, bin = BIN } = {}) {
	return new Promise((resolve, reject) => {
		const child = execFile(bin, args, {
			env: { ...process.env, ...env },
			maxBuffer: 256 << 20,
			encoding: 'utf8',
		}, (err, stdout, stderr) => {
			if (err && typeof err.code !== 'number') {
				reject(err);
				return;
			}
			resolve({ code: err ? err.code : 0, stdout, stderr });
		});
		/* A program that exits without reading its input (most do) may
		 * close the pipe before this write: EPIPE then says nothing
		 * about the run, whose exit status does. */
		child.stdin.on('error', () => {});
		child.stdin.end(input ?? '');
	});
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/*
 * Starts a server on a fresh demo database. Options: year (2025),
 * accounts (true), args (more `serve` flags), env.
 */
export async function startServer(opts = {}) {
	const year = opts.year ?? YEAR;
	const dir = await mkdtemp(path.join(os.tmpdir(), 'lvzhi-web-'));
	const db = freshDb(dir);
	const demoArgs = ['--db', db, 'demo', '--year', String(year)];
	if (opts.accounts !== false)
		demoArgs.push('--accounts');
	const demo = await run(demoArgs, { env: opts.env });
	if (demo.code !== 0 || SANITIZER_REPORT.test(demo.stderr))
		throw new Error(`lvzhi demo exited ${demo.code} (${dir}):\n` +
		    demo.stderr);

	/* The port is free when picked, but another process may take it
	 * before the server binds: then try another. */
	let srv = null;
	for (let attempt = 1; srv === null; attempt++) {
		try {
			srv = await spawnServer(dir, db, opts);
		} catch (err) {
			if (attempt === 3 || !/cannot listen/.test(err.message))
				throw err;
		}
	}
	return srv;
}

/*
 * Starts `lvzhi serve` on an existing database db in dir (no demo) and
 * waits until it answers; options as startServer's (args, env). Exported
 * for tests that prepare their own database (tests/crash).
 */
export async function spawnServer(dir, db, opts = {}) {
	const port = await freePort();
	const base = `http://127.0.0.1:${port}`;
	const accessLog = path.join(dir, 'access.log');
	const stderrPath = path.join(dir, 'serve.stderr');
	/* A database server's clients name their evidence directory; a
	 * SQLite file's is beside it. */
	const evidenceDir = db.startsWith('postgresql:') ?
	    path.join(dir, 'evidence') : `${db}.evidence`;
	const evidence = db.startsWith('postgresql:') ?
	    ['--evidence-dir', evidenceDir] : [];
	const child = spawn(BIN, ['--db', db, 'serve', '--listen',
	    `127.0.0.1:${port}`, '--access-log', accessLog, ...evidence,
	    ...(opts.args ?? [])],
	    { env: { ...process.env, ...opts.env },
	      stdio: ['ignore', 'ignore', 'pipe'] });
	servers.add(child);
	let stderr = '';
	const errFile = createWriteStream(stderrPath);
	child.stderr.setEncoding('utf8');
	child.stderr.on('data', (s) => {
		stderr += s;
		errFile.write(s);
	});
	const exited = new Promise((resolve) => {
		child.on('exit', (code, signal) => {
			servers.delete(child);
			resolve({ code, signal });
		});
	});
	let exit = null;
	exited.then((e) => { exit = e; });

	const srv = {
		dir, db, port, base, accessLog, child, evidenceDir,
		get stderr() { return stderr; },
		login: (name, password = PASSWORD) => login(srv, name, password),
		api: (method, p, o) => api(srv, method, p, o),
		responses: [], /* every /api/ exchange: for schema checks */
		stopped: null,
	};

	/* Wait until it answers (a 401 from /api/v1/me is an answer). */
	const deadline = Date.now() + slow(60_000);
	for (;;) {
		if (exit !== null) {
			errFile.end();
			throw new Error(`lvzhi serve exited ${exit.code ?? exit.signal} ` +
			    `before answering (${dir}):\n${stderr}`);
		}
		try {
			const r = await fetch(base + '/api/v1/me');
			await r.arrayBuffer();
			break;
		} catch {
			if (Date.now() > deadline) {
				child.kill('SIGKILL');
				throw new Error(`lvzhi serve did not answer on ${base}:\n` +
				    stderr);
			}
			await sleep(50);
		}
	}

	/* SIGTERM, then the exit: { code, signal, stderr, sanitizer }. */
	srv.stop = async () => {
		if (srv.stopped === null) {
			srv.stopped = (async () => {
				if (exit === null)
					child.kill('SIGTERM');
				const timer = setTimeout(() => child.kill('SIGKILL'),
				    slow(30_000));
				const e = await exited;
				clearTimeout(timer);
				await new Promise((r) => errFile.end(r));
				return { ...e, stderr,
				    sanitizer: SANITIZER_REPORT.test(stderr) };
			})();
		}
		return srv.stopped;
	};
	/* Removes the directory unless keep (something failed) or
	 * LVZHI_KEEP is set. */
	srv.cleanup = async (keep = false) => {
		if (keep || process.env.LVZHI_KEEP) {
			console.error(`# kept ${dir}`);
			return;
		}
		await rm(dir, { recursive: true, force: true });
	};
	srv.readAccessLog = () => readFile(accessLog, 'utf8');
	return srv;
}

/*
 * Registers before/after hooks in the calling test file: the returned
 * object gains the server's fields in before(); after() stops the server
 * and fails unless it exited 0 with no sanitizer report.
 */
export function useServer(opts = {}) {
	const handle = {};
	before(async () => {
		Object.assign(handle, await startServer(opts));
	}, { timeout: slow(180_000) });
	after(async () => {
		if (handle.stop === undefined)
			return;
		const e = await handle.stop();
		const ok = e.code === 0 && e.signal === null && !e.sanitizer;
		await handle.cleanup(!ok);
		if (!ok)
			throw new Error(`lvzhi serve did not stop cleanly (exit ` +
			    `${e.code}, signal ${e.signal}):\n${e.stderr}`);
	}, { timeout: slow(60_000) });
	return handle;
}

/* POST /api/v1/login; returns the bearer token (throws unless 200). */
export async function login(srv, name, password = PASSWORD) {
	const r = await api(srv, 'POST', '/api/v1/login',
	    { json: { username: name, password } });
	if (r.status !== 200 || typeof r.body?.token !== 'string')
		throw new Error(`login ${name}: ${r.status} ${r.text}`);
	return r.body.token;
}

/*
 * POST /login as a browser does; resolves the session cookie
 * ("lvzhi_session=..."), throws unless the login succeeded.
 */
export async function browserLogin(srv, name, password = PASSWORD) {
	const r = await api(srv, 'POST', '/login', {
		body: new URLSearchParams({ username: name, password, next: '/' })
		    .toString(),
		headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
	});
	const m = /lvzhi_session=([0-9a-f]{64})/.exec(
	    r.headers.get('set-cookie') ?? '');
	if (r.status !== 303 || m === null)
		throw new Error(`browser login ${name}: ${r.status} ${r.text}`);
	return `lvzhi_session=${m[1]}`;
}

/*
 * fn(other) with a second server on srv's database whose day is day
 * (LVZHI_TODAY): what an office did on an earlier day — a 整改 ordered
 * then, its deadline passed since — is done on that day through the
 * pages and the API, not written behind the server's back. Its logs go
 * to a directory of its own inside srv's; env, more of its settings. It
 * is stopped after, and an unclean exit fails. Tokens and sessions are the database's: srv's
 * work on it.
 */
export async function onDay(srv, day, fn, env = {}) {
	const dir = await mkdtemp(path.join(srv.dir, 'day-'));
	const other = await spawnServer(dir, srv.db,
	    { env: { ...env, LVZHI_TODAY: day } });
	try {
		return await fn(other);
	} finally {
		const e = await other.stop();
		if (e.code !== 0 || e.sanitizer)
			throw new Error(`the server of ${day} exited ${e.code}:\n` +
			    e.stderr);
	}
}

/*
 * A test's accounts on srv, logged in once each: as(name, method, path,
 * o) over the API with a token, json(name, path) a GET's parsed body
 * (asserting 200); session(name) a browser's cookie and CSRF token;
 * page(name, path) a page's HTML (asserting 200), get(name, path) its
 * response whatever the status; post(name, path, fields) a form as the
 * browser posts it.
 */
export function accountsOn(srv) {
	const tokens = {}, sessions = {};
	async function as(name, method, p, o = {}) {
		tokens[name] ??= await srv.login(name);
		return srv.api(method, p, { ...o, token: tokens[name] });
	}
	async function session(name) {
		if (sessions[name] === undefined) {
			const cookie = await browserLogin(srv, name);
			const me = await srv.api('GET', '/api/v1/me', { cookie });
			sessions[name] = { cookie, csrf: me.body.csrf };
		}
		return sessions[name];
	}
	async function page(name, p) {
		const r = await srv.api('GET', p,
		    { cookie: (await session(name)).cookie });
		if (r.status !== 200)
			throw new Error(`${p}: ${r.status} ${r.text.slice(0, 400)}`);
		return r.text;
	}
	/* A page's response as name's browser gets it, whatever its
	 * status. */
	async function get(name, p) {
		return srv.api('GET', p, { cookie: (await session(name)).cookie });
	}
	/* GET p over the API as name, asserting 200: the parsed body. */
	async function json(name, p) {
		const r = await as(name, 'GET', p);
		if (r.status !== 200)
			throw new Error(`${p}: ${r.status} ${r.text.slice(0, 400)}`);
		return r.body;
	}
	async function post(name, p, fields) {
		const s = await session(name);
		return srv.api('POST', p, { cookie: s.cookie,
			body: new URLSearchParams({ _csrf: s.csrf, ...fields })
			    .toString(),
			headers: { 'Content-Type':
			    'application/x-www-form-urlencoded' } });
	}
	return { as, session, page, get, json, post, tokens };
}

/*
 * One request. o: token (bearer), json (a body sent as JSON), body (any
 * fetch body: string, Buffer, FormData), headers, cookie, redirect.
 * Resolves { status, headers, type (media type without parameters),
 * text, bytes (Buffer), body (parsed JSON, or null) }.
 */
export async function api(srv, method, p, o = {}) {
	const headers = { ...(o.headers ?? {}) };
	if (o.token)
		headers.Authorization = `Bearer ${o.token}`;
	if (o.cookie)
		headers.Cookie = o.cookie;
	let body = o.body;
	if (o.json !== undefined) {
		body = JSON.stringify(o.json);
		headers['Content-Type'] ??= 'application/json';
	}
	const res = await fetch(srv.base + p, {
		method, headers, body, redirect: o.redirect ?? 'manual',
	});
	const bytes = Buffer.from(await res.arrayBuffer());
	const text = bytes.toString('utf8');
	const type = (res.headers.get('content-type') ?? '').split(';')[0]
	    .trim().toLowerCase();
	let parsed = null;
	if (/^application\/([a-z.+-]*\+)?json$/.test(type)) {
		try {
			parsed = JSON.parse(text);
		} catch {
			parsed = undefined; /* not JSON although it says so */
		}
	}
	const out = { status: res.status, headers: res.headers, type, text,
		bytes, body: parsed };
	if (p.startsWith('/api/'))
		srv.responses.push({ method, path: p.split('?')[0], status:
		    res.status, type, body: parsed });
	return out;
}

/*
 * The routes the binary under test serves, from `lvzhi routes --json`
 * (the table the router enforces): [{ method, pattern, summary, login,
 * page, csrf, roles }], roles null for a public route. Tests that walk
 * them cover a new route without being told.
 */
export async function routes() {
	const r = await run(['routes', '--json']);
	if (r.code !== 0)
		throw new Error(`lvzhi routes --json exited ${r.code}: ${r.stderr}`);
	const out = JSON.parse(r.stdout);
	if (out.length === 0)
		throw new Error('lvzhi routes --json listed no route');
	return out;
}

/* Whether path (no query) matches a routes.c pattern with {params}. */
export function routeMatches(pattern, p) {
	const re = new RegExp('^' + pattern.replace(/[.*+?^$()|[\]\\]/g, '\\$&')
	    .replace(/\{[^}]+\}/g, '[^/]+') + '$');
	return re.test(p);
}

/* A page's kind, for taking one page of each: the path with its ids and
 * numbers as placeholders (/ledger/r-0001 and /ledger/r-0002 are one). */
export function pageKind(p) {
	return new URL(p, 'http://x').pathname.split('/').map((s, i) =>
	    (i < 2 || /^[a-z]+$/.test(s) ? s : '*')).join('/');
}

/*
 * The pages a person reaches as they find them (a11y.test.mjs,
 * ids.test.mjs): from start, then one page of each kind those link to,
 * depth steps deep. open(p) resolves the links of page p, or null when p
 * is no page. Resolves the pages opened, one of each kind.
 */
export async function walkPages(start, open, depth = 3) {
	const seen = new Map();
	let frontier = start;
	for (let d = 0; d < depth && frontier.length > 0; d++) {
		const next = [];
		for (const p of frontier) {
			const k = pageKind(p);
			if (seen.has(k))
				continue;
			const out = await open(p);
			if (out === null)
				continue;
			seen.set(k, p);
			next.push(...out);
		}
		frontier = next;
	}
	return [...seen.values()];
}

/*
 * How the pages name who did a thing (labels.c's html_who): the person
 * behind the account with its organ (or region) and role, or the organ
 * (or region) and role alone; never the login name. Read from the
 * account as the administrator sees it.
 */
export async function accountLabel(srv, name) {
	const token = await login(srv, 'admin');
	const r = await api(srv, 'GET',
	    `/api/v1/accounts/${encodeURIComponent(name)}`, { token });
	if (r.status !== 200)
		throw new Error(`account ${name}: ${r.status} ${r.text}`);
	const a = r.body;
	const post = (a.role === 'admin' ? '' : a.organ_name || a.region_name ||
	    '') + a.role_label;
	return a.person_name ? `${a.person_name} · ${post}` : post;
}

/*
 * "YYYY-MM-DD" of the Beijing (UTC+8) day at ms after the epoch, plus
 * days: with the default, today as a server takes it without
 * LVZHI_TODAY (date_today()), whatever the zone it or the test runs in.
 */
export function beijingDay(ms = Date.now(), days = 0) {
	return new Date(ms + 8 * 3600_000 + days * 86400_000).toISOString()
	    .slice(0, 10);
}

/* A PDF that libmagic takes for one, as an upload's form with the
 * file name name (evidence, a 整改's material). */
const PDF = Buffer.from('%PDF-1.4\n%...\n1 0 obj<<>>endobj\ntrailer<<>>\n' +
    '%%EOF\n', 'latin1');

export function pdfForm(name) {
	const f = new FormData();
	f.append('file', new Blob([PDF], { type: 'application/pdf' }), name);
	return f;
}

/* ---- reading pages ---- */

/* HTML's escapes undone (html_fmt's five, and &nbsp; as a space): an
 * attribute's value, or text, as the browser reads it. */
export function htmlDecode(s) {
	return s.replace(/&nbsp;/g, ' ').replace(/&lt;/g, '<')
	    .replace(/&gt;/g, '>').replace(/&quot;/g, '"')
	    .replace(/&#39;/g, "'").replace(/&amp;/g, '&');
}

/* The text of a fragment of HTML (a table cell): its tags dropped, its
 * escapes undone, trimmed. */
export const unescape = (s) => htmlDecode(s.replace(/<[^>]*>/g, '')).trim();

/* The text a person reads: no scripts, styles, tags or attributes; each
 * tag a space, white space folded. */
export function visibleText(html) {
	return htmlDecode(html.replace(/<(script|style)\b[\s\S]*?<\/\1>/gi, ' ')
	    .replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ');
}

/*
 * The rows of the page's first table body ([] when it has none): each an
 * array of its cells' text (unescape; a check box cell, 核实所选's, left
 * out) with the row's links as .links.
 */
export function tableRows(html) {
	const body = /<tbody>([\s\S]*?)<\/tbody>/.exec(html);
	if (body === null)
		return [];
	return [...body[1].matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => {
		const cells = [...m[1].matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)]
		    .filter((c) => !c[1].includes('type="checkbox"'))
		    .map((c) => unescape(c[1]));
		const links = [...m[1].matchAll(/href="([^"]*)"/g)]
		    .map((x) => x[1]);
		return Object.assign(cells, { links });
	});
}

/* A list page's total (list.c's "共 N 条") as a number, Infinity for a
 * count that stopped ("1万+"); throws when the page states none. */
export function listTotal(html) {
	const m = /class="muted list-total">共 (\d+)(万\+)? 条/.exec(html);
	if (m === null)
		throw new Error('the page states no total');
	return m[2] ? Infinity : Number(m[1]);
}

/* A report's sections as a writer finishes them: each drafting hint
 * (【待填写】 to the end of its line) replaced by text, so that the check
 * before publishing (domain/report-public.c) lets it go. */
export function finished(sections, text = '按计划推进,按季度报告进展。') {
	return sections.map((s) => ({ title: s.title,
		text: s.text.replace(/【待填写】[^\n]*/g, text) }));
}
