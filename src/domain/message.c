/*
 * Messages and deadline reminders (message.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "audit/audit.h"
#include "base/sm3.h"
#include "domain/message.h"
#include "engine/warn.h"

/* Recipients of one message, as store_message_accounts hands them. */
struct recipients {
	json_t *names; /* [{key, name}] */
	int n;
};

static int
recipient(void *ctx, int64_t account, const char *name)
{
	struct recipients *r = ctx;
	/* The rows are written after the SELECT ends: a statement still
	 * stepping and an INSERT on the same connection do not mix on
	 * every backend. Keys are collected here. */
	json_array_append_new(r->names, json_pack("{s:I, s:s}", "key",
	    (json_int_t)account, "name", name));
	r->n++;
	return 0;
}

int
message_send(struct store *s, struct arena *a, enum store_to to,
    const char *ref, const struct message_text *m)
{
	char now[32];
	date_utc_now(now);
	struct recipients r = { .names = json_array() };
	if (r.names == NULL)
		return -1;
	if (store_message_accounts(s, to, ref, recipient, &r)) {
		json_decref(r.names);
		return -1;
	}
	if (r.n == 0) {
		json_decref(r.names);
		return 0;
	}
	struct store_message msg = { .kind = m->kind, .title = m->title,
		.body = m->body, .link = m->link, .created_at = now };
	json_t *who = json_array();
	size_t i;
	json_t *v;
	json_array_foreach(r.names, i, v) {
		msg.account = (int64_t)json_integer_value(json_object_get(v,
		    "key"));
		json_array_append(who, json_object_get(v, "name"));
		if (store_message_add(s, &msg)) {
			json_decref(who);
			json_decref(r.names);
			return -1;
		}
	}
	json_decref(r.names);
	/* The webhook's entry: the message as data, and msgtype/text in the
	 * form 钉钉's and 企业微信's group robots take as they are. */
	const char *content = arena_printf(a, "【履职】%s:%s", m->title,
	    m->body);
	json_t *doc = json_pack("{s:s, s:s, s:s, s:s, s:o, s:s, s:s, "
	    "s:{s:s}}", "kind", m->kind, "title", m->title, "body", m->body,
	    "link", m->link, "recipients", who, "created_at", now, "msgtype",
	    "text", "text", "content", content);
	char *text = doc ? json_dumps(doc, JSON_COMPACT | JSON_SORT_KEYS) :
	    NULL;
	json_decref(doc);
	int rc = text == NULL || store_outbox_add(s, m->kind, text,
	    (int64_t)time(NULL));
	free(text);
	return rc ? -1 : r.n;
}

/* ---- the events ---- */

struct returned {
	struct dom *d;
	const char *title, *organ_name, *date, *kind;
};

static int
returned_row(void *ctx, const struct store_ledger_row *row)
{
	struct returned *w = ctx;
	w->title = dom_strdup(w->d, row->title);
	w->organ_name = dom_strdup(w->d, row->organ_name);
	w->date = dom_strdup(w->d, row->date);
	w->kind = dom_strdup(w->d, row->kind);
	return 0;
}

int
message_record_returned(struct dom *d, const char *id, const char *note)
{
	struct returned w = { .d = d };
	if (store_ledger_get(d->store, id, returned_row, &w) != 1)
		return -1;
	int k = catalog_kind_find(d->catalog, w.kind);
	const char *what = w.title && *w.title ? w.title : k >= 0 ?
	    d->catalog->kinds[k].label : "台账记录";
	date_t day;
	char cn[32] = "";
	if (w.date && date_parse(w.date, &day) == 0)
		date_format_cn(day, cn);
	struct message_text m = { .kind = "record.returned",
		.title = "台账记录被退回",
		.body = arena_printf(d->arena, "%s %s「%s」被退回,请修改后重新"
		    "报送。退回理由:%s", w.organ_name ? w.organ_name : "", cn,
		    what, note ? note : ""),
		.link = arena_printf(d->arena, "/ledger/%s", id) };
	return message_send(d->store, d->arena, STORE_TO_RECORD, id, &m) < 0 ?
	    -1 : 0;
}

/* A message about organ's work to do by deadline (YYYY-MM-DD, written
 * in Chinese between lead and end) to `to` and ref: "机构:requirement。"
 * then the deadline. 0, or -1 (no such organ, or the store's). */
static int
deadline_message(struct dom *d, const char *organ, const char *requirement,
    const char *deadline, const char *lead, const char *end,
    enum store_to to, const char *ref, struct message_text *m)
{
	struct store_organ_info o;
	date_t day;
	char cn[32] = "";
	if (date_parse(deadline, &day) == 0)
		date_format_cn(day, cn);
	if (store_organ_info(d->store, organ, &o) != 1)
		return -1;
	m->body = arena_printf(d->arena, "%s:%s。%s%s%s", o.name, requirement,
	    lead, cn, end);
	return message_send(d->store, d->arena, to, ref, m) < 0 ? -1 : 0;
}

int
message_rect_issued(struct dom *d, const char *id, const char *organ,
    const char *requirement, const char *deadline)
{
	struct message_text m = { .kind = "rectification.issued",
		.title = "整改通知",
		.link = arena_printf(d->arena, "/supervision/rectifications/%s",
		    id) };
	return deadline_message(d, organ, requirement, deadline, "整改期限 ",
	    "。", STORE_TO_ORGAN, organ, &m);
}

int
message_finding_referred(struct dom *d, const char *id,
    const char *inspection, const char *organ, const char *path,
    const char *requirement, const char *deadline)
{
	struct message_text m = { .kind = "finding.referred",
		.title = "督查问题移交整改",
		.link = arena_printf(d->arena, "/supervision/inspections/%s#f-%s",
		    inspection, id) };
	return deadline_message(d, organ, requirement, deadline, "建议整改期限 ",
	    ",请下达整改。", STORE_TO_OFFICE, path, &m);
}

/* ---- the caller's messages ---- */

long
message_unread(struct dom *d)
{
	if (d->user == NULL || d->user->key <= 0)
		return 0;
	long n = store_message_unread(d->store, d->user->key);
	return n > 0 ? n : 0;
}

static DOM_KEEPER(keep_message, struct store_message)

int
message_list(struct dom *d, int limit, int offset, struct store_message **out,
    size_t *n, long *total)
{
	struct dom_rows w = DOM_ROWS(d, store_message_entity, struct store_message);
	*out = NULL;
	*n = 0;
	if ((*total = store_message_count(d->store, d->user->key)) < 0 ||
	    store_each_message(d->store, d->user->key, limit, offset,
	    keep_message, &w))
		return dom_fail(d, 0);
	*out = w.items;
	*n = w.n;
	return 0;
}

int
message_read(struct dom *d, int64_t key)
{
	char now[32];
	date_utc_now(now);
	if (store_begin(d->store))
		return dom_refuse(d, 503, "数据库忙,请重试", NULL, NULL);
	long changed = store_message_read(d->store, d->user->key, key, now);
	if (changed < 0)
		return dom_fail(d, 1);
	if (changed == 0 && key > 0) {
		/* Read already, or another account's: only the first is. */
		int mine = store_message_mine(d->store, d->user->key, key);
		if (mine < 0)
			return dom_fail(d, 1);
		if (mine == 0) {
			store_rollback(d->store);
			return dom_refuse(d, 404, "消息不存在 (no such message)",
			    NULL, NULL);
		}
	}
	if (changed == 0)
		return dom_commit(d, 0);
	return dom_write(d, 0, "message.read", "message", key > 0 ?
	    arena_printf(d->arena, "%lld", (long long)key) : "all", NULL);
}

/* ---- deadline reminders ---- */

struct orders {
	struct arena *a;
	struct store_open_order *v;
	size_t n, cap;
};

static int
keep_order(void *ctx, const struct store_open_order *o)
{
	struct orders *l = ctx;
	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 64;
		struct store_open_order *v = arena_alloc(l->a, cap * sizeof *v);
		if (l->n)
			memcpy(v, l->v, l->n * sizeof *v);
		l->v = v;
		l->cap = cap;
	}
	struct store_open_order *x = &l->v[l->n++];
	x->id = arena_strdup(l->a, o->id);
	x->organ = arena_strdup(l->a, o->organ);
	x->organ_name = arena_strdup(l->a, o->organ_name ? o->organ_name : "");
	x->requirement = arena_strdup(l->a, o->requirement ? o->requirement :
	    "");
	x->deadline = arena_strdup(l->a, o->deadline);
	return 0;
}

/* The stage of a deadline as of day: before (1 to 3 days ahead), on the
 * day, overdue, or none (further ahead). */
enum stage { STAGE_NONE, STAGE_BEFORE, STAGE_TODAY, STAGE_OVERDUE };
static const char *const stage_names[] = { "", "before", "today",
	"overdue" };

static enum stage
stage_of(date_t deadline, date_t day)
{
	if (deadline < day)
		return STAGE_OVERDUE;
	if (deadline == day)
		return STAGE_TODAY;
	return deadline - day <= 3 ? STAGE_BEFORE : STAGE_NONE;
}

static void
tally(struct message_remind_tally *t, enum stage stage)
{
	(*(stage == STAGE_BEFORE ? &t->before : stage == STAGE_TODAY ?
	    &t->today : &t->overdue))++;
}

/* One reminder in a transaction of its own: 1 sent, 0 sent before or
 * nobody to send it to (then nothing is written: an account made later
 * still gets it), -1. */
static int
remind_one(struct store *s, struct arena *a, const char *actor, date_t day,
    const char *ref, enum store_to to, const char *whom,
    const struct message_text *m, const char *entity, long *recipients)
{
	char digest[SM3_HEX_LEN];
	if (store_begin(s))
		return -1;
	int fresh = store_reminder_once(s, ref, day);
	int n = fresh == 1 ? message_send(s, a, to, whom, m) : 0;
	if (fresh < 0 || n < 0 || (n > 0 && (sm3_hex(ref, strlen(ref),
	    digest) || audit_append(s, actor, "reminder.send", entity, 1,
	    digest)))) {
		store_rollback(s);
		return -1;
	}
	if (n == 0)
		return store_rollback(s) ? -1 : 0;
	if (store_commit(s))
		return -1;
	*recipients += n;
	return 1;
}

/* A rectification order's reminder at stage. */
static int
remind_order(struct store *s, struct arena *a, const char *actor, date_t day,
    const struct store_open_order *o, enum stage stage, long *recipients)
{
	date_t due;
	char cn[32];
	if (date_parse(o->deadline, &due))
		return 0;
	date_format_cn(due, cn);
	struct message_text m = {
		.kind = arena_printf(a, "reminder.%s", stage_names[stage]),
		.title = stage == STAGE_OVERDUE ? "整改已逾期" :
		    stage == STAGE_TODAY ? "整改今日到期" : "整改即将到期",
		.body = stage == STAGE_OVERDUE ? arena_printf(a, "%s:%s。"
		    "整改期限 %s 已过,请尽快完成并报送。", o->organ_name,
		    o->requirement, cn) : stage == STAGE_TODAY ?
		    arena_printf(a, "%s:%s。整改期限为今天(%s)。", o->organ_name,
		    o->requirement, cn) : arena_printf(a, "%s:%s。整改期限 %s,"
		    "还有 %d 天。", o->organ_name, o->requirement, cn,
		    (int)(due - day)),
		.link = arena_printf(a, "/supervision/rectifications/%s", o->id) };
	return remind_one(s, a, actor, day, arena_printf(a,
	    "rectification:%s:%s", o->id, stage_names[stage]), STORE_TO_ORGAN,
	    o->organ, &m,
	    arena_printf(a, "rectification:%s", o->id), recipients);
}

/* ---- duties' deadlines ---- */

/* A count or filing duty still owed near or past its deadline, kept
 * from the evaluation's stream. */
struct duty_due {
	const char *organ, *organ_name, *person, *person_name, *rule, *what;
	const char *unit;
	enum stage stage;
	int owed, year;
	date_t due;
};

struct duty_scan {
	struct arena *a;
	const struct catalog *c;
	date_t day;
	int year;
	const char **organs; /* with an account, in byte order */
	size_t norgans, organs_cap;
	struct duty_due *v;
	size_t n, cap;
};

/* Grows *v (n used of *cap) by one element of size bytes in a. */
static void *
grow(struct arena *a, void *vp, size_t *n, size_t *cap, size_t size)
{
	char **v = vp;
	if (*n == *cap) {
		size_t more = *cap ? 2 * *cap : 64;
		char *w = arena_alloc(a, more * size);
		if (*n)
			memcpy(w, *v, *n * size);
		*v = w;
		*cap = more;
	}
	return *v + (*n)++ * size;
}

static int
keep_organ(void *ctx, const char *id)
{
	struct duty_scan *k = ctx;
	const char **slot = grow(k->a, &k->organs, &k->norgans, &k->organs_cap,
	    sizeof *k->organs);
	*slot = arena_strdup(k->a, id);
	return 0;
}

static int
organ_cmp(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

static int
duty_emit(void *ctx, const struct eval_result *res)
{
	struct duty_scan *k = ctx;
	/* Only organs someone would be told of: the list stays small
	 * whatever the size of the province. */
	if (bsearch(res->organ, k->organs, k->norgans, sizeof *k->organs,
	    organ_cmp) == NULL)
		return 0;
	for (size_t i = 0; i < res->nduties; i++) {
		const struct eval_duty *u = &res->duties[i];
		if (!u->has_counts || u->actual >= u->required ||
		    u->verdict == VERDICT_MET ||
		    u->verdict == VERDICT_NOT_APPLICABLE)
			continue;
		date_t due = warn_due_date(k->year, u->rule, res);
		enum stage stage = stage_of(due, k->day);
		if (stage == STAGE_NONE)
			continue;
		struct duty_due *x = grow(k->a, &k->v, &k->n, &k->cap, sizeof *x);
		x->organ = arena_strdup(k->a, res->organ);
		x->organ_name = arena_strdup(k->a, res->organ_name);
		x->person = arena_strdup(k->a, res->person);
		x->person_name = arena_strdup(k->a, res->person_name);
		x->rule = u->rule->id;
		x->what = u->rule->kind >= 0 ? k->c->kinds[u->rule->kind].label :
		    u->rule->title;
		x->unit = u->rule->measure == MEASURE_FILING ? "份" : "次";
		x->stage = stage;
		x->owed = u->required - u->actual;
		x->year = k->year;
		x->due = due;
	}
	return 0;
}

static int
remind_duty(struct store *s, struct arena *a, const char *actor, date_t day,
    const struct duty_due *x, long *recipients)
{
	char cn[32];
	date_format_cn(x->due, cn);
	int over = x->stage == STAGE_OVERDUE;
	struct message_text m = {
		.kind = arena_printf(a, "reminder.%s", stage_names[x->stage]),
		.title = over ? "职责已逾期" : x->stage == STAGE_TODAY ?
		    "职责今日到期" : "职责期限临近",
		.body = arena_printf(a, "%s %s:%d 年度%s还需 %d %s,%s %s%s。",
		    x->organ_name, x->person_name, x->year, x->what, x->owed,
		    x->unit, over ? "期限" : "截止", cn, over ? " 已过" : ""),
		.link = arena_printf(a, "/ledger?organ=%s", x->organ) };
	return remind_one(s, a, actor, day, arena_printf(a, "duty:%d:%s:%s:%s:"
	    "%s", x->year, x->person, x->organ, x->rule,
	    stage_names[x->stage]),
	    STORE_TO_ORGAN, x->organ, &m, arena_printf(a, "duty:%d:%s:%s",
	    x->year, x->person, x->rule), recipients);
}

/* The duties of year owed near or past their deadlines, reminded. */
static int
remind_duties(struct store *s, const struct catalog *c, struct arena *a,
    const char *actor, date_t day, int year, struct message_remind_tally *t)
{
	struct duty_scan k = { .a = a, .c = c, .day = day, .year = year };
	char err[512];
	long n;
	if (store_account_organs(s, keep_organ, &k))
		return -1;
	if (k.norgans == 0)
		return 0;
	if (eval_run(s, c, year, NULL, duty_emit, &k, &n, err, sizeof err)) {
		fprintf(stderr, "lvzhi: remind: %d: %s\n", year, err);
		return -1;
	}
	for (size_t i = 0; i < k.n; i++) {
		int rc = remind_duty(s, a, actor, day, &k.v[i], &t->recipients);
		if (rc < 0)
			return -1;
		if (rc == 1)
			tally(t, k.v[i].stage);
	}
	return 0;
}

int
message_remind(struct store *s, const struct catalog *c, struct arena *a,
    const char *actor, date_t day, struct message_remind_tally *t)
{
	struct orders l = { .a = a };
	memset(t, 0, sizeof *t);
	if (store_each_open_order(s, day + 3, keep_order, &l))
		return -1;
	for (size_t i = 0; i < l.n; i++) {
		date_t due;
		if (date_parse(l.v[i].deadline, &due))
			continue;
		enum stage stage = stage_of(due, day);
		if (stage == STAGE_NONE)
			continue;
		int rc = remind_order(s, a, actor, day, &l.v[i], stage,
		    &t->recipients);
		if (rc < 0)
			return -1;
		if (rc == 1)
			tally(t, stage);
	}
	/* This year's duties; and last year's until its filings (due by
	 * spring) are past, so that what became overdue at its end is told
	 * once. */
	int y = date_year(day);
	if (remind_duties(s, c, a, actor, day, y, t))
		return -1;
	if (day <= date_from_ymd(y, 4, 30) &&
	    remind_duties(s, c, a, actor, day, y - 1, t))
		return -1;
	return 0;
}
