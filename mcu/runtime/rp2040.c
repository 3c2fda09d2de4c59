/* Start-up of a bare-metal program on the RP2040 as rp2040js emulates it
 * (tests/mcu/rp2040/run.mjs): the vector table, the reset handler, and what newlib needs to
 * print and to end, in place of semihosting (startup.c does the same for QEMU's boards).
 *
 * The runner has loaded the whole image where it runs (SRAM, rp2040.ld; or flash and SRAM,
 * rp2040_flash.ld), so .data is already in place; only .bss is zeroed. The program speaks to
 * the runner through
 *   UART0's data register (0x40034000)  each byte written is one byte of output; rp2040js
 *                                       passes it on without any UART set-up
 *   bkpt #1                             the runner puts the cycle count into r0
 *   bkpt #0                             the end, with the exit code in r0
 *   bkpt #3                             a processor fault
 * On a real RP2040 without a debugger, bkpt is a fault: these images are for the emulator.
 */
#include <stdint.h>
#include <stdlib.h>

#include "runtime.h"

extern uint32_t __bss_start__[], __bss_end__[];
extern void __stack_top(void); /* a function only for the vector table's type, as startup.c */
extern void __libc_init_array(void);
extern int main(void);

#define UART0_DR (*(volatile uint32_t*)0x40034000u)
#define VTOR (*(volatile uint32_t*)0xE000ED08u)

void _init(void) {}
void _fini(void) {}

/* newlib's exit ends here. */
void _exit(int code) {
    register int r0 __asm__("r0") = code;
    for (;;) __asm__ volatile("bkpt #0" : : "r"(r0));
}

/* newlib's stdout and stderr: every byte to UART0. */
int _write(int fd, const char* bytes, int n) {
    (void)fd;
    for (int i = 0; i < n; ++i) UART0_DR = (uint8_t)bytes[i];
    return n;
}

/* A terminal, so that newlib buffers stdout by lines and a fault loses little output. */
int _isatty(int fd) { return fd <= 2; }

/* The runner's cycle counter, counting down as SysTick does (runtime.h). */
void anne_mcu_start_ticks(void) {}

uint32_t anne_mcu_ticks(void) {
    register uint32_t r0 __asm__("r0");
    __asm__ volatile("bkpt #1" : "=r"(r0) : : "memory");
    return 0u - r0;
}

static void fault_handler(void) {
    for (;;) __asm__ volatile("bkpt #3");
}

typedef void (*handler)(void);
void reset_handler(void);

/* The processor's own exceptions (see startup.c); VTOR points here, at the start of the
 * image (SRAM or flash). */
__attribute__((section(".vectors"), used)) const handler vector_table[16] = {
    __stack_top, reset_handler, fault_handler, fault_handler, 0, 0, 0, 0, 0, 0, 0, fault_handler, 0,
    0,           fault_handler, fault_handler,
};

void reset_handler(void) {
    VTOR = (uint32_t)(uintptr_t)vector_table;
    for (uint32_t* p = __bss_start__; p < __bss_end__;) *p++ = 0;
    __libc_init_array();
    exit(main());
}
