/*
 * Calendar dates as day numbers.
 *
 * A date_t counts days since 1970-01-01 in the proleptic Gregorian
 * calendar, so differences and comparisons are plain integer arithmetic.
 * Parsing is strict (YYYY-MM-DD, real calendar days only) because dates
 * decide whether a record counts for a leader's time in post.
 */
#ifndef LVZHI_DATE_H
#define LVZHI_DATE_H

#include <stdint.h>
#include <time.h>

struct arena;

typedef int32_t date_t;

/* Sentinel for an open end (a tenure still serving). */
#define DATE_NONE INT32_MAX

/* Parses exactly "YYYY-MM-DD" with a valid day; returns 0, or -1. */
int date_parse(const char *s, date_t *out);
/* Writes "YYYY-MM-DD" and a NUL into out (11 bytes). */
void date_format(date_t d, char out[11]);
/* Writes "2025年7月1日" and a NUL into out (32 bytes). */
void date_format_cn(date_t d, char out[32]);
date_t date_from_ymd(int y, int m, int d);
void date_to_ymd(date_t day, int *y, int *m, int *d);
int date_is_leap(int y);
int date_days_in_year(int y);
int date_year(date_t day);
/*
 * day moved by months calendar months (negative: back), the day of the
 * month kept and held to the last day of a shorter month: 2025-01-31
 * plus one month is 2025-02-28, 2024-01-31 plus one is 2024-02-29.
 * Returns the new date.
 */
date_t date_add_months(date_t day, int months);
/* Today in Beijing (UTC+8) whatever the server's zone, or LVZHI_TODAY
 * when set (for tests). */
date_t date_today(void);
/* The day in Beijing of an instant (seconds since 1970, UTC). */
date_t date_beijing_day(time_t t);
/* An instant as Beijing's calendar and clock into *bj: 0, or -1. */
int date_time_beijing(time_t t, struct tm *bj);
/*
 * The Beijing day of a time the server stored ("YYYY-MM-DDTHH:MM:SSZ",
 * UTC), held to date_today(): what the server did happened no later than
 * today, also under a clock set back for tests (LVZHI_TODAY) while the
 * stored times follow the wall clock. DATE_NONE for NULL or another form.
 */
date_t date_of_stamp(const char *utc);

/* A year as text ("2025"), 1900 to 2200: 0 with *year, or -1. */
int date_parse_year(const char *s, int *year);
/* Now as the server stores a time: "YYYY-MM-DDTHH:MM:SSZ" (UTC) and a
 * NUL into out. */
void date_utc_now(char out[32]);
/* The same on date_today()'s clock: the wall clock, or under LVZHI_TODAY
 * that day at the wall clock's time of day in Beijing, so that the day
 * of what the domain stamps (date_of_stamp) is the day the server took
 * for today when it wrote it: a check of a date against it (an
 * interview held not before it was scheduled) keeps one clock. */
void date_clock_now(char out[32]);
/* A stored time ("YYYY-MM-DDTHH:MM:SSZ", UTC) in Beijing time (UTC+8,
 * no summer time) into *bj: 0, or -1 for another form. */
int date_stamp_beijing(const char *utc, struct tm *bj);
/* The same as people read it, "2026年12月6日 14:03", in a's memory;
 * NULL for NULL, the text itself for another form. */
const char *date_beijing(struct arena *a, const char *utc);

#endif
