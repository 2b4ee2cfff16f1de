/*
 * Internal to the reports family: reading (api-reports.c), drafting and
 * the state steps (api-report-write.c), the first draft's text
 * (api-report-text.c) and the PDF (api-report-pdf.c).
 */
#ifndef LVZHI_API_REPORTS_H
#define LVZHI_API_REPORTS_H

#include <jansson.h>

#include "http/http.h"

/* A report as loaded for a handler: its JSON (owned: json_decref) and
 * what the checks need. */
struct report_loaded {
	struct request *r;
	json_t *o;
	int64_t key;
	int year;
	char organ[130], person[130], status[16], kind[16];
	char created_by[130]; /* the drafter */
};

/* Why p may not sign, lock or publish a report drafted by created_by
 * (the drafter never takes the steps after the draft), or NULL. */
const char *api_report_not_drafter(const struct principal *p,
    const char *created_by);

/*
 * Loads report id into l and its organ into o (not for public); public:
 * only a published report. Returns 0 when r->user may read it, else -1
 * with *status 404 (none, or not visible) or 500; nothing answered.
 */
int api_report_fetch(struct request *r, const char *id, int public,
    struct report_loaded *l, struct store_organ_info *o, unsigned *status);
/* Answers the status api_report_fetch gave. */
void api_report_missing(struct request *r, unsigned status, const char *id);
/* The catalog's recipients field of rol_gov_annual_report, or NULL. */
const struct catalog_field *api_report_recipients_field(
    const struct catalog *c);
/* The recipients the annual report of organ o must go to: the values the
 * catalog's filing duty of its holder requires (a township's own where
 * the duty names them), else every value of the field. Sets *values and
 * returns their number. */
size_t api_report_recipients_of(const struct catalog *c,
    const struct store_organ_info *o, char *const **values);
/* 31 March of year + 1: when the annual report about year is due. */
date_t api_report_due(int year);

/* The placeholder a drafted paragraph starts with when the writer must
 * replace it; pages warn while a report still holds one. */
#define REPORT_TODO "【待填写】"

/*
 * The 述法 section of person's year-end report for year (第七条), from
 * the evaluation of year over the organ's region: that person's result
 * on that organ. The annual rule-of-law report of a government organ
 * about year (第六条(一)), from the organ's ledger of the year and the
 * evaluation of its principal. Each sets *title (arena) and *sections (a
 * new array [{title, text}]) and returns 0, or answers the request with
 * a problem and returns -1.
 */
int api_report_text_shufa(struct request *r, const struct store_organ_info *o,
    const char *person, const char *person_name, int year,
    const char **title, json_t **sections);
int api_report_text_annual(struct request *r,
    const struct store_organ_info *o, int year, const char **title,
    json_t **sections);

#endif
