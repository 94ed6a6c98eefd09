# Toolchain file of the debian and package presets: the compiler and linker flags Debian builds its
# packages with (dpkg-buildflags: -O2 -g, -fstack-protector-strong, -D_FORTIFY_SOURCE=2, -Wformat
# -Werror=format-security, -z relro), so that what we test is what the .deb ships (issue 13).
# DEB_BUILD_MAINT_OPTIONS, DEB_CXXFLAGS_APPEND... work as with dpkg-buildpackage.
foreach(kind CPPFLAGS CXXFLAGS LDFLAGS)
  execute_process(COMMAND dpkg-buildflags --get ${kind}
    WORKING_DIRECTORY ${CMAKE_CURRENT_LIST_DIR}/..
    OUTPUT_VARIABLE caisse_deb_${kind} OUTPUT_STRIP_TRAILING_WHITESPACE COMMAND_ERROR_IS_FATAL ANY)
endforeach()
set(CMAKE_CXX_FLAGS_INIT "${caisse_deb_CPPFLAGS} ${caisse_deb_CXXFLAGS}")
set(CMAKE_EXE_LINKER_FLAGS_INIT "${caisse_deb_LDFLAGS}")
set(CMAKE_SHARED_LINKER_FLAGS_INIT "${caisse_deb_LDFLAGS}")
set(CMAKE_MODULE_LINKER_FLAGS_INIT "${caisse_deb_LDFLAGS}")
