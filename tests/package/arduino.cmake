# The Arduino library and the PlatformIO manifest, checked without either tool:
#
#   cmake -DSOURCE=<repository> -DWORK=<dir> -DVERSION=<project version> -DCXX=<C++ compiler>
#         -P arduino.cmake
#
# 1. arduino/assemble.cmake assembles the library into WORK; its layout is that of the Arduino
#    library specification 1.5: library.properties at the top, the code under src/ (with the
#    header `includes` names), each example in examples/NAME/NAME.ino.
# 2. library.properties has every field the specification requires, each well formed, and the
#    project's version.
# 3. library.json is valid JSON with the fields PlatformIO reads; the folders its build section
#    names exist, and the IrisClassifier sketch compiles with exactly those folders on the
#    include path (as PlatformIO compiles it) after the stand-in Arduino.h (mcu/tests/shim).
#    That the sketch compiles, links and runs on a Cortex-M0+ against the assembled library
#    is tests/mcu's mcu_m0plus_example_arduino.
cmake_minimum_required(VERSION 3.19)  # string(JSON)

include(${CMAKE_CURRENT_LIST_DIR}/steps.cmake)
require(arduino.cmake SOURCE WORK VERSION CXX)
set(problems "")
macro(problem text)
  string(APPEND problems "  ${text}\n")
endmacro()

# ---- 1. The layout.
file(REMOVE_RECURSE ${WORK})
execute_process(COMMAND ${CMAKE_COMMAND} -DOUT=${WORK} -DZIP=ON -P ${SOURCE}/arduino/assemble.cmake
                RESULT_VARIABLE code OUTPUT_QUIET)
if(NOT code EQUAL 0)
  message(FATAL_ERROR "arduino/assemble.cmake failed")
endif()
set(library ${WORK}/AI-ANNE)
foreach(file library.properties LICENSE src/anne.h src/anne/anne.hpp
             examples/IrisClassifier/IrisClassifier.ino examples/IrisClassifier/iris8.hpp)
  if(NOT EXISTS ${library}/${file})
    problem("the library has no ${file}")
  endif()
endforeach()
if(NOT EXISTS ${WORK}/AI-ANNE-${VERSION}.zip)
  problem("no AI-ANNE-${VERSION}.zip")
endif()
# A 1.5 library compiles everything under src/: only the core may be there (its headers, the
# C form of its elementary functions among them), no host code.
file(GLOB_RECURSE sources RELATIVE ${library}/src ${library}/src/*)
foreach(file ${sources})
  if(NOT file MATCHES "^(anne\\.h|anne/[a-z_]+\\.hpp|anne/[a-z_]+\\.h)$")
    problem("src/${file} does not belong in the library")
  endif()
endforeach()
file(GLOB examples RELATIVE ${library}/examples ${library}/examples/*)
foreach(example ${examples})
  if(NOT EXISTS ${library}/examples/${example}/${example}.ino)
    problem("examples/${example} has no ${example}.ino (a sketch is named after its folder)")
  endif()
endforeach()

# ---- 2. library.properties: key=value lines, UTF-8.
file(STRINGS ${library}/library.properties lines ENCODING UTF-8)
set(keys "")
foreach(line ${lines})
  if(line MATCHES "^#" OR line STREQUAL "")
    continue()
  endif()
  if(NOT line MATCHES "^([a-z_.]+)=(.*)$")
    problem("library.properties: \"${line}\" is not key=value")
    continue()
  endif()
  set(key ${CMAKE_MATCH_1})
  set(value_${key} "${CMAKE_MATCH_2}")
  if(key IN_LIST keys)
    problem("library.properties: ${key} twice")
  endif()
  list(APPEND keys ${key})
endforeach()
foreach(key name version author maintainer sentence paragraph category url architectures)
  if(NOT key IN_LIST keys OR value_${key} STREQUAL "")
    problem("library.properties: the required field ${key} is missing or empty")
  endif()
endforeach()
# The name: letters, digits, spaces, underscores, dots and dashes, from a letter or a digit,
# at most 63 characters.
if(NOT value_name MATCHES "^[A-Za-z0-9][A-Za-z0-9 _.-]*$" OR value_name MATCHES "^.{64}")
  problem("library.properties: name \"${value_name}\" is not a valid library name")
endif()
if(NOT value_version MATCHES "^[0-9]+\\.[0-9]+\\.[0-9]+$")
  problem("library.properties: version \"${value_version}\" is not MAJOR.MINOR.PATCH")
elseif(NOT value_version STREQUAL VERSION)
  problem("library.properties: version ${value_version}, but the project is ${VERSION}")
endif()
set(categories "Display" "Communication" "Signal Input/Output" "Sensors" "Device Control"
               "Timing" "Data Storage" "Data Processing" "Other")
if(NOT value_category IN_LIST categories)
  problem("library.properties: category \"${value_category}\" is not one of ${categories}")
endif()
if(NOT value_url MATCHES "^https?://[^ ]+$")
  problem("library.properties: url \"${value_url}\" is not a web address")
endif()
if(NOT value_architectures MATCHES "^(\\*|[a-z0-9_]+(,[a-z0-9_]+)*)$")
  problem("library.properties: architectures \"${value_architectures}\" is not a list")
endif()
if(DEFINED value_includes)
  string(REPLACE "," ";" includes "${value_includes}")
  foreach(header ${includes})
    if(NOT EXISTS ${library}/src/${header})
      problem("library.properties: includes names ${header}, which src/ does not have")
    endif()
  endforeach()
endif()

# ---- 3. library.json.
file(READ ${SOURCE}/library.json manifest)
string(JSON name ERROR_VARIABLE error GET "${manifest}" name)
if(error)
  message(FATAL_ERROR "library.json is not valid JSON or has no name: ${error}")
endif()
if(NOT name STREQUAL value_name)
  problem("library.json: name ${name}, library.properties: ${value_name}")
endif()
foreach(field version description keywords authors license frameworks platforms build)
  string(JSON value ERROR_VARIABLE error GET "${manifest}" ${field})
  if(error OR value STREQUAL "")
    problem("library.json: no ${field}")
  endif()
endforeach()
string(JSON json_version GET "${manifest}" version)
if(NOT json_version STREQUAL VERSION)
  problem("library.json: version ${json_version}, but the project is ${VERSION}")
endif()
string(JSON src_dir GET "${manifest}" build srcDir)
string(JSON include_dir GET "${manifest}" build includeDir)
foreach(dir ${src_dir} ${include_dir})
  if(NOT IS_DIRECTORY ${SOURCE}/${dir})
    problem("library.json: build names ${dir}, which does not exist")
  endif()
endforeach()
# srcDir is compiled: nothing but headers may be in it.
file(GLOB_RECURSE compiled ${SOURCE}/${src_dir}/*.c ${SOURCE}/${src_dir}/*.cpp
                           ${SOURCE}/${src_dir}/*.S)
if(compiled)
  problem("library.json: srcDir ${src_dir} holds sources: ${compiled}")
endif()
string(JSON example_base GET "${manifest}" examples 0 base)
execute_process(
  COMMAND ${CXX} -std=gnu++17 -fsyntax-only -Wall -Wextra -Werror -x c++ -include Arduino.h
          -I${SOURCE}/mcu/tests/shim/arduino -I${SOURCE}/${src_dir} -I${SOURCE}/${include_dir}
          ${SOURCE}/${example_base}/IrisClassifier.ino
  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT code EQUAL 0)
  problem("the sketch does not compile with library.json's folders:\n${out}${err}")
endif()

if(problems)
  message(FATAL_ERROR "The Arduino library or library.json:\n${problems}")
endif()
message(STATUS "Arduino library ${value_name} ${value_version} and library.json: ok")
