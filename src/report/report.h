/*
 * Writing evaluation results: JSON (the contract's shape), a table for
 * people, CSV for spreadsheets. Results arrive one at a time from
 * eval_run and are written at once, so output memory does not grow with
 * the number of results.
 */
#ifndef LVZHI_REPORT_H
#define LVZHI_REPORT_H

#include <stdio.h>

#include "engine/eval.h"

enum report_format {
	REPORT_TABLE,
	REPORT_JSON,
	REPORT_CSV,
};

struct report {
	FILE *out;
	enum report_format format;
	const struct catalog *c;
	struct eval_period period;
	long n;
	long by_grade[GRADE_COUNT];
	long provisional, vetoed;
	long nclosed;  /* results answered from a closed year's copy */
	int covered;   /* the whole scope is closed (engine/closure.h) */
	char frozen_note[4096]; /* a closed scope's interpretations note */
};

/* Parses "table", "json", "csv"; returns 0 or -1. */
int report_format_parse(const char *s, enum report_format *f);

int report_begin(struct report *r, FILE *out, enum report_format f,
    const struct catalog *c, struct eval_period period);
/* The same where the scope may be closed: head, when not NULL, is the
 * JSON head the closure kept (report_json_head's text as it was), and
 * the answer is wholly closed. */
int report_begin_head(struct report *r, FILE *out, enum report_format f,
    const struct catalog *c, struct eval_period period, const char *head);
/* The JSON document's end after n results: "closed":true at the top
 * level when every result of the answer is closed (or the scope is). */
const char *report_json_end(long n, int closed);
/* An eval_emit: ctx is the struct report. */
int report_result(void *ctx, const struct eval_result *res);
/* The same for a result whose JSON text is at hand (report_result_text
 * made it earlier): JSON writes the text, other formats the result. */
int report_result_cached(struct report *r, const struct eval_result *res,
    const char *text, size_t len);
int report_end(struct report *r);

/* The JSON object of one result (the contract's shape); caller frees. */
struct json_t *report_result_json(const struct eval_result *res);
/* The same object as compact JSON text appended to b, byte for byte what
 * jansson would write for report_result_json; returns 0 or -1. */
struct buf;
int report_result_text(struct buf *b, const struct eval_result *res);
/* The ceiling of one result's text. */
#define RESULT_TEXT_MAX (64u << 20)
/* The JSON document's head, up to and with '"results":[', appended to b;
 * returns 0 or -1. */
int report_json_head(struct buf *b, const struct catalog *c,
    struct eval_period period);

/* The ruleset's interpretations (cut-offs, scale, shortest period) as a
 * JSON array of {field, value, source, basis}; caller frees. A rule's
 * are said in the explanations that use them and in `rules show`. */
struct json_t *report_interpretations_json(const struct catalog *c);
/* One sentence appended to b: which of the ruleset's values the grade
 * rests on are lvzhi's interpretations, and on what basis; `see` names
 * where the rest are listed. */
void report_interpretations_note(const struct catalog *c, const char *see,
    struct buf *b);

/* The catalog as JSON (rules show, GET /api/v1/catalog); caller frees. */
struct json_t *report_catalog_json(const struct catalog *c);

/* One early warning as JSON (lvzhi warn, GET /api/v1/warnings). */
struct warn_item;
struct json_t *report_warning_json(const struct warn_item *it,
    const struct catalog *c);

#endif
