# The .deb (issue 13): CPack's DEB generator over the install rules of cmake/install.cmake, under /usr.
#   cmake --preset package && cmake --build --preset package && cpack --preset package
# -> build/package/caisse-commune_VERSION-1_ARCH.deb. Library dependencies are computed by
# dpkg-shlibdeps; the binary is stripped; /usr/share/doc/caisse-commune holds the copyright and the
# Debian changelog that lintian asks for.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME caisse-commune)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_DEBIAN_PACKAGE_RELEASE 1)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_PACKAGE_CONTACT "Caisse Commune maintainers <maintainers@users.noreply.r-seed-ea80d71a.example>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "touch till for small collective businesses")
# CPack puts the summary above as the synopsis line; this is the extended description under it.
set(CPACK_DEBIAN_PACKAGE_DESCRIPTION "Caisse Commune is a touch-screen till for an associative restaurant counter
where several cooks sell their own dishes, or a market stall shared by
several artisans. Every sale line belongs to one entrepreneur; every sale is
a record in a tamper-evident, signed ledger (French anti-fraud till law).
The coordinator counts the drawer, prints the Z report and splits the
revenue between the members. The caisse command does the same from a shell.")
set(CPACK_DEBIAN_PACKAGE_SECTION misc)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# The screen's fonts are links into fonts-dejavu-core (CAISSE_SYSTEM_FONTS); the receipt rasteriser
# falls back to Noto and Symbola for scripts DejaVu lacks (drivers/text_raster.cpp). Product tiles
# without a picture show a pictogram of Noto Color Emoji (drivers/emoji.cpp, issue 12 item 8).
set(CPACK_DEBIAN_PACKAGE_DEPENDS "fonts-dejavu-core, fonts-noto-color-emoji")
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "fonts-noto-core, fonts-symbola")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_COMPRESSION_TYPE xz)
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

# Debian wants the changelog compressed reproducibly (gzip -n) and the copyright file plain.
set(changelog ${CMAKE_BINARY_DIR}/doc/changelog.Debian.gz)
add_custom_command(OUTPUT ${changelog}
  COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/doc
  # VERBATIM: the shell of the build tool must not see the redirection (Ninja's once wrote to " /path").
  COMMAND sh -c "gzip -9 -n -c \"$0\" > \"$1\"" ${CMAKE_SOURCE_DIR}/packaging/changelog ${changelog}
  DEPENDS packaging/changelog COMMENT "Compressing the Debian changelog" VERBATIM)
add_custom_target(caisse_changelog ALL DEPENDS ${changelog})
install(FILES ${changelog} packaging/copyright DESTINATION ${CMAKE_INSTALL_DATADIR}/doc/caisse-commune)
include(CPack)
