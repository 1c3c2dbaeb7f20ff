/* SHA-256 after FIPS PUB 180-4 (2015), section 6.2, written from the standard's text; the
 * public entry points msb_sha256_hex / msb_sha256_file are declared in msbridge/card.h. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "io/sha256.h"
#include "core/internal.h"
#include "msbridge/card.h"

/* First 32 bits of the fractional parts of the cube roots of the first 64 primes (4.2.2). */
static const uint32_t K[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
    0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
    0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
    0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
    0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
    0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
    0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
    0xc67178f2};

static uint32_t rotr(uint32_t x, unsigned n) { return (x >> n) | (x << (32 - n)); }

static void block(msbi_sha256 *c, const unsigned char *m)
{
    uint32_t w[64];
    for (int t = 0; t < 16; t++)
        w[t] = (uint32_t)m[4 * t] << 24 | (uint32_t)m[4 * t + 1] << 16 |
               (uint32_t)m[4 * t + 2] << 8 | (uint32_t)m[4 * t + 3];
    for (int t = 16; t < 64; t++) {
        uint32_t s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
        uint32_t s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
        w[t] = w[t - 16] + s0 + w[t - 7] + s1;
    }
    uint32_t a = c->h[0], b = c->h[1], cc = c->h[2], d = c->h[3], e = c->h[4], f = c->h[5],
             g = c->h[6], h = c->h[7];
    for (int t = 0; t < 64; t++) {
        uint32_t S1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25);
        uint32_t ch = (e & f) ^ (~e & g);
        uint32_t t1 = h + S1 + ch + K[t] + w[t];
        uint32_t S0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22);
        uint32_t maj = (a & b) ^ (a & cc) ^ (b & cc);
        uint32_t t2 = S0 + maj;
        h = g;
        g = f;
        f = e;
        e = d + t1;
        d = cc;
        cc = b;
        b = a;
        a = t1 + t2;
    }
    c->h[0] += a;
    c->h[1] += b;
    c->h[2] += cc;
    c->h[3] += d;
    c->h[4] += e;
    c->h[5] += f;
    c->h[6] += g;
    c->h[7] += h;
}

void msbi_sha256_init(msbi_sha256 *c)
{
    static const uint32_t h0[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                   0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    memcpy(c->h, h0, sizeof h0);
    c->nbytes = 0;
    c->nbuf = 0;
}

void msbi_sha256_update(msbi_sha256 *c, const void *data, size_t n)
{
    const unsigned char *p = data;
    c->nbytes += n;
    while (n > 0) {
        size_t take = 64 - c->nbuf;
        if (take > n) take = n;
        memcpy(c->buf + c->nbuf, p, take);
        c->nbuf += take;
        p += take;
        n -= take;
        if (c->nbuf == 64) {
            block(c, c->buf);
            c->nbuf = 0;
        }
    }
}

void msbi_sha256_final_hex(msbi_sha256 *c, char hex[65])
{
    uint64_t bits = c->nbytes * 8;
    unsigned char pad = 0x80, zero = 0;
    uint64_t keep = c->nbytes;
    msbi_sha256_update(c, &pad, 1);
    while (c->nbuf != 56) msbi_sha256_update(c, &zero, 1);
    unsigned char len[8];
    for (int i = 0; i < 8; i++) len[i] = (unsigned char)(bits >> (56 - 8 * i));
    msbi_sha256_update(c, len, 8);
    c->nbytes = keep;
    static const char digits[] = "0123456789abcdef";
    for (int i = 0; i < 8; i++)
        for (int k = 0; k < 4; k++) {
            unsigned v = (c->h[i] >> (24 - 8 * k)) & 0xFF;
            hex[8 * i + 2 * k] = digits[v >> 4];
            hex[8 * i + 2 * k + 1] = digits[v & 15];
        }
    hex[64] = '\0';
}

msb_status msb_sha256_hex(const void *data, size_t n, char hex[65])
{
    if (n > 0) MSBI_CHECK_NULL(data);
    MSBI_CHECK_NULL(hex);
    msbi_sha256 c;
    msbi_sha256_init(&c);
    msbi_sha256_update(&c, data, n);
    msbi_sha256_final_hex(&c, hex);
    return MSB_SUCCESS;
}

msb_status msb_sha256_file(const char *path, char hex[65])
{
    MSBI_CHECK_NULL(path);
    MSBI_CHECK_NULL(hex);
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return MSBI_FAIL(MSB_EIO, "cannot open '%s': %s", path, strerror(errno));
    msbi_sha256 c;
    msbi_sha256_init(&c);
    unsigned char buf[16384];
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, f)) > 0) msbi_sha256_update(&c, buf, got);
    int bad = ferror(f);
    fclose(f);
    if (bad) return MSBI_FAIL(MSB_EIO, "read error on '%s'", path);
    msbi_sha256_final_hex(&c, hex);
    return MSB_SUCCESS;
}
