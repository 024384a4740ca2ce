// A loop of exactly ITERS (at most 2047, so `li` is one instruction)
// iterations for the instruction counter: 2 instructions before it, 4 in its
// body (2 of them vfmacc, in .vv and .vf forms), 3 after it.
        .text
        .globl _start
_start:
        li      a0, ITERS
        vsetivli zero, 4, e32, m1, ta, ma
1:      vfmacc.vv v0, v1, v2
        vfmacc.vf v3, fa0, v2
        addi    a0, a0, -1
        bnez    a0, 1b
        li      a0, 0
        li      a7, 93          // exit
        ecall
