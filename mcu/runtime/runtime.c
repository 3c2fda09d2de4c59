/* SysTick as an instruction counter, and the stack high-water mark (see runtime.h). */
#include "runtime.h"

/* The stack's lowest address, from the linker script. */
extern uint32_t __stack_limit[];

#define SYST_CSR (*(volatile uint32_t*)0xE000E010u) /* control and status */
#define SYST_RVR (*(volatile uint32_t*)0xE000E014u) /* reload value */
#define SYST_CVR (*(volatile uint32_t*)0xE000E018u) /* current value */

/* A value unlikely to be written by chance: not 0, not a small integer, not a float in use. */
#define STACK_PATTERN 0xA5C3E1F7u

void anne_mcu_start_ticks(void) {
    SYST_CSR = 0;
    SYST_RVR = 0xFFFFFFu;
    SYST_CVR = 0; /* any write clears the counter; it reloads on the next tick */
    SYST_CSR = 5; /* ENABLE | CLKSOURCE (processor clock), TICKINT off */
}

uint32_t anne_mcu_ticks(void) { return SYST_CVR; }

/* A leaf function: its own variables live in registers, so it may write up to its stack
 * pointer. Nothing interrupts it (no interrupt is enabled). */
void anne_mcu_paint_stack(void) {
    uint32_t* end = (uint32_t*)anne_mcu_stack_pointer();
    for (volatile uint32_t* p = __stack_limit; p < end; ++p) *p = STACK_PATTERN;
}

size_t anne_mcu_stack_used_below(uintptr_t top) {
    const volatile uint32_t* p = __stack_limit;
    while ((uintptr_t)p < top && *p == STACK_PATTERN) ++p;
    return top - (uintptr_t)p;
}
