/* SCAFFOLD: replaced by the real page before commit. */
#include "web/web.h"
void
page_ledger(struct request *r)
{
	page_error(r, 501, "尚未实现");
}
void
page_record_new(struct request *r)
{
	page_error(r, 501, "尚未实现");
}
void
page_record_create(struct request *r)
{
	page_error(r, 501, "尚未实现");
}
void
page_record(struct request *r)
{
	page_error(r, 501, "尚未实现");
}
void
page_record_edit(struct request *r)
{
	page_error(r, 501, "尚未实现");
}
void
page_record_update(struct request *r)
{
	page_error(r, 501, "尚未实现");
}
void
page_record_upload(struct request *r)
{
	page_error(r, 501, "尚未实现");
}
void
page_record_review(struct request *r)
{
	page_error(r, 501, "尚未实现");
}
