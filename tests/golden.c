/*
 * Golden regression tests: JSON Lines in, evaluation out.
 *
 * Each directory under tests/golden/ is a scenario written against the
 * contract (see tests/golden/README.md): import files applied in order to a
 * fresh database (files labelled "bad" must be refused with exactly the
 * listed FILE:LINE: FIELD errors and must change nothing), then assertions
 * over `lvzhi eval --format json` (expect.tsv) and `lvzhi coverage`
 * (coverage.tsv), and the whole evaluation compared with expected.json.
 * The binary under test is $LVZHI_BIN; it runs as a separate process, as
 * users run it. Output is TAP, one test per file check and per scenario.
 *
 * GOLDEN_UPDATE=1 rewrites expected.json from the current output.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

static int ntest, nfail;
static char tmpdir[256];
static const char *bin;
/* A scenario's own catalog versions (every .md in its rules/). */
static char rules_files[16][900];
static char *rules_args[33];
static int nrules_args;

struct failure {
	char msg[8192];
	size_t len;
};

static void
fail(struct failure *f, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
fail(struct failure *f, const char *fmt, ...)
{
	if (f->len >= sizeof f->msg - 256)
		return;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(f->msg + f->len, sizeof f->msg - f->len, fmt, ap);
	va_end(ap);
	if (n > 0)
		f->len += (size_t)n < sizeof f->msg - f->len ? (size_t)n
		    : sizeof f->msg - f->len - 1;
	if (f->len < sizeof f->msg - 1)
		f->msg[f->len++] = '\n';
	f->msg[f->len] = '\0';
}

static void
report(const char *name, struct failure *f)
{
	ntest++;
	if (f->len == 0) {
		printf("ok %d - %s\n", ntest, name);
		return;
	}
	nfail++;
	printf("not ok %d - %s\n", ntest, name);
	char *line = strtok(f->msg, "\n");
	for (; line != NULL; line = strtok(NULL, "\n"))
		printf("#   %s\n", line);
}

/* The command's head into a: lvzhi --db DB [--rules FILE]...; returns
 * how many (room is left for the command and 12 arguments). */
static int
lead(char **a, const char *db)
{
	int k = 0;
	a[k++] = (char *)bin;
	a[k++] = "--db";
	a[k++] = (char *)db;
	for (int i = 0; i < nrules_args; i++)
		a[k++] = rules_args[i];
	return k;
}

static int
md_file(const struct dirent *e)
{
	size_t n = strlen(e->d_name);
	return n > 3 && strcmp(e->d_name + n - 3, ".md") == 0;
}

/* The scenario's rules/ directory, if any, as repeated --rules. */
static void
scenario_rules(const char *dir)
{
	char path[600];
	struct dirent **names;
	nrules_args = 0;
	snprintf(path, sizeof path, "%s/rules", dir);
	int n = scandir(path, &names, md_file, alphasort);
	for (int i = 0; i < n; i++) {
		if (i < 16) {
			snprintf(rules_files[i], sizeof rules_files[i], "%s/%s",
			    path, names[i]->d_name);
			rules_args[nrules_args++] = "--rules";
			rules_args[nrules_args++] = rules_files[i];
		}
		free(names[i]);
	}
	if (n > 0)
		free(names);
}

static char *
slurp(const char *path)
{
	FILE *fp = fopen(path, "rb");
	if (fp == NULL)
		return NULL;
	size_t cap = 4096, len = 0;
	char *s = malloc(cap);
	size_t n;
	while (s != NULL && (n = fread(s + len, 1, cap - len - 1, fp)) > 0) {
		len += n;
		if (cap - len < 2) {
			char *t = realloc(s, cap *= 2);
			if (t == NULL) {
				free(s);
				s = NULL;
			}
			s = t;
		}
	}
	fclose(fp);
	if (s != NULL)
		s[len] = '\0';
	return s;
}

/* Runs bin with args; stdout and stderr go to files. Returns the status. */
static int
run(char *const args[], const char *out, const char *err)
{
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 1, out, O_WRONLY | O_CREAT |
	    O_TRUNC, 0600);
	posix_spawn_file_actions_addopen(&fa, 2, err, O_WRONLY | O_CREAT |
	    O_TRUNC, 0600);
	pid_t pid;
	int st = -1;
	if (posix_spawn(&pid, bin, &fa, NULL, args, environ) == 0)
		waitpid(pid, &st, 0);
	posix_spawn_file_actions_destroy(&fa);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

/* Splits a one-line argument file into words (at most 16). */
static int
args_of(const char *path, char *buf, size_t n, char **words)
{
	FILE *fp = fopen(path, "r");
	if (fp == NULL)
		return -1;
	if (fgets(buf, (int)n, fp) == NULL)
		buf[0] = '\0';
	fclose(fp);
	int k = 0;
	for (char *w = strtok(buf, " \t\r\n"); w && k < 16;
	    w = strtok(NULL, " \t\r\n"))
		words[k++] = w;
	return k;
}

static int
by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

static int
jsonl(const struct dirent *d)
{
	size_t n = strlen(d->d_name);
	return n > 6 && strcmp(d->d_name + n - 6, ".jsonl") == 0;
}

static int
dirs(const struct dirent *d)
{
	return d->d_name[0] != '.' && d->d_type == DT_DIR;
}

/* Finds the result for person+organ. */
static json_t *
result(json_t *ev, const char *person, const char *organ)
{
	size_t i;
	json_t *r;
	json_array_foreach(json_object_get(ev, "results"), i, r)
		if (strcmp(json_string_value(json_object_get(r, "person")),
		    person) == 0 && strcmp(json_string_value(json_object_get(r,
		    "organ")), organ) == 0)
			return r;
	return NULL;
}

static json_t *
duty(json_t *r, const char *id)
{
	size_t i;
	json_t *d;
	json_array_foreach(json_object_get(r, "duties"), i, d)
		if (strcmp(json_string_value(json_object_get(d, "id")), id) == 0)
			return d;
	return NULL;
}

static const char *
str(json_t *o, const char *k)
{
	const char *s = json_string_value(json_object_get(o, k));
	return s ? s : "(none)";
}

static int
cmp_cstr(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* "a,b" vs a JSON array of strings, order-free; "-" is empty. */
static int
same_set(const char *want, json_t *arr)
{
	char buf[4096], *w[256];
	const char *h[256];
	int nw = 0;
	snprintf(buf, sizeof buf, "%s", strcmp(want, "-") ? want : "");
	for (char *t = strtok(buf, ","); t && nw < 256; t = strtok(NULL, ","))
		w[nw++] = t;
	if ((size_t)nw != json_array_size(arr))
		return 0;
	for (int i = 0; i < nw; i++)
		h[i] = json_string_value(json_array_get(arr, (size_t)i));
	for (int i = 0; i < nw; i++)
		if (h[i] == NULL)
			return 0;
	qsort(w, (size_t)nw, sizeof *w, cmp_cstr);
	qsort(h, (size_t)nw, sizeof *h, cmp_cstr);
	for (int i = 0; i < nw; i++)
		if (strcmp(w[i], h[i]) != 0)
			return 0;
	return 1;
}

static void
check_int(struct failure *f, const char *what, const char *want, json_t *v)
{
	if (strcmp(want, "-") == 0)
		return;
	if (!json_is_integer(v) || json_integer_value(v) != atoll(want)) {
		char *got = v ? json_dumps(v, JSON_ENCODE_ANY) : NULL;
		fail(f, "%s: want %s, got %s", what, want, got ? got : "nothing");
		free(got);
	}
}

static void
expect_eval(struct failure *f, json_t *ev, const char *path)
{
	FILE *fp = fopen(path, "r");
	char line[4096];
	if (fp == NULL) {
		fail(f, "%s: %s", path, strerror(errno));
		return;
	}
	while (fgets(line, sizeof line, fp) != NULL) {
		char *c[8] = { 0 };
		int n = 0;
		if (line[0] == '#' || line[0] == '\n')
			continue;
		for (char *t = strtok(line, "\t\r\n"); t && n < 8;
		    t = strtok(NULL, "\t\r\n"))
			c[n++] = t;
		if (n == 0)
			continue;
		if (strcmp(c[0], "version") == 0 && n >= 2) {
			if (strcmp(str(ev, "ruleset_version"), c[1]))
				fail(f, "version: want %s, got %s", c[1],
				    str(ev, "ruleset_version"));
			continue;
		}
		if (strcmp(c[0], "versions") == 0 && n >= 2) {
			char got[1024] = "";
			size_t i, len = 0;
			json_t *v;
			json_array_foreach(json_object_get(ev, "ruleset_versions"),
			    i, v)
				if (len < sizeof got)
					len += (size_t)snprintf(got + len, sizeof got -
					    len, "%s%s@%s", i ? "," : "", str(v,
					    "version"), str(v, "effective"));
			if (strcmp(got, c[1]))
				fail(f, "versions: want %s, got %s", c[1], got);
			continue;
		}
		if (strcmp(c[0], "results") == 0) {
			size_t got = json_array_size(json_object_get(ev, "results"));
			if (got != (size_t)atol(c[1]))
				fail(f, "results: want %s, got %zu", c[1], got);
			continue;
		}
		if (n < 3) {
			fail(f, "expect.tsv: malformed line '%s'", c[0]);
			continue;
		}
		json_t *r = result(ev, c[1], c[2]);
		if (strcmp(c[0], "absent") == 0) {
			if (r != NULL)
				fail(f, "absent %s %s: has a result", c[1], c[2]);
			continue;
		}
		if (r == NULL) {
			fail(f, "%s %s %s: no result", c[0], c[1], c[2]);
			continue;
		}
		json_t *seg = json_object_get(r, "segment");
		if (strcmp(c[0], "noduty") == 0 && n >= 4) {
			if (duty(r, c[3]) != NULL)
				fail(f, "noduty %s %s %s: present", c[1], c[2], c[3]);
		} else if (strcmp(c[0], "segment") == 0 && n >= 5) {
			if (strcmp(str(seg, "from"), c[3]) || strcmp(str(seg, "to"),
			    c[4]))
				fail(f, "segment %s %s: want %s..%s, got %s..%s", c[1],
				    c[2], c[3], c[4], str(seg, "from"), str(seg, "to"));
		} else if (strcmp(c[0], "role") == 0 && n >= 5) {
			if (strcmp(str(r, "role"), c[3]) || strcmp(str(r,
			    "coverage"), c[4]))
				fail(f, "role %s %s: want %s/%s, got %s/%s", c[1], c[2],
				    c[3], c[4], str(r, "role"), str(r, "coverage"));
		} else if (strcmp(c[0], "duty") == 0 && n >= 5) {
			json_t *d = duty(r, c[3]);
			char what[256];
			snprintf(what, sizeof what, "duty %s %s %s", c[1], c[2],
			    c[3]);
			if (d == NULL) {
				fail(f, "%s: missing", what);
				continue;
			}
			if (strcmp(str(d, "verdict"), c[4]))
				fail(f, "%s: want %s, got %s (%s)", what, c[4],
				    str(d, "verdict"), str(d, "explanation"));
			if (n >= 7) {
				char w2[300];
				snprintf(w2, sizeof w2, "%s required", what);
				check_int(f, w2, c[5], json_object_get(d, "required"));
				snprintf(w2, sizeof w2, "%s actual", what);
				check_int(f, w2, c[6], json_object_get(d, "actual"));
			}
		} else if (strcmp(c[0], "evidence") == 0 && n >= 5) {
			json_t *d = duty(r, c[3]);
			if (d == NULL || !same_set(c[4], json_object_get(d,
			    "evidence"))) {
				char *got = d ? json_dumps(json_object_get(d,
				    "evidence"), JSON_COMPACT) : NULL;
				fail(f, "evidence %s %s %s: want %s, got %s", c[1],
				    c[2], c[3], c[4], got ? got : "(no duty)");
				free(got);
			}
		} else if (strcmp(c[0], "grade") == 0 && n >= 4) {
			if (strcmp(str(r, "grade"), c[3]))
				fail(f, "grade %s %s: want %s, got %s", c[1], c[2],
				    c[3], str(r, "grade"));
		} else if ((strcmp(c[0], "veto") == 0 ||
		    strcmp(c[0], "provisional") == 0) && n >= 4) {
			json_t *v = json_object_get(r, c[0]);
			if (!json_is_boolean(v) || json_is_true(v) !=
			    (strcmp(c[3], "true") == 0))
				fail(f, "%s %s %s: want %s", c[0], c[1], c[2], c[3]);
		} else if ((strcmp(c[0], "consequence") == 0 ||
		    strcmp(c[0], "noconsequence") == 0) && n >= 4) {
			size_t i;
			json_t *q;
			int found = 0;
			json_array_foreach(json_object_get(r, "consequences"), i, q)
				if (strcmp(str(q, "kind"), c[3]) == 0 && (n < 5 ||
				    strstr(str(q, "citation"), c[4]) != NULL) &&
				    (n < 6 || (strcmp(c[5], "-") == 0 ?
				    json_object_get(q, "item") == NULL :
				    strcmp(str(q, "item"), c[5]) == 0)))
					found = 1;
			if (found != (c[0][0] == 'c'))
				fail(f, "%s %s %s %s: %s", c[0], c[1], c[2], c[3],
				    found ? "present" : "absent");
		} else {
			fail(f, "expect.tsv: unknown assertion '%s'", c[0]);
		}
	}
	fclose(fp);
}

static void
expect_coverage(struct failure *f, json_t *cov, const char *path)
{
	FILE *fp = fopen(path, "r");
	char line[1024];
	if (fp == NULL)
		return;
	while (fgets(line, sizeof line, fp) != NULL) {
		char *c[6] = { 0 };
		int n = 0;
		if (line[0] == '#' || line[0] == '\n')
			continue;
		for (char *t = strtok(line, "\t\r\n"); t && n < 6;
		    t = strtok(NULL, "\t\r\n"))
			c[n++] = t;
		if (n >= 2 && strcmp(c[0], "covcount") == 0) {
			if (json_array_size(cov) != (size_t)atol(c[1]))
				fail(f, "covcount: want %s, got %zu", c[1],
				    json_array_size(cov));
			continue;
		}
		if (n < 3)
			continue;
		json_t *hit = NULL, *o;
		size_t i;
		json_array_foreach(cov, i, o)
			if (strcmp(str(o, "person"), c[1]) == 0 &&
			    strcmp(str(o, "organ"), c[2]) == 0)
				hit = o;
		if (strcmp(c[0], "nocov") == 0 && hit != NULL)
			fail(f, "nocov %s %s: covered", c[1], c[2]);
		else if (strcmp(c[0], "cov") == 0 && (hit == NULL || n < 5 ||
		    strcmp(str(hit, "role"), c[3]) || strcmp(str(hit, "coverage"),
		    c[4])))
			fail(f, "cov %s %s %s %s: %s", c[1], c[2], c[3], c[4],
			    hit ? "other role or coverage" : "not covered");
	}
	fclose(fp);
}

/* Everything a bad import must not change, as one string. */
static char *
snapshot(const char *db, char **eargs, int neargs)
{
	char out[300], err[300];
	snprintf(out, sizeof out, "%s/snap.out", tmpdir);
	snprintf(err, sizeof err, "%s/snap.err", tmpdir);
	char *a[64];
	int k = lead(a, db);
	a[k++] = "eval";
	for (int i = 0; i < neargs; i++)
		a[k++] = eargs[i];
	a[k++] = "--format";
	a[k++] = "json";
	a[k] = NULL;
	run(a, out, err);
	char *ev = slurp(out);
	char *b[] = { (char *)bin, "--db", (char *)db, "audit", "verify", NULL };
	run(b, out, err);
	char *au = slurp(out);
	size_t n = (ev ? strlen(ev) : 0) + (au ? strlen(au) : 0) + 2;
	char *s = malloc(n);
	if (s != NULL)
		snprintf(s, n, "%s\n%s", ev ? ev : "", au ? au : "");
	free(ev);
	free(au);
	return s;
}

/* The set of "LINE FIELD" pairs in stderr for file name. */
static void
check_errors(struct failure *f, const char *file, const char *errpath,
    const char *wantpath)
{
	char *got = slurp(errpath), *want = slurp(wantpath);
	char pairs[512][64];
	int np = 0;
	char prefix[1024];
	snprintf(prefix, sizeof prefix, "lvzhi: %s:", file);
	for (char *l = got ? strtok(got, "\n") : NULL; l; l = strtok(NULL, "\n")) {
		if (strncmp(l, prefix, strlen(prefix)) != 0)
			continue;
		char *p = l + strlen(prefix), *end;
		long ln = strtol(p, &end, 10);
		if (end == p || strncmp(end, ": ", 2) != 0)
			continue;
		char *field = end + 2, *colon = strstr(field, ": ");
		if (colon == NULL)
			continue;
		*colon = '\0';
		if (np < 512)
			snprintf(pairs[np++], 64, "%ld %s", ln, field);
	}
	int nw = 0;
	for (char *l = want ? strtok(want, "\n") : NULL; l; l = strtok(NULL,
	    "\n")) {
		nw++;
		int found = 0;
		for (int i = 0; i < np; i++)
			if (strcmp(pairs[i], l) == 0) {
				found = 1;
				pairs[i][0] = '\0';
			}
		if (!found)
			fail(f, "%s: expected an error '%s'", file, l);
	}
	for (int i = 0; i < np; i++)
		if (pairs[i][0] != '\0')
			fail(f, "%s: unexpected error '%s'", file, pairs[i]);
	if (want == NULL)
		fail(f, "%s: no .err file", file);
	(void)nw;
	free(got);
	free(want);
}

static void
scenario(const char *root, const char *name)
{
	char dir[512], db[600], path[900], out[600], err[600];
	char abuf[256], *eargs[16];
	struct failure f = { 0 };
	snprintf(dir, sizeof dir, "%s/%s", root, name);
	/* make check LVZHI_TEST_DB=pg: a database of the throwaway cluster
	 * whose libpq parameters LVZHI_TEST_PG holds (lvzhi init creates
	 * it), one per scenario and run. */
	const char *pg = getenv("LVZHI_TEST_PG");
	if (pg != NULL)
		snprintf(db, sizeof db, "postgresql:///g%ld_%s?%s",
		    (long)getpid(), name, pg);
	else
		snprintf(db, sizeof db, "%s/%s.db", tmpdir, name);
	snprintf(out, sizeof out, "%s/out", tmpdir);
	snprintf(err, sizeof err, "%s/err", tmpdir);
	snprintf(path, sizeof path, "%s/eval.args", dir);
	int neargs = args_of(path, abuf, sizeof abuf, eargs);
	if (neargs < 0) {
		fail(&f, "no eval.args");
		report(name, &f);
		return;
	}

	scenario_rules(dir);
	char *init[64];
	int k = lead(init, db);
	init[k++] = "init";
	init[k] = NULL;
	run(init, out, err);
	struct dirent **files;
	int nfiles = scandir(dir, &files, jsonl, by_name);
	for (int i = 0; i < nfiles; i++) {
		const char *fn = files[i]->d_name;
		int bad = strstr(fn, "-bad") != NULL;
		char *before = bad ? snapshot(db, eargs, neargs) : NULL;
		snprintf(path, sizeof path, "%s/%s", dir, fn);
		char *imp[64];
		int ki = lead(imp, db);
		imp[ki++] = "import";
		imp[ki++] = path;
		imp[ki] = NULL;
		int st = run(imp, out, err);
		struct failure ff = { 0 };
		char tname[700];
		snprintf(tname, sizeof tname, "%s/%s", name, fn);
		if (bad) {
			char errfile[900];
			snprintf(errfile, sizeof errfile, "%s/%.*s.err", dir,
			    (int)(strlen(fn) - 6), fn);
			if (st != 2)
				fail(&ff, "import exited %d, want 2", st);
			check_errors(&ff, path, err, errfile);
			char *after = snapshot(db, eargs, neargs);
			if (before == NULL || after == NULL ||
			    strcmp(before, after) != 0)
				fail(&ff, "the refused file changed the database");
			free(after);
		} else if (st != 0) {
			char *e = slurp(err);
			fail(&ff, "import exited %d: %s", st, e ? e : "");
			free(e);
		}
		free(before);
		report(tname, &ff);
		free(files[i]);
	}
	free(files);

	char *a[64];
	k = lead(a, db);
	a[k++] = "eval";
	for (int i = 0; i < neargs; i++)
		a[k++] = eargs[i];
	a[k++] = "--format";
	a[k++] = "json";
	a[k] = NULL;
	int st = run(a, out, err);
	json_error_t je;
	json_t *ev = json_load_file(out, 0, &je);
	if (st != 0 || ev == NULL) {
		char *e = slurp(err);
		fail(&f, "eval exited %d (%s): %s", st, ev ? "json ok" : je.text,
		    e ? e : "");
		free(e);
	} else {
		snprintf(path, sizeof path, "%s/expect.tsv", dir);
		expect_eval(&f, ev, path);
		/* The catalog's digest changes with any edit of its text;
		 * the golden file pins behaviour, not the catalog's bytes. */
		json_object_del(ev, "ruleset_sm3");
		/* Likewise the versions' digests: `versions` asserts them. */
		json_object_del(ev, "ruleset_versions");
		snprintf(path, sizeof path, "%s/expected.json", dir);
		if (getenv("GOLDEN_UPDATE") != NULL) {
			json_dump_file(ev, path, JSON_INDENT(1) | JSON_SORT_KEYS);
		} else {
			json_t *want = json_load_file(path, 0, &je);
			if (want == NULL)
				fail(&f, "expected.json: %s (make golden-update)",
				    je.text);
			else if (!json_equal(want, ev))
				fail(&f, "output differs from expected.json (review "
				    "with make golden-update and git diff)");
			json_decref(want);
		}
	}
	json_decref(ev);

	snprintf(path, sizeof path, "%s/coverage.args", dir);
	neargs = args_of(path, abuf, sizeof abuf, eargs);
	if (neargs >= 0) {
		char *c[64];
		k = lead(c, db);
		c[k++] = "coverage";
		for (int i = 0; i < neargs; i++)
			c[k++] = eargs[i];
		c[k++] = "--format";
		c[k++] = "json";
		c[k] = NULL;
		st = run(c, out, err);
		json_t *cov = json_load_file(out, 0, &je);
		if (st != 0 || !json_is_array(cov))
			fail(&f, "coverage exited %d: %s", st, je.text);
		else {
			snprintf(path, sizeof path, "%s/coverage.tsv", dir);
			expect_coverage(&f, cov, path);
		}
		json_decref(cov);
	}
	report(name, &f);
}

int
main(int argc, char **argv)
{
	const char *root = argc > 1 ? argv[1] : "tests/golden";
	bin = getenv("LVZHI_BIN");
	if (bin == NULL) {
		fprintf(stderr, "golden: set LVZHI_BIN\n");
		return 2;
	}
	snprintf(tmpdir, sizeof tmpdir, "%s/lvzhi-golden-XXXXXX",
	    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(tmpdir) == NULL) {
		perror("golden: mkdtemp");
		return 2;
	}
	struct dirent **cases;
	int n = scandir(root, &cases, dirs, by_name);
	if (n < 0) {
		perror(root);
		return 2;
	}
	for (int i = 0; i < n; i++) {
		scenario(root, cases[i]->d_name);
		free(cases[i]);
	}
	free(cases);
	printf("1..%d\n", ntest);
	char rm[400];
	snprintf(rm, sizeof rm, "rm -rf '%s'", tmpdir);
	if (system(rm) != 0)
		fprintf(stderr, "golden: could not remove %s\n", tmpdir);
	return nfail ? 1 : 0;
}
