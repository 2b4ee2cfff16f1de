/*
 * Bulk uploads (bulk.c): the spreadsheets offices keep — people with
 * their posts, and ledger records — read by import/sheet.h, each row made
 * into the import format's objects and written through the same
 * operations as one record or one post over HTTP (record_write, the
 * importer's validation, the authority's checks per row), all in one
 * transaction: every bad row is reported by row and column, and a file
 * with any is not written at all.
 *
 * A sheet names organs and people as a clerk knows them: an organ by its
 * full name (所在机构), a person by name (姓名); docs/contract.md
 * ("Bulk upload") states how a name is resolved. Nobody types an id.
 */
#ifndef LVZHI_DOMAIN_BULK_H
#define LVZHI_DOMAIN_BULK_H

#include <stddef.h>

#include "domain/domain.h"

enum bulk_kind {
	BULK_PEOPLE,  /* a person's post a row: 人员任职 */
	BULK_RECORDS, /* a ledger record a row: 履职台账 */
};

/* How a column's cells read. */
enum bulk_type {
	BULK_TEXT,
	BULK_DATE,   /* 2025-03-10, 2025/3/10, 2025年3月10日 */
	BULK_YEAR,
	BULK_INT,
	BULK_BOOL,   /* 是 / 否 */
	BULK_CHOICE, /* one of values */
	BULK_SET,    /* some of values, separated by 、 , ; or spaces */
	BULK_STEP,   /* a date, or "不适用:原因" where waivable */
};

/* One column of a template: its header, what it fills, and what the
 * notes sheet says about it. */
struct bulk_column {
	const char *label;    /* the header, 姓名 */
	const char *field;    /* the import object's field ("steps" ...) */
	const char *sub;      /* a step of field (BULK_STEP), or NULL */
	enum bulk_type type;
	int required;
	int waivable;         /* BULK_STEP: 不适用 allowed */
	const char *note;     /* what to write, in Chinese */
	const char *const *values; /* allowed labels (CHOICE, SET, BOOL) */
	const char *const *codes;  /* the import's value for each label */
	size_t nvalues;
	const char *kinds;    /* the record kinds' labels it applies to */
};

/* The columns of kind's template (d->arena), *n their number; the
 * record columns follow the catalog's kinds and their fields. */
const struct bulk_column *bulk_columns(struct dom *d, enum bulk_kind kind,
    size_t *n);
/* c's allowed labels joined with 、 (in a, quoted “…” when quoted). */
const char *bulk_values(struct arena *a, const struct bulk_column *c,
    int quoted);
/* The template's file name stem and sheet title: 人员任职导入模板 ... */
const char *bulk_title(enum bulk_kind kind);

/* A bad cell or row. */
struct bulk_error {
	long row;         /* as the sheet numbers it, from 1; 0: the file */
	char col[8];      /* "C", or "" for the whole row */
	const char *label; /* the column's header, or NULL */
	const char *reason;
};

struct bulk_result {
	long rows;        /* data rows read (blank rows not counted) */
	long added;       /* rows written (a post, a record) */
	long people;      /* people added (BULK_PEOPLE) */
	struct bulk_error *errors;
	size_t nerrors, cap;
	long more;        /* errors past the list's ceiling */
};

/* The most rows one upload takes, and errors one result lists. */
enum { BULK_MAX_ROWS = 10000, BULK_MAX_ERRORS = 500 };

/*
 * Reads data (len bytes; XLSX or CSV, told apart by content) as a sheet
 * of kind and writes it as d->user, all or nothing. Returns 0 with
 * out->added; -1 with d->fault: 400 when the file has bad rows (listed
 * in out->errors, in Chinese, by row and column; a refusal of the
 * uploader's authority is a row's error too), 500 on a storage failure.
 */
int bulk_upload(struct dom *d, enum bulk_kind kind, const void *data,
    size_t len, struct bulk_result *out);

/* "第12行 C列(日期):reason" (arena). */
const char *bulk_error_text(struct dom *d, const struct bulk_error *e);

/*
 * Verifies (status "verified") or rejects ("rejected", with note) every
 * record of ids, all or nothing: each as record_review decides it, in
 * one transaction. Returns 0 with *changed the records whose status
 * changed; -1 with the fault, whose detail names the record refused.
 */
int bulk_review(struct dom *d, const char *const *ids, size_t n,
    const char *status, const char *note, long *changed);

#endif
