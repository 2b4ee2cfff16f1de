/*
 * libFuzzer harness: the catalog parser on arbitrary bytes.
 *
 * catalog_parse must never crash, leak or read out of bounds, and must
 * keep its promise: it returns a catalog exactly when it reported no
 * problem. A catalog that parses is walked (every kind, field, rule) so
 * that what the parser built is touched as the engine would touch it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rules/catalog.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct diag d;
	diag_init(&d, NULL);
	struct catalog *c = catalog_parse("fuzz.md", (const char *)data, size,
	    &d);
	if ((c == NULL) != (d.count > 0))
		abort(); /* a catalog with errors, or none without */
	if (c == NULL)
		return 0;
	for (size_t i = 0; i < c->nkinds; i++) {
		const struct catalog_kind *k = &c->kinds[i];
		if (catalog_kind_find(c, k->id) < 0)
			abort();
		for (size_t j = 0; j < k->nfields; j++)
			if (catalog_field_find(k, k->fields[j].name) < 0)
				abort();
	}
	for (size_t i = 0; i < c->nrules; i++)
		if (catalog_rule_find(c, c->rules[i].id) < 0)
			abort();
	catalog_free(c);
	return 0;
}
