# The Arduino library as the Arduino build system itself takes it: arduino-builder (the build
# engine of the Arduino IDE 1.8, Debian's arduino-builder) finds the library by the header the
# sketch includes, compiles it and the IrisClassifier sketch (prototypes, #line directives and
# all), and the result runs under QEMU on the session of tests/mcu/examples:
#
#   cmake -DSOURCE=<repository> -DWORK=<dir> -DBUILDER=<arduino-builder> -DQEMU=<qemu-system-arm>
#         -P arduino_builder.cmake
#
# The board is a stand-in (arduino_platform/: architecture rp2040, the Cortex-M0+ of QEMU's
# mps2-an385, with the stand-in core of mcu/tests/shim/arduino and the runtime of mcu/runtime).
cmake_minimum_required(VERSION 3.18)

include(${CMAKE_CURRENT_LIST_DIR}/steps.cmake)
require(arduino_builder.cmake SOURCE WORK BUILDER QEMU)

file(REMOVE_RECURSE ${WORK})
# The platform: hardware/VENDOR/ARCHITECTURE/ with platform.txt, boards.txt, cores/CORE/.
set(platform ${WORK}/hardware/annetest/rp2040)
file(COPY ${SOURCE}/tests/package/arduino_platform/platform.txt
          ${SOURCE}/tests/package/arduino_platform/boards.txt DESTINATION ${platform})
file(COPY ${SOURCE}/mcu/tests/shim/arduino/Arduino.h ${SOURCE}/mcu/tests/shim/arduino/main.cpp
          ${SOURCE}/mcu/runtime/startup.c ${SOURCE}/mcu/runtime/runtime.c
          ${SOURCE}/mcu/runtime/runtime.h DESTINATION ${platform}/cores/stub)
file(COPY ${SOURCE}/mcu/runtime/an385.ld ${SOURCE}/mcu/runtime/sections.ld
     DESTINATION ${platform}/ld)

# The library, installed as the IDE installs it: a folder in the sketchbook's libraries/.
step("arduino/assemble.cmake" ${CMAKE_COMMAND} -DOUT=${WORK}/libraries
     -P ${SOURCE}/arduino/assemble.cmake)
set(sketch ${WORK}/libraries/AI-ANNE/examples/IrisClassifier/IrisClassifier.ino)

file(MAKE_DIRECTORY ${WORK}/build)
step("arduino-builder" ${BUILDER} -compile -hardware ${WORK}/hardware
     -tools ${WORK}/hardware -libraries ${WORK}/libraries -fqbn annetest:rp2040:m0plus
     -build-path ${WORK}/build
     -core-api-version 10819 -warnings all ${sketch})
set(elf ${WORK}/build/IrisClassifier.ino.elf)
if(NOT EXISTS ${elf})
  message(FATAL_ERROR "arduino-builder made no ${elf}")
endif()
message(STATUS "arduino-builder compiled IrisClassifier with the AI-ANNE library")

step("the session" ${CMAKE_COMMAND} -DQEMU=${QEMU} -DBOARD=mps2-an385 -DELF=${elf}
     -DINPUT=${SOURCE}/tests/mcu/examples/session.txt
     -DEXPECTED=${SOURCE}/tests/mcu/examples/session.expected
     -P ${SOURCE}/tests/mcu/examples/run.cmake)
message(STATUS "and it answers the session as expected")
