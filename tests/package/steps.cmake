# Shared by the package scripts run with `cmake -P`: their -D parameters, and their steps.

# require(SCRIPT VAR...): stops, naming SCRIPT and the -DVAR=... that is missing.
function(require script)
  foreach(var ${ARGN})
    if(NOT DEFINED ${var})
      message(FATAL_ERROR "${script}: -D${var}=... is missing")
    endif()
  endforeach()
endfunction()

# step(WHAT COMMAND...): runs a command; stops with the command and its output when it fails,
# says "WHAT: ok" when it succeeds, and leaves its standard output in step_output.
function(step what)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "${what} failed (${code}):\n${ARGN}\n${out}\n${err}")
  endif()
  message(STATUS "${what}: ok")
  set(step_output "${out}" PARENT_SCOPE)
endfunction()
