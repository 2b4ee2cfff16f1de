/*
 * The API's OpenAPI 3.1 description, docs/openapi.json, linked into the
 * binary so the running server always describes itself as built.
 */
#include "api/api.h"

#ifndef LVZHI_OPENAPI_FILE
#define LVZHI_OPENAPI_FILE "docs/openapi.json"
#endif

__asm__(".section .rodata\n"
	".global openapi_json\n"
	".global openapi_json_end\n"
	"openapi_json:\n"
	".incbin \"" LVZHI_OPENAPI_FILE "\"\n"
	"openapi_json_end:\n"
	".byte 0\n"
	".previous\n");

extern const char openapi_json[];
extern const char openapi_json_end[];

void
api_openapi(struct request *r)
{
	resp_json_text(r, 200, openapi_json,
	    (size_t)(openapi_json_end - openapi_json));
}
