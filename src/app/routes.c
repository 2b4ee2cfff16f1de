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

/* The kinds of route: of the API and pages for logged-in accounts of the
 * roles given (a page sends a caller not logged in to /login, the API
 * answers 401), and routes for anyone. The two logins, writes that need
 * no CSRF token, are written out. */
#define API(method, pattern, handler, roles, summary) \
	{ method, pattern, handler, ACCESS_LOGIN | (roles), summary }
#define PAGE(method, pattern, handler, roles, summary) \
	{ method, pattern, handler, ACCESS_LOGIN | ACCESS_PAGE | (roles), summary }
#define PUBLIC(method, pattern, handler, summary) \
	{ method, pattern, handler, ACCESS_PUBLIC, summary }

/* Who may call a route once logged in. */
#define ANY 0 /* every role */
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
/* signing a report: the leader it speaks for, in person (two people: the
 * office, O, locks and publishes it; authority.c checks who) */
#define L ROLE_BIT(ACCT_LEADER)
/* managing accounts: the administrator, and an office for its subtree
 * (authority_account_roles says whose) */
#define M (ROLE_BIT(ACCT_ADMIN) | ROLE_BIT(ACCT_OFFICE))

const struct route routes[] = {
	/* JSON API */
	{ "POST", "/api/v1/login", api_login, ACCESS_NO_CSRF, "log in, get a token" },
	API("POST", "/api/v1/logout", api_logout, ANY, "end the session"),
	API("GET", "/api/v1/me", api_me, ANY, "the calling account"),
	API("POST", "/api/v1/tokens", api_token_create, ANY, "a new API token"),
	API("GET", "/api/v1/tokens", api_tokens_list, ANY, "your API tokens"),
	API("DELETE", "/api/v1/tokens/{id}", api_token_revoke, ANY, "revoke one of your API tokens"),
	API("GET", "/api/v1/openapi.json", api_openapi, ANY, "this API's description"),
	API("GET", "/api/v1/regions", api_regions, ANY, "regions in scope"),
	API("GET", "/api/v1/regions/{code}", api_region_get, ANY, "one region and its organs"),
	API("GET", "/api/v1/organs/{id}", api_organ_get, ANY, "one organ and its tenures"),
	API("GET", "/api/v1/regions/{code}/subregions", api_region_subregions, ANY, "a region's subtree, paged"),
	API("GET", "/api/v1/regions/{code}/organs", api_region_organs, ANY, "a region's organs, paged"),
	API("GET", "/api/v1/organs/{id}/tenures", api_organ_tenures, ANY, "an organ's tenures, paged"),
	API("GET", "/api/v1/records", api_records_list, ANY, "the ledger"),
	API("POST", "/api/v1/records/review", api_records_review, RF, "verify or reject several records at once"),
	API("POST", "/api/v1/uploads/{kind}", api_upload, WF, "upload a sheet of people (posts) or ledger records"),
	API("POST", "/api/v1/records", api_record_create, WF, "record what was done"),
	API("GET", "/api/v1/records/{id}", api_record_get, ANY, "one record"),
	API("PUT", "/api/v1/records/{id}", api_record_update, WF, "edit a record"),
	API("POST", "/api/v1/records/{id}/verify", api_record_verify, RF, "verify a record"),
	API("POST", "/api/v1/records/{id}/reject", api_record_reject, RF, "reject a record"),
	API("GET", "/api/v1/records/{id}/evidence", api_evidence_list, ANY, "a record's evidence files"),
	API("POST", "/api/v1/records/{id}/evidence", api_evidence_upload, WF, "attach an evidence file"),
	API("GET", "/api/v1/evidence/{key}", api_evidence_get, ANY, "download an evidence file"),
	API("GET", "/api/v1/catalog", api_catalog, ANY, "the duty catalog"),
	API("GET", "/api/v1/coverage", api_coverage, ANY, "who is bound on a date"),
	API("GET", "/api/v1/evaluation", api_evaluation, ANY | ACCESS_READ, "the annual evaluation"),
	API("GET", "/api/v1/evaluation/closures", api_evaluation_closures, ANY, "what is closed of a year"),
	API("POST", "/api/v1/evaluation/close", api_evaluation_close, O, "close a year: freeze its results"),
	API("POST", "/api/v1/evaluation/reopen", api_evaluation_reopen, O, "reopen a closed year"),
	API("GET", "/api/v1/scores", api_scores_list, ANY, "evaluator scores of a year"),
	API("PUT", "/api/v1/scores", api_score_put, R, "score a qualitative duty"),
	API("GET", "/api/v1/audit", api_audit_list, R, "the audit log"),
	API("GET", "/api/v1/warnings", api_warnings, ANY, "early warnings in scope"),

	/* supervision 督查 (第七条, 第八条) */
	API("GET", "/api/v1/inspections", api_inspections_list, ANY, "inspection plans"),
	API("POST", "/api/v1/inspections", api_inspection_create, S, "plan an inspection"),
	API("GET", "/api/v1/inspections/{id}", api_inspection_get, ANY, "one inspection and its findings"),
	API("POST", "/api/v1/inspections/{id}/findings", api_finding_create, S, "record a finding"),
	API("POST", "/api/v1/inspections/{id}/close", api_inspection_close, S, "close an inspection: it takes no new findings"),
	API("POST", "/api/v1/findings/{id}/determine", api_finding_determine_create, DF, "determine an observed finding"),
	API("POST", "/api/v1/findings/{id}/referral", api_finding_refer, S, "hand a finding to the office for rectification"),
	API("GET", "/api/v1/rectifications", api_rectifications_list, ANY, "rectification orders"),
	API("POST", "/api/v1/rectifications", api_rectification_create, R, "order a rectification"),
	API("GET", "/api/v1/rectifications/{id}", api_rectification_get, ANY, "one rectification order"),
	API("POST", "/api/v1/rectifications/{id}/status", api_rectification_status, W, "report progress, submit or accept"),
	API("POST", "/api/v1/rectifications/{id}/evidence", api_rectification_upload, W, "evidence of completion"),
	API("GET", "/api/v1/rectifications/{id}/evidence/{key}", api_rectification_evidence_get, ANY, "download an order's evidence file"),
	API("GET", "/api/v1/interviews", api_interviews_list, ANY, "interviews 约谈"),
	API("POST", "/api/v1/interviews", api_interview_create, R, "schedule an interview"),
	API("POST", "/api/v1/interviews/{id}/held", api_interview_held, R, "record an interview held"),
	API("GET", "/api/v1/notices", api_notices_list, ANY, "commendation and criticism notices"),
	API("POST", "/api/v1/notices", api_notice_draft, R, "draft a notice from the evaluation"),
	API("GET", "/api/v1/notices/{id}", api_notice_get, ANY, "one notice"),
	API("PUT", "/api/v1/notices/{id}", api_notice_update, R, "edit a draft notice"),
	API("POST", "/api/v1/notices/{id}/issue", api_notice_issue, R, "issue a notice"),
	API("POST", "/api/v1/notices/{id}/orders", api_notice_orders, R, "order rectification and interviews for a criticism notice's leaders"),

	/* accountability 问责 (第九条) */
	API("GET", "/api/v1/cases", api_cases_list, D, "accountability cases"),
	API("POST", "/api/v1/cases", api_case_create, D, "open a case"),
	API("GET", "/api/v1/cases/{id}", api_case_get, D, "one case and its steps"),
	API("POST", "/api/v1/cases/{id}/transition", api_case_transition, D, "move a case on"),
	API("POST", "/api/v1/cases/{id}/appeal", api_case_appeal, D, "an appeal (申诉)"),
	API("POST", "/api/v1/cases/{id}/waiver", api_case_waiver, D, "the target's written waiver of 陈述申辩"),
	API("GET", "/api/v1/cases/{id}/waiver", api_case_waiver_get, D, "download the written waiver"),

	/* reports 报告 (第六条(一), 第七条) */
	API("GET", "/api/v1/reports", api_reports_list, ANY, "reports"),
	API("POST", "/api/v1/reports", api_report_draft, W, "draft a report"),
	API("GET", "/api/v1/reports/{id}", api_report_get, ANY, "one report"),
	API("PUT", "/api/v1/reports/{id}", api_report_update, W, "edit a draft"),
	API("POST", "/api/v1/reports/{id}/sign", api_report_sign, L, "sign off a report"),
	API("POST", "/api/v1/reports/{id}/lock", api_report_lock, O, "lock a signed report"),
	API("POST", "/api/v1/reports/{id}/publish", api_report_publish, O, "publish an annual report"),
	API("GET", "/api/v1/reports/{id}/pdf", api_report_pdf, ANY, "a report as PDF"),
	/* documents 文书 (domain/document.h): of interviews,
	 * rectifications, cases, notices, reports; read authority is the
	 * thing's own, checked by its loader */
	API("GET", "/api/v1/{collection}/{id}/documents", api_documents, ANY, "the documents of an interview, rectification, case, notice or report"),
	API("GET", "/api/v1/{collection}/{id}/documents/{template}/pdf", api_document_pdf, ANY, "a document as PDF"),
	API("GET", "/api/v1/{collection}/{id}/documents/{template}/docx", api_document_docx, ANY, "a document as DOCX"),
	API("GET", "/api/v1/reports/{id}/docx", api_report_docx, ANY, "a report as an editable DOCX"),
	API("GET", "/api/v1/rankings.xlsx", api_rankings_xlsx, ANY, "rankings as XLSX"),

	/* the pickers: people and organs by name, in scope */
	API("GET", "/api/v1/people", api_people, ANY, "people by name, in scope"),
	API("GET", "/api/v1/organs", api_organs, ANY, "organs by name, in scope"),
	/* accounts (domain/account.c; authority.c decides whose) */
	API("GET", "/api/v1/accounts", api_accounts_list, M, "accounts you manage"),
	API("POST", "/api/v1/accounts", api_account_create, M, "add an account (a one-time password)"),
	API("GET", "/api/v1/accounts/{name}", api_account_get, M, "one account"),
	API("POST", "/api/v1/accounts/{name}/disable", api_account_disable, M, "disable an account"),
	API("POST", "/api/v1/accounts/{name}/enable", api_account_enable, M, "enable an account again"),
	API("POST", "/api/v1/accounts/{name}/password", api_account_password, M, "reset a password to a one-time password"),
	API("GET", "/api/v1/accounts/{name}/tokens", api_account_tokens, M, "an account's API tokens"),
	API("DELETE", "/api/v1/accounts/{name}/tokens", api_account_tokens_revoke, M, "revoke every API token of an account"),
	API("DELETE", "/api/v1/accounts/{name}/tokens/{id}", api_account_token_revoke, M, "revoke one API token of an account"),
	API("POST", "/api/v1/me/password", api_me_password, ANY, "change your own password"),

	/* pages for anyone */
	PUBLIC("GET", "/login", page_login_form, "登录"),
	{ "POST", "/login", page_login, ACCESS_NO_CSRF, "登录" },
	PUBLIC("GET", "/public/", public_index, "信息公开"),
	PUBLIC("GET", "/public/search", public_search, "全文检索"),
	PUBLIC("GET", "/public/reports/{id}", public_report, "公开报告"),
	PUBLIC("GET", "/public/reports/{id}/pdf", public_report_pdf, "公开报告 PDF"),
	PUBLIC("GET", "/static/{file}", page_static, "静态资源"),

	/* pages for logged-in users */
	PAGE("POST", "/logout", page_logout, ANY, "退出"),
	PAGE("GET", "/", page_dashboard, ANY, "首页"),
	PAGE("GET", "/account", page_account, ANY, "我的账号"),
	PAGE("POST", "/account/tokens", page_account_token_create, ANY, "新建令牌"),
	PAGE("POST", "/account/tokens/{id}/revoke", page_account_token_revoke, ANY, "撤销令牌"),
	PAGE("GET", "/registry", page_registry, ANY, "机构与人员"),
	PAGE("GET", "/registry/upload", page_upload_form, R, "批量导入人员任职"),
	PAGE("GET", "/registry/people", page_registry_people, ANY, "人员及职务"),
	PAGE("POST", "/registry/upload", page_upload, R, "批量导入人员任职"),
	PAGE("GET", "/registry/upload/template.xlsx", page_upload_template, R, "人员任职导入模板"),
	PAGE("GET", "/registry/upload/template.csv", page_upload_template, R, "人员任职导入模板"),
	PAGE("GET", "/registry/{code}", page_region, ANY, "地区"),
	PAGE("GET", "/organs/{id}", page_organ, ANY, "机构"),
	PAGE("GET", "/ledger", page_ledger, ANY, "履职台账"),
	PAGE("GET", "/ledger/new", page_record_new, WF, "新增记录"),
	PAGE("GET", "/ledger/upload", page_upload_form, WF, "批量导入台账记录"),
	PAGE("POST", "/ledger/upload", page_upload, WF, "批量导入台账记录"),
	PAGE("GET", "/ledger/upload/template.xlsx", page_upload_template, WF, "台账导入模板"),
	PAGE("GET", "/ledger/upload/template.csv", page_upload_template, WF, "台账导入模板"),
	PAGE("POST", "/ledger/review", page_ledger_review, RF, "批量审核"),
	PAGE("POST", "/ledger", page_record_create, WF, "新增记录"),
	PAGE("GET", "/ledger/{id}", page_record, ANY, "记录"),
	PAGE("GET", "/ledger/{id}/edit", page_record_edit, WF, "修改记录"),
	PAGE("POST", "/ledger/{id}", page_record_update, WF, "修改记录"),
	PAGE("POST", "/ledger/{id}/evidence", page_record_upload, WF, "上传佐证材料"),
	PAGE("POST", "/ledger/{id}/review", page_record_review, RF, "审核"),
	PAGE("GET", "/catalog", page_catalog, ANY, "职责清单"),
	PAGE("GET", "/evaluation", page_evaluation, ANY, "年度考评"),
	PAGE("POST", "/evaluation/score", page_evaluation_score, R, "评分"),
	PAGE("POST", "/evaluation/close", page_evaluation_close, O, "结转(关闭)年度"),
	PAGE("POST", "/evaluation/reopen", page_evaluation_reopen, O, "重新开放年度"),
	PAGE("GET", "/evaluation/closures", page_evaluation_closures, ANY, "已结转范围"),
	PAGE("GET", "/evaluation.csv", page_evaluation_csv, ANY, "导出 CSV"),
	PAGE("GET", "/evaluation.xlsx", page_evaluation_xlsx, ANY, "导出 XLSX"),
	PAGE("GET", "/audit", page_audit, R, "审计日志"),
	PAGE("GET", "/audit.csv", page_audit_csv, R, "导出审计日志 CSV"),
	PAGE("GET", "/audit.xlsx", page_audit_xlsx, R, "导出审计日志 Excel"),
	PAGE("POST", "/audit/verify", page_audit_verify, R, "完整校验审计日志"),
	PAGE("GET", "/supervision", page_supervision, ANY, "督查"),
	PAGE("POST", "/supervision/inspections", page_inspection_create, S, "新建督查"),
	PAGE("GET", "/supervision/inspections/{id}", page_inspection, ANY, "督查"),
	PAGE("POST", "/supervision/inspections/{id}/findings", page_finding_create, S, "问题"),
	PAGE("POST", "/supervision/inspections/{id}/close", page_inspection_close, S, "结束督查"),
	PAGE("POST", "/supervision/findings/{id}/determine", page_finding_determine, DF, "认定"),
	PAGE("POST", "/supervision/findings/{id}/referral", page_finding_refer, S, "移交整改"),
	PAGE("POST", "/supervision/rectifications", page_rectification_create, R, "整改"),
	PAGE("GET", "/supervision/rectifications/{id}", page_rectification, ANY, "整改"),
	PAGE("POST", "/supervision/rectifications/{id}/status", page_rectification_status, W, "整改"),
	PAGE("POST", "/supervision/rectifications/{id}/evidence", page_rectification_upload, W, "整改材料"),
	PAGE("POST", "/supervision/interviews", page_interview_create, R, "约谈"),
	PAGE("POST", "/supervision/interviews/{id}/held", page_interview_held, R, "约谈"),
	PAGE("POST", "/supervision/notices", page_notice_draft, R, "通报"),
	PAGE("GET", "/supervision/notices/{id}", page_notice, ANY, "通报"),
	PAGE("POST", "/supervision/notices/{id}", page_notice_update, R, "修改通报"),
	PAGE("POST", "/supervision/notices/{id}/issue", page_notice_issue, R, "通报"),
	PAGE("POST", "/supervision/notices/{id}/orders", page_notice_orders, R, "约谈与整改"),
	PAGE("GET", "/supervision/inspections", page_inspections, ANY, "督查计划"),
	PAGE("GET", "/supervision/rectifications", page_rectifications, ANY, "整改"),
	PAGE("GET", "/supervision/interviews", page_interviews, ANY, "约谈"),
	PAGE("GET", "/supervision/notices", page_notices, ANY, "通报"),
	PAGE("GET", "/accountability", page_cases, D, "问责"),
	PAGE("POST", "/accountability", page_case_create, D, "问责"),
	PAGE("GET", "/accountability/{id}", page_case, D, "问责"),
	PAGE("POST", "/accountability/{id}/transition", page_case_transition, D, "问责"),
	PAGE("POST", "/accountability/{id}/appeal", page_case_appeal, D, "申诉"),
	PAGE("POST", "/accountability/{id}/waiver", page_case_waiver, D, "放弃陈述申辩"),
	PAGE("GET", "/reports", page_reports, ANY, "报告"),
	PAGE("POST", "/reports", page_report_draft, W, "起草报告"),
	PAGE("GET", "/reports/{id}", page_report, ANY, "报告"),
	PAGE("POST", "/reports/{id}", page_report_update, W, "修改报告"),
	PAGE("POST", "/reports/{id}/sign", page_report_sign, L, "签署"),
	PAGE("POST", "/reports/{id}/lock", page_report_lock, O, "锁定"),
	PAGE("POST", "/reports/{id}/publish", page_report_publish, O, "公开"),
	PAGE("GET", "/reports/{id}/pdf", page_report_pdf, ANY, "PDF"),
	PAGE("GET", "/{collection}/{id}/documents/{template}/pdf", page_document_pdf, ANY, "文书"),
	PAGE("GET", "/{collection}/{id}/documents/{template}/docx", page_document_docx, ANY, "文书"),
	PAGE("GET", "/reports/{id}/docx", page_report_docx, ANY, "Word 版"),
	PAGE("GET", "/rankings.xlsx", page_rankings_xlsx, ANY, "排名"),
	PAGE("GET", "/messages", page_messages, ANY, "消息"),
	PAGE("POST", "/messages/read", page_messages_read_all, ANY, "全部标为已读"),
	PAGE("POST", "/messages/{id}/read", page_messages_read, ANY, "标为已读"),
	PAGE("GET", "/overview", page_overview, R, "总览"),
	PAGE("GET", "/warnings", page_warnings, ANY, "预警"),
	PAGE("GET", "/account/password", page_password_form, ANY, "修改密码"),
	PAGE("POST", "/account/password", page_password_change, ANY, "修改密码"),
	PAGE("GET", "/accounts", page_accounts, M, "账号管理"),
	PAGE("GET", "/accounts/new", page_account_new, M, "新建账号"),
	PAGE("POST", "/accounts", page_account_create, M, "新建账号"),
	PAGE("GET", "/accounts/{name}", page_account_detail, M, "账号"),
	PAGE("POST", "/accounts/{name}/disable", page_account_disable, M, "停用账号"),
	PAGE("POST", "/accounts/{name}/enable", page_account_enable, M, "启用账号"),
	PAGE("POST", "/accounts/{name}/password", page_account_reset, M, "重置密码"),
	PAGE("POST", "/accounts/{name}/tokens/{id}/revoke", page_account_revoke, M, "撤销令牌"),
};

const size_t nroutes = sizeof routes / sizeof routes[0];

void (*const route_refuse_page)(struct request *, unsigned, const char *) =
    page_error;
