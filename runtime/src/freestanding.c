/*===- freestanding.c - memcpy/memset for targets without a libc ---------===*
 *
 * Compiled only into freestanding builds (-DEDGE_FREESTANDING): generated code
 * and the compiler's own loop idioms may call memcpy, memset and memmove and
 * nothing else, except on Hexagon two functions of the compiler's runtime
 * (below), defined weak so that a toolchain's own copies win.
 *===----------------------------------------------------------------------===*/

#include <stddef.h>

#ifdef EDGE_FREESTANDING
void *memcpy(void *dst, const void *src, size_t n) {
  unsigned char *d = (unsigned char *)dst;
  const unsigned char *s = (const unsigned char *)src;
  while (n--)
    *d++ = *s++;
  return dst;
}

void *memset(void *dst, int value, size_t n) {
  unsigned char *d = (unsigned char *)dst;
  while (n--)
    *d++ = (unsigned char)value;
  return dst;
}

void *memmove(void *dst, const void *src, size_t n) {
  unsigned char *d = (unsigned char *)dst;
  const unsigned char *s = (const unsigned char *)src;
  if (d < s) {
    while (n--)
      *d++ = *s++;
  } else {
    while (n--)
      d[n] = s[n];
  }
  return dst;
}

#ifdef __hexagon__
#include <stdint.h>

/* LLVM calls this for a copy of at least 32 bytes, a multiple of 8, between
 * 8-byte aligned buffers. */
__attribute__((weak)) void *
__hexagon_memcpy_likely_aligned_min32bytes_mult8bytes(void *dst,
                                                      const void *src,
                                                      size_t n) {
  return memcpy(dst, src, n);
}

/* The correctly rounded square root (Hexagon has no instruction for it), by
 * the digit-by-digit integer square root of the significand. */
__attribute__((weak)) float __hexagon_sqrtf(float x) {
  union {
    float f;
    uint32_t u;
  } v = {x};
  uint32_t bits = v.u;
  if (bits == 0 || bits == 0x80000000u || bits >= 0x7f800000u) {
    if (bits > 0x80000000u) { /* negative, or NaN: NaN */
      v.u = 0x7fc00000u;
      return v.f;
    }
    return x; /* +-0 and +inf are their own roots */
  }
  /* x = m * 2^(e - 23) with m in [2^23, 2^24). */
  int32_t e = (int32_t)(bits >> 23);
  uint32_t m = bits & 0x7fffffu;
  if (e == 0) { /* subnormal */
    e = 1;
    while (!(m & 0x800000u)) {
      m <<= 1;
      --e;
    }
  } else {
    m |= 0x800000u;
  }
  e -= 127;
  /* An even exponent: x = m' * 2^(e' - 23), m' in [2^23, 2^25). */
  if (e & 1) {
    m <<= 1;
    e -= 1;
  }
  /* sqrt(x) = sqrt(m' * 2^23) * 2^((e' - 46) / 2); the integer root q of
   * M = m' * 2^23 in [2^46, 2^48) has 24 bits. */
  uint64_t big = (uint64_t)m << 23, root = 0, rest = 0;
  for (int bit = 47; bit >= 1; bit -= 2) {
    rest = (rest << 2) | ((big >> (bit - 1)) & 3u);
    uint64_t trial = (root << 2) | 1u;
    root <<= 1;
    if (rest >= trial) {
      rest -= trial;
      root |= 1u;
    }
  }
  /* Round to nearest: up when M - q^2 > q (no ties for an integer M). */
  if (rest > root)
    ++root;
  int32_t exponent = (e - 46) / 2 + 23 + 127;
  if (root == 0x1000000u) { /* rounded up to 2^24 */
    root >>= 1;
    ++exponent;
  }
  v.u = ((uint32_t)exponent << 23) | ((uint32_t)root & 0x7fffffu);
  return v.f;
}
#endif /* __hexagon__ */
#endif /* EDGE_FREESTANDING */
