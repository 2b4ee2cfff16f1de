/* SCAFFOLD: replaced by the real handlers before commit. */
#include "web/web.h"
void
page_cases(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
void
page_case_create(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
void
page_case(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
void
page_case_transition(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
void
page_case_appeal(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
