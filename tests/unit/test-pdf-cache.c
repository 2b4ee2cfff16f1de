/*
 * Unit tests of the rendered-PDF cache (report/pdf-cache.c): threads that
 * ask for one key at once cause one render and share its bytes; a new
 * key renders anew; a failed render is not kept; an entry dropped from
 * the table while held stays readable until released.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/pdf-cache.h"

static int renders;
static pthread_mutex_t count_lock = PTHREAD_MUTEX_INITIALIZER;

/* ctx is the text to "render" (NULL: a failure); slow for test_once,
 * so that the threads meet. */
static int
render(void *ctx, char **pdf, size_t *len)
{
	pthread_mutex_lock(&count_lock);
	renders++;
	pthread_mutex_unlock(&count_lock);
	if (ctx != NULL && strncmp(ctx, "bytes", 5) == 0)
		usleep(50 * 1000);
	if (ctx == NULL)
		return -1;
	*pdf = strdup(ctx);
	*len = strlen(ctx);
	return *pdf ? 0 : -1;
}

static void *
ask(void *key)
{
	int fresh;
	struct pdf_cache_entry *e = pdf_cache_get(key, render, "bytes of A",
	    &fresh);
	size_t len;
	const char *p = e ? pdf_cache_data(e, &len) : NULL;
	int ok = p != NULL && len == 10 && memcmp(p, "bytes of A", 10) == 0;
	pdf_cache_release(e);
	return ok ? key : NULL;
}

static void
test_once(void **state)
{
	(void)state;
	pthread_t t[16];
	renders = 0;
	for (size_t i = 0; i < 16; i++)
		assert_int_equal(pthread_create(&t[i], NULL, ask, "key-a"), 0);
	for (size_t i = 0; i < 16; i++) {
		void *v;
		pthread_join(t[i], &v);
		assert_non_null(v);
	}
	assert_int_equal(renders, 1);
	assert_non_null(ask("key-a"));
	assert_int_equal(renders, 1);
}

static void
test_versions(void **state)
{
	(void)state;
	int fresh;
	renders = 0;
	struct pdf_cache_entry *bad = pdf_cache_get("key-bad", render, NULL,
	    &fresh);
	assert_null(bad);
	/* Held across more keys than the table holds: still readable. */
	struct pdf_cache_entry *held = pdf_cache_get("key-held", render,
	    "held", &fresh);
	assert_non_null(held);
	assert_int_equal(fresh, 1);
	for (int i = 0; i < 600; i++) { /* past PDF_CACHE_MAX */
		char key[32];
		snprintf(key, sizeof key, "key-%d", i);
		pdf_cache_release(pdf_cache_get(key, render, "x", &fresh));
		assert_int_equal(fresh, 1);
	}
	size_t len;
	assert_memory_equal(pdf_cache_data(held, &len), "held", 4);
	assert_int_equal(len, 4);
	pdf_cache_release(held);
	/* The failed render was not kept: asked again, rendered again. */
	renders = 0;
	assert_null(pdf_cache_get("key-bad", render, NULL, &fresh));
	assert_int_equal(renders, 1);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_once),
		cmocka_unit_test(test_versions),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
