/*
 * Drafting a notice's wording. The words are the catalog's (its
 * `document` blocks notice-draft-*, per ruleset version): they follow the
 * regulation's own words for the consequence (第八条: 通报表扬 for the
 * excellent; 约谈 and 整改 for those who fail; 第六条第(四)项: 通报批评 by
 * a government of its departments and lower governments), number the
 * leaders in the order given, and sign with the organ in whose name the
 * notice is issued.
 */
#include "oversight/notice-text.h"

#include <stdio.h>
#include <string.h>

#include "base/tmpl.h"


static const struct {
	const char *name, *label, *basis;
} kinds[NOTICE_KINDS] = {
	[NOTICE_COMMENDATION] = { "commendation", "通报表扬", "第八条" },
	[NOTICE_CRITICISM] = { "criticism", "通报批评", "第六条第(四)项" },
	[NOTICE_INTERVIEW] = { "interview", "约谈整改通知", "第八条" },
};

static enum notice_kind
known(enum notice_kind k)
{
	return (unsigned)k < NOTICE_KINDS ? k : NOTICE_COMMENDATION;
}

const char *
notice_text_kind_name(enum notice_kind k)
{
	return kinds[known(k)].name;
}

const char *
notice_text_kind_label(enum notice_kind k)
{
	return kinds[known(k)].label;
}

const char *
notice_text_kind_basis(enum notice_kind k)
{
	return kinds[known(k)].basis;
}

int
notice_text_kind_parse(const char *name, enum notice_kind *k)
{
	if (name == NULL)
		return -1;
	for (int i = 0; i < NOTICE_KINDS; i++)
		if (strcmp(name, kinds[i].name) == 0) {
			*k = (enum notice_kind)i;
			return 0;
		}
	return -1;
}

/* Cuts a UTF-8 character that snprintf left half written at the end. */
static char *
whole(char *out, size_t n)
{
	size_t len = strnlen(out, n);
	size_t start = len;
	while (start > 0 && ((unsigned char)out[start - 1] & 0xC0) == 0x80)
		start--;
	if (start > 0 && ((unsigned char)out[start - 1] & 0x80) != 0) {
		unsigned char lead = (unsigned char)out[start - 1];
		size_t want = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;
		if (len - (start - 1) < want)
			out[start - 1] = '\0';
	}
	return out;
}

char *
notice_text_office(const char *committee, const char *region_name,
    char *out, size_t n)
{
	static const char suffix[] = "委员会", drop[] = "员会";
	const char *name = region_name ? region_name : "";
	size_t len = strlen(name);
	/* The region name's last UTF-8 character: 省, 市, 州, 县, 区 ... */
	size_t last = len;
	while (last > 0 && ((unsigned char)name[last - 1] & 0xC0) == 0x80)
		last--;
	if (last > 0)
		last--;
	size_t cl = committee ? strlen(committee) : 0;
	if (n == 0)
		return out;
	if (cl > sizeof suffix - 1 && strcmp(committee + cl - (sizeof suffix -
	    1), suffix) == 0)
		snprintf(out, n, "%.*s全面依法治%s委员会办公室",
		    (int)(cl - (sizeof drop - 1)), committee, name + last);
	else if (len > 0)
		snprintf(out, n, "中共%s委全面依法治%s委员会办公室", name,
		    name + last);
	else
		snprintf(out, n, "全面依法治理委员会办公室");
	return whole(out, n);
}

/* The catalog's drafting template of each kind (rules/guizhou-2020.md's
 * appendix 文书模板). */
static const char *const draft_ids[NOTICE_KINDS] = {
	[NOTICE_COMMENDATION] = "notice-draft-commendation",
	[NOTICE_CRITICISM] = "notice-draft-criticism",
	[NOTICE_INTERVIEW] = "notice-draft-interview",
};

/* src over ctx appended to out: 0, -1 (out's ceiling), -2 (the
 * template does not fit the context). */
static int
render(const char *src, const json_t *ctx, struct buf *out)
{
	char err[256];
	if (tmpl_render(src, strlen(src), ctx, out, err, sizeof err) == 0)
		return 0;
	return strstr(err, "too long") != NULL ? -1 : -2;
}

int
notice_text_draft(const struct catalog *c, enum notice_kind k, int year,
    const char *region_name, const char *issuer, const struct notice_entry *e,
    size_t n, date_t on, struct buf *title, struct buf *body)
{
	const struct catalog_document *t = catalog_document(c,
	    draft_ids[known(k)]);
	if (t == NULL || t->title == NULL || t->body == NULL)
		return -2;
	char cite[1024], day[32];
	date_format_cn(on, day);
	json_t *ctx = json_pack("{s:i, s:s, s:s, s:s, s:I, s:s, s:[]}", "year",
	    year, "region", region_name ? region_name : "", "issuer",
	    issuer ? issuer : "", "regulation", catalog_title_cited(c, cite,
	    sizeof cite), "count", (json_int_t)n, "date_text", day, "leaders");
	if (ctx == NULL)
		return -1;
	json_t *list = json_object_get(ctx, "leaders");
	for (size_t i = 0; i < n; i++)
		json_array_append_new(list, json_pack("{s:I, s:s, s:s, s:s}",
		    "n", (json_int_t)i + 1, "organ", e[i].organ_name ?
		    e[i].organ_name : "", "person", e[i].person_name ?
		    e[i].person_name : "", "reason", e[i].reason ? e[i].reason :
		    ""));
	int rc = render(t->title, ctx, title);
	if (rc == 0)
		rc = render(t->body, ctx, body);
	if (rc == 0 && buf_putc(body, '\n'))
		rc = -1;
	json_decref(ctx);
	return rc;
}
