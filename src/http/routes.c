/*
 * Every route of the server, with who may call it. This table is the one
 * statement of access by role: the router enforces it and the access
 * matrix test walks it, so a new route cannot escape either. Scope (which
 * region, organ or person) is checked again inside each handler, where the
 * data is read or written.
 */
#include "api/api.h"
#include "http/http.h"
#include "web/web.h"

#define L ACCESS_LOGIN
#define P (ACCESS_LOGIN | ACCESS_PAGE)
#define W ROLES_WRITE
#define R ROLES_REVIEW

const struct route routes[] = {
	/* JSON API */
	{ "POST", "/api/v1/login", api_login, ACCESS_NO_CSRF, "log in, get a token" },
	{ "POST", "/api/v1/logout", api_logout, L, "end the session" },
	{ "GET", "/api/v1/me", api_me, L, "the calling account" },
	{ "POST", "/api/v1/tokens", api_token_create, L, "a new API token" },
	{ "GET", "/api/v1/openapi.json", api_openapi, L, "this API's description" },
	{ "GET", "/api/v1/regions", api_regions, L, "regions in scope" },
	{ "GET", "/api/v1/regions/{code}", api_region_get, L, "one region and its organs" },
	{ "GET", "/api/v1/organs/{id}", api_organ_get, L, "one organ and its tenures" },
	{ "GET", "/api/v1/records", api_records_list, L, "the ledger" },
	{ "POST", "/api/v1/records", api_record_create, L | W, "record what was done" },
	{ "GET", "/api/v1/records/{id}", api_record_get, L, "one record" },
	{ "PUT", "/api/v1/records/{id}", api_record_update, L | W, "edit a record" },
	{ "POST", "/api/v1/records/{id}/verify", api_record_verify, L | R, "verify a record" },
	{ "POST", "/api/v1/records/{id}/reject", api_record_reject, L | R, "reject a record" },
	{ "GET", "/api/v1/records/{id}/evidence", api_evidence_list, L, "a record's evidence files" },
	{ "POST", "/api/v1/records/{id}/evidence", api_evidence_upload, L | W, "attach an evidence file" },
	{ "GET", "/api/v1/evidence/{key}", api_evidence_get, L, "download an evidence file" },
	{ "GET", "/api/v1/catalog", api_catalog, L, "the duty catalog" },
	{ "GET", "/api/v1/coverage", api_coverage, L, "who is bound on a date" },
	{ "GET", "/api/v1/evaluation", api_evaluation, L, "the annual evaluation" },
	{ "GET", "/api/v1/scores", api_scores_list, L, "evaluator scores of a year" },
	{ "PUT", "/api/v1/scores", api_score_put, L | R, "score a qualitative duty" },
	{ "GET", "/api/v1/audit", api_audit_list, L | R, "the audit log" },

	/* pages */
	{ "GET", "/login", page_login_form, ACCESS_PUBLIC, "登录" },
	{ "POST", "/login", page_login, ACCESS_NO_CSRF, "登录" },
	{ "POST", "/logout", page_logout, P, "退出" },
	{ "GET", "/", page_dashboard, P, "首页" },
	{ "GET", "/registry", page_registry, P, "机构与人员" },
	{ "GET", "/registry/{code}", page_region, P, "地区" },
	{ "GET", "/organs/{id}", page_organ, P, "机构" },
	{ "GET", "/ledger", page_ledger, P, "履职台账" },
	{ "GET", "/ledger/new", page_record_new, P | W, "新增记录" },
	{ "POST", "/ledger", page_record_create, P | W, "新增记录" },
	{ "GET", "/ledger/{id}", page_record, P, "记录" },
	{ "GET", "/ledger/{id}/edit", page_record_edit, P | W, "修改记录" },
	{ "POST", "/ledger/{id}", page_record_update, P | W, "修改记录" },
	{ "POST", "/ledger/{id}/evidence", page_record_upload, P | W, "上传佐证材料" },
	{ "POST", "/ledger/{id}/review", page_record_review, P | R, "审核" },
	{ "GET", "/catalog", page_catalog, P, "职责清单" },
	{ "GET", "/evaluation", page_evaluation, P, "年度考评" },
	{ "POST", "/evaluation/score", page_evaluation_score, P | R, "评分" },
	{ "GET", "/evaluation.csv", page_evaluation_csv, P, "导出 CSV" },
	{ "GET", "/evaluation.xlsx", page_evaluation_xlsx, P, "导出 XLSX" },
	{ "GET", "/audit", page_audit, P | R, "审计日志" },
	{ "GET", "/static/{file}", page_static, ACCESS_PUBLIC, "静态资源" },
};

const size_t nroutes = sizeof routes / sizeof routes[0];
