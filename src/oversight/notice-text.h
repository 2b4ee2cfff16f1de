/*
 * The drafted wording of a notice: a title and a body in the form an
 * office's notices take — the basis, the list of leaders with their
 * organs and grades, the consequence, the issuing organ and the date.
 * The office edits the draft before it issues it; this only gives it a
 * correct start.
 *
 * Three kinds, each in the regulation's own words (the catalog's
 * templates):
 *   - commendation, 通报表扬: 第八条, for a leader graded 优秀;
 *   - interview, 约谈整改通知: 第八条, for a leader graded 不合格 — 约谈
 *     and the order to 整改 (“进行约谈,要求及时整改”), never 通报批评;
 *   - criticism, 通报批评: 第六条第(四)项 only, a government over its
 *     departments and the governments below it (“对工作不力、问题较多的
 *     部门或者下级政府,及时组织约谈、责令整改、通报批评”). Notices of this
 *     kind issued before the distinction keep their kind and wording.
 */
#ifndef LVZHI_NOTICE_TEXT_H
#define LVZHI_NOTICE_TEXT_H

#include <stddef.h>

#include "base/buf.h"
#include "base/date.h"
#include "rules/catalog.h"

enum notice_kind {
	NOTICE_COMMENDATION, /* 通报表扬: 第八条, grade excellent */
	NOTICE_CRITICISM,    /* 通报批评: 第六条第(四)项 */
	NOTICE_INTERVIEW,    /* 约谈整改通知: 第八条, grade fail */
	NOTICE_KINDS
};

/* "commendation" / "criticism" / "interview"; parse returns 0 or -1. */
const char *notice_text_kind_name(enum notice_kind k);
int notice_text_kind_parse(const char *name, enum notice_kind *k);
const char *notice_text_kind_label(enum notice_kind k); /* 通报表扬 ... */
/* Where the text gives the kind: "第八条" or "第六条第(四)项". */
const char *notice_text_kind_basis(enum notice_kind k);

/* One listed leader; reason says grade and why ("不合格;得分 40.0"). */
struct notice_entry {
	const char *person_name, *organ_name, *reason;
};

/*
 * The office of a party committee that issues in its name (第八条: 上级
 * 党委): from the committee organ's stored name and its region's name,
 * "中共贵阳市委员会" and "贵阳市" → "中共贵阳市委全面依法治市委员会办公室".
 * The committee's short name drops 员会 from a name ending in 委员会
 * (else it is "中共" + region name + "委"); the office is the 委员会办公室
 * 全面依法治 + the region name's last character (省, 市, 州, 县, 区).
 * This naming is lvzhi's (docs/extensions.md): the regulation names the
 * body, not its office. committee may be NULL. Written to out (n bytes,
 * truncated at a character); returns out.
 */
char *notice_text_office(const char *committee, const char *region_name,
    char *out, size_t n);

/*
 * Appends the drafted title to title and the body to body, for the n
 * entries of a notice of kind k about year over region_name, issued in
 * the name of issuer (the full name of the issuing organ), dated on: the
 * catalog c's drafting template of the kind (notice-draft-commendation,
 * -criticism, -interview) filled in. Returns 0, -1 when a buffer's
 * ceiling was reached, -2 when c has no such template or it names a
 * value the draft does not have.
 */
int notice_text_draft(const struct catalog *c, enum notice_kind k, int year,
    const char *region_name, const char *issuer, const struct notice_entry *e,
    size_t n, date_t on, struct buf *title, struct buf *body);

#endif
