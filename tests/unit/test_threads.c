/* Shared handles under concurrency: 8 threads x 1000 evaluations of every law kind on the same
 * handles, results bitwise equal to one serial evaluation. Run under ThreadSanitizer by
 * `./dev test` (build-tsan), which also reports any data race. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "msb_test.h"

enum { NTHREADS = 8, REPS = 1000, NPTS = 64, NLAWS = 4 };

typedef struct shared {
    msb_law *laws[NLAWS];
    double x[NLAWS][NPTS * 2];
    double y0[NLAWS][NPTS], d0[NLAWS][NPTS * 2], s0[NLAWS][NPTS];
} shared;

typedef struct job {
    const shared *sh;
    int mismatches, failures;
} job;

static void *worker(void *arg)
{
    job *j = arg;
    double y[NPTS], d[NPTS * 2], s[NPTS];
    for (int r = 0; r < REPS; r++) {
        int k = r % NLAWS;
        const msb_law *law = j->sh->laws[k];
        size_t nin = msb_law_n_inputs(law);
        if (msb_law_eval(law, NPTS, j->sh->x[k], y, d) != MSB_SUCCESS ||
            msb_law_eval_uq(law, NPTS, j->sh->x[k], NULL, s) != MSB_SUCCESS) {
            j->failures++;
            continue;
        }
        if (memcmp(y, j->sh->y0[k], sizeof(double) * NPTS) ||
            memcmp(d, j->sh->d0[k], sizeof(double) * NPTS * nin) ||
            memcmp(s, j->sh->s0[k], sizeof(double) * NPTS))
            j->mismatches++;
    }
    return NULL;
}

static void test_shared_handles(void **state)
{
    (void)state;
    shared *sh = calloc(1, sizeof *sh);
    const double c2[4] = {0.04, 1e-22, 1e-22, 1e-41}, c3[9] = {0.04, 0, 0, 0, 1e-41, 0, 0, 0, 1e-61};
    const double nm[3] = {5e12, 8e12, 9e12}, ns[2] = {2e12, 7e12};
    assert_ok(msb_tst_eyring_create(0.5 * MSB_EV, MSB_K_B, 0.9, 3e12, c2, &sh->laws[0]));
    assert_ok(msb_tst_vineyard_create(3, nm, 2, ns, 0.3 * MSB_EV, c2, &sh->laws[1]));
    assert_ok(msb_arrhenius_create(1e-7, 0.4 * MSB_EV, c2, &sh->laws[2]));
    assert_ok(msb_activation_volume_create(1e-7, 0.4 * MSB_EV, 1e-30, c3, &sh->laws[3]));
    for (int k = 0; k < NLAWS; k++) {
        size_t nin = msb_law_n_inputs(sh->laws[k]);
        for (int i = 0; i < NPTS; i++) {
            sh->x[k][i * nin] = 200 + 5 * i;
            if (nin == 2) sh->x[k][i * nin + 1] = -1e9 + 3e7 * i;
        }
        assert_ok(msb_law_eval(sh->laws[k], NPTS, sh->x[k], sh->y0[k], sh->d0[k]));
        assert_ok(msb_law_eval_uq(sh->laws[k], NPTS, sh->x[k], NULL, sh->s0[k]));
    }
    pthread_t th[NTHREADS];
    job jobs[NTHREADS];
    for (int t = 0; t < NTHREADS; t++) {
        jobs[t] = (job){sh, 0, 0};
        assert_int_equal(pthread_create(&th[t], NULL, worker, &jobs[t]), 0);
    }
    for (int t = 0; t < NTHREADS; t++) {
        pthread_join(th[t], NULL);
        assert_int_equal(jobs[t].failures, 0);
        assert_int_equal(jobs[t].mismatches, 0);
    }
    for (int k = 0; k < NLAWS; k++) msb_law_destroy(sh->laws[k]);
    free(sh);
}

/* Error messages are per thread: a failure in one thread does not change another's message. */
static void *fail_in_thread(void *arg)
{
    (void)arg;
    msb_law *law = NULL;
    msb_arrhenius_create(-1, 0, NULL, &law);
    return NULL;
}

static void test_thread_local_messages(void **state)
{
    (void)state;
    msb_clear_error();
    pthread_t th;
    pthread_create(&th, NULL, fail_in_thread, NULL);
    pthread_join(th, NULL);
    assert_string_equal(msb_last_error_message(), "");
    assert_int_equal(msb_last_error_status(), MSB_SUCCESS);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_shared_handles),
        cmocka_unit_test(test_thread_local_messages),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
