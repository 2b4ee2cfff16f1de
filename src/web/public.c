/* SCAFFOLD: replaced by the real handlers before commit. */
#include "web/web.h"
void
public_index(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
void
public_search(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
void
public_report(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
void
public_report_pdf(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
