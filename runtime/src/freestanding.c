/*===- freestanding.c - memcpy/memset for targets without a libc ---------===*
 *
 * Compiled only into freestanding builds (-DEDGE_FREESTANDING): generated code
 * and the compiler's own loop idioms may call these two and nothing else.
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
#endif
