/* Internal to libmsbridge: what a law family implements and the helpers that build handles.
 *
 * A family provides one kernel, `eval`, that computes any subset of values, input derivatives
 * and parameter derivatives for n points from an explicit parameter vector p. The dispatcher in
 * law.c validates inputs against each input's hard domain before calling it and checks every
 * computed value for finiteness after, so kernels contain formulas only. Passing p explicitly
 * lets one kernel serve the law's own parameters, Monte Carlo samples, and composed laws (which
 * hand each part its slice of the parameter vector). */
#ifndef MSBI_LAW_INTERNAL_H
#define MSBI_LAW_INTERNAL_H

#include <stdatomic.h>

#include "core/internal.h"
#include "msbridge/law.h"

#define MSBI_NAME_MAX 32

typedef struct msbi_var {
    char name[MSBI_NAME_MAX];
    char unit[MSBI_NAME_MAX];
    msb_domain_kind domain; /* inputs only */
} msbi_var;

/* Kernel: any of y, dydx, dydp may be NULL. Inputs are already validated. Returns
 * MSB_SUCCESS, or a status (with msbi_error) for family-specific failures. Must be thread-safe
 * and allocation-free. */
struct msbi_card_family;

typedef msb_status (*msbi_eval_fn)(const msb_law *law, const double *p, size_t n,
                                   const double *x, double *y, double *dydx, double *dydp);

/* Initialise with designated initializers (.kind = ..., .eval = ...): fields are appended over
 * time (e.g. serialisation hooks for law cards) and must default to NULL. */
typedef struct msbi_law_class {
    const char *kind;
    msbi_eval_fn eval;
    /* Optional: check a parameter vector (finiteness is checked by the caller). */
    msb_status (*check_params)(const char *where, const double *p);
    /* Optional: free the family data when the last handle sharing it goes. */
    void (*free_data)(void *data);
    /* ---- law cards (src/io/card.c, docs/law_cards.md); appended, NULL by default ----
     * A family is cardable when it has card_read and a line in src/laws/law_registry.c.
     * card_write (optional when the family has no constants of its own): store the family's
     *   constants with msbi_card_put (e.g. Eyring's kappa). The generic part (kind, names,
     *   units, parameters, covariance, validity, reference) is written by card.c.
     * card_read: build a law of this family from the card's family constants
     *   (msbi_card_get), output names/units and parameters (msbi_card_params); card.c then
     *   checks the shape and names against the card and sets parameters, covariance, validity
     *   and reference bitwise from it.
     * export_expr (optional): write into buf (cap bytes, snprintf semantics: return the length
     *   needed, < 0 on error) one expression valid in both C and Python for output 0, in terms
     *   of x0, x1, ... (inputs, SI), p0, p1, ... (parameters), the function exp(), the
     *   operators + - * / and parentheses, and literal numbers (%.17g) for family constants. */
    msb_status (*card_write)(const msb_law *law, struct msbi_card_family *f);
    msb_status (*card_read)(const struct msbi_card_family *f, msb_law **out);
    int (*export_expr)(const msb_law *law, char *buf, size_t cap);
} msbi_law_class;

/* Family constants of a card being written or read (opaque, implemented in src/io/card.c). */
typedef struct msbi_card_family msbi_card_family;
/* Record a finite constant (key: identifier-like, unique). MSB_ENOMEM / MSB_EINVAL. */
msb_status msbi_card_put(msbi_card_family *f, const char *key, double value);
/* Record an array of n finite constants (written as a JSON array, %.17g each). The values
 * are copied. MSB_ENOMEM / MSB_ENONFINITE. */
msb_status msbi_card_put_array(msbi_card_family *f, const char *key, size_t n,
                               const double *values);
/* Record a part (a law held by this one, e.g. the inner and outer laws of a composition): it is
 * written as a complete nested card under the card's "parts" member (the part must itself be
 * cardable, else MSB_EBADLAW). `part` must outlive the write. */
msb_status msbi_card_put_law(msbi_card_family *f, const char *key, const msb_law *part);
/* Read a constant: MSB_EFORMAT (with file:line:col) if missing or not a number. */
msb_status msbi_card_get(const msbi_card_family *f, const char *key, double *value);
/* Read an integer-valued constant in [lo, hi] (MSB_EFORMAT otherwise). */
msb_status msbi_card_get_int(const msbi_card_family *f, const char *key, long lo, long hi,
                             long *value);
/* Read an array of min_n..max_n numbers into a new buffer (*values, msbi_free it).
 * MSB_EFORMAT (missing, not an array of numbers, wrong length) / MSB_ENOMEM. */
msb_status msbi_card_get_array(const msbi_card_family *f, const char *key, size_t min_n,
                               size_t max_n, size_t *n, double **values);
/* Rebuild part `key` from the nested card under "parts" (recursively, with all checks of a
 * top-level card). The caller owns *out. */
msb_status msbi_card_get_law(const msbi_card_family *f, const char *key, msb_law **out);
/* Whether the card's family object has member `key` (optional constants). */
int msbi_card_has(const msbi_card_family *f, const char *key);
/* Number of parameters in the card (the length of msbi_card_params). */
size_t msbi_card_n_params(const msbi_card_family *f);
/* Function name for messages, output name/unit k, and the card's parameter vector. */
const char *msbi_card_where(const msbi_card_family *f);
const char *msbi_card_output_name(const msbi_card_family *f, size_t k);
const char *msbi_card_output_unit(const msbi_card_family *f, size_t k);
const double *msbi_card_params(const msbi_card_family *f);

/* The registry of cardable classes (src/laws/law_registry.c): NULL-terminated. */
extern const msbi_law_class *const msbi_law_registry[];
/* Class of a kind, or NULL. */
const msbi_law_class *msbi_law_registry_find(const char *kind);

/* Immutable description shared (reference-counted) by every handle made from one constructor
 * call, including msb_law_with_params / msb_law_with_domain copies. */
typedef struct msbi_law_shared {
    atomic_size_t refs;
    const msbi_law_class *cls;
    void *data;
    size_t nin, nout, nparam;
    msbi_var in[MSB_LAW_MAX_INPUTS];
    msbi_var out[MSB_LAW_MAX_OUTPUTS];
    msbi_var *par; /* nparam entries */
    char reference[256];
} msbi_law_shared;

struct msb_law {
    msbi_law_shared *shared;
    double *param;   /* nparam */
    double *cov;     /* nparam * nparam, row-major */
    double *lo, *hi; /* validity domain, nin each */
};

/* Specification handed to msbi_law_create. */
typedef struct msbi_law_spec {
    const msbi_law_class *cls;
    void *data;              /* owned by the law on success AND on failure (freed via cls) */
    const char *reference;
    size_t nin, nout, nparam;
    const msbi_var *in, *out, *par;
    const double *param;     /* nparam values */
    const double *cov;       /* nparam^2 or NULL for zeros; already validated */
} msbi_law_spec;

msb_status msbi_law_create(const char *where, const msbi_law_spec *spec, msb_law **out);

/* Family data of a law (NULL-safe: returns NULL for NULL). */
static inline void *msbi_law_data(const msb_law *law) { return law->shared->data; }
static inline const msbi_law_class *msbi_law_class_of(const msb_law *law)
{
    return law->shared->cls;
}

/* Call a law's kernel without validation (for composed laws whose inputs are already
 * validated), with the given parameters (NULL: the law's own). */
msb_status msbi_law_eval_raw(const msb_law *law, const double *p, size_t n, const double *x,
                             double *y, double *dydx, double *dydp);

/* Independent handle sharing the description (for composed laws to hold their parts). */
msb_status msbi_law_ref(const char *where, const msb_law *law, msb_law **out);

/* Set a validity domain on a handle being built (before it is returned to the user). */
void msbi_law_set_validity(msb_law *law, size_t j, double lo, double hi);

#endif
