/*
** tfcc --patch-for: the manifest.  A C file defining tf__manifest, the
** JSON text the runtime's loader reads from section tf_manifest before
** any code of the patch runs:
**   {"abi":2,"target_build_id":"..","target":"/abs/path","sources":[..],
**    "imports":["tf.imp...",..],"built_at":"2024-01-01T00:00:00Z"}
*/
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <tigerfix/trap.h>

#include "patch.h"

/* A JSON string literal. */
static void json_str(FILE *f, const char *s)
{
	fputc('"', f);
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p < 0x20)
			fprintf(f, "\\u%04x", *p);
		else
			fputc(*p, f);
	}
	fputc('"', f);
}

static void json_list(FILE *f, const char *key, const struct sv *v)
{
	fprintf(f, ",\"%s\":[", key);
	for (size_t i = 0; i < v->n; i++) {
		if (i)
			fputc(',', f);
		json_str(f, v->v[i]);
	}
	fputc(']', f);
}

char *pm_write(const char *dir, const char *buildid, const char *target,
	       const struct sv *sources, const struct sv *imps)
{
	char *json = NULL, *path = u_fmt("%s/manifest.c", dir), when[32];
	size_t len = 0;
	time_t now = time(NULL);
	FILE *m = open_memstream(&json, &len), *f;

	strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
	fprintf(m, "{\"abi\":%d,\"target_build_id\":", TF_ABI_VERSION);
	json_str(m, buildid);
	fputs(",\"target\":", m);
	json_str(m, target);
	json_list(m, "sources", sources);
	json_list(m, "imports", imps);
	fprintf(m, ",\"built_at\":\"%s\"}\n", when);
	fclose(m);
	if (!json || !(f = fopen(path, "w"))) {
		fprintf(stderr, "tfcc: error: cannot write %s: %s; check TMPDIR\n",
			path, strerror(errno));
		free(json);
		free(path);
		return NULL;
	}
	fputs("/* tigerfix patch manifest, read by the loader from the file */\n"
	      "const char tf__manifest[] __attribute__((__section__("
	      "\"tf_manifest\"), __used__, __visibility__(\"default\"))) =\n\"",
	      f);
	for (const unsigned char *p = (const unsigned char *)json; *p; p++) {
		if (*p == '"' || *p == '\\')
			fprintf(f, "\\%c", *p);
		else if (*p < 0x20 || *p >= 0x7f)
			fprintf(f, "\\%03o", *p);
		else
			fputc(*p, f);
	}
	fputs("\";\n", f);
	free(json);
	if (fclose(f) != 0) {
		fprintf(stderr, "tfcc: error: cannot write %s: %s; check TMPDIR\n",
			path, strerror(errno));
		free(path);
		return NULL;
	}
	return path;
}
