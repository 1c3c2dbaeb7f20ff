/* Status texts and the thread-local error slot (msbridge/status.h). */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "core/internal.h"

#define MSBI_NAME_ENTRY(name, value, text) [value] = #name,
#define MSBI_TEXT_ENTRY(name, value, text) [value] = text,
#define MSBI_COUNT_ENTRY(name, value, text) +1
static const char *const status_names[] = {MSB_STATUS_LIST(MSBI_NAME_ENTRY)};
static const char *const status_texts[] = {MSB_STATUS_LIST(MSBI_TEXT_ENTRY)};
enum { STATUS_COUNT = 0 MSB_STATUS_LIST(MSBI_COUNT_ENTRY) };
_Static_assert(sizeof status_names / sizeof status_names[0] == STATUS_COUNT,
               "status codes must be contiguous from 0");

#define ERRBUF_SIZE 512
static _Thread_local char errbuf[ERRBUF_SIZE];
static _Thread_local msb_status errstatus;

int msb_status_count(void) { return STATUS_COUNT; }

const char *msb_status_string(msb_status code)
{
    if (code < 0 || code >= STATUS_COUNT) return "unknown status code";
    return status_texts[code];
}

const char *msb_status_name(msb_status code)
{
    if (code < 0 || code >= STATUS_COUNT) return NULL;
    return status_names[code];
}

const char *msb_last_error_message(void) { return errbuf; }
msb_status msb_last_error_status(void) { return errstatus; }

void msb_clear_error(void)
{
    errbuf[0] = '\0';
    errstatus = MSB_SUCCESS;
}

msb_status msbi_error(msb_status status, const char *where, const char *fmt, ...)
{
    int used = 0;
    if (where != NULL) {
        used = snprintf(errbuf, ERRBUF_SIZE, "%s: ", where);
        if (used < 0 || used >= ERRBUF_SIZE) used = 0;
    }
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(errbuf + used, (size_t)(ERRBUF_SIZE - used), fmt, ap);
    va_end(ap);
    errstatus = status;
    return status;
}
