/* The workflow's rules, answered (api-workflow.h). */
#include "api/api.h"
#include "api/api-workflow.h"
#include "domain/record.h"

int
api_workflow_quota(struct request *r, const char *record, int64_t size)
{
	struct dom d;
	req_dom(r, &d);
	if (record_quota(&d, record, size) == 0)
		return 0;
	resp_fault(r, &d.fault);
	return -1;
}
