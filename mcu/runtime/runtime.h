/* The bare-metal runtime of the test and benchmark programs. startup.c starts the program
 * (vector table, .data and .bss, FPU, semihosting, then main), or rp2040.c on the emulated
 * RP2040; this header gives a program what it needs to measure itself:
 *
 *   - under QEMU, SysTick as an instruction counter: with `qemu-system-arm -icount
 *     shift=0,sleep=off` it advances exactly once per ANNE_MCU_INSTRUCTIONS_PER_TICK emulated
 *     instructions (24 bits); on the RP2040 (rp2040js) a tick is one cycle (32 bits);
 *     ANNE_MCU_TICK_UNIT says which ("instructions" or "cycles");
 *   - the stack high-water mark: paint the free stack, run something, see how deep it wrote.
 *
 * Output goes through semihosting (newlib's printf); returning from main ends QEMU with
 * main's return value as its exit code.
 */
#ifndef ANNE_MCU_RUNTIME_H
#define ANNE_MCU_RUNTIME_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Starts SysTick as a free-running 24-bit down-counter clocked by the processor
 * (CSR = 5: enabled, processor clock, no interrupt, so nothing else touches the stack). */
void anne_mcu_start_ticks(void);

/* The counter now. It counts down, from 0xFFFFFF to 0, then wraps. */
uint32_t anne_mcu_ticks(void);

/* Ticks from start to end (both read with anne_mcu_ticks), correct while less than one full
 * wrap (2^ANNE_MCU_TICK_BITS ticks) passed between them. */
static inline uint32_t anne_mcu_ticks_between(uint32_t start, uint32_t end) {
    return (start - end) & (uint32_t)((1ull << ANNE_MCU_TICK_BITS) - 1);
}

/* The caller's stack pointer. */
static inline uintptr_t anne_mcu_stack_pointer(void) {
    uintptr_t sp;
    __asm__ volatile("mov %0, sp" : "=r"(sp));
    return sp;
}

/* Fills the free stack, from its limit up to this call's stack pointer, with a pattern. */
void anne_mcu_paint_stack(void);

/* Bytes of stack used below `top` (a stack pointer read before the work) since the last
 * anne_mcu_paint_stack: from top down to the deepest word that no longer holds the pattern. */
size_t anne_mcu_stack_used_below(uintptr_t top);

#ifdef __cplusplus
}
#endif

#endif
