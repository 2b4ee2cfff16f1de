/*
 * THROWAWAY (helper F's branch, issue 15): a stand-in for helper A's
 * html_picker, which the lead takes at the merge. It renders a plain
 * labelled text input of the chosen code/id, so that the account forms
 * work and are tested until then; A's picker searches by name.
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
	(void)value_label;
	html_fmt(b, "<label>%s<input name=\"%s\" value=\"%s\" data-picker="
	    "\"%s\"%s></label>", label, name, value ? value : "", kind,
	    required ? " required" : "");
}
