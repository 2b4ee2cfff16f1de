/*
 * `document` blocks: the templates of the documents the system issues,
 * kept with the catalog (catalog.h, struct catalog_document). A block is
 * `key: value` lines (the 公文's header values), a line `---`, and the
 * 正文's template, one paragraph a line:
 *
 *     ```document
 *     id: interview-notice
 *     name: 约谈通知书
 *     basis: 第八条 〔原文:进行约谈,要求及时整改〕
 *     mark: {{issuer}}
 *     number: yes
 *     title: 关于对{{person}}同志进行约谈的通知
 *     ---
 *     …
 *     ```
 *
 * The basis says where the document comes from, marked as the catalog's
 * values are: 〔原文:…〕 quoting the regulation's text, or 〔解释:…〕 with
 * the document and article it rests on. Every template is checked here
 * (base/tmpl.h), so `lvzhi rules check` reports a broken one at its
 * FILE:LINE; the names it uses are checked when it is rendered.
 */
#include "rules/catalog-parse.h"

#include <stdlib.h>
#include <string.h>

#include "base/tmpl.h"

/* The header keys that are templates, in catalog_document's lines[]
 * order. */
static const char *const template_keys[] = { "mark", "title", "addressee",
	"signer", "cc", "printer" };

static char **
template_slot(struct catalog_document *t, size_t i)
{
	char **slots[] = { &t->mark, &t->title, &t->addressee, &t->signer,
		&t->cc, &t->printer };
	return slots[i];
}

static void
check_template(struct parser *p, const char *src, size_t len, long line,
    int col, const char *what)
{
	char why[256];
	long at = line;
	if (tmpl_check_at(src, len, line, &at, why, sizeof why))
		parse_error(p, at, at == line ? col : 1, "%s: %s", what, why);
}

void
document_parse(struct parser *p, struct block *b, const char *body,
    size_t bodylen, long body_line)
{
	struct catalog *c = p->c;
	struct catalog_document t = { 0 };
	struct entry *e;
	t.line = b->line;
	t.body_line = body_line;
	t.id = parse_text(p, b, "id", 1);
	const struct catalog_document *prev = t.id ? catalog_document(c, t.id) :
	    NULL;
	parse_id(p, b, "document", t.id, prev ? prev->line : 0);
	t.name = parse_text(p, b, "name", 1);
	if ((e = parse_get(p, b, "basis", 1)) != NULL) {
		if (e->value[0] == '\0')
			parse_error(p, e->line, e->valcol, "'basis' is empty");
		else if (e->mark == NULL)
			parse_error(p, e->line, e->valcol, "'basis' says where "
			    "the document comes from: the article, and "
			    "〔原文:…〕 with its words or 〔解释:…〕 with the "
			    "document and article it rests on");
		else if (e->mark_source == BASIS_TEXT && !basis_in_text(
		    c->source, c->source_len, e->mark))
			parse_error(p, e->line, e->markcol, "〔原文:%s〕 is not in "
			    "the regulation's text: quote its words as they "
			    "stand, or mark it 〔解释:…〕", e->mark);
		else {
			const char *why = e->mark_source == BASIS_TEXT ? NULL :
			    basis_check(e->mark);
			if (why != NULL)
				parse_error(p, e->line, e->markcol, "'basis': "
				    "%s", why);
			t.basis = parse_strndup(e->value, strlen(e->value));
			t.basis_source = e->mark_source;
			t.basis_words = parse_strndup(e->mark, strlen(e->mark));
		}
	}
	for (size_t i = 0; i < sizeof template_keys / sizeof *template_keys;
	    i++) {
		e = parse_get(p, b, template_keys[i], 0);
		if (e == NULL)
			continue;
		t.lines[i] = e->line;
		if (e->mark != NULL)
			parse_error(p, e->line, e->markcol, "'%s' is not a "
			    "value: it takes no 〔原文〕 or 〔解释〕 mark", e->key);
		*template_slot(&t, i) = parse_text(p, b, template_keys[i], 0);
		check_template(p, e->value, strlen(e->value), e->line,
		    e->valcol, e->key);
	}
	parse_yes_no(p, parse_get(p, b, "number", 0), &t.number);
	parse_yes_no(p, parse_get(p, b, "seal", 0), &t.seal);
	if (t.lines[1] == 0)
		parse_error(p, b->line, 1, "document block lacks 'title'");
	if (body == NULL)
		parse_error(p, b->line, 1, "document block lacks the line '---' "
		    "before its body");
	else {
		size_t n = bodylen;
		while (n > 0 && (body[n - 1] == '\n' || body[n - 1] == ' '))
			n--;
		if (n == 0)
			parse_error(p, body_line, 1, "document '%s' has no body",
			    t.id ? t.id : "");
		check_template(p, body, n, body_line, 1, "body");
		t.body = parse_strndup(body, n);
	}
	parse_unused(p, b);
	c->documents = parse_grow(c->documents, c->ndocuments + 1,
	    sizeof *c->documents);
	c->documents[c->ndocuments++] = t;
}

void
document_free(struct catalog_document *t)
{
	free(t->id);
	free(t->name);
	free(t->basis);
	free(t->basis_words);
	for (size_t i = 0; i < sizeof template_keys / sizeof *template_keys;
	    i++)
		free(*template_slot(t, i));
	free(t->body);
}

const struct catalog_document *
catalog_document(const struct catalog *c, const char *id)
{
	for (size_t i = 0; c != NULL && id != NULL && i < c->ndocuments; i++)
		if (c->documents[i].id != NULL &&
		    strcmp(c->documents[i].id, id) == 0)
			return &c->documents[i];
	return NULL;
}

char *
catalog_title_cited(const struct catalog *c, char *out, size_t n)
{
	const char *p = c != NULL && c->title != NULL ? c->title : "";
	size_t o = 0;
	if (n == 0)
		return out;
	/* 《 and 》 are three bytes each, as 〈 and 〉 (E3 80 8A/8B, 88/89). */
	const char *open = "\xe3\x80\x8a", *close = "\xe3\x80\x8b";
	if (n > 3) {
		memcpy(out, open, 3);
		o = 3;
	}
	while (*p && o + 3 + 3 < n) {
		size_t len = 1;
		if (strncmp(p, open, 3) == 0 || strncmp(p, close, 3) == 0) {
			memcpy(out + o, p[2] == '\x8a' ? "\xe3\x80\x88" :
			    "\xe3\x80\x89", 3);
			o += 3;
			p += 3;
			continue;
		}
		/* A whole character, or none. */
		unsigned char b = (unsigned char)*p;
		len = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
		if (o + len + 3 >= n || strnlen(p, len) < len)
			break;
		memcpy(out + o, p, len);
		o += len;
		p += len;
	}
	if (o + 3 < n) {
		memcpy(out + o, close, 3);
		o += 3;
	}
	out[o] = '\0';
	return out;
}
