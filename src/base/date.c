/*
 * Civil-date arithmetic after Howard Hinnant's days_from_civil: exact for
 * every Gregorian date, no tables, no time zone involved.
 */
#include "base/arena.h"
#include "base/date.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

int
date_is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
date_days_in_year(int y)
{
	return date_is_leap(y) ? 366 : 365;
}

static int
days_in_month(int y, int m)
{
	static const int dm[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return m == 2 && date_is_leap(y) ? 29 : dm[m - 1];
}

date_t
date_from_ymd(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return (date_t)(era * 146097 + doe - 719468);
}

void
date_to_ymd(date_t day, int *y, int *m, int *d)
{
	int z = day + 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

int
date_year(date_t day)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	return y;
}

date_t
date_add_months(date_t day, int months)
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	/* Months from year 0, floored, so negative moves cross years too. */
	long n = (long)y * 12 + (m - 1) + months;
	long q = n >= 0 ? n / 12 : -((-n + 11) / 12);
	y = (int)q;
	m = (int)(n - q * 12) + 1;
	int last = days_in_month(y, m);
	return date_from_ymd(y, m, d > last ? last : d);
}

static int
digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 0;
}

int
date_parse(const char *s, date_t *out)
{
	int y, m, d;
	if (s == NULL || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	if (digits(s, 4, &y) || digits(s + 5, 2, &m) || digits(s + 8, 2, &d))
		return -1;
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return -1;
	*out = date_from_ymd(y, m, d);
	return 0;
}

void
date_format(date_t day, char out[11])
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	/* Years are bounded by date_parse; the mask keeps the compiler's
	 * format-truncation analysis satisfied for every int. */
	out[0] = (char)('0' + (y / 1000) % 10);
	out[1] = (char)('0' + (y / 100) % 10);
	out[2] = (char)('0' + (y / 10) % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + d / 10);
	out[9] = (char)('0' + d % 10);
	out[10] = '\0';
}

/*
 * Offices keep Beijing time (UTC+8; China has kept no summer time since
 * 1991) wherever the server runs, so every day and time of day here is
 * Beijing's, computed from UTC: never the server's zone (TZ), which would
 * move a deadline or "today" by a day on a server kept in UTC or abroad.
 */
#define BEIJING_OFFSET (8 * 3600)
#define DAY_SECONDS 86400

date_t
date_beijing_day(time_t t)
{
	int64_t s = (int64_t)t + BEIJING_OFFSET;
	/* Floor division: a time before 1970 still falls on its own day. */
	int64_t day = s / DAY_SECONDS - (s % DAY_SECONDS < 0);
	return (date_t)day;
}

int
date_time_beijing(time_t t, struct tm *bj)
{
	time_t shifted = t + BEIJING_OFFSET;
	return gmtime_r(&shifted, bj) != NULL ? 0 : -1;
}

date_t
date_today(void)
{
	const char *fixed = getenv("LVZHI_TODAY");
	date_t d;
	if (fixed != NULL && date_parse(fixed, &d) == 0)
		return d;
	return date_beijing_day(time(NULL));
}

date_t
date_of_stamp(const char *utc)
{
	int y, mo, d, h, mi, sec, n = 0;
	if (utc == NULL || sscanf(utc, "%4d-%2d-%2dT%2d:%2d:%2dZ%n", &y, &mo,
	    &d, &h, &mi, &sec, &n) != 6 || utc[n] != '\0' || mo < 1 ||
	    mo > 12 || d < 1 || d > days_in_month(y, mo) || h > 23 || mi > 59 ||
	    sec > 60)
		return DATE_NONE;
	time_t t = (time_t)date_from_ymd(y, mo, d) * DAY_SECONDS + h * 3600 +
	    mi * 60 + sec;
	date_t day = date_beijing_day(t), today = date_today();
	return day < today ? day : today;
}

void
date_format_cn(date_t day, char out[32])
{
	int y, m, d;
	date_to_ymd(day, &y, &m, &d);
	snprintf(out, 32, "%d年%d月%d日", y % 10000, m % 100, d % 100);
}

int
date_parse_year(const char *s, int *year)
{
	char *end;
	long y = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || y < 1900 || y > 2200)
		return -1;
	*year = (int)y;
	return 0;
}

void
date_utc_now(char out[32])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void
date_clock_now(char out[32])
{
	time_t t = time(NULL);
	struct tm tm;
	date_t day = date_today();
	/* date_today()'s day (Beijing) at the wall clock's time of day in
	 * Beijing: the wall clock itself unless LVZHI_TODAY moved the day. */
	date_t wall = date_beijing_day(t);
	if (day != wall)
		t += (time_t)(day - wall) * DAY_SECONDS;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

int
date_stamp_beijing(const char *utc, struct tm *bj)
{
	struct tm tm = { 0 };
	if (utc == NULL || sscanf(utc, "%4d-%2d-%2dT%2d:%2d:%2d", &tm.tm_year,
	    &tm.tm_mon, &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	return date_time_beijing(timegm(&tm), bj);
}

const char *
date_beijing(struct arena *a, const char *utc)
{
	struct tm tm;
	char out[32];
	if (utc == NULL || date_stamp_beijing(utc, &tm))
		return utc;
	snprintf(out, sizeof out, "%d年%d月%d日 %02d:%02d",
	    (tm.tm_year + 1900) % 10000, (tm.tm_mon + 1) % 100, tm.tm_mday % 100,
	    tm.tm_hour % 100, tm.tm_min % 100);
	return arena_strdup(a, out);
}
