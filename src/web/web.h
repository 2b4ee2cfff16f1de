/*
 * The pages: server-rendered HTML in Simplified Chinese, every byte of
 * data escaped by html_fmt, with little JavaScript (static/app.js, no
 * inline script: the CSP forbids it). Routes in src/app/routes.c.
 */
#ifndef LVZHI_WEB_H
#define LVZHI_WEB_H

#include <stdio.h>

#include "http/http.h"

void page_login_form(struct request *r);
void page_login(struct request *r);
void page_logout(struct request *r);
void page_dashboard(struct request *r);
/* the account page (page-account.c): one's own API tokens */
void page_account(struct request *r);
void page_account_token_create(struct request *r);
void page_account_token_revoke(struct request *r);
void page_registry(struct request *r);
void page_region(struct request *r);
/* People of the scope with their posts, paged (page-registry.c). */
void page_registry_people(struct request *r);
void page_organ(struct request *r);
void page_ledger(struct request *r);
void page_record_new(struct request *r);
void page_record_create(struct request *r);
void page_record(struct request *r);
void page_record_edit(struct request *r);
void page_record_update(struct request *r);
void page_record_upload(struct request *r);
void page_record_review(struct request *r);
void page_catalog(struct request *r);
void page_evaluation(struct request *r);
void page_evaluation_score(struct request *r);
void page_evaluation_close(struct request *r);
void page_evaluation_reopen(struct request *r);
/* every closure of a year, paged (page-evaluation-closure.c) */
void page_evaluation_closures(struct request *r);
void page_evaluation_csv(struct request *r);
void page_evaluation_xlsx(struct request *r);
void page_audit(struct request *r);
void page_static(struct request *r);

/* supervision (page-supervision.c) */
void page_supervision(struct request *r);
void page_inspection_create(struct request *r);
void page_inspection(struct request *r);
void page_finding_create(struct request *r);
void page_finding_determine(struct request *r);
void page_finding_refer(struct request *r);
/* The supervision lists, paged (page-sup-lists.c). */
void page_inspections(struct request *r);
void page_rectifications(struct request *r);
void page_interviews(struct request *r);
void page_notices(struct request *r);
void page_rectification_create(struct request *r);
void page_rectification(struct request *r);
void page_rectification_status(struct request *r);
void page_rectification_upload(struct request *r);
void page_interview_create(struct request *r);
void page_interview_held(struct request *r);
void page_notice_draft(struct request *r);
void page_notice(struct request *r);
void page_notice_update(struct request *r);
void page_notice_issue(struct request *r);
void page_notice_orders(struct request *r);
void page_inspection_close(struct request *r);

/* accountability (page-cases.c) */
void page_cases(struct request *r);
void page_case_create(struct request *r);
void page_case(struct request *r);
void page_case_transition(struct request *r);
void page_case_appeal(struct request *r);
void page_case_waiver(struct request *r);

/* reports (page-reports.c) */
void page_reports(struct request *r);
void page_report_draft(struct request *r);
void page_report(struct request *r);
void page_report_update(struct request *r);
void page_report_sign(struct request *r);
void page_report_lock(struct request *r);
void page_report_publish(struct request *r);
void page_report_pdf(struct request *r);
/* 文书 (page-documents.c): a document of an interview, a rectification,
 * a case, a notice or a report as PDF or DOCX; the links a page shows:
 * page_document_links those of the templates listed (NULL-terminated)
 * that the catalog in force has, without reading the thing again (a
 * list's rows); page_documents all of the thing's, with their 发文字号
 * and what is not issued yet (its own page). */
void page_document_pdf(struct request *r);
void page_document_docx(struct request *r);
void page_document_links(struct request *r, struct buf *b,
    const char *collection, const char *id, const char *const *templates);
struct dom;
void page_documents(struct request *r, struct dom *d, struct buf *b,
    const char *collection, const char *id);
void page_report_docx(struct request *r);
void page_rankings_xlsx(struct request *r);
/* 消息 (page-messages.c): the list, one or all marked read */
void page_messages(struct request *r);
void page_messages_read_all(struct request *r);
void page_messages_read(struct request *r);

/* 总览 (page-overview.c): an office's subordinate regions ranked, the
 * tile map, the trend; page_overview_card puts the tile map at the top
 * of a province or prefecture office's dashboard (nothing for others). */
void page_overview(struct request *r);
void page_overview_card(struct request *r, struct buf *b);
/* bulk uploads and review (page-upload.c) */
void page_upload_form(struct request *r);
void page_upload(struct request *r);
void page_upload_template(struct request *r);
void page_ledger_review(struct request *r);
/* 预警 (page-warnings.c): the duties at risk and overdue, paged. */
void page_warnings(struct request *r);

/* accounts (page-accounts.c): those the caller manages, and one's own
 * password change */
void page_accounts(struct request *r);
void page_account_new(struct request *r);
void page_account_create(struct request *r);
void page_account_detail(struct request *r);
void page_account_disable(struct request *r);
void page_account_enable(struct request *r);
void page_account_reset(struct request *r);
void page_account_revoke(struct request *r);
void page_password_form(struct request *r);
void page_password_change(struct request *r);

/* the public portal (public.c): no login, only what was published */
void public_index(struct request *r);
void public_search(struct request *r);
void public_report(struct request *r);
void public_report_pdf(struct request *r);

/*
 * Appends to b the template fmt (trusted text: our own markup) with its
 * conversions, which are printf's, all of them, checked by the compiler
 * against the arguments: %s and %c print their text escaped for HTML
 * (text and attribute values alike; NULL prints nothing; a precision cuts
 * a string only where a character starts), numbers print as printf
 * prints them (%.1f for one decimal; %a without its flags and width). A
 * value inside a URL goes through
 * html_q first; trusted markup is buf_puts, never a conversion.
 * html_text escapes one string, html_url percent-encodes one.
 */
void html_fmt(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void html_text(struct buf *b, const char *s);
void html_url(struct buf *b, const char *s);
/* s percent-encoded for a URL query or path segment, a copy in a (the
 * request's arena): for html_fmt's %s, whose escaping leaves it as it
 * is. NULL gives "". */
const char *html_q(struct arena *a, const char *s);
/* text as paragraphs <p>…</p>, one per line, empty lines dropped. */
void html_paragraphs(struct buf *b, const char *text);

/* Starts a page: doctype, head, the navigation with `active` marked, the
 * user box with a logout form. */
void page_begin(struct request *r, struct buf *b, const char *title,
    const char *active);
/* Ends it and answers the request with status 200. */
void page_end(struct request *r, struct buf *b);
/* Closes a page without the footer (login, account, error pages) and
 * answers it with status; frees b. */
void page_close(struct request *r, struct buf *b, unsigned status);
/* Answers with a whole error page. */
void page_error(struct request *r, unsigned status, const char *message);
/* A hidden CSRF field for forms. */
void page_csrf(struct request *r, struct buf *b);
/* A domain operation's refusal (domain/domain.h) as an error page: its
 * title, field and detail; forms that show their messages beside the
 * fields read f->errors instead. */
void page_fault(struct request *r, const struct fault *f);
/* The field at fault in f and why: the first of its errors when an
 * object was checked whole (as the API's problem gives them), else its
 * own field and detail (either NULL when it has none). */
void page_fault_first(const struct fault *f, const char **field,
    const char **reason);
/* A failed load of a thing's page (what: 记录, 整改, ...): 404 "what不存在,
 * 或不在您的权限范围内。" when f says 404, else 500 "暂时无法读取what". */
void page_load_error(struct request *r, const struct fault *f,
    const char *what);

/*
 * Ledger pages (page-ledger.c, page-record.c): a field named "organ"
 * offering the organs in r->user's scope (a clerk or leader: their own;
 * admin: all; others: their region subtree), with `selected` chosen and,
 * when any is not NULL, a first empty option labelled any. Up to 100
 * organs it is a select; past that a picker that finds them by name
 * (html_picker_bare: the chosen id in a hidden "organ"). Returns the
 * number of organs offered (101 past the select), or -1 on a storage
 * failure (after writing an empty field).
 */
int page_organ_picker(struct request *r, struct buf *b, const char *selected,
    const char *any, int required);
/* A record's or a report's status as the CSS class suffix of its tag:
 * submitted, verified, rejected or basic_pass. */
const char *page_status_class(const char *status);
/* A record's page with a notice (ok: created, saved, ...), for a
 * redirect (the arena's). */
const char *page_record_url(struct request *r, const char *id,
    const char *ok);
/* The name of the region at the root of subtree path (the arena's), or
 * NULL (none, or a failure). */
const char *page_region_name(struct request *r, const char *path);
/* The notice line after a write that redirected with ?ok=CODE, from
 * pairs {code, text} ending in NULL; nothing for another code. */
void page_ok_notice(struct request *r, struct buf *b,
    const char *const (*notices)[2]);
/*
 * A listing drawn from rows already written (n of them): the alert when
 * the store failed, the muted line none when there are no rows, else the
 * table with its head (trusted <th> markup).
 */
void page_rows_table(struct buf *b, int failed, size_t n, const char *alert,
    const char *none, const char *head, const char *rows);
/* The label paired with key in pairs {key, label} ending in NULL, or
 * otherwise (key NULL or not there). */
const char *page_label(const char *const (*pairs)[2], const char *key,
    const char *otherwise);
/* An <option>, selected when chosen (or NULL) equals value. */
void page_option(struct buf *b, const char *value, const char *label,
    const char *chosen);
/*
 * Calls cb with each region r->user may see, parents before children: the
 * subtree of their scope, or for an administrator without one each
 * top-level region's subtree in turn; none for anyone else. A walk that
 * cb stops (nonzero) goes on with the next subtree. 0, or -1 on a
 * storage failure.
 */
int page_each_scope_region(struct request *r,
    int (*cb)(void *, const struct store_region *), void *ctx);
/* Answers with rep's PDF, rendered once for its version and then sent
 * from memory (report_pdf), as a download named name (NULL: none). -1
 * with d->fault set, nothing answered, when it cannot be made. */
struct report_doc;
int page_report_pdf_send(struct request *r, struct dom *d,
    const struct report_doc *rep, const char *name);
/* What a listing's row callback writes with: the request (its arena,
 * catalog) and the buffer its rows go to. */
struct page_rows {
	struct request *r;
	struct buf *b;
};

/* A field that picks a region, an organ or a person by name: a search
 * box (the JSON lookup below, filtered by region and organ) that sets
 * a hidden input `name` to the chosen code/id. kind: "region",
 * "organ" or "person"; region/organ: filters (NULL: the caller's
 * scope); value/value_label: the current choice (NULL: none).
 * (picker.c; lookups GET /api/v1/people, /organs, /regions?q=) */
void html_picker(struct buf *b, struct arena *a, const char *kind,
    const char *name, const char *label, const char *region,
    const char *organ, const char *value, const char *value_label,
    int required);
/* The same field without a label of its own, inside a caller's <label>
 * (page_organ_picker past a select's size). */
void html_picker_bare(struct buf *b, struct arena *a, const char *kind,
    const char *name, const char *value, const char *value_label,
    int required);
/* The id a picker's field `name` sent (posted, or in the query of a GET):
 * its hidden input's; without script, the one person, organ or region
 * in r->user's scope whose name is what was typed ("姓名 机构" tells
 * namesakes apart). NULL when nothing was chosen, or when the typed name
 * matches none or several: then *why says so in Chinese. */
const char *page_picker_value(struct request *r, const char *kind,
    const char *name, const char **why);
/* What a picker shows for person or organ id in r->user's scope: "张三
 * 南明区人民政府区长", "南明区司法局 南明区" (the arena's); NULL for
 * none, or one out of scope. */
const char *page_picker_label(struct request *r, const char *kind,
    const char *id);

/* Chinese labels shared by pages. */
const char *web_status_label(const char *status); /* 待审核/已核实/已退回 */
const char *web_kind_label(const struct catalog *c, const char *kind);
const char *web_level_label(const char *level);     /* 省/市(州)/县/乡镇 */
const char *web_organ_kind_label(const char *kind); /* 党委/政府/部门 */
/* A title or reason without its English gloss: "中文 (english)" gives
 * "中文" (copied into a when cut). */
const char *web_chinese(struct arena *a, const char *s);

/*
 * A listing's page (list.c, [workbench] item 4), shared by every list
 * page: read from the query by web_list_read (?page from 1, ?per_page 1
 * to 200, 50 unless given; ?sort one of sorts, NULL-ended, the first
 * being the default, and ?dir asc or desc, first_desc unless given; a
 * sort not among them is ignored), handed to the store as
 * web_list_page, and drawn around the table: html_list_total ("共 N 条"
 * then noun, "共 1万+ 条" past STORE_COUNT_CAP), html_sort_head (a <th>
 * whose link orders by key, with aria-sort when it is the order in
 * force; first_desc: the column's order on a first click) and html_pager
 * (a <nav aria-label="分页"> with 上一页, the pages, the current one
 * aria-current, 下一页). Every link keeps the query's values of keep
 * (the listing's filter names, NULL-ended). Set total before drawing.
 */
struct web_list {
	const char *path;
	const char *const *keep, *const *sorts;
	int page, per_page;
	const char *sort;
	int desc, asked; /* asked: the query named the order */
	long total;
};
void web_list_read(struct request *r, struct web_list *l, const char *path,
    const char *const *keep, const char *const *sorts, int first_desc);
struct store_page web_list_page(const struct web_list *l);
void html_list_total(struct buf *b, const struct web_list *l,
    const char *noun);
void html_sort_head(struct buf *b, struct request *r,
    const struct web_list *l, const char *key, const char *label,
    const char *cls, int first_desc);
void html_pager(struct buf *b, struct request *r, const struct web_list *l);
/* The list's query as its links carry it (filters, size, order), without
 * the path and the page: for a form that comes back to the same list. */
const char *web_list_query(struct request *r, const struct web_list *l);
/* The list's URL as its links carry it but without the filter key: for
 * the link that removes that filter ('&' raw, print it with %s; ends with
 * '?' or '&'). */
const char *web_list_without(struct request *r, const struct web_list *l,
    const char *key);
/* A page number from a query's or form's value, for the lists that page
 * themselves: 1 when absent or empty, 0 when not a whole number from 1
 * to last (the page then says so). */
long web_page_number(const char *s, long last);

/* The audit log's exports, with the page's filters (page-audit.c). */
void page_audit_csv(struct request *r);
void page_audit_xlsx(struct request *r);

/* A CSV download begun (list.c): a memory stream into *text, *len that
 * starts with the UTF-8 byte order mark Excel needs to read Chinese; NULL
 * with an error page answered when it cannot be made. */
FILE *page_csv_open(struct request *r, char **text, size_t *len);

/* POST /audit/verify: the whole hash chain verified now, its outcome kept
 * by the server for the audit page (page-audit.c). */
void page_audit_verify(struct request *r);

/*
 * Readable names of what a page names by id (labels.c): 南明区台账
 * 2025-0012 for a record, 南明区〔2026〕3号 for a case, "张三 南明区人民
 * 政府区长" for a person, an organ's, a region's or a report's name, each
 * a link to its page (the id only in the URL). html_ref writes a
 * placeholder for (kind, id) — kind "record", "case", "person", "organ",
 * "region", "report", the supervision kinds, or "account" (who did a
 * thing: its person and post, not its login name) — and web_labels_fill,
 * once the page is drawn, looks every id up in batches and puts the
 * labels in (0, or -1 when the store failed: the kinds' own words
 * stand). html_ref_text writes text with each of ids that occurs in it
 * as such a reference (the engine's explanations name records by id).
 * An export notes ids (web_labels_want), loads them, and reads each
 * label as text (web_label: NULL when not found).
 */
struct web_labels;
/* The request's set of labels (made on first use: a page has one, so
 * that the placeholders of its parts never clash); page_end and
 * page_close put them in, the one fill a page has. */
struct web_labels *web_labels_new(struct request *r);
/* Who did a thing, for people: the person and post behind account (or
 * its organ or region and role), never its login name; "—" without one. */
void html_who(struct request *r, struct buf *b, const char *account);
/* A facts row: <dt>label</dt><dd>who · when (Beijing time; at NULL:
 * who alone)</dd>. */
void html_who_fact(struct request *r, struct buf *b, const char *label,
    const char *account, const char *at);
void html_ref(struct buf *b, struct web_labels *l, const char *kind,
    const char *id);
void html_ref_text(struct buf *b, struct web_labels *l, const char *text,
    const char *kind, const char *const *ids, size_t nids);
/* page_end's and page_close's: fills b from the request's set and spends
 * it (r->labels NULL). */
int web_labels_fill(struct request *r, struct buf *b);
void web_labels_want(struct web_labels *l, const char *kind,
    const char *id);
int web_labels_load(struct web_labels *l);
const char *web_label(const struct web_labels *l, const char *kind,
    const char *id);
/* The other way, for a filter typed by people over what names ids (the
 * audit log's 对象): a record's readable number (南明区台账 2025-0012,
 * or 2025-0012 where one region has it), a case's (南明区〔2026〕3号),
 * or the whole name of exactly one person or one organ, gives that id;
 * any other text comes back as it is (a kind, part of a name, an id from
 * the API). *why: NULL, or where text reads as a number that names no
 * thing or several, a sentence in Chinese saying so for the page. */
const char *web_label_id(struct request *r, const char *text,
    const char **why);
/* For an export's text: the ids of text as html_ref_text finds them
 * noted (web_labels_want_text), then, loaded, the text with each read as
 * its label (web_ref_plain, in a). Both html_ref_text and
 * web_ref_plain write the text's dates (YYYY-MM-DD) as 2026年3月31日.
 * web_labels_reset forgets what was noted, for a long export's next
 * batch. */
void web_labels_want_text(struct web_labels *l, const char *text,
    const char *kind, const char *const *ids, size_t nids);
const char *web_ref_plain(struct web_labels *l, struct arena *a,
    const char *text, const char *kind, const char *const *ids,
    size_t nids);
void web_labels_reset(struct web_labels *l);

/* A date "2026-12-06" as people read it, "2026年12月6日" (the arena's);
 * any other text as it is, NULL for NULL (labels.c). */
const char *web_day(struct arena *a, const char *iso);

#endif
