/*
 * config_ini.c - the INI reader of the office's file.
 */
#include "config_ini.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

char *
config_ini_strip(char *s)
{
	char *end;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

/* One line: 0 when it is fine, 1 when it is not INI, else what fn returned. */
static int
parse_line(char *text, char **section, int *section_line, int line, config_ini_fn fn, void *user)
{
	char *s = config_ini_strip(text), *end;

	if (!*s || *s == ';' || *s == '#')
		return 0;
	if (*s == '[') {
		end = strchr(s + 1, ']');
		if (!end)
			return 1;
		*end = '\0';
		char *copy = strdup(s + 1);
		if (!copy)
			return -1;
		free(*section);
		*section = copy;
		*section_line = line;
		return 0;
	}
	end = s + strcspn(s, "=:");
	if (!*end)
		return 1;
	*end = '\0';
	struct config_ini_key k = {.section = *section ? *section : "",
	                           .section_line = *section_line,
	                           .key = config_ini_strip(s),
	                           .value = config_ini_strip(end + 1),
	                           .line = line};
	return fn(user, &k) ? 1 : 0;
}

int
config_ini_parse(FILE *file, config_ini_fn fn, void *user)
{
	char *buf = NULL, *section = NULL;
	size_t cap = 0;
	int line = 0, section_line = 0, rc = 0;

	for (;;) {
		errno = 0;
		ssize_t len = getline(&buf, &cap, file);
		if (len < 0) {
			/* The end of the file, or a read that failed or ran out of memory. */
			if (ferror(file) || (errno && !feof(file)))
				rc = -1;
			break;
		}
		char *text = buf;
		line++;
		if (line == 1 && strncmp(text, "\xEF\xBB\xBF", 3) == 0)
			text += 3;
		if ((size_t)len > CONFIG_INI_LINE_MAX || memchr(buf, '\0', (size_t)len))
			rc = line;
		else if ((rc = parse_line(text, &section, &section_line, line, fn, user)) > 0)
			rc = line;
		if (rc)
			break;
	}
	free(buf);
	free(section);
	return rc;
}
