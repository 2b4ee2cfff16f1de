/* SCAFFOLD: replaced by the real page before commit. */
#include "web/web.h"
void
page_dashboard(struct request *r)
{
	page_error(r, 501, "尚未实现");
}
