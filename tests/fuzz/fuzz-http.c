/*
 * libFuzzer harness: the request input handling, from raw bytes.
 *
 * The input is what a client would send on a connection. It is written
 * into one end of a socketpair whose other end is handed to an in-process
 * libmicrohttpd daemon (no listening socket, driven by MHD_run from this
 * thread, so each run is deterministic), with lvzhi's own request layer
 * on top: request_create / request_begin / request_feed / request_finish
 * as server.c calls them, with the server's body ceilings (small here, so
 * the 413 paths are reached). Query strings, cookies, forms and multipart
 * uploads are decoded by libmicrohttpd and our post iterator exactly as in
 * `lvzhi serve`.
 *
 * Where the server would call router_dispatch (which needs a database and
 * accounts), the harness probes what the router and handlers read: every
 * route pattern through router_match, the query arguments, headers and
 * cookies, the form fields and the upload, the CSRF comparison, req_json's
 * parsing of the body, and answers built from request data (a problem
 * naming a path parameter and a query value, a download named by one).
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/socket.h>
#include <unistd.h>

#include "http/server-int.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct server srv;
static struct server_config cfg;
static struct MHD_Daemon *daemon_;
static size_t sink; /* keeps the probes' reads from being optimised out */

static enum MHD_Result
count_value(void *cls, enum MHD_ValueKind kind, const char *key,
    const char *value)
{
	(void)cls;
	(void)kind;
	sink += strlen(key) + (value ? strlen(value) : 0);
	return MHD_YES;
}

/* What the router and the handlers read from a request. */
static void
probe(struct request *r)
{
	static const char *const queries[] = { "page", "per_page", "q",
		"year", "region", "organ", "kind", "status", "from", "to",
		"next", "format", "before", "date", "field", "name" };
	const char *params[ROUTE_PARAMS] = { 0 };
	const char *param = NULL;
	for (size_t i = 0; i < nroutes; i++)
		if (router_match(routes[i].pattern, r->path, r->arena, params) &&
		    params[0] != NULL)
			param = params[0];
	for (size_t i = 0; i < sizeof queries / sizeof *queries; i++) {
		const char *v = req_query(r, queries[i]);
		sink += v ? strlen(v) : 0;
	}
	MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, count_value,
	    NULL);
	MHD_get_connection_values(r->conn, MHD_HEADER_KIND, count_value, NULL);
	MHD_get_connection_values(r->conn, MHD_COOKIE_KIND, count_value, NULL);
	const char *cookie = req_cookie(r, "lvzhi_session");
	sink += cookie ? strlen(cookie) : 0;

	/* Form fields and the upload: NUL-terminated within their length. */
	for (int i = 0; i < r->nform; i++) {
		const struct buf *v = &r->form[i].value;
		if (req_form(r, r->form[i].name) == NULL ||
		    (v->data != NULL && strlen(v->data) > v->len))
			abort();
	}
	if (r->file.present && (r->file.field == NULL ||
	    r->file.filename == NULL || r->file.data.len > cfg.max_upload))
		abort();
	if (r->body.len > cfg.max_body)
		abort();

	const char *sent = req_header(r, "X-CSRF-Token");
	if (sent == NULL)
		sent = req_form(r, "_csrf");
	static const char csrf[] = "0123456789abcdef0123456789abcdef"
	    "0123456789abcdef0123456789abcdef";
	if (router_csrf_equal(sent, csrf) != (sent != NULL &&
	    strcmp(sent, csrf) == 0) || router_csrf_equal(sent, ""))
		abort();

	/* Answers from request data, each replacing the one before. */
	const char *ct = req_header(r, MHD_HTTP_HEADER_CONTENT_TYPE);
	if (ct != NULL && strncasecmp(ct, "application/json", 16) == 0) {
		json_t *o = req_json(r);
		if (o != NULL) {
			const char *k;
			json_t *v;
			json_object_foreach(o, k, v)
				sink += strlen(k);
			resp_json(r, 200, o);
		}
	}
	resp_bytes(r, 200, "text/plain", "x", 1, req_query(r, "name") ?
	    req_query(r, "name") : r->file.filename, 0);
	resp_problem(r, 404, "未找到 (not found)", param, req_query(r,
	    "field"));
}

/* server.c's handle(), with probe() in place of the router. */
static enum MHD_Result
handle(void *cls, struct MHD_Connection *conn, const char *url,
    const char *method, const char *version, const char *upload,
    size_t *upload_size, void **con_cls)
{
	(void)cls;
	(void)version;
	struct request *r = *con_cls;
	if (r == NULL) {
		r = request_create(&srv, conn, url, method);
		if (r == NULL)
			return MHD_NO;
		*con_cls = r;
		return request_begin(r);
	}
	if (*upload_size > 0) {
		enum MHD_Result rc = request_feed(r, upload, *upload_size);
		*upload_size = 0;
		return rc;
	}
	if (!r->queued)
		probe(r);
	return request_finish(r);
}

static void
completed(void *cls, struct MHD_Connection *conn, void **con_cls,
    enum MHD_RequestTerminationCode code)
{
	(void)cls;
	(void)conn;
	(void)code;
	request_free(*con_cls);
	*con_cls = NULL;
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	server_config_defaults(&cfg, "/nonexistent/fuzz.db");
	cfg.max_body = 16 * 1024;
	cfg.max_upload = 32 * 1024;
	srv.cfg = &cfg;
	daemon_ = MHD_start_daemon(MHD_USE_NO_LISTEN_SOCKET, 0, NULL, NULL,
	    handle, NULL,
	    MHD_OPTION_CONNECTION_TIMEOUT, 30u,
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)(128 * 1024),
	    MHD_OPTION_NOTIFY_COMPLETED, completed, NULL,
	    MHD_OPTION_END);
	if (daemon_ == NULL) {
		fprintf(stderr, "fuzz-http: cannot start libmicrohttpd\n");
		exit(1);
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	int sv[2];
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) != 0)
		return 0;
	fcntl(sv[0], F_SETFL, O_NONBLOCK);
	struct sockaddr_in peer = { .sin_family = AF_INET,
		.sin_port = htons(40000), .sin_addr.s_addr = htonl(0x7f000001) };
	if (MHD_add_connection(daemon_, sv[1], (struct sockaddr *)&peer,
	    sizeof peer) != MHD_YES) {
		close(sv[0]);
		return 0;
	}
	/* Send everything, then half-close: the server answers and closes. */
	size_t off = 0;
	int shut = 0;
	char reply[65536];
	for (int round = 0; round < 2000; round++) {
		if (off < size) {
			ssize_t n = write(sv[0], data + off, size - off);
			if (n > 0)
				off += (size_t)n;
		} else if (!shut) {
			shutdown(sv[0], SHUT_WR);
			shut = 1;
		}
		MHD_run(daemon_);
		ssize_t n = read(sv[0], reply, sizeof reply);
		if (n == 0 || (n < 0 && errno != EAGAIN && errno != EWOULDBLOCK))
			break;
	}
	close(sv[0]);
	/* Let the daemon see the close and free the connection. */
	for (int round = 0; round < 8; round++)
		MHD_run(daemon_);
	return 0;
}
