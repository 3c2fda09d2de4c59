# Cortex-M33 with the single-precision FPU (ARMv8-M Mainline), the RP2350's processor, on
# QEMU's mps2-an505 (code at 0x10000000, RAM at 0x38000000).
set(ANNE_MCU_CPU_FLAGS "-mcpu=cortex-m33 -mthumb -mfloat-abi=hard -mfpu=fpv5-sp-d16")
set(ANNE_MCU_CPU cortex-m33)
set(ANNE_MCU_BOARD mps2-an505)
set(ANNE_MCU_LINKER_SCRIPT an505.ld)
# One SysTick tick per 50 emulated instructions with `-icount shift=0` (FACTS.md §6).
set(ANNE_MCU_INSTRUCTIONS_PER_TICK 50)
include(${CMAKE_CURRENT_LIST_DIR}/arm-none-eabi.cmake)
