/*
 * Inside the catalog parser: the blocks of `key: value` entries a catalog
 * is cut into, and the readers of their values. catalog-parse.c runs the
 * pipeline (lines, blocks, the ruleset, kind and consequence blocks);
 * catalog-rule.c reads rule blocks and, once every kind is known, ties
 * each rule to its kind, fields and steps. Each reader reports what is
 * wrong at the entry's position and goes on. Not for other modules.
 */
#ifndef LVZHI_CATALOG_PARSE_H
#define LVZHI_CATALOG_PARSE_H

#include "rules/catalog-int.h"

#define MAX_ENTRIES 64
#define MAX_STEPS 32  /* steps and require-all values are bit sets */

struct entry {
	char *key;
	char *value;
	long line;
	int keycol, valcol;
	int used;
	char *mark;    /* the basis of a 〔原文:…〕 or 〔解释:…〕 mark, or NULL */
	int markcol;
	enum basis_source mark_source;
};

struct block {
	const char *type;
	long line; /* the opening fence */
	struct entry entries[MAX_ENTRIES];
	size_t n;
};

struct parser {
	const char *file;
	struct diag *d;
	struct catalog *c;
	int ruleset_seen;
	/* per rule: the kind named, resolved once every kind is known */
	struct entry *rule_kind;
	size_t nrule_kind;
};

void parse_error(struct parser *p, long line, int col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Copies and arrays that cannot fail: out of memory ends the program. */
char *parse_strndup(const char *s, size_t n);
void *parse_grow(void *p, size_t n, size_t size);

/* Returns the entry for key, or NULL (reported when `required`); marks it
 * used, so that unknown keys can be found afterwards by parse_unused(). */
struct entry *parse_get(struct parser *p, struct block *b, const char *key,
    int required);
void parse_unused(struct parser *p, struct block *b);
/* A new copy of key's value, or NULL (absent, or empty: reported). */
char *parse_text(struct parser *p, struct block *b, const char *key,
    int required);
/* These return 0, or -1 with the entry reported. */
int parse_integer(struct parser *p, struct entry *e, int lo, int hi,
    int *out);
int parse_date(struct parser *p, struct entry *e, date_t *out);
/* `yes` or `no` into *out; e may be NULL (absent: *out left alone). */
void parse_yes_no(struct parser *p, struct entry *e, int *out);
/* Checks a block's id: an identifier, not declared before (on line prev,
 * 0 when no block declared it). */
void parse_id(struct parser *p, struct block *b, const char *what,
    const char *id, long prev);

/* The marks of the block's values into (*out, *n); `allowed` 0 refuses
 * every mark. */
void parse_marks(struct parser *p, struct block *b, int allowed,
    struct catalog_basis **out, size_t *n);
/* Reports a value that must say where it comes from and does not. */
void parse_need_mark(struct parser *p, const struct entry *e);

/* A space-separated value as a new array of new strings; returns its
 * length. Free with parse_words_free(). */
size_t parse_words(const char *s, char ***out);
void parse_words_free(char **v, size_t n);
/* The index of w in v[0..n), or -1. */
int parse_word_index(char **v, size_t n, const char *w);

/* catalog-rule.c: a rule block into p->c->rules; its kind and the
 * measure's detail keys are kept in p->rule_kind for rule_resolve(), the
 * second pass, run once every block is read. */
void rule_parse(struct parser *p, struct block *b);
void rule_resolve(struct parser *p);

/* catalog-document.c: a document block, its header entries in b and its
 * body (NULL when the block has no `---` line) from body_line on, into
 * p->c->documents. */
void document_parse(struct parser *p, struct block *b, const char *body,
    size_t bodylen, long body_line);

#endif
