/* SCAFFOLD: replaced by the real handlers before commit. */
#include "api/api.h"
void
api_warnings(struct request *r)
{
	resp_problem(r, 501, "not yet", NULL, NULL);
}
