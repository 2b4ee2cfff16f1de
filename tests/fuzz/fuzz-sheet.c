/*
 * libFuzzer harness: reading arbitrary bytes as an uploaded sheet, as the
 * upload does: XLSX when they start as a ZIP archive (the seed XLSX files
 * lead the fuzzer there), CSV otherwise.
 *
 * Beyond not crashing or leaking, the reader keeps its promises: a
 * refusal says why; a sheet stays within its ceilings and every cell is
 * well-formed UTF-8 of at most SHEET_MAX_CELL bytes, never ending in an
 * empty cell.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "base/text.h"
#include "import/sheet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char err[256] = "";
	struct sheet *s = sheet_read(data, size, sheet_sniff(data, size), err,
	    sizeof err);
	if (s == NULL) {
		if (err[0] == '\0' || !text_utf8_valid(err))
			abort();
		return 0;
	}
	if (s->n > SHEET_MAX_ROWS)
		abort();
	for (size_t i = 0; i < s->n; i++) {
		const struct sheet_row *r = &s->rows[i];
		if (r->n > SHEET_MAX_COLS ||
		    (r->n > 0 && r->cells[r->n - 1][0] == '\0'))
			abort();
		for (size_t c = 0; c < r->n; c++)
			if (strlen(r->cells[c]) > SHEET_MAX_CELL ||
			    !text_utf8_valid(r->cells[c]))
				abort();
	}
	sheet_free(s);
	return 0;
}
