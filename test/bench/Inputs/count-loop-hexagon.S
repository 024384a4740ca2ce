// A loop of exactly ITERS iterations for the instruction counter, which on
// Hexagon counts packets: 1 packet before it, 5 in its body (one of them
// holding 3 instructions), 3 after it.
        .text
        .globl _start
_start:
        { r0 = ##ITERS }
1:      { r1 = add(r1, #1) }
        { r2 = add(r2, r3); r4 = mpyi(r4, r5); r6 = and(r6, r7) }
        { r0 = add(r0, #-1) }
        { p0 = cmp.eq(r0, #0) }
        { if (!p0) jump 1b }
        { r0 = #0 }
        { r6 = #93 }            // exit
        { trap0(#1) }
