/* SCAFFOLD: replaced by the real handlers before commit. */
#include "web/web.h"
void
page_reports(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
void
page_report_draft(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
void
page_report(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
void
page_report_update(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
void
page_report_sign(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
void
page_report_lock(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
void
page_report_publish(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
void
page_report_pdf(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
void
page_rankings_xlsx(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
