/*
 * The store's accountability cases (store-cases.h): tables acase and acase_event of
 * migration 3, statements in slots SLOT_CASES.. . A waiver of statement
 * and defence has no column: it is an event (action "waive") and the row
 * reports it as `waived`, so the history is its one record.
 */
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include "store/store-cases.h"
#include "store/store-int.h"

enum {
	C_ADD = SLOT_CASES,
	C_UPDATE,
	C_EVENT_ADD,
	C_GET,
	C_LIST,
	C_COUNT,
	C_EVENTS,
	C_BY_REF,
	C_COUNT_PREFIX,
	C_END
};

_Static_assert((int)C_END <= (int)SLOT_REPORTS, "statement slots");

#define CASE_COLS \
	"SELECT c.key, c.id, c.target, p.id, p.name, o.id, o.name, g.code, " \
	"g.name, g.path, c.item, c.source, c.source_ref, c.year, c.summary, " \
	"c.state, c.investigation, c.statement, EXISTS (SELECT 1 FROM " \
	"acase_event e WHERE e.acase = c.key AND e.action = 'waive'), " \
	"c.decision_form, c.decision, c.decided_on, c.execution, " \
	"c.executed_on, c.appeal, c.appeal_on, c.appeal_result, " \
	"c.created_by, (SELECT e.actor FROM acase_event e WHERE e.acase = " \
	"c.key AND e.action = 'transition' AND e.to_state = 'statement' " \
	"ORDER BY e.key DESC LIMIT 1), (SELECT e.actor FROM acase_event e " \
	"WHERE e.acase = c.key AND e.action = 'transition' AND e.to_state = " \
	"'decided' ORDER BY e.key DESC LIMIT 1), c.created_at, c.updated_at, " \
	"(SELECT '〔' || CAST(n.year AS text) || '〕' || CAST(n.seq AS text) " \
	"|| '号' FROM acase_number n WHERE n.acase = c.key) " \
	"FROM acase c JOIN organ o ON o.key = c.organ JOIN region g ON " \
	"g.key = c.region LEFT JOIN person p ON p.key = c.person"
/* ?1 the subtree path and ?2 its end (store_each_under), ?3 the state. */
#define CASE_FILTER " WHERE " STORE_UNDER " AND (?3 IS NULL OR c.state = ?3)"

static const char *const sql[] = {
	[C_ADD - SLOT_CASES] = "INSERT INTO acase(id, target, person, organ, "
	    "item, source, source_ref, year, region, summary, state, "
	    "created_by, created_at) SELECT ?1, ?2, (SELECT key FROM person "
	    "WHERE id = ?3), o.key, ?5, ?6, ?7, ?8, o.region, ?9, ?10, ?11, "
	    "?12 FROM organ o WHERE o.id = ?4",
	[C_UPDATE - SLOT_CASES] = "UPDATE acase SET state = ?2, "
	    "investigation = ?3, statement = ?4, decision_form = ?5, "
	    "decision = ?6, decided_on = ?7, execution = ?8, executed_on = ?9, "
	    "appeal = ?10, appeal_on = ?11, appeal_result = ?12, "
	    "updated_at = ?13 WHERE id = ?1",
	[C_EVENT_ADD - SLOT_CASES] = STORE_EVENT_ADD("acase"),
	[C_GET - SLOT_CASES] = CASE_COLS " WHERE c.id = ?1",
	[C_LIST - SLOT_CASES] = CASE_COLS CASE_FILTER
	    " ORDER BY c.created_at DESC, c.key DESC LIMIT ?4 OFFSET ?5",
	[C_COUNT - SLOT_CASES] = "SELECT count(*) FROM acase c JOIN region g "
	    "ON g.key = c.region" CASE_FILTER,
	[C_EVENTS - SLOT_CASES] = STORE_EVENTS_OF("acase", "c"),
	[C_BY_REF - SLOT_CASES] = "SELECT id FROM acase WHERE source_ref = ?1 "
	    "ORDER BY key LIMIT 1",
	[C_COUNT_PREFIX - SLOT_CASES] = "SELECT count(*) FROM acase WHERE "
	    "substr(id, 1, length(?1)) = ?1",
};

/*
 * A case row and an event row, column by column in the order the SELECTs
 * list them, which is the order of the API's JSON (members without a
 * value left out); ATTR_ADD marks what C_ADD binds (?1..?12, in this
 * order, created_by ?11 before created_at ?12).
 */
#define C(json, column, type, flags, member) { json, column, NULL, type, \
	ATTR_OMIT | (flags), 0, 0, NULL, offsetof(struct store_case, member) }
static const struct attr case_attrs[] = {
	C("key", "c.key", ATTR_INT64, ATTR_HIDE, key),
	C("id", "c.id", ATTR_TEXT, ATTR_ADD, id),
	C("target", "c.target", ATTR_TEXT, ATTR_ADD, target),
	C("person", "person.id", ATTR_TEXT, ATTR_ADD, person),
	C("person_name", "person.name", ATTR_TEXT, 0, person_name),
	C("organ", "organ.id", ATTR_TEXT, ATTR_ADD, organ),
	C("organ_name", "organ.name", ATTR_TEXT, 0, organ_name),
	C("region", "region.code", ATTR_TEXT, 0, region),
	C("region_name", "region.name", ATTR_TEXT, 0, region_name),
	C("region_path", "region.path", ATTR_TEXT, ATTR_HIDE, region_path),
	C("item", "c.item", ATTR_INT, ATTR_ADD, item),
	C("source", "c.source", ATTR_TEXT, ATTR_ADD, source),
	C("source_ref", "c.source_ref", ATTR_TEXT, ATTR_ADD, source_ref),
	C("year", "c.year", ATTR_YEAR, ATTR_ADD, year),
	C("summary", "c.summary", ATTR_TEXT, ATTR_ADD, summary),
	C("state", "c.state", ATTR_TEXT, ATTR_ADD, state),
	C("investigation", "c.investigation", ATTR_TEXT, 0, investigation),
	C("statement", "c.statement", ATTR_TEXT, 0, statement),
	C("statement_waived", "event 'waive'", ATTR_BOOL, 0, waived),
	C("decision_form", "c.decision_form", ATTR_TEXT, 0, decision_form),
	C("decision", "c.decision", ATTR_TEXT, 0, decision),
	C("decided_on", "c.decided_on", ATTR_DAY, 0, decided_on),
	C("execution", "c.execution", ATTR_TEXT, 0, execution),
	C("executed_on", "c.executed_on", ATTR_DAY, 0, executed_on),
	C("appeal", "c.appeal", ATTR_TEXT, 0, appeal),
	C("appeal_on", "c.appeal_on", ATTR_DAY, 0, appeal_on),
	C("appeal_result", "c.appeal_result", ATTR_TEXT, 0, appeal_result),
	C("created_by", "c.created_by", ATTR_TEXT, ATTR_ADD, created_by),
	C("investigated_by", "event to 'statement'", ATTR_TEXT, 0,
	    investigated_by),
	C("decided_by", "event to 'decided'", ATTR_TEXT, 0, decided_by),
	C("created_at", "c.created_at", ATTR_STAMP, ATTR_ADD, created_at),
	C("updated_at", "c.updated_at", ATTR_STAMP, 0, updated_at),
	C("number", "acase_number", ATTR_TEXT, 0, number),
};
#undef C
const struct entity store_case_entity = ENTITY("case", case_attrs);

#define E(json, type, flags, member) { json, "acase_event." json, NULL, \
	type, ATTR_OMIT | (flags), 0, 0, NULL, \
	offsetof(struct store_case_event, member) }
static const struct attr event_attrs[] = {
	E("key", ATTR_INT64, ATTR_HIDE, key),
	E("action", ATTR_TEXT, 0, action),
	E("from", ATTR_TEXT, 0, from),
	E("to", ATTR_TEXT, 0, to),
	E("note", ATTR_TEXT, 0, note),
	E("actor", ATTR_TEXT, 0, actor),
	E("at", ATTR_STAMP, 0, at),
};
#undef E
const struct entity store_case_event_entity = ENTITY("case event",
    event_attrs);

static struct db_stmt *
stmt(struct store *s, int id)
{
	return store_stmt(s, id, sql[id - SLOT_CASES]);
}

/* An INSERT ... SELECT from the kind's row named id, rc its run: 0, or
 * -1 (the run failed, or added nothing: the id was unknown). */
static int
added(struct store *s, int rc, const char *kind, const char *id)
{
	if (rc)
		return -1;
	if (db_changes(s->conn) == 0) {
		snprintf(s->err, sizeof s->err, "unknown %s '%s'", kind,
		    id ? id : "");
		return -1;
	}
	return 0;
}

int
store_case_add(struct store *s, const struct store_case *c)
{
	struct db_stmt *st = stmt(s, C_ADD);
	if (st == NULL)
		return -1;
	store_bind_entity(st, 1, &store_case_entity, c);
	return added(s, store_run(s, st, "case"), "organ", c->organ);
}

int
store_case_update(struct store *s, const struct store_case *c)
{
	return store_change(s, stmt(s, C_UPDATE), "case", DB_ARGS(
	    DB_TEXT(c->id), DB_TEXT(c->state), DB_TEXT(c->investigation),
	    DB_TEXT(c->statement), DB_TEXT(c->decision_form),
	    DB_TEXT(c->decision), DB_DATE(c->decided_on),
	    DB_TEXT(c->execution), DB_DATE(c->executed_on),
	    DB_TEXT(c->appeal), DB_DATE(c->appeal_on),
	    DB_TEXT(c->appeal_result), DB_TEXT(c->updated_at)));
}

int
store_case_event_add(struct store *s, const char *id, const char *action,
    const char *from, const char *to, const char *note, const char *actor,
    const char *at)
{
	return added(s, store_exec(s, stmt(s, C_EVENT_ADD), "case event",
	    DB_ARGS(DB_TEXT(id), DB_TEXT(action), DB_TEXT(from), DB_TEXT(to),
	    DB_TEXT(note), DB_TEXT(actor), DB_TEXT(at))), "case", id);
}

typedef int (*case_cb)(void *, const struct store_case *);
typedef int (*event_cb)(void *, const struct store_case_event *);

STORE_ENTITY_ROW(case_row, struct store_case, &store_case_entity)

int
store_case_get(struct store *s, const char *id, case_cb cb, void *ctx)
{
	return store_one(s, stmt(s, C_GET), "case", case_row, (void *)cb, ctx,
	    DB_ARGS(DB_TEXT(id)));
}

int
store_each_case(struct store *s, const struct store_case_filter *f,
    case_cb cb, void *ctx)
{
	return store_each_under(s, stmt(s, C_LIST), f->path, "cases", case_row,
	    (void *)cb, ctx, DB_ARGS(DB_TEXT(f->state),
	    DB_INT(f->limit > 0 ? f->limit : -1), DB_INT(f->offset)));
}

long
store_count_cases(struct store *s, const struct store_case_filter *f)
{
	long n = -1;
	if (store_each_under(s, stmt(s, C_COUNT), f->path, "cases",
	    store_count_row, NULL, &n, DB_ARGS(DB_TEXT(f->state))))
		return -1;
	return n;
}

STORE_ENTITY_ROW(event_row, struct store_case_event,
    &store_case_event_entity)

int
store_each_case_event(struct store *s, const char *id, event_cb cb,
    void *ctx)
{
	return store_each(s, stmt(s, C_EVENTS), "case events", event_row,
	    (void *)cb, ctx, DB_ARGS(DB_TEXT(id)));
}

int
store_case_by_ref(struct store *s, const char *source_ref, char *id,
    size_t n)
{
	return store_first_text_of(s, stmt(s, C_BY_REF), "case", id, n,
	    DB_ARGS(DB_TEXT(source_ref)));
}

long
store_case_count_prefix(struct store *s, const char *prefix)
{
	long n = -1;
	if (store_each(s, stmt(s, C_COUNT_PREFIX), "cases", store_count_row,
	    NULL, &n, DB_ARGS(DB_TEXT(prefix))))
		return -1;
	return n;
}
