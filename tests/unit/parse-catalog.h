/*
 * The catalog unit tests' parse of a small catalog from a string, with
 * its diagnostics captured as printed (test-catalog.c,
 * test-catalog-documents.c), and the blocks of a valid catalog both
 * start from. Included after cmocka.h and catalog.h.
 */
#ifndef LVZHI_TEST_PARSE_CATALOG_H
#define LVZHI_TEST_PARSE_CATALOG_H

/* The mark every weight, minimum, deadline and cut-off must carry. */
#define I_BASIS " 〔解释:本系统默认,由依法治省办确定〕"

/* Lines 1-10: a valid ruleset block. */
#define RULESET \
	"```ruleset\n" \
	"id: t\n" \
	"version: 1\n" \
	"title: T\n" \
	"effective: 2020-09-09\n" \
	"min-segment-days: 90" I_BASIS "\n" \
	"grade-excellent: 90" I_BASIS "\n" \
	"grade-pass: 75" I_BASIS "\n" \
	"grade-basic-pass: 60" I_BASIS "\n" \
	"```\n"

/* Lines 11-14: a kind. */
#define KIND \
	"```kind\n" \
	"id: hearing\n" \
	"label: 听取汇报\n" \
	"```\n"

struct parsed {
	struct catalog *c;
	long count;
	char *text; /* every diagnostic, as printed */
};

/* Parses src as file t.md, capturing diagnostics. */
static struct parsed
parse(const char *src)
{
	struct parsed p = { 0 };
	size_t len = 0;
	FILE *f = open_memstream(&p.text, &len);
	assert_non_null(f);
	struct diag d;
	diag_init(&d, f);
	p.c = catalog_parse("t.md", src, strlen(src), &d);
	fclose(f);
	p.count = d.count;
	return p;
}

static void
parsed_free(struct parsed *p)
{
	catalog_free(p->c);
	free(p->text);
}

/* Expects src to fail with exactly one diagnostic, want. */
static void
expect_one(const char *src, const char *want)
{
	struct parsed p = parse(src);
	int ok = p.count == 1 && strcmp(p.text, want) == 0 && p.c == NULL;
	if (!ok)
		print_error("want 1 diagnostic and no catalog:\n%sgot %ld%s:\n"
		    "%s", want, p.count, p.c ? " and a catalog" : "", p.text);
	parsed_free(&p);
	if (!ok)
		fail();
}

#endif
