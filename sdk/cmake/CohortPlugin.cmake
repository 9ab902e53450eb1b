# cohort_add_plugin(<name> SOURCES <src>... MANIFEST <plugin.json>
#                   [OUTPUT_DIRECTORY <dir>] [LINK_LIBRARIES <lib>...])
#
# Builds a Cohort plugin: a MODULE library with hidden visibility that exports
# only `cohort_plugin_entry`, written to <dir>/<name>/ (default
# ${CMAKE_BINARY_DIR}/plugins) together with its manifest copied as plugin.json.
# The library file is named after the manifest's "library" field when it has
# one (so the two always agree), otherwise <name>.so.
include_guard(GLOBAL)

function(cohort_add_plugin name)
  cmake_parse_arguments(ARG "" "MANIFEST;OUTPUT_DIRECTORY" "SOURCES;LINK_LIBRARIES" ${ARGN})
  if(NOT ARG_SOURCES)
    message(FATAL_ERROR "cohort_add_plugin(${name}): SOURCES is required")
  endif()
  if(NOT ARG_MANIFEST)
    message(FATAL_ERROR "cohort_add_plugin(${name}): MANIFEST is required (the plugin.json beside the library)")
  endif()
  get_filename_component(manifest "${ARG_MANIFEST}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  if(NOT EXISTS "${manifest}")
    message(FATAL_ERROR "cohort_add_plugin(${name}): manifest ${manifest} does not exist")
  endif()
  if(NOT ARG_OUTPUT_DIRECTORY)
    set(ARG_OUTPUT_DIRECTORY "${CMAKE_BINARY_DIR}/plugins")
  endif()
  set(out_dir "${ARG_OUTPUT_DIRECTORY}/${name}")

  # Read the manifest now so that a broken one fails the configure step, not the engine.
  file(READ "${manifest}" manifest_text)
  string(JSON library ERROR_VARIABLE json_error GET "${manifest_text}" library)
  if(json_error)
    if(json_error MATCHES "not found")
      set(library "${name}${CMAKE_SHARED_MODULE_SUFFIX}")
    else()
      message(FATAL_ERROR "cohort_add_plugin(${name}): ${manifest}: ${json_error}")
    endif()
  endif()
  get_filename_component(library_name_we "${library}" NAME_WE)
  get_filename_component(library_ext "${library}" LAST_EXT)

  add_library(${name} MODULE ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE CohortSDK::sdk ${ARG_LINK_LIBRARIES})
  set_target_properties(${name} PROPERTIES
    PREFIX ""
    OUTPUT_NAME "${library_name_we}"
    SUFFIX "${library_ext}"
    LIBRARY_OUTPUT_DIRECTORY "${out_dir}"
    C_VISIBILITY_PRESET hidden
    CXX_VISIBILITY_PRESET hidden
    VISIBILITY_INLINES_HIDDEN ON
    POSITION_INDEPENDENT_CODE ON)
  if(CMAKE_SYSTEM_NAME STREQUAL "Linux" OR CMAKE_SYSTEM_NAME MATCHES "BSD")
    # Hidden visibility covers our code; the version script also hides what static
    # libraries linked in would otherwise export (their own default-visibility symbols).
    set(map "${CMAKE_CURRENT_FUNCTION_LIST_DIR}/cohort_plugin.map")
    target_link_options(${name} PRIVATE "LINKER:--version-script=${map}")
    set_property(TARGET ${name} APPEND PROPERTY LINK_DEPENDS "${map}")
  endif()
  configure_file("${manifest}" "${out_dir}/plugin.json" COPYONLY)
  set_property(TARGET ${name} PROPERTY COHORT_PLUGIN_DIRECTORY "${out_dir}")
  set_property(TARGET ${name} PROPERTY COHORT_PLUGIN_MANIFEST "${out_dir}/plugin.json")
endfunction()
