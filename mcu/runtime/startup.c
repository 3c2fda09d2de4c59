/* Start-up of a bare-metal Cortex-M program: the vector table and the reset handler.
 *
 * The program is linked with -nostartfiles (newlib's crt0 expects an operating system or a
 * debugger to have set things up), so this file does what crt0 would: copy .data from flash,
 * zero .bss, open the semihosting console, run the C++ constructors, call main and exit with
 * its result. On the Cortex-M33 it first switches the FPU on.
 */
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

/* From the linker script (sections.ld). */
extern uint32_t __data_start[], __data_end[], __data_load[];
extern uint32_t __bss_start__[], __bss_end__[];
/* The initial stack pointer. Declared as a function only so that its address has the type of
 * the vector table's entries (ISO C does not convert object pointers to function pointers). */
extern void __stack_top(void);

/* From newlib: librdimon's semihosting set-up, and the C++ constructor runner. */
extern void initialise_monitor_handles(void);
extern void __libc_init_array(void);
extern int main(void);

/* __libc_init_array calls _init, which crti.o would provide; nothing is left for it to do. */
void _init(void) {}
void _fini(void) {}

void reset_handler(void) {
#if defined(__ARM_FP)
    /* CPACR (0xE000ED88) bits 20-23: full access to coprocessors 10 and 11, the FPU. Without
     * it the first float instruction faults. dsb + isb make it take effect at once. */
    *(volatile uint32_t*)0xE000ED88u |= 0xFu << 20;
    __asm__ volatile("dsb\n\tisb" ::: "memory");
#endif
    const uint32_t* from = __data_load;
    for (uint32_t* to = __data_start; to < __data_end;) *to++ = *from++;
    for (uint32_t* p = __bss_start__; p < __bss_end__;) *p++ = 0;
    initialise_monitor_handles();
    __libc_init_array();
    exit(main());
}

/* Any fault ends the program with exit code 3 and a message, instead of hanging QEMU. */
static void fault_handler(void) {
    static const char message[] = "anne-mcu: processor fault\n";
    write(2, message, sizeof message - 1);
    _exit(3);
}

typedef void (*handler)(void);

/* The vector table: the initial stack pointer, then the handlers of the processor's own
 * exceptions (1 reset, 2 NMI, 3 hard fault, 4-7 the configurable faults, 11 SVCall,
 * 12 debug monitor, 14 PendSV, 15 SysTick). No interrupt is enabled, so no entries follow. */
__attribute__((section(".vectors"), used)) const handler vector_table[16] = {
    __stack_top,
    reset_handler,
    fault_handler,
    fault_handler,
    fault_handler,
    fault_handler,
    fault_handler,
    fault_handler,
    0,
    0,
    0,
    fault_handler,
    fault_handler,
    0,
    fault_handler,
    fault_handler,
};
