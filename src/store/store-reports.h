/*
 * Storage of reports: the 述法 section of a leader's year-end report
 * (第七条) and the government's annual rule-of-law report (第六条(一)),
 * with the full-text index of what was published for the public portal.
 *
 * A report moves draft → signed → locked (→ published, annual reports
 * only); each write below names the state it starts from and changes
 * nothing (returns 0) when the report is not in it, so two requests
 * racing cannot both move it. The body is the sections as JSON text,
 * recipients a JSON array of ids; the store keeps them as given.
 *
 * Iterators follow store.h: row strings live only during the callback,
 * a non-zero callback value stops and is returned, -1 is a failure with
 * the message in store_error().
 */
#ifndef LVZHI_STORE_REPORTS_H
#define LVZHI_STORE_REPORTS_H

#include <stdint.h>

#include "store/store.h"

struct store_report {
	int64_t key;
	const char *id, *kind;  /* "shufa" or "annual" */
	int year;
	const char *organ, *organ_name, *organ_kind;
	const char *region, *region_name;
	const char *person, *person_name; /* NULL for annual reports */
	const char *title, *body, *recipients;
	const char *status;     /* draft, signed, locked, published */
	const char *signed_by, *signed_at, *locked_at, *published_on;
	const char *created_by, *created_at, *updated_at;
	int number_year, number_seq; /* its 发文字号; 0: none */
	/* Its 定稿 (NULL before it is stamped): the 成文日期 (YYYY-MM-DD),
	 * who fixed it and when; the final PDF's SM3 (NULL: none yet), size,
	 * who uploaded it and when. */
	const char *dated, *stamped_by, *stamped_at;
	const char *final_sm3;
	int64_t final_size;
	const char *final_by, *final_at;
};

/* Which reports a listing shows; NULL / 0 fields do not filter. */
struct store_report_filter {
	const char *path;      /* region subtree (store_region_path) */
	const char *prefix;    /* region code prefix ("5201") */
	const char *organ;     /* organ id */
	const char *person;    /* person id */
	const char *kind, *status;
	int year;
	int limit, offset;     /* limit 0: 50 */
};

typedef int (*store_report_cb)(void *, const struct store_report *);

/* Adds a draft; -1 when the id exists or a key is unknown. */
int store_report_add(struct store *s, const char *id, const char *kind,
    int year, int64_t organ_key, int64_t person_key, const char *title,
    const char *body, const char *recipients, const char *by,
    const char *now);
/* The report with id: 1 (cb called), 0 (none), -1. */
int store_report_get(struct store *s, const char *id, store_report_cb cb,
    void *ctx);
/* Reports of the filter, newest year first, then organ. */
int store_each_report(struct store *s, const struct store_report_filter *f,
    store_report_cb cb, void *ctx);
/* How many the filter selects (limit and offset ignored); -1. */
long store_count_reports(struct store *s,
    const struct store_report_filter *f);

/* Each returns 1 when the report was in the state named and moved, 0
 * when not (or no such report), -1 on failure. */
int store_report_edit(struct store *s, const char *id, const char *title,
    const char *body, const char *recipients, const char *now); /* draft */
int store_report_sign(struct store *s, const char *id, const char *by,
    const char *now);                               /* draft → signed */
int store_report_lock(struct store *s, const char *id,
    const char *now);                               /* signed → locked */
int store_report_publish(struct store *s, const char *id, const char *on,
    const char *now);             /* locked annual → published on date */
/* Gives report id the next 发文字号 of its organ in year (doc_number:
 * the year's largest plus one, never a number given before); call in
 * the transaction that issues it. 0 or -1 (also when it has one). */
int store_report_number(struct store *s, const char *id, int year);

/* Fixes draft id's 成文日期 dated (YYYY-MM-DD), by whom and when: its
 * 定稿, once. 0, or -1 (also when it is stamped already or no draft). */
int store_report_stamp(struct store *s, const char *id, const char *dated,
    const char *by, const char *now);
/* The final PDF of stamped draft id: its SM3 (the file is stored under
 * it), size and the text read from it, replacing the one before. 1, 0
 * (not a stamped draft), -1. */
int store_report_final(struct store *s, const char *id, const char *sm3,
    int64_t size, const char *text, const char *by, const char *now);
/* The text of report id's final, through cb (the string lives during the
 * call): 1, 0 (no final), -1. */
int store_report_final_text(struct store *s, const char *id,
    int (*cb)(void *, const char *), void *ctx);

/* Adds a published report's text to the full-text index under its key,
 * as written and folded (base/fold.h). */
int store_report_index(struct store *s, int64_t key, const char *title,
    const char *text);

/*
 * Published reports whose title or text holds every one of terms
 * (nterms of them, folded by text_fold: base/fold.h), at most limit
 * (1..200): those with more terms in the title first, then those where
 * the terms occur more often, then the newest; the same on both
 * backends. Terms of three characters or more are found through the
 * trigram index, shorter ones by a scan. The snippet passed to cb is the
 * text around the first hit as written (text_fold_snippet: each hit
 * between the bytes 0x01 and 0x02, "…" where text was cut). prefix and
 * year filter as in store_report_filter. No terms: no hits.
 */
int store_report_search(struct store *s, const char *const *terms,
    size_t nterms, const char *prefix, int year, int limit,
    int (*cb)(void *, const struct store_report *, const char *snippet),
    void *ctx);

/* Regions holding a published report, with their ancestors, in tree
 * order; and the years published reports are about, newest first. */
int store_each_report_region(struct store *s,
    int (*cb)(void *, const char *code, const char *name, const char *level),
    void *ctx);
int store_each_report_year(struct store *s, int (*cb)(void *, int year),
    void *ctx);

/*
 * Ledger records of organ dated in [from, to] (inclusive, YYYY-MM-DD),
 * counted by kind; rejected records do not count. cb gets the kind, the
 * count and how many of them are verified.
 */
int store_report_kind_counts(struct store *s, int64_t organ_key,
    date_t from, date_t to,
    int (*cb)(void *, const char *kind, long n, long verified), void *ctx);

/*
 * What word names in the store as an internal id: STORE_REF_RECORD and
 * on (an account by its login name), 0 when nothing, -1 on error. For
 * the check before a report is published (domain/report-public.c).
 */
enum store_ref {
	STORE_REF_NONE, STORE_REF_RECORD, STORE_REF_PERSON, STORE_REF_ORGAN,
	STORE_REF_TENURE, STORE_REF_ACCOUNT, STORE_REF_REPORT,
	STORE_REF_RECTIFICATION, STORE_REF_INTERVIEW, STORE_REF_INSPECTION,
	STORE_REF_FINDING, STORE_REF_NOTICE, STORE_REF_CASE, STORE_REF_END
};
int store_report_ref(struct store *s, const char *word);

#endif
