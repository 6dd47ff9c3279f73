/*
 * libFuzzer target for the LED frame decoders (display_decode.c). The first
 * byte picks one of a few display configurations; the rest is the byte stream
 * a display would receive, decoded frame after frame as the emulator does.
 * Built only with -DSADUAK_FUZZ=ON and clang.
 */
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "display_decode.h"
#include "display_proto.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Fill cfg with configuration number k. */
static void
pick_config(struct display_config *cfg, uint8_t k)
{
	display_config_defaults(cfg, (enum display_protocol)(k % 3));
	switch (k % 9) {
	case 3:
		cfg->modbus_profile = DISPLAY_MODBUS_B;
		cfg->numeric = true;
		break;
	case 5:
		cfg->ascii_checksum = DISPLAY_CHECKSUM_XOR;
		cfg->ascii_checksum_raw = true;
		break;
	case 8:
		memcpy(cfg->ascii_prefix, "$", 1);
		memcpy(cfg->ascii_suffix, "#\r\n", 3);
		cfg->ascii_suffix_len = 3;
		memcpy(cfg->ascii_separator, ",", 1);
		cfg->ascii_separator_len = 1;
		cfg->ascii_address = (struct display_address_format){.conv = 'd'};
		cfg->ascii_checksum = DISPLAY_CHECKSUM_SUM8;
		cfg->ascii_checksum_covers = DISPLAY_COVERS_FRAME;
		break;
	default:
		break;
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct display_config cfg;
	struct display_frame f;
	char line[DISPLAY_FRAME_MAX * 2 + 64];

	if (size < 1)
		return 0;
	pick_config(&cfg, data[0]);
	data++;
	size--;
	while (size > 0) {
		size_t used = 0;
		int r = display_decode(&cfg, data, size, &f, &used, NULL);
		if (r == 1)
			display_frame_describe(&f, line, sizeof(line));
		if (used == 0 || used > size)
			break;
		data += used;
		size -= used;
	}
	return 0;
}
