/*
 * Unit tests of oversight/notice-text: the issuing office named from the
 * committee and region, and the drafted title and body of the three kinds
 * of notice (the regulation's words, the numbered list, the count, the
 * issuing organ, the date: the shipped catalog's templates filled in),
 * the buffer ceiling, and a catalog without the template.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "oversight/notice-text.h"

/* The shipped catalog, whose templates hold the wording. */
static struct catalog *shipped;

static int
load(void **state)
{
	(void)state;
	struct diag d;
	diag_init(&d, stderr);
	shipped = catalog_load("rules/guizhou-2020.md", &d);
	return shipped == NULL;
}

static int
unload(void **state)
{
	(void)state;
	catalog_free(shipped);
	return 0;
}

static void
test_office(void **state)
{
	(void)state;
	/* The committee's stored name and its region's name. */
	static const char *const cases[][3] = {
		{ "中共贵州省委员会", "贵州省", "中共贵州省委全面依法治省委员会办公室" },
		{ "中共贵阳市委员会", "贵阳市", "中共贵阳市委全面依法治市委员会办公室" },
		{ "中共南明区委员会", "南明区", "中共南明区委全面依法治区委员会办公室" },
		{ "中共开阳县委员会", "开阳县", "中共开阳县委全面依法治县委员会办公室" },
		{ "中共黔东南苗族侗族自治州委员会", "黔东南苗族侗族自治州",
		    "中共黔东南苗族侗族自治州委全面依法治州委员会办公室" },
		/* No committee stored, or one named otherwise. */
		{ NULL, "贵阳市", "中共贵阳市委全面依法治市委员会办公室" },
		{ "贵阳市委", "贵阳市", "中共贵阳市委全面依法治市委员会办公室" },
		{ NULL, "", "全面依法治理委员会办公室" },
	};
	char out[600];
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		assert_string_equal(notice_text_office(cases[i][0], cases[i][1],
		    out, sizeof out), cases[i][2]);
	/* Truncated at a whole character, never overrun. */
	char small[8];
	notice_text_office("中共贵阳市委员会", "贵阳市", small, sizeof small);
	assert_string_equal(small, "中共");
}

#define GY_OFFICE "中共贵阳市委全面依法治市委员会办公室"

static const struct notice_entry entries[] = {
	{ "王芳兰", "中共南明区委员会", "优秀,得分 95.0" },
	{ "邹秋", "贵阳市人民政府", "优秀,得分 91.5" },
};

static void
test_commendation(void **state)
{
	(void)state;
	struct buf t, b;
	buf_init(&t, 4096);
	buf_init(&b, 65536);
	assert_int_equal(notice_text_draft(shipped, NOTICE_COMMENDATION, 2025, "贵阳市",
	    GY_OFFICE, entries, 2, date_from_ymd(2026, 1, 5), &t, &b), 0);
	assert_string_equal(t.data, "关于通报表扬2025年度履行推进法治建设第一"
	    "责任人职责优秀的党政主要负责人的通报");
	assert_non_null(strstr(b.data, "第八条“对考评优秀的党政主要负责人进行"
	    "通报表扬”"));
	assert_non_null(strstr(b.data, "贵阳市以下2名党政主要负责人考评等次为"
	    "优秀"));
	assert_non_null(strstr(b.data, "1. 中共南明区委员会 王芳兰(优秀,得分 "
	    "95.0)\n"));
	assert_non_null(strstr(b.data, "2. 贵阳市人民政府 邹秋(优秀,得分 "
	    "91.5)\n"));
	assert_non_null(strstr(b.data, "\n" GY_OFFICE "\n"
	    "2026年1月5日\n"));
	assert_null(strstr(b.data, "约谈"));
	buf_free(&t);
	buf_free(&b);
}

static const struct notice_entry fail[] = {
	{ "汤江林", "云岩区人民政府", "不合格,得分 40.0;未达要求:听取汇报" },
};

/* 第八条 for 不合格: 约谈 and 整改, in the 上级党委's name; not 通报批评. */
static void
test_interview(void **state)
{
	(void)state;
	struct buf t, b;
	buf_init(&t, 4096);
	buf_init(&b, 65536);
	assert_int_equal(notice_text_draft(shipped, NOTICE_INTERVIEW, 2025, "贵阳市",
	    GY_OFFICE, fail, 1, date_from_ymd(2026, 12, 31), &t, &b), 0);
	assert_string_equal(t.data, "关于对2025年度履行推进法治建设第一责任人"
	    "职责考评不合格的党政主要负责人进行约谈并要求及时整改的通知");
	assert_non_null(strstr(b.data, "第八条“对考评不合格的党政主要负责人进行"
	    "约谈,要求及时整改”"));
	assert_non_null(strstr(b.data, "以下1名党政主要负责人考评等次为不合格,"
	    "现决定对其进行约谈,并要求及时整改"));
	assert_non_null(strstr(b.data, "1. 云岩区人民政府 汤江林(不合格,得分 "
	    "40.0;未达要求:听取汇报)"));
	assert_non_null(strstr(b.data, "\n" GY_OFFICE "\n2026年12月31日\n"));
	assert_null(strstr(b.data, "通报批评"));
	assert_null(strstr(t.data, "通报"));
	buf_free(&t);
	buf_free(&b);
}

/* 第六条第(四)项: a government's 通报批评, signed by the government. */
static void
test_criticism(void **state)
{
	(void)state;
	struct buf t, b;
	buf_init(&t, 4096);
	buf_init(&b, 65536);
	assert_int_equal(notice_text_draft(shipped, NOTICE_CRITICISM, 2025, "贵阳市",
	    "贵阳市人民政府", fail, 1, date_from_ymd(2026, 12, 31), &t, &b), 0);
	assert_string_equal(t.data, "关于通报批评2025年度推进法治建设工作不力"
	    "的部门和下级政府主要负责人的通报");
	assert_non_null(strstr(b.data, "第六条第(四)项“对工作不力、问题较多的"
	    "部门或者下级政府,及时组织约谈、责令整改、通报批评”"));
	assert_null(strstr(b.data, "第八条"));
	assert_non_null(strstr(b.data, "现予通报批评"));
	assert_non_null(strstr(b.data, "\n贵阳市人民政府\n2026年12月31日\n"));
	buf_free(&t);
	buf_free(&b);
}

static void
test_ceiling(void **state)
{
	(void)state;
	struct buf t, b;
	buf_init(&t, 4096);
	buf_init(&b, 100); /* too small for any body */
	assert_int_equal(notice_text_draft(shipped, NOTICE_COMMENDATION, 2025, "贵阳市",
	    GY_OFFICE, entries, 2, date_from_ymd(2026, 1, 5), &t, &b), -1);
	buf_free(&t);
	buf_free(&b);
}

static void
test_no_template(void **state)
{
	(void)state;
	struct buf t, b;
	buf_init(&t, 4096);
	buf_init(&b, 65536);
	assert_int_equal(notice_text_draft(NULL, NOTICE_COMMENDATION, 2025,
	    "贵阳市", GY_OFFICE, entries, 2, date_from_ymd(2026, 1, 5), &t, &b),
	    -2);
	buf_free(&t);
	buf_free(&b);
}

static void
test_kinds(void **state)
{
	(void)state;
	enum notice_kind k;
	assert_int_equal(notice_text_kind_parse("criticism", &k), 0);
	assert_int_equal(k, NOTICE_CRITICISM);
	assert_int_equal(notice_text_kind_parse("commendation", &k), 0);
	assert_int_equal(k, NOTICE_COMMENDATION);
	assert_int_equal(notice_text_kind_parse("interview", &k), 0);
	assert_int_equal(k, NOTICE_INTERVIEW);
	assert_int_equal(notice_text_kind_parse("praise", &k), -1);
	assert_int_equal(notice_text_kind_parse(NULL, &k), -1);
	assert_string_equal(notice_text_kind_label(NOTICE_CRITICISM), "通报批评");
	assert_string_equal(notice_text_kind_label(NOTICE_INTERVIEW),
	    "约谈整改通知");
	assert_string_equal(notice_text_kind_basis(NOTICE_INTERVIEW), "第八条");
	assert_string_equal(notice_text_kind_basis(NOTICE_CRITICISM),
	    "第六条第(四)项");
	assert_string_equal(notice_text_kind_name(NOTICE_COMMENDATION),
	    "commendation");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_office),
		cmocka_unit_test(test_commendation),
		cmocka_unit_test(test_interview),
		cmocka_unit_test(test_criticism),
		cmocka_unit_test(test_ceiling),
		cmocka_unit_test(test_no_template),
		cmocka_unit_test(test_kinds),
	};
	return cmocka_run_group_tests(tests, load, unload);
}
