/*
 * Authority at the root (see authority.h): the checks every write of a
 * record, a score or a finding makes against the rows as stored, inside
 * its transaction. Reads only; the writer's transaction (which holds the
 * write lock on both backends) makes what is read here what is written.
 */
#include "auth/authority.h"

#include <stdio.h>
#include <string.h>

#include "auth/scope.h"
#include "engine/coverage.h"
#include "store/store-cases.h"
#include "store/store-closure.h"
#include "store/store-supervision.h"
#include "store/store-separation.h"

static int
fault(struct fault *f, unsigned status, const char *field,
    const char *title, const char *detail)
{
	return fault_set(f, status, title, detail, field);
}

static int
storage(struct fault *f)
{
	return fault(f, 500, NULL, "内部错误", NULL);
}

struct stored {
	char *organ, *kind;
	int found;
};

static int
keep_organ(void *ctx, const struct store_ledger_row *row)
{
	struct stored *st = ctx;
	snprintf(st->organ, AUTHORITY_ID_MAX, "%s", row->organ);
	snprintf(st->kind, AUTHORITY_ID_MAX, "%s", row->kind ? row->kind : "");
	st->found = 1;
	return 0;
}

int
authority_record_organ(struct store *s, const char *id,
    char organ[AUTHORITY_ID_MAX], char kind[AUTHORITY_ID_MAX])
{
	struct stored st = { organ, kind, 0 };
	int rc = store_ledger_get(s, id, keep_organ, &st);
	return rc < 0 ? -1 : st.found;
}

/* The organ of the record with id as stored, and whether it is a finding
 * of c: 1, 0 (no such record), -1. */
static int
stored_organ(struct store *s, const struct catalog *c, const char *id,
    struct store_organ_info *o, int *finding)
{
	char organ[AUTHORITY_ID_MAX], kind[AUTHORITY_ID_MAX];
	int rc = authority_record_organ(s, id, organ, kind);
	if (rc <= 0)
		return rc;
	*finding = c != NULL && catalog_kind_is_finding(c, kind);
	return store_organ_info(s, organ, o);
}

static const char not_competent[] = "认定须由上级纪检监察机关或依法治理办公室"
    "作出 (a finding is determined only by a superior discipline or office "
    "account)";

/* The record with id as stored, asked of p with can: 404 where p cannot
 * read it (or it does not exist), 403 with refused where can says no; a
 * finding is asked of authority_can_determine instead. */
static int
stored_record(struct store *s, const struct catalog *c,
    const struct principal *p, const char *id,
    int (*can)(const struct principal *, const struct store_organ_info *),
    const char *refused, struct fault *f)
{
	struct store_organ_info o;
	int finding = 0;
	int rc = stored_organ(s, c, id, &o, &finding);
	if (rc < 0)
		return storage(f);
	if (rc == 0 || !access_can_read_organ(p, &o))
		return fault(f, 404, NULL, "记录不存在 (no such record)", id);
	if (finding && !authority_can_determine(p, &o))
		return fault(f, 403, NULL, not_competent, id);
	if (!finding && !can(p, &o))
		return fault(f, 403, NULL, refused, id);
	return 0;
}

int
authority_stored_record(struct store *s, const struct catalog *c,
    const struct principal *p, const char *id, struct fault *f)
{
	return stored_record(s, c, p, id, access_can_write_organ,
	    "无权修改该记录 (outside your scope)", f);
}

int
authority_closed_record(struct store *s, const char *id, int64_t organ,
    date_t date, const char *field, struct fault *f)
{
	int rc = store_record_closed(s, id, organ, date);
	if (rc < 0)
		return storage(f);
	return rc ? fault(f, 409, field, "该年度已结转,记录不能新增或修改 "
	    "(the year is closed)", id) : 0;
}

int
authority_review_record(struct store *s, const struct catalog *c,
    const struct principal *p, const char *id, struct fault *f)
{
	/* A review changes the record's status, which a closed year's
	 * frozen results do not follow. */
	return stored_record(s, c, p, id, access_can_review_organ,
	    "无权审核该记录 (outside your scope)", f) ||
	    authority_closed_record(s, id, 0, DATE_NONE, "id", f) ? -1 : 0;
}

int
authority_can_determine(const struct principal *p,
    const struct store_organ_info *o)
{
	size_t n = strlen(p->path);
	if ((p->role != ACCT_DISCIPLINE && p->role != ACCT_OFFICE) || n == 0 ||
	    strncmp(o->path, p->path, n) != 0)
		return 0;
	/* A party committee or a government answers to the level above; a
	 * department also to its own region's committee and government. */
	return strlen(o->path) > n || strcmp(o->kind, "department") == 0;
}

struct seen_path {
	char path[512];
};

static int
keep_inspection_path(void *ctx, const struct store_inspection *in)
{
	struct seen_path *v = ctx;
	snprintf(v->path, sizeof v->path, "%s", in->path ? in->path : "");
	return 0;
}

static int
keep_case_path(void *ctx, const struct store_case *k)
{
	struct seen_path *v = ctx;
	snprintf(v->path, sizeof v->path, "%s", k->region_path ?
	    k->region_path : "");
	return 0;
}

int
authority_basis(struct store *s, const struct principal *p,
    const char *basis, const char *ref, struct fault *f)
{
	struct seen_path v = { "" };
	int rc;
	if (basis == NULL)
		return fault(f, 400, "basis", "认定须注明依据:inspection(督查)、"
		    "case(案件)或 report(举报) (basis required)", NULL);
	if (ref == NULL)
		return fault(f, 400, "basis_ref", "须注明依据的督查、案件或举报内容 "
		    "(basis_ref required)", NULL);
	if (strcmp(basis, "inspection") == 0)
		rc = store_inspection_get(s, ref, keep_inspection_path, &v);
	else if (strcmp(basis, "case") == 0)
		rc = store_case_get(s, ref, keep_case_path, &v);
	else
		return 0; /* a report: its text, checked by the importer */
	if (rc < 0)
		return storage(f);
	/* One the caller does not see is not told to exist. */
	if (rc == 0 || v.path[0] == '\0' || !access_can_read_path(p, v.path))
		return fault(f, 400, "basis_ref", strcmp(basis, "case") == 0 ?
		    "依据的案件不存在 (unknown case)" : "依据的督查不存在 (unknown "
		    "inspection)", ref);
	return 0;
}

int
authority_review_own(struct store *s, const struct principal *p,
    const char *id, struct fault *f)
{
	char created[STORE_ACCOUNT_MAX], edited[STORE_ACCOUNT_MAX];
	int rc = store_record_author(s, id, created, edited);
	if (rc < 0)
		return storage(f);
	if (rc == 0)
		return fault(f, 404, NULL, "记录不存在 (no such record)", id);
	if (strcmp(created, p->name) == 0)
		return fault(f, 403, NULL, "不能审核本人录入的记录,须由另一名审核人员"
		    "核实或退回 (you entered this record)", id);
	if (strcmp(edited, p->name) == 0)
		return fault(f, 403, NULL, "不能审核本人修改过的记录,须由另一名审核"
		    "人员核实或退回 (you edited this record)", id);
	return 0;
}

/* What a lookup answered (1 found, 0 not, -1): 0 when it found its
 * row, else -1 with the fault, 400 naming field or 500. */
static int
known(struct fault *f, int rc, const char *field, const char *title,
    const char *id)
{
	if (rc < 0)
		return storage(f);
	return rc == 0 ? fault(f, 400, field, title, id) : 0;
}

int
authority_record(struct store *s, const struct principal *p,
    const struct authority_record *w, struct fault *f)
{
	struct store_organ_info o;
	int rc;
	/* An edit: the record as it stands decides, before what the body
	 * asks for (a record outside the scope is not told to exist). */
	if (!w->create && authority_stored_record(s, w->catalog, p, w->id, f))
		return -1;
	if (known(f, store_organ_info(s, w->organ, &o), "organ",
	    "机构不存在 (unknown organ)", w->organ))
		return -1;
	/* An unknown person is the body's fault (400), told before any
	 * question of scope (403), as the contract orders them. */
	int64_t key;
	if (w->person != NULL && known(f, store_person_key(s, w->person, &key),
	    "person", "人员不存在 (unknown person)", w->person))
		return -1;
	if (w->finding && !authority_can_determine(p, &o))
		return fault(f, 403, "organ", not_competent, w->organ);
	if (!w->finding && !access_can_write_organ(p, &o))
		return fault(f, 403, "organ", "无权为该机构录入 (organ outside "
		    "your scope)", w->organ);
	if (w->person != NULL) {
		date_t from = w->date, to = w->date;
		if (w->about_year > 0) {
			from = date_from_ymd(w->about_year, 1, 1);
			to = date_from_ymd(w->about_year, 12, 31);
		}
		rc = authority_person(s, w->person, w->organ, from, to, "person",
		    f);
		if (rc <= 0)
			return -1;
	}
	if (w->create) {
		char organ[AUTHORITY_ID_MAX], kind[AUTHORITY_ID_MAX];
		rc = authority_record_organ(s, w->id, organ, kind);
		if (rc < 0)
			return storage(f);
		if (rc > 0)
			return fault(f, 409, "id", "记录编号已存在,修改请用 PUT (id "
			    "exists)", w->id);
		/* A new record of a closed year (an edit is checked where it
		 * is written: an identical one passes). */
		return authority_closed_record(s, NULL, o.key, w->date, "date",
		    f);
	}
	return 0;
}

struct window {
	const char *organ;
	date_t from, to;
	int held;
};

static int
held_in(void *ctx, const struct store_tenure *t)
{
	struct window *v = ctx;
	if (strcmp(t->organ_id, v->organ) == 0 && t->start <= v->to &&
	    (t->end == DATE_NONE || t->end >= v->from))
		v->held = 1;
	return 0;
}

int
authority_held(struct store *s, const char *person, const char *organ,
    date_t from, date_t to)
{
	struct window v = { organ, from, to, 0 };
	if (store_each_tenure_of_person(s, person, held_in, &v) < 0)
		return -1;
	return v.held;
}

int
authority_person(struct store *s, const char *person, const char *organ,
    date_t from, date_t to, const char *field, struct fault *f)
{
	int64_t key;
	int rc = store_person_key(s, person, &key);
	if (rc < 0) {
		storage(f);
		return -1;
	}
	if (rc == 0) {
		fault(f, 400, field, "人员不存在 (unknown person)", person);
		return 0;
	}
	rc = authority_held(s, person, organ, from, to);
	if (rc < 0) {
		storage(f);
		return -1;
	}
	if (rc == 0) {
		/* The same answer for a person outside the caller's scope and
		 * one of its own who did not serve then: nothing is told. */
		fault(f, 403, field, "该人员当时未在该机构任职,或不在您的权限范围内 "
		    "(person without a tenure at the organ then)", NULL);
		return 0;
	}
	return 1;
}

struct reviewable {
	const struct principal *p;
	struct store *s;
	const struct catalog_rule *rule; /* the duty scored, or NULL */
	int year, ok, bound, failed;
};

/* A principal's post in the year: ok when p reviews its organ, bound when
 * the duty scored binds the post's role and coverage. */
static int
tenure_in_scope(void *ctx, const struct store_tenure *t)
{
	struct reviewable *v = ctx;
	struct store_organ_info o;
	enum role role;
	enum coverage cov;
	if (t->role != NULL && strcmp(t->role, "principal") != 0)
		return 0;
	if (date_year(t->start) > v->year || (t->end != DATE_NONE &&
	    date_year(t->end) < v->year))
		return 0;
	int rc = store_organ_info(v->s, t->organ_id, &o);
	if (rc < 0)
		v->failed = 1;
	if (rc != 1 || !access_can_review_organ(v->p, &o))
		return 0;
	v->ok = 1;
	if (v->rule == NULL || (coverage_of(o.kind, o.region_level, &role,
	    &cov) && (v->rule->roles & role) && (v->rule->coverage & cov)))
		v->bound = 1;
	return 0;
}

/* Whether the catalog holds rule for some day of year, and the year has
 * begun: a score is for a year the duty was in force. */
static int
in_force(const struct catalog *c, const struct catalog_rule *rule, int year)
{
	date_t first = date_from_ymd(year, 1, 1), last = date_from_ymd(year, 12,
	    31);
	date_t from = catalog_effective(c) > rule->effective ?
	    catalog_effective(c) : rule->effective;
	return year <= date_year(date_today()) && last >= from &&
	    (rule->until == DATE_NONE || first <= rule->until);
}

int
authority_score(struct store *s, const struct catalog *c,
    const struct principal *p, const char *duty, const char *person,
    int year, struct fault *f)
{
	struct reviewable v = { p, s, NULL, year, 0, 0, 0 };
	/* The duties of the year are those of the version in force at its
	 * end (a segment's last day; scores are by year). */
	const struct catalog *cy = catalog_version_at(c, date_from_ymd(year,
	    12, 31));
	int k = duty != NULL ? catalog_rule_find(cy, duty) : -1;
	if (k >= 0 && cy->rules[k].measure == MEASURE_QUALITATIVE) {
		v.rule = &cy->rules[k];
		if (!in_force(c, v.rule, year))
			return fault(f, 400, "year", "该年度不在职责清单施行期内,"
			    "不能评分 (duty not in force that year)", NULL);
	}
	if (store_each_tenure_of_person(s, person, tenure_in_scope, &v) < 0 ||
	    v.failed)
		return storage(f);
	if (!v.ok)
		return fault(f, 403, "person", "该负责人不在您的评分范围内 (person "
		    "outside your scope)", person);
	if (!v.bound)
		return fault(f, 400, "duty", "该职责不适用于该负责人的职务,不能评分 "
		    "(duty does not bind the person's post)", NULL);
	return 0;
}

/*
 * ---- notices and the orders of 第八条 ----
 *
 * Who decides in whose name. 第八条 gives the consequences of the evaluation
 * to the 上级党委 — 通报表扬 for 优秀, 约谈 and 整改 for 不合格 — and
 * 第六条第(四)项 gives a government 通报批评 over its departments and the
 * governments below it. Competence is a matter of regions: a leader's
 * superior region is read from the organ's kind and its region's path,
 * a notice is issued in the name of the lowest region over all it lists,
 * and an account decides only for a region its scope holds.
 *
 * Paths are the store's: "/520000/520100/520102/", one code a segment.
 */

/* The length of the path of the region above path's, or 0 at the top. */
static size_t
parent_len(const char *path)
{
	size_t len = strlen(path);
	if (len < 2)
		return 0;
	size_t i = len - 1; /* the trailing '/' */
	while (i > 0 && path[i - 1] != '/')
		i--;
	return i > 1 ? i : 0;
}

int
authority_superior_path(const char *organ_kind, const char *path,
    char *out, size_t n)
{
	if (path == NULL || organ_kind == NULL || n == 0)
		return -1;
	size_t len = strcmp(organ_kind, "department") == 0 ? strlen(path) :
	    parent_len(path);
	if (len == 0 || len >= n)
		return -1;
	memcpy(out, path, len);
	out[len] = '\0';
	return 0;
}

void
authority_common_path(char *a, const char *b, size_t n)
{
	size_t i = 0, seg = 0;
	while (i + 1 < n && a[i] != '\0' && a[i] == b[i]) {
		if (a[i] == '/')
			seg = i + 1;
		i++;
	}
	a[seg] = '\0';
}

int
authority_criticism_lists(const char *over, const char *organ_kind,
    const char *path)
{
	size_t len = strlen(over);
	if (strncmp(path, over, len) != 0)
		return 0;
	if (strcmp(organ_kind, "department") == 0)
		return path[len] == '\0';
	return strcmp(organ_kind, "government") == 0 && path[len] != '\0';
}

int
authority_may_issue(const struct principal *p, const char *issuer)
{
	return (p->role == ACCT_OFFICE || p->role == ACCT_ADMIN) &&
	    issuer != NULL && issuer[0] != '\0' &&
	    access_can_read_path(p, issuer);
}

struct notice_paths {
	char path[512], issuer[512];
};

static int
notice_paths(void *ctx, const struct store_notice *n)
{
	struct notice_paths *k = ctx;
	snprintf(k->path, sizeof k->path, "%s", n->path);
	/* A notice drafted before issuers were kept: its region's. */
	snprintf(k->issuer, sizeof k->issuer, "%s", n->issuer_path != NULL ?
	    n->issuer_path : n->path);
	return 0;
}

int
authority_notice_issue(struct store *s, const struct principal *p,
    const char *id, struct fault *f)
{
	struct notice_paths k = { "", "" };
	int rc = store_notice_get(s, id, notice_paths, &k);
	if (rc < 0)
		return fault(f, 500, NULL, "内部错误", NULL);
	if (rc == 0 || !(p->role == ACCT_OFFICE || p->role == ACCT_ADMIN) ||
	    !access_can_read_path(p, k.path))
		return fault(f, 404, NULL, "通报不存在 (no such notice)", id);
	if (!authority_may_issue(p, k.issuer))
		return fault(f, 403, NULL, "该通报应以上级机关名义发布,须由上级"
		    "依法治办办理 (issued in the name of a superior body)", id);
	return 0;
}

int
authority_order(const struct principal *p, const struct store_organ_info *o,
    const char *field, struct fault *f)
{
	char sup[512];
	if (authority_superior_path(o->kind, o->path, sup, sizeof sup) ||
	    !authority_may_issue(p, sup))
		return fault(f, 403, field, "约谈和整改由该负责人的上级党委决定,"
		    "须由上级依法治办办理 (ordered by the superior body)", o->id);
	return 0;
}

int
authority_finding_refer(const struct principal *p,
    const char *inspection_path, const struct store_organ_info *o,
    char *office, size_t n, struct fault *f)
{
	if (p->role != ACCT_INSPECTOR || !scope_sees_whole(p, inspection_path))
		return fault(f, 403, NULL, "移交整改由督查该地区的督查人员办理;"
		    "依法治理办公室可直接下达整改 (only the inspection's inspector "
		    "hands a finding over)", o->id);
	if (authority_superior_path(o->kind, o->path, office, n))
		snprintf(office, n, "%s", o->path);
	return 0;
}

int
authority_registry(const struct principal *p,
    const struct store_organ_info *o, const char *field, struct fault *f)
{
	if (access_can_review_organ(p, o))
		return 0;
	return fault_set(f, 403, p->role == ACCT_OFFICE ? "机构不在本办的地区"
	    "范围内 (organ outside your region)" : "只有依法治理办公室可以登记"
	    "人员和任职 (only an office writes the registry)", NULL, field);
}

/* ---- reports: the leader signs, the office issues ---- */

struct signer {
	const char *organ;
	date_t from;
	int held;
};

/* A principal post at the organ on some day from the report's year on. */
static int
principal_since(void *ctx, const struct store_tenure *t)
{
	struct signer *v = ctx;
	if (strcmp(t->organ_id, v->organ) == 0 && (t->role == NULL ||
	    strcmp(t->role, "principal") == 0) && (t->end == DATE_NONE ||
	    t->end >= v->from))
		v->held = 1;
	return 0;
}

int
authority_report_sign(struct store *s, const struct principal *p,
    const char *organ, const char *person, int year, struct fault *f)
{
	if (p->role != ACCT_LEADER || p->person[0] == '\0')
		return fault(f, 403, NULL, "报告须由所报告的负责人本人使用自己的"
		    "账号签署 (signed by the leader in person)", NULL);
	if (person != NULL)
		return strcmp(p->person, person) == 0 ? 0 : fault(f, 403, NULL,
		    "该述法报告须由报告所述负责人本人签署 (not your report)",
		    NULL);
	struct signer v = { organ, date_from_ymd(year, 1, 1), 0 };
	if (store_each_tenure_of_person(s, p->person, principal_since, &v) < 0)
		return storage(f);
	return v.held ? 0 : fault(f, 403, NULL, "该报告须由本机构主要负责人本人"
	    "签署 (signed by the organ's principal)", NULL);
}

int
authority_report_issue(const struct principal *p,
    const struct store_organ_info *o, struct fault *f)
{
	if (p->role == ACCT_OFFICE && access_can_review_organ(p, o))
		return 0;
	return fault(f, 403, NULL, "报告由本地区或上级依法治理办公室锁定和公开 "
	    "(only the office)", NULL);
}

int
authority_report_stamp(const struct principal *p,
    const struct store_organ_info *o, struct fault *f)
{
	/* The writers who may edit the draft (its organ's clerk, the
	 * offices above, the administrator), the office as it issues it;
	 * not the leader, who signs what they fixed. */
	if (p->role != ACCT_LEADER && (access_can_write_organ(p, o) ||
	    (p->role == ACCT_OFFICE && access_can_review_organ(p, o))))
		return 0;
	return fault(f, 403, NULL, "报告的定稿编号和定稿文件由起草报告的机关或依法治理"
	    "办公室办理 (the writer or the office)", NULL);
}

/*
 * ---- accounts ----
 *
 * The rows decide: an account's place is read from the store (its
 * region's path, else its organ's region's), and what is created is
 * checked against the region, organ and person rows as they stand.
 */

unsigned
authority_account_roles(const struct principal *p)
{
	if (p->role == ACCT_ADMIN)
		return (1u << ACCT_COUNT) - 1;
	if (p->role == ACCT_OFFICE && p->path[0] != '\0')
		return AUTHORITY_ACCOUNT_ROLES_OFFICE;
	return 0;
}

/* Whether path lies in p's subtree (an administrator's is everything;
 * an account placed nowhere, path NULL, is the administrator's alone). */
static int
account_within(const struct principal *p, const char *path)
{
	if (p->role == ACCT_ADMIN)
		return 1;
	return path != NULL && p->path[0] != '\0' &&
	    strncmp(path, p->path, strlen(p->path)) == 0;
}

static int
valid_name(const char *name)
{
	size_t n = name ? strlen(name) : 0;
	return n > 0 && n <= 64 && strspn(name, "abcdefghijklmnopqrstuvwxyz"
	    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-") == n;
}

/* The fields each role is placed by: need (a mask of 1 region, 2 organ,
 * 4 person) and may (what it takes besides). */
static void
role_fields(enum role_kind r, unsigned *need, unsigned *may)
{
	*may = 0;
	switch (r) {
	case ACCT_OFFICE:
	case ACCT_INSPECTOR:
	case ACCT_DISCIPLINE:
		*need = 1;
		break;
	case ACCT_CLERK:
		*need = 2;
		break;
	case ACCT_LEADER:
		*need = 4;
		*may = 2;
		break;
	default:
		*need = 0;
	}
}

/* The fields of w against what its role needs and takes. */
static int
account_fields(const struct authority_account *w, enum role_kind r,
    int office, struct fault *f)
{
	static const char *const fields[] = { "region", "organ", "person" };
	static const char *const needed[] = {
		"该角色须指定所辖地区 (region required)",
		"该角色须指定所在机构 (organ required)",
		"主要负责人账号须指定本人 (person required)" };
	static const char *const refused[] = {
		"该角色不设所辖地区 (region not taken by this role)",
		"该角色不设所在机构 (organ not taken by this role)",
		"只有主要负责人账号指定本人 (person not taken by this role)" };
	const char *v[] = { w->region, w->organ, w->person };
	unsigned need, may;
	role_fields(r, &need, &may);
	/* An office places a leader by the organ: its subtree is of
	 * organs, and a person is in it only through a post there. */
	if (office && r == ACCT_LEADER)
		need |= 2;
	for (int i = 0; i < 3; i++) {
		if ((need & (1u << i)) && v[i] == NULL)
			return fault(f, 400, fields[i], needed[i], NULL);
		if (!((need | may) & (1u << i)) && v[i] != NULL)
			return fault(f, 400, fields[i], refused[i], v[i]);
	}
	return 0;
}

int
authority_account_create(struct store *s, const struct principal *p,
    const struct authority_account *w, struct fault *f)
{
	enum role_kind r;
	char path[512];
	int rc;
	if (!valid_name(w->name))
		return fault(f, 400, "name", "账号名须为 1 至 64 个字母、数字或 . _ "
		    "- (name: 1-64 of a-z A-Z 0-9 . _ -)", NULL);
	if (w->role == NULL || access_role_parse(w->role, &r))
		return fault(f, 400, "role", "请选择角色 (unknown role)", w->role);
	if (account_fields(w, r, p->role == ACCT_OFFICE, f))
		return -1;
	if (!(authority_account_roles(p) & (1u << r)))
		return fault(f, 403, "role", "无权创建该角色的账号:依法治理办公室"
		    "只能创建台账录入员、主要负责人和督查人员账号 (role not yours "
		    "to create)", w->role);
	if (w->region != NULL) {
		rc = store_region_path(s, w->region, path, sizeof path);
		if (known(f, rc, "region", "地区不存在 (unknown region)",
		    w->region))
			return -1;
		if (!account_within(p, path))
			return fault(f, 403, "region", "该地区不在您的管辖范围内 "
			    "(region outside your scope)", w->region);
	}
	struct store_organ_info o;
	if (w->organ != NULL) {
		if (known(f, store_organ_info(s, w->organ, &o), "organ",
		    "机构不存在 (unknown organ)", w->organ))
			return -1;
		if (!account_within(p, o.path))
			return fault(f, 403, "organ", "该机构不在您的管辖范围内 "
			    "(organ outside your scope)", w->organ);
	}
	if (w->person != NULL) {
		/* A leader is a person who held a post at the organ: one
		 * outside the caller's subtree never did at an organ in it. */
		rc = w->organ != NULL ? authority_person(s, w->person, w->organ,
		    AUTHORITY_EVER, DATE_NONE, "person", f) : 1;
		if (rc <= 0)
			return -1;
		int64_t key;
		if (w->organ == NULL && known(f, store_person_key(s, w->person,
		    &key), "person", "人员不存在 (unknown person)", w->person))
			return -1;
	}
	rc = store_account_get(s, w->name, 0, NULL, NULL);
	if (rc < 0)
		return storage(f);
	if (rc > 0)
		return fault(f, 409, "name", "该账号名已被使用,请另选一个 (an "
		    "account has the name)", w->name);
	return 0;
}

struct account_seen {
	struct authority_account_row row;
	char path[512];
	int placed, known_role;
};

static int
keep_account(void *ctx, const struct store_account *a)
{
	struct account_seen *v = ctx;
	v->row.key = a->key;
	v->row.disabled = a->disabled;
	v->known_role = access_role_parse(a->role, &v->row.role) == 0;
	v->placed = a->path != NULL;
	snprintf(v->path, sizeof v->path, "%s", a->path ? a->path : "");
	return 0;
}

int
authority_account(struct store *s, const struct principal *p,
    const char *name, enum authority_account_op op,
    struct authority_account_row *a, struct fault *f)
{
	struct account_seen v = { { 0, ACCT_ADMIN, 0 }, "", 0, 0 };
	int rc = name != NULL ? store_account_get(s, name, 0, keep_account,
	    &v) : 0;
	if (rc < 0)
		return storage(f);
	if (rc == 0 || !v.known_role ||
	    !(authority_account_roles(p) & (1u << v.row.role)) ||
	    !account_within(p, v.placed ? v.path : NULL))
		return fault(f, 404, NULL, "账号不存在 (no such account)", name);
	if (op == AUTHORITY_ACCOUNT_DISABLE && v.row.key == p->key)
		return fault(f, 409, NULL, "不能停用自己的账号 (you cannot "
		    "disable your own account)", name);
	if (op == AUTHORITY_ACCOUNT_DISABLE && v.row.role == ACCT_ADMIN &&
	    !v.row.disabled) {
		long n = store_count_admins(s);
		if (n < 0)
			return storage(f);
		if (n <= 1)
			return fault(f, 409, NULL, "这是最后一个启用的系统管理员账号,"
			    "不能停用 (the last administrator)", name);
	}
	if (a != NULL)
		*a = v.row;
	return 0;
}
