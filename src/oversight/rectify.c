/*
 * The rectification state machine: one table of moves, with the reason
 * each refused move gives (shown to the user as a 409's title).
 */
#include "oversight/rectify.h"

#include <stddef.h>
#include <string.h>

static const char *const state_names[RECTIFY_STATES] = { "issued",
	"in_progress", "submitted", "accepted" };
static const char *const state_labels[RECTIFY_STATES] = { "已下达", "整改中",
	"已提交", "已验收" };
static const char *const action_names[RECTIFY_ACTIONS] = { "progress",
	"submit", "accept", "return" };
static const char *const action_labels[RECTIFY_ACTIONS] = { "报告进展",
	"提交整改报告", "验收", "退回" };

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

const char *
rectify_state_name(enum rectify_state s)
{
	return (unsigned)s < RECTIFY_STATES ? state_names[s] : "";
}

const char *
rectify_state_label(enum rectify_state s)
{
	return (unsigned)s < RECTIFY_STATES ? state_labels[s] : "";
}

int
rectify_state_parse(const char *name, enum rectify_state *s)
{
	for (int i = 0; name != NULL && i < RECTIFY_STATES; i++)
		if (strcmp(name, state_names[i]) == 0) {
			*s = (enum rectify_state)i;
			return 0;
		}
	return -1;
}

const char *
rectify_action_name(enum rectify_action a)
{
	return (unsigned)a < RECTIFY_ACTIONS ? action_names[a] : "";
}

const char *
rectify_action_label(enum rectify_action a)
{
	return (unsigned)a < RECTIFY_ACTIONS ? action_labels[a] : "";
}

int
rectify_action_parse(const char *name, enum rectify_action *a)
{
	for (int i = 0; name != NULL && i < RECTIFY_ACTIONS; i++)
		if (strcmp(name, action_names[i]) == 0) {
			*a = (enum rectify_action)i;
			return 0;
		}
	return -1;
}

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
