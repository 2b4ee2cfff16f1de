/*
 * Dispatch: route matching, authentication (a bearer token, else the
 * session cookie), the route's role requirement, CSRF for cookie writes,
 * then the handler. A route's access bits are the single statement of who
 * may call it; tests walk the same table.
 */
#include <microhttpd.h>
#include <sodium.h>
#include <string.h>
#include <strings.h>

#include "auth/session.h"
#include "http/server-int.h"

/*
 * Matches path against a route pattern ("/api/v1/records/{id}"): each
 * {name} takes one non-empty path segment, copied into the arena and
 * stored in params in order (also on the way to a mismatch: the caller
 * matches the route it picks once more). Returns 1 or 0.
 */
int
router_match(const char *pattern, const char *path, struct arena *a,
    const char *params[ROUTE_PARAMS])
{
	int np = 0;
	const char *p = pattern, *s = path;
	while (*p && *s) {
		if (*p == '{') {
			const char *close = strchr(p, '}');
			const char *slash = strchr(s, '/');
			size_t n = slash ? (size_t)(slash - s) : strlen(s);
			if (close == NULL || n == 0 || np == ROUTE_PARAMS)
				return 0;
			char *v = arena_alloc(a, n + 1);
			memcpy(v, s, n);
			v[n] = '\0';
			params[np++] = v;
			p = close + 1;
			s += n;
			continue;
		}
		if (*p != *s)
			return 0;
		p++;
		s++;
	}
	return *p == '\0' && *s == '\0';
}

static int
match(struct request *r, const char *pattern, const char *path)
{
	return router_match(pattern, path, r->arena, r->params);
}

/* path percent-encoded for a query value (the login page's next=). */
static const char *
encoded(struct request *r, const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t n = strlen(path);
	char *out = arena_alloc(r->arena, 3 * n + 1), *o = out;
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
		    (*p >= '0' && *p <= '9') || strchr("-._~/", *p) != NULL) {
			*o++ = (char)*p;
		} else {
			*o++ = '%';
			*o++ = hex[*p >> 4];
			*o++ = hex[*p & 15];
		}
	}
	*o = '\0';
	return out;
}

static int
is_api(const struct request *r)
{
	return strncmp(r->path, "/api/", 5) == 0;
}

static void
not_found(struct request *r)
{
	resp_refuse(r, 404, "未找到 (not found)", NULL);
}

/* The lookups of authenticate, in its read transaction; *f receives the
 * write they made due. Returns -1 on a storage failure. */
static int
identify(struct request *r, int64_t now, struct session_found *f)
{
	int64_t account = 0, lifetime = r->srv->cfg->session_lifetime;
	int found = 0;
	const char *auth = req_header(r, MHD_HTTP_HEADER_AUTHORIZATION);
	f->due = SESSION_DUE_NONE;
	if (auth != NULL && strncasecmp(auth, "Bearer ", 7) == 0) {
		found = session_bearer_find(r->store, auth + 7, now, lifetime,
		    &account, f);
		r->user.via_token = 1;
	} else {
		const char *cookie = req_cookie(r, "lvzhi_session");
		if (cookie != NULL && strlen(cookie) == TOKEN_HEX - 1) {
			found = session_find(r->store, cookie, now, lifetime,
			    &account, r->csrf, f);
			if (found > 0)
				snprintf(r->session, sizeof r->session, "%s", cookie);
		}
	}
	if (found <= 0)
		return found;
	int via = r->user.via_token;
	int rc = access_load(r->store, account, &r->user);
	r->user.via_token = via;
	if (rc < 0)
		return -1;
	r->logged_in = rc == 1;
	return 0;
}

/*
 * Finds who is calling; returns -1 on a storage failure. The four or five
 * lookups share one read transaction (each alone was a transaction with
 * its locks: a tenth of the CPU of a cached answer), and the writes they
 * make due (a session's or token's last use) follow it. For a route that
 * reads first (keep: ACCESS_READ) the transaction stays open for its
 * handler, and the writes wait for settle().
 */
static int
authenticate(struct request *r, int keep)
{
	int64_t now = req_now();
	struct session_found f;
	int reading = store_begin_read(r->store) == 0;
	int rc = identify(r, now, &f);
	if (reading && keep && rc == 0) {
		r->settling = 1;
		r->due = f;
		r->due_at = now;
		return 0;
	}
	if (reading)
		store_end_read(r->store);
	if (rc < 0 || session_settle(r->store, &f, now) < 0)
		return -1;
	return 0;
}

/*
 * After an ACCESS_READ route's handler: ends the read transaction if the
 * handler did not, then makes the write the lookup found due. The answer
 * is made by then; a failed refresh of a session's last use costs the
 * session at most one earlier expiry, so it is not an error here.
 */
static void
settle(struct request *r)
{
	if (!r->settling)
		return;
	r->settling = 0;
	store_end_read(r->store);
	session_settle(r->store, &r->due, r->due_at);
}

/*
 * Whether the token a form or header sent equals the session's, compared
 * in constant time; an empty expected token (no cookie session) never
 * matches. Returns 1 or 0.
 */
int
router_csrf_equal(const char *sent, const char *expected)
{
	return sent != NULL && strlen(sent) == strlen(expected) &&
	    expected[0] != '\0' &&
	    sodium_memcmp(sent, expected, strlen(expected)) == 0;
}

static int
csrf_ok(struct request *r)
{
	const char *sent = req_header(r, "X-CSRF-Token");
	if (sent == NULL)
		sent = req_form(r, "_csrf");
	return router_csrf_equal(sent, r->csrf);
}

/*
 * Whether an account whose password was reset (a one-time password) may
 * take the route before it has chosen its own: the change itself, who it
 * is, and leaving. Everything else waits for the change (等保 身份鉴别:
 * a password another person set is not the account's own).
 */
static int
before_change(const struct route *hit)
{
	static const char *const open[] = { "/account/password", "/logout",
		"/api/v1/me", "/api/v1/me/password", "/api/v1/logout" };
	for (size_t i = 0; i < sizeof open / sizeof open[0]; i++)
		if (strcmp(hit->pattern, open[i]) == 0)
			return 1;
	return 0;
}

/* A route for an identified caller: its access checks, then its
 * handler. */
static void
serve(struct request *r, const struct route *hit)
{
	unsigned need = hit->access;
	if ((need & ACCESS_LOGIN) && !r->logged_in) {
		if ((need & ACCESS_PAGE) && !is_api(r)) {
			resp_redirect(r, arena_printf(r->arena, "/login?next=%s",
			    encoded(r, r->path)));
			return;
		}
		resp_problem(r, 401, "需要登录 (authentication required)",
		    "send Authorization: Bearer TOKEN (POST /api/v1/login)",
		    NULL);
		resp_header(r, MHD_HTTP_HEADER_WWW_AUTHENTICATE, "Bearer");
		return;
	}
	int page = (need & ACCESS_PAGE) && !is_api(r);
	if (r->logged_in && r->user.must_change && !before_change(hit)) {
		if (page)
			resp_redirect(r, "/account/password");
		else
			resp_problem(r, 403, "须先修改密码 (password change "
			    "required)", "POST /api/v1/me/password", NULL);
		return;
	}
	if ((need & ROLES_ALL) && r->logged_in &&
	    !(need & ROLE_BIT(r->user.role))) {
		if (page)
			route_refuse_page(r, 403, "您的角色不能使用此功能。如需使用,"
			    "请联系系统管理员。");
		else
			resp_problem(r, 403, "无权访问 (forbidden for this role)",
			    NULL, NULL);
		return;
	}
	if (req_writes(r) && r->logged_in && !r->user.via_token &&
	    !(need & ACCESS_NO_CSRF) && !csrf_ok(r)) {
		if (page)
			route_refuse_page(r, 403, "表单已过期,请刷新页面后重试。");
		else
			resp_problem(r, 403, "表单已过期,请刷新页面后重试 (CSRF "
			    "token missing or wrong)", NULL, "_csrf");
		return;
	}
	hit->handler(r);
}

void
router_dispatch(struct request *r)
{
	const struct route *hit = NULL;
	char allow[128] = "";
	/* Text that is not UTF-8 names nothing here, and a database would
	 * refuse it (PostgreSQL does, with an error, not an empty result). */
	if (!req_utf8_valid(r)) {
		resp_refuse(r, 400, "请求含有无效的 UTF-8 文本 (not UTF-8)",
		    "路径、查询参数和表单字段必须是 UTF-8 文本");
		return;
	}
	for (size_t i = 0; i < nroutes; i++) {
		if (!match(r, routes[i].pattern, r->path))
			continue;
		if (strcmp(routes[i].method, r->method) == 0 ||
		    (strcmp(r->method, "HEAD") == 0 &&
		    strcmp(routes[i].method, "GET") == 0)) {
			hit = &routes[i];
			break;
		}
		size_t n = strlen(allow);
		snprintf(allow + n, sizeof allow - n, "%s%s", n ? ", " : "",
		    routes[i].method);
	}
	if (hit == NULL) {
		if (allow[0] != '\0') {
			resp_refuse(r, 405, "不支持的方法 (method not allowed)",
			    arena_printf(r->arena, "此地址支持 %s", allow));
			resp_header(r, MHD_HTTP_HEADER_ALLOW, allow);
		} else {
			not_found(r);
		}
		return;
	}
	/* match() of the hit filled params last. */
	match(r, hit->pattern, r->path);
	if (hit->access == ACCESS_PUBLIC && !req_writes(r) &&
	    strncmp(hit->pattern, "/static/", 8) == 0) {
		hit->handler(r); /* assets need no database */
		return;
	}
	r->store = server_store_acquire(r->srv);
	if (r->store == NULL || authenticate(r, hit->access & ACCESS_READ)) {
		resp_refuse(r, 503, "数据库不可用 (database unavailable)", NULL);
		return;
	}
	serve(r, hit);
	settle(r);
}
