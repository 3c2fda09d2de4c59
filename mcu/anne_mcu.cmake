# Building programs for the Cortex-M boards: included by mcu/CMakeLists.txt (the tests) and
# bench/footprint/CMakeLists.txt (the footprint benchmark), in a project configured with
# cmake/cortex-m0plus.cmake or cmake/cortex-m33.cmake (QEMU's boards) or cmake/rp2040.cmake
# (the RP2040 under rp2040js) as its toolchain file.
#
#   anne_mcu_executable(name source...)   name.elf, linked with the runtime, and name.map
#   anne_mcu_large_executable(name source...)
#                                         the same for a program larger than the RP2040's
#                                         SRAM: there its code and constants go to flash
#                                         (ANNE_MCU_FLASH_LINKER_SCRIPT); the QEMU boards'
#                                         4 MB hold it anyway
if(NOT ANNE_MCU_LINKER_SCRIPT)
  message(FATAL_ERROR "configure with -DCMAKE_TOOLCHAIN_FILE=mcu/cmake/cortex-m0plus.cmake, "
                      "mcu/cmake/cortex-m33.cmake or mcu/cmake/rp2040.cmake")
endif()

get_filename_component(ANNE_MCU_DIR ${CMAKE_CURRENT_LIST_DIR} ABSOLUTE)
get_filename_component(ANNE_ROOT ${ANNE_MCU_DIR}/.. ABSOLUTE)

set(CMAKE_C_STANDARD 11)
set(CMAKE_C_EXTENSIONS OFF)
set(CMAKE_CXX_STANDARD 17)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
set(CMAKE_CXX_EXTENSIONS OFF)

# -Os as a firmware build would be (-O2 on the RP2040, where cycles are measured). Every function and object in its own section, so that the
# linker drops what nothing references (--gc-sections): an exported model then carries only the
# activations it uses. No exceptions, no RTTI: the core needs neither. -ffp-contract=off keeps
# a * b + c as two roundings on the Cortex-M33 (which has a fused multiply-add), as on the host.
if(NOT ANNE_MCU_OPTIMIZE)
  set(ANNE_MCU_OPTIMIZE -Os)
endif()
add_compile_options(
  ${ANNE_MCU_OPTIMIZE} -ffunction-sections -fdata-sections -ffp-contract=off
  $<$<COMPILE_LANGUAGE:CXX>:-fno-exceptions>
  $<$<COMPILE_LANGUAGE:CXX>:-fno-rtti>
  $<$<COMPILE_LANGUAGE:CXX>:-fno-threadsafe-statics>
  -Wall -Wextra -Wpedantic -Werror)

# An object library: its objects are always linked (nothing calls startup.c's vector table,
# which the hardware reads).
# On QEMU's boards: semihosting, SysTick counting instructions (24 bits). On the RP2040: UART0
# and bkpt to the runner, which counts cycles (32 bits).
if(ANNE_MCU_CPU STREQUAL "rp2040")
  set(start_up rp2040.c)
  set(tick_unit cycles)
  set(tick_bits 32)
  set(system_specs --specs=nosys.specs)
else()
  set(start_up startup.c systick.c)
  set(tick_unit instructions)
  set(tick_bits 24)
  set(system_specs --specs=rdimon.specs)
endif()
list(TRANSFORM start_up PREPEND ${ANNE_MCU_DIR}/runtime/)
add_library(anne_mcu_runtime OBJECT ${start_up} ${ANNE_MCU_DIR}/runtime/runtime.c)
target_include_directories(anne_mcu_runtime PUBLIC ${ANNE_MCU_DIR}/runtime)
target_compile_definitions(anne_mcu_runtime
  PUBLIC ANNE_MCU_INSTRUCTIONS_PER_TICK=${ANNE_MCU_INSTRUCTIONS_PER_TICK}
         ANNE_MCU_TICK_BITS=${tick_bits} ANNE_MCU_TICK_UNIT="${tick_unit}"
         ANNE_MCU_CPU="${ANNE_MCU_CPU}")

# The core, header-only.
add_library(anne_mcu_core INTERFACE)
target_include_directories(anne_mcu_core INTERFACE ${ANNE_ROOT}/include)

function(anne_mcu_executable name)
  add_executable(${name} ${ARGN})
  set_target_properties(${name} PROPERTIES SUFFIX .elf)
  target_link_libraries(${name} PRIVATE anne_mcu_runtime anne_mcu_core)
  # newlib-nano's small printf, semihosting for its output (rdimon) or our own UART output
  # (nosys, rp2040.c), no crt0 (startup.c or rp2040.c is ours).
  target_link_options(${name} PRIVATE
    --specs=nano.specs ${system_specs} -nostartfiles
    -L${ANNE_MCU_DIR}/runtime -T${ANNE_MCU_LINKER_SCRIPT}
    -Wl,--gc-sections -Wl,-Map=${CMAKE_CURRENT_BINARY_DIR}/${name}.map)
  file(GLOB linker_scripts ${ANNE_MCU_DIR}/runtime/*.ld)
  set_property(TARGET ${name} APPEND PROPERTY LINK_DEPENDS ${linker_scripts})
endfunction()

function(anne_mcu_large_executable name)
  if(ANNE_MCU_FLASH_LINKER_SCRIPT)
    set(ANNE_MCU_LINKER_SCRIPT ${ANNE_MCU_FLASH_LINKER_SCRIPT})
  endif()
  anne_mcu_executable(${name} ${ARGN})
endfunction()
