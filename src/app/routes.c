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
/* findings (docs/security.md): a discipline account determines them too;
 * authority.c decides which record each account may write or review */
#define WF (ROLES_WRITE | ROLE_BIT(ACCT_DISCIPLINE))
#define RF (ROLES_REVIEW | ROLE_BIT(ACCT_DISCIPLINE))
/* determining an observed finding: the competent accounts' roles only */
#define DF (ROLE_BIT(ACCT_OFFICE) | ROLE_BIT(ACCT_DISCIPLINE))
/* supervision: the office and its inspectors */
#define S (ROLE_BIT(ACCT_ADMIN) | ROLE_BIT(ACCT_OFFICE) | \
	ROLE_BIT(ACCT_INSPECTOR))
/* accountability: discipline officers and the deciding office only */
#define D (ROLE_BIT(ACCT_ADMIN) | ROLE_BIT(ACCT_OFFICE) | \
	ROLE_BIT(ACCT_DISCIPLINE))
/* closing a year: the office of the region only (not admin: closing is
 * a determination about cadres' results, not administration) */
#define O ROLE_BIT(ACCT_OFFICE)

const struct route routes[] = {
	/* JSON API */
	{ "POST", "/api/v1/login", api_login, ACCESS_NO_CSRF, "log in, get a token" },
	{ "POST", "/api/v1/logout", api_logout, L, "end the session" },
	{ "GET", "/api/v1/me", api_me, L, "the calling account" },
	{ "POST", "/api/v1/tokens", api_token_create, L, "a new API token" },
	{ "GET", "/api/v1/tokens", api_tokens_list, L, "your API tokens" },
	{ "DELETE", "/api/v1/tokens/{id}", api_token_revoke, L, "revoke one of your API tokens" },
	{ "GET", "/api/v1/openapi.json", api_openapi, L, "this API's description" },
	{ "GET", "/api/v1/regions", api_regions, L, "regions in scope" },
	{ "GET", "/api/v1/regions/{code}", api_region_get, L, "one region and its organs" },
	{ "GET", "/api/v1/organs/{id}", api_organ_get, L, "one organ and its tenures" },
	{ "GET", "/api/v1/records", api_records_list, L, "the ledger" },
	{ "POST", "/api/v1/records", api_record_create, L | WF, "record what was done" },
	{ "GET", "/api/v1/records/{id}", api_record_get, L, "one record" },
	{ "PUT", "/api/v1/records/{id}", api_record_update, L | WF, "edit a record" },
	{ "POST", "/api/v1/records/{id}/verify", api_record_verify, L | RF, "verify a record" },
	{ "POST", "/api/v1/records/{id}/reject", api_record_reject, L | RF, "reject a record" },
	{ "GET", "/api/v1/records/{id}/evidence", api_evidence_list, L, "a record's evidence files" },
	{ "POST", "/api/v1/records/{id}/evidence", api_evidence_upload, L | WF, "attach an evidence file" },
	{ "GET", "/api/v1/evidence/{key}", api_evidence_get, L, "download an evidence file" },
	{ "GET", "/api/v1/catalog", api_catalog, L, "the duty catalog" },
	{ "GET", "/api/v1/coverage", api_coverage, L, "who is bound on a date" },
	{ "GET", "/api/v1/evaluation", api_evaluation, L | ACCESS_READ, "the annual evaluation" },
	{ "GET", "/api/v1/evaluation/closures", api_evaluation_closures, L, "what is closed of a year" },
	{ "POST", "/api/v1/evaluation/close", api_evaluation_close, L | O, "close a year: freeze its results" },
	{ "POST", "/api/v1/evaluation/reopen", api_evaluation_reopen, L | O, "reopen a closed year" },
	{ "GET", "/api/v1/scores", api_scores_list, L, "evaluator scores of a year" },
	{ "PUT", "/api/v1/scores", api_score_put, L | R, "score a qualitative duty" },
	{ "GET", "/api/v1/audit", api_audit_list, L | R, "the audit log" },
	{ "GET", "/api/v1/warnings", api_warnings, L, "early warnings in scope" },

	/* supervision 督查 (第七条, 第八条) */
	{ "GET", "/api/v1/inspections", api_inspections_list, L, "inspection plans" },
	{ "POST", "/api/v1/inspections", api_inspection_create, L | S, "plan an inspection" },
	{ "GET", "/api/v1/inspections/{id}", api_inspection_get, L, "one inspection and its findings" },
	{ "POST", "/api/v1/inspections/{id}/findings", api_finding_create, L | S, "record a finding" },
	{ "POST", "/api/v1/findings/{id}/determine", api_finding_determine_create, L | DF, "determine an observed finding" },
	{ "GET", "/api/v1/rectifications", api_rectifications_list, L, "rectification orders" },
	{ "POST", "/api/v1/rectifications", api_rectification_create, L | R, "order a rectification" },
	{ "GET", "/api/v1/rectifications/{id}", api_rectification_get, L, "one rectification order" },
	{ "POST", "/api/v1/rectifications/{id}/status", api_rectification_status, L | W, "report progress, submit or accept" },
	{ "POST", "/api/v1/rectifications/{id}/evidence", api_rectification_upload, L | W, "evidence of completion" },
	{ "GET", "/api/v1/rectifications/{id}/evidence/{key}", api_rectification_evidence_get, L, "download an order's evidence file" },
	{ "GET", "/api/v1/interviews", api_interviews_list, L, "interviews 约谈" },
	{ "POST", "/api/v1/interviews", api_interview_create, L | R, "schedule an interview" },
	{ "POST", "/api/v1/interviews/{id}/held", api_interview_held, L | R, "record an interview held" },
	{ "GET", "/api/v1/notices", api_notices_list, L, "commendation and criticism notices" },
	{ "POST", "/api/v1/notices", api_notice_draft, L | R, "draft a notice from the evaluation" },
	{ "GET", "/api/v1/notices/{id}", api_notice_get, L, "one notice" },
	{ "PUT", "/api/v1/notices/{id}", api_notice_update, L | R, "edit a draft notice" },
	{ "POST", "/api/v1/notices/{id}/issue", api_notice_issue, L | R, "issue a notice" },
	{ "POST", "/api/v1/notices/{id}/orders", api_notice_orders, L | R, "order rectification and interviews for a criticism notice's leaders" },

	/* accountability 问责 (第九条) */
	{ "GET", "/api/v1/cases", api_cases_list, L | D, "accountability cases" },
	{ "POST", "/api/v1/cases", api_case_create, L | D, "open a case" },
	{ "GET", "/api/v1/cases/{id}", api_case_get, L | D, "one case and its steps" },
	{ "POST", "/api/v1/cases/{id}/transition", api_case_transition, L | D, "move a case on" },
	{ "POST", "/api/v1/cases/{id}/appeal", api_case_appeal, L | D, "an appeal (申诉)" },
	{ "POST", "/api/v1/cases/{id}/waiver", api_case_waiver, L | D, "the target's written waiver of 陈述申辩" },
	{ "GET", "/api/v1/cases/{id}/waiver", api_case_waiver_get, L | D, "download the written waiver" },

	/* reports 报告 (第六条(一), 第七条) */
	{ "GET", "/api/v1/reports", api_reports_list, L, "reports" },
	{ "POST", "/api/v1/reports", api_report_draft, L | W, "draft a report" },
	{ "GET", "/api/v1/reports/{id}", api_report_get, L, "one report" },
	{ "PUT", "/api/v1/reports/{id}", api_report_update, L | W, "edit a draft" },
	{ "POST", "/api/v1/reports/{id}/sign", api_report_sign, L | W, "sign off a report" },
	{ "POST", "/api/v1/reports/{id}/lock", api_report_lock, L | R, "lock a signed report" },
	{ "POST", "/api/v1/reports/{id}/publish", api_report_publish, L | R, "publish an annual report" },
	{ "GET", "/api/v1/reports/{id}/pdf", api_report_pdf, L, "a report as PDF" },
	{ "GET", "/api/v1/rankings.xlsx", api_rankings_xlsx, L, "rankings as XLSX" },

	/* pages */
	{ "GET", "/login", page_login_form, ACCESS_PUBLIC, "登录" },
	{ "POST", "/login", page_login, ACCESS_NO_CSRF, "登录" },
	{ "POST", "/logout", page_logout, P, "退出" },
	{ "GET", "/", page_dashboard, P, "首页" },
	{ "GET", "/account", page_account, P, "我的账号" },
	{ "POST", "/account/tokens", page_account_token_create, P, "新建令牌" },
	{ "POST", "/account/tokens/{id}/revoke", page_account_token_revoke, P, "撤销令牌" },
	{ "GET", "/registry", page_registry, P, "机构与人员" },
	{ "GET", "/registry/{code}", page_region, P, "地区" },
	{ "GET", "/organs/{id}", page_organ, P, "机构" },
	{ "GET", "/ledger", page_ledger, P, "履职台账" },
	{ "GET", "/ledger/new", page_record_new, P | WF, "新增记录" },
	{ "POST", "/ledger", page_record_create, P | WF, "新增记录" },
	{ "GET", "/ledger/{id}", page_record, P, "记录" },
	{ "GET", "/ledger/{id}/edit", page_record_edit, P | WF, "修改记录" },
	{ "POST", "/ledger/{id}", page_record_update, P | WF, "修改记录" },
	{ "POST", "/ledger/{id}/evidence", page_record_upload, P | WF, "上传佐证材料" },
	{ "POST", "/ledger/{id}/review", page_record_review, P | RF, "审核" },
	{ "GET", "/catalog", page_catalog, P, "职责清单" },
	{ "GET", "/evaluation", page_evaluation, P, "年度考评" },
	{ "POST", "/evaluation/score", page_evaluation_score, P | R, "评分" },
	{ "POST", "/evaluation/close", page_evaluation_close, P | O, "结转(关闭)年度" },
	{ "POST", "/evaluation/reopen", page_evaluation_reopen, P | O, "重新开放年度" },
	{ "GET", "/evaluation.csv", page_evaluation_csv, P, "导出 CSV" },
	{ "GET", "/evaluation.xlsx", page_evaluation_xlsx, P, "导出 XLSX" },
	{ "GET", "/audit", page_audit, P | R, "审计日志" },
	{ "GET", "/supervision", page_supervision, P, "督查" },
	{ "POST", "/supervision/inspections", page_inspection_create, P | S, "新建督查" },
	{ "GET", "/supervision/inspections/{id}", page_inspection, P, "督查" },
	{ "POST", "/supervision/inspections/{id}/findings", page_finding_create, P | S, "问题" },
	{ "POST", "/supervision/findings/{id}/determine", page_finding_determine, P | DF, "认定" },
	{ "POST", "/supervision/rectifications", page_rectification_create, P | R, "整改" },
	{ "GET", "/supervision/rectifications/{id}", page_rectification, P, "整改" },
	{ "POST", "/supervision/rectifications/{id}/status", page_rectification_status, P | W, "整改" },
	{ "POST", "/supervision/rectifications/{id}/evidence", page_rectification_upload, P | W, "整改材料" },
	{ "POST", "/supervision/interviews", page_interview_create, P | R, "约谈" },
	{ "POST", "/supervision/interviews/{id}/held", page_interview_held, P | R, "约谈" },
	{ "POST", "/supervision/notices", page_notice_draft, P | R, "通报" },
	{ "GET", "/supervision/notices/{id}", page_notice, P, "通报" },
	{ "POST", "/supervision/notices/{id}", page_notice_update, P | R, "修改通报" },
	{ "POST", "/supervision/notices/{id}/issue", page_notice_issue, P | R, "通报" },
	{ "POST", "/supervision/notices/{id}/orders", page_notice_orders, P | R, "约谈与整改" },
	{ "GET", "/accountability", page_cases, P | D, "问责" },
	{ "POST", "/accountability", page_case_create, P | D, "问责" },
	{ "GET", "/accountability/{id}", page_case, P | D, "问责" },
	{ "POST", "/accountability/{id}/transition", page_case_transition, P | D, "问责" },
	{ "POST", "/accountability/{id}/appeal", page_case_appeal, P | D, "申诉" },
	{ "POST", "/accountability/{id}/waiver", page_case_waiver, P | D, "放弃陈述申辩" },
	{ "GET", "/reports", page_reports, P, "报告" },
	{ "POST", "/reports", page_report_draft, P | W, "起草报告" },
	{ "GET", "/reports/{id}", page_report, P, "报告" },
	{ "POST", "/reports/{id}", page_report_update, P | W, "修改报告" },
	{ "POST", "/reports/{id}/sign", page_report_sign, P | W, "签署" },
	{ "POST", "/reports/{id}/lock", page_report_lock, P | R, "锁定" },
	{ "POST", "/reports/{id}/publish", page_report_publish, P | R, "公开" },
	{ "GET", "/reports/{id}/pdf", page_report_pdf, P, "PDF" },
	{ "GET", "/rankings.xlsx", page_rankings_xlsx, P, "排名" },
	{ "GET", "/public/", public_index, ACCESS_PUBLIC, "信息公开" },
	{ "GET", "/public/search", public_search, ACCESS_PUBLIC, "全文检索" },
	{ "GET", "/public/reports/{id}", public_report, ACCESS_PUBLIC, "公开报告" },
	{ "GET", "/public/reports/{id}/pdf", public_report_pdf, ACCESS_PUBLIC, "公开报告 PDF" },
	{ "GET", "/static/{file}", page_static, ACCESS_PUBLIC, "静态资源" },
};

const size_t nroutes = sizeof routes / sizeof routes[0];

void (*const route_refuse_page)(struct request *, unsigned, const char *) =
    page_error;
