# Stands in for the Raspberry Pi Pico SDK's external/pico_sdk_import.cmake in the test
# package_pico_example (there is no SDK here): like the SDK, it chooses the compiler before
# project() — the Cortex-M0+ toolchain of mcu/cmake — and provides the SDK's CMake functions
# (../pico_sdk_init.cmake).
get_filename_component(ANNE_STUB_ROOT "${CMAKE_CURRENT_LIST_DIR}/../../../.." ABSOLUTE)
set(CMAKE_TOOLCHAIN_FILE "${ANNE_STUB_ROOT}/mcu/cmake/cortex-m0plus.cmake")
include("${CMAKE_CURRENT_LIST_DIR}/../pico_sdk_init.cmake")
