/* Locale-independent number text (numtext.h): a "C" locale object, created once, used through
 * strtod_l and uselocale (POSIX 2008; both per-thread, so other threads are unaffected). */
#define _GNU_SOURCE 1
#include <locale.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/numtext.h"

static pthread_once_t once = PTHREAD_ONCE_INIT;
static locale_t c_locale = (locale_t)0;

static void make_c_locale(void) { c_locale = newlocale(LC_ALL_MASK, "C", (locale_t)0); }

double msbi_strtod(const char *s, char **end)
{
    pthread_once(&once, make_c_locale);
    if (c_locale != (locale_t)0) return strtod_l(s, end, c_locale);
    return strtod(s, end); /* newlocale("C") cannot fail in glibc short of ENOMEM */
}

const char *msbi_parse_number_slow(const char *p, double *out)
{
    char *end;
    const double v = msbi_strtod(p, &end);
    if (end == p) return NULL;
    *out = v;
    return end;
}

__attribute__((format(printf, 3, 0)))
static int vformat(char *buf, size_t size, const char *fmt, va_list ap)
{
    pthread_once(&once, make_c_locale);
    locale_t old = (locale_t)0;
    if (c_locale != (locale_t)0) old = uselocale(c_locale);
    int n = vsnprintf(buf, size, fmt, ap);
    if (old != (locale_t)0) uselocale(old);
    return n;
}

int msbi_vsnprintf_c(char *buf, size_t size, const char *fmt, va_list ap)
{
    return vformat(buf, size, fmt, ap);
}

int msbi_snprintf_c(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vformat(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

int msbi_format_double(char *buf, size_t size, double v)
{
    return msbi_snprintf_c(buf, size, "%.17g", v);
}
