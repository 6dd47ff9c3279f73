/*
 * display_decode.h - read back the frames display_proto.h writes (pure).
 *
 * The LED emulator and the tests feed the bytes a display would receive to
 * display_decode(), which finds one frame at the start of the buffer, checks
 * its CRC or checksum and says what the display would show. It is the
 * inverse of display_encode() for the same struct display_config, and it
 * must survive any input (there is a libFuzzer target).
 *
 * Threading: pure functions on caller-owned buffers; call from any thread.
 */
#ifndef SADUAK_DISPLAY_DECODE_H
#define SADUAK_DISPLAY_DECODE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "display_proto.h"
#include "error.h"

/* One decoded frame. */
struct display_frame {
	enum display_protocol protocol;
	int address;                  /* modbus unit, alpha address (0..255), ascii address */
	bool has_text;                /* text holds what the display shows */
	char text[DISPLAY_FRAME_MAX]; /* printable ASCII; modbus text stops at the first NUL */
	bool has_number; /* number holds the value shown (integer frame, or all-digit text) */
	long number;
	bool flash;      /* alpha: mode 'c' (recall) */
	bool checksum;   /* a CRC or checksum was present and right */
	int function;    /* modbus function code */
	int reg;         /* modbus first register */
	int value;       /* modbus 06: the raw register value */
	char alpha_type; /* alpha: type code, label, mode letter, position byte */
	char alpha_label;
	char alpha_mode;
	int alpha_position;
	int alpha_nuls; /* alpha: NULs before SOH (the sign wants at least 5) */
};

/*
 * Decode the frame at the start of buf[0..len) as cfg's protocol expects.
 * Returns 1 with *out filled and *consumed = the frame's length; 0 if more
 * bytes are needed (*consumed = 0); SQ_ERR_CORRUPT if the bytes at the start
 * are not a good frame (bad CRC, checksum, stray byte), with *consumed >= 1
 * bytes to drop before trying again and err saying why.
 */
int display_decode(const struct display_config *cfg, const uint8_t *buf, size_t len,
                   struct display_frame *out, size_t *consumed, struct sq_error *err);

/*
 * One line describing f, e.g. `frame modbus unit=1 show=12` or
 * `frame alpha addr=03 text="A012 3"`, into out (size n).
 */
void display_frame_describe(const struct display_frame *f, char *out, size_t n);

#endif
