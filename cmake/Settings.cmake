add_library(vouch_settings INTERFACE)
target_compile_options(vouch_settings INTERFACE -Wall -Wextra -Werror -Wno-missing-field-initializers
  # GCC 12 reports false -Wrestrict positives inside libstdc++'s string concatenation at -O3
  # (GCC bug 105329).
  $<$<CXX_COMPILER_ID:GNU>:-Wno-restrict>)
target_include_directories(vouch_settings INTERFACE ${PROJECT_SOURCE_DIR}/include)
target_compile_definitions(vouch_settings INTERFACE VOUCH_VERSION="${PROJECT_VERSION}")

if(VOUCH_SANITIZE)
  add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
  add_link_options(-fsanitize=address,undefined)
endif()
if(VOUCH_FUZZ)
  # Libraries get coverage instrumentation; only the fuzz executables link libFuzzer's main.
  add_compile_options(-fsanitize=fuzzer-no-link)
endif()

# vouch_concern(NAME SOURCES... [DEPS ...]) : one static library per src/ folder.
function(vouch_concern name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
  add_library(vouch_${name} STATIC ${ARG_SOURCES})
  target_link_libraries(vouch_${name} PUBLIC vouch_settings ${ARG_DEPS} PRIVATE ${ARG_PRIVATE_DEPS})
  set_property(GLOBAL APPEND PROPERTY VOUCH_CONCERN_LIBS vouch_${name})
endfunction()
