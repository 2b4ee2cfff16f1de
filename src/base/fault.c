/* Faults as values (fault.h). */
#include "base/fault.h"

int
fault_set(struct fault *f, unsigned status, const char *title,
    const char *detail, const char *field)
{
	f->status = status;
	f->title = title;
	f->detail = detail;
	f->field = field;
	return -1;
}

void
fault_add(struct fault *f, const char *field, const char *reason)
{
	if (f->errors == NULL)
		f->errors = json_array();
	json_array_append_new(f->errors, json_pack("{s:s, s:s}", "field",
	    field, "reason", reason));
	if (f->status == 0) {
		f->status = 400;
		f->title = reason;
		f->field = field;
	}
}

void
fault_clear(struct fault *f)
{
	json_decref(f->errors);
	*f = (struct fault){ 0 };
}
