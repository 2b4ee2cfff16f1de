/* SCAFFOLD: replaced by the real handlers before commit. */
#include "api/api.h"
void
api_inspections_list(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
void
api_inspection_create(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
void
api_inspection_get(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
void
api_finding_create(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
void
api_rectifications_list(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
void
api_rectification_create(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
void
api_rectification_get(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
void
api_rectification_status(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
void
api_rectification_upload(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
void
api_interviews_list(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
void
api_interview_create(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
void
api_interview_held(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
void
api_notices_list(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
void
api_notice_draft(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
void
api_notice_get(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
void
api_notice_issue(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
