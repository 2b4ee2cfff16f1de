/*
 * A report's 定稿 (report.h): the 发文字号 and 成文日期 fixed before the
 * leader signs, and the final PDF the office made from the edited export
 * (in WPS or Word), which the leader's signature then covers and the
 * portal serves.
 *
 * The final's text is read back with pdftotext, and whether it is a
 * tagged PDF with pdfinfo (poppler-utils), each run as a child process, not with poppler-glib in the server: an uploaded PDF is
 * untrusted input to a large parser, and a child under a time limit and
 * rlimits (CPU, memory, no files written, no descriptors but its pipes)
 * that crashes or loops costs one refused upload, not the server; an
 * upload is rare (one per report), so the process start costs nothing
 * that matters.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "audit/audit.h"
#include "auth/authority.h"
#include "base/buf.h"
#include "base/date.h"
#include "domain/record.h"
#include "domain/report.h"
#include "store/store-reports.h"

/* The child's limits: a 公文 of a few dozen pages reads in well under a
 * second; what needs more is refused, not waited for. */
#define TEXT_SECONDS 15
#define TEXT_MEMORY (1024ul << 20)
#define TEXT_MAX (4u << 20)

/* The poppler tools run on a final: its text, and its information (is
 * it tagged?). */
enum poppler_tool { TOOL_TEXT, TOOL_INFO };
static const char *const tool_names[] = { "pdftotext", "pdfinfo" };

/* The tool on PATH, found before the fork: the child calls nothing
 * that allocates. NULL: none. */
static const char *
tool_path(struct dom *d, enum poppler_tool tool)
{
	const char *path = getenv("PATH");
	if (path == NULL || *path == '\0')
		path = "/usr/local/bin:/usr/bin:/bin";
	while (*path != '\0') {
		size_t n = strcspn(path, ":");
		char *exe = arena_printf(d->arena, "%.*s/%s", (int)n, path,
		    tool_names[tool]);
		if (n > 0 && access(exe, X_OK) == 0)
			return exe;
		path += n + (path[n] == ':');
	}
	return NULL;
}

/* In the child, between fork and exec: async-signal-safe calls only. */
static void
child(const char *exe, enum poppler_tool tool, int in, int out, int maxfd)
{
	struct rlimit cpu = { TEXT_SECONDS, TEXT_SECONDS + 1 };
	struct rlimit mem = { TEXT_MEMORY, TEXT_MEMORY };
	struct rlimit none = { 0, 0 };
	/* -raw: the text in the order it was drawn, lines as printed;
	 * without it pdftotext joins a word hyphenated at a line's end
	 * (an id "520102-gov" broken after its hyphen would read
	 * "520102gov" and pass the check). */
	char *const text[] = { (char *)"pdftotext", (char *)"-q",
		(char *)"-raw", (char *)"-enc", (char *)"UTF-8", (char *)"-",
		(char *)"-", NULL };
	/* pdfinfo reads a file it can seek: the memory file on stdin. */
	char *const info[] = { (char *)"pdfinfo", (char *)"-enc",
		(char *)"UTF-8", (char *)"/dev/stdin", NULL };
	char *const *argv = tool == TOOL_TEXT ? text : info;
	char *const envp[] = { (char *)"LC_ALL=C.UTF-8", NULL };
	if (dup2(in, 0) < 0 || dup2(out, 1) < 0)
		_exit(127);
	int null = open("/dev/null", O_WRONLY);
	if (null >= 0 && null != 2)
		dup2(null, 2);
	for (int fd = 3; fd < maxfd; fd++)
		close(fd);
	if (setrlimit(RLIMIT_CPU, &cpu) || setrlimit(RLIMIT_AS, &mem) ||
	    setrlimit(RLIMIT_FSIZE, &none) || setrlimit(RLIMIT_CORE, &none))
		_exit(127);
	execve(exe, argv, envp);
	_exit(127);
}

/* Milliseconds left until deadline (CLOCK_MONOTONIC), at least 0. */
static int
left_ms(const struct timespec *deadline)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	long ms = (deadline->tv_sec - now.tv_sec) * 1000 +
	    (deadline->tv_nsec - now.tv_nsec) / 1000000;
	return ms < 0 ? 0 : ms > 60000 ? 60000 : (int)ms;
}

/*
 * What tool prints of PDF data into *out (its ceiling TEXT_MAX): the
 * tool in a child reading the bytes from a memory file, killed when it
 * runs past TEXT_SECONDS of wall time. 0, or -1 with d->fault (422 when
 * the PDF cannot be read, 500 when the tool cannot be run).
 */
static int
pdf_tool(struct dom *d, enum poppler_tool tool, const void *data,
    size_t len, struct buf *out)
{
	const char *exe = tool_path(d, tool);
	if (exe == NULL) {
		fprintf(stderr, "lvzhi: %s not found (poppler-utils): final "
		    "PDFs cannot be checked\n", tool_names[tool]);
		return dom_refuse(d, 500, arena_printf(d->arena, "服务器无法读取 "
		    "PDF (%s missing)", tool_names[tool]), NULL, NULL);
	}
	int in = memfd_create("lvzhi-final", MFD_CLOEXEC), p[2] = { -1, -1 };
	const char *bytes = data;
	size_t done = 0;
	while (in >= 0 && done < len) {
		ssize_t w = write(in, bytes + done, len - done);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			break;
		done += (size_t)w;
	}
	long open_max = sysconf(_SC_OPEN_MAX);
	int maxfd = open_max > 0 && open_max < 65536 ? (int)open_max : 65536;
	pid_t pid = -1;
	if (in >= 0 && done == len && lseek(in, 0, SEEK_SET) == 0 &&
	    pipe2(p, O_CLOEXEC) == 0 && (pid = fork()) == 0)
		child(exe, tool, in, p[1], maxfd);
	if (in >= 0)
		close(in);
	if (p[1] >= 0)
		close(p[1]);
	if (pid < 0) {
		if (p[0] >= 0)
			close(p[0]);
		return dom_refuse(d, 500, "服务器无法读取 PDF 文字", strerror(errno),
		    NULL);
	}
	struct timespec deadline;
	clock_gettime(CLOCK_MONOTONIC, &deadline);
	deadline.tv_sec += TEXT_SECONDS;
	int late = 0, over = 0;
	char chunk[65536];
	for (;;) {
		struct pollfd pf = { p[0], POLLIN, 0 };
		int ms = left_ms(&deadline);
		int rc = ms > 0 ? poll(&pf, 1, ms) : 0;
		if (rc < 0 && errno == EINTR)
			continue;
		if (rc <= 0) {
			late = 1;
			break;
		}
		ssize_t n = read(p[0], chunk, sizeof chunk);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		if (buf_append(out, chunk, (size_t)n)) {
			over = 1;
			break;
		}
	}
	close(p[0]);
	if (late || over)
		kill(pid, SIGKILL);
	int status = 0;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	if (late || over || !WIFEXITED(status) || WEXITSTATUS(status) != 0)
		return dom_refuse(d, 422, "无法读取该 PDF 的文字,请用 WPS 或 Word "
		    "“导出为 PDF”后重新上传", late ? "读取超时" : over ?
		    "文字过多" : "PDF 无法解析", "file");
	return buf_append(out, "", 1) ? dom_refuse(d, 422, "PDF 文字过多",
	    NULL, "file") : 0;
}

/* Whether pdfinfo's report (info) says the PDF is tagged: its line
 * "Tagged:          yes". */
static int
tagged(const char *info)
{
	for (const char *l = info; l != NULL && *l != '\0';) {
		if (strncmp(l, "Tagged:", 7) == 0) {
			l += 7;
			l += strspn(l, " \t");
			return strncmp(l, "yes", 3) == 0;
		}
		l = strchr(l, '\n');
		l = l ? l + 1 : NULL;
	}
	return 0;
}

/* s without white space (ASCII and U+3000): what pdftotext's line
 * breaks and a word processor's spacing leave of a heading. */
static char *
squeeze(struct arena *a, const char *s)
{
	char *out = arena_strdup(a, s), *w = out;
	for (const char *p = s; *p != '\0'; p++) {
		if (strchr(" \t\r\n\f\v", *p) != NULL)
			continue;
		if (strncmp(p, "\u3000", 3) == 0) {
			p += 2;
			continue;
		}
		*w++ = *p;
	}
	*w = '\0';
	return out;
}

/* text with its lines joined: pdftotext ends each printed line, and a
 * 公文's lines break anywhere, inside a word too (an id split over two
 * lines is still the id); a page's end (form feed) is a line's. In
 * place. */
static void
join_lines(char *text)
{
	char *w = text;
	for (const char *p = text; *p != '\0'; p++)
		if (*p != '\n' && *p != '\r' && *p != '\f')
			*w++ = *p;
	*w = '\0';
}

/* The 发文字号 as printed (report-pdf.c), or NULL. */
static const char *
number_of(struct dom *d, const struct report_doc *rep)
{
	return rep->number_seq > 0 ? arena_printf(d->arena, "〔%d〕%d号",
	    rep->number_year, rep->number_seq) : NULL;
}

/* Why the final's text cannot be rep's final, as errors [{field, value,
 * reason}] (hits of its own and report_public_check's), or NULL when it
 * can; -1 in *failed on a storage error. */
static json_t *
text_refusal(struct dom *d, const struct report_doc *rep, const char *text,
    int is_tagged, int *failed)
{
	const char *flat = squeeze(d->arena, text), *num = number_of(d, rep);
	json_t *errors = json_array();
	*failed = 0;
	if (num != NULL && strstr(flat, squeeze(d->arena, num)) == NULL)
		json_array_append_new(errors, json_pack("{s:s, s:s, s:s}",
		    "field", "发文字号", "value", num, "reason", "定稿中没有找到定稿"
		    "编号时确定的发文字号"));
	if (strstr(flat, squeeze(d->arena, rep->title)) == NULL)
		json_array_append_new(errors, json_pack("{s:s, s:s, s:s}",
		    "field", "标题", "value", rep->title, "reason", "定稿中没有找到"
		    "报告的标题"));
	/* What goes to the public is the final: the check publishing
	 * runs, on its text. */
	if (strcmp(rep->kind, "annual") == 0 && !is_tagged)
		/* The portal serves the final as it was signed: a public
		 * PDF is a tagged PDF (its structure for screen readers),
		 * which only the program that made it can write. */
		json_array_append_new(errors, json_pack("{s:s, s:s, s:s}",
		    "field", "结构标签", "value", "Tagged: no", "reason",
		    "公开的报告须为带结构标签的 PDF(Tagged PDF):在 Word 中"
		    "“另存为 PDF”时勾选“辅助功能文档结构标记”,在 WPS 或 "
		    "LibreOffice 中导出 PDF 时勾选“导出标签”(带标签的 PDF)"));
	if (strcmp(rep->kind, "annual") == 0) {
		struct report_section one = { "", text };
		struct report_doc as = *rep;
		struct report_hit *hits;
		size_t n = 0;
		as.sections = &one;
		as.nsections = 1;
		if (report_public_check(d, &as, &hits, &n)) {
			*failed = 1;
			json_decref(errors);
			return NULL;
		}
		for (size_t i = 0; i < n; i++)
			hits[i].where = "定稿 PDF";
		json_t *found = report_hits_json(hits, n);
		json_array_extend(errors, found);
		json_decref(found);
	}
	if (json_array_size(errors) == 0) {
		json_decref(errors);
		return NULL;
	}
	return errors;
}

/* Loads report id in the open transaction and checks that d->user may
 * fix its 定稿 now: 0, or -1 with d->fault (rolled back). */
static int
stampable(struct dom *d, const char *id, struct report_doc *rep)
{
	struct fault who = { 0 };
	if (report_load(d, id, 0, rep))
		goto back;
	if (authority_report_stamp(d->user, &rep->organ_info, &who)) {
		d->fault = who;
		d->fault.detail = id;
		goto back;
	}
	if (strcmp(rep->status, "draft") != 0) {
		dom_refuse(d, 409, report_frozen(rep->status), id, NULL);
		goto back;
	}
	return 0;
back:
	store_rollback(d->store);
	return -1;
}

int
report_stamp(struct dom *d, const char *id, const char *dated)
{
	struct report_doc rep;
	date_t on = date_today();
	if (dated != NULL && date_parse(dated, &on))
		return dom_refuse(d, 400, "成文日期应为 YYYY-MM-DD", dated,
		    "dated");
	if (store_begin(d->store))
		return dom_fail(d, 0);
	if (stampable(d, id, &rep))
		return -1;
	if (rep.dated != NULL) {
		store_rollback(d->store);
		return dom_refuse(d, 409, arena_printf(d->arena, "报告已定稿编号"
		    "(成文日期 %s),不能再次编号", rep.dated), id, NULL);
	}
	/* The 成文日期 is the day the leader signs it (党政机关公文处理工作
	 * 条例: 负责人签发的日期); fixing it here, before the signature, so
	 * that the final carries it, is this system's interpretation: the
	 * office enters the day the leader approved the text, not before
	 * the draft and not a day to come. */
	date_t drafted = date_of_stamp(rep.created_at);
	if ((drafted != DATE_NONE && on < drafted) || on > date_today()) {
		store_rollback(d->store);
		return dom_refuse(d, 400, "成文日期应在起草之日和今天之间", dated,
		    "dated");
	}
	char now[32], day[11];
	dom_now(now);
	date_format(on, day);
	/* The 发文字号: numbered per organ and year as sign numbered it
	 * (store_report_number: the largest plus one, never reused), in
	 * the year of the 成文日期. */
	int annual = strcmp(rep.kind, "annual") == 0;
	if (store_report_stamp(d->store, id, day, d->user->name, now) ||
	    (annual && rep.number_seq == 0 && store_report_number(d->store, id,
	    date_year(on))))
		return dom_fail(d, 1);
	struct report_doc after;
	if (report_load(d, id, 0, &after)) {
		store_rollback(d->store);
		return -1;
	}
	const char *num = number_of(d, &after);
	if (audit_append(d->store, d->actor, "report.stamp", arena_printf(
	    d->arena, "report:%s", id), 1, report_sm3(d, arena_printf(d->arena,
	    "%s|%s|%s|%s", num ? num : "", day, d->user->name, now))) ||
	    store_commit(d->store))
		return dom_fail(d, 1);
	return 0;
}

int
report_final_upload(struct dom *d, const char *id, const void *data,
    size_t len)
{
	struct report_doc rep;
	char mime[128];
	if (data == NULL || len == 0)
		return dom_refuse(d, 400, "请选择定稿 PDF 文件 (no file)", NULL,
		    "file");
	/* Who and which state first (no PDF is read for a caller who may
	 * not upload), then again inside the transaction that stores it. */
	if (store_begin(d->store))
		return dom_fail(d, 0);
	if (stampable(d, id, &rep))
		return -1;
	store_rollback(d->store);
	/* Interpretation (no rule gives one): a 公文 exported from WPS or
	 * Word with its fonts is a few hundred KB to a few MB. */
	if (len > REPORT_FINAL_MAX)
		return dom_refuse(d, 413, arena_printf(d->arena, "定稿 PDF 不能超过 "
		    "%u MB", REPORT_FINAL_MAX >> 20), arena_printf(d->arena,
		    "%zu bytes", len), "file");
	if (rep.dated == NULL)
		return dom_refuse(d, 409, "请先定稿编号(确定发文字号和成文日期),再"
		    "上传据此导出的定稿", id, NULL);
	if (evidence_mime(data, len, mime, sizeof mime) ||
	    strcmp(mime, "application/pdf") != 0)
		return dom_refuse(d, 415, "定稿须为 PDF 文件 (not a PDF)",
		    arena_strdup(d->arena, mime), "file");
	struct buf text, info;
	buf_init(&text, TEXT_MAX);
	buf_init(&info, TEXT_MAX);
	int failed = 0;
	json_t *errors = NULL;
	int rc = pdf_tool(d, TOOL_TEXT, data, len, &text);
	if (rc == 0)
		rc = pdf_tool(d, TOOL_INFO, data, len, &info);
	if (rc == 0) {
		join_lines(text.data);
		errors = text_refusal(d, &rep, text.data, tagged(info.data),
		    &failed);
	}
	const char *read = rc == 0 ? arena_strdup(d->arena, text.data) : NULL;
	buf_free(&text);
	buf_free(&info);
	if (rc != 0)
		return -1;
	if (failed)
		return dom_refuse(d, 500, "内部错误", arena_strdup(d->arena,
		    store_error(d->store)), NULL);
	if (errors != NULL) {
		json_t *first = json_array_get(errors, 0);
		dom_refuse(d, 422, "定稿 PDF 不符合要求,请修改后重新上传",
		    arena_printf(d->arena, "%s:%s(%s)", json_string_value(
		    json_object_get(first, "field")), json_string_value(
		    json_object_get(first, "value")), json_string_value(
		    json_object_get(first, "reason"))), "file");
		d->fault.errors = errors;
		return -1;
	}
	struct evidence_upload u = { data, len, "final.pdf" };
	struct evidence_file f;
	if (evidence_take(d, &u, &f))
		return -1;
	char now[32];
	dom_now(now);
	if (store_begin(d->store))
		return dom_fail(d, 0);
	if (stampable(d, id, &rep))
		return -1;
	int moved = store_report_final(d->store, id, f.sm3, f.size, read,
	    d->user->name, now);
	if (moved == 0) {
		store_rollback(d->store);
		return dom_refuse(d, 409, "报告已不是草稿,不能再更换定稿", id, NULL);
	}
	if (moved < 0 || audit_append(d->store, d->actor, "report.final",
	    arena_printf(d->arena, "report:%s", id), 1, f.sm3) ||
	    store_commit(d->store))
		return dom_fail(d, 1);
	return 0;
}

int
report_final_serves(const struct report_doc *rep)
{
	return rep->final_sm3 != NULL && strcmp(rep->status, "draft") != 0;
}

int
report_final_read(struct dom *d, const struct report_doc *rep,
    struct buf *out)
{
	if (rep->final_sm3 == NULL)
		return dom_refuse(d, 404, "该报告没有上传定稿 (no final)", rep->id,
		    NULL);
	return evidence_read(d, rep->final_sm3, out);
}

static int
keep_text(void *ctx, const char *text)
{
	struct dom *d = ((void **)ctx)[0];
	*(const char **)((void **)ctx)[1] = arena_strdup(d->arena, text);
	return 0;
}

int
report_final_text(struct dom *d, const char *id, const char **text)
{
	void *ctx[2] = { d, text };
	*text = NULL;
	if (store_report_final_text(d->store, id, keep_text, ctx) < 0)
		return dom_refuse(d, 500, "内部错误", arena_strdup(d->arena,
		    store_error(d->store)), NULL);
	return 0;
}
