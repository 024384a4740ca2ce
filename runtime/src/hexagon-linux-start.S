// hexagon-linux-start.S - Process entry and write(2) for freestanding Hexagon
// programs run under qemu-hexagon (linux-user): the test harness of
// `edgecc check` and the benchmark harnesses. Firmware brings its own start-up
// and never links this file.
//
// The kernel leaves argc at [sp] and argv after it; main's return value
// becomes the exit status. Linux system calls are trap0(#1) with the number in
// r6 (64 write, 93 exit) and the arguments in r0-r2.
        .text
        .globl _start
_start:
        { r0 = memw(r29 + #0); r1 = add(r29, #4) }
        { r29 = and(r29, #-8) }         // the ABI wants an 8-byte aligned stack
        { call main }
        { r6 = #93 }
        { trap0(#1) }

// long edge_harness_write(int fd, const void *buf, unsigned long n)
        .globl edge_harness_write
        .type edge_harness_write, @function
edge_harness_write:
        { r6 = #64 }
        { trap0(#1) }
        { jumpr r31 }
        .size edge_harness_write, . - edge_harness_write
