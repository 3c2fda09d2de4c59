# One way of consuming AI-ANNE's core from CMake, done as a user would, from scratch in WORK:
#
#   cmake -DMODE=find_package|add_subdirectory|fetchcontent -DSOURCE=<repository> -DWORK=<dir>
#         -DGENERATOR=<CMake generator> -DCXX=<C++ compiler> -P run.cmake
#
#   find_package      configure the repository with -DANNE_HOST=OFF (with every host library
#                     hidden from find_package, so that this proves the core needs only a C++
#                     compiler), `cmake --install` it into WORK/prefix, then build the consumer
#                     (tests/package/consumer) with find_package(anne CONFIG REQUIRED)
#   add_subdirectory  the consumer with add_subdirectory(<repository>)
#   fetchcontent      the consumer with FetchContent from a local archive of the files the
#                     core's build reads (CMakeLists.txt, cmake/, include/, LICENSE): no network,
#                     and proof that nothing else is needed
#
# Each then runs the consumer, which checks a forward pass against a value worked out by hand.
cmake_minimum_required(VERSION 3.18)

include(${CMAKE_CURRENT_LIST_DIR}/steps.cmake)
require(run.cmake MODE SOURCE WORK GENERATOR CXX)

file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})

set(consumer_args -G ${GENERATOR} -DCMAKE_CXX_COMPILER=${CXX} -DANNE_CONSUME=${MODE})

if(MODE STREQUAL "find_package")
  set(prefix ${WORK}/prefix)
  set(hidden "")
  foreach(package nlohmann_json CLI11 GTest benchmark PkgConfig HDF5 libzip)
    list(APPEND hidden -DCMAKE_DISABLE_FIND_PACKAGE_${package}=ON)
  endforeach()
  step("configure the core alone (-DANNE_HOST=OFF)"
       ${CMAKE_COMMAND} -S ${SOURCE} -B ${WORK}/core -G ${GENERATOR} -DCMAKE_CXX_COMPILER=${CXX}
       -DANNE_HOST=OFF -DCMAKE_INSTALL_PREFIX=${prefix} ${hidden})
  step("build it" ${CMAKE_COMMAND} --build ${WORK}/core)
  step("install it" ${CMAKE_COMMAND} --install ${WORK}/core)
  foreach(file include/anne/anne.hpp share/cmake/anne/anne-config.cmake
               share/cmake/anne/anne-config-version.cmake share/cmake/anne/anne-targets.cmake)
    if(NOT EXISTS ${prefix}/${file})
      message(FATAL_ERROR "the installed package lacks ${file}")
    endif()
  endforeach()
  list(APPEND consumer_args -DCMAKE_PREFIX_PATH=${prefix})
elseif(MODE STREQUAL "add_subdirectory")
  list(APPEND consumer_args -DANNE_SOURCE_DIR=${SOURCE})
elseif(MODE STREQUAL "fetchcontent")
  set(archive ${WORK}/anne-core.tar.gz)
  execute_process(COMMAND ${CMAKE_COMMAND} -E tar czf ${archive} CMakeLists.txt cmake include
                          LICENSE
                  WORKING_DIRECTORY ${SOURCE} RESULT_VARIABLE code)
  if(NOT code EQUAL 0)
    message(FATAL_ERROR "could not pack ${archive}")
  endif()
  list(APPEND consumer_args -DANNE_ARCHIVE=${archive})
else()
  message(FATAL_ERROR "MODE is \"${MODE}\"; expected find_package, add_subdirectory or fetchcontent")
endif()

step("configure the consumer (${MODE})"
     ${CMAKE_COMMAND} -S ${CMAKE_CURRENT_LIST_DIR}/consumer -B ${WORK}/consumer ${consumer_args})
step("build the consumer" ${CMAKE_COMMAND} --build ${WORK}/consumer)
step("run the consumer" ${WORK}/consumer/consumer)
message(STATUS "${step_output}")
