/* Internal: SHA-256 (FIPS 180-4) for card provenance. */
#ifndef MSBI_IO_SHA256_H
#define MSBI_IO_SHA256_H

#include <stddef.h>
#include <stdint.h>

typedef struct msbi_sha256 {
    uint32_t h[8];
    uint64_t nbytes;
    unsigned char buf[64];
    size_t nbuf;
} msbi_sha256;

void msbi_sha256_init(msbi_sha256 *c);
void msbi_sha256_update(msbi_sha256 *c, const void *data, size_t n);
/* 32-byte digest as 64 lowercase hex digits + NUL. */
void msbi_sha256_final_hex(msbi_sha256 *c, char hex[65]);

#endif
