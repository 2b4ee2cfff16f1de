/*
 * The shipped catalog, linked into the binary as a last resort (see
 * catalog_load). The assembler includes the file's bytes verbatim, so the
 * embedded copy can never drift from rules/guizhou-2020.md at build time.
 * LVZHI_RULES_FILE is set by the Makefile to that file's path.
 */
#ifndef LVZHI_RULES_FILE
#define LVZHI_RULES_FILE "rules/guizhou-2020.md"
#endif

__asm__(".section .rodata\n"
	".global catalog_embedded\n"
	".global catalog_embedded_end\n"
	"catalog_embedded:\n"
	".incbin \"" LVZHI_RULES_FILE "\"\n"
	"catalog_embedded_end:\n"
	".byte 0\n"
	".previous\n");
