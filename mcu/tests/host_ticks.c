/* The runtime's tick counter on the host, for check_int8.cpp built there: clock() counting
 * down, as SysTick does on the boards. */
#include <time.h>

#include "runtime.h"

void anne_mcu_start_ticks(void) {}

uint32_t anne_mcu_ticks(void) { return (uint32_t)(0xFFFFFFFFu - (uint32_t)clock()); }
