/*
 * Static assets: built into the binary from web/static/ (so one file is
 * the whole system), or read from static_dir when one is configured (to
 * change the look without a rebuild). Only names from the list below are
 * served: no path from a request reaches the file system.
 *
 * echarts.min.js is Apache ECharts 5.6.0 as released (npm's echarts,
 * dist/), with its LICENSE and NOTICE beside it in web/static; the pages
 * that chart name it with its version in the query (page-overview.c), so
 * it is cached for a year: a new release is a new address. A client
 * that accepts gzip gets the built-in assets compressed (ECharts: 1 MB,
 * some 340 KB gzipped, on a phone's connection), each compressed once
 * on first demand and kept for the life of the process.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/gzip.h"
#include "http/server.h"
#include "web/web.h"

#define ASSET(sym, file) \
	__asm__(".section .rodata\n.global " #sym "\n.global " #sym "_end\n" \
	    #sym ":\n.incbin \"web/static/" file "\"\n" #sym "_end:\n" \
	    ".byte 0\n.previous\n"); \
	extern const char sym[], sym##_end[];

ASSET(asset_css, "app.css")
ASSET(asset_js, "app.js")
ASSET(asset_noscript, "noscript.css")
ASSET(asset_echarts, "echarts.min.js")
ASSET(asset_overview, "overview.js")

#define YEAR_SECONDS 31536000u

static const struct {
	const char *name, *mime;
	const char *data, *end;
	unsigned max_age; /* 0: the default hour */
} assets[] = {
	{ "app.css", "text/css; charset=utf-8", asset_css, asset_css_end, 0 },
	{ "app.js", "text/javascript; charset=utf-8", asset_js, asset_js_end,
	    0 },
	{ "noscript.css", "text/css; charset=utf-8", asset_noscript,
	    asset_noscript_end, 0 },
	{ "echarts.min.js", "text/javascript; charset=utf-8", asset_echarts,
	    asset_echarts_end, YEAR_SECONDS },
	{ "overview.js", "text/javascript; charset=utf-8", asset_overview,
	    asset_overview_end, 0 },
};

#define ASSETS (sizeof assets / sizeof assets[0])

/* Each asset gzipped, made on first demand; a failed compression is not
 * retried (the asset goes uncompressed). */
static pthread_mutex_t zlock = PTHREAD_MUTEX_INITIALIZER;
static struct {
	char *data; /* malloc'd; reachable for the life of the process */
	size_t len;
	int tried;
} zipped[ASSETS];

/* The gzipped asset i, or NULL. */
static const char *
gzipped(size_t i, size_t *len)
{
	pthread_mutex_lock(&zlock);
	if (!zipped[i].tried) {
		zipped[i].tried = 1;
		if (gzip_compress(assets[i].data, (size_t)(assets[i].end -
		    assets[i].data), &zipped[i].data, &zipped[i].len))
			zipped[i].data = NULL;
	}
	const char *z = zipped[i].data;
	*len = zipped[i].len;
	pthread_mutex_unlock(&zlock);
	return z;
}

void
page_static(struct request *r)
{
	const char *name = r->params[0];
	for (size_t i = 0; i < ASSETS; i++) {
		if (strcmp(name, assets[i].name) != 0)
			continue;
		r->max_age = assets[i].max_age;
		const char *dir = server_config_of(r->srv)->static_dir;
		if (dir[0] != '\0') {
			char path[1200];
			snprintf(path, sizeof path, "%s/%s", dir, name);
			FILE *f = fopen(path, "rb");
			if (f != NULL) {
				struct buf b;
				buf_init(&b, 4u << 20);
				char chunk[65536];
				size_t n;
				while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
					buf_append(&b, chunk, n);
				fclose(f);
				resp_bytes(r, 200, assets[i].mime, b.data ? b.data : "",
				    b.len, NULL, 1);
				buf_free(&b);
				return;
			}
		}
		size_t zlen;
		const char *z = gzip_accepted(req_header(r, "Accept-Encoding")) ?
		    gzipped(i, &zlen) : NULL;
		if (z != NULL)
			resp_static(r, assets[i].mime, z, zlen);
		else
			resp_static(r, assets[i].mime, assets[i].data,
			    (size_t)(assets[i].end - assets[i].data));
		resp_header(r, "Vary", "Accept-Encoding");
		if (z != NULL)
			resp_header(r, "Content-Encoding", "gzip");
		return;
	}
	resp_problem(r, 404, "未找到 (not found)", NULL, NULL);
}
