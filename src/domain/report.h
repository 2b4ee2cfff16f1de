/*
 * Reports: the 述法 section of a leader's year-end report (第七条) and
 * the government's annual rule-of-law report (第六条(一)).
 *
 * A report is drafted from the ledger and the evaluation
 * (report-text.c), edited while it is a draft, signed by the leader it
 * speaks for in person (auth/authority.h: authority_report_sign), locked
 * by the office, and an annual report is then published by
 * the office: published_on is set, its text enters the portal's
 * full-text index, and a ledger record of kind rol_gov_annual_report is
 * filed in the same transaction, so the duty 6.1-annual-report sees the
 * report like any filing. Each step is one transaction with its audit
 * entry (report.draft, report.update, report.sign, report.lock,
 * report.publish); a step from the wrong state is 409 with the reason.
 *
 * Scope: writers of the organ (its clerk, the offices above it) draft
 * and edit; the leader signs (a 述法: the leader it is about; an annual
 * report: the organ's principal), two people: nobody signs for them;
 * offices (not the administrator) lock and publish; inspectors and
 * discipline officers of the region read; a leader reads their own 述法
 * and the annual reports of their organ; the drafter takes none of the steps after the draft. The public portal
 * reads published reports (report_load with public = 1) and nothing else.
 *
 * The JSON API (src/api/api-reports.c) and the pages (src/web/
 * page-reports.c, public.c) call these same operations; each returns 0,
 * or -1 with d->fault. Results live in d->arena.
 */
#ifndef LVZHI_DOMAIN_REPORT_H
#define LVZHI_DOMAIN_REPORT_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "domain/domain.h"
#include "store/store-reports.h"

/* The placeholder a drafted paragraph starts with when the writer must
 * replace it; pages warn while a report still holds one. */
#define REPORT_TODO "【待填写】"

/* The id prefix of the ledger record publishing an annual report files
 * ("r-annual-ORGAN-YEAR"), reserved to this workflow; the same as the
 * records API's RECORD_WORKFLOW_PREFIX (api.h), which refuses it to
 * anybody else. */
#define REPORT_RECORD_PREFIX "r-annual-"

struct report_section {
	const char *title, *text;
};

struct report_recipient {
	const char *id, *label;
};

/* A report as loaded: what the API answers, the PDF and the pages show.
 * Texts NULL where the JSON has null. */
struct report_doc {
	int64_t key;
	const char *id, *kind;  /* "shufa" or "annual" */
	int year;
	const char *organ, *organ_name, *region, *region_name, *title;
	const char *status, *status_label, *created_by, *created_at;
	const char *person, *person_name;  /* 述法 only */
	struct report_section *sections;
	size_t nsections;
	const char *signed_by, *signed_at, *locked_at, *published_on;
	const char *updated_at;
	/* Annual reports only: */
	struct report_recipient *recipients;
	size_t nrecipients;
	const char *due;        /* YYYY-MM-DD: 31 March of the next year */
	int late;               /* published after due, or due passed */
	const char *record;     /* the ledger record publishing filed */
	const char *locked_by, *published_by;
	struct store_organ_info organ_info; /* not loaded for the public */
	/* The 发文字号 an annual report is given when signed (〔year〕seq号);
	 * 0: none yet. */
	int number_year, number_seq;
};

/* What a writer drafts: kind, year, organ and for a 述法 optionally the
 * person (NULL: the principal serving last in the year). */
struct report_draft {
	const char *kind, *organ, *person;
	int year;
	int has_year;   /* year given as a whole number */
	int person_given; /* person given (not null): NULL person then is
	                   * one that is not an id */
};

/* What an edit changes; members not given stay as they are. A
 * section's title NULL is one not given (refused), its text NULL empty;
 * a recipient NULL is one that is not an id (refused). */
struct report_edit {
	const char *title;                 /* NULL: not given */
	struct report_section *sections;   /* NULL: not given */
	size_t nsections;
	const char **recipients;           /* ids */
	size_t nrecipients;
	int has_recipients;
	/* A body's member of the wrong shape, refused (400) where the
	 * checks in order reach it, after the scope and the state: at is
	 * report_edit's position of it (report-write.c), 0: none. */
	long bad_at;
	const char *bad_field, *bad_why;
};

/* The listing's query from get(r, name) (req_query): its parameters
 * named once for the API and the page. */
#define REPORT_QUERY(get, r) { get(r, "kind"), get(r, "status"), \
	get(r, "year"), get(r, "organ"), get(r, "region"), get(r, "page"), \
	get(r, "per_page"), 0, 0 }

/* The listing's query, as given (NULL or "": not given); report_filter
 * sets page (from 1) and per_page (1 to 200, 50 unless given). */
struct report_query {
	const char *kind, *status, *year, *organ, *region;
	const char *page_text, *per_page_text;
	int page, per_page;
};

enum report_step { REPORT_SIGN, REPORT_LOCK, REPORT_PUBLISH };

/* A report's statuses, {status, label}, in the order of its life: what
 * report_status_label reads, and a page's choice of status. */
#define REPORT_NSTATUSES 4
extern const char *const report_statuses[REPORT_NSTATUSES][2];
/* Labels: 草稿/已签署/已锁定/已公开; the kind's name; a recipient's. */
const char *report_status_label(const char *status);
const char *report_kind_label(const char *kind);
const char *report_recipient_label(const struct catalog *c, const char *id);
/* The catalog's recipients field of rol_gov_annual_report, or NULL. */
const struct catalog_field *report_recipients_field(const struct catalog *c);
/* The recipients the annual report of organ o must go to: the values the
 * catalog's filing duty of its holder requires (a township's own where
 * the duty names them), else every value of the field. Sets *values and
 * returns their number. */
size_t report_recipients_of(const struct catalog *c,
    const struct store_organ_info *o, char *const **values);
/* 31 March of year + 1: when the annual report about year is due. */
date_t report_due(int year);
/* Why p may not sign, lock or publish a report drafted by created_by
 * (the drafter never takes the steps after the draft), or NULL. */
const char *report_not_drafter(const struct principal *p,
    const char *created_by);
/* Whether a section still holds REPORT_TODO. */
int report_has_todo(const struct report_doc *rep);

/*
 * The check before publishing (report-public.c): what in rep's title and
 * sections may not go to the public — internal ids and account names, a
 * person's grade, score or verdict, a finding about a person, a drafting
 * hint left in — each with where (标题, 第 N 部分), the words and why, in
 * *hits (arena; *n of them, 0 when it may go). 0, or -1 with d->fault.
 */
struct report_hit {
	const char *where, *found, *why;
};
int report_public_check(struct dom *d, const struct report_doc *rep,
    struct report_hit **hits, size_t *n);
/* The hits as a problem's errors: [{field, value, reason}]. */
json_t *report_hits_json(const struct report_hit *hits, size_t n);

/* Shared by the report files: why a report in state status cannot be
 * edited (409); the SM3 of text in hex (arena) for the audit log. */
const char *report_frozen(const char *status);
const char *report_sm3(struct dom *d, const char *text);


/*
 * Loads report id into *rep when the caller may read it; public: only a
 * published report, whoever asks (organ_info then not loaded). 404 when
 * there is none or it is not visible, 500.
 */
int report_load(struct dom *d, const char *id, int public,
    struct report_doc *rep);
/* rep as the API answers it (a new object); for the listing (index)
 * without its sections and who locked and published it. */
json_t *report_json(const struct report_doc *rep, int index);
/* The SM3 of report_json(rep, 0) with keys sorted, in hex: it changes
 * whenever anything the report shows does (ETags, the PDF cache). */
int report_digest(const struct report_doc *rep, char hex[65]);

/*
 * The listing's filter from q, within the caller's scope: *f (pointing
 * into q, path and the arena), the page. Returns 1, 0 when the caller's
 * scope holds no report (a leader or clerk without person or organ), or
 * -1 with d->fault (400 naming the parameter, 403, 404).
 */
int report_filter(struct dom *d, struct report_query *q,
    struct store_report_filter *f, char *path, size_t n);
/* The reports of f (a filter report_filter gave 1), calling cb with each
 * without its sections; and how many f selects. 0 or -1 with d->fault. */
int report_list(struct dom *d, const struct store_report_filter *f,
    int (*cb)(void *, const struct report_doc *), void *ctx, long *total);

/* Checks a draft's input from a JSON body into *in: unknown members,
 * types. 0 or -1 with d->fault (400 naming the field). */
int report_draft_from_json(struct dom *d, const json_t *obj,
    struct report_draft *in);
/* Drafts a report: *id (arena) names it. 0 or -1 with d->fault. */
int report_draft(struct dom *d, const struct report_draft *in,
    const char **id);
/* Checks an edit from a JSON body into *in; 0 or -1 (400). */
int report_edit_from_json(struct dom *d, const json_t *obj,
    struct report_edit *in);
/* Edits draft id: 0 or -1 with d->fault (400, 403, 404, 409). */
int report_edit(struct dom *d, const char *id, const struct report_edit *in);
/*
 * Signs (a writer), locks or publishes (the office) report id;
 * published_on (publish only, may be NULL: today) is the day it was
 * published. 0 or -1 with d->fault (400, 403, 404, 409).
 */
int report_step(struct dom *d, const char *id, enum report_step step,
    const char *published_on);

/* The first draft's title and sections (report-text.c): the 述法 of
 * person at organ o about year, or the annual report of o. 0 or -1. */
int report_text_shufa(struct dom *d, const struct store_organ_info *o,
    const char *person, const char *person_name, int year,
    const char **title, json_t **sections);
int report_text_annual(struct dom *d, const struct store_organ_info *o,
    int year, const char **title, json_t **sections);

/*
 * The PDF of rep (report-pdf.c), rendered once per version (its digest)
 * and kept (report/pdf-cache.h): *pdf and *len are the bytes of *entry,
 * which is held until pdf_cache_release(*entry). 0 or -1 with d->fault
 * (500).
 */
struct pdf_cache_entry;
int report_pdf(struct dom *d, const struct report_doc *rep,
    struct pdf_cache_entry **entry, const char **pdf, size_t *len);
/* rep as the 公文 (report/gongwen.h) its PDF and its .docx both show:
 * *doc's texts in d->arena. report-pdf.c says what goes where. */
struct gw_doc;
void report_gongwen(struct dom *d, const struct report_doc *rep,
    struct gw_doc *doc);
/* rep as an editable .docx (report/docx.h): *docx malloc'd (the caller
 * frees it), *len bytes, and the name to download it by (d->arena: the
 * organ, year and kind, no internal id). 0 or -1 with d->fault (500). */
int report_docx(struct dom *d, const struct report_doc *rep, char **docx,
    size_t *len, const char **name);

/*
 * The rankings workbook of year over region (NULL: the caller's scope),
 * as XLSX bytes (malloc'd, the caller frees) (rankings.c). 0 or -1 with
 * d->fault (403, 404 for the region; 413; 500).
 */
#define RANKINGS_MIME \
	"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
int rankings_build(struct dom *d, int year, const char *region,
    char **data, size_t *len);

#endif
