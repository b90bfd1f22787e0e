# All from Debian's packages (scripts/install-deps.sh); nothing is downloaded at build time.
find_package(PkgConfig REQUIRED)
find_package(Threads REQUIRED)

# Start-up cost (docs/performance.md): vouch runs in every CI job, and `vouch --version` used to map
# 47 shared libraries. Two measures, both measured there:
# 1. Debian's static archives for libsodium, libgit2 (with its static dependencies from
#    `pkg-config --static`, except libssh2), SQLite and OpenSSL's libcrypto (only its SHA-256
#    code is used), plus -Wl,--as-needed. The sanitizer
#    and fuzz builds keep the shared libraries (the one test configuration stays as it was).
#    libstdc++ stays shared: libsimdjson has no static archive in Debian and needs it anyway.
# 2. libcurl and libzip are not linked at all: CURL::libcurl and PkgConfig::LIBZIP below stand for
#    their headers plus vouch_lazylib, which opens the real library with dlopen on first use.
include(CMakeDependentOption)
cmake_dependent_option(VOUCH_STATIC_DEPS
  "Link Debian's static archives of libsodium, libgit2, SQLite and libcrypto" ON
  "NOT VOUCH_SANITIZE;NOT VOUCH_FUZZ" OFF)

# vouch_link_static(TARGET PREFIX): point a pkg-config imported target at the static archives of
# PREFIX_STATIC_LIBRARIES (a system library without an archive, like librt, stays -lNAME).
function(vouch_link_static target prefix)
  set(libs)
  foreach(name IN LISTS ${prefix}_STATIC_LIBRARIES)
    find_library(VOUCH_STATIC_${name} NAMES lib${name}.a HINTS ${${prefix}_STATIC_LIBRARY_DIRS})
    if(VOUCH_STATIC_${name})
      list(APPEND libs ${VOUCH_STATIC_${name}})
    else()
      list(APPEND libs ${name})
    endif()
  endforeach()
  set_target_properties(${target} PROPERTIES INTERFACE_LINK_LIBRARIES "${libs};Threads::Threads")
endfunction()

pkg_check_modules(SODIUM REQUIRED IMPORTED_TARGET libsodium)
pkg_check_modules(LIBGIT2 REQUIRED IMPORTED_TARGET libgit2)
find_package(nlohmann_json 3.10 REQUIRED)
find_package(OpenSSL 3 REQUIRED)
find_package(SQLite3 REQUIRED)
if(VOUCH_STATIC_DEPS)
  vouch_link_static(PkgConfig::SODIUM SODIUM)
  # Debian's libgit2 is built with GSSAPI (SPNEGO auth for HTTP remotes), which its libgit2.pc
  # does not list; vouch_lazylib provides those functions, opening libgssapi_krb5 on first use.
  list(REMOVE_ITEM LIBGIT2_STATIC_LIBRARIES rt) # glibc's librt.a is an empty stub
  # git over SSH: vouch never contacts a remote, and libssh2.a would pull most of libcrypto in
  # (relocated at every start); vouch_lazylib answers libssh2's functions with "not available".
  list(REMOVE_ITEM LIBGIT2_STATIC_LIBRARIES ssh2)
  vouch_link_static(PkgConfig::LIBGIT2 LIBGIT2)
  find_library(VOUCH_CRYPTO_ARCHIVE NAMES libcrypto.a REQUIRED)
  set_target_properties(OpenSSL::Crypto PROPERTIES IMPORTED_LOCATION ${VOUCH_CRYPTO_ARCHIVE}
    INTERFACE_LINK_LIBRARIES "${CMAKE_DL_LIBS};Threads::Threads")
  set_property(TARGET PkgConfig::LIBGIT2 APPEND PROPERTY INTERFACE_LINK_LIBRARIES vouch_lazylib)
  find_library(VOUCH_SQLITE3_ARCHIVE NAMES libsqlite3.a REQUIRED)
  set_target_properties(SQLite::SQLite3 PROPERTIES IMPORTED_LOCATION ${VOUCH_SQLITE3_ARCHIVE}
    INTERFACE_LINK_LIBRARIES "m;${CMAKE_DL_LIBS};Threads::Threads")
  add_link_options(-Wl,--as-needed)
endif()

# 3. The functions the frequent commands run are placed together (cmake/symbol-order.txt, made by
#    scripts/update-symbol-order.sh): the kernel maps code 64 KiB around each page fault, so
#    functions scattered over the 7 MB text segment cost RSS and faults. Needs lld (GNU ld 2.40
#    has no symbol ordering) and one section per function; the vouch executable alone is linked
#    with it. Without lld vouch still builds, with its functions where the compiler put them.
cmake_dependent_option(VOUCH_SYMBOL_ORDER
  "Link vouch with lld and cmake/symbol-order.txt (hot functions together)" ON
  "NOT VOUCH_SANITIZE;NOT VOUCH_FUZZ" OFF)
set(VOUCH_SYMBOL_ORDER_FILE ${PROJECT_SOURCE_DIR}/cmake/symbol-order.txt)
set(VOUCH_SYMBOL_ORDER_LINK_OPTIONS "")
if(VOUCH_SYMBOL_ORDER)
  find_program(VOUCH_LLD NAMES ld.lld)
  if(VOUCH_LLD)
    add_compile_options(-ffunction-sections)
    set(VOUCH_SYMBOL_ORDER_LINK_OPTIONS -fuse-ld=lld
      -Wl,--symbol-ordering-file=${VOUCH_SYMBOL_ORDER_FILE} -Wl,--no-warn-symbol-ordering)
  else()
    message(WARNING "ld.lld not found (apt-get install lld): vouch is linked without "
      "cmake/symbol-order.txt and needs about 1.5 MiB more memory per SBOM")
  endif()
endif()

find_package(CLI11 REQUIRED)
find_package(simdjson REQUIRED)
find_package(tl-expected REQUIRED)
# libcurl and libzip: headers only; the functions come from vouch_lazylib (src/lazylib).
pkg_check_modules(VOUCH_CURL REQUIRED libcurl)
pkg_check_modules(VOUCH_LIBZIP REQUIRED libzip)
add_library(CURL::libcurl INTERFACE IMPORTED)
set_target_properties(CURL::libcurl PROPERTIES
  INTERFACE_INCLUDE_DIRECTORIES "${VOUCH_CURL_INCLUDE_DIRS}" INTERFACE_LINK_LIBRARIES vouch_lazylib)
add_library(PkgConfig::LIBZIP INTERFACE IMPORTED)
set_target_properties(PkgConfig::LIBZIP PROPERTIES
  INTERFACE_INCLUDE_DIRECTORIES "${VOUCH_LIBZIP_INCLUDE_DIRS}" INTERFACE_LINK_LIBRARIES vouch_lazylib)
if(VOUCH_TESTS)
  find_package(GTest REQUIRED)
  include(GoogleTest)
endif()
