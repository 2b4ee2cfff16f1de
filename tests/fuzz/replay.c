/*
 * A fuzzer's harness (tests/fuzz/fuzz-NAME.c) without libFuzzer: each
 * file named on the command line is given to LLVMFuzzerTestOneInput once,
 * after LLVMFuzzerInitialize when the harness has one. `make check` links
 * it with the sanitizer build's objects (build/san/fuzz/replay-NAME) to
 * replay the inputs that once crashed a fuzzer and the seeds
 * (tests/fuzz/replay.sh) without a third compile of the tree with clang;
 * the fuzzing itself is `make check-fuzz`'s (CI). An input that crashes
 * stops the program with the sanitizer's report, as under libFuzzer.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int
main(int argc, char **argv)
{
	if (LLVMFuzzerInitialize != NULL)
		LLVMFuzzerInitialize(&argc, &argv);
	for (int i = 1; i < argc; i++) {
		FILE *f = fopen(argv[i], "rb");
		if (f == NULL) {
			perror(argv[i]);
			return 1;
		}
		size_t cap = 4096, n = 0, got;
		uint8_t *data = malloc(cap);
		while (data != NULL && (got = fread(data + n, 1, cap - n, f)) > 0)
			if ((n += got) == cap) {
				uint8_t *more = realloc(data, cap *= 2);
				if (more == NULL)
					free(data);
				data = more;
			}
		if (data == NULL || ferror(f)) {
			fprintf(stderr, "%s: cannot read\n", argv[i]);
			fclose(f);
			free(data);
			return 1;
		}
		fclose(f);
		LLVMFuzzerTestOneInput(data, n);
		free(data);
	}
	return 0;
}
