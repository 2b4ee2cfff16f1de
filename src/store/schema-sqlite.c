/*
 * The SQLite schema as numbered migrations.
 *
 * PRAGMA user_version holds the number of migrations applied; opening a
 * database applies the rest, each in its own transaction. Never edit a
 * migration that has shipped: add the next one.
 *
 * Dates are TEXT 'YYYY-MM-DD' (they sort and compare as dates). Every
 * entity keeps its canonical JSON in `doc`, which is what re-imports compare
 * and what record kinds' own fields are read from. region.path holds the
 * chain of codes from the top ("/520000/520100/") so a region's subtree is
 * one index range.
 */
#include "store/schema-sqlite.h"

#include <stdio.h>

#include "store/db.h"
#include "store/schema-int.h"

/* record's columns from kind to title: as migration 1 made them, and as
 * migration 6's rebuild of the table keeps them. */
#define RECORD_COLUMNS                                                    \
	"  kind TEXT NOT NULL,"                                           \
	"  organ INTEGER NOT NULL REFERENCES organ(key),"                  \
	"  person INTEGER REFERENCES person(key),"                         \
	"  date TEXT NOT NULL,"                                           \
	"  status TEXT NOT NULL CHECK (status IN"                         \
	"    ('submitted','verified','rejected')),"                       \
	"  title TEXT,"

static const char *const migrations[] = {
	/* 1: registry, ledger, scores, evaluation runs, audit log */
	"CREATE TABLE region ("
	"  key INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL,"
	"  level TEXT NOT NULL CHECK (level IN"
	"    ('province','prefecture','county','township')),"
	"  parent INTEGER REFERENCES region(key),"
	"  path TEXT NOT NULL,"
	"  doc TEXT NOT NULL);"
	"CREATE INDEX region_path ON region(path);"
	"CREATE TABLE organ ("
	"  key INTEGER PRIMARY KEY,"
	"  id TEXT NOT NULL UNIQUE,"
	"  region INTEGER NOT NULL REFERENCES region(key),"
	"  kind TEXT NOT NULL CHECK (kind IN"
	"    ('party_committee','government','department')),"
	"  name TEXT NOT NULL,"
	"  parent INTEGER REFERENCES organ(key),"
	"  doc TEXT NOT NULL);"
	"CREATE INDEX organ_region ON organ(region);"
	"CREATE TABLE person ("
	"  key INTEGER PRIMARY KEY,"
	"  id TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL,"
	"  doc TEXT NOT NULL);"
	"CREATE TABLE tenure ("
	"  key INTEGER PRIMARY KEY,"
	"  id TEXT NOT NULL UNIQUE,"
	"  person INTEGER NOT NULL REFERENCES person(key),"
	"  organ INTEGER NOT NULL REFERENCES organ(key),"
	"  role TEXT NOT NULL CHECK (role IN ('principal','deputy')),"
	"  start TEXT NOT NULL,"
	"  \"end\" TEXT CHECK (\"end\" IS NULL OR \"end\" >= start),"
	"  doc TEXT NOT NULL);"
	"CREATE INDEX tenure_organ ON tenure(organ, start);"
	"CREATE INDEX tenure_person ON tenure(person);"
	"CREATE TABLE record ("
	"  key INTEGER PRIMARY KEY,"
	"  id TEXT NOT NULL UNIQUE,"
	RECORD_COLUMNS
	"  doc TEXT NOT NULL);"
	"CREATE INDEX record_organ_date ON record(organ, date);"
	"CREATE INDEX record_kind_date ON record(kind, date);"
	"CREATE TABLE score ("
	"  person INTEGER NOT NULL REFERENCES person(key),"
	"  year INTEGER NOT NULL,"
	"  duty TEXT NOT NULL,"
	"  score REAL NOT NULL CHECK (score >= 0 AND score <= 100),"
	"  by TEXT NOT NULL,"
	"  comment TEXT,"
	"  doc TEXT NOT NULL,"
	"  PRIMARY KEY (person, year, duty));"
	"CREATE INDEX score_year ON score(year);"
	"CREATE TABLE eval_run ("
	"  key INTEGER PRIMARY KEY,"
	"  at TEXT NOT NULL,"
	"  year INTEGER NOT NULL,"
	"  region TEXT,"
	"  ruleset TEXT NOT NULL,"
	"  version TEXT NOT NULL,"
	"  digest TEXT NOT NULL,"
	"  results INTEGER NOT NULL);"
	"CREATE TABLE audit ("
	"  seq INTEGER PRIMARY KEY,"
	"  time TEXT NOT NULL,"
	"  actor TEXT NOT NULL,"
	"  action TEXT NOT NULL,"
	"  entity TEXT NOT NULL,"
	"  success INTEGER NOT NULL,"
	"  digest TEXT NOT NULL,"
	"  prev TEXT NOT NULL,"
	"  hash TEXT NOT NULL);"
	/* No interface edits or prunes the log; the database refuses too. */
	"CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit"
	"  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
	"CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit"
	"  BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;",

	/* 2: accounts, sessions, API tokens, evidence files, record review */
	"CREATE TABLE account ("
	"  key INTEGER PRIMARY KEY,"
	"  name TEXT NOT NULL UNIQUE,"
	"  role TEXT NOT NULL CHECK (role IN ('admin','office','clerk',"
	"    'leader','inspector','discipline')),"
	"  region INTEGER REFERENCES region(key),"
	"  organ INTEGER REFERENCES organ(key),"
	"  person INTEGER REFERENCES person(key),"
	"  password TEXT NOT NULL,"
	"  disabled INTEGER NOT NULL DEFAULT 0,"
	"  failures INTEGER NOT NULL DEFAULT 0,"
	"  locked_until INTEGER NOT NULL DEFAULT 0,"
	"  created TEXT NOT NULL,"
	"  password_changed TEXT NOT NULL);"
	/* Tokens are stored as SM3 digests: a stolen database holds no
	 * usable session or API token. */
	"CREATE TABLE session ("
	"  token TEXT PRIMARY KEY,"
	"  account INTEGER NOT NULL REFERENCES account(key),"
	"  csrf TEXT NOT NULL,"
	"  created INTEGER NOT NULL,"
	"  last_seen INTEGER NOT NULL) WITHOUT ROWID;"
	"CREATE INDEX session_account ON session(account);"
	"CREATE TABLE api_token ("
	"  token TEXT PRIMARY KEY,"
	"  account INTEGER NOT NULL REFERENCES account(key),"
	"  label TEXT NOT NULL,"
	"  created INTEGER NOT NULL,"
	"  last_used INTEGER NOT NULL DEFAULT 0,"
	"  revoked INTEGER NOT NULL DEFAULT 0) WITHOUT ROWID;"
	"CREATE TABLE evidence ("
	"  key INTEGER PRIMARY KEY,"
	"  record INTEGER NOT NULL REFERENCES record(key),"
	"  sm3 TEXT NOT NULL,"
	"  size INTEGER NOT NULL,"
	"  mime TEXT NOT NULL,"
	"  filename TEXT NOT NULL,"
	"  evidence_date TEXT,"
	"  uploaded_by TEXT NOT NULL,"
	"  uploaded_at TEXT NOT NULL);"
	"CREATE INDEX evidence_record ON evidence(record);"
	"CREATE INDEX evidence_sm3 ON evidence(sm3);"
	"ALTER TABLE record ADD COLUMN reviewed_by TEXT;"
	"ALTER TABLE record ADD COLUMN reviewed_at TEXT;"
	"ALTER TABLE record ADD COLUMN review_note TEXT;"
	"ALTER TABLE record ADD COLUMN updated_at TEXT;",

	/* 3: supervision (第七条, 第八条), accountability (第九条), reports
	 * (第六条(一), 第七条) and the public portal's full-text index */
	"CREATE TABLE inspection ("
	"  key INTEGER PRIMARY KEY,"
	"  id TEXT NOT NULL UNIQUE,"
	"  kind TEXT NOT NULL CHECK (kind IN ('regular','special')),"
	"  title TEXT NOT NULL,"
	"  region INTEGER NOT NULL REFERENCES region(key),"
	"  year INTEGER NOT NULL,"
	"  status TEXT NOT NULL CHECK (status IN"
	"    ('planned','in_progress','completed')),"
	"  starts TEXT, ends TEXT,"
	"  focus TEXT,"
	"  created_by TEXT NOT NULL, created_at TEXT NOT NULL,"
	"  updated_at TEXT);"
	"CREATE TABLE finding ("
	"  key INTEGER PRIMARY KEY,"
	"  id TEXT NOT NULL UNIQUE,"
	"  inspection INTEGER NOT NULL REFERENCES inspection(key),"
	"  organ INTEGER NOT NULL REFERENCES organ(key),"
	"  person INTEGER REFERENCES person(key),"
	"  duty TEXT,"
	"  record INTEGER REFERENCES record(key),"
	"  severity TEXT NOT NULL CHECK (severity IN"
	"    ('minor','serious','veto')),"
	"  description TEXT NOT NULL,"
	"  created_by TEXT NOT NULL, created_at TEXT NOT NULL);"
	"CREATE INDEX finding_inspection ON finding(inspection);"
	/* Overdue is not a stored state: it is issued or in progress past
	 * the deadline, computed when read. */
	"CREATE TABLE rectification ("
	"  key INTEGER PRIMARY KEY,"
	"  id TEXT NOT NULL UNIQUE,"
	"  source TEXT NOT NULL CHECK (source IN"
	"    ('finding','evaluation','interview')),"
	"  finding INTEGER REFERENCES finding(key),"
	"  organ INTEGER NOT NULL REFERENCES organ(key),"
	"  person INTEGER REFERENCES person(key),"
	"  year INTEGER,"
	"  requirement TEXT NOT NULL,"
	"  deadline TEXT NOT NULL,"
	"  status TEXT NOT NULL CHECK (status IN"
	"    ('issued','in_progress','submitted','accepted')),"
	"  report TEXT,"
	"  issued_by TEXT NOT NULL, issued_at TEXT NOT NULL,"
	"  submitted_at TEXT, accepted_by TEXT, accepted_at TEXT,"
	"  updated_at TEXT);"
	"CREATE INDEX rectification_organ ON rectification(organ);"
	"CREATE TABLE rectification_evidence ("
	"  key INTEGER PRIMARY KEY,"
	"  rectification INTEGER NOT NULL REFERENCES rectification(key),"
	"  sm3 TEXT NOT NULL, size INTEGER NOT NULL, mime TEXT NOT NULL,"
	"  filename TEXT NOT NULL,"
	"  uploaded_by TEXT NOT NULL, uploaded_at TEXT NOT NULL);"
	"CREATE TABLE interview ("
	"  key INTEGER PRIMARY KEY,"
	"  id TEXT NOT NULL UNIQUE,"
	"  source TEXT NOT NULL CHECK (source IN ('evaluation','finding',"
	"    'report')),"
	"  organ INTEGER NOT NULL REFERENCES organ(key),"
	"  person INTEGER REFERENCES person(key),"
	"  year INTEGER,"
	"  reason TEXT NOT NULL,"
	"  scheduled_on TEXT NOT NULL,"
	"  held_on TEXT,"
	"  interviewer TEXT,"
	"  summary TEXT,"
	"  status TEXT NOT NULL CHECK (status IN ('scheduled','held')),"
	"  created_by TEXT NOT NULL, created_at TEXT NOT NULL);"
	"CREATE TABLE notice ("
	"  key INTEGER PRIMARY KEY,"
	"  id TEXT NOT NULL UNIQUE,"
	"  kind TEXT NOT NULL CHECK (kind IN ('commendation','criticism')),"
	"  year INTEGER NOT NULL,"
	"  region INTEGER NOT NULL REFERENCES region(key),"
	"  title TEXT NOT NULL,"
	"  body TEXT NOT NULL,"
	"  status TEXT NOT NULL CHECK (status IN ('draft','issued')),"
	"  drafted_by TEXT NOT NULL, drafted_at TEXT NOT NULL,"
	"  issued_by TEXT, issued_at TEXT);"
	"CREATE TABLE notice_item ("
	"  notice INTEGER NOT NULL REFERENCES notice(key),"
	"  person INTEGER NOT NULL REFERENCES person(key),"
	"  organ INTEGER NOT NULL REFERENCES organ(key),"
	"  grade TEXT NOT NULL,"
	"  reason TEXT NOT NULL,"
	"  PRIMARY KEY (notice, person, organ));"
	/* 问责: the case and every step it took. */
	"CREATE TABLE acase ("
	"  key INTEGER PRIMARY KEY,"
	"  id TEXT NOT NULL UNIQUE,"
	"  target TEXT NOT NULL CHECK (target IN ('cadre','organization')),"
	"  person INTEGER REFERENCES person(key),"
	"  organ INTEGER NOT NULL REFERENCES organ(key),"
	"  item INTEGER NOT NULL CHECK (item BETWEEN 1 AND 5),"
	"  source TEXT NOT NULL CHECK (source IN"
	"    ('inspection','veto','report')),"
	"  source_ref TEXT,"
	"  year INTEGER,"
	"  region INTEGER NOT NULL REFERENCES region(key),"
	"  summary TEXT NOT NULL,"
	"  state TEXT NOT NULL,"
	"  investigation TEXT, statement TEXT,"
	"  decision_form TEXT, decision TEXT, decided_on TEXT,"
	"  execution TEXT, executed_on TEXT,"
	"  appeal TEXT, appeal_on TEXT, appeal_result TEXT,"
	"  created_by TEXT NOT NULL, created_at TEXT NOT NULL,"
	"  updated_at TEXT);"
	"CREATE INDEX acase_region ON acase(region);"
	"CREATE TABLE acase_event ("
	"  key INTEGER PRIMARY KEY,"
	"  acase INTEGER NOT NULL REFERENCES acase(key),"
	"  action TEXT NOT NULL,"
	"  from_state TEXT, to_state TEXT NOT NULL,"
	"  note TEXT,"
	"  actor TEXT NOT NULL, at TEXT NOT NULL);"
	"CREATE INDEX acase_event_case ON acase_event(acase);"
	/* Reports: the 述法 section of a year-end report (第七条) and the
	 * government's annual rule-of-law report (第六条(一)). body holds the
	 * sections as JSON. */
	"CREATE TABLE report ("
	"  key INTEGER PRIMARY KEY,"
	"  id TEXT NOT NULL UNIQUE,"
	"  kind TEXT NOT NULL CHECK (kind IN ('shufa','annual')),"
	"  year INTEGER NOT NULL,"
	"  organ INTEGER NOT NULL REFERENCES organ(key),"
	"  person INTEGER REFERENCES person(key),"
	"  title TEXT NOT NULL,"
	"  body TEXT NOT NULL,"
	"  recipients TEXT,"
	"  status TEXT NOT NULL CHECK (status IN"
	"    ('draft','signed','locked','published')),"
	"  signed_by TEXT, signed_at TEXT, locked_at TEXT,"
	"  published_on TEXT,"
	"  created_by TEXT NOT NULL, created_at TEXT NOT NULL,"
	"  updated_at TEXT);"
	"CREATE INDEX report_organ ON report(organ, year);"
	/* The portal's search: trigram tokens find Chinese substrings
	 * without a word segmenter. Only published reports are indexed. */
	"CREATE VIRTUAL TABLE report_fts USING fts5(title, body, "
	"  tokenize = 'trigram');",

	/* 4: supervision's history and links. A rectification keeps every
	 * step it took (progress reports, returns with their note); orders
	 * and interviews name the notice or interview they came from, so
	 * acting on a notice twice creates nothing twice. */
	"CREATE TABLE rectification_event ("
	"  key INTEGER PRIMARY KEY,"
	"  rectification INTEGER NOT NULL REFERENCES rectification(key),"
	"  action TEXT NOT NULL,"
	"  from_state TEXT, to_state TEXT NOT NULL,"
	"  note TEXT,"
	"  actor TEXT NOT NULL, at TEXT NOT NULL);"
	"CREATE INDEX rectification_event_rect ON"
	"  rectification_event(rectification);"
	"CREATE INDEX rectification_evidence_rect ON"
	"  rectification_evidence(rectification);"
	"ALTER TABLE rectification ADD COLUMN interview INTEGER"
	"  REFERENCES interview(key);"
	"ALTER TABLE rectification ADD COLUMN notice INTEGER"
	"  REFERENCES notice(key);"
	SCHEMA_4_LINKS("INTEGER"),

	/* 5: failed logins by client address, for throttling across every
	 * server process that shares the database; rows older than the
	 * window are pruned as new ones come. */
	"CREATE TABLE login_failure ("
	"  ip TEXT NOT NULL,"
	"  at INTEGER NOT NULL);"
	"CREATE INDEX login_failure_ip ON login_failure(ip, at);"
	"CREATE INDEX login_failure_at ON login_failure(at);",

	/* 6: the record ids' uniqueness as a named index, which a first
	 * load can drop and build once at its end (SQLite cannot drop the
	 * index of a UNIQUE column constraint). The table is made anew, as
	 * SQLite's ALTER TABLE procedure does it (foreign keys checked after,
	 * schema_sqlite_migrate). The index by kind serves one query, the
	 * records of a kind that name a person (a year-end report's 述法):
	 * it holds those alone, a few in a hundred, where sorting all the
	 * records' kinds was a third of a national load's index building. */
	"CREATE TABLE record_new ("
	"  key INTEGER PRIMARY KEY,"
	"  id TEXT NOT NULL,"
	RECORD_COLUMNS
	"  doc TEXT NOT NULL,"
	"  reviewed_by TEXT,"
	"  reviewed_at TEXT,"
	"  review_note TEXT,"
	"  updated_at TEXT);"
	"INSERT INTO record_new(key, id, kind, organ, person, date, status,"
	"  title, doc, reviewed_by, reviewed_at, review_note, updated_at)"
	"  SELECT key, id, kind, organ, person, date, status, title, doc,"
	"  reviewed_by, reviewed_at, review_note, updated_at FROM record;"
	"DROP TABLE record;"
	"ALTER TABLE record_new RENAME TO record;"
	"CREATE UNIQUE INDEX record_id ON record(id);"
	"CREATE INDEX record_organ_date ON record(organ, date);"
	"CREATE INDEX record_kind_date ON record(kind, date)"
	"  WHERE person IS NOT NULL;",

	/* 7: the records a workflow wrote (a published report's ledger
	 * record), read-only outside it; those published before, found by
	 * the id publishing gives them. Evidence by uploader, for the
	 * per-account quota. Each statement may run again (IF NOT EXISTS). */
	"CREATE TABLE IF NOT EXISTS record_workflow ("
	"  record INTEGER PRIMARY KEY REFERENCES record(key),"
	"  workflow TEXT NOT NULL,"
	"  ref TEXT NOT NULL);"
	"INSERT OR IGNORE INTO record_workflow(record, workflow, ref)"
	"  SELECT r.key, 'report', p.id FROM report p"
	"  JOIN organ o ON o.key = p.organ"
	"  JOIN record r ON r.id = 'r-annual-' || o.id || '-' ||"
	"    CAST(p.year AS TEXT)"
	"  WHERE p.kind = 'annual' AND p.status = 'published';"
	"CREATE INDEX IF NOT EXISTS evidence_uploader ON evidence(uploaded_by);"
	"CREATE INDEX IF NOT EXISTS rectification_evidence_uploader ON"
	"  rectification_evidence(uploaded_by);",
	/* 8: API tokens end (docs/security.md, "Tokens and sessions end"):
	 * an expiry, and an id to list and revoke one by (the first 16
	 * hex digits of the digest: it tells nothing of the token).
	 * Tokens made before get the default 90 days from their making;
	 * revoked holds the time of revocation (0: live). */
	"ALTER TABLE api_token ADD COLUMN id TEXT;"
	"ALTER TABLE api_token ADD COLUMN expires INTEGER NOT NULL DEFAULT 0;"
	"UPDATE api_token SET id = substr(token, 1, 16),"
	"  expires = created + 7776000;"
	"CREATE UNIQUE INDEX api_token_id ON api_token(id);"
	"CREATE INDEX api_token_account ON api_token(account);",

	/* 9: login marks: the failure count and lock of a name that matches
	 * no account (keyed by its digest, so that an unknown name locks as
	 * an account does), and the "throttled" mark of a client address
	 * (one audit entry a window); the per-database key of those digests.
	 * Unknown names' rows are pruned a day after their last failure. IF
	 * NOT EXISTS: a database taken back to an older version (as
	 * test-import does) runs it again. */
	"CREATE TABLE IF NOT EXISTS login_mark ("
	"  key TEXT PRIMARY KEY,"
	"  failures INTEGER NOT NULL DEFAULT 0,"
	"  locked_until INTEGER NOT NULL DEFAULT 0,"
	"  at INTEGER NOT NULL DEFAULT 0);"
	"CREATE INDEX IF NOT EXISTS login_mark_at ON login_mark(at);"
	"CREATE TABLE IF NOT EXISTS login_secret ("
	"  id INTEGER PRIMARY KEY CHECK (id = 1),"
	"  secret TEXT NOT NULL);",

	/* Notices as the text gives them (docs/extensions.md, "Notices in
	 * the name of the superior body"). A third kind, interview
	 * (约谈整改通知, 第八条); criticism stays for 第六条第(四)项 and the
	 * rows issued before. The kind's CHECK is loosened in place by
	 * SQLite's documented procedure for a change no row can break
	 * (writable_schema, then the schema reloaded), so that the table
	 * keeps any column another migration gave it. The issuing region
	 * and organ of a notice drafted from now on. The one 约谈 and one
	 * 整改 of a leader at an organ for a year (第八条), whichever notice
	 * or office orders it: of those made before, the first stands and
	 * later ones stay as history. Each statement may run again. */
	"PRAGMA writable_schema = ON;"
	"UPDATE sqlite_schema SET sql = replace(sql,"
	"  '(''commendation'',''criticism'')',"
	"  '(''commendation'',''criticism'',''interview'')')"
	"  WHERE type = 'table' AND name = 'notice';"
	"PRAGMA writable_schema = RESET;"
	"CREATE TABLE IF NOT EXISTS notice_issuer ("
	"  notice INTEGER PRIMARY KEY REFERENCES notice(key),"
	"  region INTEGER NOT NULL REFERENCES region(key),"
	"  organ TEXT NOT NULL);"
	"CREATE TABLE IF NOT EXISTS interview_once ("
	"  interview INTEGER PRIMARY KEY REFERENCES interview(key),"
	"  person INTEGER NOT NULL REFERENCES person(key),"
	"  organ INTEGER NOT NULL REFERENCES organ(key),"
	"  year INTEGER NOT NULL);"
	"CREATE UNIQUE INDEX IF NOT EXISTS interview_once_leader ON"
	"  interview_once(person, organ, year);"
	"INSERT OR IGNORE INTO interview_once(interview, person, organ, year)"
	"  SELECT key, person, organ, year FROM interview"
	"  WHERE source = 'evaluation' AND person IS NOT NULL"
	"  AND year IS NOT NULL ORDER BY key;"
	"CREATE TABLE IF NOT EXISTS rectification_once ("
	"  rectification INTEGER PRIMARY KEY REFERENCES rectification(key),"
	"  person INTEGER NOT NULL REFERENCES person(key),"
	"  organ INTEGER NOT NULL REFERENCES organ(key),"
	"  year INTEGER NOT NULL);"
	"CREATE UNIQUE INDEX IF NOT EXISTS rectification_once_leader ON"
	"  rectification_once(person, organ, year);"
	"INSERT OR IGNORE INTO rectification_once(rectification, person,"
	"  organ, year)"
	"  SELECT key, person, organ, year FROM rectification"
	"  WHERE source = 'evaluation' AND person IS NOT NULL"
	"  AND year IS NOT NULL ORDER BY key;",
	/* closures: a closed year (contract, "Closing a year"). A closure is
	 * (year, region subtree or the whole database); path is the region's
	 * path ("/" for the whole), so that whether a row lies inside is a
	 * prefix test. versions is the JSON list of the catalog versions it
	 * was closed under (version, effective, sm3); head the evaluation
	 * JSON's head as it was. closure_result holds each frozen result's
	 * JSON, as `eval --format json` printed it, with the keys that put
	 * it in the evaluation's order; closure_log every close and reopen
	 * with who, when and why. IF NOT EXISTS: re-runnable. */
	"CREATE TABLE IF NOT EXISTS closure ("
	"  key INTEGER PRIMARY KEY,"
	"  year INTEGER NOT NULL,"
	"  region TEXT,"
	"  path TEXT NOT NULL,"
	"  closed_by TEXT NOT NULL,"
	"  closed_at TEXT NOT NULL,"
	"  reason TEXT,"
	"  ruleset TEXT NOT NULL,"
	"  version TEXT NOT NULL,"
	"  digest TEXT NOT NULL,"
	"  versions TEXT NOT NULL,"
	"  head TEXT NOT NULL,"
	"  UNIQUE (year, path));"
	"CREATE TABLE IF NOT EXISTS closure_result ("
	"  closure INTEGER NOT NULL REFERENCES closure(key) ON DELETE CASCADE,"
	"  seq INTEGER NOT NULL,"
	"  path TEXT NOT NULL,"
	"  code TEXT NOT NULL,"
	"  rank INTEGER NOT NULL,"
	"  organ TEXT NOT NULL,"
	"  start TEXT NOT NULL,"
	"  person TEXT NOT NULL,"
	"  doc TEXT NOT NULL,"
	"  PRIMARY KEY (closure, seq));"
	"CREATE INDEX IF NOT EXISTS closure_result_path ON closure_result(path);"
	"CREATE TABLE IF NOT EXISTS closure_log ("
	"  key INTEGER PRIMARY KEY,"
	"  year INTEGER NOT NULL,"
	"  region TEXT,"
	"  path TEXT NOT NULL,"
	"  action TEXT NOT NULL CHECK (action IN ('close','reopen')),"
	"  actor TEXT NOT NULL,"
	"  at TEXT NOT NULL,"
	"  reason TEXT);",
	/* An inspector's finding is an observation until a competent
	 * account determines it (docs/security.md, "Findings are
	 * determinations"): the finding record it became, who determined it
	 * and when. One determination an observation. IF NOT EXISTS: it may
	 * run again. */
	"CREATE TABLE IF NOT EXISTS finding_determination ("
	"  finding INTEGER PRIMARY KEY REFERENCES finding(key),"
	"  record INTEGER NOT NULL REFERENCES record(key),"
	"  determined_by TEXT NOT NULL,"
	"  determined_at TEXT NOT NULL);",
	/* separation of duties: who entered and last edited a record (its
	 * reviewer must be another account), who locked and published a
	 * report, and the file of a cadre's written waiver of 陈述申辩 in a
	 * case. Rows written by an account over HTTP; an imported record
	 * has none (the operator's act). IF NOT EXISTS: may run again. */
	"CREATE TABLE IF NOT EXISTS record_author ("
	"  record INTEGER PRIMARY KEY REFERENCES record(key),"
	"  created_by TEXT, edited_by TEXT);"
	"CREATE TABLE IF NOT EXISTS report_actor ("
	"  report INTEGER PRIMARY KEY REFERENCES report(key),"
	"  locked_by TEXT, published_by TEXT);"
	"CREATE TABLE IF NOT EXISTS acase_file ("
	"  key INTEGER PRIMARY KEY,"
	"  acase INTEGER NOT NULL REFERENCES acase(key),"
	"  purpose TEXT NOT NULL,"
	"  sm3 TEXT NOT NULL, size INTEGER NOT NULL, mime TEXT NOT NULL,"
	"  filename TEXT NOT NULL,"
	"  uploaded_by TEXT NOT NULL, uploaded_at TEXT NOT NULL);"
	"CREATE INDEX IF NOT EXISTS acase_file_case ON acase_file(acase);",
	/* messages, the webhook's outbox, reminders sent (schema-int.h) */
	SCHEMA_MESSAGES("INTEGER PRIMARY KEY", "INTEGER", "TEXT"),
	/* Listings paged in the store (schema-int.h). */
	SCHEMA_LISTS,

	/* [workbench] 移送问责 from every 不合格 result, not only vetoes: a
	 * case's source may be evaluation (考评不合格). The CHECK is loosened
	 * in place as for the notices' kind above (no row can break it). */
	"PRAGMA writable_schema = ON;"
	"UPDATE sqlite_schema SET sql = replace(sql,"
	"  '(''inspection'',''veto'',''report'')',"
	"  '(''inspection'',''veto'',''report'',''evaluation'')')"
	"  WHERE type = 'table' AND name = 'acase';"
	"PRAGMA writable_schema = RESET;",
	/* Materialised evaluations (store-evalset.h): a year's results over
	 * a region's subtree, kept so that pages filter, sort, count and page
	 * them in SQL; valid only under the key they were made for (catalog,
	 * day, the audit log's last entry), so never read stale. A cache:
	 * dropping the four tables' rows loses nothing. A result's JSON is a
	 * table of its own (eval_doc), so that counting and sorting read the
	 * small rows only, and a page reads fifty documents. The index on
	 * record(organ, status) counts a scope's records awaiting review
	 * without reading the records. */
	"CREATE TABLE IF NOT EXISTS eval_set ("
	"  key INTEGER PRIMARY KEY,"
	"  year INTEGER NOT NULL,"
	"  scope TEXT NOT NULL,"
	"  digest TEXT NOT NULL,"
	"  asof TEXT NOT NULL,"
	"  version INTEGER NOT NULL,"
	"  tag TEXT NOT NULL,"
	"  awaiting INTEGER,"
	"  UNIQUE (year, scope));"
	"CREATE TABLE IF NOT EXISTS eval_tally ("
	"  run INTEGER NOT NULL REFERENCES eval_set(key) ON DELETE CASCADE,"
	"  rule TEXT NOT NULL,"
	"  verdict INTEGER NOT NULL,"
	"  pending INTEGER NOT NULL,"
	"  n INTEGER NOT NULL,"
	"  PRIMARY KEY (run, rule, verdict, pending));"
	"CREATE TABLE IF NOT EXISTS eval_row ("
	"  run INTEGER NOT NULL REFERENCES eval_set(key) ON DELETE CASCADE,"
	"  seq INTEGER NOT NULL,"
	"  path TEXT NOT NULL,"
	"  region TEXT NOT NULL, region_name TEXT NOT NULL,"
	"  organ TEXT NOT NULL, organ_name TEXT NOT NULL,"
	"  person TEXT NOT NULL, person_name TEXT NOT NULL,"
	"  grade INTEGER NOT NULL,"
	"  score REAL,"
	"  provisional INTEGER NOT NULL,"
	"  veto INTEGER NOT NULL,"
	"  closed INTEGER NOT NULL,"
	"  PRIMARY KEY (run, seq));"
	"CREATE INDEX IF NOT EXISTS eval_row_path ON eval_row(run, path);"
	"CREATE INDEX IF NOT EXISTS eval_row_grade ON eval_row(run, grade, provisional, veto);"
	"CREATE TABLE IF NOT EXISTS eval_doc ("
	"  run INTEGER NOT NULL REFERENCES eval_set(key) ON DELETE CASCADE,"
	"  seq INTEGER NOT NULL,"
	"  doc TEXT NOT NULL,"
	"  PRIMARY KEY (run, seq));"
	"CREATE TABLE IF NOT EXISTS eval_duty ("
	"  run INTEGER NOT NULL REFERENCES eval_set(key) ON DELETE CASCADE,"
	"  seq INTEGER NOT NULL,"
	"  duty INTEGER NOT NULL,"
	"  rule TEXT NOT NULL,"
	"  verdict INTEGER NOT NULL,"
	"  pending INTEGER NOT NULL,"
	"  risk INTEGER NOT NULL,"
	"  required INTEGER NOT NULL, actual INTEGER NOT NULL,"
	"  gap INTEGER NOT NULL, days INTEGER NOT NULL, weeks INTEGER NOT NULL,"
	"  kind INTEGER NOT NULL,"
	"  pressure REAL NOT NULL,"
	"  due TEXT,"
	"  PRIMARY KEY (run, seq, duty));"
	"CREATE INDEX IF NOT EXISTS eval_duty_risk ON eval_duty(run, risk, pressure DESC,"
	"  weeks, gap DESC, seq, duty);"
	"CREATE INDEX IF NOT EXISTS eval_duty_rule ON eval_duty(run, rule, verdict, pending);"
	"CREATE INDEX IF NOT EXISTS record_organ_status ON record(organ, status);",
	/* Readable numbers and the pickers' name indexes (schema-int.h). */
	SCHEMA_NUMBERS("INTEGER"),
	/* An account whose password was reset by another account (a
	 * one-time password, shown once) must choose its own at its next
	 * login before it does anything else (docs/security.md). */
	"ALTER TABLE account ADD COLUMN must_change INTEGER NOT NULL DEFAULT 0;",
	/* The data version the evaluation sets are kept under: moved by
	 * the writes that can change a result only, not by a login. */
	SCHEMA_DATA_VERSION("INTEGER", "TEXT"),
	/* The registry's listings (store-registry.c): regions in name
	 * order, an organ's region in name order, tenures by organ and
	 * start (schema-int.h). */
	SCHEMA_REGISTRY_LISTS,
	/* [workbench] An inspector hands a finding to the competent office
	 * for 整改 (移交整改): the office's region, the inspector's proposed
	 * requirement and deadline, who and when. One referral a finding
	 * (schema-int.h). */
	SCHEMA_FINDING_REFERRAL("INTEGER", "TEXT"),
	/* Incremental evaluation sets: the regions each write changed
	 * (schema-int.h, store-refresh.c). */
	SCHEMA_DATA_CHANGE("INTEGER", "TEXT"),
	SCHEMA_EVAL_ROLE("INTEGER"),
	/* [documents] The 发文字号 of issued reports (schema-int.h). */
	SCHEMA_DOC_NUMBER("INTEGER"),
	/* [documents] The portal's search over folded text: trigrams, case
	 * sensitive (the folding has folded what is to be folded), so that
	 * a MATCH finds what instr() finds (schema-int.h). */
	SCHEMA_REPORT_FOLD("CREATE VIRTUAL TABLE IF NOT EXISTS report_fold "
	    "USING "
	    "fts5(title, body, tokenize = 'trigram case_sensitive 1');"),
	/* [documents] A report's 定稿: its 成文日期 and final PDF
	 * (schema-int.h). */
	SCHEMA_REPORT_FINAL("INTEGER", "TEXT"),
	/* [documents] report_fts's FTS5 index is searched no more (the
	 * search MATCHes report_fold): the text as written, read for the
	 * snippets only, goes to a plain table, report_text, and the
	 * index with its shadow tables is dropped. No foreign key, as
	 * report_fts had none: the rows are the report's, written with it
	 * (store-reports.c). */
	"CREATE TABLE report_text ("
	"  rowid INTEGER PRIMARY KEY,"
	"  title TEXT NOT NULL,"
	"  body TEXT NOT NULL);"
	"INSERT INTO report_text(rowid, title, body) SELECT rowid, title, body "
	"  FROM report_fts;"
	"DROP TABLE report_fts;",
	/* [documents] The 发文字号 of every document, not of reports
	 * alone (schema-int.h). */
	SCHEMA_DOC_NUMBER_DOCS("INTEGER", "TEXT"),
};

/* 1 when a row breaks a foreign key, 0 when none does, -1 on error. */
static int
foreign_keys_broken(struct db *db)
{
	struct db_stmt *st = db_prepare(db, "PRAGMA foreign_key_check");
	if (st == NULL)
		return -1;
	int step = db_step(st);
	db_finalize(st);
	return step == DB_DONE ? 0 : step == DB_ROW ? 1 : -1;
}

size_t
schema_sqlite_count(void)
{
	return sizeof migrations / sizeof migrations[0];
}

int
schema_sqlite_migrate(struct db *db, char *err, size_t n)
{
	struct db_stmt *st = db_prepare(db, "PRAGMA user_version");
	if (st == NULL || db_step(st) != DB_ROW) {
		snprintf(err, n, "reading the schema version: %s", db_error(db));
		db_finalize(st);
		return -1;
	}
	int version = db_col_int(st, 0);
	db_finalize(st);
	if ((size_t)version > schema_sqlite_count()) {
		snprintf(err, n, "the database has schema version %d; this lvzhi "
		    "knows up to %zu: use a newer lvzhi", version,
		    schema_sqlite_count());
		return -1;
	}
	/* Foreign keys are off while a migration runs (a table made anew is
	 * dropped and renamed: SQLite's own procedure) and checked before
	 * its commit; the pragma cannot change inside a transaction. */
	if ((size_t)version < schema_sqlite_count() &&
	    db_exec(db, "PRAGMA foreign_keys = OFF")) {
		snprintf(err, n, "migration: %.400s", db_error(db));
		return -1;
	}
	int rc = 0;
	for (size_t i = (size_t)version; i < schema_sqlite_count(); i++) {
		char pragma[64];
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %zu",
		    i + 1);
		int broken = 0;
		if (db_exec(db, "BEGIN IMMEDIATE") ||
		    db_exec(db, migrations[i]) || db_exec(db, pragma) ||
		    (broken = foreign_keys_broken(db)) != 0 ||
		    db_exec(db, "COMMIT")) {
			snprintf(err, n, "migration %zu: %.400s", i + 1,
			    broken > 0 ? "a row breaks a foreign key" :
			    db_error(db));
			db_exec(db, "ROLLBACK");
			rc = -1;
			break;
		}
	}
	if ((size_t)version < schema_sqlite_count() &&
	    db_exec(db, "PRAGMA foreign_keys = ON") && rc == 0) {
		snprintf(err, n, "migration: %.400s", db_error(db));
		rc = -1;
	}
	return rc;
}
