/*
 * A fault: why an operation refused or failed, as a value.
 *
 * The domain layer (src/domain) and the rules under it (src/auth) return
 * one instead of answering anybody: src/api turns it into an RFC 9457
 * problem, src/web into the form again with its messages, the import
 * into a line's error. title is our own static text (Chinese, with the
 * cause in English where a program may read it); detail is the value at
 * fault (an id or what the caller typed, never a name), copied where it
 * must outlive its source; field is the JSON name of the input at fault.
 * Several field errors at once (a form checked whole) go in errors, a
 * JSON array of {field, reason}, owned by the fault (fault_clear).
 */
#ifndef LVZHI_FAULT_H
#define LVZHI_FAULT_H

#include <jansson.h>

struct fault {
	unsigned status;    /* 0: none; 400, 403, 404, 409, 413, 503; 500 */
	const char *field;  /* the input's field at fault, or NULL */
	const char *title;  /* static text */
	const char *detail; /* the value at fault, or NULL */
	json_t *errors;     /* [{field, reason}] or NULL */
};

/* Sets *f and returns -1, so a refusal reads `return fault_set(...)`. */
int fault_set(struct fault *f, unsigned status, const char *title,
    const char *detail, const char *field);
/* Adds one field error to f's list (status 400 unless set). */
void fault_add(struct fault *f, const char *field, const char *reason);
/* Drops the list; the fault is empty again. */
void fault_clear(struct fault *f);

#endif
