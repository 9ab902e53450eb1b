# ctest script: install the SDK from the build tree into a temporary prefix, build
# sdk/examples/01-hello against it with find_package(CohortSDK) exactly as a third
# party would, and check the result exports nothing but cohort_plugin_entry.
#
# -D inputs: BINARY_DIR SOURCE_DIR WORK_DIR GENERATOR CXX_COMPILER CXX_FLAGS
#            MODULE_LINKER_FLAGS BUILD_TYPE NM
foreach(v BINARY_DIR SOURCE_DIR WORK_DIR GENERATOR CXX_COMPILER NM)
  if(NOT DEFINED ${v})
    message(FATAL_ERROR "outoftree.cmake: -D${v}= is required")
  endif()
endforeach()

function(run)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "command failed (${rc}): ${ARGN}\n${out}\n${err}")
  endif()
endfunction()

file(REMOVE_RECURSE "${WORK_DIR}")
set(prefix "${WORK_DIR}/prefix")
run(${CMAKE_COMMAND} --install "${BINARY_DIR}" --component cohort_sdk --prefix "${prefix}")
foreach(f include/cohort/entry.h include/cohort/cpp/plugin.hpp)
  if(NOT EXISTS "${prefix}/${f}")
    message(FATAL_ERROR "the SDK install lacks ${f}")
  endif()
endforeach()
file(GLOB_RECURSE config "${prefix}/*/CohortSDKConfig.cmake")
file(GLOB_RECURSE config_version "${prefix}/*/CohortSDKConfigVersion.cmake")
if(NOT config OR NOT config_version)
  message(FATAL_ERROR "the SDK install lacks CohortSDKConfig.cmake / CohortSDKConfigVersion.cmake")
endif()

# Only the installed prefix may satisfy find_package: no registry, no system copy.
run(${CMAKE_COMMAND} -S "${SOURCE_DIR}" -B "${WORK_DIR}/build" -G "${GENERATOR}"
    "-DCMAKE_BUILD_TYPE=${BUILD_TYPE}"
    "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}"
    "-DCMAKE_CXX_FLAGS=-Wall -Wextra -Werror ${CXX_FLAGS}"
    "-DCMAKE_MODULE_LINKER_FLAGS=${MODULE_LINKER_FLAGS}"
    "-DCMAKE_PREFIX_PATH=${prefix}"
    -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF
    -DCMAKE_FIND_USE_SYSTEM_PACKAGE_REGISTRY=OFF)
run(${CMAKE_COMMAND} --build "${WORK_DIR}/build")

set(plugin "${WORK_DIR}/build/plugins/hello/hello.so")
if(NOT EXISTS "${plugin}")
  message(FATAL_ERROR "expected ${plugin} to be built")
endif()
if(NOT EXISTS "${WORK_DIR}/build/plugins/hello/plugin.json")
  message(FATAL_ERROR "expected the manifest copied beside the library as plugin.json")
endif()
execute_process(COMMAND ${NM} -D --defined-only "${plugin}" OUTPUT_VARIABLE symbols RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${NM} -D failed on ${plugin}")
endif()
string(REGEX MATCHALL "[^\n]+" lines "${symbols}")
set(exported "")
foreach(line IN LISTS lines)
  # nm prints "ADDRESS TYPE NAME"; absolute symbols such as version tags are not exports of code.
  if(line MATCHES "^[0-9a-fA-F]* *([A-Za-z]) +(.+)$" AND NOT CMAKE_MATCH_1 STREQUAL "A")
    list(APPEND exported "${CMAKE_MATCH_2}")
  endif()
endforeach()
if(NOT exported STREQUAL "cohort_plugin_entry")
  message(FATAL_ERROR "${plugin} must export only cohort_plugin_entry; it exports: ${exported}")
endif()
message(STATUS "out-of-tree plugin OK: ${plugin} exports only cohort_plugin_entry")
