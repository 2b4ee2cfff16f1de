/*
 * demo-text.h: the phrases the demo province is written in: parts of
 * invented personal names, subjects of lectures and decisions, causes of
 * lawsuits, evaluators' comments. Constant tables, owned by nobody.
 */
#ifndef DEMO_TEXT_H
#define DEMO_TEXT_H

#include <stddef.h>

struct demo_text_list {
	const char *const	*item;
	size_t			 n;
};

/* Parts of personal names, and names never to produce. */
extern const struct demo_text_list	demo_text_surnames;
extern const struct demo_text_list	demo_text_given;
extern const struct demo_text_list	demo_text_blocked;

/* Subjects: laws studied (集体学法), lectures (法治专题讲座), major
 * decisions (重大行政决策), what a lawsuit contests (行政诉讼). */
extern const struct demo_text_list	demo_text_laws;
extern const struct demo_text_list	demo_text_lectures;
extern const struct demo_text_list	demo_text_decisions;
extern const struct demo_text_list	demo_text_causes;

/* Evaluators' comments for scores of 90 and up, 80-89, 70-79, below 70. */
extern const struct demo_text_list	demo_text_praise;
extern const struct demo_text_list	demo_text_good;
extern const struct demo_text_list	demo_text_fair;
extern const struct demo_text_list	demo_text_poor;

#endif /* DEMO_TEXT_H */
