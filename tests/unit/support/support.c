#include <stdio.h>
#include <stdlib.h>

#include "msb_test.h"

int msbt_close_rel(double a, double b, double rel)
{
    if (a == b) return 1;
    return fabs(a - b) <= rel * fmax(fabs(a), fabs(b));
}

static uint64_t splitmix64(uint64_t *x)
{
    uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

void msbt_rng_seed(msbt_rng *r, uint64_t seed)
{
    for (int i = 0; i < 4; i++) r->s[i] = splitmix64(&seed);
}

static uint64_t rotl(uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }

static uint64_t next(msbt_rng *r)
{
    uint64_t *s = r->s;
    const uint64_t result = rotl(s[1] * 5, 7) * 9;
    const uint64_t t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 45);
    return result;
}

double msbt_uniform(msbt_rng *r) { return (double)(next(r) >> 11) * 0x1.0p-53; }

double msbt_normal(msbt_rng *r)
{
    double u1;
    do u1 = msbt_uniform(r);
    while (u1 <= 0.0);
    double u2 = msbt_uniform(r);
    return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
}

const char *msbt_data_path(const char *relative)
{
    static char buf[4096];
    snprintf(buf, sizeof buf, "%s/%s", MSB_TEST_DATA_DIR, relative);
    return buf;
}

const char *msbt_shared_data_path(const char *relative)
{
    static char buf[4096];
    snprintf(buf, sizeof buf, "%s/%s", MSB_SHARED_DATA_DIR, relative);
    return buf;
}

static char tmpdir[256];

int msbt_tmpdir_create(const char *prefix)
{
    snprintf(tmpdir, sizeof tmpdir, "%sXXXXXX", prefix);
    return mkdtemp(tmpdir) ? 0 : -1;
}

int msbt_tmpdir_remove(void)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
    return system(cmd) == 0 ? 0 : -1;
}

const char *msbt_tmp_path(const char *name)
{
    static char buf[4][512];
    static int k = 0;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", tmpdir, name);
    return buf[k];
}

const char *msbt_tmpdir(void) { return tmpdir; }
