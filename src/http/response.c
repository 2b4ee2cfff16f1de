/*
 * Responses. Every one carries the same security headers: a Content
 * Security Policy without inline script, no framing, nosniff, no referrer
 * leaving the site, and no caching of anything but static assets and
 * what a handler marks with r->max_age (the public portal).
 */
#include <fcntl.h>
#include <microhttpd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/text.h"
#include "http/server-int.h"

#define CSP "default-src 'self'; script-src 'self'; style-src 'self'; " \
	"img-src 'self' data:; object-src 'none'; base-uri 'none'; " \
	"form-action 'self'; frame-ancestors 'none'"

static void
finish(struct request *r, unsigned status, struct MHD_Response *resp,
    const char *mime, size_t len, int cacheable)
{
	if (r->resp != NULL)
		MHD_destroy_response(r->resp);
	r->resp = resp;
	r->status = status;
	r->sent = len;
	if (resp == NULL)
		return;
	if (mime != NULL)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, mime);
	MHD_add_response_header(resp, "Content-Security-Policy", CSP);
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	MHD_add_response_header(resp, "Referrer-Policy", "same-origin");
	char cache[48] = "no-store";
	if (r->max_age > 0 && (status == 200 || status == 304))
		snprintf(cache, sizeof cache, "public, max-age=%u", r->max_age);
	else if (cacheable)
		snprintf(cache, sizeof cache, "public, max-age=3600");
	MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, cache);
	/* An idle connection is closed after the timeout: say so, so that a
	 * client does not send its next request on a connection the server
	 * is closing at that moment (seen with a 2 s timeout). */
	char keep[32];
	snprintf(keep, sizeof keep, "timeout=%u", r->srv->cfg->timeout);
	MHD_add_response_header(resp, "Keep-Alive", keep);
}

void
resp_header(struct request *r, const char *name, const char *value)
{
	if (r->resp != NULL)
		MHD_add_response_header(r->resp, name, value);
}

static struct MHD_Response *
copy(const void *data, size_t len)
{
	return MHD_create_response_from_buffer(len, (void *)data,
	    MHD_RESPMEM_MUST_COPY);
}

void
resp_json_text(struct request *r, unsigned status, const char *text,
    size_t len)
{
	finish(r, status, copy(text, len), "application/json; charset=utf-8",
	    len, 0);
}

void
resp_json_shared(struct request *r, unsigned status, const char *text,
    size_t len, void (*release)(void *), void *cls)
{
	struct MHD_Response *resp =
	    MHD_create_response_from_buffer_with_free_callback_cls(len,
	    (void *)text, release, cls);
	if (resp == NULL)
		release(cls);
	finish(r, status, resp, "application/json; charset=utf-8", len, 0);
}

int
resp_json_fd(struct request *r, unsigned status, int fd, size_t len)
{
	int mine = fcntl(fd, F_DUPFD_CLOEXEC, 0);
	if (mine < 0)
		return -1;
	struct MHD_Response *resp = MHD_create_response_from_fd64(len, mine);
	if (resp == NULL) {
		close(mine);
		return -1;
	}
	finish(r, status, resp, "application/json; charset=utf-8", len, 0);
	return 0;
}

/* A response of data[0..len), taken (MHD frees it); empty when data is
 * NULL (nothing was written). */
static struct MHD_Response *
taken(char *data, size_t len)
{
	return data ? MHD_create_response_from_buffer(len, data,
	    MHD_RESPMEM_MUST_FREE) : copy("", 0);
}

/* Sends what b holds, taken: b is left empty. */
static void
send_buf(struct request *r, unsigned status, struct buf *b, const char *mime)
{
	size_t len = b->len;
	char *data = b->data;
	b->data = NULL;
	b->len = b->cap = 0;
	finish(r, status, taken(data, len), mime, len, 0);
}

void
resp_json_buf(struct request *r, unsigned status, struct buf *body)
{
	send_buf(r, status, body, "application/json; charset=utf-8");
}

void
resp_json(struct request *r, unsigned status, json_t *body)
{
	char *s = json_dumps(body, JSON_COMPACT);
	json_decref(body);
	if (s == NULL) {
		resp_problem(r, 500, "内部错误 (JSON)", NULL, NULL);
		return;
	}
	size_t len = strlen(s);
	finish(r, status, taken(s, len), "application/json; charset=utf-8", len,
	    0);
}

/* s as JSON text can hold it: kept when well-formed UTF-8, else with
 * the bytes that are not escaped (a path of %ff). */
static const char *
utf8(struct request *r, const char *s)
{
	return s == NULL || text_utf8_valid(s) ? s : server_log_text(r, s, 0);
}

/*
 * Sends o, a problem document, taken. Should it be missing (a string
 * jansson refused) or not be written, a document with the members RFC
 * 9457 asks for is made from status alone: never an empty object.
 */
static void
problem(struct request *r, unsigned status, json_t *o)
{
	char *s = o ? json_dumps(o, JSON_COMPACT) : NULL;
	json_decref(o);
	if (s == NULL) {
		s = json_dumps(o = json_pack("{s:s, s:s, s:i}", "type",
		    "about:blank", "title", status >= 500 ? "内部错误" : "请求未完成",
		    "status", (int)status), JSON_COMPACT);
		json_decref(o);
	}
	size_t len = s ? strlen(s) : 0;
	finish(r, status, taken(s, len),
	    "application/problem+json; charset=utf-8", len, 0);
}

void
resp_problem(struct request *r, unsigned status, const char *title,
    const char *detail, const char *field)
{
	/* A server error's detail (a database's message, a file's path) is
	 * the operator's: it goes to the log, never into the answer, which
	 * would show an attacker the schema and the paths behind it. */
	if (status >= 500 && detail != NULL) {
		fprintf(stderr, "lvzhi: %s %s: %u %s: %s\n",
		    server_log_text(r, r->method, 1),
		    server_log_text(r, r->path, 1), status,
		    server_log_text(r, title, 0), server_log_text(r, detail, 0));
		detail = NULL;
	}
	title = utf8(r, title);
	detail = utf8(r, detail);
	field = utf8(r, field);
	json_t *o = json_pack("{s:s, s:s, s:i, s:s}", "type", "about:blank",
	    "title", title, "status", (int)status, "instance",
	    utf8(r, r->path));
	if (detail != NULL)
		json_object_set_new(o, "detail", json_string(detail));
	if (field != NULL) {
		json_object_set_new(o, "field", json_string(field));
		json_object_set_new(o, "errors", json_pack("[{s:s, s:s}]",
		    "field", field, "reason", detail ? detail : title));
	}
	problem(r, status, o);
}

void
resp_problem_fields(struct request *r, unsigned status, const char *title,
    json_t *errors)
{
	json_t *first = json_array_get(errors, 0);
	json_t *o = json_pack("{s:s, s:s, s:i, s:s, s:o}", "type",
	    "about:blank", "title", title, "status", (int)status, "instance",
	    utf8(r, r->path), "errors", errors);
	if (first != NULL) {
		json_object_set(o, "field", json_object_get(first, "field"));
		json_object_set(o, "detail", json_object_get(first, "reason"));
	}
	problem(r, status, o);
}

void
resp_html(struct request *r, unsigned status, struct buf *page)
{
	send_buf(r, status, page, "text/html; charset=utf-8");
}

void
resp_redirect(struct request *r, const char *location)
{
	finish(r, 303, copy("", 0), NULL, 0, 0);
	resp_header(r, MHD_HTTP_HEADER_LOCATION, location);
}

void
resp_static(struct request *r, const char *mime, const void *data,
    size_t len)
{
	finish(r, 200, MHD_create_response_from_buffer(len, (void *)data,
	    MHD_RESPMEM_PERSISTENT), mime, len, 1);
}

/* resp_bytes and resp_bytes_shared with the response made: the headers,
 * and a download's name. */
static void
bytes(struct request *r, unsigned status, const char *mime,
    struct MHD_Response *resp, size_t len, const char *attachment,
    int cacheable)
{
	finish(r, status, resp, mime, len, cacheable);
	if (attachment != NULL) {
		/* RFC 6266 with RFC 5987 for the UTF-8 name; the plain
		 * fallback keeps only safe ASCII. */
		char plain[128], enc[1024];
		size_t p = 0, e = 0;
		for (const unsigned char *s = (const unsigned char *)attachment;
		    *s && e + 4 < sizeof enc; s++) {
			if ((*s >= 'a' && *s <= 'z') || (*s >= 'A' && *s <= 'Z') ||
			    (*s >= '0' && *s <= '9') || strchr(".-_", *s)) {
				enc[e++] = (char)*s;
				if (p + 1 < sizeof plain)
					plain[p++] = (char)*s;
			} else {
				e += (size_t)snprintf(enc + e, sizeof enc - e, "%%%02X",
				    *s);
			}
		}
		plain[p] = enc[e] = '\0';
		/* A name that was not all ASCII falls back to "download" with
		 * its extension; browsers use the UTF-8 filename* anyway. */
		const char *dot = strrchr(attachment, '.');
		if (p < strlen(attachment))
			snprintf(plain, sizeof plain, "download%.16s",
			    dot && strspn(dot, ".abcdefghijklmnopqrstuvwxyz"
			    "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") == strlen(dot) ?
			    dot : "");
		char *v = arena_printf(r->arena, "attachment; filename=\"%s\"; "
		    "filename*=UTF-8''%s", plain, enc);
		resp_header(r, "Content-Disposition", v);
	}
}

void
resp_bytes(struct request *r, unsigned status, const char *mime,
    const void *data, size_t len, const char *attachment, int cacheable)
{
	bytes(r, status, mime, copy(data, len), len, attachment, cacheable);
}

void
resp_bytes_shared(struct request *r, unsigned status, const char *mime,
    const void *data, size_t len, const char *attachment,
    void (*release)(void *), void *cls)
{
	struct MHD_Response *resp =
	    MHD_create_response_from_buffer_with_free_callback_cls(len,
	    (void *)data, release, cls);
	if (resp == NULL)
		release(cls);
	bytes(r, status, mime, resp, len, attachment, 0);
}

void
resp_session_cookie(struct request *r, const char *token)
{
	const char *proto = req_header(r, "X-Forwarded-Proto");
	int secure = r->srv->cfg->secure_cookies ||
	    (proto != NULL && strcmp(proto, "https") == 0);
	char *v = arena_printf(r->arena, "lvzhi_session=%s; Path=/; HttpOnly; "
	    "SameSite=Strict%s%s", token, secure ? "; Secure" : "",
	    *token ? "" : "; Max-Age=0");
	resp_header(r, MHD_HTTP_HEADER_SET_COOKIE, v);
}

void
resp_error_page(struct request *r, unsigned status, const char *title)
{
	/* A page of its own for the layers below the pages (router, body
	 * limits): the title is ours, never request data. */
	char *page = arena_printf(r->arena, "<!DOCTYPE html><html lang=\"zh-CN\">"
	    "<head><meta charset=\"utf-8\"><meta name=\"viewport\" "
	    "content=\"width=device-width, initial-scale=1\"><title>%u - 履职"
	    "</title><link rel=\"stylesheet\" href=\"/static/app.css\"></head>"
	    "<body><main class=\"bare\"><section class=\"card error\"><h1>%s"
	    "</h1><p><a href=\"/\">返回首页</a></p></section></main></body>"
	    "</html>\n", status, title);
	finish(r, status, copy(page, strlen(page)), "text/html; charset=utf-8",
	    strlen(page), 0);
}

void
resp_refuse(struct request *r, unsigned status, const char *title,
    const char *detail)
{
	if (strncmp(r->path, "/api/", 5) == 0) {
		resp_problem(r, status, title, detail, NULL);
		return;
	}
	const char *paren = strstr(title, " (");
	resp_error_page(r, status, paren ? arena_printf(r->arena, "%.*s",
	    (int)(paren - title), title) : title);
}

void
resp_fault(struct request *r, const struct fault *f)
{
	/* A whole object found invalid: its title, and every field's. */
	if (f->errors != NULL && f->status != 0 && f->title != NULL) {
		resp_problem_fields(r, f->status, f->title,
		    json_incref(f->errors));
		return;
	}
	resp_problem(r, f->status ? f->status : 500, f->title ? f->title :
	    "内部错误", f->status == 500 && f->detail == NULL ?
	    store_error(r->store) : f->detail, f->field);
}
