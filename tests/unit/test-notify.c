/*
 * Unit tests of the systemd readiness message (http/notify.c): the state
 * arrives as one datagram on the socket $NOTIFY_SOCKET names, by path and
 * in the abstract namespace; without the variable nothing is sent and it
 * succeeds; a variable naming no socket is an error.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "http/notify.h"

/* A datagram socket bound to name (leading '@': abstract), or -1. */
static int
listener(const char *name)
{
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	size_t len = strlen(name);
	memcpy(sa.sun_path, name, len);
	if (name[0] == '@')
		sa.sun_path[0] = '\0';
	int fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd >= 0 && bind(fd, (struct sockaddr *)&sa,
	    (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len)) != 0) {
		close(fd);
		fd = -1;
	}
	return fd;
}

static void
expect_state(int fd, const char *state)
{
	char buf[64];
	ssize_t n = recv(fd, buf, sizeof buf - 1, MSG_DONTWAIT);
	assert_int_equal(n, (ssize_t)strlen(state));
	buf[n] = '\0';
	assert_string_equal(buf, state);
}

static void
test_path(void **state)
{
	(void)state;
	char dir[] = "/tmp/lvzhi-notify-XXXXXX";
	assert_non_null(mkdtemp(dir));
	char path[128];
	snprintf(path, sizeof path, "%s/notify", dir);
	int fd = listener(path);
	assert_true(fd >= 0);
	setenv("NOTIFY_SOCKET", path, 1);
	assert_int_equal(notify_send("READY=1"), 0);
	expect_state(fd, "READY=1");
	assert_int_equal(notify_send("STOPPING=1"), 0);
	expect_state(fd, "STOPPING=1");
	close(fd);
	unlink(path);
	/* The socket is gone: the message cannot be sent. */
	assert_int_equal(notify_send("READY=1"), -1);
	unsetenv("NOTIFY_SOCKET");
	rmdir(dir);
}

static void
test_abstract(void **state)
{
	(void)state;
	char name[64];
	snprintf(name, sizeof name, "@lvzhi-notify-test-%ld", (long)getpid());
	int fd = listener(name);
	assert_true(fd >= 0);
	setenv("NOTIFY_SOCKET", name, 1);
	assert_int_equal(notify_send("READY=1"), 0);
	expect_state(fd, "READY=1");
	unsetenv("NOTIFY_SOCKET");
	close(fd);
}

static void
test_unset_and_bad(void **state)
{
	(void)state;
	unsetenv("NOTIFY_SOCKET");
	assert_int_equal(notify_send("READY=1"), 0);
	setenv("NOTIFY_SOCKET", "relative/path", 1);
	assert_int_equal(notify_send("READY=1"), -1);
	unsetenv("NOTIFY_SOCKET");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_path),
		cmocka_unit_test(test_abstract),
		cmocka_unit_test(test_unset_and_bad),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
