/*
 * The tagged PDF's catalog entries with qpdf's C API (see pdf-tag.h).
 * qpdf reads the PDF cairo wrote from memory, sets the keys and writes
 * it back to memory; its object streams are left as they were (cairo
 * writes none), so the file stays readable by any PDF 1.5 reader.
 */
#include "report/pdf-tag.h"

#include <qpdf/qpdf-c.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The reason of qpdf's last error into err. */
static int
failed(qpdf_data q, const char *what, char *err, size_t errlen)
{
	qpdf_error e = qpdf_get_error(q);
	snprintf(err, errlen, "%s: %s", what, e != NULL ?
	    qpdf_get_error_full_text(q, e) : "failed");
	return -1;
}

int
pdf_tag_finish(const char *pdf, size_t len, const char *lang,
    const char *title, size_t max, char **out, size_t *outlen, char *err,
    size_t errlen)
{
	qpdf_data q = qpdf_init();
	int rc = -1;
	*out = NULL;
	*outlen = 0;
	if (q == NULL) {
		snprintf(err, errlen, "qpdf: out of memory");
		return -1;
	}
	/* Errors are kept for qpdf_get_error, not written to stderr. */
	qpdf_silence_errors(q);
	qpdf_set_suppress_warnings(q, QPDF_TRUE);
	if (qpdf_read_memory(q, "rendered", pdf, len, NULL) & QPDF_ERRORS) {
		failed(q, "qpdf read", err, errlen);
		goto done;
	}
	qpdf_oh root = qpdf_get_root(q);
	qpdf_oh_replace_key(q, root, "/Lang", qpdf_oh_new_unicode_string(q,
	    lang));
	qpdf_oh mark = qpdf_oh_new_dictionary(q);
	qpdf_oh_replace_key(q, mark, "/Marked", qpdf_oh_new_bool(q, QPDF_TRUE));
	qpdf_oh_replace_key(q, root, "/MarkInfo", mark);
	qpdf_oh prefs = qpdf_oh_new_dictionary(q);
	qpdf_oh_replace_key(q, prefs, "/DisplayDocTitle", qpdf_oh_new_bool(q,
	    QPDF_TRUE));
	qpdf_oh_replace_key(q, root, "/ViewerPreferences", prefs);
	if (title != NULL) {
		qpdf_oh trailer = qpdf_get_trailer(q);
		qpdf_oh info = qpdf_oh_get_key(q, trailer, "/Info");
		if (!qpdf_oh_is_dictionary(q, info)) {
			info = qpdf_make_indirect_object(q,
			    qpdf_oh_new_dictionary(q));
			qpdf_oh_replace_key(q, trailer, "/Info", info);
		}
		qpdf_oh_replace_key(q, info, "/Title",
		    qpdf_oh_new_unicode_string(q, title));
	}
	if (qpdf_has_error(q)) {
		failed(q, "qpdf", err, errlen);
		goto done;
	}
	if (qpdf_init_write_memory(q) & QPDF_ERRORS) {
		failed(q, "qpdf write", err, errlen);
		goto done;
	}
	qpdf_set_deterministic_ID(q, QPDF_TRUE);
	if (qpdf_write(q) & QPDF_ERRORS) {
		failed(q, "qpdf write", err, errlen);
		goto done;
	}
	size_t n = qpdf_get_buffer_length(q);
	const unsigned char *data = qpdf_get_buffer(q);
	if (data == NULL || n > max) {
		snprintf(err, errlen, "%s", data == NULL ? "qpdf wrote nothing" :
		    "the PDF is too large");
		goto done;
	}
	if ((*out = malloc(n ? n : 1)) == NULL) {
		snprintf(err, errlen, "out of memory");
		goto done;
	}
	memcpy(*out, data, n);
	*outlen = n;
	rc = 0;
done:
	qpdf_cleanup(&q);
	return rc;
}
