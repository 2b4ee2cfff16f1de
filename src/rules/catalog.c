/*
 * Finding, loading and releasing catalogs, and the names of the enums the
 * catalog defines.
 *
 * The catalog is data the interpreting office edits, so it is looked for
 * at run time first. A copy of the shipped catalog is also linked into the
 * binary (catalog-embed.c) so that a lone `lvzhi` copied elsewhere still
 * evaluates; which file was used is recorded with every evaluation.
 */
#include "rules/catalog-int.h"

#include <dirent.h>
#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <jansson.h>

#include "base/arena.h"
#include "base/buf.h"
#include "base/jv.h"

#define CATALOG_MAX (4u << 20) /* a catalog is text; 4 MiB is plenty */
#define CATALOG_NAME "guizhou-2020.md"
#define VERSIONS_MAX 64 /* versions of one catalog */

#ifndef LVZHI_DATADIR
#define LVZHI_DATADIR "/usr/local/share/lvzhi"
#endif

extern const char catalog_embedded[];
extern const char catalog_embedded_end[];

static void
free_words(char **v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(v[i]);
	free(v);
}

void
catalog_free(struct catalog *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < c->nversions; i++)
		if (c->versions[i] != c)
			catalog_free(c->versions[i]);
	free(c->versions);
	for (size_t i = 0; i < c->nkinds; i++) {
		struct catalog_kind *k = &c->kinds[i];
		for (size_t j = 0; j < k->nfields; j++) {
			free(k->fields[j].name);
			free(k->fields[j].label);
			free_words(k->fields[j].values, k->fields[j].nvalues);
			free_words(k->fields[j].labels, k->fields[j].nvalues);
		}
		free(k->fields);
		free(k->id);
		free(k->label);
	}
	for (size_t i = 0; i < c->nrules; i++) {
		struct catalog_rule *r = &c->rules[i];
		free(r->id);
		free(r->title);
		free(r->citation);
		free(r->note);
		free(r->where_value);
		free_words(r->all_values, r->nall_values);
		free_words(r->township_values, r->ntownship_values);
		free(r->veto_item);
		free_words(r->steps, r->nsteps);
		free_words(r->evidence_kinds, r->nevidence_kinds);
		basis_free(r->bases, r->nbases);
	}
	for (size_t i = 0; i < c->nconsequences; i++) {
		free(c->consequences[i].kind);
		free(c->consequences[i].label);
		free(c->consequences[i].citation);
	}
	for (size_t i = 0; i < c->ndocuments; i++)
		document_free(&c->documents[i]);
	free(c->documents);
	free(c->kinds);
	free(c->rules);
	free(c->consequences);
	free(c->id);
	free(c->version);
	free(c->title);
	free(c->issuer);
	free(c->interpreter);
	free(c->basis);
	basis_free(c->bases, c->nbases);
	free(c->source);
	free(c->file);
	free(c);
}

int
catalog_kind_find(const struct catalog *c, const char *id)
{
	for (size_t i = 0; i < c->nkinds; i++)
		if (c->kinds[i].id != NULL && strcmp(c->kinds[i].id, id) == 0)
			return (int)i;
	return -1;
}

const char *
catalog_value_label(const struct catalog_field *f, const char *v)
{
	for (size_t i = 0; i < f->nvalues; i++)
		if (strcmp(f->values[i], v) == 0)
			return f->labels[i];
	return v;
}

int
catalog_kind_is_finding(const struct catalog *c, const char *id)
{
	int k = id != NULL ? catalog_kind_find(c, id) : -1;
	return k >= 0 && c->kinds[k].finding;
}

int
catalog_rule_find(const struct catalog *c, const char *id)
{
	for (size_t i = 0; i < c->nrules; i++)
		if (c->rules[i].id != NULL && strcmp(c->rules[i].id, id) == 0)
			return (int)i;
	return -1;
}

int
catalog_where_matches_jv(const struct catalog *c,
    const struct catalog_rule *r, const struct jv *doc)
{
	if (r->where_field < 0)
		return 1;
	const struct catalog_field *f = &c->kinds[r->kind].fields[r->where_field];
	const struct jv *v = jv_get(doc, f->name);
	char buf[64];
	const char *have = NULL;
	if (jv_is_string(v))
		have = jv_str(v);
	else if (jv_is(v, JV_INT)) {
		snprintf(buf, sizeof buf, "%lld", jv_int(v));
		have = buf;
	} else if (jv_is_bool(v))
		have = v->type == JV_TRUE ? "true" : "false";
	return have != NULL && strcmp(have, r->where_value) == 0;
}

int
catalog_where_matches(const struct catalog *c, const struct catalog_rule *r,
    const json_t *doc)
{
	if (r->where_field < 0)
		return 1;
	struct arena *a = arena_create();
	int rc = catalog_where_matches_jv(c, r, doc != NULL ?
	    jv_from_json(a, doc) : NULL);
	arena_free(a);
	return rc;
}

int
catalog_field_find(const struct catalog_kind *k, const char *name)
{
	for (size_t i = 0; i < k->nfields; i++)
		if (strcmp(k->fields[i].name, name) == 0)
			return (int)i;
	return -1;
}

static int
role_index(enum role r)
{
	return r == ROLE_PARTY ? 0 : r == ROLE_GOVERNMENT ? 1 : 2;
}

const char *
catalog_role_name(enum role r)
{
	static const char *const n[] = { "party_principal",
		"government_principal", "department_principal" };
	return n[role_index(r)];
}

const char *
catalog_role_label(enum role r)
{
	static const char *const n[] = { "党委主要负责人", "政府主要负责人",
		"部门主要负责人" };
	return n[role_index(r)];
}

const char *
catalog_grade_name(enum grade g)
{
	static const char *const n[] = { "excellent", "pass", "basic_pass",
		"fail" };
	return n[g];
}

const char *
catalog_grade_label(enum grade g)
{
	static const char *const n[] = { "优秀", "合格", "基本合格", "不合格" };
	return n[g];
}

const char *
catalog_measure_name(enum measure m)
{
	static const char *const n[] = { "count", "filing", "procedure",
		"absence", "qualitative" };
	return n[m];
}

/* Reads a whole file with a ceiling; returns 0 or -1 with errno. */
static int
slurp(const char *path, struct buf *b)
{
	FILE *f = fopen(path, "rb");
	if (f == NULL)
		return -1;
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		if (buf_append(b, chunk, n)) {
			fclose(f);
			errno = EFBIG;
			return -1;
		}
	int err = ferror(f);
	fclose(f);
	if (err) {
		errno = EIO;
		return -1;
	}
	return 0;
}

/* The shipped catalog directory beside the executable (build tree or
 * prefix), holding CATALOG_NAME, into out (PATH_MAX bytes at least). */
static int
beside_executable(char *out)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (n <= 0)
		return -1;
	exe[n] = '\0';
	char *dir = dirname(exe);
	static const char *const rel[] = { "rules", "../share/lvzhi/rules" };
	char path[PATH_MAX + 64];
	for (size_t i = 0; i < 2; i++) {
		int w = snprintf(path, sizeof path, "%s/%s/" CATALOG_NAME, dir,
		    rel[i]);
		/* Canonical, so that diagnostics name bin/../share plainly. */
		if (w > 0 && (size_t)w < sizeof path &&
		    access(path, R_OK) == 0 && realpath(path, out) != NULL) {
			*strrchr(out, '/') = '\0';
			return 0;
		}
	}
	return -1;
}

/* Reads and parses one file. */
static struct catalog *
load_file(const char *path, struct diag *d)
{
	struct buf b;
	buf_init(&b, CATALOG_MAX);
	if (slurp(path, &b)) {
		diag_at(d, path, 0, 0, "cannot read the rule catalog: %s",
		    errno == EFBIG ? "larger than 4 MiB" : strerror(errno));
		buf_free(&b);
		return NULL;
	}
	struct catalog *c = catalog_parse(path, b.data ? b.data : "", b.len, d);
	buf_free(&b);
	return c;
}

static int
md_file(const struct dirent *e)
{
	size_t n = strlen(e->d_name);
	return e->d_name[0] != '.' && n > 3 &&
	    strcmp(e->d_name + n - 3, ".md") == 0;
}

/*
 * Parses path (a file, or a directory: each *.md in name order) into
 * v[*n...]; returns the number of problems (reported to d).
 */
static int
load_path(const char *path, struct catalog **v, size_t *n, struct diag *d)
{
	struct stat st;
	if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode)) {
		if (*n == VERSIONS_MAX) {
			diag_at(d, path, 0, 0, "more than %d catalog versions",
			    VERSIONS_MAX);
			return 1;
		}
		v[*n] = load_file(path, d);
		return v[*n] != NULL ? (++*n, 0) : 1;
	}
	struct dirent **names;
	int k = scandir(path, &names, md_file, alphasort);
	if (k < 0) {
		diag_at(d, path, 0, 0, "cannot read the rule catalog: %s",
		    strerror(errno));
		return 1;
	}
	int bad = k == 0;
	if (k == 0)
		diag_at(d, path, 0, 0, "no *.md rule catalog in this directory");
	for (int i = 0; i < k; i++) {
		char file[PATH_MAX + 256];
		int w = snprintf(file, sizeof file, "%s/%s", path,
		    names[i]->d_name);
		if (w < 0 || (size_t)w >= sizeof file) {
			diag_at(d, path, 0, 0, "a file name is too long");
			bad++;
		} else
			bad += load_path(file, v, n, d);
		free(names[i]);
	}
	free(names);
	return bad;
}

static int
by_effective(const void *a, const void *b)
{
	const struct catalog *x = *(struct catalog *const *)a;
	const struct catalog *y = *(struct catalog *const *)b;
	return x->effective < y->effective ? -1 : x->effective > y->effective;
}

struct catalog *
catalog_versions(struct catalog **v, size_t n, struct diag *d)
{
	long before = d->count;
	if (n == 0)
		return NULL;
	qsort(v, n, sizeof *v, by_effective);
	for (size_t i = 1; i < n; i++) {
		struct catalog *c = v[i];
		for (size_t j = 0; j < i; j++) {
			const struct catalog *o = v[j];
			if (strcmp(c->id, o->id) != 0)
				diag_at(d, c->file, c->line, 1, "ruleset id '%s' "
				    "differs from '%s' of %s: versions of one "
				    "catalog share their id", c->id, o->id,
				    o->file);
			else if (strcmp(c->version, o->version) == 0)
				diag_at(d, c->file, c->line, 1, "version '%s' is "
				    "also that of %s", c->version, o->file);
			else if (c->effective == o->effective) {
				char day[11];
				date_format(c->effective, day);
				diag_at(d, c->file, c->line, 1, "effective %s is "
				    "also that of %s (version %s)", day, o->file,
				    o->version);
			}
		}
	}
	struct catalog *h = v[n - 1];
	h->versions = malloc(n * sizeof *h->versions);
	if (h->versions == NULL)
		diag_at(d, h->file, 0, 0, "out of memory");
	if (d->count != before) {
		for (size_t i = 0; i < n; i++)
			catalog_free(v[i]);
		return NULL;
	}
	memcpy(h->versions, v, n * sizeof *v);
	h->nversions = n;
	return h;
}

struct catalog *
catalog_load_paths(const char *const *paths, size_t n, struct diag *d)
{
	char found[PATH_MAX + 64];
	const char *def = NULL;
	if (n == 0) {
		def = getenv("LVZHI_RULES");
		if (def == NULL && beside_executable(found) == 0)
			def = found;
		if (def == NULL && access(LVZHI_DATADIR "/rules/" CATALOG_NAME,
		    R_OK) == 0)
			def = LVZHI_DATADIR "/rules";
		if (def == NULL)
			return catalog_parse("(built-in)/" CATALOG_NAME,
			    catalog_embedded, (size_t)(catalog_embedded_end -
			    catalog_embedded), d);
		paths = &def;
		n = 1;
	}
	struct catalog *v[VERSIONS_MAX];
	size_t nv = 0;
	int bad = 0;
	for (size_t i = 0; i < n; i++)
		bad += load_path(paths[i], v, &nv, d);
	if (bad) {
		for (size_t i = 0; i < nv; i++)
			catalog_free(v[i]);
		return NULL;
	}
	return catalog_versions(v, nv, d);
}

struct catalog *
catalog_load(const char *path, struct diag *d)
{
	return catalog_load_paths(&path, path != NULL, d);
}

size_t
catalog_version_count(const struct catalog *c)
{
	return c->nversions ? c->nversions : 1;
}

const struct catalog *
catalog_version(const struct catalog *c, size_t i)
{
	return c->nversions ? c->versions[i] : c;
}

date_t
catalog_version_end(const struct catalog *c, size_t i)
{
	return i + 1 < catalog_version_count(c) ?
	    catalog_version(c, i + 1)->effective - 1 : DATE_NONE;
}

size_t
catalog_version_index_at(const struct catalog *c, date_t d)
{
	size_t i = catalog_version_count(c);
	while (i > 1 && catalog_version(c, i - 1)->effective > d)
		i--;
	return i - 1;
}

const struct catalog *
catalog_version_at(const struct catalog *c, date_t d)
{
	return catalog_version(c, catalog_version_index_at(c, d));
}

date_t
catalog_effective(const struct catalog *c)
{
	return catalog_version(c, 0)->effective;
}

size_t
catalog_versions_of_year(const struct catalog *c, int year,
    const struct catalog **out, size_t max)
{
	date_t from = date_from_ymd(year, 1, 1), to = date_from_ymd(year, 12,
	    31);
	if (from < catalog_effective(c))
		from = catalog_effective(c);
	if (from > to)
		return 0;
	size_t k = 0;
	for (size_t i = catalog_version_index_at(c, from);
	    i <= catalog_version_index_at(c, to); i++, k++)
		if (k < max)
			out[k] = catalog_version(c, i);
	return k;
}
