/*
 * THROWAWAY on branch i15-lists: helper A's picker (COMMON.md, PICKER)
 * replaces this file at the merge. A plain labelled text input holding
 * the chosen code, so that the ledger's region filter can call the
 * shared signature before the merge.
 */
#include "web/web.h"

void
html_picker(struct buf *b, struct arena *a, const char *kind,
    const char *name, const char *label, const char *region,
    const char *organ, const char *value, const char *value_label,
    int required)
{
	(void)a;
	(void)region;
	(void)organ;
	html_fmt(b, "<label>%s<input type=\"text\" name=\"%s\" data-picker=\"%s\" "
	    "value=\"%s\" title=\"%s\"%s></label>", label, name, kind,
	    value ? value : "", value_label ? value_label : "",
	    required ? " required" : "");
}
