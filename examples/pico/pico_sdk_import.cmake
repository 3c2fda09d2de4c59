# Finds the Raspberry Pi Pico SDK. Pico SDK projects conventionally carry a copy of the SDK's
# external/pico_sdk_import.cmake; this project includes that very file from the SDK instead,
# so there is no copy to keep up to date. Include it before project(), as the SDK requires.
#
#   cmake -S examples/pico -B build-pico -DPICO_SDK_PATH=/path/to/pico-sdk   (or set it in the
#   environment); add -DPICO_BOARD=pico2 for a Pico 2.
if(NOT PICO_SDK_PATH AND DEFINED ENV{PICO_SDK_PATH})
  set(PICO_SDK_PATH $ENV{PICO_SDK_PATH})
endif()
if(NOT PICO_SDK_PATH OR NOT EXISTS "${PICO_SDK_PATH}/external/pico_sdk_import.cmake")
  message(FATAL_ERROR
    "The Raspberry Pi Pico SDK was not found: set PICO_SDK_PATH (-DPICO_SDK_PATH=... or in the "
    "environment) to a clone of https://github.com/raspberrypi/pico-sdk with its submodules "
    "(now: \"${PICO_SDK_PATH}\")")
endif()
get_filename_component(PICO_SDK_PATH "${PICO_SDK_PATH}" REALPATH BASE_DIR "${CMAKE_BINARY_DIR}")
set(PICO_SDK_PATH "${PICO_SDK_PATH}" CACHE PATH "Path to the Raspberry Pi Pico SDK" FORCE)
include("${PICO_SDK_PATH}/external/pico_sdk_import.cmake")
