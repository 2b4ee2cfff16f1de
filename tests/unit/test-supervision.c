/*
 * Unit tests of the supervision domain's shared pieces that need no
 * store: a body cleaned before its table reads it (blanks trimmed, a
 * blank text absent, control characters and a client's id refused), the
 * entity tables checking bodies alike for the API and forms (required,
 * enum, calendar, length) and copying rows into an arena, the scope
 * filters of each role (auth/scope.c), and the labels.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "auth/authority.h"
#include "domain/supervision.h"

struct fixture {
	struct arena *a;
	struct dom d;
	struct principal p;
};

static int
setup(void **state)
{
	struct fixture *x = calloc(1, sizeof *x);
	x->a = arena_create();
	x->d = (struct dom){ .arena = x->a, .user = &x->p };
	*state = x;
	return 0;
}

static int
teardown(void **state)
{
	struct fixture *x = *state;
	fault_clear(&x->d.fault);
	arena_free(x->a);
	free(x);
	return 0;
}

static void
test_clean(void **state)
{
	struct fixture *x = *state;
	const struct entity *e = &store_finding_entity;
	json_t *body = json_pack("{s:s, s:s, s:i}", "organ", "  520102-party\n",
	    "description", " \t ", "severity", 3);
	assert_int_equal(sup_clean(&x->d, e, body, 1), 0);
	assert_string_equal(json_string_value(json_object_get(body, "organ")),
	    "520102-party");
	assert_true(json_is_null(json_object_get(body, "description")));
	json_decref(body);

	body = json_pack("{s:s}", "description", "a\x01b");
	assert_int_equal(sup_clean(&x->d, e, body, 1), -1);
	assert_int_equal(x->d.fault.status, 400);
	assert_string_equal(x->d.fault.field, "description");
	assert_non_null(strstr(x->d.fault.title, "问题描述"));
	json_decref(body);

	/* Newlines and tabs inside a text are kept. */
	body = json_pack("{s:s}", "description", "一\n二\t三");
	assert_int_equal(sup_clean(&x->d, e, body, 1), 0);
	json_decref(body);

	/* A create may not name the id; a move may carry anything. */
	body = json_pack("{s:s}", "id", "find-2025-00000000");
	assert_int_equal(sup_clean(&x->d, e, body, 1), -1);
	assert_string_equal(x->d.fault.field, "id");
	assert_int_equal(sup_clean(&x->d, e, body, 0), 0);
	json_decref(body);

	assert_null(sup_trim(x->a, "   "));
	assert_null(sup_trim(x->a, NULL));
	assert_string_equal(sup_trim(x->a, " x y "), "x y");
}

static void
test_tables(void **state)
{
	struct fixture *x = *state;
	const struct entity *e = &store_rectification_entity;
	struct store_rectification r = { 0 };
	json_t *body = json_pack("{s:s, s:s, s:s, s:s}", "source", "finding",
	    "finding", "find-2025-1", "requirement", "限期整改",
	    "deadline", "2025-02-30");
	assert_int_equal(entity_from_json(e, body, &r, x->a, &x->d.fault), -1);
	assert_string_equal(x->d.fault.field, "deadline");
	json_object_set_new(body, "deadline", json_string("2025-02-28"));
	json_object_set_new(body, "source", json_string("rumour"));
	assert_int_equal(entity_from_json(e, body, &r, x->a, &x->d.fault), -1);
	assert_string_equal(x->d.fault.field, "source");
	json_object_set_new(body, "source", json_string("finding"));
	json_object_del(body, "requirement");
	assert_int_equal(entity_from_json(e, body, &r, x->a, &x->d.fault), -1);
	assert_string_equal(x->d.fault.field, "requirement");
	assert_string_equal(x->d.fault.title, "请填写整改要求 (required)");
	json_object_set_new(body, "requirement", json_string("限期整改"));
	json_object_set_new(body, "year", json_string("2024"));
	assert_int_equal(entity_from_json(e, body, &r, x->a, &x->d.fault), 0);
	assert_string_equal(r.finding, "find-2025-1");
	assert_int_equal(r.year, 2024);
	json_decref(body);

	/* What the server sets is never taken from a body. */
	body = json_pack("{s:s, s:s}", "status", "accepted", "issued_by", "x");
	struct store_rectification blank = { 0 };
	assert_int_equal(entity_from_json(e, body, &blank, x->a, &x->d.fault),
	    -1);
	assert_null(blank.status);
	assert_null(blank.issued_by);
	json_decref(body);

	/* JSON: hidden keys absent, a year of 0 null, counts 0 not null. */
	struct store_rectification row = { .key = 7, .id = "rect-1",
		.path = "/52/", .evidence = 0, .overdue = 1 };
	json_t *o = entity_json(e, &row);
	assert_null(json_object_get(o, "key"));
	assert_null(json_object_get(o, "path"));
	assert_true(json_is_null(json_object_get(o, "year")));
	assert_int_equal(json_integer_value(json_object_get(o,
	    "evidence_files")), 0);
	assert_true(json_is_true(json_object_get(o, "overdue")));
	json_decref(o);

	/* A row copied past its statement owns its texts. */
	char text[] = "rect-2";
	struct store_rectification copy;
	row.id = text;
	dom_copy(&x->d, e, &row, &copy, sizeof copy);
	text[0] = 'X';
	assert_string_equal(copy.id, "rect-2");
	assert_null(copy.report);
}

static void
test_scope(void **state)
{
	struct fixture *x = *state;
	struct store_sup_scope sc;
	x->p.role = ACCT_ADMIN;
	assert_int_equal(scope_of(&x->p, &sc), 1);
	assert_null(sc.path);
	x->p.role = ACCT_INSPECTOR;
	assert_int_equal(scope_of(&x->p, &sc), 0);
	strcpy(x->p.path, "/520000/520100/");
	assert_int_equal(scope_of(&x->p, &sc), 1);
	assert_string_equal(sc.path, "/520000/520100/");
	x->p.role = ACCT_CLERK;
	strcpy(x->p.organ, "520102-party");
	assert_int_equal(scope_of(&x->p, &sc), 1);
	assert_string_equal(sc.organ, "520102-party");
	assert_null(sc.path);
	x->p.role = ACCT_LEADER;
	assert_int_equal(scope_of(&x->p, &sc), 0);
	strcpy(x->p.person, "p-1");
	assert_int_equal(scope_of(&x->p, &sc), 1);
	assert_string_equal(sc.person, "p-1");
	assert_string_equal(sc.person_organ, "520102-party");

	/* A leader reads what names them, and what names nobody of their
	 * organ. */
	struct store_organ_info o = { .key = 5 };
	x->p.organ_key = 5;
	assert_true(scope_reads(&x->p, &o, "p-1"));
	assert_false(scope_reads(&x->p, &o, "p-2"));
	assert_true(scope_reads(&x->p, &o, NULL));
	o.key = 6;
	assert_false(scope_reads(&x->p, &o, NULL));
}

static void
test_labels(void **state)
{
	(void)state;
	assert_string_equal(sup_inspection_kind_label("special"), "专项督查");
	assert_string_equal(sup_inspection_kind_label("regular"), "定期检查");
	assert_string_equal(sup_inspection_status_label("in_progress"),
	    "进行中");
	assert_string_equal(sup_inspection_status_label(NULL), "计划中");
	assert_string_equal(sup_severity_label("veto"), "一票否决");
	assert_string_equal(sup_severity_label("minor"), "一般");
	assert_string_equal(sup_rect_source_label("interview"), "约谈");
	assert_string_equal(sup_rect_source_label("evaluation"), "年度考评");
	assert_string_equal(sup_interview_source_label("report"), "报告");
	assert_string_equal(sup_interview_status_label("held"), "已约谈");
	assert_string_equal(sup_interview_status_label("scheduled"), "待约谈");
	assert_string_equal(sup_rect_state_label(NULL), "");
}

/* 移交整改: who hands a finding over, and to which office. */
static void
test_refer(void **state)
{
	struct fixture *x = *state;
	struct store_organ_info party = { .key = 1 }, dept = { .key = 2 },
	    prov = { .key = 3 };
	char office[512];
	struct fault f = { 0 };
	strcpy(party.kind, "party_committee");
	strcpy(party.path, "/520000/520100/520102/");
	strcpy(party.id, "520102-party");
	strcpy(dept.kind, "department");
	strcpy(dept.path, "/520000/520100/520102/");
	strcpy(prov.kind, "government");
	strcpy(prov.path, "/520000/");
	const char *nanming = "/520000/520100/520102/";
	/* The provincial inspector: a 区委's 整改 is the 市's office's
	 * (第八条 上级党委), a department's its own region's. */
	x->p.role = ACCT_INSPECTOR;
	strcpy(x->p.path, "/520000/");
	assert_int_equal(authority_finding_refer(&x->p, nanming, &party, office,
	    sizeof office, &f), 0);
	assert_string_equal(office, "/520000/520100/");
	assert_int_equal(authority_finding_refer(&x->p, nanming, &dept, office,
	    sizeof office, &f), 0);
	assert_string_equal(office, nanming);
	/* The province's own government: no superior in the system, its own
	 * office (the interpretation). */
	assert_int_equal(authority_finding_refer(&x->p, "/520000/", &prov,
	    office, sizeof office, &f), 0);
	assert_string_equal(office, "/520000/");
	/* An inspector who does not see the whole inspected region. */
	strcpy(x->p.path, "/520000/520100/520103/");
	assert_int_equal(authority_finding_refer(&x->p, nanming, &party, office,
	    sizeof office, &f), -1);
	assert_int_equal(f.status, 403);
	fault_clear(&f);
	/* The office and the administrator order 整改 themselves. */
	strcpy(x->p.path, "/520000/");
	for (int role = ACCT_ADMIN; role <= ACCT_DISCIPLINE; role++) {
		if (role == ACCT_INSPECTOR)
			continue;
		x->p.role = (enum role_kind)role;
		assert_int_equal(authority_finding_refer(&x->p, nanming, &party,
		    office, sizeof office, &f), -1);
		assert_int_equal(f.status, 403);
		fault_clear(&f);
	}

	/* The proposal: requirement and a real day, both required. */
	struct sup_referral in = { 0 };
	json_t *body = json_pack("{s:s, s:s}", "requirement", "限期整改",
	    "deadline", "2026-02-30");
	assert_int_equal(entity_from_json(&sup_referral_entity, body, &in,
	    x->a, &x->d.fault), -1);
	assert_string_equal(x->d.fault.field, "deadline");
	fault_clear(&x->d.fault);
	json_decref(body);
	body = json_pack("{s:s}", "deadline", "2026-06-30");
	assert_int_equal(entity_from_json(&sup_referral_entity, body, &in,
	    x->a, &x->d.fault), -1);
	assert_string_equal(x->d.fault.field, "requirement");
	fault_clear(&x->d.fault);
	json_decref(body);

	/* Where the 整改 stands, in Chinese. */
	struct store_finding fd = { .rect_state = "referred" };
	assert_string_equal(sup_rect_state_of(&fd), "已移交");
	fd.rect_state = "rectifying";
	assert_string_equal(sup_rect_state_of(&fd), "整改中");
	fd.rect_state = "rectified";
	assert_string_equal(sup_rect_state_of(&fd), "已整改");
	fd.rect_state = "overdue";
	assert_string_equal(sup_rect_state_of(&fd), "逾期");
	fd.rect_state = NULL;
	assert_null(sup_rect_state_of(&fd));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_clean, setup, teardown),
		cmocka_unit_test_setup_teardown(test_tables, setup, teardown),
		cmocka_unit_test_setup_teardown(test_scope, setup, teardown),
		cmocka_unit_test(test_labels),
		cmocka_unit_test_setup_teardown(test_refer, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
