/* QR codes rendered on the server as SVG (libqrencode, included by qr.c only), so the
 * TOTP enrolment page needs no script. */
#ifndef VANS_IDENTITY_QR_H
#define VANS_IDENTITY_QR_H

#include "core/arena.h"

/* An SVG document of the QR code of text (in the arena), or NULL when too long. */
const char *qr_svg(struct arena *a, const char *text);

#endif
