/* Fuzz target: the template compiler and renderer on arbitrary template text. Templates
 * are ours, but a compiler that crashes on a typo would take the server down at start. */
#include <stddef.h>
#include <stdint.h>

#include "web/tmpl.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct tmpl_set *set = tmpl_set_new();
	char err[256];
	if (tmpl_add(set, "t", (const char *)data, size, err, sizeof err) == 0) {
		struct arena a;
		arena_init(&a, 0);
		struct val *ctx = val_obj(&a), *list = val_arr(&a);
		val_push(&a, list, val_str(&a, "<x>"));
		val_push(&a, list, ctx);
		val_set(&a, ctx, "a", list);
		val_set_str(&a, ctx, "b", "\"quoted\"");
		struct buf out;
		buf_init(&out, 1 << 20);
		struct tmpl_env env = { .lang = LANG_EN };
		(void)tmpl_render(set, "t", ctx, &env, &out);
		buf_free(&out);
		arena_free(&a);
	}
	tmpl_set_free(set);
	return 0;
}
