/*
 * Unit tests of base/date: strict parsing of YYYY-MM-DD, day numbers
 * against known values and against an independent day-by-day calendar walk
 * (leap years, the 1900 / 2000 / 2100 century rules), formatting, years and
 * day differences, calendar-month arithmetic, LVZHI_TODAY, and Beijing's
 * day and time whatever the server's zone (TZ).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/arena.h"
#include "base/date.h"

/* Parses s, failing the test when it is rejected. */
static date_t
day(const char *s)
{
	date_t d = -12345;
	if (date_parse(s, &d) != 0)
		fail_msg("date_parse rejected valid date '%s'", s);
	return d;
}

static void
test_parse_valid(void **state)
{
	(void)state;
	/* Day numbers count from 1970-01-01 (values from Python's datetime). */
	assert_int_equal(day("1970-01-01"), 0);
	assert_int_equal(day("2025-01-01"), 20089);
	assert_int_equal(day("2000-02-29"), 11016);
	assert_int_equal(day("2000-03-01"), 11017);
	assert_int_equal(day("1900-01-01"), -25567);
	assert_int_equal(day("1900-03-01"), -25508);
	assert_int_equal(day("2100-02-28"), 47540);
	assert_int_equal(day("2100-03-01"), 47541);
	assert_int_equal(day("2020-09-09"), 18514);
	/* A leap day in a leap year, and month ends. */
	assert_int_equal(day("2024-02-29") + 1, day("2024-03-01"));
	assert_int_equal(day("2025-01-31") + 1, day("2025-02-01"));
	assert_int_equal(day("2025-04-30") + 1, day("2025-05-01"));
	assert_int_equal(day("2025-12-31") + 1, day("2026-01-01"));
}

static void
test_parse_rejects(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"2025-02-29",  /* not a leap year */
		"1900-02-29",  /* century, not a leap year */
		"2100-02-29",
		"2025-13-01",  /* month 13 */
		"2025-00-10",  /* month 0 */
		"2025-01-00",  /* day 0 */
		"2025-01-32",
		"2025-04-31",  /* April has 30 days */
		"2025-06-31",
		"2025-1-01",   /* unpadded month */
		"2025-01-1",   /* unpadded day */
		"25-01-01",
		"02025-01-01",
		"2025-01-01x", /* trailing garbage */
		"2025-01-01 ",
		" 2025-01-01",
		"2025/01/01",
		"2025-01_01",
		"2025-0a-01",
		"+025-01-01",
		"2025--1-01",
		"1899-12-31",  /* before the supported range */
		"",
		"-",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		date_t d = 777;
		if (date_parse(bad[i], &d) != -1)
			fail_msg("date_parse accepted '%s'", bad[i]);
		/* A rejected date leaves the output alone. */
		assert_int_equal(d, 777);
	}
	date_t d = 777;
	assert_int_equal(date_parse(NULL, &d), -1);
	assert_int_equal(d, 777);
}

static int
month_days(int y, int m)
{
	static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30,
		31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : dm[m - 1];
}

/*
 * Walks the calendar one day at a time from 1600-01-01 to 2400-12-31 with
 * its own month lengths, and checks that every day's number is one more
 * than the last and converts both ways; from 1900 on also that it formats
 * as the expected string and parses back.
 */
static void
test_round_trip(void **state)
{
	(void)state;
	int y = 1600, m = 1, d = 1;
	date_t prev = date_from_ymd(y, m, d);
	long days = 0;
	while (y <= 2400) {
		date_t n = date_from_ymd(y, m, d);
		if (days > 0 && n != prev + 1)
			fail_msg("%04d-%02d-%02d is day %d, previous %d", y, m, d,
			    (int)n, (int)prev);
		int yy, mm, dd;
		date_to_ymd(n, &yy, &mm, &dd);
		if (yy != y || mm != m || dd != d)
			fail_msg("day %d gave %d-%d-%d, want %d-%d-%d", (int)n, yy,
			    mm, dd, y, m, d);
		assert_int_equal(date_year(n), y);
		if (y >= 1900) {
			char want[16], got[11];
			snprintf(want, sizeof want, "%04d-%02d-%02d", y, m, d);
			date_format(n, got);
			assert_string_equal(got, want);
			date_t back = -1;
			assert_int_equal(date_parse(want, &back), 0);
			assert_int_equal(back, n);
		}
		prev = n;
		days++;
		if (++d > month_days(y, m)) {
			d = 1;
			if (++m > 12) {
				m = 1;
				y++;
			}
		}
	}
	/* 801 years of 365 days plus 195 leap days (400-year cycles keep
	 * 97 each; 2400 is leap). */
	assert_int_equal(days, 801L * 365 + 195);
}

static void
test_days_in_year(void **state)
{
	(void)state;
	assert_int_equal(date_days_in_year(2024), 366);
	assert_int_equal(date_days_in_year(2025), 365);
	assert_int_equal(date_days_in_year(2020), 366);
	assert_int_equal(date_days_in_year(2000), 366);
	assert_int_equal(date_days_in_year(1900), 365);
	assert_int_equal(date_days_in_year(2100), 365);
	assert_int_equal(date_days_in_year(2400), 366);
	assert_true(date_is_leap(2024));
	assert_false(date_is_leap(2023));
	assert_false(date_is_leap(1900));
	assert_true(date_is_leap(2000));
	/* days_in_year agrees with the day numbers of consecutive New Years. */
	for (int yr = 1900; yr <= 2200; yr++)
		assert_int_equal(date_from_ymd(yr + 1, 1, 1) -
		    date_from_ymd(yr, 1, 1), date_days_in_year(yr));
}

static void
test_differences(void **state)
{
	(void)state;
	assert_int_equal(day("2025-06-30") - day("2025-01-01"), 180);
	/* A segment 2025-01-01..2025-06-30 is 181 days, inclusive. */
	assert_int_equal(day("2025-06-30") - day("2025-01-01") + 1, 181);
	assert_int_equal(day("2024-12-31") - day("2024-01-01"), 365);
	assert_int_equal(day("2025-12-31") - day("2025-01-01"), 364);
	assert_int_equal(day("2024-03-01") - day("2024-02-28"), 2);
	assert_int_equal(day("2025-03-01") - day("2025-02-28"), 1);
	assert_int_equal(day("2020-12-31") - day("2020-09-09") + 1, 114);
	assert_int_equal(day("2026-01-01") - day("2025-12-31"), 1);
	assert_true(day("2025-03-31") < day("2025-04-01"));
	assert_true(day("1999-12-31") < day("2000-01-01"));
}

static void
test_format(void **state)
{
	(void)state;
	char s[11];
	date_format(0, s);
	assert_string_equal(s, "1970-01-01");
	date_format(date_from_ymd(2025, 3, 9), s);
	assert_string_equal(s, "2025-03-09");
	date_format(date_from_ymd(1900, 1, 1), s);
	assert_string_equal(s, "1900-01-01");
	date_format(date_from_ymd(9999, 12, 31), s);
	assert_string_equal(s, "9999-12-31");
}

/* Calendar months: the day kept, or held to a shorter month's end. */
static void
test_add_months(void **state)
{
	(void)state;
	static const struct {
		const char *from;
		int months;
		const char *want;
	} cases[] = {
		{ "2025-03-15", 1, "2025-04-15" },
		{ "2025-03-15", 0, "2025-03-15" },
		{ "2025-01-31", 1, "2025-02-28" },  /* held to February's end */
		{ "2024-01-31", 1, "2024-02-29" },  /* a leap February */
		{ "2100-01-31", 1, "2100-02-28" },  /* a century, not leap */
		{ "2000-01-31", 1, "2000-02-29" },  /* 400 years: leap */
		{ "2025-03-31", 1, "2025-04-30" },
		{ "2025-05-31", 1, "2025-06-30" },
		{ "2025-02-28", 1, "2025-03-28" },  /* not to the month's end */
		{ "2025-12-15", 1, "2026-01-15" },  /* across a year */
		{ "2025-12-31", 2, "2026-02-28" },
		{ "2024-02-29", 12, "2025-02-28" },
		{ "2024-02-29", 48, "2028-02-29" },
		{ "2025-03-31", -1, "2025-02-28" }, /* backwards */
		{ "2025-01-15", -1, "2024-12-15" },
		{ "2025-01-15", -13, "2023-12-15" },
		{ "2025-01-15", -24, "2023-01-15" },
		{ "2025-06-30", 120, "2035-06-30" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char got[11];
		date_format(date_add_months(day(cases[i].from), cases[i].months),
		    got);
		if (strcmp(got, cases[i].want) != 0)
			fail_msg("%s %+d months: %s, want %s", cases[i].from,
			    cases[i].months, got, cases[i].want);
	}
	/* One month and back returns to the day unless it was held. */
	for (date_t d = day("2024-01-01"); d <= day("2025-12-31"); d++) {
		int y, m, dd;
		date_to_ymd(d, &y, &m, &dd);
		date_t there = date_add_months(d, 1);
		assert_true(there > d);
		assert_true(there - d >= 28 && there - d <= 31);
		if (dd <= 28)
			assert_int_equal(date_add_months(there, -1), d);
	}
}

static void
test_today(void **state)
{
	(void)state;
	assert_int_equal(setenv("LVZHI_TODAY", "2025-06-30", 1), 0);
	assert_int_equal(date_today(), day("2025-06-30"));
	/* An invalid override is ignored: today's date from the clock. */
	assert_int_equal(setenv("LVZHI_TODAY", "2025-02-30", 1), 0);
	time_t now = time(NULL);
	struct tm tm;
	gmtime_r(&now, &tm);
	/* Beijing's day: the UTC day, or the next from 16:00 UTC. */
	date_t want = date_from_ymd(tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday) + (tm.tm_hour >= 16);
	date_t got = date_today();
	/* Midnight may pass between the two readings. */
	assert_true(got == want || got == want + 1);
	unsetenv("LVZHI_TODAY");
}

/* A stored UTC time's Beijing day, never after today. */
static void
test_of_stamp(void **state)
{
	(void)state;
	assert_int_equal(setenv("TZ", "Asia/Shanghai", 1), 0);
	tzset();
	assert_int_equal(setenv("LVZHI_TODAY", "2026-05-10", 1), 0);
	/* 20:00 UTC is the next morning in Beijing. */
	assert_int_equal(date_of_stamp("2026-03-01T20:00:00Z"),
	    day("2026-03-02"));
	assert_int_equal(date_of_stamp("2026-03-01T10:00:00Z"),
	    day("2026-03-01"));
	/* After today (a test clock set back): today. */
	assert_int_equal(date_of_stamp("2026-12-06T10:00:00Z"),
	    day("2026-05-10"));
	assert_int_equal(date_of_stamp(NULL), DATE_NONE);
	assert_int_equal(date_of_stamp("2026-03-01"), DATE_NONE);
	assert_int_equal(date_of_stamp("2026-02-30T10:00:00Z"), DATE_NONE);
	assert_int_equal(date_of_stamp("2026-03-01T10:00:00Zx"), DATE_NONE);
	unsetenv("LVZHI_TODAY");
	unsetenv("TZ");
	tzset();
}

/* Parses "YYYY-MM-DDTHH:MM:SSZ" as an instant, failing the test on
 * another form. */
static time_t
instant(const char *utc)
{
	struct tm tm = { 0 };
	if (sscanf(utc, "%4d-%2d-%2dT%2d:%2d:%2dZ", &tm.tm_year, &tm.tm_mon,
	    &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
		fail_msg("bad instant '%s'", utc);
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return timegm(&tm);
}

/*
 * Days and times of day are Beijing's whatever zone the server runs in:
 * on a server in Los Angeles (UTC-8/-7) or Pago Pago (UTC-11) the local
 * day is Beijing's day before for most of the day, and a deadline judged
 * on it would fall a day late.
 */
static void
test_beijing_zone(void **state)
{
	(void)state;
	static const char *const zones[] = { "Pacific/Pago_Pago",
		"America/Los_Angeles", "UTC", "Asia/Shanghai" };
	struct arena *a = arena_create();
	for (size_t z = 0; z < sizeof zones / sizeof *zones; z++) {
		assert_int_equal(setenv("TZ", zones[z], 1), 0);
		tzset();
		/* Midnight in Beijing is 16:00 UTC the day before. */
		assert_int_equal(date_beijing_day(
		    instant("2026-03-01T15:59:59Z")), day("2026-03-01"));
		assert_int_equal(date_beijing_day(
		    instant("2026-03-01T16:00:00Z")), day("2026-03-02"));
		assert_int_equal(date_beijing_day(
		    instant("2024-02-28T20:00:00Z")), day("2024-02-29"));
		assert_int_equal(date_beijing_day(
		    instant("2025-12-31T23:59:59Z")), day("2026-01-01"));
		/* No summer time in Beijing: July as March. */
		assert_int_equal(date_beijing_day(
		    instant("2026-07-01T16:00:00Z")), day("2026-07-02"));
		assert_int_equal(date_beijing_day((time_t)-1),
		    day("1970-01-01"));
		assert_int_equal(date_beijing_day((time_t)-8 * 3600 - 1),
		    day("1969-12-31"));
		struct tm bj;
		assert_int_equal(date_time_beijing(
		    instant("2026-07-01T20:05:00Z"), &bj), 0);
		assert_int_equal(bj.tm_year + 1900, 2026);
		assert_int_equal(bj.tm_mon + 1, 7);
		assert_int_equal(bj.tm_mday, 2);
		assert_int_equal(bj.tm_hour, 4);
		assert_int_equal(bj.tm_min, 5);
		/* A stored time's day and the time shown to people. */
		assert_int_equal(setenv("LVZHI_TODAY", "2026-12-06", 1), 0);
		assert_int_equal(date_of_stamp("2026-03-01T20:00:00Z"),
		    day("2026-03-02"));
		assert_int_equal(date_of_stamp("2026-07-01T15:30:00Z"),
		    day("2026-07-01"));
		assert_string_equal(date_beijing(a, "2026-03-01T20:00:00Z"),
		    "2026年3月2日 04:00");
		unsetenv("LVZHI_TODAY");
		/* Today from the wall clock: Beijing's day of now. */
		time_t before = time(NULL);
		date_t got = date_today();
		time_t after = time(NULL);
		assert_true(got == date_beijing_day(before) ||
		    got == date_beijing_day(after));
		/* The clock now under a moved day keeps the wall clock's
		 * time of day in Beijing: a stamp's day is the day set. */
		assert_int_equal(setenv("LVZHI_TODAY", "2025-01-01", 1), 0);
		char out[32];
		date_clock_now(out);
		time_t moved = instant(out);
		assert_int_equal(date_beijing_day(moved), day("2025-01-01"));
		long sod = (long)((moved + 8 * 3600) % 86400);
		long wall = (long)((time(NULL) + 8 * 3600) % 86400);
		/* (Beijing's midnight may pass between the readings.) */
		assert_true((wall - sod >= 0 && wall - sod <= 2) ||
		    wall - sod <= 2 - 86400);
		unsetenv("LVZHI_TODAY");
	}
	arena_free(a);
	unsetenv("TZ");
	tzset();
}

/* A stamp written now is of date_today()'s day, whatever the zone and
 * whether LVZHI_TODAY moved it: one clock for what the domain stamps. */
static void
test_clock_now(void **state)
{
	(void)state;
	static const char *const zones[] = { "Asia/Shanghai", "UTC",
		"America/Los_Angeles" };
	static const char *const days[] = { "2026-05-10", "2025-01-01",
		"2024-02-29" };
	char out[32];
	for (size_t z = 0; z < sizeof zones / sizeof *zones; z++) {
		assert_int_equal(setenv("TZ", zones[z], 1), 0);
		tzset();
		for (size_t i = 0; i < sizeof days / sizeof *days; i++) {
			assert_int_equal(setenv("LVZHI_TODAY", days[i], 1), 0);
			date_clock_now(out);
			assert_int_equal(strlen(out), 20);
			assert_int_equal(date_of_stamp(out), day(days[i]));
		}
		unsetenv("LVZHI_TODAY");
		date_clock_now(out);
		assert_int_equal(date_of_stamp(out), date_today());
	}
	unsetenv("TZ");
	tzset();
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_valid),
		cmocka_unit_test(test_parse_rejects),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_days_in_year),
		cmocka_unit_test(test_differences),
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_add_months),
		cmocka_unit_test(test_today),
		cmocka_unit_test(test_of_stamp),
		cmocka_unit_test(test_clock_now),
		cmocka_unit_test(test_beijing_zone),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
