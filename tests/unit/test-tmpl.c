/*
 * Unit tests of base/tmpl: the template subset of the documents (values,
 * dotted names, sections over lists, objects and true values, inverted
 * sections, standalone section lines) and its strictness: a missing
 * value, a null where text goes and every malformed template are errors
 * naming their line.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "base/tmpl.h"

/* src over the JSON ctx must give want. */
static void
gives(const char *src, const char *ctx, const char *want)
{
	json_error_t je;
	json_t *c = json_loads(ctx, 0, &je);
	assert_non_null(c);
	struct buf b;
	char err[256] = "";
	buf_init(&b, 1u << 16);
	assert_int_equal(tmpl_check(src, strlen(src), err, sizeof err), 0);
	if (tmpl_render(src, strlen(src), c, &b, err, sizeof err))
		fail_msg("'%s' failed: %s", src, err);
	assert_int_equal(buf_putc(&b, '\0'), 0);
	if (strcmp(b.data, want) != 0)
		fail_msg("'%s' gave '%s', want '%s'", src, b.data, want);
	buf_free(&b);
	json_decref(c);
}

/* src over ctx must fail (at render when it checks), with err holding
 * want. */
static void
fails(const char *src, const char *ctx, const char *want)
{
	json_t *c = json_loads(ctx, 0, NULL);
	struct buf b;
	char err[256] = "";
	buf_init(&b, 1u << 16);
	assert_int_equal(tmpl_render(src, strlen(src), c, &b, err, sizeof err),
	    -1);
	if (strstr(err, want) == NULL)
		fail_msg("'%s' said '%s', want '%s'", src, err, want);
	buf_free(&b);
	json_decref(c);
}

static void
test_values(void **state)
{
	(void)state;
	gives("关于对{{person}}同志进行约谈的通知", "{\"person\":\"张三\"}",
	    "关于对张三同志进行约谈的通知");
	gives("{{ a.b.c }}年", "{\"a\":{\"b\":{\"c\":2026}}}", "2026年");
	gives("{{n}}", "{\"n\":2.5}", "2.5");
	gives("无变量", "{}", "无变量");
	/* Braces not doubled are text. */
	gives("{a} }", "{}", "{a} }");
}

static void
test_sections(void **state)
{
	(void)state;
	gives("{{#l}}{{name}}、{{/l}}", "{\"l\":[{\"name\":\"甲\"},"
	    "{\"name\":\"乙\"}]}", "甲、乙、");
	gives("{{#l}}[{{.}}]{{/l}}", "{\"l\":[\"a\",\"b\"]}", "[a][b]");
	/* An element's value first, then the outer one. */
	gives("{{#l}}{{x}}{{y}};{{/l}}", "{\"y\":\"Y\",\"l\":[{\"x\":1},"
	    "{\"x\":2,\"y\":\"Z\"}]}", "1Y;2Z;");
	gives("{{#o}}{{v}}{{/o}}", "{\"o\":{\"v\":\"in\"}}", "in");
	gives("{{#s}}有:{{s}}{{/s}}{{^s}}无{{/s}}", "{\"s\":\"\"}", "无");
	gives("{{#s}}有:{{s}}{{/s}}{{^s}}无{{/s}}", "{\"s\":\"x\"}", "有:x");
	gives("{{^l}}空{{/l}}", "{\"l\":[]}", "空");
	gives("{{#b}}是{{/b}}{{^b}}否{{/b}}", "{\"b\":false}", "否");
	gives("{{^n}}未{{/n}}", "{\"n\":null}", "未");
	/* A section's tag alone on its line leaves no line. */
	gives("一、\n  {{#l}}\n{{.}}\n  {{/l}}\n二、", "{\"l\":[\"a\",\"b\"]}",
	    "一、\na\nb\n二、");
	/* Not alone: the line stays. */
	gives("x {{#l}}{{.}}{{/l}}\ny", "{\"l\":[\"a\"]}", "x a\ny");
}

static void
test_missing(void **state)
{
	(void)state;
	fails("一\n二{{person}}", "{}", "line 2: 'person' is not a value");
	fails("{{a.b}}", "{\"a\":{}}", "'a.b' is not a value");
	fails("{{#l}}{{/l}}", "{}", "'l' is not a value");
	fails("{{x}}", "{\"x\":null}", "'x' is null");
	fails("{{x}}", "{\"x\":[1]}", "a list");
	fails("{{x}}", "{\"x\":true}", "yes or no");
	/* The line of a fault after a standalone section line. */
	fails("{{#l}}\n{{.}}\n{{/l}}\n{{z}}", "{\"l\":[\"a\"]}", "line 4:");
	/* The output's ceiling. */
	json_t *c = json_pack("{s:s}", "x", "0123456789");
	struct buf b;
	char err[128];
	buf_init(&b, 15);
	assert_int_equal(tmpl_render("{{x}}{{x}}", 10, c, &b, err, sizeof err),
	    -1);
	assert_non_null(strstr(err, "too long"));
	buf_free(&b);
	json_decref(c);
}

/* src must not check, the reason holding want. */
static void
malformed(const char *src, const char *want)
{
	char err[256] = "";
	long line = 0;
	assert_int_equal(tmpl_check(src, strlen(src), err, sizeof err), -1);
	if (strstr(err, want) == NULL)
		fail_msg("'%s' said '%s', want '%s'", src, err, want);
	assert_int_equal(tmpl_check_at(src, strlen(src), 100, &line, err,
	    sizeof err), -1);
	assert_true(line >= 100);
}

static void
test_malformed(void **state)
{
	(void)state;
	malformed("a {{x", "line 1: '{{' not closed");
	malformed("a\n{{x\n}}", "line 2: '{{' not closed");
	malformed("{{}}", "does not name a value");
	malformed("{{a b}}", "does not name a value");
	malformed("{{a..b}}", "does not name a value");
	malformed("{{{x}}}", "'{{{' is not part");
	malformed("{{&x}}", "'{{&' is not part");
	malformed("{{>p}}", "'{{>' is not part");
	malformed("{{!c}}", "'{{!' is not part");
	malformed("{{#a}}x", "line 1: '{{#a}}' is not closed");
	malformed("{{#a}}\n{{^b}}\n{{/a}}", "line 3: '{{/a}}' closes '{{^b}}' "
	    "of line 2");
	malformed("x\n{{/a}}", "line 2: '{{/a}}' closes no section");
	malformed("a }} b", "'}}' without '{{'");
	malformed("{{#.}}{{/.}}", "does not name a value");
	char deep[512] = "";
	for (int i = 0; i <= TMPL_DEPTH; i++)
		strcat(deep, "{{#a}}");
	malformed(deep, "nest deeper");
	/* The line of tmpl_check_at counts from first. */
	long line = 0;
	char err[128];
	assert_int_equal(tmpl_check_at("a\nb\n{{x", 7, 40, &line, err,
	    sizeof err), -1);
	assert_int_equal(line, 42);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_values),
		cmocka_unit_test(test_sections),
		cmocka_unit_test(test_missing),
		cmocka_unit_test(test_malformed),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
