// start-hexagon.S - Process entry for the freestanding hexagon harness under
// qemu-hexagon (linux-user): the kernel leaves argc at [sp] and argv after it;
// main's return value becomes the exit status (exit is syscall 93, trap0(#1)).
        .text
        .globl _start
_start:
        { r0 = memw(r29 + #0); r1 = add(r29, #4) }
        { r29 = and(r29, #-8) }         // the ABI wants an 8-byte aligned stack
        { call main }
        { r6 = #93 }
        { trap0(#1) }
