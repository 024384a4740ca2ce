// A loop of exactly ITERS iterations for the instruction counter:
// 1 instruction before it, 5 in its body (2 of them fmla), 3 after it.
        .text
        .globl _start
_start:
        mov     x0, #ITERS
1:      fmla    v0.4s, v1.4s, v2.4s
        fmla    v3.4s, v1.4s, v2.s[0]
        fmls    v4.4s, v1.4s, v2.4s
        subs    x0, x0, #1
        b.ne    1b
        mov     x0, #0
        mov     x8, #93         // exit
        svc     #0
