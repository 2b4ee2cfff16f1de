/* SCAFFOLD: replaced by the real handlers before commit. */
#include "api/api.h"
void
api_cases_list(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
void
api_case_create(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
void
api_case_get(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
void
api_case_transition(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
void
api_case_appeal(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
