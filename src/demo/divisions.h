/*
 * divisions.h: the real administrative divisions of Guizhou that the demo
 * province is built on, and the word stems its invented townships are named
 * from. The tables are compiled in so that the program needs no data file at
 * run time; all of it is constant and owned by nobody.
 */
#ifndef DIVISIONS_H
#define DIVISIONS_H

#include <stddef.h>

enum divisions_level {
	DIVISIONS_PROVINCE,
	DIVISIONS_PREFECTURE,
	DIVISIONS_COUNTY
};

struct division {
	const char		*code;	/* national division code, 6 digits */
	const char		*name;
	enum divisions_level	 level;
	const char		*parent;	/* code; NULL: the province */
};

/* 贵州省, its 9 prefecture-level and 88 county-level units, parents first. */
extern const struct division	 divisions_table[];
extern const size_t		 divisions_count;

/* Two-character stems for 镇 and 乡, and stems for 街道. */
extern const char *const	 divisions_town_stems[];
extern const size_t		 divisions_ntown_stems;
extern const char *const	 divisions_street_stems[];
extern const size_t		 divisions_nstreet_stems;

/* Peoples that give 民族乡 their names (苗族乡, 布依族乡, ...). */
extern const char *const	 divisions_peoples[];
extern const size_t		 divisions_npeoples;

#endif /* DIVISIONS_H */
