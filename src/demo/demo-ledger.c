/*
 * demo-ledger.c: the records of the demo province for one year, drawn organ
 * by organ and written as they are drawn, followed by the two findings of
 * judicial interference; then, the same way, the next year's records up to
 * a cut-off day (a year in progress).
 *
 * Each kind follows the regulation's own rhythm (hearings and lectures
 * twice a year, one plan, one annual report by 31 March, year-end reports in
 * the next year's first quarter) with gaps chosen so that every verdict
 * occurs; the probabilities are in per mille at the point of use. Gaps are
 * concentrated in "lax" organs (about a quarter, a third of townships), as
 * in life: a leader who skips one duty tends to skip others, and the grades
 * spread from excellent to fail instead of all landing in between. Where an
 * organ changes hands, the first two records of a kind fall one on each side
 * of the change, so both leaders answer for something.
 */
#include <stdio.h>
#include <string.h>

#include "demo-int.h"
#include "demo-text.h"

/* Starts a record; the caller adds the kind's own fields, then rec_end. */
static json_t *
rec_begin(struct demo_gen *g, const char *kind, const struct demo_organ *o,
    long day, const char *title)
{
	json_t *r = demo_line(g, "record");

	snprintf(g->id, sizeof(g->id), "r-%07ld", ++g->nrec);
	g->day = day;
	demo_put_str(g, r, "id", g->id);
	demo_put_str(g, r, "kind", kind);
	demo_put_str(g, r, "organ", o->id);
	demo_put_date(g, r, "date", day);
	demo_put_str(g, r, "title", title);
	return r;
}

/* Finishes and writes a record: a status (drawn unless given; offices verify
 * less of what is recent) and, for about a third, an evidence file named
 * after label. In the year after, a record past the cut-off day is drawn
 * in full but not written, so that an earlier cut-off yields the same
 * records up to its day. Returns 0, or -1 with errno set. */
static int
rec_end(struct demo_gen *g, json_t *r, const char *label, const char *status)
{
	char file[96], day[16];

	if (status == NULL) {
		if (demo_chance(&g->r, 20))
			status = "rejected";
		else if (demo_chance(&g->r, g->day > g->fresh ? 400 : 680))
			status = "verified";
		else
			status = "submitted";
	}
	demo_put_str(g, r, "status", status);
	if (demo_chance(&g->r, 350)) {
		/* Named as an office names its scans: what and when (never
		 * the record's id, which nobody reads). */
		demo_day_str(g->day, day, sizeof(day));
		snprintf(file, sizeof(file), "%s-%s.pdf", label, day);
		demo_put(g, r, "evidence", json_pack("[s]", file));
	}
	if (g->next && g->day > g->cut) {
		json_decref(r);
		return 0;
	}
	return demo_emit(g, r, &g->st.records);
}

/* A record with no fields of its own: rec_begin, then rec_end with the
 * status drawn. */
static int
rec_plain(struct demo_gen *g, const char *kind, const struct demo_organ *o,
    long day, const char *title, const char *label)
{
	return rec_end(g, rec_begin(g, kind, o, day, title), label, NULL);
}

static int
principal_at(const struct demo_organ *o, long day)
{
	return o->heir >= 0 && day >= o->change ? o->heir : o->old;
}

/* Returns a day for the i-th record of a kind at o, within [lo, hi] days of
 * the year's start (clamped to the year). Where the organ changes hands
 * inside the window, the first such record falls to the outgoing leader and
 * the second to the successor, so both answer for something. */
static long
pick_day(struct demo_gen *g, const struct demo_organ *o, long lo, long hi,
    int i)
{
	long a = g->w->y0 + lo, b = g->w->y0 + hi;

	if (b > g->w->y1)
		b = g->w->y1;
	if (a > b)
		a = b;
	if (o->heir >= 0 && a < o->change && o->change <= b && i < 2) {
		if (i == 0)
			b = o->change - 1;
		else
			a = o->change;
	}
	return demo_range(&g->r, a, b);
}

static int
gen_party(struct demo_gen *g, const struct demo_organ *o)
{
	const struct demo_region *rg = &g->w->reg[o->region];
	int town = rg->level == DEMO_LEVEL_TOWNSHIP, year = g->w->year, i, n;
	const char *meeting = town ? "会议" : "常委会会议";
	char t[512];
	json_t *r;
	long day;

	n = (int)(demo_chance(&g->r, g->lax ? 450 : 30) ?
	    demo_range(&g->r, 0, 1) : demo_range(&g->r, 2, 3));
	for (i = 0; i < n; i++) {
		day = pick_day(g, o, 14, 355, i);
		if (!town && demo_chance(&g->r, 400))
			snprintf(t, sizeof(t), "%s全面依法治%s委员会会议听取"
			    "全%s法治建设工作汇报", rg->party, rg->unit,
			    rg->unit);
		else
			snprintf(t, sizeof(t), "%s%s听取全%s法治建设工作汇报",
			    rg->party, meeting, rg->unit);
		if (rec_plain(g, "rol_report_hearing", o, day, t, "会议纪要"))
			return -1;
	}
	if (!demo_chance(&g->r, g->lax ? 300 : 20)) {
		day = pick_day(g, o, 5, 75, 0);
		snprintf(t, sizeof(t), "%s印发%d年工作要点，将法治建设纳入党委"
		    "年度工作计划", rg->party, year);
		if (rec_plain(g, "rol_in_annual_plan", o, day, t, "工作要点"))
			return -1;
	}
	if (!demo_chance(&g->r, g->lax ? 300 : 30)) {
		day = pick_day(g, o, 40, 200, 0);
		snprintf(t, sizeof(t), "%s%s专题听取%d年度全%s法治政府建设情况"
		    "汇报", rg->party, meeting, year - 1, rg->unit);
		r = rec_begin(g, "rol_gov_report_hearing", o, day, t);
		demo_put(g, r, "about_year", json_integer(year - 1));
		if (rec_end(g, r, "会议纪要", NULL))
			return -1;
	}
	n = (int)(demo_chance(&g->r, g->lax ? 500 : 50) ? 1 :
	    demo_range(&g->r, 2, 3));
	for (i = 0; i < n; i++) {
		day = pick_day(g, o, 20, 350, i);
		snprintf(t, sizeof(t), "%s理论学习中心组法治专题讲座：%s",
		    rg->party, DEMO_PICK(&g->r, demo_text_lectures));
		if (rec_plain(g, "rol_lecture", o, day, t, "讲座通知"))
			return -1;
	}
	n = (int)demo_range(&g->r, 2, 6);
	for (i = 0; i < n; i++) {
		day = pick_day(g, o, 10, 355, i);
		snprintf(t, sizeof(t), "%s%s会前学法：%s", rg->party, meeting,
		    DEMO_PICK(&g->r, demo_text_laws));
		if (rec_plain(g, "collective_law_study", o, day, t, "学法记录"))
			return -1;
	}
	return 0;
}

/* The government's (or a department's) report on the rule of law in
 * `about`, dated in the first quarter of about + 1. Most go to all three
 * recipients (a department's: 本级党委和政府, 上一级政府有关部门) and are
 * published by 31 March; some skip a recipient, some are published in
 * April, some never. Returns 0, or -1 with errno set. */
static int
gen_annual_report(struct demo_gen *g, const struct demo_organ *o, int about)
{
	static const char *const gov[] = {
		"party_committee", "npc_standing_committee",
		"superior_government" };
	static const char *const dept[] = {
		"party_committee", "government", "superior_department" };
	const char *const *recipients = o->kind == DEMO_KIND_DEPT ? dept : gov;
	long base = demo_day_from_civil(about + 1, 1, 1);
	long march = demo_day_from_civil(about + 1, 3, 31), day;
	int drop, k, p;
	char t[512];
	json_t *r, *to;

	day = base + demo_range(&g->r, 9, 78);
	snprintf(t, sizeof(t), "%s关于%d年法治政府建设情况的报告", o->name,
	    about);
	r = rec_begin(g, "rol_gov_annual_report", o, day, t);
	demo_put(g, r, "about_year", json_integer(about));
	drop = demo_chance(&g->r, g->lax ? 250 : 20) ? (int)demo_range(&g->r, 0, 2) : -1;
	to = json_array();
	for (k = 0; k < 3; k++)
		if (k != drop && json_array_append_new(to,
		    json_string(recipients[k])) != 0)
			g->oom = 1;
	demo_put(g, r, "recipients", to);
	p = (int)demo_range(&g->r, 0, 999);
	if (p < (g->lax ? 600 : 970))
		demo_put_date(g, r, "published_on",
		    demo_range(&g->r, day, march));
	else if (p < (g->lax ? 850 : 990))
		demo_put_date(g, r, "published_on",
		    march + demo_range(&g->r, 1, 28));
	return rec_end(g, r, "报告文本", NULL);
}

/* A major administrative decision dated on its collective discussion, its
 * steps counted back from there. About 8% skip a step and 5% have the
 * legality review after the vote. Returns 0, or -1 with errno set. */
static int
gen_decision(struct demo_gen *g, const struct demo_organ *o, int i)
{
	static const char *const steps[] = {
		"public_participation", "expert_argumentation",
		"risk_assessment", "legality_review", "collective_discussion" };
	const struct demo_region *rg = &g->w->reg[o->region];
	long when[5];
	int k, skip = -1, p;
	char t[512];
	json_t *r, *s;

	when[4] = pick_day(g, o, 60, 350, i);
	for (k = 3; k >= 0; k--)
		when[k] = when[k + 1] - demo_range(&g->r, 4, 20);
	p = (int)demo_range(&g->r, 0, 999);
	if (p < (g->lax ? 150 : 30))
		skip = (int)demo_range(&g->r, 0, 3);
	else if (p < (g->lax ? 250 : 50))
		when[3] = when[4] + demo_range(&g->r, 2, 15);
	snprintf(t, sizeof(t), "%s%s审议通过《%s%s》", rg->gov,
	    rg->level == DEMO_LEVEL_TOWNSHIP ? "班子会议" : "常务会议",
	    rg->name, DEMO_PICK(&g->r, demo_text_decisions));
	r = rec_begin(g, "major_decision", o, when[4], t);
	s = json_object();
	for (k = 0; k < 5; k++)
		if (k != skip)
			demo_put_date(g, s, steps[k], when[k]);
	demo_put(g, r, "steps", s);
	return rec_end(g, r, "决策档案", NULL);
}

/* Where a lawsuit against o is heard, writing the court's code into buf:
 * governments of a county and above before the intermediate court
 * (行政诉讼法第十五条), everyone else before the basic court of the place.
 * Returns the region whose case counter the court uses. */
static int
court_of(const struct demo_world *w, const struct demo_organ *o, char *buf,
    size_t size)
{
	const struct demo_region *rg = &w->reg[o->region];
	int at = o->region, mid = o->kind == DEMO_KIND_GOV;

	switch (rg->level) {
	case DEMO_LEVEL_PROVINCE:
		at = mid ? rg->seat : w->reg[rg->seat].seat;
		break;
	case DEMO_LEVEL_PREFECTURE:
		at = mid ? o->region : rg->seat;
		break;
	case DEMO_LEVEL_COUNTY:
		at = mid ? rg->parent : o->region;
		break;
	case DEMO_LEVEL_TOWNSHIP:
		at = rg->parent;
		mid = 0;
		break;
	}
	snprintf(buf, size, "黔%.*s", mid ? 2 : 4, w->reg[at].code + 2);
	return at;
}

/* An administrative lawsuit against o and, for about half, the appearance
 * in court of its head (the principal, or now and then the deputy).
 * Returns 0, or -1 with errno set. */
static int
gen_lawsuit(struct demo_gen *g, const struct demo_organ *o, int i)
{
	static const char *const trades[] = {
		"建材", "房地产开发", "商贸", "农业科技", "矿业", "物流" };
	struct demo_world *w = g->w;
	char court[32], cs[96], who[128], t[512];
	long filed, day;
	int at, who_t, big;
	json_t *r;

	filed = pick_day(g, o, 5, 300, i);
	at = court_of(w, o, court, sizeof(court));
	w->reg[at].cases = w->reg[at].cases ?
	    w->reg[at].cases + (int)demo_range(&g->r, 1, 9) :
	    (int)demo_range(&g->r, 1, 30);
	snprintf(cs, sizeof(cs), "（%d）%s行初%d号", w->year, court,
	    w->reg[at].cases);
	if (demo_chance(&g->r, 250))
		snprintf(who, sizeof(who), "贵州某某%s有限公司",
		    trades[demo_range(&g->r, 0, 5)]);
	else
		snprintf(who, sizeof(who), "%s某",
		    DEMO_PICK(&g->r, demo_text_surnames));
	snprintf(t, sizeof(t), "%s诉%s%s一案", who, o->name,
	    DEMO_PICK(&g->r, demo_text_causes));
	r = rec_begin(g, "admin_lawsuit", o, filed, t);
	demo_put_str(g, r, "case", cs);
	if (rec_end(g, r, "应诉通知书", NULL))
		return -1;
	day = filed + demo_range(&g->r, 25, 70);
	if (!demo_chance(&g->r, 550) || day > w->y1)
		return 0;
	/* heads of big governments mostly send their deputy */
	big = o->kind == DEMO_KIND_GOV &&
	    w->reg[o->region].level < DEMO_LEVEL_COUNTY;
	who_t = o->deputy >= 0 && demo_chance(&g->r, big ? 800 : 300) ?
	    o->deputy : principal_at(o, day);
	snprintf(t, sizeof(t), "%s负责人出庭应诉%s案件", o->name, cs);
	r = rec_begin(g, "court_appearance", o, day, t);
	demo_put_id(g, r, "person", 'p', w->ten[who_t].person);
	demo_put_str(g, r, "case", cs);
	return rec_end(g, r, "出庭笔录", NULL);
}

static int
gen_gov(struct demo_gen *g, const struct demo_organ *o)
{
	const struct demo_region *rg = &g->w->reg[o->region];
	int town = rg->level == DEMO_LEVEL_TOWNSHIP, year = g->w->year, i, n;
	const char *meeting = town ? "班子会议" : "常务会议";
	char t[512];

	if (!demo_chance(&g->r, g->lax ? 300 : 20)) {
		snprintf(t, sizeof(t), "印发《%s%d年法治政府建设工作要点》",
		    rg->name, year);
		if (rec_plain(g, "rol_gov_annual_plan", o,
		    pick_day(g, o, 10, 110, 0), t, "工作要点"))
			return -1;
	}
	/* in the year after, last year's report was drawn with last year */
	if (!demo_chance(&g->r, g->lax ? 150 : 10) && !g->next &&
	    gen_annual_report(g, o, year - 1))
		return -1;
	if (town)
		n = demo_chance(&g->r, 700) ? 0 : (int)demo_range(&g->r, 1, 2);
	else
		n = (int)demo_range(&g->r, 0, 4);
	for (i = 0; i < n; i++)
		if (gen_decision(g, o, i))
			return -1;
	n = (int)(demo_chance(&g->r, g->lax ? 500 : 50) ? 1 :
	    demo_range(&g->r, 2, 3));
	for (i = 0; i < n; i++) {
		snprintf(t, sizeof(t), "%s%s法治专题讲座：%s", rg->gov, meeting,
		    DEMO_PICK(&g->r, demo_text_lectures));
		if (rec_plain(g, "rol_lecture", o,
		    pick_day(g, o, 20, 350, i), t, "讲座通知"))
			return -1;
	}
	n = town ? 0 : (int)demo_range(&g->r, 1, 4);
	for (i = 0; i < n; i++) {
		snprintf(t, sizeof(t), "%s%s会前学法：%s", rg->gov, meeting,
		    DEMO_PICK(&g->r, demo_text_laws));
		if (rec_plain(g, "collective_law_study", o,
		    pick_day(g, o, 10, 355, i), t, "学法记录"))
			return -1;
	}
	switch (rg->level) {
	case DEMO_LEVEL_PROVINCE:
		n = (int)demo_range(&g->r, 2, 6);
		break;
	case DEMO_LEVEL_PREFECTURE:
		n = (int)demo_range(&g->r, 1, 5);
		break;
	case DEMO_LEVEL_COUNTY:
		n = (int)demo_range(&g->r, 0, 4);
		break;
	default:
		n = demo_chance(&g->r, 300);
		break;
	}
	for (i = 0; i < n; i++)
		if (gen_lawsuit(g, o, i))
			return -1;
	return 0;
}

static int
gen_dept(struct demo_gen *g, const struct demo_organ *o)
{
	char t[512];
	int i, n;

	n = (int)demo_range(&g->r, 1, 4);
	for (i = 0; i < n; i++) {
		snprintf(t, sizeof(t), "%s党组会议集体学法：%s", o->name,
		    DEMO_PICK(&g->r, demo_text_laws));
		if (rec_plain(g, "collective_law_study", o,
		    pick_day(g, o, 10, 355, i), t, "学法记录"))
			return -1;
	}
	n = (int)demo_range(&g->r, 0, o->suits);
	for (i = 0; i < n; i++)
		if (gen_lawsuit(g, o, i))
			return -1;
	n = (int)demo_range(&g->r, 0, 2);
	for (i = 0; i < n; i++) {
		snprintf(t, sizeof(t), "%s组织领导班子成员旁听行政案件庭审",
		    o->name);
		if (rec_plain(g, "court_hearing_attendance", o,
		    pick_day(g, o, 30, 340, i), t, "旁听签到表"))
			return -1;
	}
	return 0;
}

/* A year-end report of tenure ti about year `about`, dated in [lo, hi];
 * without the rule-of-law part (述法) with probability bare / 1000. The
 * draws are made here, one statement each, because the order in which a
 * compiler evaluates arguments would otherwise change the output.
 * Returns 0, or -1 with errno set. */
static int
gen_report(struct demo_gen *g, const struct demo_organ *o, int ti, long lo,
    long hi, int about, int bare)
{
	const struct demo_tenure *tn = &g->w->ten[ti];
	char t[512];
	json_t *r;
	long day;
	int with_law;

	day = demo_range(&g->r, lo, hi);
	with_law = !demo_chance(&g->r, bare);
	snprintf(t, sizeof(t), "%s同志%d年度%s", g->w->per[tn->person].name,
	    about, with_law ? "述职述责述廉述法报告" : "述职报告");
	r = rec_begin(g, "year_end_report", o, day, t);
	demo_put_id(g, r, "person", 'p', tn->person);
	demo_put(g, r, "about_year", json_integer(about));
	demo_put(g, r, "includes_rule_of_law", json_boolean(with_law));
	return rec_end(g, r, "述职报告", NULL);
}

/* Year-end reports at o: last year's, filed in this year's first quarter;
 * sometimes one by an outgoing leader before leaving; and, for a few less
 * than all, this year's by whoever is in post at its end, filed in the next
 * year's first quarter. Returns 0, or -1 with errno set. */
static int
gen_year_end(struct demo_gen *g, const struct demo_organ *o)
{
	const struct demo_world *w = g->w;
	const struct demo_tenure *old = &w->ten[o->old];
	long lo, hi = w->y0 + 58;

	/* an outgoing leader files last year's report before leaving */
	if (o->heir >= 0 && old->end < hi)
		hi = old->end;
	if (!demo_chance(&g->r, 30) &&
	    gen_report(g, o, o->old, w->y0 + 4, hi, w->year - 1, 30))
		return -1;
	if (o->heir >= 0 && demo_chance(&g->r, 400)) {
		lo = old->end - 20 < w->y0 ? w->y0 : old->end - 20;
		if (gen_report(g, o, o->old, lo, old->end, w->year, 50))
			return -1;
	}
	if (!demo_chance(&g->r, 30) &&
	    gen_report(g, o, o->heir >= 0 ? o->heir : o->old, w->n0 + 4,
	    w->nq, w->year, 50))
		return -1;
	return 0;
}

/*
 * Writes one finding and remembers it for the supervision that determined
 * it (demo-oversight.c): its record id is the one the determination
 * gives ("r-det-" and the observation or case), its basis, reference and
 * deciding account are those a competent body would enter (第九条; the
 * contract's "Findings"). Returns 0, or -1 with errno set.
 */
static int
gen_finding(struct demo_gen *g, const char *kind, const struct demo_organ *o,
    long day, long found, long determined, const char *title,
    const char *basis, const char *ref, const char *source, const char *by,
    const char *duty, int item)
{
	const struct demo_world *w = g->w;
	const struct demo_tenure *tn = &w->ten[o->old];
	struct demo_finding *f;
	json_t *r;

	if (g->st.nfindings >= DEMO_FINDINGS_MAX)
		return 0;
	f = &g->st.findings[g->st.nfindings++];
	memset(f, 0, sizeof(*f));
	r = rec_begin(g, kind, o, day, title);
	snprintf(f->record, sizeof(f->record), "r-det-%s", source);
	demo_put_str(g, r, "id", f->record);
	demo_put_id(g, r, "person", 'p', tn->person);
	if (item > 0)
		demo_put(g, r, "item", json_integer(item));
	demo_put_str(g, r, "basis", basis);
	demo_put_str(g, r, "basis_ref", ref);
	demo_put_str(g, r, "determined_by", by);
	demo_put_date(g, r, "determined_on", determined);
	snprintf(f->kind, sizeof(f->kind), "%s", kind);
	snprintf(f->organ, sizeof(f->organ), "%s", o->id);
	snprintf(f->organ_name, sizeof(f->organ_name), "%s", o->name);
	snprintf(f->person, sizeof(f->person), "p-%06d", tn->person + 1);
	snprintf(f->person_name, sizeof(f->person_name), "%s",
	    w->per[tn->person].name);
	snprintf(f->basis, sizeof(f->basis), "%s", basis);
	snprintf(f->basis_ref, sizeof(f->basis_ref), "%s", ref);
	snprintf(f->source, sizeof(f->source), "%s", source);
	snprintf(f->determined_by, sizeof(f->determined_by), "%s", by);
	snprintf(f->duty, sizeof(f->duty), "%s", duty);
	snprintf(f->title, sizeof(f->title), "%s", title);
	f->item = item;
	demo_day_str(day, f->date, sizeof(f->date));
	demo_day_str(found, f->found, sizeof(f->found));
	demo_day_str(determined, f->determined, sizeof(f->determined));
	return rec_end(g, r, "认定材料", "verified");
}

/* The first organ of kind k in region ri whose principal served the whole
 * year, or NULL. */
static const struct demo_organ *
steady_organ(const struct demo_world *w, int ri, enum demo_kind k)
{
	for (size_t i = 0; i < w->norg; i++)
		if (w->org[i].region == ri && w->org[i].kind == k &&
		    w->org[i].heir < 0)
			return &w->org[i];
	return NULL;
}

/*
 * The findings of the year, each determined by the body the text names:
 * two county party secretaries found to have interfered in judicial
 * matters in accountability cases of the provincial discipline body (so
 * that the veto shows), and in 南明区, the county the demo accounts work
 * in, a department head and a township party secretary found by the
 * 区委依法治区办 on an inspection's observations (第十条: the measures
 * reach them by reference, and so do 第九条 and the veto).
 * Returns 0, or -1 with errno set.
 */
static int
gen_findings(struct demo_gen *g)
{
	const struct demo_world *w = g->w;
	long m = 0, pick[2], k;
	size_t i;
	int nm = -1, town = -1, n = 0;
	char t[512], ref[48], insp[48];

	for (i = 0; i < w->norg; i++)
		m += w->org[i].kind == DEMO_KIND_PARTY && w->org[i].heir < 0 &&
		    w->reg[w->org[i].region].level == DEMO_LEVEL_COUNTY;
	if (m < 2)
		return 0;
	pick[0] = demo_range(&g->r, 0, m - 1);
	pick[1] = demo_range(&g->r, 0, m - 2);
	pick[1] += pick[1] >= pick[0];
	for (i = 0, k = 0; i < w->norg; i++) {
		const struct demo_organ *o = &w->org[i];
		const struct demo_tenure *tn = &w->ten[o->old];

		if (o->kind != DEMO_KIND_PARTY || o->heir >= 0 ||
		    w->reg[o->region].level != DEMO_LEVEL_COUNTY)
			continue;
		if (k == pick[0] || k == pick[1]) {
			snprintf(t, sizeof(t), "关于%s同志违规干预司法活动、"
			    "插手具体案件处理问题的调查结论",
			    w->per[tn->person].name);
			snprintf(ref, sizeof(ref), "ac-%d-%04d", w->year, ++n);
			long d = pick_day(g, o, 90, 330, 0);
			if (gen_finding(g, "judicial_interference", o, d, d + 5,
			    d + 20, t, "case", ref, ref, "discipline",
			    "5.4-no-interference", 0))
				return -1;
		}
		k++;
	}
	for (i = 0; i < w->nreg && nm < 0; i++)
		if (strcmp(w->reg[i].code, "520102") == 0)
			nm = (int)i;
	for (i = 0; nm >= 0 && i < w->nreg && town < 0; i++)
		if (w->reg[i].parent == nm &&
		    w->reg[i].level == DEMO_LEVEL_TOWNSHIP &&
		    steady_organ(w, (int)i, DEMO_KIND_PARTY) != NULL)
			town = (int)i;
	const struct demo_organ *dept = nm >= 0 ?
	    steady_organ(w, nm, DEMO_KIND_DEPT) : NULL;
	const struct demo_organ *tp = town >= 0 ?
	    steady_organ(w, town, DEMO_KIND_PARTY) : NULL;
	/* The inspection ran 1-20 September (demo-oversight.c). */
	long seen = demo_day_from_civil(w->year, 9, 10);
	long decided = demo_day_from_civil(w->year, 9, 25);
	snprintf(insp, sizeof(insp), "insp-%d-00000001", w->year);
	if (dept != NULL) {
		snprintf(t, sizeof(t), "%s主要负责人违规过问具体案件处理问题的认定",
		    dept->name);
		snprintf(ref, sizeof(ref), "find-%d-00000001", w->year);
		if (gen_finding(g, "judicial_interference", dept, w->y0 + 200,
		    seen, decided, t, "inspection", insp, ref, "nm-office",
		    "9-no-interference", 0))
			return -1;
	}
	if (tp != NULL) {
		snprintf(t, sizeof(t), "%s主要负责人督促下级履行法治建设责任不力、"
		    "对违法问题压案不查的认定", tp->name);
		snprintf(ref, sizeof(ref), "find-%d-00000002", w->year);
		if (gen_finding(g, "accountability_finding", tp, w->y0 + 230,
		    seen, decided, t, "inspection", insp, ref, "nm-office",
		    "9.4-oversight", 4))
			return -1;
	}
	return 0;
}

/* Whether o is lax this year, then its own records by its kind.
 * Returns 0, or -1 with errno set. */
static int
gen_organ(struct demo_gen *g, const struct demo_organ *o)
{
	g->lax = demo_chance(&g->r, g->w->reg[o->region].level ==
	    DEMO_LEVEL_TOWNSHIP ? 330 : 250);
	return o->kind == DEMO_KIND_PARTY ? gen_party(g, o) :
	    o->kind == DEMO_KIND_GOV ? gen_gov(g, o) : gen_dept(g, o);
}

/* Writes the records of g->w's year, organ by organ, then the findings.
 * Returns 0, or -1 with errno set. */
int
demo_ledger_write(struct demo_gen *g)
{
	const struct demo_world *w = g->w;
	size_t i;

	demo_rng_seed(&g->r, DEMO_STREAM_RECORDS);
	g->fresh = w->y1;
	for (i = 0; i < w->norg; i++) {
		const struct demo_organ *o = &w->org[i];

		if (gen_organ(g, o) || gen_year_end(g, o) ||
		    (o->kind == DEMO_KIND_GOV && !demo_chance(&g->r, 80) &&
		    gen_annual_report(g, o, w->year)))
			return -1;
	}
	if (gen_findings(g))
		return -1;
	/* Departments report too (督察工作规定第二十三条): last year's report
	 * and this year's, from a stream of their own. */
	demo_rng_seed(&g->r, DEMO_STREAM_DEPT_REPORTS);
	for (i = 0; i < w->norg; i++) {
		const struct demo_organ *o = &w->org[i];

		if (o->kind != DEMO_KIND_DEPT)
			continue;
		g->lax = demo_chance(&g->r, 250);
		if ((!demo_chance(&g->r, g->lax ? 150 : 10) &&
		    gen_annual_report(g, o, w->year - 1)) ||
		    (!demo_chance(&g->r, 80) && gen_annual_report(g, o, w->year)))
			return -1;
	}
	return 0;
}

/*
 * The year after the demo year, as it stands on day `cut` (a day of that
 * year): each organ's own records of the year so far, drawn with the same
 * rhythm and gaps from a stream of their own. What belongs to the demo
 * year and is filed in this one (year-end reports, the annual report) was
 * written with the demo year; this year's own come after its end and are
 * not drawn. Moves g->w on to the year after (the registry is written and
 * its tenures run on: whoever took over in the demo year is in post).
 * Returns 0, or -1 with errno set.
 */
int
demo_ledger_write_next(struct demo_gen *g, long cut)
{
	struct demo_world *w = g->w;
	size_t i;

	w->year++;
	w->y0 = w->n0;
	w->y1 = demo_day_from_civil(w->year, 12, 31);
	w->n0 = w->y1 + 1;
	w->nq = demo_day_from_civil(w->year + 1, 3, 31);
	for (i = 0; i < w->nreg; i++)
		w->reg[i].cases = 0; /* courts number each year afresh */
	g->next = 1;
	g->cut = cut;
	g->fresh = cut - 45; /* the last six weeks' wait for review */
	demo_rng_seed(&g->r, DEMO_STREAM_NEXT);
	for (i = 0; i < w->norg; i++) {
		const struct demo_organ *o = &w->org[i];

		if (gen_organ(g, o))
			return -1;
	}
	return 0;
}
