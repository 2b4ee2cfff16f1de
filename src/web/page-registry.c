/* SCAFFOLD: replaced by the real page before commit. */
#include "web/web.h"
void
page_registry(struct request *r)
{
	page_error(r, 501, "尚未实现");
}
void
page_region(struct request *r)
{
	page_error(r, 501, "尚未实现");
}
void
page_organ(struct request *r)
{
	page_error(r, 501, "尚未实现");
}
