/*
 * The store's part of messages, the webhook's outbox and reminders
 * (store-messages.h).
 */
#include <stdio.h>
#include <string.h>

#include "store/store-int.h"
#include "store/store-messages.h"

enum {
	S_TO_RECORD,
	S_TO_ORGAN,
	S_TO_PERSON,
	S_ADD,
	S_UNREAD,
	S_COUNT,
	S_LIST,
	S_READ_ONE,
	S_READ_ALL,
	S_OUT_ADD,
	S_OUT_DUE,
	S_OUT_DONE,
	S_OUT_GET,
	S_REMINDER,
	S_OPEN_ORDERS,
	S_OUT_CLAIM,
	S_MINE,
	S_SUBMITTED_COUNT,
	S_SUBMITTED,
	S_SUBMITTED_ALL_COUNT,
	S_SUBMITTED_ALL,
	S_ACCOUNT_ORGANS,
	S_OUT_PRUNE,
	S_SUBMITTED_NEWEST,
	S_TO_OFFICE,
	S_END
};

_Static_assert(SLOT_MESSAGES + S_END <= SLOT_LISTS,
    "store-messages.c: slots");

#define ACCOUNT_COLS "SELECT a.key, a.name FROM account a WHERE a.disabled = 0 "
#define OUT_COLS "SELECT key, kind, body, created, next_at, attempts, " \
	"state, last_error FROM outbox "

#define SUBMITTED_COLS "r.id, r.kind, o.name, r.date, r.title"
#define SUBMITTED_ORDER " ORDER BY r.date DESC, r.key DESC"
/* SQLite is told the index (its planner prefers record_organ_date and a
 * look at every row for the status); PostgreSQL takes it unasked. */
#define SUBMITTED_UNDER(cols, indexed, tail) "SELECT " cols " FROM region g " \
	"JOIN organ o ON o.region = g.key JOIN record r" indexed " ON " \
	"r.organ = o.key WHERE r.status = 'submitted' AND g.path >= ?1 AND " \
	"g.path < ?2" tail
/* The newest of a subtree with many, from the subtree's organs: each
 * organ's newest date (one step down its own index), the limit-th newest
 * of those a floor (the limit newest records are all on or after it:
 * limit organs have one there), then only the records from the floor on.
 * Not down the date index of every region's: there the subtree's records
 * can lie behind every other region's of the same day (a national
 * ledger's keys follow the import, region by region), thousands read
 * for five. */
#define SUBMITTED_NEWEST(indexed, join) "SELECT " SUBMITTED_COLS " FROM " \
	"region g" join "organ o ON o.region = g.key" join "record r" indexed \
	" ON r.organ = o.key AND r.status = 'submitted' AND r.date >= " \
	"coalesce((SELECT (SELECT max(n.date) FROM record n" indexed " WHERE " \
	"n.organ = u.key AND n.status = 'submitted') AS m FROM region h" join \
	"organ u ON u.region = h.key WHERE h.path >= ?1 AND h.path < ?2 " \
	"ORDER BY m DESC NULLS LAST LIMIT 1 OFFSET ?3 - 1), '') WHERE " \
	"g.path >= ?1 AND g.path < ?2" SUBMITTED_ORDER " LIMIT ?3"
#define SUBMITTED_ALL(indexed) "SELECT " SUBMITTED_COLS " FROM record r" \
	indexed " JOIN organ o ON o.key = r.organ WHERE r.status = " \
	"'submitted'" SUBMITTED_ORDER " LIMIT ?1"

static const char *const sql[S_END] = {
	/* A returned record's: who entered it, who last edited it, and the
	 * clerks of its organ (who fix what another clerk entered). */
	[S_TO_RECORD] = ACCOUNT_COLS "AND (a.name IN (SELECT w.created_by "
	    "FROM record_author w JOIN record r ON r.key = w.record WHERE "
	    "r.id = ?1 UNION SELECT w.edited_by FROM record_author w JOIN "
	    "record r ON r.key = w.record WHERE r.id = ?1) OR (a.role = "
	    "'clerk' AND a.organ = (SELECT organ FROM record WHERE id = ?1))) "
	    "ORDER BY a.key",
	[S_TO_ORGAN] = ACCOUNT_COLS "AND a.organ = (SELECT key FROM organ "
	    "WHERE id = ?1) ORDER BY a.key",
	[S_TO_OFFICE] = ACCOUNT_COLS "AND a.role = 'office' AND a.region = "
	    "(SELECT key FROM region WHERE path = ?1) ORDER BY a.key",
	[S_TO_PERSON] = ACCOUNT_COLS "AND a.role = 'leader' AND a.person = "
	    "(SELECT key FROM person WHERE id = ?1) ORDER BY a.key",
	[S_ADD] = "INSERT INTO message(account, kind, title, body, link, "
	    "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[S_UNREAD] = "SELECT count(*) FROM message WHERE account = ?1 AND "
	    "read_at IS NULL",
	[S_COUNT] = "SELECT count(*) FROM message WHERE account = ?1",
	[S_LIST] = "SELECT key, account, kind, title, body, link, created_at, "
	    "read_at FROM message WHERE account = ?1 ORDER BY key DESC "
	    "LIMIT ?2 OFFSET ?3",
	[S_READ_ONE] = "UPDATE message SET read_at = ?3 WHERE account = ?1 "
	    "AND key = ?2 AND read_at IS NULL",
	[S_READ_ALL] = "UPDATE message SET read_at = ?2 WHERE account = ?1 "
	    "AND read_at IS NULL",
	[S_OUT_ADD] = "INSERT INTO outbox(kind, body, created, next_at) "
	    "VALUES (?1, ?2, ?3, ?3)",
	[S_OUT_DUE] = OUT_COLS "WHERE state = 'queued' AND next_at <= ?1 "
	    "ORDER BY next_at, key LIMIT ?2",
	[S_OUT_DONE] = "UPDATE outbox SET state = ?2, attempts = ?3, "
	    "next_at = ?4, last_error = ?5 WHERE key = ?1",
	[S_OUT_GET] = OUT_COLS "WHERE key = ?1",
	[S_REMINDER] = "INSERT INTO reminder(ref, sent_on) VALUES (?1, ?2) "
	    "ON CONFLICT (ref) DO NOTHING",
	[S_OPEN_ORDERS] = "SELECT x.id, o.id, o.name, x.requirement, "
	    "x.deadline FROM rectification x JOIN organ o ON o.key = x.organ "
	    "WHERE x.status IN ('issued','in_progress') AND x.deadline <= ?1 "
	    "ORDER BY x.deadline, x.id",
	/* One sender's claim on a due entry for lease seconds: another
	 * server on the same database leaves it alone meanwhile. */
	[S_OUT_CLAIM] = "UPDATE outbox SET next_at = ?3 WHERE key = ?1 AND "
	    "state = 'queued' AND next_at <= ?2",
	[S_MINE] = "SELECT count(*) FROM message WHERE account = ?1 AND "
	    "key = ?2",
	/* The records awaiting verification in a subtree (?1, ?2) or in
	 * all: counted and listed through the partial indexes of
	 * SCHEMA_MESSAGES, from the subtree's organs or, for all, newest
	 * first. The status is a literal, as the indexes' WHERE. */
	[S_SUBMITTED_COUNT] = SUBMITTED_UNDER("count(*)",
	    " INDEXED BY record_submitted", ""),
	[S_SUBMITTED] = SUBMITTED_UNDER(SUBMITTED_COLS,
	    " INDEXED BY record_submitted", SUBMITTED_ORDER " LIMIT ?3"),
	[S_SUBMITTED_ALL_COUNT] = "SELECT count(*) FROM record r WHERE "
	    "r.status = 'submitted'",
	[S_SUBMITTED_ALL] = SUBMITTED_ALL(" INDEXED BY record_submitted_date"),
	[S_ACCOUNT_ORGANS] = "SELECT DISTINCT o.id FROM account a JOIN organ o "
	    "ON o.key = a.organ WHERE a.disabled = 0 ORDER BY o.id",
	/* Entries done with (sent, failed, let go) whose last attempt is
	 * before ?1, and queued ones created before ?2: those no sender ran
	 * for (serve without a webhook_url, `lvzhi remind` from cron). */
	[S_OUT_PRUNE] = "DELETE FROM outbox WHERE (state IN ('sent', "
	    "'failed', 'expired') AND next_at < ?1) OR (state = 'queued' AND "
	    "created < ?2)",
	[S_SUBMITTED_NEWEST] = SUBMITTED_NEWEST(" INDEXED BY record_submitted",
	    " CROSS JOIN "),
};

static const char *const sql_pg[S_END] = {
	[S_SUBMITTED_COUNT] = SUBMITTED_UNDER("count(*)", "", ""),
	[S_SUBMITTED] = SUBMITTED_UNDER(SUBMITTED_COLS, "",
	    SUBMITTED_ORDER " LIMIT ?3"),
	[S_SUBMITTED_ALL] = SUBMITTED_ALL(""),
	[S_SUBMITTED_NEWEST] = SUBMITTED_NEWEST("", " JOIN "),
};

static struct db_stmt *
stmt(struct store *s, int id)
{
	return store_stmt(s, SLOT_MESSAGES + id, store_sql(s, sql[id],
	    sql_pg[id]));
}

struct accounts {
	int (*cb)(void *, int64_t, const char *);
	void *ctx;
};

static int
account_row(struct db_stmt *st, void *cb, void *ctx)
{
	struct accounts *a = ctx;
	(void)cb;
	const char *name = db_col_text(st, 1);
	return a->cb(a->ctx, db_col_int64(st, 0), name ? name : "");
}

int
store_message_accounts(struct store *s, enum store_to to, const char *ref,
    int (*cb)(void *, int64_t, const char *), void *ctx)
{
	struct accounts a = { cb, ctx };
	int slot = to == STORE_TO_RECORD ? S_TO_RECORD : to == STORE_TO_ORGAN ?
	    S_TO_ORGAN : to == STORE_TO_OFFICE ? S_TO_OFFICE : S_TO_PERSON;
	return store_each(s, stmt(s, slot), "message accounts", account_row,
	    NULL, &a, DB_ARGS(DB_TEXT(ref)));
}

int
store_message_add(struct store *s, const struct store_message *m)
{
	return store_add(s, stmt(s, S_ADD), "message", DB_ARGS(
	    DB_INT64(m->account), DB_TEXT(m->kind), DB_TEXT(m->title),
	    DB_TEXT(m->body), DB_TEXT(m->link), DB_TEXT(m->created_at)));
}

static long
count_of(struct store *s, int slot, int64_t account)
{
	long n = 0;
	if (store_one(s, stmt(s, slot), "messages", store_count_row, NULL, &n,
	    DB_ARGS(DB_INT64(account))) < 0)
		return -1;
	return n;
}

long
store_message_unread(struct store *s, int64_t account)
{
	return count_of(s, S_UNREAD, account);
}

long
store_message_count(struct store *s, int64_t account)
{
	return count_of(s, S_COUNT, account);
}

/* A message's row, column by column in S_LIST's order. */
#define F(m, type) STORE_COL(struct store_message, m, type)
static const struct attr message_cols[] = {
	F(key, ATTR_INT64), F(account, ATTR_INT64), F(kind, ATTR_TEXT),
	F(title, ATTR_TEXT), F(body, ATTR_TEXT), F(link, ATTR_TEXT),
	F(created_at, ATTR_TEXT), F(read_at, ATTR_TEXT),
};
#undef F
const struct entity store_message_entity = ENTITY("message",
    message_cols);

STORE_ENTITY_ROW(message_row, struct store_message, &store_message_entity)

int
store_each_message(struct store *s, int64_t account, int limit, int offset,
    int (*cb)(void *, const struct store_message *), void *ctx)
{
	return store_each(s, stmt(s, S_LIST), "messages", message_row,
	    (void *)cb, ctx, DB_ARGS(DB_INT64(account),
	    STORE_PAGE(limit, offset)));
}

int
store_message_mine(struct store *s, int64_t account, int64_t key)
{
	long n = 0;
	if (store_one(s, stmt(s, S_MINE), "message", store_count_row, NULL, &n,
	    DB_ARGS(DB_INT64(account), DB_INT64(key))) < 0)
		return -1;
	return n > 0;
}

long
store_message_read(struct store *s, int64_t account, int64_t key,
    const char *now)
{
	if (key > 0)
		return store_change(s, stmt(s, S_READ_ONE), "message read",
		    DB_ARGS(DB_INT64(account), DB_INT64(key), DB_TEXT(now)));
	return store_change(s, stmt(s, S_READ_ALL), "messages read",
	    DB_ARGS(DB_INT64(account), DB_TEXT(now)));
}

long
store_outbox_prune(struct store *s, int64_t before, int64_t stale)
{
	if (store_exec(s, stmt(s, S_OUT_PRUNE), "outbox prune",
	    DB_ARGS(DB_INT64(before), DB_INT64(stale))))
		return -1;
	return (long)db_changes(s->conn);
}

int
store_outbox_add(struct store *s, const char *kind, const char *body,
    int64_t now)
{
	if (s->outbox_off)
		return 0;
	return store_add(s, stmt(s, S_OUT_ADD), "outbox", DB_ARGS(
	    DB_TEXT(kind), DB_TEXT(body), DB_INT64(now)));
}

void
store_outbox_enable(struct store *s, int on)
{
	s->outbox_off = !on;
}

#define F(m, type) STORE_COL(struct store_outbox, m, type)
static const struct attr outbox_cols[] = {
	F(key, ATTR_INT64), F(kind, ATTR_TEXT), F(body, ATTR_TEXT),
	F(created, ATTR_INT64), F(next_at, ATTR_INT64), F(attempts, ATTR_INT),
	F(state, ATTR_TEXT), F(last_error, ATTR_TEXT),
};
#undef F
static const struct entity outbox_row_entity = ENTITY("outbox", outbox_cols);

STORE_ENTITY_ROW(outbox_row, struct store_outbox, &outbox_row_entity)

int
store_outbox_due(struct store *s, int64_t now, int limit,
    int (*cb)(void *, const struct store_outbox *), void *ctx)
{
	return store_each(s, stmt(s, S_OUT_DUE), "outbox", outbox_row,
	    (void *)cb, ctx, DB_ARGS(DB_INT64(now), DB_INT(limit)));
}

int
store_outbox_done(struct store *s, int64_t key, const char *state,
    int attempts, int64_t next_at, const char *error)
{
	return store_change(s, stmt(s, S_OUT_DONE), "outbox", DB_ARGS(
	    DB_INT64(key), DB_TEXT(state), DB_INT(attempts), DB_INT64(next_at),
	    DB_TEXT(error))) < 0 ? -1 : 0;
}

int
store_outbox_get(struct store *s, int64_t key,
    int (*cb)(void *, const struct store_outbox *), void *ctx)
{
	return store_one(s, stmt(s, S_OUT_GET), "outbox", outbox_row,
	    (void *)cb, ctx, DB_ARGS(DB_INT64(key)));
}

int
store_reminder_once(struct store *s, const char *ref, date_t day)
{
	return store_change(s, stmt(s, S_REMINDER), "reminder",
	    DB_ARGS(DB_TEXT(ref), DB_DATE(day)));
}

#define F(m, type) STORE_COL(struct store_open_order, m, type)
static const struct attr order_cols[] = {
	F(id, ATTR_TEXT), F(organ, ATTR_TEXT), F(organ_name, ATTR_TEXT),
	F(requirement, ATTR_TEXT), F(deadline, ATTR_TEXT),
};
#undef F
static const struct entity order_row_entity = ENTITY("open order",
    order_cols);

STORE_ENTITY_ROW(order_row, struct store_open_order, &order_row_entity)

int
store_each_open_order(struct store *s, date_t until,
    int (*cb)(void *, const struct store_open_order *), void *ctx)
{
	return store_each(s, stmt(s, S_OPEN_ORDERS), "open orders", order_row,
	    (void *)cb, ctx, DB_ARGS(DB_DATE(until)));
}

int
store_outbox_claim(struct store *s, int64_t key, int64_t now, int64_t until)
{
	return store_change(s, stmt(s, S_OUT_CLAIM), "outbox claim", DB_ARGS(
	    DB_INT64(key), DB_INT64(now), DB_INT64(until)));
}

#define F(m, type) STORE_COL(struct store_ledger_row, m, type)
static const struct attr submitted_cols[] = {
	F(id, ATTR_TEXT), F(kind, ATTR_TEXT), F(organ_name, ATTR_TEXT),
	F(date, ATTR_TEXT), F(title, ATTR_TEXT),
};
#undef F
static const struct entity submitted_row_entity = ENTITY("submitted record",
    submitted_cols);

STORE_ENTITY_ROW(submitted_row, struct store_ledger_row,
    &submitted_row_entity)

long
store_count_submitted(struct store *s, const char *path)
{
	long n = 0;
	char end[512];
	int rc;
	if (path == NULL || *path == '\0')
		rc = store_one(s, stmt(s, S_SUBMITTED_ALL_COUNT), "submitted",
		    store_count_row, NULL, &n, 0, NULL);
	else {
		store_path_end(path, end, sizeof end);
		rc = store_one(s, stmt(s, S_SUBMITTED_COUNT), "submitted",
		    store_count_row, NULL, &n, DB_ARGS(DB_TEXT(path),
		    DB_TEXT(end)));
	}
	return rc < 0 ? -1 : n;
}

int
store_each_submitted(struct store *s, const char *path, long many, int limit,
    int (*cb)(void *, const struct store_ledger_row *), void *ctx)
{
	char end[512];
	if (path == NULL || *path == '\0')
		return store_each(s, stmt(s, S_SUBMITTED_ALL), "submitted",
		    submitted_row, (void *)cb, ctx, DB_ARGS(DB_INT(limit)));
	store_path_end(path, end, sizeof end);
	/* Many in the subtree: from each organ's newest (about one index
	 * step an organ, and the records of the newest days); few: all of
	 * them from their organs' index, then sorted. */
	return store_each(s, stmt(s, many >= SUBMITTED_MANY ?
	    S_SUBMITTED_NEWEST : S_SUBMITTED), "submitted", submitted_row,
	    (void *)cb, ctx, DB_ARGS(DB_TEXT(path), DB_TEXT(end),
	    DB_INT(limit)));
}

static int
text_row(struct db_stmt *st, void *cb, void *ctx)
{
	const char *v = db_col_text(st, 0);
	return ((int (*)(void *, const char *))cb)(ctx, v ? v : "");
}

int
store_account_organs(struct store *s, int (*cb)(void *, const char *),
    void *ctx)
{
	return store_each(s, stmt(s, S_ACCOUNT_ORGANS), "account organs",
	    text_row, (void *)cb, ctx, 0, NULL);
}
