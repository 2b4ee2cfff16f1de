/*
 * Unit tests of base/fd: fd_slurp reads a file back whole from its start
 * (wherever the descriptor stands), empty files too, and refuses one past
 * its ceiling.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/fd.h"

static int
temp_with(const char *text)
{
	char path[] = "/tmp/lvzhi-test-fd-XXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	unlink(path);
	size_t n = strlen(text);
	assert_int_equal(write(fd, text, n), (ssize_t)n);
	return fd;
}

static void
test_reads_whole_file_from_start(void **state)
{
	(void)state;
	int fd = temp_with("spreadsheet bytes");
	size_t len = 0;
	char *data = fd_slurp(fd, 1024, &len);
	assert_non_null(data);
	assert_int_equal(len, 17);
	assert_memory_equal(data, "spreadsheet bytes", 17);
	free(data);
	close(fd);
}

static void
test_empty_file(void **state)
{
	(void)state;
	int fd = temp_with("");
	size_t len = 99;
	char *data = fd_slurp(fd, 1024, &len);
	assert_non_null(data);
	assert_int_equal(len, 0);
	free(data);
	close(fd);
}

static void
test_refuses_past_ceiling(void **state)
{
	(void)state;
	int fd = temp_with("0123456789");
	size_t len = 7;
	assert_null(fd_slurp(fd, 9, &len));
	assert_int_equal(len, 7);
	char *data = fd_slurp(fd, 10, &len);
	assert_non_null(data);
	assert_int_equal(len, 10);
	free(data);
	close(fd);
	assert_null(fd_slurp(-1, 10, &len));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_reads_whole_file_from_start),
		cmocka_unit_test(test_empty_file),
		cmocka_unit_test(test_refuses_past_ceiling),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
