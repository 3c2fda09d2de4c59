/* SysTick as an instruction counter under QEMU (see runtime.h); rp2040.c counts cycles instead. */
#include "runtime.h"

#define SYST_CSR (*(volatile uint32_t*)0xE000E010u) /* control and status */
#define SYST_RVR (*(volatile uint32_t*)0xE000E014u) /* reload value */
#define SYST_CVR (*(volatile uint32_t*)0xE000E018u) /* current value */

void anne_mcu_start_ticks(void) {
    SYST_CSR = 0;
    SYST_RVR = 0xFFFFFFu;
    SYST_CVR = 0; /* any write clears the counter; it reloads on the next tick */
    SYST_CSR = 5; /* ENABLE | CLKSOURCE (processor clock), TICKINT off */
}

uint32_t anne_mcu_ticks(void) { return SYST_CVR; }
