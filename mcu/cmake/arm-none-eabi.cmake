# What both Cortex-M toolchain files share: the GNU Arm Embedded compilers (Debian's
# gcc-arm-none-eabi) building bare-metal programs. cortex-m0plus.cmake and cortex-m33.cmake set
# ANNE_MCU_CPU_FLAGS and the QEMU board, then include this file.
set(CMAKE_SYSTEM_NAME Generic)
set(CMAKE_SYSTEM_PROCESSOR arm)

set(CMAKE_C_COMPILER arm-none-eabi-gcc)
set(CMAKE_CXX_COMPILER arm-none-eabi-g++)
set(CMAKE_ASM_COMPILER arm-none-eabi-gcc)
find_program(ANNE_MCU_SIZE arm-none-eabi-size)
find_program(ANNE_MCU_NM arm-none-eabi-nm)

# There is no operating system to link a test program against while CMake probes the
# compiler, so its checks build a static library instead.
set(CMAKE_TRY_COMPILE_TARGET_TYPE STATIC_LIBRARY)

set(CMAKE_C_FLAGS_INIT "${ANNE_MCU_CPU_FLAGS}")
set(CMAKE_CXX_FLAGS_INIT "${ANNE_MCU_CPU_FLAGS}")
set(CMAKE_ASM_FLAGS_INIT "${ANNE_MCU_CPU_FLAGS}")
set(CMAKE_EXE_LINKER_FLAGS_INIT "${ANNE_MCU_CPU_FLAGS}")

set(CMAKE_FIND_ROOT_PATH_MODE_PROGRAM NEVER)
set(CMAKE_FIND_ROOT_PATH_MODE_LIBRARY ONLY)
set(CMAKE_FIND_ROOT_PATH_MODE_INCLUDE ONLY)
