# The RP2040 (Cortex-M0+, ARMv6-M, no FPU) under rp2040js, which counts its cycles
# (tests/mcu/rp2040/run.mjs runs the programs). The same processor flags as cortex-m0plus.cmake;
# the program lives in SRAM (runtime/rp2040.ld; a large one in flash, rp2040_flash.ld) and
# talks through UART0 and bkpt instead of semihosting (runtime/rp2040.c). -O2, as the cycle
# figures in docs/performance.md are taken.
set(ANNE_MCU_CPU_FLAGS "-mcpu=cortex-m0plus -mthumb")
set(ANNE_MCU_CPU rp2040)
set(ANNE_MCU_LINKER_SCRIPT rp2040.ld)
# Programs larger than SRAM (anne_mcu_large_executable): code and constants in flash.
set(ANNE_MCU_FLASH_LINKER_SCRIPT rp2040_flash.ld)
set(ANNE_MCU_OPTIMIZE -O2)
# A tick is one cycle, read by `bkpt #1` from the runner (32 bits, not SysTick's 24).
set(ANNE_MCU_INSTRUCTIONS_PER_TICK 1)
include(${CMAKE_CURRENT_LIST_DIR}/arm-none-eabi.cmake)
