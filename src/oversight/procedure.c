/*
 * The tables of procedure.h and the few functions that read them. A
 * change to the procedure is a change to a row here; tests/unit/
 * test-procedure.c holds an independent statement of the same procedure
 * and fails when the two disagree.
 */
#include "oversight/procedure.h"

#include <stddef.h>
#include <string.h>

#include "base/text.h"

#define N(a) (sizeof(a) / sizeof((a)[0]))
#define ST(s) PROC_STATE_BIT(PROC_##s)
#define BOTH (PROC_BY_OFFICE | PROC_BY_DISCIPLINE)
#define CADRE PROC_TARGET_BIT(PROC_CADRE)
#define ORG PROC_TARGET_BIT(PROC_ORGANIZATION)

static const struct name_label states[PROC_STATES] = {
	[PROC_STARTED] = { "started", "启动" },
	[PROC_INVESTIGATING] = { "investigating", "调查" },
	[PROC_STATEMENT] = { "statement", "陈述申辩" },
	[PROC_DECIDED] = { "decided", "作出问责决定" },
	[PROC_EXECUTING] = { "executing", "执行" },
	[PROC_CLOSED] = { "closed", "结案" },
	[PROC_DISMISSED] = { "dismissed", "不予问责/终止" },
};

/* For each state, the reason a case cannot move into it from a state the
 * table has no move from. */
static const char *const not_yet[PROC_STATES] = {
	[PROC_STARTED] = "案件已经启动,不能退回启动阶段",
	[PROC_INVESTIGATING] = "只有已启动、尚未调查的案件才能启动调查",
	[PROC_STATEMENT] = "须先完成调查、形成调查结论,才能听取陈述和申辩",
	[PROC_DECIDED] =
	    "作出问责决定前,须先完成调查并听取被问责对象的陈述和申辩",
	[PROC_EXECUTING] = "须先作出问责决定并送达,才能执行",
	[PROC_CLOSED] = "须先执行问责决定,才能结案",
	[PROC_DISMISSED] = "已作出问责决定的案件不能再作不予问责或终止处理",
};

static const char *const terminal[PROC_STATES] = {
	[PROC_CLOSED] = "案件已结案,不能再变更阶段",
	[PROC_DISMISSED] = "案件已不予问责(终止),不能再变更阶段",
};

static const struct name_label targets[PROC_TARGETS] = {
	[PROC_CADRE] = { "cadre", "领导干部" },
	[PROC_ORGANIZATION] = { "organization", "党组织" },
};

/* The moves. Only the discipline organs close an investigation: they
 * investigate; the deciding committee's office and they may do the rest. */
const struct proc_move proc_moves[] = {
	{ PROC_STARTED, PROC_INVESTIGATING, "启动调查", BOTH, 0, NULL },
	{ PROC_INVESTIGATING, PROC_STATEMENT, "调查终结,听取陈述申辩",
	    PROC_BY_DISCIPLINE, PROC_NEED_INVESTIGATION,
	    "调查由纪检监察机关负责,调查终结须由纪检监察人员办理" },
	{ PROC_STATEMENT, PROC_DECIDED, "作出问责决定", BOTH,
	    PROC_NEED_STATEMENT | PROC_NEED_FORM | PROC_NEED_DECISION, NULL },
	{ PROC_DECIDED, PROC_EXECUTING, "督促执行", BOTH, 0, NULL },
	{ PROC_EXECUTING, PROC_CLOSED, "结案", BOTH, PROC_NEED_EXECUTION, NULL },
	{ PROC_STARTED, PROC_DISMISSED, "不予问责", BOTH, PROC_NEED_REASON,
	    NULL },
	{ PROC_INVESTIGATING, PROC_DISMISSED, "终止调查,不予问责", BOTH,
	    PROC_NEED_REASON, NULL },
	{ PROC_STATEMENT, PROC_DISMISSED, "不予问责", BOTH, PROC_NEED_REASON,
	    NULL },
};
const size_t proc_nmoves = N(proc_moves);

/* In the order they are checked: the first missing is the reason. */
#define TEXT(m) offsetof(struct proc_case, m)
const struct proc_need proc_needs[] = {
	{ PROC_NEED_INVESTIGATION, "investigation", "调查结论",
	    "听取陈述和申辩前,须先写明调查结论(查明的事实和责任)",
	    TEXT(investigation) },
	{ PROC_NEED_STATEMENT, "statement", "陈述和申辩",
	    "作出问责决定前,须记录被问责对象的陈述和申辩,或其放弃陈述申辩的记录",
	    TEXT(statement) },
	{ PROC_NEED_FORM, "decision_form", "问责方式",
	    "作出问责决定须选定问责方式", TEXT(decision_form) },
	{ PROC_NEED_DECISION, "decision", "问责决定",
	    "须写明问责决定的内容(事实、依据和问责方式)", TEXT(decision) },
	{ PROC_NEED_EXECUTION, "execution", "执行情况",
	    "结案前须记录问责决定的执行情况", TEXT(execution) },
	{ PROC_NEED_REASON, "note", "理由",
	    "不予问责或终止调查须写明理由", TEXT(note) },
};
const size_t proc_nneeds = N(proc_needs);

/* 《中国共产党问责条例》: for party organizations 检查、通报、改组; for
 * leading cadres 通报、诫勉、组织调整或者组织处理、纪律处分. */
const struct proc_form proc_forms[] = {
	{ "check", "检查", ORG,
	    "“检查”是对党组织的问责方式,不适用于领导干部" },
	{ "notice", "通报", ORG | CADRE, NULL },
	{ "reorganize", "改组", ORG,
	    "“改组”是对党组织的问责方式,不适用于领导干部" },
	{ "admonish", "诫勉", CADRE,
	    "“诫勉”是对领导干部的问责方式,不适用于党组织" },
	{ "adjust", "组织调整或者组织处理", CADRE,
	    "“组织调整或者组织处理”是对领导干部的问责方式,不适用于党组织" },
	{ "discipline", "纪律处分", CADRE,
	    "“纪律处分”是对领导干部的问责方式,不适用于党组织" },
};
const size_t proc_nforms = N(proc_forms);

const struct proc_result proc_results[] = {
	{ "upheld", "维持", 0, -1 },
	{ "changed", "变更", 1, PROC_STATEMENT },
	{ "revoked", "撤销", 1, PROC_DISMISSED },
};
const size_t proc_nresults = N(proc_results);

/*
 * The deadlines. The investigation's is an office setting, not the
 * regulation's: 《中国共产党问责条例》 fixes no period for it, so the
 * office aims at 60 days from the start and changes this row to change
 * it. The appeal and its handling are the regulation's own month each.
 */
const struct proc_deadline proc_deadlines[] = {
	{ "investigation", "调查期限", "依法治理办公室设定的调查目标期限(启动后 60 日)",
	    PROC_FROM_OPENED, 0, 60, ST(STARTED) | ST(INVESTIGATING),
	    PROC_WHEN_STATES },
	{ "appeal", "申诉期限",
	    "《中国共产党问责条例》:自收到问责决定之日起 1 个月内提出书面申诉",
	    PROC_FROM_DECIDED, 1, 0, ST(DECIDED) | ST(EXECUTING) | ST(CLOSED),
	    PROC_WHEN_NOT_APPEALED },
	{ "appeal_handling", "申诉处理期限",
	    "《中国共产党问责条例》:接到书面申诉后 1 个月内作出申诉处理决定",
	    PROC_FROM_APPEAL, 1, 0, ST(DECIDED) | ST(EXECUTING) | ST(CLOSED),
	    PROC_WHEN_APPEAL_PENDING },
};
const size_t proc_ndeadlines = N(proc_deadlines);

/* 第九条 of the Guizhou measures, item by item. */
static const struct {
	const char *label, *title;
} items[5] = {
	{ "第九条第(一)项", "贯彻法治建设决策部署不力,未及时决策重大问题,未完成目标任务" },
	{ "第九条第(二)项", "组织实施或处置重大问题领导不力,出现重大失误、造成严重损失" },
	{ "第九条第(三)项", "有法不依、执法不严、违法不究,以言代法、以权压法、徇私枉法" },
	{ "第九条第(四)项", "督促他人履责不力,放任纵容、袒护包庇、压案不查或阻扰调查" },
	{ "第九条第(五)项", "其他应予以问责的失职失责情形" },
};

static const struct name_label sources[] = {
	{ "inspection", "督查发现" },
	{ "veto", "考评一票否决" },
	{ "report", "报告、举报反映" },
	{ "evaluation", "考评不合格" },
};

const char *
proc_item_label(int item)
{
	return item >= 1 && item <= 5 ? items[item - 1].label : NULL;
}

const char *
proc_item_title(int item)
{
	return item >= 1 && item <= 5 ? items[item - 1].title : NULL;
}

const char *
proc_source_label(const char *source)
{
	return label_of(sources, N(sources), name_find(sources, N(sources),
	    source), NULL);
}

NAME_LABEL_FUNCTIONS(proc_state, enum proc_state, states, PROC_STATES, NULL)
NAME_LABEL_FUNCTIONS(proc_target, enum proc_target, targets, PROC_TARGETS,
    NULL)

const struct proc_move *
proc_find(enum proc_state from, enum proc_state to)
{
	for (size_t i = 0; i < proc_nmoves; i++)
		if (proc_moves[i].from == from && proc_moves[i].to == to)
			return &proc_moves[i];
	return NULL;
}

/*
 * Forms and results are found by id or by their Chinese label: one search
 * over an array of n structs of size bytes that each start with the two
 * strings id and label (checked below).
 */
static const void *
find_id_label(const void *a, size_t n, size_t size, const char *id)
{
	for (size_t i = 0; id != NULL && i < n; i++) {
		const char *const *e = (const void *)((const char *)a +
		    i * size);
		if (strcmp(id, e[0]) == 0 || strcmp(id, e[1]) == 0)
			return e;
	}
	return NULL;
}
_Static_assert(offsetof(struct proc_form, id) == 0 &&
    offsetof(struct proc_form, label) == sizeof(const char *) &&
    offsetof(struct proc_result, id) == 0 &&
    offsetof(struct proc_result, label) == sizeof(const char *),
    "find_id_label: id and label first");

const struct proc_form *
proc_form_find(const char *id)
{
	return find_id_label(proc_forms, proc_nforms, sizeof proc_forms[0], id);
}

const struct proc_result *
proc_result_find(const char *id)
{
	return find_id_label(proc_results, proc_nresults,
	    sizeof proc_results[0], id);
}

int
proc_form_fits(const struct proc_form *f, enum proc_target t)
{
	return f != NULL && (unsigned)t < PROC_TARGETS &&
	    (f->targets & PROC_TARGET_BIT(t)) != 0;
}

/* Fills *why; returns 0 for the callers' `return refuse(...)`. */
static int
refuse(struct proc_refusal *why, unsigned status, const char *reason,
    const char *field)
{
	if (why != NULL)
		*why = (struct proc_refusal){ status, reason, field };
	return 0;
}

int
proc_may(enum proc_state from, enum proc_state to, unsigned by,
    struct proc_refusal *why)
{
	if ((unsigned)from >= PROC_STATES || (unsigned)to >= PROC_STATES)
		return refuse(why, 400, "未知的案件阶段", "to");
	if (terminal[from] != NULL)
		return refuse(why, 409, terminal[from], NULL);
	if (from == to)
		return refuse(why, 409, "案件已处于该阶段", "to");
	const struct proc_move *m = proc_find(from, to);
	if (m == NULL)
		return refuse(why, 409, not_yet[to], "to");
	if ((m->by & by) == 0)
		return refuse(why, 403, m->not_by ? m->not_by :
		    "您的角色不能办理该步骤", NULL);
	return 1;
}

static int
present(const char *s)
{
	return s != NULL && *s != '\0';
}

int
proc_ready(const struct proc_case *c, enum proc_state to,
    struct proc_refusal *why)
{
	const struct proc_move *m = proc_find(c->state, to);
	if (m == NULL)
		return refuse(why, 409, (unsigned)to < PROC_STATES ?
		    not_yet[to] : "未知的案件阶段", "to");
	/* A decision changed on appeal is made again, not dropped. */
	if (to == PROC_DISMISSED && c->appeal_result != NULL &&
	    strcmp(c->appeal_result, "changed") == 0)
		return refuse(why, 409, "申诉处理决定为变更,须重新作出问责决定", "to");
	for (size_t i = 0; i < proc_nneeds; i++) {
		const struct proc_need *n = &proc_needs[i];
		if ((m->needs & n->bit) == 0)
			continue;
		const char *text = *(const char *const *)((const char *)c +
		    n->text);
		/* a written waiver stands for the statement */
		int ok = present(text) ||
		    (n->bit == PROC_NEED_STATEMENT && c->waived);
		if (!ok)
			return refuse(why, 409, n->reason, n->field);
		if (n->bit == PROC_NEED_FORM) {
			const struct proc_form *f = proc_form_find(c->decision_form);
			if (f == NULL)
				return refuse(why, 400, "问责方式无效,应为检查、通报、改组、"
				    "诫勉、组织调整或者组织处理、纪律处分之一",
				    "decision_form");
			if (!proc_form_fits(f, c->target))
				return refuse(why, 409, f->wrong_target, "decision_form");
		}
	}
	return 1;
}

/* Whether the move to `to` decides the case: a decision, or a decision
 * not to hold anyone accountable once the investigation is over. */
static int
decides(const struct proc_case *c, enum proc_state to)
{
	return to == PROC_DECIDED || (to == PROC_DISMISSED &&
	    c->state == PROC_STATEMENT);
}

int
proc_separate(const struct proc_case *c, enum proc_state to,
    struct proc_refusal *why)
{
	if (decides(c, to) && present(c->investigator) &&
	    present(c->actor) && strcmp(c->investigator, c->actor) == 0)
		return refuse(why, 403, "本案由您调查终结,调查人员不能作出问责决定"
		    "(或不予问责的决定),须由其他人员办理", NULL);
	return 1;
}

int
proc_waive_check(const struct proc_case *c, unsigned by, int has_file,
    struct proc_refusal *why)
{
	if ((by & (PROC_BY_OFFICE | PROC_BY_DISCIPLINE)) == 0)
		return refuse(why, 403, "您的角色不能办理该步骤", NULL);
	if (c->state != PROC_STATEMENT)
		return refuse(why, 409, "只有在陈述申辩阶段才能记录被问责对象放弃"
		    "陈述和申辩", NULL);
	if (c->waived)
		return refuse(why, 409, "已记录被问责对象放弃陈述和申辩", NULL);
	if (present(c->statement))
		return refuse(why, 409, "已记录陈述和申辩,不能再记录放弃", NULL);
	if (!present(c->investigator) || !present(c->actor) ||
	    strcmp(c->investigator, c->actor) != 0)
		return refuse(why, 403, "放弃陈述和申辩须由本案承办人(调查终结、"
		    "听取陈述申辩的人员)记录", NULL);
	if (!has_file)
		return refuse(why, 400, "须上传被问责对象书面放弃陈述和申辩的材料",
		    "file");
	return 1;
}

int
proc_check(const struct proc_case *c, enum proc_state to, unsigned by,
    struct proc_refusal *why)
{
	return proc_may(c->state, to, by, why) && proc_separate(c, to, why) &&
	    proc_ready(c, to, why);
}

int
proc_date_check(const struct proc_case *c, enum proc_state to,
    date_t date, date_t today, struct proc_refusal *why)
{
	/* The dated moves: the date may not lie after today, nor before the
	 * case was opened or the step it follows. */
	static const struct {
		enum proc_state to;
		const char *late, *before_opened, *before_step;
	} dated[] = {
		{ PROC_DECIDED, "问责决定送达日期不能晚于今天",
		    "问责决定送达日期不能早于案件启动日期",
		    "问责决定送达日期不能早于调查终结、听取陈述申辩的日期" },
		{ PROC_CLOSED, "执行完毕日期不能晚于今天",
		    "执行完毕日期不能早于案件启动日期",
		    "执行完毕日期不能早于问责决定送达日期" },
	};
	if (date == DATE_NONE)
		return 1;
	for (size_t i = 0; i < N(dated); i++) {
		if (dated[i].to != to)
			continue;
		date_t step = to == PROC_DECIDED ? c->last_step_on :
		    c->decided_on;
		if (date > today)
			return refuse(why, 400, dated[i].late, "date");
		if (c->opened_on != DATE_NONE && date < c->opened_on)
			return refuse(why, 400, dated[i].before_opened, "date");
		if (step != DATE_NONE && date < step)
			return refuse(why, 400, dated[i].before_step, "date");
		return 1;
	}
	return refuse(why, 400, "只有作出问责决定(送达日期)和结案(执行完毕"
	    "日期)填写日期", "date");
}

static int
decided(const struct proc_case *c)
{
	return c->state == PROC_DECIDED || c->state == PROC_EXECUTING ||
	    c->state == PROC_CLOSED;
}

date_t
proc_appeal_deadline(const struct proc_case *c)
{
	date_t due;
	for (size_t i = 0; i < proc_ndeadlines; i++)
		if (proc_deadlines[i].anchor == PROC_FROM_DECIDED &&
		    strcmp(proc_deadlines[i].id, "appeal") == 0) {
			/* Counted whether or not an appeal was filed. */
			struct proc_case k = *c;
			k.appeal_on = DATE_NONE;
			return proc_deadline_due(&proc_deadlines[i], &k, &due) ?
			    due : DATE_NONE;
		}
	return DATE_NONE;
}

int
proc_appeal_check(const struct proc_case *c, date_t on, date_t today,
    unsigned by, struct proc_refusal *why)
{
	if ((by & (PROC_BY_OFFICE | PROC_BY_DISCIPLINE)) == 0)
		return refuse(why, 403, "申诉由依法治理办公室或纪检监察机关登记", NULL);
	if (c->state == PROC_DISMISSED)
		return refuse(why, 409, "案件已不予问责(终止),没有可申诉的问责决定",
		    NULL);
	if (!decided(c) || c->decided_on == DATE_NONE)
		return refuse(why, 409, "尚未作出问责决定,不能申诉", NULL);
	if (c->appeal_on != DATE_NONE)
		return refuse(why, 409, "该问责决定已有申诉,不能重复提出", NULL);
	if (on > today)
		return refuse(why, 400, "申诉日期不能晚于今天", "appeal_on");
	if (on < c->decided_on)
		return refuse(why, 400, "申诉日期不能早于问责决定送达日期",
		    "appeal_on");
	if (on > proc_appeal_deadline(c))
		return refuse(why, 409, "已超过申诉期限:应自收到问责决定之日起一个月"
		    "内提出申诉", "appeal_on");
	return 1;
}

int
proc_result_check(const struct proc_case *c, unsigned by,
    struct proc_refusal *why)
{
	if (c->appeal_on == DATE_NONE)
		return refuse(why, 409, "尚无申诉,不能作出申诉处理决定", NULL);
	if (c->appeal_result != NULL && *c->appeal_result != '\0')
		return refuse(why, 409, "该申诉已有处理决定", NULL);
	if ((by & PROC_BY_OFFICE) == 0)
		return refuse(why, 403, "申诉处理决定由问责决定机关作出,须由依法治理"
		    "办公室录入", NULL);
	return 1;
}

int
proc_deadline_due(const struct proc_deadline *d, const struct proc_case *c,
    date_t *due)
{
	date_t from = DATE_NONE;
	if ((d->states & PROC_STATE_BIT(c->state)) == 0)
		return 0;
	switch (d->when) {
	case PROC_WHEN_STATES:
		break;
	case PROC_WHEN_NOT_APPEALED:
		if (c->appeal_on != DATE_NONE)
			return 0;
		break;
	case PROC_WHEN_APPEAL_PENDING:
		if (c->appeal_on == DATE_NONE || (c->appeal_result != NULL &&
		    *c->appeal_result != '\0'))
			return 0;
		break;
	}
	switch (d->anchor) {
	case PROC_FROM_OPENED:
		from = c->opened_on;
		break;
	case PROC_FROM_DECIDED:
		from = c->decided_on;
		break;
	case PROC_FROM_APPEAL:
		from = c->appeal_on;
		break;
	}
	if (from == DATE_NONE)
		return 0;
	*due = date_add_months(from, d->months) + d->days;
	return 1;
}
