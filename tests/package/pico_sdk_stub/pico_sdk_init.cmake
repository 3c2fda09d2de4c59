# The few Pico SDK functions examples/pico/CMakeLists.txt calls, done with the bare-metal
# runtime of mcu/ so that the example's own CMakeLists.txt builds a program that runs under
# QEMU: pico_stdlib is stdio over semihosting (mcu/tests/shim/pico/stdlib.h), the rest checks
# its arguments as the SDK would and otherwise does nothing.
macro(pico_sdk_init)
  include("${ANNE_STUB_ROOT}/mcu/anne_mcu.cmake")
  add_library(pico_stdlib INTERFACE)
  # An object library's objects reach a program only through its sources.
  target_sources(pico_stdlib INTERFACE $<TARGET_OBJECTS:anne_mcu_runtime>)
  target_include_directories(pico_stdlib INTERFACE "${ANNE_STUB_ROOT}/mcu/tests/shim"
                                                   "${ANNE_STUB_ROOT}/mcu/runtime")
  target_link_options(pico_stdlib INTERFACE --specs=nano.specs --specs=rdimon.specs
    -nostartfiles "-L${ANNE_STUB_ROOT}/mcu/runtime" "-T${ANNE_MCU_LINKER_SCRIPT}"
    -Wl,--gc-sections)
endmacro()

function(pico_enable_stdio_usb target enabled)
  if(NOT TARGET ${target} OR NOT enabled MATCHES "^[01]$")
    message(FATAL_ERROR "pico_enable_stdio_usb(${target} ${enabled})")
  endif()
endfunction()

function(pico_enable_stdio_uart target enabled)
  if(NOT TARGET ${target} OR NOT enabled MATCHES "^[01]$")
    message(FATAL_ERROR "pico_enable_stdio_uart(${target} ${enabled})")
  endif()
endfunction()

# The SDK's names (Raspberry Pi Pico-series C/C++ SDK, "Floating-point Support").
function(pico_set_float_implementation target name)
  if(NOT TARGET ${target} OR NOT name MATCHES "^(default|pico|compiler|none)$")
    message(FATAL_ERROR "pico_set_float_implementation(${target} ${name})")
  endif()
endfunction()

# The SDK writes .uf2, .bin, .hex and .dis beside the ELF; here the ELF is enough.
function(pico_add_extra_outputs target)
  set_target_properties(${target} PROPERTIES SUFFIX .elf)
endfunction()
