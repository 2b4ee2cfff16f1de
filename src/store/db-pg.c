/*
 * The PostgreSQL driver of the query layer (db.h), over libpq.
 *
 * Statements are prepared on the server once per connection (PQprepare,
 * named "s1", "s2", ...) after their ?N placeholders are rewritten to
 * $N; each run sends its parameters as text, which the server reads by
 * the types it inferred, and fetches the whole result, so that the caller
 * may run other statements on the connection while it walks the rows (an
 * iteration's callback often does). A statement marked with db_stream is
 * read a row at a time instead (libpq's single-row mode), so that a scan
 * of a year's records never holds them all; the connection is then its
 * alone until its last row. A parameter whose type the server cannot
 * infer from the statement (one only tested with IS NULL) is declared
 * text and the statement prepared again.
 *
 * Pipelining (db_pipeline, db_send, db_receive) sends runs without
 * waiting for their answers: libpq's pipeline mode, for an import's
 * upserts, where the round trip and not the server's work was the cost.
 *
 * A broken connection (a restart, a failover) is made again before the
 * next statement, which prepares itself again on it.
 *
 * Writing transactions are serialised as SQLite's are: db_begin takes a
 * transaction-level advisory lock, held to the commit or rollback, so the
 * store's read-then-write steps (the audit chain's next entry, a state
 * move checked against the current state) mean the same on both backends
 * and across any number of servers sharing the database.
 */
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/db-int.h"

/* The largest ?N a statement may use. */
#define PG_PARAMS 32
/* Type OIDs from pg_type.h (server headers are not installed). */
#define OID_BOOL 16
#define OID_TEXT 25
/* The advisory lock key of writing transactions: "lvzhi" in ASCII. */
#define WRITE_LOCK "108118122104105"

struct pdb {
	struct db base;
	PGconn *c;
	char err[512];
	int unique;      /* the last failure was a unique violation */
	int64_t changes; /* rows written by the last INSERT/UPDATE/DELETE */
	unsigned names;  /* statements prepared: the next one's name */
	unsigned connection; /* connections made: 0 the first */
	struct pstmt *streaming; /* a db_stream statement with rows left */
	int piped;       /* in pipeline mode */
	int unsynced;    /* runs sent since the last sync */
	unsigned syncs;  /* syncs sent whose answer is not yet taken */
};

struct pstmt {
	struct db_stmt base;
	char name[16];
	char *text;                /* the SQL with $N, to prepare again */
	Oid types[PG_PARAMS];      /* declared types, 0: the server's */
	unsigned connection;       /* the connection it is prepared on */
	int nparams;
	const char *val[PG_PARAMS];
	char num[PG_PARAMS][32]; /* integers and reals, formatted */
	PGresult *res;           /* the run's rows, or NULL before the run */
	int row, rows;
	int stream;              /* read a row at a time (db_stream) */
	int done;                /* streamed: the last row was read */
};

static struct pdb *
pdb(const struct db *db)
{
	return (struct pdb *)db;
}

static struct pstmt *
pst(struct db_stmt *st)
{
	return (struct pstmt *)st;
}

/* Records a failure: message (without libpq's trailing newline) and
 * whether it was a unique violation; returns -1. */
static int
fail(struct pdb *db, const char *msg, const PGresult *res)
{
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE)
	    : NULL;
	db->unique = state != NULL && strcmp(state, "23505") == 0;
	snprintf(db->err, sizeof db->err, "%s", msg && *msg ? msg :
	    PQerrorMessage(db->c));
	size_t n = strlen(db->err);
	while (n > 0 && (db->err[n - 1] == '\n' || db->err[n - 1] == ' '))
		db->err[--n] = '\0';
	return -1;
}

/* Runs sql, whose rows if any are not wanted; 0, or -1 (fail()). */
static int
command(struct pdb *p, const char *sql)
{
	PGresult *res = PQexec(p->c, sql);
	ExecStatusType rc = PQresultStatus(res);
	int ok = rc == PGRES_COMMAND_OK || rc == PGRES_TUPLES_OK;
	if (!ok)
		fail(p, PQresultErrorMessage(res), res);
	PQclear(res);
	return ok ? 0 : -1;
}

/* What every connection runs first: notices ("relation exists,
 * skipping") are not the user's news. Returns 0 or -1. */
static int
setup(struct pdb *p)
{
	return command(p, "SET client_min_messages = warning");
}

/*
 * After the connection broke (the server restarted, or failed over to a
 * standby that a multi-host URL with target_session_attrs=read-write
 * finds): connect again. Statements prepared on the old connection are
 * prepared again when next run (pstmt.connection). What was running when
 * it broke failed, a transaction with it, and its caller heard so.
 * Returns 0 when connected.
 */
static int
alive(struct pdb *p)
{
	if (PQstatus(p->c) == CONNECTION_OK)
		return 0;
	PQreset(p->c);
	if (PQstatus(p->c) != CONNECTION_OK)
		return fail(p, NULL, NULL);
	p->connection++;
	return setup(p);
}

/* Reads and drops what is left of a streamed run: the connection is
 * free again. */
static void
drain(struct pdb *p)
{
	PGresult *res;
	while ((res = PQgetResult(p->c)) != NULL)
		PQclear(res);
	p->streaming = NULL;
}

/* Whether the connection may run a statement: not while a streamed run
 * has rows left (its rows hold the connection). Returns 0 or -1. */
static int
idle(struct pdb *p)
{
	if (p->streaming == NULL)
		return 0;
	return fail(p, "a statement ran while another's rows were being "
	    "read one at a time", NULL);
}

static const char *
p_error(const struct db *db)
{
	return pdb(db)->err;
}

static int
p_unique_violation(const struct db *db)
{
	return pdb(db)->unique;
}

static int
p_exec(struct db *db, const char *sql)
{
	if (idle(pdb(db)) || alive(pdb(db)))
		return -1;
	return command(pdb(db), sql);
}

static int
p_in_transaction(struct db *db)
{
	PGTransactionStatusType t = PQtransactionStatus(pdb(db)->c);
	return t == PQTRANS_INTRANS || t == PQTRANS_INERROR ||
	    t == PQTRANS_ACTIVE;
}

static int64_t
p_changes(struct db *db)
{
	return pdb(db)->changes;
}

static int64_t
p_last_id(struct db *db)
{
	/* The session's last sequence value: the key the INSERT drew. */
	PGresult *res = PQexec(pdb(db)->c, "SELECT lastval()");
	int64_t id = -1;
	if (PQresultStatus(res) == PGRES_TUPLES_OK && PQntuples(res) == 1)
		id = strtoll(PQgetvalue(res, 0, 0), NULL, 10);
	else
		fail(pdb(db), PQresultErrorMessage(res), res);
	PQclear(res);
	return id;
}

/*
 * Rewrites ?N to $N outside string literals and quoted names into out
 * (n bytes); *max gets the largest N. Returns 0, or -1 when out is too
 * small or N is out of range.
 */
static int
rewrite(const char *sql, char *out, size_t n, int *max)
{
	size_t o = 0;
	char quote = 0;
	*max = 0;
	for (const char *p = sql; *p != '\0'; p++) {
		if (o + 2 >= n)
			return -1;
		if (quote) {
			if (*p == quote)
				quote = 0;
		} else if (*p == '\'' || *p == '"') {
			quote = *p;
		} else if (*p == '?' && p[1] >= '0' && p[1] <= '9') {
			char *end;
			long v = strtol(p + 1, &end, 10);
			if (v < 1 || v > PG_PARAMS)
				return -1;
			if (v > *max)
				*max = (int)v;
			out[o++] = '$';
			p++;
			while (p < end) {
				if (o + 1 >= n)
					return -1;
				out[o++] = *p++;
			}
			p--;
			continue;
		}
		out[o++] = *p;
	}
	out[o] = '\0';
	return 0;
}

/* Which parameter ("$N") an "could not determine data type" error
 * names; 0 when another error. */
static int
untyped_param(const PGresult *res)
{
	const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	const char *msg = PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY);
	/* 42P18 indeterminate_datatype; 42P08 ambiguous_parameter, which
	 * the server reports for the same message in some contexts. */
	if (state == NULL || (strcmp(state, "42P18") != 0 &&
	    strcmp(state, "42P08") != 0) || msg == NULL ||
	    strstr(msg, "could not determine data type") == NULL)
		return 0;
	const char *d = strchr(msg, '$');
	return d != NULL ? atoi(d + 1) : 0;
}

/*
 * Prepares st on the server: the name, the text, the types. A parameter
 * whose type the server cannot tell is retried as text; inside a
 * transaction (a statement first run in a write's checks) each try is
 * guarded by a savepoint, as the refused try would otherwise abort the
 * caller's transaction. Returns 0 or -1.
 */
static int
server_prepare(struct pdb *p, struct pstmt *st)
{
	int in = PQtransactionStatus(p->c) == PQTRANS_INTRANS;
	for (int tries = 0; tries <= PG_PARAMS; tries++) {
		if (in && command(p, "SAVEPOINT lvzhi_prepare"))
			return -1;
		PGresult *res = PQprepare(p->c, st->name, st->text, st->nparams,
		    st->types);
		int ok = PQresultStatus(res) == PGRES_COMMAND_OK;
		int which = ok ? 0 : untyped_param(res);
		if (!ok && (which < 1 || which > st->nparams ||
		    st->types[which - 1] != 0)) {
			fail(p, PQresultErrorMessage(res), res);
			PQclear(res);
			return -1;
		}
		PQclear(res);
		if (in && command(p, ok ? "RELEASE SAVEPOINT lvzhi_prepare" :
		    "ROLLBACK TO SAVEPOINT lvzhi_prepare"))
			return -1;
		if (ok) {
			st->connection = p->connection;
			return 0;
		}
		st->types[which - 1] = OID_TEXT;
	}
	return fail(p, "statement: parameter types", NULL);
}

static struct db_stmt *
p_prepare(struct db *db, const char *sql)
{
	struct pdb *p = pdb(db);
	size_t n = strlen(sql) + 64;
	struct pstmt *st = calloc(1, sizeof *st);
	char *text = malloc(n);
	if (text == NULL || st == NULL) {
		fail(p, "out of memory", NULL);
		goto fail;
	}
	if (rewrite(sql, text, n, &st->nparams)) {
		fail(p, "statement: too many parameters", NULL);
		goto fail;
	}
	st->base.db = db;
	st->text = text;
	st->row = -1;
	snprintf(st->name, sizeof st->name, "s%u", ++p->names);
	if (alive(p) == 0 && server_prepare(p, st) == 0)
		return &st->base;
fail:
	free(text);
	free(st);
	return NULL;
}

static void
p_finalize(struct db_stmt *st)
{
	/* The server's statement goes with the connection. */
	if (pdb(st->db)->streaming == pst(st))
		drain(pdb(st->db));
	PQclear(pst(st)->res);
	free(pst(st)->text);
	free(st);
}

static void
p_reset(struct db_stmt *st)
{
	struct pstmt *p = pst(st);
	if (pdb(st->db)->streaming == p)
		drain(pdb(st->db));
	PQclear(p->res);
	p->res = NULL;
	p->row = -1;
	memset(p->val, 0, sizeof p->val);
}

static void
p_bind_null(struct db_stmt *st, int i)
{
	if (i >= 1 && i <= PG_PARAMS)
		pst(st)->val[i - 1] = NULL;
}

static void
p_bind_text(struct db_stmt *st, int i, const char *v)
{
	if (i >= 1 && i <= PG_PARAMS)
		pst(st)->val[i - 1] = v;
}

static void
p_bind_int64(struct db_stmt *st, int i, int64_t v)
{
	if (i < 1 || i > PG_PARAMS)
		return;
	snprintf(pst(st)->num[i - 1], sizeof pst(st)->num[i - 1], "%lld",
	    (long long)v);
	pst(st)->val[i - 1] = pst(st)->num[i - 1];
}

static void
p_bind_double(struct db_stmt *st, int i, double v)
{
	if (i < 1 || i > PG_PARAMS)
		return;
	/* %.17g reads back as the same double. */
	snprintf(pst(st)->num[i - 1], sizeof pst(st)->num[i - 1], "%.17g", v);
	pst(st)->val[i - 1] = pst(st)->num[i - 1];
}

/* Takes a run's answer into s: its rows (all, or the one of a streamed
 * run), or the failure. Returns 0, or -1 with res cleared. */
static int
took(struct pdb *p, struct pstmt *s, PGresult *res)
{
	ExecStatusType rc = PQresultStatus(res);
	if (rc != PGRES_COMMAND_OK && rc != PGRES_TUPLES_OK &&
	    rc != PGRES_SINGLE_TUPLE) {
		if (rc == PGRES_PIPELINE_ABORTED)
			fail(p, "an earlier statement of the pipeline failed",
			    NULL);
		else
			fail(p, PQresultErrorMessage(res), res);
		PQclear(res);
		return -1;
	}
	const char *cmd = PQcmdStatus(res);
	if (strncmp(cmd, "INSERT", 6) == 0 || strncmp(cmd, "UPDATE", 6) == 0 ||
	    strncmp(cmd, "DELETE", 6) == 0)
		p->changes = strtoll(PQcmdTuples(res), NULL, 10);
	p->unique = 0;
	s->res = res;
	s->rows = PQntuples(res);
	s->row = 0;
	return 0;
}

/* A streamed run's next row: DB_ROW, DB_DONE or -1. In single-row mode
 * each row comes as a result of its own, the end as an empty one. */
static int
stream_next(struct pdb *p, struct pstmt *s)
{
	PQclear(s->res);
	s->res = NULL;
	PGresult *res = PQgetResult(p->c);
	if (res == NULL) {
		p->streaming = NULL;
		return fail(p, "a streamed statement ended without an answer",
		    NULL);
	}
	int single = PQresultStatus(res) == PGRES_SINGLE_TUPLE;
	if (took(p, s, res) == 0 && single)
		return DB_ROW;
	drain(p);
	s->done = 1;
	return s->res != NULL ? DB_DONE : -1;
}

/* Starts a streamed run; its first row, DB_DONE or -1. */
static int
stream_start(struct pdb *p, struct pstmt *s)
{
	if (!PQsendQueryPrepared(p->c, s->name, s->nparams, s->val, NULL,
	    NULL, 0))
		return fail(p, NULL, NULL);
	if (!PQsetSingleRowMode(p->c)) {
		drain(p);
		return fail(p, "single-row mode refused", NULL);
	}
	p->streaming = s;
	s->done = 0;
	return stream_next(p, s);
}

static int
p_step(struct db_stmt *st)
{
	struct pstmt *s = pst(st);
	struct pdb *p = pdb(st->db);
	if (s->res == NULL) {
		if (idle(p) || alive(p) || (s->connection != p->connection &&
		    server_prepare(p, s)))
			return -1;
		if (s->stream)
			return stream_start(p, s);
		if (took(p, s, PQexecPrepared(p->c, s->name, s->nparams, s->val,
		    NULL, NULL, 0)))
			return -1;
	} else if (s->stream) {
		return s->done ? DB_DONE : stream_next(p, s);
	} else if (s->row < s->rows) {
		s->row++;
	}
	return s->row < s->rows ? DB_ROW : DB_DONE;
}

static void
p_stream(struct db_stmt *st)
{
	pst(st)->stream = 1;
}

/* A sync ends each group of sent runs: the server answers up to it,
 * and a failed run aborts the rest of its group only. */
static int
sync_now(struct pdb *p)
{
	if (!PQpipelineSync(p->c))
		return fail(p, NULL, NULL);
	p->unsynced = 0;
	p->syncs++;
	return 0;
}

/*
 * Sent runs wait in the socket, their answers too: the caller bounds how
 * many it sends before it receives (the import: a few hundred upserts,
 * whose answers are some 50 bytes each), so that the server never blocks
 * writing answers nobody reads while the client blocks sending.
 */
static int
p_pipeline(struct db *db, int on)
{
	struct pdb *p = pdb(db);
	if (on) {
		if (idle(p) || alive(p))
			return -1;
		if (!PQenterPipelineMode(p->c))
			return fail(p, NULL, NULL);
		p->piped = 1;
		return 0;
	}
	if (!p->piped)
		return 0;
	int rc = p->unsynced ? sync_now(p) : 0;
	/* Answers not received (after a failure) are read and dropped. */
	while (p->syncs > 0 && PQstatus(p->c) == CONNECTION_OK) {
		PGresult *res = PQgetResult(p->c);
		if (res != NULL && PQresultStatus(res) == PGRES_PIPELINE_SYNC)
			p->syncs--;
		PQclear(res);
	}
	p->syncs = 0;
	p->piped = 0;
	if (!PQexitPipelineMode(p->c))
		return fail(p, NULL, NULL);
	return rc;
}

static int
p_send(struct db_stmt *st)
{
	struct pstmt *s = pst(st);
	struct pdb *p = pdb(st->db);
	if (!p->piped || s->connection != p->connection)
		return fail(p, "a statement sent outside a pipeline, or not "
		    "prepared on its connection", NULL);
	if (!PQsendQueryPrepared(p->c, s->name, s->nparams, s->val, NULL,
	    NULL, 0))
		return fail(p, NULL, NULL);
	p->unsynced = 1;
	return 0;
}

static int
p_receive(struct db_stmt *st)
{
	struct pstmt *s = pst(st);
	struct pdb *p = pdb(st->db);
	PQclear(s->res);
	s->res = NULL;
	s->row = -1;
	if (p->unsynced && sync_now(p))
		return -1;
	PGresult *res;
	while ((res = PQgetResult(p->c)) != NULL &&
	    PQresultStatus(res) == PGRES_PIPELINE_SYNC) {
		p->syncs--;
		PQclear(res);
	}
	if (res == NULL)
		return fail(p, "no answer waiting in the pipeline", NULL);
	/* Each run's answer ends with a NULL result. */
	PQclear(PQgetResult(p->c));
	if (took(p, s, res))
		return -1;
	return s->rows > 0 ? DB_ROW : DB_DONE;
}

static int
p_col_null(struct db_stmt *st, int i)
{
	struct pstmt *s = pst(st);
	return s->res == NULL || s->row >= s->rows ||
	    PQgetisnull(s->res, s->row, i);
}

static const char *
p_col_text(struct db_stmt *st, int i)
{
	struct pstmt *s = pst(st);
	return p_col_null(st, i) ? NULL : PQgetvalue(s->res, s->row, i);
}

static int64_t
p_col_int64(struct db_stmt *st, int i)
{
	const char *v = p_col_text(st, i);
	if (v == NULL)
		return 0;
	/* A condition selected as a column reads as 1 or 0, as SQLite's. */
	if (PQftype(pst(st)->res, i) == OID_BOOL)
		return v[0] == 't';
	return strtoll(v, NULL, 10);
}

static double
p_col_double(struct db_stmt *st, int i)
{
	const char *v = p_col_text(st, i);
	return v != NULL ? strtod(v, NULL) : 0;
}

static void
p_close(struct db *db)
{
	PQfinish(pdb(db)->c);
	free(db);
}

static int
p_begin(struct db *db)
{
	return p_exec(db, "BEGIN; SELECT pg_advisory_xact_lock("
	    WRITE_LOCK ")");
}

/* A snapshot for the whole transaction, as SQLite's read transaction
 * gives, and no advisory lock: readers never wait for writers. */
static int
p_begin_read(struct db *db)
{
	return p_exec(db, "BEGIN ISOLATION LEVEL REPEATABLE READ");
}

/* After a failed statement PostgreSQL answers COMMIT with a rollback and
 * no error: the caller must hear that nothing was written. */
static int
p_commit(struct db *db)
{
	if (PQtransactionStatus(pdb(db)->c) == PQTRANS_INERROR) {
		p_exec(db, "ROLLBACK");
		snprintf(pdb(db)->err, sizeof pdb(db)->err, "a statement of the "
		    "transaction failed: rolled back");
		return -1;
	}
	return p_exec(db, "COMMIT");
}

static const struct db_driver driver = {
	.close = p_close,
	.error = p_error,
	.unique_violation = p_unique_violation,
	.exec = p_exec,
	.begin = p_begin,
	.begin_read = p_begin_read,
	.commit = p_commit,
	.in_transaction = p_in_transaction,
	.changes = p_changes,
	.last_id = p_last_id,
	.prepare = p_prepare,
	.finalize = p_finalize,
	.reset = p_reset,
	.bind_null = p_bind_null,
	.bind_text = p_bind_text,
	.bind_int64 = p_bind_int64,
	.bind_double = p_bind_double,
	.step = p_step,
	.stream = p_stream,
	.pipeline = p_pipeline,
	.send = p_send,
	.receive = p_receive,
	.col_null = p_col_null,
	.col_int64 = p_col_int64,
	.col_double = p_col_double,
	.col_text = p_col_text,
};

/*
 * Creates the database a failed connection asked for, through the
 * server's maintenance database "postgres", unless it exists (then the
 * failure was another). Returns 0 when created, -1 with err filled.
 */
static int
create_database(const char *url, const char *name, char *err, size_t errlen)
{
	const char *const keys[] = { "dbname", "dbname", NULL };
	const char *const vals[] = { url, "postgres", NULL };
	PGconn *c = PQconnectdbParams(keys, vals, 1);
	int rc = -1;
	if (PQstatus(c) != CONNECTION_OK) {
		snprintf(err, errlen, "%s", PQerrorMessage(c));
		PQfinish(c);
		return -1;
	}
	const char *param[] = { name };
	PGresult *res = PQexecParams(c, "SELECT 1 FROM pg_database WHERE "
	    "datname = $1", 1, NULL, param, NULL, NULL, 0);
	int exists = PQresultStatus(res) != PGRES_TUPLES_OK ||
	    PQntuples(res) > 0;
	PQclear(res);
	/* A name cannot be a bound parameter of CREATE DATABASE: it is
	 * quoted by libpq instead. */
	char *ident = exists ? NULL : PQescapeIdentifier(c, name,
	    strlen(name));
	if (ident != NULL) {
		char sql[256];
		if (snprintf(sql, sizeof sql, "CREATE DATABASE %s", ident) <
		    (int)sizeof sql) {
			res = PQexec(c, sql);
			rc = PQresultStatus(res) == PGRES_COMMAND_OK ? 0 : -1;
			if (rc)
				snprintf(err, errlen, "%s",
				    PQresultErrorMessage(res));
			PQclear(res);
		}
		PQfreemem(ident);
	}
	PQfinish(c);
	return rc;
}

/* Connects, creating the database first when allowed and missing. */
static PGconn *
pg_connect(const char *url, int create, char *err, size_t errlen)
{
	PGconn *c = PQconnectdb(url);
	if (PQstatus(c) == CONNECTION_OK)
		return c;
	snprintf(err, errlen, "%s", PQerrorMessage(c));
	char name[128];
	const char *db = PQdb(c);
	int known = db != NULL && snprintf(name, sizeof name, "%s", db) <
	    (int)sizeof name;
	PQfinish(c);
	if (!create || !known)
		return NULL;
	char why[512];
	if (create_database(url, name, why, sizeof why))
		return NULL; /* the first error says why */
	c = PQconnectdb(url);
	if (PQstatus(c) == CONNECTION_OK)
		return c;
	snprintf(err, errlen, "%s", PQerrorMessage(c));
	PQfinish(c);
	return NULL;
}

struct db *
db_pg_open(const char *url, int create, char *err, size_t errlen)
{
	struct pdb *db = db_new(sizeof *db, &driver, DB_POSTGRES, err, errlen);
	if (db == NULL)
		return NULL;
	db->c = pg_connect(url, create, db->err, sizeof db->err);
	if (db->c == NULL) {
		size_t n = strlen(db->err);
		while (n > 0 && (db->err[n - 1] == '\n' || db->err[n - 1] == ' '))
			db->err[--n] = '\0';
		/* The hint fits only a missing database: after a refused
		 * connection or a wrong password it would send the
		 * administrator the wrong way. The server's message is
		 * matched in English, Debian's default lc_messages; another
		 * language just loses the hint. */
		int missing = strstr(db->err, "database \"") != NULL &&
		    strstr(db->err, "\" does not exist") != NULL;
		snprintf(err, errlen, "PostgreSQL: %s%s", db->err,
		    !create && missing ? " (create it with 'lvzhi init')" :
		    "");
		free(db);
		return NULL;
	}
	if (setup(db)) {
		snprintf(err, errlen, "PostgreSQL: %s", db->err);
		p_close(&db->base);
		return NULL;
	}
	return &db->base;
}
