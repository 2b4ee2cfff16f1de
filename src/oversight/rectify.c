/*
 * The rectification state machine: one table of moves, with the reason
 * each refused move gives (shown to the user as a 409's title).
 */
#include "oversight/rectify.h"

#include <stddef.h>
#include <string.h>

#include "base/text.h"

static const struct name_label states[RECTIFY_STATES] = {
	{ "issued", "已下达" }, { "in_progress", "整改中" },
	{ "submitted", "已提交" }, { "accepted", "已验收" },
};
static const struct name_label actions[RECTIFY_ACTIONS] = {
	{ "progress", "报告进展" }, { "submit", "提交整改报告" },
	{ "accept", "验收" }, { "return", "退回" },
};

/* The next state per action and state; -1 where refused, with why. */
static const struct {
	int to;
	const char *why;
} moves[RECTIFY_ACTIONS][RECTIFY_STATES] = {
	[RECTIFY_PROGRESS] = {
		[RECTIFY_ISSUED] = { RECTIFY_IN_PROGRESS, NULL },
		[RECTIFY_IN_PROGRESS] = { RECTIFY_IN_PROGRESS, NULL },
		[RECTIFY_SUBMITTED] = { -1, "整改报告已提交,正等待验收;需要补充时请由"
		    "办公室退回后再报告进展" },
		[RECTIFY_ACCEPTED] = { -1, "整改已验收,不能再报告进展" },
	},
	[RECTIFY_SUBMIT] = {
		[RECTIFY_ISSUED] = { -1, "整改尚未开始,请先报告整改进展再提交整改"
		    "报告" },
		[RECTIFY_IN_PROGRESS] = { RECTIFY_SUBMITTED, NULL },
		[RECTIFY_SUBMITTED] = { -1, "整改报告已提交,不能重复提交" },
		[RECTIFY_ACCEPTED] = { -1, "整改已验收,不能再提交" },
	},
	[RECTIFY_ACCEPT] = {
		[RECTIFY_ISSUED] = { -1, "整改尚未提交整改报告,不能验收" },
		[RECTIFY_IN_PROGRESS] = { -1, "整改尚未提交整改报告,不能验收" },
		[RECTIFY_SUBMITTED] = { RECTIFY_ACCEPTED, NULL },
		[RECTIFY_ACCEPTED] = { -1, "整改已验收,不能重复验收" },
	},
	[RECTIFY_RETURN] = {
		[RECTIFY_ISSUED] = { -1, "只有已提交的整改报告可以退回" },
		[RECTIFY_IN_PROGRESS] = { -1, "只有已提交的整改报告可以退回" },
		[RECTIFY_SUBMITTED] = { RECTIFY_IN_PROGRESS, NULL },
		[RECTIFY_ACCEPTED] = { -1, "整改已验收,不能退回" },
	},
};

NAME_LABEL_FUNCTIONS(rectify_state, enum rectify_state, states,
    RECTIFY_STATES, "")
NAME_LABEL_FUNCTIONS(rectify_action, enum rectify_action, actions,
    RECTIFY_ACTIONS, "")

int
rectify_may(enum rectify_actor who, enum rectify_action a, const char **why)
{
	if (who == RECTIFY_BY_OFFICE || a == RECTIFY_PROGRESS ||
	    a == RECTIFY_SUBMIT)
		return 1;
	if (why != NULL)
		*why = a == RECTIFY_ACCEPT ? "只有依法治理办公室可以验收整改" :
		    "只有依法治理办公室可以退回整改报告";
	return 0;
}

int
rectify_next(enum rectify_state from, enum rectify_action a,
    enum rectify_state *to, const char **why)
{
	if ((unsigned)from >= RECTIFY_STATES || (unsigned)a >= RECTIFY_ACTIONS) {
		if (why != NULL)
			*why = "未知的整改状态或操作";
		return -1;
	}
	if (moves[a][from].to < 0) {
		if (why != NULL)
			*why = moves[a][from].why;
		return -1;
	}
	*to = (enum rectify_state)moves[a][from].to;
	return 0;
}

const char *
rectify_requires(enum rectify_action a)
{
	switch (a) {
	case RECTIFY_PROGRESS:
	case RECTIFY_RETURN:
		return "note";
	case RECTIFY_SUBMIT:
		return "report";
	default:
		return NULL;
	}
}

int
rectify_overdue(enum rectify_state s, date_t deadline, date_t today)
{
	return (s == RECTIFY_ISSUED || s == RECTIFY_IN_PROGRESS) &&
	    deadline != DATE_NONE && deadline < today;
}
