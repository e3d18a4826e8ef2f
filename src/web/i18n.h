/* Message catalogues (zh-TW default, English) and language negotiation. Every string a
 * user sees comes from i18n/<lang>.msg, compiled into the binary. */
#ifndef VANS_WEB_I18N_H
#define VANS_WEB_I18N_H

#include <stddef.h>

enum lang { LANG_ZH_TW, LANG_EN, LANG__MAX };

/* Loads the embedded catalogues; returns -1 and a message naming file and line on error. */
int i18n_init(char *err, size_t errlen);
void i18n_free(void);
/* The message, or NULL when the catalogue lacks it. */
const char *i18n_lookup(enum lang lang, const char *key, size_t keylen);
/* The message, or the key itself (and a logged warning) when missing. */
const char *i18n_get(enum lang lang, const char *key);
const char *lang_code(enum lang lang);          /* "zh-TW", "en" */
/* "zh-TW"/"zh"/"en"… → lang; -1 when not one we offer. */
int lang_parse(const char *s, size_t len);
/* Best offered language for an Accept-Language header, or 'fallback'. */
enum lang lang_negotiate(const char *accept_language, size_t len, enum lang fallback);

/* Iteration over a catalogue's keys (for the tests that check both are complete). */
size_t i18n_count(enum lang lang);
const char *i18n_key_at(enum lang lang, size_t i);

#endif
