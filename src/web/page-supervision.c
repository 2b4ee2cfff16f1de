/* SCAFFOLD: replaced by the real handlers before commit. */
#include "web/web.h"
void
page_supervision(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
void
page_inspection_create(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
void
page_inspection(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
void
page_finding_create(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
void
page_rectification_create(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
void
page_rectification(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
void
page_rectification_status(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
void
page_rectification_upload(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
void
page_interview_create(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
void
page_interview_held(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
void
page_notice_draft(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
void
page_notice(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
void
page_notice_issue(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
