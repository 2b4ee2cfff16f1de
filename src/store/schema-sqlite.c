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

#include <stddef.h>

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
	"  kind TEXT NOT NULL,"
	"  organ INTEGER NOT NULL REFERENCES organ(key),"
	"  person INTEGER REFERENCES person(key),"
	"  date TEXT NOT NULL,"
	"  status TEXT NOT NULL CHECK (status IN"
	"    ('submitted','verified','rejected')),"
	"  title TEXT,"
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
};

size_t
schema_sqlite_count(void)
{
	return sizeof migrations / sizeof migrations[0];
}

const char *
schema_sqlite_migration(size_t i)
{
	return i < schema_sqlite_count() ? migrations[i] : NULL;
}
