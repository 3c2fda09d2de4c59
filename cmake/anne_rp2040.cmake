# Tests that run on the RP2040, emulated by rp2040js (tests/mcu/rp2040, its run.mjs runner).
#
#   anne_rp2040_test(NAME test ELF image.elf [TIMEOUT seconds] [ARGS runner-arguments...])
#
# adds a CTest test that runs image.elf, a bare-metal program built by the mcu/ project with
# mcu/cmake/rp2040.cmake as its toolchain file (tests/mcu builds it into ANNE_RP2040_BUILD,
# so a new program added to mcu/CMakeLists.txt is there as ${ANNE_RP2040_BUILD}/name.elf).
# The test passes when the program returns 0 from main; what it prints (to UART0) is the test's
# output, and it reads the RP2040's cycle counter with anne_mcu_ticks() (mcu/runtime/runtime.h).
# Without node or the npm package (npm ci --prefix tests/mcu/rp2040, done by scripts/setup.sh)
# the test is skipped with a message saying so.
find_program(ANNE_NODE node)
set(ANNE_RP2040_RUNNER ${CMAKE_CURRENT_LIST_DIR}/../tests/mcu/rp2040/run.mjs)
get_filename_component(ANNE_RP2040_RUNNER ${ANNE_RP2040_RUNNER} ABSOLUTE)
get_filename_component(anne_rp2040_dir ${ANNE_RP2040_RUNNER} DIRECTORY)
if(NOT ANNE_NODE)
  set(ANNE_RP2040_MISSING "node (apt-get install nodejs npm)")
elseif(NOT EXISTS ${anne_rp2040_dir}/node_modules/rp2040js/package.json)
  set(ANNE_RP2040_MISSING "rp2040js (npm ci --prefix tests/mcu/rp2040, or scripts/setup.sh)")
else()
  set(ANNE_RP2040_MISSING "")
endif()

function(anne_rp2040_test)
  cmake_parse_arguments(PARSE_ARGV 0 arg "" "NAME;ELF;TIMEOUT" "ARGS")
  if(NOT arg_NAME OR NOT arg_ELF)
    message(FATAL_ERROR "anne_rp2040_test: NAME and ELF are required")
  endif()
  if(NOT arg_TIMEOUT)
    set(arg_TIMEOUT 120)
  endif()
  if(ANNE_RP2040_MISSING)
    add_test(NAME ${arg_NAME}
             COMMAND sh -c "echo 'skipped: the RP2040 tests need ${ANNE_RP2040_MISSING}'; exit 77")
  else()
    add_test(NAME ${arg_NAME} COMMAND ${ANNE_NODE} ${ANNE_RP2040_RUNNER} ${arg_ELF} ${arg_ARGS})
  endif()
  set_tests_properties(${arg_NAME} PROPERTIES TIMEOUT ${arg_TIMEOUT} SKIP_RETURN_CODE 77)
endfunction()
