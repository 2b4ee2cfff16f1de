/*
 * The HTTP layer: requests, responses and routes.
 *
 * libmicrohttpd reads the wire; request.c turns what it hands over into a
 * struct request (query, headers, cookies, a body or form fields and one
 * uploaded file, each with a ceiling); router.c finds the route,
 * authenticates, checks the role and the CSRF token, and calls the
 * handler; a handler answers with one of the resp_* functions, which add
 * the security headers every response carries. Everything a handler
 * allocates comes from the request's arena and dies with the request.
 */
#ifndef LVZHI_HTTP_H
#define LVZHI_HTTP_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "auth/access.h"
#include "auth/session.h"
#include "base/arena.h"
#include "base/buf.h"
#include "domain/domain.h"
#include "rules/catalog.h"
#include "store/store.h"

struct server;
struct MHD_Connection;
struct MHD_Response;

#define ROUTE_PARAMS 4
#define FORM_FIELDS 64

struct form_field {
	const char *name;
	struct buf value;
};

struct upload {
	const char *field, *filename, *content_type;
	struct buf data;
	int present;
};

struct request {
	struct server *srv;
	struct MHD_Connection *conn;
	struct arena *arena;
	const char *method, *path;
	struct timespec start;

	/* body: raw (JSON) or parsed (forms, multipart) */
	struct buf body;
	struct MHD_PostProcessor *pp;
	struct form_field form[FORM_FIELDS];
	int nform;
	struct upload file;
	int too_large;
	/* A body refused while it streams: the rest is read and dropped
	 * (libmicrohttpd takes no answer until the request is in), up to
	 * ceiling bytes in all; then refused_status is answered. */
	size_t received, ceiling;
	unsigned refused_status;
	const char *refused_title;

	/* filled by the router */
	const char *params[ROUTE_PARAMS];
	struct store *store;
	const struct catalog *catalog;
	struct principal user;
	int logged_in;
	char session[65]; /* the session token (cookie logins) */
	char csrf[65];    /* the session's CSRF token */
	/* An ACCESS_READ route's: the lookup's read transaction left open
	 * for the handler, and the write the lookup made due, made after. */
	int settling;
	struct session_found due;
	int64_t due_at;

	/* The readable names a page asks for while it draws (web/labels.c):
	 * one set a request, put in when the page ends. */
	struct web_labels *labels;

	/* the answer */
	struct MHD_Response *resp;
	/* Set before answering (the public portal): a 200 or 304 answer may
	 * be cached by anyone for this many seconds ("public, max-age");
	 * 0, the default, answers "no-store" (resp_bytes' cacheable aside). */
	unsigned max_age;
	unsigned status;
	size_t sent;
	int queued; /* handed to libmicrohttpd already */
};

/* Access requirements of a route (bits). */
enum {
	ACCESS_PUBLIC = 0,          /* no login */
	ACCESS_LOGIN = 1u << 0,     /* any logged-in account */
	ACCESS_PAGE = 1u << 1,      /* a page: redirect to /login, not 401 */
	ACCESS_NO_CSRF = 1u << 2,   /* a write that needs no CSRF (login) */
	/* The handler starts with reads: they join the read transaction of
	 * the caller's lookup (one BEGIN and COMMIT a request, not two), and
	 * the handler ends it (store_end_read) before it writes or computes
	 * at length. */
	ACCESS_READ = 1u << 3,
};
#define ROLE_BIT(r) (1u << (8 + (r)))
#define ROLES_ALL (0x3Fu << 8)
#define ROLES_WRITE (ROLE_BIT(ACCT_ADMIN) | ROLE_BIT(ACCT_OFFICE) | \
	ROLE_BIT(ACCT_CLERK))
#define ROLES_REVIEW (ROLE_BIT(ACCT_ADMIN) | ROLE_BIT(ACCT_OFFICE))

struct route {
	const char *method;
	const char *pattern; /* "/api/v1/records/{id}" */
	void (*handler)(struct request *r);
	unsigned access;     /* ACCESS_* | ROLE_BIT()s (none: all roles) */
	const char *summary; /* for the access matrix and docs */
};

extern const struct route routes[];
extern const size_t nroutes;
/* How the router refuses a page route to a logged-in user (a wrong role,
 * an expired form): a whole page with the site's layout and navigation,
 * drawn by the pages' own code (routes.c names it, as it names the
 * handlers). message is ours, never request data. */
extern void (*const route_refuse_page)(struct request *r, unsigned status,
    const char *message);

/* ---- request accessors (strings live as long as the request) ---- */
const char *req_query(struct request *r, const char *name);
/* Whether the path, the query and the form fields (names and values, and
 * an upload's file name; not file contents) are well-formed UTF-8. */
int req_utf8_valid(struct request *r);
const char *req_header(struct request *r, const char *name);
const char *req_cookie(struct request *r, const char *name);
/* A form field (x-www-form-urlencoded or multipart), or NULL. */
const char *req_form(struct request *r, const char *name);
/* The body parsed as a JSON object, or NULL (then a problem is sent). */
json_t *req_json(struct request *r);
/* Whether the method writes (POST, PUT, PATCH, DELETE). */
int req_writes(const struct request *r);
/* Current time, unix seconds; "YYYY-MM-DDTHH:MM:SSZ" into out. */
int64_t req_now(void);
void req_now_text(char out[32]);
/*
 * The client's address as text: the socket's peer, or, when the peer is
 * one of the configured trusted_proxies, the last address of
 * X-Forwarded-For that is not itself a trusted proxy. "-" when unknown.
 */
const char *req_client_ip(struct request *r);
/* The client's address and the server's login limits, for session_login. */
struct login_client;
void req_login_client(struct request *r, struct login_client *c);
/* "api" or "web:NAME": who the audit log records. */
const char *req_actor(struct request *r);
/* The caller of a domain operation: r's principal, store, catalog,
 * arena and the server's settings (request-dom.c). d->fault is empty;
 * fault_clear(&d->fault) when done with one that has a list. */
void req_dom(struct request *r, struct dom *d);
/* The request's uploaded file as the domain takes it (no file: data
 * NULL, which the domain refuses with 400). */
struct evidence_upload;
struct evidence_upload req_upload(struct request *r);
/* The caller logging in as name with pw through via ("api" or "web"),
 * for POST /api/v1/login and the login page alike: login_open
 * (domain/login.c, which audits every attempt) from the request's client
 * (*c, whose retry_after a throttled answer gives) and domain caller. */
enum login_result req_login(struct request *r, const char *via,
    const char *name, const char *pw, struct login_client *c,
    char token[TOKEN_HEX], char csrf[TOKEN_HEX]);

/* ---- responses (each adds the security headers) ---- */
void resp_json(struct request *r, unsigned status, json_t *body); /* steals */
/* A JSON text that stays where it is until release(cls) is called, once,
 * when libmicrohttpd is done sending it (or at once on failure). */
void resp_json_shared(struct request *r, unsigned status, const char *text,
    size_t len, void (*release)(void *), void *cls);
/* A JSON text of len bytes in the file fd (which is not taken: a
 * duplicate is sent with sendfile and closed when sent). Returns 0, or -1
 * having answered nothing (the caller answers another way). */
int resp_json_fd(struct request *r, unsigned status, int fd, size_t len);
/* A JSON text in a buffer, taken over (the buffer is left empty). */
void resp_json_buf(struct request *r, unsigned status, struct buf *body);
void resp_json_text(struct request *r, unsigned status, const char *text,
    size_t len);
/* RFC 9457: status, title, detail, and the field at fault (or NULL). */
void resp_problem(struct request *r, unsigned status, const char *title,
    const char *detail, const char *field);
/* A problem carrying several field errors: errors is [{field, reason}]. */
void resp_problem_fields(struct request *r, unsigned status,
    const char *title, json_t *errors);
/* The problem of a domain fault: one with a list of field errors (an
 * object checked whole, domain/record.h) keeps its own title with the
 * list, whatever its length; a 500 without detail gets the store's
 * message. */
void resp_fault(struct request *r, const struct fault *f);
void resp_html(struct request *r, unsigned status, struct buf *page);
/* A minimal HTML error page; title must be our own text, not data. */
void resp_error_page(struct request *r, unsigned status, const char *title);
void resp_redirect(struct request *r, const char *location);
/* Bytes as a download (attachment) or inline; data is copied. */
/* Bytes that live as long as the process (assets built into the
 * binary): sent from where they are, never copied. Cacheable. */
void resp_static(struct request *r, const char *mime, const void *data,
    size_t len);
void resp_bytes(struct request *r, unsigned status, const char *mime,
    const void *data, size_t len, const char *attachment, int cacheable);
/* Bytes that stay where they are until release(cls) is called, once,
 * when libmicrohttpd is done sending them (or at once on failure): a
 * cached PDF sent to many clients at a time without a copy each. */
void resp_bytes_shared(struct request *r, unsigned status, const char *mime,
    const void *data, size_t len, const char *attachment,
    void (*release)(void *), void *cls);
void resp_header(struct request *r, const char *name, const char *value);
/* Sets the session cookie (empty token: clears it). */
void resp_session_cookie(struct request *r, const char *token);

#endif
