/* Runtime of the bad-input matrix: output capture, checks and the summary. */
#include "harness.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int saved_fd[2] = {-1, -1};
static FILE *capture[2];
static const char *cur_fn = "", *cur_arg = "", *cur_mut = "";
static long n_cases, n_failed_cases, n_checks;
static int case_failed;

void bi_init(void)
{
    for (int k = 0; k < 2; k++) {
        capture[k] = tmpfile();
        if (!capture[k]) {
            perror("tmpfile");
            exit(2);
        }
    }
    setvbuf(stdout, NULL, _IOLBF, 0);
}

static void end_case(void)
{
    if (case_failed) n_failed_cases++;
    case_failed = 0;
}

void bi_case(const char *fn, const char *arg, const char *mutation)
{
    end_case();
    cur_fn = fn;
    cur_arg = arg;
    cur_mut = mutation;
    n_cases++;
    if (getenv("MSB_BADINPUT_VERBOSE")) printf("case %s [%s = %s]\n", fn, arg, mutation);
    fflush(stdout);
}

void bi_fail(const char *fmt, ...)
{
    va_list ap;
    printf("FAIL %s [%s = %s]: ", cur_fn, cur_arg, cur_mut);
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    printf("\n");
    case_failed = 1;
}

void bi_capture_begin(void)
{
    fflush(NULL);
    for (int k = 0; k < 2; k++) {
        saved_fd[k] = dup(k + 1);
        if (saved_fd[k] < 0 || dup2(fileno(capture[k]), k + 1) < 0) {
            perror("dup");
            exit(2);
        }
    }
}

void bi_capture_end(void)
{
    fflush(NULL);
    for (int k = 0; k < 2; k++) {
        dup2(saved_fd[k], k + 1);
        close(saved_fd[k]);
        saved_fd[k] = -1;
    }
    for (int k = 0; k < 2; k++) {
        int fd = fileno(capture[k]);
        struct stat sb;
        n_checks++;
        if (fstat(fd, &sb) == 0 && sb.st_size > 0) {
            char buf[201];
            ssize_t got = pread(fd, buf, sizeof buf - 1, 0);
            buf[got > 0 ? got : 0] = '\0';
            bi_fail("the call wrote %lld bytes to %s: \"%s\"", (long long)sb.st_size,
                    k ? "stderr" : "stdout", buf);
        }
        if (ftruncate(fd, 0) != 0) perror("ftruncate");
        lseek(fd, 0, SEEK_SET);
    }
}

void bi_check_status(msb_status st, int expected)
{
    n_checks++;
    const char *got = msb_status_name(st) ? msb_status_name(st) : "(not a status code)";
    if (expected == MSB_SUCCESS) {
        if (st != MSB_SUCCESS)
            bi_fail("valid call returned %s: %s", got, msb_last_error_message());
        return;
    }
    if (expected >= 0 && st != expected) {
        bi_fail("returned %s instead of the documented %s (message: \"%s\")", got,
                msb_status_name(expected), st ? msb_last_error_message() : "");
        if (st == MSB_SUCCESS) return;
    }
    if (st == MSB_SUCCESS) {
        bi_fail("returned MSB_SUCCESS for an invalid argument");
        return;
    }
    if (st < 0 || st >= msb_status_count()) bi_fail("returned %d, not an MSB_E* code", st);
    n_checks += 2;
    if (msb_last_error_status() != st)
        bi_fail("msb_last_error_status() = %d, the call returned %d", msb_last_error_status(),
                st);
    const char *msg = msb_last_error_message();
    if (!msg || !msg[0]) bi_fail("failed with %s but left no message", got);
}

void bi_check_untouched(const char *name, const void *obj, const void *snap, size_t size)
{
    n_checks++;
    if (memcmp(obj, snap, size) != 0)
        bi_fail("output '%s' was modified by a call that failed or had nothing to do", name);
}

void bi_check_true(int cond, const char *what)
{
    n_checks++;
    if (!cond) bi_fail("expected %s", what);
}

const double *bi_mod(const double *src, size_t n, double v)
{
    static double buf[3 * 4096];
    if (n == 0 || n > sizeof buf / sizeof buf[0]) {
        printf("bi_mod: array of %zu elements does not fit\n", n);
        exit(2);
    }
    memcpy(buf, src, n * sizeof *buf);
    buf[n - 1] = v;
    return buf;
}

static char marked[512];
static long n_unnamed;

void bi_mark_error(void)
{
    double f;
    msb_clear_error();
    (void)msb_units_to_si(NULL, MSB_Q_LENGTH, &f);
    snprintf(marked, sizeof marked, "%s", msb_last_error_message());
}

void bi_check_error_kept(msb_status st)
{
    if (st != MSB_SUCCESS) return;
    n_checks++;
    if (msb_last_error_status() != MSB_ENULL || strcmp(msb_last_error_message(), marked) != 0)
        bi_fail("a successful call changed the thread's last error to %d \"%s\" (status.h: "
                "successful calls leave it alone)", msb_last_error_status(),
                msb_last_error_message());
}

void bi_check_message_names(msb_status st, const char *fn)
{
    if (st == MSB_SUCCESS) return;
    if (!strstr(msb_last_error_message(), fn)) {
        n_unnamed++;
        if (getenv("MSB_BADINPUT_VERBOSE"))
            printf("note %s [%s = %s]: message does not name the function: \"%s\"\n", cur_fn,
                   cur_arg, cur_mut, msb_last_error_message());
    }
}

const char *bi_long_string(void)
{
    static char buf[5001];
    memset(buf, 'a', 5000);
    buf[5000] = '\0';
    return buf;
}

int bi_finish(void)
{
    end_case();
    printf("note: %ld failure messages do not name the called function\n", n_unnamed);
    printf("bad-input matrix: %ld cases (valid base calls and one-argument mutations), %ld checks,"
           " %ld failing cases\n", n_cases, n_checks, n_failed_cases);
    return n_failed_cases ? 1 : 0;
}
