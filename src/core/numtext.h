/* Internal: locale-independent number parsing and printing. A host program may call
 * setlocale(LC_NUMERIC, "de_DE.UTF-8"), which makes strtod expect a decimal comma; every reader
 * and writer in the library parses and prints through these instead, so files mean the same in
 * every locale. */
#ifndef MSBI_CORE_NUMTEXT_H
#define MSBI_CORE_NUMTEXT_H

#include <stdarg.h>
#include <stddef.h>

#if defined(__GNUC__)
#define MSBI_FORMAT(a, b) __attribute__((format(printf, a, b)))
#else
#define MSBI_FORMAT(a, b)
#endif

/* strtod in the "C" locale, whatever the process or thread locale is. Thread-safe. */
double msbi_strtod(const char *s, char **end);

/* snprintf(buf, size, "%.17g", v) in the "C" locale (17 significant digits: round-trips every
 * double). Returns snprintf's result. Thread-safe. */
int msbi_format_double(char *buf, size_t size, double v);

/* snprintf / vsnprintf in the "C" locale, for writers that format several numbers at once. */
int msbi_snprintf_c(char *buf, size_t size, const char *fmt, ...) MSBI_FORMAT(3, 4);
int msbi_vsnprintf_c(char *buf, size_t size, const char *fmt, va_list ap) MSBI_FORMAT(3, 0);

#endif
