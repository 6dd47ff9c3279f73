/*
 * config_table.c - the one validator of table-declared config sections.
 */
#include "config_table.h"
#include "config_value.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const struct config_option *
config_table_find(const struct config_table *t, const char *name)
{
	for (size_t i = 0; i < t->n_options; i++)
		if (strcmp(t->options[i].name, name) == 0)
			return &t->options[i];
	return NULL;
}

const struct config_kv *
config_section_kv(const struct config_section *sec, const char *key)
{
	for (size_t i = 0; sec && i < sec->n_kv; i++)
		if (strcmp(sec->kv[i].key, key) == 0)
			return &sec->kv[i];
	return NULL;
}

/* "'V' is not a, b or c" into why. */
static void
say_words(char *why, size_t n, const char *value, const char *const *words)
{
	size_t len = (size_t)snprintf(why, n, "'%s' is not ", value);

	for (size_t i = 0; words[i] && len < n; i++)
		len += (size_t)snprintf(why + len, n - len, "%s%s",
		                        i == 0         ? ""
		                        : words[i + 1] ? ", "
		                                       : " or ",
		                        words[i]);
}

/* Store v into a field of size bytes: a bool, char or uint8_t, or an int. */
static void
store_small(void *field, size_t size, int v)
{
	if (size == 1) {
		uint8_t b = (uint8_t)v;
		memcpy(field, &b, 1);
	} else {
		memcpy(field, &v, sizeof(v));
	}
}

/* Parse value by row o into obj; SQ_OK, or an error code with why filled. */
static int
apply_one(const struct config_option *o, const char *value, void *obj, const struct config *cfg,
          char *why, size_t n)
{
	char *field = (char *)obj + o->offset;
	long x;
	bool b;
	int i;

	switch (o->type) {
	case CONFIG_INT:
		if (!config_value_long(value, o->min, o->max, &x)) {
			snprintf(why, n, "'%s' is not %s from %ld to %ld", value, o->what, o->min,
			         o->max);
			return SQ_ERR_INVALID;
		}
		store_small(field, sizeof(int), (int)x);
		return SQ_OK;
	case CONFIG_BOOL:
		if (!config_value_yes_no(value, &b, why, n))
			return SQ_ERR_INVALID;
		memcpy(field, &b, sizeof(b));
		return SQ_OK;
	case CONFIG_CHOICE:
		for (i = 0; o->words[i] && strcmp(o->words[i], value) != 0; i++)
			;
		if (!o->words[i]) {
			say_words(why, n, value, o->words);
			return SQ_ERR_INVALID;
		}
		store_small(field, o->size, o->values ? o->values[i] : i);
		return SQ_OK;
	case CONFIG_TEXT:
		if (strlen(value) >= o->size) {
			snprintf(why, n, "'%s' is longer than %zu bytes", value, o->size - 1);
			return SQ_ERR_INVALID;
		}
		memcpy(field, value, strlen(value) + 1);
		return SQ_OK;
	case CONFIG_STRING: {
		char *copy = strdup(value), *old;
		if (!copy)
			return SQ_ERR_NOMEM;
		memcpy(&old, field, sizeof(old));
		free(old);
		memcpy(field, &copy, sizeof(copy));
		return SQ_OK;
	}
	case CONFIG_CUSTOM:
		break;
	}
	return o->parse(obj, value, cfg, why, n);
}

int
config_table_apply(const struct config_table *t, const struct config_section *sec, void *obj,
                   unsigned variant, const char *variant_name, const struct config *cfg,
                   struct sq_error *err)
{
	char why[384];

	for (size_t i = 0; sec && i < sec->n_kv; i++) {
		const struct config_kv *kv = &sec->kv[i];
		const struct config_option *o = config_table_find(t, kv->key);
		int rc;

		if (!o)
			return config_section_error(err, sec, kv, "unknown key");
		if (config_section_kv(sec, kv->key) != kv)
			return config_section_error(err, sec, kv, "given twice");
		if (o->variants && !(o->variants & variant))
			return config_section_error(err, sec, kv, "not a key of %s %s",
			                            t->variant_key, variant_name);
		why[0] = '\0';
		rc = apply_one(o, kv->value, obj, cfg, why, sizeof(why));
		if (rc == SQ_ERR_NOMEM)
			return sq_error_set(err, rc, "out of memory reading [%s]", t->kind);
		if (rc)
			return config_section_error(err, sec, kv, "%s", why);
	}
	return SQ_OK;
}

/* Append text to the string in buf (size n), after a space unless buf is empty. */
static void
append_word(char *buf, size_t n, const char *text)
{
	size_t len = strlen(buf);

	if (len < n)
		snprintf(buf + len, n - len, "%s%s", len ? " " : "", text);
}

void
config_option_describe(const struct config_option *o, char *out, size_t n)
{
	char head[192] = "", word[96] = "";

	if (o->type == CONFIG_INT)
		snprintf(word, sizeof(word), "%ld..%ld", o->min, o->max);
	else if (o->type == CONFIG_BOOL)
		snprintf(word, sizeof(word), "yes|no");
	else if (o->type == CONFIG_CHOICE)
		for (size_t i = 0, w = 0; o->words[i] && w < sizeof(word); i++)
			w += (size_t)snprintf(word + w, sizeof(word) - w, "%s%s", i ? "|" : "",
			                      o->words[i]);
	if (*word)
		append_word(head, sizeof(head), word);
	if (o->unit)
		append_word(head, sizeof(head), o->unit);
	if (o->def) {
		snprintf(word, sizeof(word), "(%s)", o->def);
		append_word(head, sizeof(head), word);
	}
	snprintf(out, n, "%-22s %s%s%s", o->name, head, *head && o->help ? ": " : "",
	         o->help ? o->help : "");
}
