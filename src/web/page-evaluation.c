/* SCAFFOLD: replaced by the real page before commit. */
#include "web/web.h"
void
page_evaluation(struct request *r)
{
	page_error(r, 501, "尚未实现");
}
void
page_evaluation_score(struct request *r)
{
	page_error(r, 501, "尚未实现");
}
void
page_evaluation_csv(struct request *r)
{
	page_error(r, 501, "尚未实现");
}
void
page_evaluation_xlsx(struct request *r)
{
	page_error(r, 501, "尚未实现");
}
