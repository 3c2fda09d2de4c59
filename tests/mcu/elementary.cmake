# The core's elementary functions give the same bits on the device as on the host: the
# fingerprint lines of HOST (tests/elementary/fingerprint.cpp) and of the Cortex-M program ELF
# (mcu/tests/elementary.cpp) under QEMU must be equal. The device's lines starting with '#'
# (instructions per call) are printed for the log.
#   cmake -DHOST=... -DQEMU=... -DBOARD=... -DELF=... -P elementary.cmake
execute_process(COMMAND ${HOST} OUTPUT_VARIABLE host RESULT_VARIABLE host_status)
execute_process(COMMAND ${QEMU} -M ${BOARD} -icount shift=0,sleep=off -display none -monitor none
                        -serial none -semihosting-config enable=on,target=native -kernel ${ELF}
                OUTPUT_VARIABLE device RESULT_VARIABLE device_status)
if(NOT host_status EQUAL 0 OR NOT device_status EQUAL 0)
  message(FATAL_ERROR "host exited with ${host_status}, device with ${device_status}:\n${device}")
endif()
string(REGEX MATCHALL "#[^\n]*" report "${device}")
string(REPLACE ";" "\n" report "${report}")
message("${report}")
string(REGEX REPLACE "#[^\n]*\n" "" fingerprints "${device}")
if(NOT fingerprints STREQUAL host)
  message(FATAL_ERROR "fingerprints differ\nhost:\n${host}\ndevice:\n${fingerprints}")
endif()
message("fingerprints identical to the host's:\n${fingerprints}")
