# Installing sop as people install tools (docs/editors.md, README "Install"): `cmake --install`
# puts the `sop` executable, its man pages and bash completion (generated from the commands'
# help: cmake/man_pages.py), the stdlib sources and a CMake package (`find_package(sop)`: the
# evaluator's libraries and headers) under the prefix; `cpack -G DEB` (scripts/package) makes a
# Debian package of the same.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

# ---- the tool ------------------------------------------------------------------------------------
install(TARGETS sop RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR} COMPONENT runtime)
# The stdlib is embedded in `sop` (cmake/embed_stdlib.cmake), so the installed binary needs no
# file of it; the sources are installed to be read (what `import case_format` declares).
install(FILES ${SOP_STDLIB_FILES} DESTINATION ${CMAKE_INSTALL_DATADIR}/sop/stdlib COMPONENT runtime)

# Man pages and bash completion, from `sop --help` and each `sop COMMAND --help`, so they list
# every command and option the binary has.
find_package(Python3 REQUIRED COMPONENTS Interpreter)
set(SOP_MAN_DIR ${PROJECT_BINARY_DIR}/man)
add_custom_command(
  OUTPUT ${SOP_MAN_DIR}/stamp
  COMMAND ${Python3_EXECUTABLE} ${PROJECT_SOURCE_DIR}/cmake/man_pages.py $<TARGET_FILE:sop>
          ${SOP_MAN_DIR} ${PROJECT_VERSION}
  COMMAND ${CMAKE_COMMAND} -E touch ${SOP_MAN_DIR}/stamp
  DEPENDS sop ${PROJECT_SOURCE_DIR}/cmake/man_pages.py
  COMMENT "Generating the man pages and bash completion from `sop --help`")
add_custom_target(sop_man_pages ALL DEPENDS ${SOP_MAN_DIR}/stamp)
install(DIRECTORY ${SOP_MAN_DIR}/man1 DESTINATION ${CMAKE_INSTALL_MANDIR} COMPONENT runtime)
install(FILES ${SOP_MAN_DIR}/sop.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME sop COMPONENT runtime)

# ---- the CMake package: the evaluator as libraries --------------------------------------------
# A consumer links sop::interp (with sop::lang and sop::stdlib behind it) and includes
# "interpreter/loaded_plan.hpp" etc., as the code here does: the headers keep their layout
# under include/sop/.
set(SOP_INSTALL_INCLUDEDIR ${CMAKE_INSTALL_INCLUDEDIR}/sop)
foreach(lib sop_lang sop_stdlib sop_interp)
  set_property(TARGET ${lib} PROPERTY INTERFACE_INCLUDE_DIRECTORIES
               $<BUILD_INTERFACE:${PROJECT_SOURCE_DIR}> $<INSTALL_INTERFACE:${SOP_INSTALL_INCLUDEDIR}>)
endforeach()
set_target_properties(sop_lang PROPERTIES EXPORT_NAME lang)
set_target_properties(sop_stdlib PROPERTIES EXPORT_NAME stdlib)
set_target_properties(sop_interp PROPERTIES EXPORT_NAME interp)
set_target_properties(sop_warnings PROPERTIES EXPORT_NAME warnings)  # link-only, options not exported
install(TARGETS sop_lang sop_stdlib sop_interp sop_warnings EXPORT sopTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR} COMPONENT development)
# The headers of lang/ and interpreter/; lang/grammar.hpp is PEGTL's and stays private.
install(DIRECTORY ${PROJECT_SOURCE_DIR}/lang ${PROJECT_SOURCE_DIR}/interpreter
        DESTINATION ${SOP_INSTALL_INCLUDEDIR} COMPONENT development
        FILES_MATCHING PATTERN "*.hpp" PATTERN "grammar.hpp" EXCLUDE)
set(SOP_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/sop)
install(EXPORT sopTargets NAMESPACE sop:: DESTINATION ${SOP_CMAKE_DIR} COMPONENT development)
configure_package_config_file(${PROJECT_SOURCE_DIR}/cmake/sopConfig.cmake.in
                              ${PROJECT_BINARY_DIR}/sopConfig.cmake INSTALL_DESTINATION ${SOP_CMAKE_DIR})
write_basic_package_version_file(${PROJECT_BINARY_DIR}/sopConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${PROJECT_BINARY_DIR}/sopConfig.cmake ${PROJECT_BINARY_DIR}/sopConfigVersion.cmake
        DESTINATION ${SOP_CMAKE_DIR} COMPONENT development)

# ---- the Debian package (scripts/package) --------------------------------------------------------
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME sop)
set(CPACK_PACKAGE_VENDOR "sop")
set(CPACK_PACKAGE_CONTACT "sop maintainers <sop@localhost>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "a declarative policy language: check, evaluate and test policies")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION utils)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)  # libedit, libstdc++, libc as dpkg-shlibdeps finds them
set(CPACK_DEBIAN_PACKAGE_SUGGESTS "bash-completion")
include(CPack)
