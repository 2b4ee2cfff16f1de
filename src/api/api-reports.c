/* SCAFFOLD: replaced by the real handlers before commit. */
#include "api/api.h"
void
api_reports_list(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
void
api_report_draft(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
void
api_report_get(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
void
api_report_update(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
void
api_report_sign(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
void
api_report_lock(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
void
api_report_publish(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
void
api_report_pdf(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
void
api_rankings_xlsx(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
