/*
 * The workflow's rules (api-workflow.h). A record a workflow wrote is
 * the workflow's: publishing a report writes the rol_gov_annual_report
 * record that 6.1-annual-report counts, and marks it (record_workflow);
 * an edit, a review or new evidence from outside would let a clerk turn
 * a late filing into an on-time one while the report still says late.
 * The operator's import (`lvzhi import`) may still correct it: it is an
 * act on the database, audited, not an account's request.
 *
 * Evidence is held to two quotas (settings evidence_record_files and
 * evidence_account_bytes), checked before a file reaches the store, so a
 * refused upload leaves nothing behind.
 */
#include <inttypes.h>
#include <string.h>

#include "api/api.h"
#include "api/api-workflow.h"
#include "auth/authority.h"
#include "http/server.h"
#include "store/store-workflow.h"

int
api_workflow_owned(struct request *r, const char *id,
    struct fault *f)
{
	char owner[300];
	int rc = store_record_owner(r->store, id, owner, sizeof owner);
	if (rc < 0)
		fault_set(f, 500, "内部错误", NULL, NULL);
	else if (rc > 0)
		fault_set(f, 409, "该记录由报告公开流程生成,"
		    "只能在该流程中变更 (written by a workflow; read-only here)",
		    arena_strdup(r->arena, owner), NULL);
	return rc == 0 ? 0 : -1;
}

int
api_workflow_guard(struct request *r, const char *id)
{
	struct fault f = { 0 };
	if (api_workflow_owned(r, id, &f) == 0)
		return 0;
	api_fault(r, &f);
	return -1;
}

int
api_workflow_blank(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	while (p != NULL && *p != '\0') {
		if (strchr(" \t\n\r\v\f", *p) != NULL)
			p++;
		else if (p[0] == 0xc2 && p[1] == 0xa0) /* U+00A0 */
			p += 2;
		else if (p[0] == 0xe3 && p[1] == 0x80 && p[2] == 0x80) /* U+3000 */
			p += 3;
		else if (p[0] == 0xe2 && p[1] == 0x80 && (p[2] <= 0x8b ||
		    p[2] == 0xaf)) /* U+2000..U+200B, U+202F */
			p += 3;
		else if (p[0] == 0xef && p[1] == 0xbb && p[2] == 0xbf) /* BOM */
			p += 3;
		else
			return 0;
	}
	return 1;
}

int
api_workflow_quota(struct request *r, const char *record, int64_t size)
{
	const struct server_config *c = server_config_of(r->srv);
	int64_t files, bytes;
	if (store_evidence_usage(r->store, record, r->user.name, &files,
	    &bytes)) {
		resp_problem(r, 500, "内部错误", store_error(r->store), NULL);
		return -1;
	}
	if (record != NULL && files >= (int64_t)c->evidence_record_files) {
		resp_problem(r, 413, arena_printf(r->arena, "该记录的佐证材料已达 "
		    "%u 个的上限,不能再上传 (evidence files per record)",
		    c->evidence_record_files), arena_printf(r->arena,
		    "%" PRId64 " files", files), "file");
		return -1;
	}
	if (size < 0 || (uint64_t)bytes + (uint64_t)size >
	    c->evidence_account_bytes) {
		resp_problem(r, 413, arena_printf(r->arena, "您上传的佐证材料已达 "
		    "%" PRIu64 " 字节的配额,请联系管理员 (evidence quota per "
		    "account)", c->evidence_account_bytes), arena_printf(r->arena,
		    "%" PRId64 " bytes used", bytes), "file");
		return -1;
	}
	return 0;
}
