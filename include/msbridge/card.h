/* msbridge/card.h — law cards: a self-describing JSON file for any law, and exporters.
 *
 * A card holds everything needed to rebuild a law exactly: its kind, reference, inputs (names,
 * SI units, hard domains, validity domain), outputs, parameters (names, units, values), the full
 * parameter covariance, the family's own constants (e.g. Eyring's kappa and Wigner constant) and
 * provenance (library version, SHA-256 of the input files, a free note). Doubles are written with
 * %.17g and read with strtod, so reading a card back gives a law whose parameters, covariance,
 * validity bounds and evaluations are bitwise identical to the written one. The format is
 * described in docs/law_cards.md (format "msbridge-law-card", format_version 1).
 *
 * Which kinds can be carded: every family registered in src/laws/law_registry.c, i.e. every
 * law family of the library (rate laws, kapitza, langmuir, free_energy_rk, the OCV laws,
 * cohesive, chemo-mechanical and transport laws) and composed laws (msb_law_compose, and the
 * families built from other laws, e.g. Darken, Nernst-Einstein), whose parts are written
 * as nested cards under "parts" (docs/law_cards.md lists each kind's constants and parts).
 * A law of any other kind fails with MSB_EBADLAW and nothing is written.
 *
 * Numbers are printed and parsed in the C locale's format; the library never calls setlocale,
 * so a host that switches LC_NUMERIC to a comma-decimal locale must switch it back around card
 * I/O.
 */
#ifndef MSBRIDGE_CARD_H
#define MSBRIDGE_CARD_H

#include <stddef.h>

#include "msbridge/law.h"

MSB_BEGIN_DECLS

/* Provenance recorded in a card (all optional): n_inputs input files whose paths are in
 * input_paths (each is hashed with SHA-256 and recorded; input_paths may be NULL when
 * n_inputs = 0), created_by (e.g. "msbridge fuse --arrhenius") and a free-text note (NULL for
 * none). Passed as plain arguments, not a struct, so that no struct layout is ABI.
 *
 * The card text of `law` as a NUL-terminated JSON string in *json (free with msb_string_free).
 * Errors: MSB_ENULL (law, json), MSB_EBADLAW (the law's kind cannot be
 * carded), MSB_EIO (an input file cannot be read for hashing), MSB_ENOMEM. On failure *json is
 * untouched. Thread-safe. */
MSB_API msb_status msb_card_to_string(const msb_law *law, size_t n_inputs,
                                      const char *const *input_paths, const char *created_by,
                                      const char *note, char **json);

/* Write the card of `law` to `path`, crash-safe: the text is written to a temporary file in the
 * same folder, flushed (fsync), and renamed over `path`; the folder is then fsynced. On any
 * failure the temporary file is removed and a previous file at `path` is left untouched.
 * Errors: as msb_card_to_string, plus MSB_EINVAL (empty path), MSB_EIO (cannot
 * create/write/rename). Thread-safe for different paths. */
MSB_API msb_status msb_card_write(const msb_law *law, const char *path, size_t n_inputs,
                                  const char *const *input_paths, const char *created_by,
                                  const char *note);

/* Rebuild a law from card text (len bytes; need not be NUL-terminated). `name` labels error
 * messages (e.g. the file name; NULL for "<string>"), which read "name:line:column: what".
 * Errors: MSB_ENULL, MSB_EFORMAT (not JSON, wrong format tag, missing or mistyped member,
 * inconsistent sizes, covariance of the wrong shape or not symmetric / negative variance,
 * names that do not match the family), MSB_ETRUNCATED (text ends inside a value),
 * MSB_EVERSION (format_version newer than this library reads), MSB_EBADLAW (unknown kind),
 * MSB_EDOM / MSB_ENONFINITE (family constants out of domain), MSB_ENOMEM. Thread-safe. */
MSB_API msb_status msb_card_from_string(const char *text, size_t len, const char *name,
                                        msb_law **out);

/* Read a card file (errors as msb_card_from_string, plus MSB_EIO). Thread-safe. */
MSB_API msb_status msb_card_read(const char *path, msb_law **out);

/* Free a string returned by the library. NULL-safe. */
MSB_API void msb_string_free(char *s);

/* SHA-256 (FIPS 180-4) of n bytes / of a file, as 64 lowercase hex digits + NUL in hex.
 * Errors: MSB_ENULL, MSB_EIO. Thread-safe. */
MSB_API msb_status msb_sha256_hex(const void *data, size_t n, char hex[65]);
MSB_API msb_status msb_sha256_file(const char *path, char hex[65]);

/* ---- exporters (see docs/law_cards.md) ---- */

/* Python source of a PyBaMM-style parameter function `def <function_name>(<inputs>):`
 * returning the law's (single) output with the law's parameters baked in as constants. The
 * function uses `exp` from pybamm when pybamm is importable, else numpy, else math, so it works
 * on PyBaMM symbols, numpy arrays and floats. Inputs are positional in the law's input order,
 * in SI units. function_name must be a Python identifier (letters, digits, '_', not starting
 * with a digit, < 64 bytes). Written crash-safe as msb_card_write.
 * Errors: MSB_ENULL, MSB_EINVAL (bad name, empty path), MSB_EBADLAW (a law without a closed-form
 * exporter, e.g. piecewise or built from other laws, or with more than one output), MSB_EIO, MSB_ENOMEM. Thread-safe for different paths. */
MSB_API msb_status msb_card_export_pybamm(const msb_law *law, const char *function_name,
                                          const char *path);

/* A plain C header: `#define <PREFIX>_<PARAM> value` for every parameter (%.17g), the validity
 * bounds, and `static inline double <prefix>_eval(<inputs>)` evaluating the law with <math.h>.
 * prefix: a C identifier (< 64 bytes). Errors as msb_card_export_pybamm. */
MSB_API msb_status msb_card_export_c_header(const msb_law *law, const char *prefix,
                                            const char *path);

MSB_END_DECLS

#endif
