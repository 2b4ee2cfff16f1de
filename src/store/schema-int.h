/*
 * Migration SQL that is the same text on both backends (schema-sqlite.c,
 * schema-pg.c) but for a column type, given as an argument: written once
 * so that the two cannot drift. Never edit what has shipped.
 */
#ifndef LVZHI_SCHEMA_INT_H
#define LVZHI_SCHEMA_INT_H

#include "base/fold.h"

/* The end of migration 4: interviews linked to the finding, report or
 * notice they came from (KEY: the key type), and the indexes of the
 * links. */
#define SCHEMA_4_LINKS(KEY)                                               \
	"CREATE INDEX rectification_notice ON rectification(notice);"     \
	"CREATE INDEX rectification_finding ON rectification(finding);"   \
	"ALTER TABLE interview ADD COLUMN finding " KEY                   \
	"  REFERENCES finding(key);"                                      \
	"ALTER TABLE interview ADD COLUMN report " KEY                    \
	"  REFERENCES report(key);"                                       \
	"ALTER TABLE interview ADD COLUMN notice " KEY                    \
	"  REFERENCES notice(key);"                                       \
	"CREATE INDEX interview_organ ON interview(organ);"               \
	"CREATE INDEX interview_notice ON interview(notice);"             \
	"CREATE INDEX finding_organ ON finding(organ);"                   \
	"CREATE INDEX notice_region ON notice(region, year);"

/* Messages (the bell, the messages page), the webhook's outbox, and the
 * deadline reminders already sent (each once: the scan may run again).
 * KEY: a generated key's declaration, REF: a key column's type, TEXT:
 * text. A message is an account's; the outbox row the JSON to deliver,
 * with the attempts so far and when the next may be made (unix
 * seconds); a reminder's ref names the deadline and its stage. The
 * records awaiting verification, a small part of the ledger, indexed
 * apart: an office's 待办 counts and lists them in its subtree. */
#define SCHEMA_MESSAGES(KEY, REF, TEXT)                                   \
	"CREATE TABLE IF NOT EXISTS message ("                            \
	"  key " KEY ","                                                  \
	"  account " REF " NOT NULL REFERENCES account(key),"             \
	"  kind " TEXT " NOT NULL,"                                       \
	"  title " TEXT " NOT NULL,"                                      \
	"  body " TEXT " NOT NULL,"                                       \
	"  link " TEXT " NOT NULL,"                                       \
	"  created_at " TEXT " NOT NULL,"                                 \
	"  read_at " TEXT ");"                                            \
	"CREATE INDEX IF NOT EXISTS message_account ON"                   \
	"  message(account, read_at);"                                    \
	"CREATE TABLE IF NOT EXISTS outbox ("                             \
	"  key " KEY ","                                                  \
	"  kind " TEXT " NOT NULL,"                                       \
	"  body " TEXT " NOT NULL,"                                       \
	"  created " REF " NOT NULL,"                                     \
	"  next_at " REF " NOT NULL,"                                     \
	"  attempts integer NOT NULL DEFAULT 0,"                          \
	"  state " TEXT " NOT NULL DEFAULT 'queued' CHECK (state IN"      \
	"    ('queued','sent','failed','expired')),"                      \
	"  last_error " TEXT ");"                                         \
	"CREATE INDEX IF NOT EXISTS outbox_queued ON outbox(state, next_at);" \
	"CREATE TABLE IF NOT EXISTS reminder ("                           \
	"  ref " TEXT " PRIMARY KEY,"                                     \
	"  sent_on " TEXT " NOT NULL);"                                   \
	"CREATE INDEX IF NOT EXISTS record_submitted ON record(organ, date)" \
	"  WHERE status = 'submitted';"                                   \
	"CREATE INDEX IF NOT EXISTS record_submitted_date ON record(date)"  \
	"  WHERE status = 'submitted';"
/* Listings paged in the store ([workbench] item 4): the ledger read
 * in the order a page shows it (newest first, or by kind or status),
 * so that a wide scope's first page is the first rows of an index
 * and not a sort of every record in it; each ends with the organ,
 * so that the rows out of scope are passed over without reading
 * them. A narrow scope's records by organ with the columns a filter
 * or an order reads (it replaces record_organ_date, its prefix), so
 * that counting and sorting them never reads a row. The audit log
 * filtered by time, actor or action. IF NOT EXISTS: may run again. */
#define SCHEMA_LISTS \
	"CREATE INDEX IF NOT EXISTS record_organ_list ON " \
	"  record(organ, date, kind, status);" \
	"DROP INDEX IF EXISTS record_organ_date;" \
	"CREATE INDEX IF NOT EXISTS record_date_list ON " \
	"  record(date, key, organ);" \
	"CREATE INDEX IF NOT EXISTS record_kind_list ON " \
	"  record(kind, date, key, organ);" \
	"CREATE INDEX IF NOT EXISTS record_status_list ON " \
	"  record(status, date, key, organ);" \
	"CREATE INDEX IF NOT EXISTS audit_time ON audit(time);" \
	"CREATE INDEX IF NOT EXISTS audit_actor ON audit(actor, seq);" \
	"CREATE INDEX IF NOT EXISTS audit_action ON audit(action, seq);"
/*
 * Readable numbers (南明区台账 2025-0012, 〔2026〕3号) and the name
 * indexes the pickers search by (store-lookup.c). A record's number is
 * its region's (the organ's) and its date's year, in date order; a
 * case's its region's and the year it was opened (its id's). The UNIQUE
 * keeps two numbers apart whoever writes them. KEY: the key type. IF NOT
 * EXISTS and NOT EXISTS: the migration may run again.
 */
#define SCHEMA_NUMBERS(KEY)                                               \
	"CREATE INDEX IF NOT EXISTS person_name ON person(name);"         \
	"CREATE INDEX IF NOT EXISTS organ_name ON organ(name);"           \
	"CREATE TABLE IF NOT EXISTS record_number ("                      \
	"  record " KEY " PRIMARY KEY REFERENCES record(key),"            \
	"  region " KEY " NOT NULL REFERENCES region(key),"               \
	"  year integer NOT NULL, seq integer NOT NULL,"                  \
	"  UNIQUE (region, year, seq));"                                  \
	"CREATE TABLE IF NOT EXISTS acase_number ("                       \
	"  acase " KEY " PRIMARY KEY REFERENCES acase(key),"              \
	"  region " KEY " NOT NULL REFERENCES region(key),"               \
	"  year integer NOT NULL, seq integer NOT NULL,"                  \
	"  UNIQUE (region, year, seq));"                                  \
	SCHEMA_NUMBER_RECORDS("0") ";"                                    \
	"INSERT INTO acase_number(acase, region, year, seq) SELECT c.key,"\
	"  c.region, CAST(substr(c.id, 4, 4) AS integer), coalesce((SELECT"\
	"  max(x.seq) FROM acase_number x WHERE x.region = c.region AND"  \
	"  x.year = CAST(substr(c.id, 4, 4) AS integer)), 0) + row_number()"\
	"  OVER (PARTITION BY c.region, substr(c.id, 4, 4) ORDER BY"      \
	"  c.created_at, c.key) FROM acase c WHERE NOT EXISTS (SELECT 1"  \
	"  FROM acase_number n WHERE n.acase = c.key);"

/* Numbers the records with a key above AFTER that have none, per region
 * and year in date order after the last number each has: one statement
 * for a whole import (store_number_records) and for the migration. */
#define SCHEMA_NUMBER_RECORDS(AFTER)                                      \
	"INSERT INTO record_number(record, region, year, seq) SELECT r.key,"\
	"  o.region, CAST(substr(r.date, 1, 4) AS integer),"              \
	"  coalesce(b.top, 0) + row_number() OVER (PARTITION BY o.region,"\
	"  substr(r.date, 1, 4) ORDER BY r.date, r.key) FROM record r"    \
	"  JOIN organ o ON o.key = r.organ LEFT JOIN (SELECT region, year,"\
	"  max(seq) AS top FROM record_number GROUP BY region, year) b ON" \
	"  b.region = o.region AND b.year = CAST(substr(r.date, 1, 4) AS"  \
	"  integer) WHERE r.key > " AFTER " AND NOT EXISTS (SELECT 1 FROM" \
	"  record_number n WHERE n.record = r.key)"

/*
 * The data version (store_data_version): the seq and hash of the last
 * audit entry whose action can change what an evaluation reads, moved by
 * audit.c in that entry's transaction. Made from the log's last entry,
 * whatever its action: a set kept under an older key is made anew once.
 * It may run again: a SELECT without FROM makes no row when the table
 * has one (an aggregate over audit would make one whatever its WHERE).
 */
#define SCHEMA_DATA_VERSION(KEY, TEXTTYPE)                                \
	"CREATE TABLE IF NOT EXISTS data_version ("                       \
	"  id " KEY " PRIMARY KEY CHECK (id = 1),"                        \
	"  seq " KEY " NOT NULL,"                                         \
	"  hash " TEXTTYPE " NOT NULL);"                                  \
	"INSERT INTO data_version(id, seq, hash) SELECT 1,"               \
	"  coalesce((SELECT max(seq) FROM audit), 0), coalesce((SELECT"   \
	"  hash FROM audit ORDER BY seq DESC LIMIT 1), '') WHERE NOT"     \
	"  EXISTS (SELECT 1 FROM data_version);"

/* The registry's pages and lists, paged in the store: the regions of a
 * subtree in name order (the path index serves the tree's order), the
 * organs of a region in name order, and the principal serving an organ
 * on a day (tenure_organ already leads with the organ). IF NOT EXISTS:
 * the migration may run again. */
#define SCHEMA_REGISTRY_LISTS                                             \
	"CREATE INDEX IF NOT EXISTS region_name ON region(name, code);"   \
	"CREATE INDEX IF NOT EXISTS organ_region_name ON organ(region,"   \
	"  name, id);"

/* An inspector's finding handed to the competent office for 整改
 * (移交整改, domain/supervision.c): the region whose office issues it
 * (authority_finding_refer), the inspector's proposed requirement and
 * deadline, who handed it over and when. One a finding; IF NOT EXISTS:
 * it may run again. KEY: the key type, T: the text type. */
#define SCHEMA_FINDING_REFERRAL(KEY, T)                                   \
	"CREATE TABLE IF NOT EXISTS finding_referral ("                   \
	"  finding " KEY " PRIMARY KEY REFERENCES finding(key),"          \
	"  region " KEY " NOT NULL REFERENCES region(key),"               \
	"  requirement " T " NOT NULL,"                                   \
	"  deadline " T " NOT NULL,"                                      \
	"  referred_by " T " NOT NULL,"                                   \
	"  referred_at " T " NOT NULL);"                                  \
	"CREATE INDEX IF NOT EXISTS finding_referral_region ON "          \
	"  finding_referral(region, referred_at);"

/* Which regions each write that moves the data version changed
 * (store-refresh.c): a row per region, or one with region '' when the
 * write may change any result. A set made at version V is brought up to
 * date by evaluating again only the regions of the rows after V, unless
 * one of them is ''. Made with a '' row at the version as it stands, so
 * that a set made before the table existed is made anew once. May run
 * again. KEY: the key type, T: the text type. */
#define SCHEMA_DATA_CHANGE(KEY, T)                                        \
	"CREATE TABLE IF NOT EXISTS data_change ("                        \
	"  seq " KEY " NOT NULL,"                                         \
	"  region " T " NOT NULL,"                                        \
	"  PRIMARY KEY (seq, region));"                                   \
	"INSERT INTO data_change(seq, region) SELECT seq, '' FROM"        \
	"  data_version WHERE NOT EXISTS (SELECT 1 FROM data_change);"

/* A result's role kept beside its grade (store-evalset.h), so that the
 * overview counts a set's results from its rows without reading their
 * documents; the sets made before are dropped (a cache: made again). */
#define SCHEMA_EVAL_ROLE(INT)                                             \
	"ALTER TABLE eval_row ADD COLUMN role " INT " NOT NULL DEFAULT -1;" \
	"DELETE FROM eval_tally; DELETE FROM eval_duty; DELETE FROM eval_doc;" \
	"DELETE FROM eval_row; DELETE FROM eval_set;"

/* [documents] The 发文字号 of a report an organ issues (an annual
 * report): numbered per organ and year from 1 without gaps, assigned
 * when the report is signed, in the signature's transaction, never
 * given again (no row is ever deleted: the next is the organ's year's
 * largest plus one). */
#define SCHEMA_DOC_NUMBER(KEY)                                            \
	"CREATE TABLE IF NOT EXISTS doc_number ("                         \
	"  report " KEY " PRIMARY KEY REFERENCES report(key),"            \
	"  organ " KEY " NOT NULL REFERENCES organ(key),"                 \
	"  year integer NOT NULL, seq integer NOT NULL,"                  \
	"  UNIQUE (organ, year, seq));"

/* [documents] A report's 定稿: the 成文日期 fixed with its 发文字号
 * before the leader signs (who and when), and the final PDF uploaded
 * from the edited draft: stored by its SM3 like evidence files, its size,
 * the text pdftotext read from it (what the portal's index holds once it
 * is published), who and when. One row a report, made by the stamp; the
 * file columns change only while the report is a draft, so the final the
 * leader signed stays the one published. T: the text type. */
#define SCHEMA_REPORT_FINAL(KEY, T)                                       \
	"CREATE TABLE IF NOT EXISTS report_final ("                       \
	"  report " KEY " PRIMARY KEY REFERENCES report(key),"            \
	"  dated " T " NOT NULL,"                                         \
	"  stamped_by " T " NOT NULL, stamped_at " T " NOT NULL,"         \
	"  sm3 " T ", size " KEY ", text " T ","                          \
	"  uploaded_by " T ", uploaded_at " T ");"

/* [documents] The 发文字号 of every document an organ issues, not of
 * reports alone (domain/document.c): one numbering per organ and year
 * for all of them, so the table takes a document beside a report — a
 * report's row names the report; another's names its template
 * (`document`, the catalog's id) and what it is about (`subject`,
 * "interviews/itv-…"). report loses its NOT NULL, which SQLite cannot
 * drop in place: the table is made again under a new name and the rows
 * copied (the new constraints' names are new, so PostgreSQL too runs
 * the same statements). issued_on: the day it was issued. */
#define SCHEMA_DOC_NUMBER_DOCS(KEY, TEXT)                                 \
	"CREATE TABLE doc_number_all ("                                   \
	"  report " KEY " UNIQUE REFERENCES report(key),"                 \
	"  document " TEXT ", subject " TEXT ","                          \
	"  organ " KEY " NOT NULL REFERENCES organ(key),"                 \
	"  year integer NOT NULL, seq integer NOT NULL,"                  \
	"  issued_on " TEXT ","                                           \
	"  UNIQUE (organ, year, seq), UNIQUE (document, subject),"        \
	"  CHECK ((report IS NULL) <> (subject IS NULL)),"                \
	"  CHECK ((document IS NULL) = (subject IS NULL)));"              \
	"INSERT INTO doc_number_all(report, organ, year, seq) "           \
	"  SELECT report, organ, year, seq FROM doc_number;"              \
	"DROP TABLE doc_number;"                                          \
	"ALTER TABLE doc_number_all RENAME TO doc_number;"

/* [documents] The portal's search reads the published reports' text
 * folded (base/fold.h: no punctuation, quotation marks or white space,
 * full-width and capitals folded), under the report's key, beside the
 * text as written in report_fts. The reports published before are
 * folded here by the same table as the C code folds the later ones, one
 * replace() per entry over a scratch copy (nested, they would overflow
 * SQLite's parser). May run again (the table made if need be, filled
 * anew). TABLE: the statement that makes report_fold(rowid, title,
 * body) unless it exists. */
#define SCHEMA_FOLD_STEP_(cp, s, sql, to)                                 \
	"UPDATE report_fold_scratch SET title = replace(title, '" sql     \
	"', '" to "'), body = replace(body, '" sql "', '" to "');"
#define SCHEMA_REPORT_FOLD(TABLE)                                         \
	TABLE                                                             \
	"CREATE TEMPORARY TABLE report_fold_scratch AS SELECT rowid AS k, " \
	"  title, body FROM report_fts;"                                  \
	TEXT_FOLD_TABLE(SCHEMA_FOLD_STEP_)                                \
	"DELETE FROM report_fold;"                                        \
	"INSERT INTO report_fold(rowid, title, body) SELECT k, title, body " \
	"  FROM report_fold_scratch;"                                     \
	"DROP TABLE report_fold_scratch;"

#endif
