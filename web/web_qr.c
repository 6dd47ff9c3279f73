/*
 * web_qr.c - a QR code as inline SVG. See web_qr.h.
 */
#include "web_qr.h"

#include <qrencode.h>

#define QUIET 4 /* modules of white around the code, as the standard asks */

bool
web_qr_svg(struct web_buf *b, const char *text, const char *label)
{
	QRcode *qr = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);

	if (!qr)
		return false;
	int side = qr->width + 2 * QUIET;
	web_buf_printf(b,
	               "<svg class=qr xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
	               "shape-rendering=crispEdges role=img aria-label=\"",
	               side, side);
	web_buf_html(b, label);
	web_buf_printf(b, "\"><rect width=%d height=%d fill=#fff /><path fill=#000 d=\"", side,
	               side);
	/* One rectangle per run of dark modules in a row keeps the path short. */
	for (int y = 0; y < qr->width; y++) {
		const unsigned char *row = qr->data + (size_t)y * (size_t)qr->width;
		for (int x = 0; x < qr->width;) {
			int run = 0;
			while (x + run < qr->width && (row[x + run] & 1))
				run++;
			if (run)
				web_buf_printf(b, "M%d %dh%dv1h-%dz", x + QUIET, y + QUIET, run,
				               run);
			x += run ? run : 1;
		}
	}
	web_buf_str(b, "\"/></svg>");
	QRcode_free(qr);
	return true;
}
