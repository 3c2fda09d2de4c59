# Assembles the Arduino library: this folder's library.properties, src/anne.h and examples/,
# the core's headers (include/anne/) as src/anne/, and the license, into OUT/AI-ANNE/ — the
# Arduino library format 1.5 ("recursive" layout: everything under src/ is the library). With
# -DZIP=ON it also packs OUT/AI-ANNE-<version>.zip, the file the Arduino IDE installs with
# Sketch > Include Library > Add .ZIP Library.
#
#   cmake -DOUT=dist -DZIP=ON -P arduino/assemble.cmake
#
# Why a step and not a folder in the repository: the repository's own src/ is the host
# library (it needs JSON, HDF5, ...), and an Arduino library compiles all of its src/; the core
# is kept once, in include/anne/, and copied here.
cmake_minimum_required(VERSION 3.18)

if(NOT OUT)
  message(FATAL_ERROR "usage: cmake -DOUT=<folder> [-DZIP=ON] -P arduino/assemble.cmake")
endif()
get_filename_component(here "${CMAKE_CURRENT_LIST_DIR}" ABSOLUTE)
get_filename_component(root "${here}/.." ABSOLUTE)
get_filename_component(OUT "${OUT}" ABSOLUTE)
set(library "${OUT}/AI-ANNE")

file(REMOVE_RECURSE "${library}")
file(MAKE_DIRECTORY "${library}/src")
file(COPY "${here}/library.properties" "${here}/examples" "${root}/LICENSE"
     DESTINATION "${library}")
file(COPY "${here}/src/anne.h" "${root}/include/anne" DESTINATION "${library}/src")

if(ZIP)
  file(STRINGS "${here}/library.properties" version_line REGEX "^version=")
  string(REPLACE "version=" "" version "${version_line}")
  set(zip "${OUT}/AI-ANNE-${version}.zip")
  file(REMOVE "${zip}")
  execute_process(COMMAND "${CMAKE_COMMAND}" -E tar cf "${zip}" --format=zip AI-ANNE
                  WORKING_DIRECTORY "${OUT}" RESULT_VARIABLE code)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "could not pack ${zip}")
  endif()
  message(STATUS "wrote ${zip}")
endif()
message(STATUS "assembled ${library}")
