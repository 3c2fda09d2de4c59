# examples/pico built by its own CMakeLists.txt — SDK import, project, add_subdirectory of the
# core, pico_* calls — against a stand-in for the Pico SDK (pico_sdk_stub/: the Cortex-M0+
# toolchain of mcu/cmake and the bare-metal runtime of mcu/runtime), then run under QEMU on the
# session of tests/mcu/examples:
#
#   cmake -DSOURCE=<repository> -DWORK=<dir> -DGENERATOR=<generator> -DQEMU=<qemu-system-arm>
#         -P pico_example.cmake
cmake_minimum_required(VERSION 3.18)

include(${CMAKE_CURRENT_LIST_DIR}/steps.cmake)
require(pico_example.cmake SOURCE WORK GENERATOR QEMU)

file(REMOVE_RECURSE ${WORK})
step("configure examples/pico" ${CMAKE_COMMAND} -S ${SOURCE}/examples/pico -B ${WORK}
     -G ${GENERATOR} -DPICO_SDK_PATH=${SOURCE}/tests/package/pico_sdk_stub)
step("build it" ${CMAKE_COMMAND} --build ${WORK})
step("the session" ${CMAKE_COMMAND} -DQEMU=${QEMU} -DBOARD=mps2-an385 -DELF=${WORK}/anne_iris.elf
     -DINPUT=${SOURCE}/tests/mcu/examples/session.txt
     -DEXPECTED=${SOURCE}/tests/mcu/examples/session.expected
     -P ${SOURCE}/tests/mcu/examples/run.cmake)
