/*
 * The record form: 新增记录 and 修改记录.
 *
 * A record's own fields depend on its kind, and the kind can change in
 * the form. So every kind's fields are drawn, each kind's in a fieldset
 * marked data-kind; app.js shows (and enables, so only they are sent) the
 * chosen kind's, and without JavaScript all of them stay usable. On
 * submit only the chosen kind's fields are read, named f.FIELD (and
 * f.FIELD.KEY for the items of a set or the dates of a procedure).
 *
 * The object built from the form goes to record_write (domain/record.h),
 * the JSON API's own write, so the form accepts exactly what the API and
 * an import file accept. When it refuses, the form comes back with what was typed and
 * each problem beside its field; problems about fields the form does not
 * show are listed at the top.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "auth/authority.h"
#include "auth/scope.h"
#include "domain/record.h"
#include "store/store-cases.h"
#include "web/page-cases.h"
#include "web/web.h"

#define FORM_PAGE_MAX (4u << 20)

struct form {
	struct request *r;
	const char *id;     /* the record edited; NULL: a new one */
	json_t *doc;        /* its stored object (values for a first edit) */
	const struct fault *fault; /* a refused write's, or NULL */
	json_t *errors;     /* [{field, reason}] of a refused write, or NULL */
	const char *kind;   /* the chosen kind */
};

/* ---- values ---- */

/* KEY, KEY.na or KEY.reason of a stored dates object: the date, "1"
 * when the step is marked not applicable, or the reason given. */
static const char *
step_value(json_t *steps, const char *name)
{
	char key[256];
	const char *sub = strchr(name, '.');
	if (sub == NULL)
		return json_string_value(json_object_get(steps, name));
	if ((size_t)(sub - name) >= sizeof key)
		return NULL;
	memcpy(key, name, (size_t)(sub - name));
	key[sub - name] = '\0';
	json_t *na = json_object_get(json_object_get(steps, key),
	    "not_applicable");
	if (!json_is_string(na))
		return NULL;
	return strcmp(sub + 1, "na") == 0 ? "1" : json_string_value(na);
}

/* The value of form field name: from the stored record when there is
 * one, else from what was posted (or the query, for a new form). */
static const char *
value(struct form *fm, const char *name)
{
	struct request *r = fm->r;
	if (fm->doc == NULL) {
		const char *v = req_form(r, name);
		return v != NULL || req_writes(r) ? v : req_query(r, name);
	}
	if (strncmp(name, "f.", 2) != 0)
		return json_string_value(json_object_get(fm->doc, name));
	/* f.FIELD or f.FIELD.KEY */
	char field[256];
	const char *dot = strchr(name + 2, '.');
	size_t n = dot ? (size_t)(dot - name - 2) : strlen(name + 2);
	if (n >= sizeof field)
		return NULL;
	memcpy(field, name + 2, n);
	field[n] = '\0';
	json_t *v = json_object_get(fm->doc, field);
	if (dot != NULL) {
		if (json_is_object(v))
			return step_value(v, dot + 1);
		for (size_t i = 0; i < json_array_size(v); i++) {
			const char *s = json_string_value(json_array_get(v, i));
			if (s != NULL && strcmp(s, dot + 1) == 0)
				return "1";
		}
		return NULL;
	}
	if (json_is_integer(v))
		return arena_printf(r->arena, "%lld",
		    (long long)json_integer_value(v));
	if (json_is_true(v))
		return "1";
	return json_string_value(v);
}

/* ---- problems ---- */

/* The importer's reasons (English, for files and programs) in Chinese. */
static const char *
reason_text(struct request *r, const char *why)
{
	if (why == NULL)
		return "有误";
	const char *cn = record_reason(why);
	return cn ? cn : web_chinese(r->arena, why);
}

/* The refused write's problems as [{field, reason}] (new reference):
 * the checked object's list, or the one field at fault. */
static json_t *
problems(const struct fault *f)
{
	if (f->errors != NULL)
		return json_incref(f->errors);
	json_t *e = json_array();
	if (f->field != NULL)
		json_array_append_new(e, json_pack("{s:s, s:s?}", "field",
		    f->field, "reason", f->status == 400 && f->detail ?
		    f->detail : f->title));
	return e;
}

/* The reasons for field, joined; NULL when it has none. */
static const char *
error_of(struct form *fm, const char *field)
{
	const char *out = NULL;
	json_t *e;
	size_t i;
	json_array_foreach(fm->errors, i, e) {
		const char *f = json_string_value(json_object_get(e, "field"));
		if (f == NULL || strcmp(f, field) != 0)
			continue;
		const char *why = reason_text(fm->r, json_string_value(
		    json_object_get(e, "reason")));
		out = out ? arena_printf(fm->r->arena, "%s;%s", out, why) : why;
	}
	return out;
}

static void
error_here(struct form *fm, struct buf *b, const char *field)
{
	const char *e = error_of(fm, field);
	if (e != NULL)
		html_fmt(b, "<span class=\"alert\" role=\"alert\">%s</span>", e);
}

/* Fields a record's write may name beyond its columns' (record_label). */
static const char *const other_fields[][2] = {
	{ "evidence", "材料" }, { "basis", "认定依据" },
	{ "basis_ref", "依据内容" },
};

/* The label of a problem's field, and whether the form shows it: the
 * first five columns have inputs, id and status do not (record_label
 * names them all), then the fields above, then the kind's. */
static const char *
field_label(struct form *fm, const char *field, int *shown)
{
	static const char *const columns[] = { "organ", "kind", "date", "title",
		"person", "id", "status" };
	*shown = 0;
	for (size_t i = 0; i < sizeof columns / sizeof columns[0]; i++)
		if (strcmp(field, columns[i]) == 0) {
			*shown = i < 5;
			return record_label(field);
		}
	for (size_t i = 0; i < sizeof other_fields / sizeof other_fields[0];
	    i++)
		if (strcmp(field, other_fields[i][0]) == 0)
			return other_fields[i][1];
	int k = fm->kind ? catalog_kind_find(fm->r->catalog, fm->kind) : -1;
	if (k >= 0) {
		const struct catalog_kind *kd = &fm->r->catalog->kinds[k];
		int f = catalog_field_find(kd, field);
		if (f >= 0) {
			*shown = 1;
			return kd->fields[f].label;
		}
	}
	return field;
}

static void
summary(struct form *fm, struct buf *b)
{
	struct request *r = fm->r;
	json_t *e;
	size_t i;
	html_fmt(b, "<div class=\"alert\" role=\"alert\"><strong>%s</strong>",
	    fm->fault->status == 400 ? "记录未保存:请修改下面标出的问题。" :
	    web_chinese(r->arena, fm->fault->title));
	json_array_foreach(fm->errors, i, e) {
		int shown;
		const char *f = json_string_value(json_object_get(e, "field"));
		if (f == NULL)
			continue;
		const char *label = field_label(fm, f, &shown);
		if (!shown)
			html_fmt(b, "<br>%s:%s", label, reason_text(r,
			    json_string_value(json_object_get(e, "reason"))));
	}
	html_fmt(b, "</div>");
}

/* ---- the form ---- */

/* A conditional step's 不适用 box and its reason. */
static void
not_applicable_inputs(struct form *fm, struct buf *b, const char *item,
    int chosen)
{
	struct arena *a = fm->r->arena;
	const char *na = arena_printf(a, "%s.na", item);
	const char *reason = arena_printf(a, "%s.reason", item);
	const char *on = chosen ? value(fm, na) : NULL;
	html_fmt(b, "<label><input type=\"checkbox\" name=\"%s\" "
	    "value=\"1\"%s> 不适用</label><label>不适用理由<input name=\"%s\" "
	    "maxlength=\"500\" value=\"%s\"></label>", na,
	    on && *on ? " checked" : "", reason,
	    chosen ? value(fm, reason) : NULL);
}

/* The rest of a one-line input: its value, marked invalid where the field
 * has an error. */
static void
input_end(struct buf *b, const char *v, const char *err)
{
	html_fmt(b, " value=\"%s\"", v);
	if (err != NULL)
		buf_puts(b, " aria-invalid=\"true\"");
	buf_putc(b, '>');
}

static void
kind_field(struct form *fm, struct buf *b, const struct catalog_field *f,
    int chosen)
{
	struct request *r = fm->r;
	const char *name = arena_printf(r->arena, "f.%s", f->name);
	const char *v = chosen ? value(fm, name) : NULL;
	const char *err = chosen ? error_of(fm, f->name) : NULL;
	switch (f->type) {
	case FIELD_YEAR:
	case FIELD_INT:
		html_fmt(b, "<label>%s<input type=\"number\" name=\"%s\" "
		    "step=\"1\"", f->label, name);
		if (f->type == FIELD_YEAR)
			buf_puts(b, " min=\"1900\" max=\"2200\"");
		input_end(b, v, err);
		break;
	case FIELD_DATE:
		html_fmt(b, "<label>%s<input type=\"date\" name=\"%s\"",
		    f->label, name);
		input_end(b, v, err);
		break;
	case FIELD_TEXT:
		html_fmt(b, "<label>%s<input name=\"%s\" maxlength=\"4000\"",
		    f->label, name);
		input_end(b, v, err);
		break;
	case FIELD_BOOL:
		html_fmt(b, "<label><input type=\"checkbox\" name=\"%s\" "
		    "value=\"1\"%s> %s", name, v && *v ? " checked" : "", f->label);
		break;
	case FIELD_SET:
	case FIELD_DATES:
		html_fmt(b, "<fieldset><legend>%s</legend>", f->label);
		for (size_t i = 0; i < f->nvalues; i++) {
			const char *item = arena_printf(r->arena, "%s.%s", name,
			    f->values[i]);
			const char *iv = chosen ? value(fm, item) : NULL;
			if (f->type == FIELD_SET)
				html_fmt(b, "<label><input type=\"checkbox\" "
				    "name=\"%s\" value=\"1\"%s> %s</label>", item,
				    iv && *iv ? " checked" : "", f->labels[i]);
			else
				html_fmt(b, "<label>%s<input type=\"date\" "
				    "name=\"%s\" value=\"%s\"></label>", f->labels[i],
				    item, iv);
			if (f->type == FIELD_DATES && (f->waivable >> i & 1u))
				not_applicable_inputs(fm, b, item, chosen);
		}
		if (f->type == FIELD_DATES && f->waivable)
			html_fmt(b, "<p class=\"hint\">依法不需要的程序(《重大"
			    "行政决策程序暂行条例》的适用条件)可勾选“不适用”并写明理由,"
			    "记录经依法治办核实后计为已履行;其余程序必须填写日期。</p>");
		if (err != NULL)
			html_fmt(b, "<span class=\"alert\" role=\"alert\">%s</span>",
			    err);
		html_fmt(b, "</fieldset>");
		return;
	}
	if (err != NULL)
		html_fmt(b, "<span class=\"alert\" role=\"alert\">%s</span>", err);
	html_fmt(b, "</label>");
}

/* Each kind's own fields, in a fieldset app.js shows for that kind. */
static void
kind_fieldsets(struct form *fm, struct buf *b)
{
	const struct catalog *c = fm->r->catalog;
	for (size_t i = 0; i < c->nkinds; i++) {
		const struct catalog_kind *k = &c->kinds[i];
		if (k->nfields == 0 && !k->person_required)
			continue;
		int chosen = fm->kind != NULL && strcmp(fm->kind, k->id) == 0;
		html_fmt(b, "<fieldset data-kind=\"%s\"><legend>%s</legend>",
		    k->id, k->label);
		if (k->person_required)
			html_fmt(b, "<p class=\"hint\">此类记录须填写相关人员。</p>");
		for (size_t j = 0; j < k->nfields; j++)
			kind_field(fm, b, &k->fields[j], chosen);
		html_fmt(b, "</fieldset>");
	}
}

/* ---- a finding's determination ---- */

struct basis_options {
	struct request *r;
	const char *chosen; /* the id cited, or NULL */
	struct buf *b;
};

/* An inspection or a case to cite, told by its title (the arena's). */
static int
basis_option(struct basis_options *v, const char *id, const char *title)
{
	page_option(v->b, id, title, v->chosen);
	return 0;
}

static int
inspection_option(void *ctx, const struct store_inspection *in)
{
	struct basis_options *v = ctx;
	return basis_option(v, in->id, arena_printf(v->r->arena,
	    "%d 年度 %s", in->year, in->title));
}

static int
case_option(void *ctx, const struct store_case *k)
{
	struct basis_options *v = ctx;
	return basis_option(v, k->id, arena_printf(v->r->arena, "%s(%s)",
	    k->summary, k->organ_name));
}

/*
 * On what a finding is determined (docs/security.md): an inspection or a
 * case picked by its title, or what a report says. Drawn for the accounts
 * that may determine a finding; who and when are the server's to say.
 */
static void
basis_fieldset(struct form *fm, struct buf *b)
{
	struct request *r = fm->r;
	if (r->user.role != ACCT_DISCIPLINE && r->user.role != ACCT_OFFICE)
		return;
	const char *basis = value(fm, "basis");
	const char *ref = fm->doc != NULL ? value(fm, "basis_ref") : NULL;
	static const char *const bases[][2] = { { "inspection", "督查" },
		{ "case", "问责案件" }, { "report", "举报" } };
	html_fmt(b, "<fieldset><legend>认定依据(问责认定类记录必填)</legend>"
	    "<label>基于<select name=\"basis\"><option value=\"\">请选择"
	    "</option>");
	for (size_t i = 0; i < 3; i++)
		page_option(b, bases[i][0], bases[i][1], basis);
	html_fmt(b, "</select>");
	error_here(fm, b, "basis");
	html_fmt(b, "</label><label>督查<select name=\"basis_inspection\">"
	    "<option value=\"\">(依据为督查时选择)</option>");
	struct store_sup_scope sc;
	struct basis_options v = { r, ref != NULL ? ref :
		req_form(r, "basis_inspection"), b };
	if (scope_of(&r->user, &sc))
		store_each_inspection(r->store, &sc, 0, 200, 0, inspection_option,
		    &v);
	html_fmt(b, "</select></label><label>问责案件<select "
	    "name=\"basis_case\"><option value=\"\">(依据为案件时选择)</option>");
	struct store_case_filter cf = { .path = access_scope_path(&r->user),
		.limit = 200 };
	v.chosen = ref != NULL ? ref : req_form(r, "basis_case");
	if (cf.path[0] != '\0')
		store_each_case(r->store, &cf, case_option, &v);
	html_fmt(b, "</select></label><label>举报内容<textarea "
	    "name=\"basis_report\" maxlength=\"2000\">%s</textarea>",
	    basis && strcmp(basis, "report") == 0 && ref ? ref :
	    value(fm, "basis_report"));
	error_here(fm, b, "basis_ref");
	html_fmt(b, "</label><p class=\"hint\">认定机关/人和认定日期由系统按"
	    "当前账号和当日记录。</p></fieldset>");
}

/* Draws the form and answers with status (200, or the refusal's). */
static void
form_page(struct form *fm, unsigned status)
{
	struct request *r = fm->r;
	struct buf b;
	const char *organ = value(fm, "organ");
	if (organ == NULL && r->user.role == ACCT_CLERK)
		organ = r->user.organ;
	const char *date = value(fm, "date");
	char today[11];
	if (date == NULL && fm->id == NULL && !req_writes(r)) {
		date_format(date_today(), today);
		date = today;
	}
	buf_init(&b, FORM_PAGE_MAX);
	page_begin(r, &b, fm->id ? "修改记录" : "新增记录", "/ledger");
	struct web_labels *labels = web_labels_new(r);
	if (fm->id != NULL) {
		/* The record by its readable number (labels.c). */
		html_fmt(&b, "<p class=\"muted\"><a href=\"/ledger\">履职台账</a>"
		    " › ");
		html_ref(&b, labels, "record", fm->id);
		html_fmt(&b, "</p><h1>修改记录</h1>");
	} else
		html_fmt(&b, "<p class=\"muted\"><a href=\"/ledger\">履职台账</a>"
		    "</p><h1>新增记录</h1>");
	if (fm->fault != NULL)
		summary(fm, &b);
	/* The record's page, or the ledger for a new one. */
	const char *back = fm->id == NULL ? "/ledger" :
	    arena_printf(r->arena, "/ledger/%s", html_q(r->arena, fm->id));
	html_fmt(&b, "<form class=\"card\" method=\"post\" action=\"%s\">",
	    back);
	page_csrf(r, &b);

	html_fmt(&b, "<label>机构");
	if (page_organ_picker(r, &b, organ, "请选择机构", 1) == 0)
		html_fmt(&b, "<span class=\"alert\">您的账号没有可录入的机构。"
		    "</span>");
	error_here(fm, &b, "organ");
	html_fmt(&b, "</label><label>类型<select name=\"kind\" required "
	    "data-kind-select><option value=\"\">请选择类型</option>");
	for (size_t i = 0; i < r->catalog->nkinds; i++) {
		const struct catalog_kind *k = &r->catalog->kinds[i];
		/* The discipline account files findings only. */
		if (r->user.role == ACCT_DISCIPLINE && !k->finding)
			continue;
		page_option(&b, k->id, k->label, fm->kind);
	}
	html_fmt(&b, "</select>");
	error_here(fm, &b, "kind");
	html_fmt(&b, "</label><label>日期<input type=\"date\" name=\"date\" "
	    "required value=\"%s\">", date);
	error_here(fm, &b, "date");
	html_fmt(&b, "</label><label>标题<input name=\"title\" "
	    "maxlength=\"4000\" value=\"%s\">", value(fm, "title"));
	error_here(fm, &b, "title");
	html_fmt(&b, "</label>");
	/* The people of the organ when it is known, else of one's scope. */
	const char *person = value(fm, "person");
	const char *plabel = page_picker_label(r, "person", person);
	html_picker(&b, r->arena, "person", "person", "相关人员(可不填)", NULL,
	    organ && *organ ? organ : NULL, person, plabel ? plabel :
	    value(fm, "person_q"), 0);
	error_here(fm, &b, "person");
	kind_fieldsets(fm, &b);
	basis_fieldset(fm, &b);
	if (fm->id != NULL)
		html_fmt(&b, "<p class=\"hint\">保存修改后,记录将重新进入待审核状态。"
		    "</p>");
	html_fmt(&b, "<div class=\"actions\"><button type=\"submit\">保存"
	    "</button>");
	html_fmt(&b, "<a class=\"button secondary\" href=\"%s\">取消</a>"
	    "</div></form>", back);
	page_end(r, &b);
	/* page_end answers 200; a refused write keeps its own status. */
	r->status = status;
}

void
page_record_new(struct request *r)
{
	struct form fm = { .r = r };
	fm.kind = value(&fm, "kind");
	form_page(&fm, 200);
}

/* The record the URL names into *rec, when r->user may edit it (the
 * caller frees it); else answers with an error page and returns -1. */
static int
editable(struct request *r, struct record *rec)
{
	struct store_organ_info o;
	struct dom d;
	req_dom(r, &d);
	if (record_load(&d, r->params[0], rec)) {
		page_load_error(r, &d.fault, "记录");
		return -1;
	}
	if (store_organ_info(r->store, rec->organ, &o) != 1 || (rec->finding ?
	    !authority_can_determine(&r->user, &o) :
	    !access_can_write_organ(&r->user, &o))) {
		record_free(rec);
		page_error(r, 403, "您无权修改该记录。");
		return -1;
	}
	return 0;
}

void
page_record_edit(struct request *r)
{
	struct record rec;
	if (editable(r, &rec))
		return;
	struct form fm = { .r = r, .id = r->params[0], .doc = rec.doc };
	fm.kind = value(&fm, "kind");
	form_page(&fm, 200);
	record_free(&rec);
}

/* ---- submitting ---- */

static void
put(json_t *o, const char *key, const char *v)
{
	if (v != NULL)
		json_object_set_new(o, key, json_string(v));
}

/* A whole number, or the text as typed (which the importer refuses
 * with a reason the form shows). */
static json_t *
number(const char *s)
{
	char *end;
	errno = 0;
	long long n = strtoll(s, &end, 10);
	if (end != s && *end == '\0' && errno == 0)
		return json_integer(n);
	return json_string(s);
}

/* The posted fields of kind k into o. */
static void
kind_values(struct request *r, const struct catalog_kind *k, json_t *o)
{
	for (size_t i = 0; i < k->nfields; i++) {
		const struct catalog_field *f = &k->fields[i];
		const char *name = arena_printf(r->arena, "f.%s", f->name);
		const char *v = page_cases_posted(r, name);
		json_t *x = NULL;
		switch (f->type) {
		case FIELD_YEAR:
		case FIELD_INT:
			x = v ? number(v) : NULL;
			break;
		case FIELD_DATE:
		case FIELD_TEXT:
			x = v ? json_string(v) : NULL;
			break;
		case FIELD_BOOL:
			x = json_boolean(v != NULL);
			break;
		case FIELD_SET:
		case FIELD_DATES:
			x = f->type == FIELD_SET ? json_array() : json_object();
			for (size_t j = 0; j < f->nvalues; j++) {
				const char *item = arena_printf(r->arena, "%s.%s",
				    name, f->values[j]);
				const char *iv = page_cases_posted(r, item);
				if (f->type == FIELD_DATES &&
				    (f->waivable >> j & 1u) && page_cases_posted(r,
				    arena_printf(r->arena, "%s.na", item))) {
					/* With a date as well, the importer refuses
					 * the step and says what it takes. */
					const char *why = page_cases_posted(r,
					    arena_printf(r->arena, "%s.reason",
					    item));
					json_t *na = json_pack("{s:s}",
					    "not_applicable", why ? why : "");
					if (iv != NULL)
						json_object_set_new(na, "date",
						    json_string(iv));
					json_object_set_new(x, f->values[j], na);
					continue;
				}
				if (iv == NULL)
					continue;
				if (f->type == FIELD_SET)
					json_array_append_new(x, json_string(f->values[j]));
				else
					json_object_set_new(x, f->values[j],
					    json_string(iv));
			}
			if (json_array_size(x) + json_object_size(x) == 0) {
				json_decref(x);
				x = NULL;
			}
			break;
		}
		if (x != NULL)
			json_object_set_new(o, f->name, x);
	}
}

/* The record object the form describes. */
static json_t *
form_object(struct request *r, const char *id)
{
	json_t *o = json_object();
	put(o, "id", id);
	/* The organ chosen (a select, or the picker past its size: its id,
	 * or without script the name typed, refused as unknown when it
	 * names none in scope). */
	const char *why = NULL;
	const char *organ = page_picker_value(r, "organ", "organ", &why);
	put(o, "organ", organ ? organ : page_cases_posted(r, "organ_q"));
	put(o, "kind", page_cases_posted(r, "kind"));
	put(o, "date", page_cases_posted(r, "date"));
	put(o, "title", page_cases_posted(r, "title"));
	/* The person picked, or without script the name typed: one that
	 * names no one in scope is refused by the import as unknown. */
	const char *person = page_picker_value(r, "person", "person", &why);
	put(o, "person", person ? person : page_cases_posted(r, "person_q"));
	const char *kind = page_cases_posted(r, "kind");
	int k = kind ? catalog_kind_find(r->catalog, kind) : -1;
	if (k >= 0)
		kind_values(r, &r->catalog->kinds[k], o);
	if (k >= 0 && r->catalog->kinds[k].finding) {
		const char *basis = page_cases_posted(r, "basis");
		put(o, "basis", basis);
		if (basis != NULL && strlen(basis) < 32)
			put(o, "basis_ref", page_cases_posted(r, arena_printf(r->arena,
			    "basis_%s", basis)));
	}
	return o;
}

/* After record_write refused: the form again, or an error page. */
static void
refused(struct request *r, const char *id, struct fault *f)
{
	unsigned status = f->status;
	if (status != 400 && status != 403 && status != 409) {
		page_fault(r, f);
		fault_clear(f);
		return;
	}
	struct form fm = { .r = r, .id = id, .fault = f };
	fm.kind = value(&fm, "kind");
	fm.errors = problems(f);
	form_page(&fm, status);
	json_decref(fm.errors);
	fault_clear(f);
}

void
page_record_create(struct request *r)
{
	const char *id = record_new_id(r->arena);
	json_t *obj = form_object(r, id);
	struct dom d;
	req_dom(r, &d);
	if (record_write(&d, obj, NULL, RECORD_CREATE) == 0)
		resp_redirect(r, page_record_url(r, id, "created"));
	else
		refused(r, NULL, &d.fault);
	json_decref(obj);
}

void
page_record_update(struct request *r)
{
	struct record old;
	if (editable(r, &old))
		return;
	json_t *obj = form_object(r, r->params[0]);
	/* File references an import gave the record are not in the form:
	 * keep them. */
	json_t *refs = json_object_get(old.doc, "evidence");
	if (refs != NULL && !json_is_null(refs))
		json_object_set(obj, "evidence", refs);
	record_free(&old);
	struct dom d;
	req_dom(r, &d);
	if (record_write(&d, obj, r->params[0], RECORD_EDIT) == 0)
		resp_redirect(r, page_record_url(r, r->params[0], "saved"));
	else
		refused(r, r->params[0], &d.fault);
	json_decref(obj);
}
