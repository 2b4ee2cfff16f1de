/*
 * Unit tests of the catalog's `document` blocks (rules/catalog-document.c):
 * a block's header and body as parsed, catalog_document's lookup, and
 * each error `lvzhi rules check` reports at FILE:LINE:COL — an unknown
 * key, a template that is not one (in a header value, or in the body at
 * the body's line), a basis without its mark or quoting words the text
 * does not hold, no `---`, no body, a repeated id, a block not closed.
 * Then the shipped catalog's documents, each filled by document_fill
 * from a context holding its values.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/arena.h"
#include "report/document.h"
#include "rules/catalog.h"

#include "parse-catalog.h"

/* Lines 1-15: the regulation's one line, a ruleset, a kind. */
#define HEAD "对考评不合格的党政主要负责人进行约谈。\n" RULESET KIND

/* Lines 16-25: a rule. */
#define RULE \
	"```rule\nid: r1\ntitle: 听取\ncitation: 第五条\n" \
	"binds: party_principal\nmeasure: count hearing\n" \
	"min: 2" I_BASIS "\nweight: 10" I_BASIS "\n" \
	"effective: 2020-09-09\n```\n"

/* A document from line 26: header lines, then `---` and the body. */
#define DOC(header, body) \
	"```document\n" header "---\n" body "```\n"
#define GOOD_HEADER \
	"id: notice\n" \
	"name: 约谈通知书\n" \
	"basis: 第八条 〔原文:进行约谈〕\n" \
	"mark: {{issuer}}\n" \
	"number: yes\n" \
	"title: 关于对{{person}}同志进行约谈的通知\n"

static void
test_parsed(void **state)
{
	(void)state;
	struct parsed p = parse(HEAD RULE DOC(GOOD_HEADER "seal: yes\n",
	    "{{#evaluation}}\n经考评,决定对你进行约谈。\n{{/evaluation}}\n"
	    "特此通知。\n"));
	assert_int_equal(p.count, 0);
	assert_non_null(p.c);
	assert_int_equal(p.c->ndocuments, 1);
	const struct catalog_document *t = catalog_document(p.c, "notice");
	assert_non_null(t);
	assert_null(catalog_document(p.c, "other"));
	assert_string_equal(t->name, "约谈通知书");
	assert_string_equal(t->basis, "第八条");
	assert_int_equal(t->basis_source, BASIS_TEXT);
	assert_string_equal(t->basis_words, "进行约谈");
	assert_string_equal(t->mark, "{{issuer}}");
	assert_string_equal(t->title, "关于对{{person}}同志进行约谈的通知");
	assert_null(t->addressee);
	assert_int_equal(t->number, 1);
	assert_int_equal(t->seal, 1);
	assert_int_equal(t->line, 26);
	assert_int_equal(t->lines[0], 30);
	assert_int_equal(t->body_line, 35);
	assert_string_equal(t->body, "{{#evaluation}}\n经考评,决定对你进行约谈。"
	    "\n{{/evaluation}}\n特此通知。");
	parsed_free(&p);
}

static void
test_errors(void **state)
{
	(void)state;
	expect_one(HEAD RULE DOC(GOOD_HEADER "colour: red\n", "正文\n"),
	    "lvzhi: t.md:33:1: unknown key 'colour' in a document block\n");
	expect_one(HEAD RULE DOC("id: notice\nname: 约谈通知书\n"
	    "basis: 第八条 〔原文:进行约谈〕\ntitle: 关于{{person}\n", "正文\n"),
	    "lvzhi: t.md:30:8: title: '{{' not closed by '}}' on its line\n");
	/* A body's fault at its own line of the file. */
	expect_one(HEAD RULE DOC(GOOD_HEADER, "一\n二\n{{#a}}三\n"),
	    "lvzhi: t.md:36:1: body: '{{#a}}' is not closed\n");
	expect_one(HEAD RULE DOC(GOOD_HEADER, "一\n{{{x}}}\n"),
	    "lvzhi: t.md:35:1: body: '{{{' is not part of these templates "
	    "(only {{name}}, {{#name}}, {{^name}}, {{/name}})\n");
	expect_one(HEAD RULE DOC("id: notice\nname: 约谈通知书\n"
	    "basis: 第八条\ntitle: 通知\n", "正文\n"),
	    "lvzhi: t.md:29:8: 'basis' says where the document comes from: "
	    "the article, and 〔原文:…〕 with its words or 〔解释:…〕 with the "
	    "document and article it rests on\n");
	expect_one(HEAD RULE DOC("id: notice\nname: 约谈通知书\n"
	    "basis: 第八条 〔原文:进行通报〕\ntitle: 通知\n", "正文\n"),
	    "lvzhi: t.md:29:16: 〔原文:进行通报〕 is not in the regulation's "
	    "text: quote its words as they stand, or mark it 〔解释:…〕\n");
	expect_one(HEAD RULE DOC("id: notice\nname: 约谈通知书\n"
	    "basis: 第八条 〔解释:本系统认为〕\ntitle: 通知\n", "正文\n"),
	    "lvzhi: t.md:29:16: 'basis': an interpretation names its basis: "
	    "a document and its article (《…》第…条) or 本系统默认,由依法治"
	    "省办确定\n");
	expect_one(HEAD RULE DOC(GOOD_HEADER "seal: maybe\n", "正文\n"),
	    "lvzhi: t.md:33:7: 'seal' is 'yes' or 'no'\n");
	expect_one(HEAD RULE "```document\n" GOOD_HEADER "```\n",
	    "lvzhi: t.md:26:1: document block lacks the line '---' before "
	    "its body\n");
	expect_one(HEAD RULE DOC(GOOD_HEADER, "\n"),
	    "lvzhi: t.md:34:1: document 'notice' has no body\n");
	expect_one(HEAD RULE DOC("id: notice\nname: N\n"
	    "basis: 第八条 〔原文:进行约谈〕\n", "正文\n"),
	    "lvzhi: t.md:26:1: document block lacks 'title'\n");
	expect_one(HEAD RULE DOC(GOOD_HEADER, "正文\n") DOC(GOOD_HEADER,
	    "正文\n"), "lvzhi: t.md:36:1: document 'notice' already declared "
	    "on line 26\n");
	expect_one(HEAD RULE "```document\n" GOOD_HEADER "---\n正文\n",
	    "lvzhi: t.md:26:1: document block is not closed\n");
}

/* The values a context of the shipped catalog's documents holds: the
 * builders' (domain/document-context.c), with each section's. */
static json_t *
sample(void)
{
	json_error_t e;
	json_t *c = json_loads("{\"issuer\":\"中共贵阳市委全面依法治市委员会"
	    "办公室\",\"regulation\":\"《办法》\",\"date_text\":\"2026年3月"
	    "1日\",\"number\":\"〔2026〕3号\",\"date\":\"2026-03-01\","
	    "\"person\":\"张三\",\"organ\":\"中共南明区委员会\",\"region\":"
	    "\"南明区\",\"reason\":\"考评不合格\",\"scheduled_on\":\"2026年3月"
	    "10日\",\"evaluation\":true,\"year\":2025,\"held\":{\"on\":"
	    "\"2026年3月10日\",\"interviewer\":\"李四\",\"summary\":\"谈话"
	    "内容\"}}", 0, &e);
	assert_non_null(c);
	return c;
}

static void
test_shipped(void **state)
{
	(void)state;
	struct diag d;
	diag_init(&d, stderr);
	struct catalog *c = catalog_load("rules/guizhou-2020.md", &d);
	assert_non_null(c);
	static const char *const ids[] = { "interview-notice",
		"interview-record" };
	struct arena *a = arena_create();
	json_t *ctx = sample();
	for (size_t i = 0; i < sizeof ids / sizeof *ids; i++) {
		const struct catalog_document *t = catalog_document(c, ids[i]);
		if (t == NULL)
			fail_msg("no document '%s'", ids[i]);
		assert_non_null(t->basis);
		struct gw_doc doc;
		char err[512] = "";
		if (document_fill(t, ctx, a, &doc, err, sizeof err))
			fail_msg("%s: %s", ids[i], err);
		assert_non_null(doc.title);
		assert_int_equal(doc.nbody, 1);
		assert_int_equal(doc.year, 2026);
		/* The 成文日期's numerals are the server's setting. */
		assert_int_equal(doc.numerals, GW_NUMERALS_SETTING);
		/* The number only where the template takes one. */
		if (t->number)
			assert_string_equal(doc.number, "〔2026〕3号");
		else
			assert_null(doc.number);
	}
	/* A value the context lacks names the template, its part and the
	 * catalog's line. */
	json_object_del(ctx, "person");
	const struct catalog_document *t = catalog_document(c,
	    "interview-notice");
	struct gw_doc doc;
	char err[512] = "", want[128];
	assert_int_equal(document_fill(t, ctx, a, &doc, err, sizeof err), -1);
	snprintf(want, sizeof want, "interview-notice: title, line %ld: "
	    "'person' is not a value", t->lines[1]);
	if (strncmp(err, want, strlen(want)) != 0)
		fail_msg("'%s', want '%s'", err, want);
	json_decref(ctx);
	arena_free(a);
	catalog_free(c);
}

static void
test_fill_parts(void **state)
{
	(void)state;
	struct parsed p = parse(HEAD RULE DOC(GOOD_HEADER
	    "cc: {{#cc}}{{.}}{{/cc}}\n", "  一、总体\n\n　　{{person}}同志:\n"
	    "{{#l}}\n{{.}}\n{{/l}}\n"));
	assert_non_null(p.c);
	struct arena *a = arena_create();
	json_t *ctx = json_pack("{s:s, s:s, s:[s,s], s:s, s:n}", "issuer",
	    "某办", "person", "张三", "l", "甲", "乙", "cc", "", "number");
	struct gw_doc doc;
	char err[256];
	assert_int_equal(document_fill(&p.c->documents[0], ctx, a, &doc, err,
	    sizeof err), 0);
	assert_string_equal(doc.organ_mark, "某办");
	assert_null(doc.number); /* not issued: the line stays empty */
	assert_null(doc.cc);     /* rendered empty: left out */
	assert_int_equal(doc.year, 0);
	/* One paragraph a line, the indents and blank lines gone. */
	assert_string_equal(doc.body[0].text, "一、总体\n张三同志:\n甲\n乙");
	json_decref(ctx);
	arena_free(a);
	parsed_free(&p);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parsed),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_shipped),
		cmocka_unit_test(test_fill_parts),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
