/*
 * The drafted wording of a notice (通报, 第八条): a title and a body in
 * the form an office's notices take — the basis, the list of leaders with
 * their organs and grades, the consequence, the issuing office and the
 * date. The office edits the draft before it issues it; this only gives
 * it a correct start.
 */
#ifndef LVZHI_NOTICE_TEXT_H
#define LVZHI_NOTICE_TEXT_H

#include <stddef.h>

#include "base/buf.h"
#include "base/date.h"

enum notice_kind {
	NOTICE_COMMENDATION, /* 通报表扬: grade excellent */
	NOTICE_CRITICISM,    /* 通报批评: grade fail (约谈, 整改) */
};

/* "commendation" / "criticism"; parse returns 0 or -1. */
const char *notice_text_kind_name(enum notice_kind k);
int notice_text_kind_parse(const char *name, enum notice_kind *k);
const char *notice_text_kind_label(enum notice_kind k); /* 通报表扬 ... */

/* One listed leader; reason says grade and why ("不合格;得分 40.0"). */
struct notice_entry {
	const char *person_name, *organ_name, *reason;
};

/*
 * The issuing office of a region by its name: "贵阳市" → "贵阳市委全面
 * 依法治市委员会办公室" (the last character names the level). Written to
 * out (n bytes); returns out.
 */
char *notice_text_office(const char *region_name, char *out, size_t n);

/*
 * Appends the drafted title to title and the body to body, for the n
 * entries of a notice of kind k about year over region_name, dated on.
 * Returns 0, or -1 when a buffer's ceiling was reached.
 */
int notice_text_draft(enum notice_kind k, int year, const char *region_name,
    const struct notice_entry *e, size_t n, date_t on, struct buf *title,
    struct buf *body);

#endif
