/* Runtime of the generated bad-input matrix (tests/badinput/gen_matrix.py writes the cases).
 *
 * Each case makes one public call with exactly one argument mutated (or none: the valid base
 * call) and checks, with fds 1 and 2 redirected to temporary files around the call:
 *   - the status (or, for functions without a status, the documented return value);
 *   - on failure: msb_last_error_status() equals the status and msb_last_error_message() is
 *     not empty;
 *   - on failure: every output object of the call (buffers, out-handles) is byte-identical to
 *     the 0xA5 poison written before the call;
 *   - nothing was written to stdout or stderr by the call. */
#ifndef MSB_BADINPUT_HARNESS_H
#define MSB_BADINPUT_HARNESS_H

#include <stddef.h>
#include <stdint.h>

#include "msbridge.h"

void bi_init(void);
int bi_finish(void); /* prints the summary; returns the process exit code */

/* start a case (printed, so a crash names the case that was running) */
void bi_case(const char *fn, const char *arg, const char *mutation);
void bi_capture_begin(void);
void bi_capture_end(void);
void bi_fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* status check; expected = -1 means "any failure code"; returns 1 if st is a failure */
void bi_check_status(msb_status st, int expected);
void bi_check_untouched(const char *name, const void *obj, const void *snap, size_t size);
void bi_check_true(int cond, const char *what);
/* set a known thread error (MSB_ENULL from a NULL handle) before a call that must succeed */
void bi_mark_error(void);
/* after a successful call: the known error is still the thread's last error */
void bi_check_error_kept(msb_status st);
/* after a failure: count messages that do not name the called function (reported, not failed) */
void bi_check_message_names(msb_status st, const char *fn);

/* fixtures: known-good objects made with documented valid arguments (tests/badinput/fixtures.c) */
msb_law *fx_arrhenius(void);           /* D(T), 1 input, 1 output, 2 params */
msb_law *fx_arrhenius_named_k(void);   /* k(T) in 1/s (a rate law) */
msb_law *fx_langmuir(void);            /* single-site Langmuir theta(P, T) */
msb_law *fx_free_energy(void);         /* regular solution, Omega = 4 k_B 300 K: gap at 300 K */
msb_law *fx_ocv_free_energy(void);     /* OCV of fx_free_energy, T in [250, 350] K */
msb_law *fx_mu_table(void);            /* mu(x) table law: outputs mu, Theta */
msb_law *fx_sigma_law(void);           /* Nernst-Einstein sigma(T) from fx_arrhenius */
msb_estimate *fx_estimate(void);       /* a "validation" estimate */
msb_estimate *fx_ce_fit(void);         /* a "ce_fit" estimate with ncorr = 3 */
msb_lattice *fx_square(void);          /* 8 x 8 square lattice, 3 shells */
/* CE Hamiltonian on lat (fx_square): npair 2, ntrip_shells 2, ncorr 5; lat must outlive it */
msb_ce_hamiltonian *fx_ce_ham(const msb_lattice *lat);
/* mc_sgc scan of the ideal lattice gas (8 x 8 square, nv = 0) at T_K, nmu points with mu
 * equally spaced from mu_lo_kT to mu_hi_kT (units of kT) */
msb_estimate *fx_sgc_scan(double T_K, double mu_lo_kT, double mu_hi_kT, size_t nmu);
int fx_cancel(void *user, double done, double total); /* progress callback: cancels at once */
msb_trajectory *fx_traj(void);         /* 2 species random walk, 16 atoms, 200 frames, cubic cell */
msb_table *fx_table(void);             /* columns "a", "b", 3 rows */
msb_units *fx_units(void);             /* "metal" */
const char *fx_path(const char *name); /* a file in the scratch folder (files below exist) */
/* fx_path("card.json"): a card of fx_arrhenius; "table.dat": a numeric table;
 * "traj.dump": a LAMMPS dump (metal units, 2 frames); "traj.xyz": extended XYZ, 2 frames;
 * "data.bin": 3 bytes; "newdir": a folder to write into (fx_path("newdir/x")) */
const double *fx_flux(void);          /* 3 x 4096 AR(1) series (Green-Kubo), component-major */

/* a copy of src[0..n-1] (in one static buffer) with the last element replaced by v */
const double *bi_mod(const double *src, size_t n, double v);

/* a static NUL-terminated string of 5000 'a' characters */
const char *bi_long_string(void);

#define BI_POISON(obj) memset(&(obj), 0xA5, sizeof(obj))

#endif
