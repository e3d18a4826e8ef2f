/* QR code → SVG: one path of unit squares for the dark modules, a quiet zone of four
 * modules, crisp edges. */
#include "identity/qr.h"
#include "core/buf.h"

#include <qrencode.h>
#include <string.h>

const char *qr_svg(struct arena *a, const char *text)
{
	QRcode *q = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
	if (!q)
		return NULL;
	int w = q->width, size = w + 8;
	struct buf b;
	buf_init(&b, 1 << 20);
	buf_printf(&b,
		   "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
		   "shape-rendering=\"crispEdges\"><rect width=\"%d\" height=\"%d\" fill=\"#fff\"/><path fill=\"#000\" d=\"",
		   size, size, size * 6, size * 6, size, size);
	for (int y = 0; y < w; y++)
		for (int x = 0; x < w; x++)
			if (q->data[y * w + x] & 1)
				buf_printf(&b, "M%d %dh1v1h-1z", x + 4, y + 4);
	buf_puts(&b, "\"/></svg>");
	QRcode_free(q);
	const char *out = arena_strndup(a, b.data, b.len);
	buf_free(&b);
	return out;
}
