/* The stack high-water mark (see runtime.h). */
#include "runtime.h"

/* The stack's lowest address, from the linker script. */
extern uint32_t __stack_limit[];

/* A value unlikely to be written by chance: not 0, not a small integer, not a float in use. */
#define STACK_PATTERN 0xA5C3E1F7u

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
