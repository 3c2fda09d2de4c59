# Types a scripted session into an example program under QEMU and compares what it prints with
# the expected transcript, character for character:
#
#   cmake -DQEMU=qemu-system-arm -DBOARD=mps2-an385 -DELF=example_pico.elf
#         -DINPUT=session.txt -DEXPECTED=session.expected -P run.cmake
#
# The session (session.txt) covers the papers' first test rows, one of them explained step by
# step, numbers separated by commas, \r\n line ends, Backspace, and three wrong lines. Both
# files are plain text, safe in any editor: <CR> stands for a carriage return and <BS> for a
# backspace, and trailing spaces and line ends at the very end are not compared (the program
# ends on its prompt, "> "). The examples print numbers with 4 decimals, so newlib's last-bit
# differences in expf do not show.
foreach(var QEMU BOARD ELF INPUT EXPECTED)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "run.cmake: -D${var}=... is missing")
  endif()
endforeach()

string(ASCII 8 backspace)
string(ASCII 13 carriage_return)
function(expand text out)
  string(REPLACE "<BS>" "${backspace}" text "${text}")
  string(REPLACE "<CR>" "${carriage_return}" text "${text}")
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

file(READ ${INPUT} input)
expand("${input}" input)
file(WRITE ${ELF}.session "${input}")
execute_process(
  COMMAND ${QEMU} -M ${BOARD} -display none -monitor none -serial none
          -semihosting-config enable=on,target=native -kernel ${ELF}
  INPUT_FILE ${ELF}.session OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE code
  TIMEOUT 60)
file(READ ${EXPECTED} expected)
expand("${expected}" expected)
string(REGEX REPLACE "[ \n]+$" "" expected "${expected}")
string(REGEX REPLACE "[ \n]+$" "" got "${out}")
if(NOT code EQUAL 0 OR NOT got STREQUAL expected)
  message(FATAL_ERROR "${ELF} (exit code ${code}) printed:\n${out}${err}\n"
                      "---- expected (${EXPECTED}):\n${expected}")
endif()
message(STATUS "${ELF}: the session as expected")
