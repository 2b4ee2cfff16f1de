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
