/*
 * config_office.c - the sections of the office's INI file that modules own,
 * in one list: the loader (config.c) knows none of them and is handed this.
 * Every program reads the same file, so each accepts every kind here.
 */
#include "config.h"

#include "board_config.h"
#include "display_proto.h"
#include "kiosk_config.h"
#include "printer.h"
#include "store.h"
#include "voice_config.h"
#include "web_config.h"

static const struct config_section_kind office_sections[] = {
    {.kind = "display",
     .named = true,
     .device = true,
     .table = &display_config_table,
     .check = display_config_check},
    {.kind = "printer",
     .device = true,
     .table = &printer_config_table,
     .check = printer_config_check},
    {.kind = "voice", .device = true, .table = &voice_config_table, .check = voice_config_check},
    {.kind = "kiosk", .table = &kiosk_config_table, .check = kiosk_config_check},
    {.kind = "board", .table = &board_config_table, .check = board_config_check},
    {.kind = "rating", .table = &store_rating_config_table, .check = store_rating_config_check},
    {.kind = "backup", .table = &store_backup_config_table, .check = store_backup_config_check},
    {.kind = "web", .table = &web_config_table, .check = web_config_check},
    {.kind = "web-user",
     .named = true,
     .table = &web_user_config_table,
     .check = web_config_user_check},
};

const struct config_section_kind *
config_office_sections(size_t *n)
{
	*n = sizeof(office_sections) / sizeof(office_sections[0]);
	return office_sections;
}

int
config_load(const char *path, struct config **out, struct sq_error *err)
{
	size_t n;
	const struct config_section_kind *kinds = config_office_sections(&n);

	return config_load_with(path, kinds, n, out, err);
}
