/* msbridge/export.h — symbol visibility for the public API.
 *
 * The library is built with hidden default visibility; only declarations marked MSB_API are
 * exported from libmsbridge.so, and every one of them starts with msb_ (a test checks).
 */
#ifndef MSBRIDGE_EXPORT_H
#define MSBRIDGE_EXPORT_H

#if defined(MSB_BUILDING_LIBRARY) && defined(__GNUC__)
#define MSB_API __attribute__((visibility("default")))
#else
#define MSB_API
#endif

#if defined(__GNUC__)
#define MSB_DEPRECATED(msg) __attribute__((deprecated(msg)))
#else
#define MSB_DEPRECATED(msg)
#endif

#ifdef __cplusplus
#define MSB_BEGIN_DECLS extern "C" {
#define MSB_END_DECLS }
#else
#define MSB_BEGIN_DECLS
#define MSB_END_DECLS
#endif

#endif
