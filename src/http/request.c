/*
 * Turning what libmicrohttpd hands over into a struct request.
 *
 * Bodies are kept within ceilings: a JSON or form body up to max_body, one
 * uploaded file up to max_upload; a Content-Length above the ceiling is
 * answered 413 before any of the body is read. A body found too large
 * (or malformed) while it streams is read to its end and dropped, then
 * answered 413 (or 400): libmicrohttpd takes no answer in the middle of a
 * body. One that goes on past the ceiling, which only a body without a
 * Content-Length can, closes the connection. Forms and multipart uploads
 * go through libmicrohttpd's post processor.
 */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include "auth/session.h"
#include "base/date.h"
#include "base/text.h"
#include "http/server-int.h"

struct request *
request_create(struct server *s, struct MHD_Connection *c, const char *url,
    const char *method)
{
	struct request *r = calloc(1, sizeof *r);
	if (r == NULL)
		return NULL;
	clock_gettime(CLOCK_MONOTONIC, &r->start);
	r->srv = s;
	r->conn = c;
	r->arena = arena_create();
	r->method = arena_strdup(r->arena, method);
	r->path = arena_strdup(r->arena, url);
	r->catalog = s->catalog;
	buf_init(&r->body, s->cfg->max_body);
	buf_init(&r->file.data, s->cfg->max_upload);
	return r;
}

void
request_free(struct request *r)
{
	if (r == NULL)
		return;
	if (r->pp != NULL)
		MHD_destroy_post_processor(r->pp);
	if (r->resp != NULL)
		MHD_destroy_response(r->resp);
	for (int i = 0; i < r->nform; i++)
		buf_free(&r->form[i].value);
	buf_free(&r->body);
	buf_free(&r->file.data);
	server_store_release(r->srv, r->store);
	arena_free(r->arena);
	free(r);
}

static int
is_form(const char *ct)
{
	return ct != NULL && (strncasecmp(ct, MHD_HTTP_POST_ENCODING_FORM_URLENCODED,
	    strlen(MHD_HTTP_POST_ENCODING_FORM_URLENCODED)) == 0 ||
	    strncasecmp(ct, MHD_HTTP_POST_ENCODING_MULTIPART_FORMDATA,
	    strlen(MHD_HTTP_POST_ENCODING_MULTIPART_FORMDATA)) == 0);
}

static struct form_field *
field(struct request *r, const char *name)
{
	for (int i = 0; i < r->nform; i++)
		if (strcmp(r->form[i].name, name) == 0)
			return &r->form[i];
	if (r->nform == FORM_FIELDS)
		return NULL;
	struct form_field *f = &r->form[r->nform++];
	f->name = arena_strdup(r->arena, name);
	buf_init(&f->value, r->srv->cfg->max_body);
	return f;
}

static enum MHD_Result
post_iterator(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *filename, const char *content_type,
    const char *transfer_encoding, const char *data, uint64_t off,
    size_t size)
{
	(void)kind;
	(void)transfer_encoding;
	(void)off;
	struct request *r = cls;
	/* libmicrohttpd passes no key for a multipart part whose
	 * Content-Disposition has no name: no field, so a bad form (400). */
	if (key == NULL)
		return MHD_NO;
	if (filename != NULL) {
		/* One file per request: the first file field wins. */
		if (r->file.present && strcmp(r->file.field, key) != 0)
			return MHD_YES;
		if (!r->file.present) {
			r->file.present = 1;
			r->file.field = arena_strdup(r->arena, key);
			r->file.filename = arena_strdup(r->arena, filename);
			r->file.content_type = arena_strdup(r->arena,
			    content_type ? content_type : "");
		}
		if (size > 0 && buf_append(&r->file.data, data, size)) {
			r->too_large = 1;
			return MHD_NO;
		}
		return MHD_YES;
	}
	struct form_field *f = field(r, key);
	if (f == NULL || (size > 0 && buf_append(&f->value, data, size)) ||
	    (size == 0 && buf_append(&f->value, "", 0))) {
		r->too_large = 1;
		return MHD_NO;
	}
	return MHD_YES;
}

static enum MHD_Result
reject(struct request *r, unsigned status, const char *title)
{
	resp_refuse(r, status, title, NULL);
	r->queued = 1;
	return MHD_queue_response(r->conn, r->status, r->resp);
}

/* Refuses a request before its body is read: libmicrohttpd closes the
 * connection after the answer, which must not reset it under a client
 * still sending (watch.c drains it). */
static enum MHD_Result
reject_early(struct request *r, unsigned status, const char *title)
{
	watchdog_event(r->conn, WATCH_LINGER, 0);
	return reject(r, status, title);
}

/*
 * Ceilings on the request line and the header block, below the
 * connection's memory (server.c), so that what exceeds them is refused
 * here, as a problem document on the API; past the connection's memory
 * libmicrohttpd refuses it itself (431, its own page), before any path
 * is known.
 */
#define URI_MAX (8 * 1024)
#define HEADERS_MAX (16 * 1024)

static enum MHD_Result
count_bytes(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	(void)kind;
	size_t *n = cls;
	*n += strlen(key) + (value ? strlen(value) : 0) + 4;
	return MHD_YES;
}

/* The bytes of the connection's values of kind, about as sent. */
static size_t
values_size(struct request *r, enum MHD_ValueKind kind)
{
	size_t n = 0;
	MHD_get_connection_values(r->conn, kind, count_bytes, &n);
	return n;
}

enum MHD_Result
request_begin(struct request *r)
{
	if (strlen(r->path) + values_size(r, MHD_GET_ARGUMENT_KIND) > URI_MAX)
		return reject_early(r, 414, "请求地址过长 (URI too long)");
	if (values_size(r, MHD_HEADER_KIND) > HEADERS_MAX)
		return reject_early(r, 431, "请求头过大 (header fields too "
		    "large)");
	const char *len = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_CONTENT_LENGTH);
	const char *ct = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
	    MHD_HTTP_HEADER_CONTENT_TYPE);
	size_t max = is_form(ct) ? r->srv->cfg->max_upload +
	    r->srv->cfg->max_body : r->srv->cfg->max_body;
	r->ceiling = max;
	if (len != NULL && strtoull(len, NULL, 10) > max)
		return reject_early(r, 413, "请求体过大 (body too large)");
	if (is_form(ct) && req_writes(r)) {
		r->pp = MHD_create_post_processor(r->conn, 64 * 1024,
		    post_iterator, r);
		if (r->pp == NULL)
			return reject_early(r, 400, "无法解析的表单 (bad form "
			    "encoding)");
	}
	return MHD_YES;
}

/* Refuses the body at the end of the request (see request_feed). */
static enum MHD_Result
refuse(struct request *r, unsigned status, const char *title)
{
	if (r->refused_status == 0) {
		r->refused_status = status;
		r->refused_title = title;
	}
	return MHD_YES;
}

enum MHD_Result
request_feed(struct request *r, const char *data, size_t n)
{
	r->received += n;
	if (r->received > r->ceiling) {
		watchdog_event(r->conn, WATCH_LINGER, 0);
		return MHD_NO; /* no length, and no end: close */
	}
	if (r->queued || r->refused_status)
		return MHD_YES; /* answered or refused already: drop */
	if (r->pp != NULL) {
		if (MHD_post_process(r->pp, data, n) != MHD_YES) {
			if (r->too_large)
				return refuse(r, 413, "请求体过大 (body too large)");
			return refuse(r, 400, "无法解析的表单 (bad form)");
		}
		return MHD_YES;
	}
	if (buf_append(&r->body, data, n)) {
		r->too_large = 1;
		return refuse(r, 413, "请求体过大 (body too large)");
	}
	return MHD_YES;
}

enum MHD_Result
request_finish(struct request *r)
{
	if (r->queued)
		return MHD_YES;
	if (r->refused_status)
		return reject(r, r->refused_status, r->refused_title);
	if (r->resp == NULL)
		router_dispatch(r);
	if (r->resp == NULL)
		resp_refuse(r, 500, "内部错误 (no response)", NULL);
	r->queued = 1;
	return MHD_queue_response(r->conn, r->status, r->resp);
}

const char *
req_query(struct request *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
}

static enum MHD_Result
utf8_arg(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	(void)kind;
	int *ok = cls;
	if (!text_utf8_valid(key) || (value != NULL &&
	    !text_utf8_valid(value))) {
		*ok = 0;
		return MHD_NO;
	}
	return MHD_YES;
}

int
req_utf8_valid(struct request *r)
{
	int ok = text_utf8_valid(r->path);
	if (ok)
		MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, utf8_arg,
		    &ok);
	for (int i = 0; ok && i < r->nform; i++)
		ok = text_utf8_valid(r->form[i].name) &&
		    (r->form[i].value.data == NULL ||
		    text_utf8_valid(r->form[i].value.data));
	if (ok && r->file.present && r->file.filename != NULL)
		ok = text_utf8_valid(r->file.filename);
	return ok;
}

const char *
req_header(struct request *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, name);
}

const char *
req_cookie(struct request *r, const char *name)
{
	return MHD_lookup_connection_value(r->conn, MHD_COOKIE_KIND, name);
}

const char *
req_form(struct request *r, const char *name)
{
	for (int i = 0; i < r->nform; i++)
		if (strcmp(r->form[i].name, name) == 0)
			return r->form[i].value.data ? r->form[i].value.data : "";
	return NULL;
}

/* What is wrong with a body jansson refused, in our words: its own
 * text names its flags (JSON_ALLOW_NUL) and internals, never shown. */
static const char *
json_fault(const json_error_t *err)
{
	switch (json_error_code(err)) {
	case json_error_invalid_utf8:
		return "含有无效的 UTF-8 文本";
	case json_error_premature_end_of_input:
		return "JSON 不完整,意外结束";
	case json_error_end_of_input_expected:
		return "JSON 之后还有多余的内容";
	case json_error_null_character:
	case json_error_null_byte_in_key:
		return "字符串中不能含有空字符 (\\u0000)";
	case json_error_duplicate_key:
		return "同一个键出现了两次";
	case json_error_numeric_overflow:
		return "数值超出范围";
	case json_error_stack_overflow:
		return "嵌套层次过深";
	case json_error_out_of_memory:
		return "请求体过大";
	default:
		return "JSON 语法错误";
	}
}

json_t *
req_json(struct request *r)
{
	json_error_t err;
	const char *ct = req_header(r, MHD_HTTP_HEADER_CONTENT_TYPE);
	if (ct == NULL || strncasecmp(ct, "application/json", 16) != 0) {
		resp_problem(r, 415, "需要 JSON 请求体 (send application/json)",
		    "Content-Type 应为 application/json", NULL);
		return NULL;
	}
	json_t *o = json_loadb(r->body.data ? r->body.data : "", r->body.len,
	    JSON_REJECT_DUPLICATES, &err);
	if (o == NULL || !json_is_object(o)) {
		const char *detail = o != NULL ? "请求体应为一个 JSON 对象 {...}" :
		    arena_printf(r->arena, "%s(第 %d 行第 %d 列)",
		    json_fault(&err), err.line, err.column);
		json_decref(o);
		resp_problem(r, 400, "请求体不是有效的 JSON 对象 (invalid JSON)",
		    detail, NULL);
		return NULL;
	}
	return o;
}

int
req_writes(const struct request *r)
{
	return strcmp(r->method, "GET") != 0 && strcmp(r->method, "HEAD") != 0
	    && strcmp(r->method, "OPTIONS") != 0;
}

int64_t
req_now(void)
{
	return (int64_t)time(NULL);
}

void
req_now_text(char out[32])
{
	date_utc_now(out);
}

/* The socket's peer as text, or "-". */
static const char *
peer(struct request *r)
{
	char *addr = arena_alloc(r->arena, INET6_ADDRSTRLEN);
	const union MHD_ConnectionInfo *ci = MHD_get_connection_info(r->conn,
	    MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci != NULL ? ci->client_addr : NULL;
	if (sa != NULL && sa->sa_family == AF_INET &&
	    inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr,
	    addr, INET6_ADDRSTRLEN) != NULL)
		return addr;
	if (sa != NULL && sa->sa_family == AF_INET6 &&
	    inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr,
	    addr, INET6_ADDRSTRLEN) != NULL)
		return addr;
	return "-";
}

const char *
req_client_ip(struct request *r)
{
	const char *proxies = r->srv->cfg->trusted_proxies;
	const char *ip = peer(r);
	if (!server_addr_listed(proxies, ip))
		return ip;
	/* Each proxy appends the address it got the request from: read from
	 * the right, past our own proxies, to the first one we did not
	 * put there. An entry that is no address ends the walk. */
	const char *xff = req_header(r, "X-Forwarded-For");
	if (xff == NULL)
		return ip;
	char *list = arena_strdup(r->arena, xff);
	for (;;) {
		char *comma = strrchr(list, ',');
		char *item = comma ? comma + 1 : list;
		item += strspn(item, " \t");
		item[strcspn(item, " \t")] = '\0';
		unsigned char bin[sizeof(struct in6_addr)];
		if (inet_pton(AF_INET, item, bin) != 1 &&
		    inet_pton(AF_INET6, item, bin) != 1)
			return ip;
		ip = item;
		if (!server_addr_listed(proxies, ip) || comma == NULL)
			return ip;
		*comma = '\0';
	}
}

void
req_login_client(struct request *r, struct login_client *c)
{
	c->ip = req_client_ip(r);
	c->max_failures = r->srv->cfg->login_ip_failures;
	c->window = r->srv->cfg->login_ip_window;
	c->retry_after = 0;
}

const char *
req_actor(struct request *r)
{
	if (!r->logged_in)
		return "anonymous";
	return arena_printf(r->arena, "%s:%s", r->user.via_token ? "api" : "web",
	    r->user.name);
}
