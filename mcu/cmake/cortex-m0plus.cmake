# Cortex-M0+ (ARMv6-M, no FPU: float arithmetic in software), the RP2040's processor.
# QEMU has no M0+ board with enough memory; ARMv6-M code runs unchanged on the Cortex-M3 of
# mps2-an385 (flash at 0x00000000, RAM at 0x20000000).
set(ANNE_MCU_CPU_FLAGS "-mcpu=cortex-m0plus -mthumb")
set(ANNE_MCU_CPU cortex-m0plus)
set(ANNE_MCU_BOARD mps2-an385)
set(ANNE_MCU_LINKER_SCRIPT an385.ld)
# With `-icount shift=0`, SysTick (clocked by the CPU, CSR = 5) advances one tick per 40
# emulated instructions on this board (docs: FACTS.md §6).
set(ANNE_MCU_INSTRUCTIONS_PER_TICK 40)
include(${CMAKE_CURRENT_LIST_DIR}/arm-none-eabi.cmake)
