/*
 * web_qr.h - a QR code drawn as inline SVG (libqrencode, as the printed
 * ticket's), so that a page needs no image file and no data: address (the
 * Content-Security-Policy allows neither).
 *
 * Pure apart from libqrencode's allocation; any thread.
 */
#ifndef SADUAK_WEB_QR_H
#define SADUAK_WEB_QR_H

#include <stdbool.h>

#include "web_buf.h"

/*
 * Append an <svg> of the QR code of text (error correction M, a quiet zone
 * of 4 modules), labelled label (escaped) for screen readers. False, with
 * nothing appended, when libqrencode cannot encode it.
 */
bool web_qr_svg(struct web_buf *b, const char *text, const char *label);

#endif
