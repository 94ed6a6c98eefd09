# Install rules (issue 13), GNUInstallDirs layout: PREFIX/bin/caisse finds its data in
# PREFIX/share/caisse-commune (app/services/assets.hpp), so any prefix works. The .deb (cmake/package.cmake)
# installs these same files under /usr. Generated here: the PNG icons (rsvg-convert) and the man page
# (help2man, from `caisse --help-all`), both skipped with a message when the tool is missing.
set(CAISSE_APP_ID org.caissecommune.Caisse)  # desktop entry, icon and AppStream id: one name
set(CAISSE_DATADIR ${CMAKE_INSTALL_DATADIR}/caisse-commune)
set(CAISSE_UDEV_RULES_DIR lib/udev/rules.d CACHE STRING "where the udev rule goes, relative to the prefix")
# Debian ships DejaVu in fonts-dejavu-core: the package links to it instead of a second copy.
option(CAISSE_SYSTEM_FONTS "Install links to /usr/share/fonts/truetype/dejavu instead of copies of the fonts" OFF)

install(TARGETS caisse RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(DIRECTORY assets/demo DESTINATION ${CAISSE_DATADIR})  # with demo/pictures/
# Tiles' pictograms (issue 12 item 8); the emoji font itself is Debian's fonts-noto-color-emoji,
# found at /usr/share/fonts/truetype/noto (app/services/pictures.hpp emoji_font_path).
install(FILES assets/pictograms.csv DESTINATION ${CAISSE_DATADIR})
install(FILES assets/i18n/fr.po DESTINATION ${CAISSE_DATADIR}/i18n)
set(caisse_fonts DejaVuSans.ttf DejaVuSans-Bold.ttf DejaVuSansMono.ttf)
if(CAISSE_SYSTEM_FONTS)
  file(MAKE_DIRECTORY ${CMAKE_BINARY_DIR}/font-links)
  foreach(font ${caisse_fonts})
    # Relative, as Debian policy wants within /usr: share/caisse-commune/fonts -> share/fonts.
    file(CREATE_LINK ../../fonts/truetype/dejavu/${font} ${CMAKE_BINARY_DIR}/font-links/${font} SYMBOLIC)
    install(FILES ${CMAKE_BINARY_DIR}/font-links/${font} DESTINATION ${CAISSE_DATADIR}/fonts)
  endforeach()
else()
  list(TRANSFORM caisse_fonts PREPEND assets/fonts/)
  install(FILES ${caisse_fonts} assets/fonts/DejaVu-LICENSE.txt DESTINATION ${CAISSE_DATADIR}/fonts)
endif()
install(FILES assets/udev/60-caisse-commune-printers.rules DESTINATION ${CAISSE_UDEV_RULES_DIR})

# Desktop entry, icons, AppStream metainfo, bash completion.
install(FILES packaging/${CAISSE_APP_ID}.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/applications)
install(FILES packaging/${CAISSE_APP_ID}.metainfo.xml DESTINATION ${CMAKE_INSTALL_DATADIR}/metainfo)
install(FILES packaging/icon.svg DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/scalable/apps
        RENAME ${CAISSE_APP_ID}.svg)
install(FILES packaging/caisse.bash DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions RENAME caisse)
find_program(CAISSE_RSVG_CONVERT rsvg-convert)
if(CAISSE_RSVG_CONVERT)
  set(icons)
  foreach(size 48 64 128 256)
    set(png ${CMAKE_BINARY_DIR}/icons/${size}/${CAISSE_APP_ID}.png)
    add_custom_command(OUTPUT ${png}
      COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/icons/${size}
      COMMAND ${CAISSE_RSVG_CONVERT} -w ${size} -h ${size} -o ${png} ${CMAKE_SOURCE_DIR}/packaging/icon.svg
      DEPENDS packaging/icon.svg COMMENT "Rendering the ${size}x${size} icon")
    list(APPEND icons ${png})
    install(FILES ${png} DESTINATION ${CMAKE_INSTALL_DATADIR}/icons/hicolor/${size}x${size}/apps)
  endforeach()
  add_custom_target(caisse_icons ALL DEPENDS ${icons})
else()
  message(STATUS "rsvg-convert not found (librsvg2-bin): only the SVG icon is installed")
endif()

# Man page: help2man lays out the freshly built caisse's top-level --help (English), adds
# packaging/caisse.h2m (exit codes, environment, files) and a SUBCOMMANDS section that
# packaging/man-subcommands.sh writes from each subcommand's --help. --locale=C.UTF-8: in its
# default locale help2man writes accented letters ("MODE ÉCOLE") as "??".
find_program(CAISSE_HELP2MAN help2man)
if(CAISSE_HELP2MAN)
  set(man ${CMAKE_BINARY_DIR}/man/caisse.1)
  add_custom_command(OUTPUT ${man}.gz
    COMMAND ${CMAKE_COMMAND} -E make_directory ${CMAKE_BINARY_DIR}/man
    COMMAND ${CMAKE_COMMAND} -E env CAISSE_ASSETS=${CMAKE_SOURCE_DIR}/assets
            bash ${CMAKE_SOURCE_DIR}/packaging/man-subcommands.sh $<TARGET_FILE:caisse> ${CMAKE_BINARY_DIR}/man/subcommands.h2m
    COMMAND ${CMAKE_COMMAND} -E env CAISSE_LANG=en CAISSE_ASSETS=${CMAKE_SOURCE_DIR}/assets
            ${CAISSE_HELP2MAN} --locale=C.UTF-8 --no-info --section=1 "--name=touch till for small collective businesses"
            --include=${CMAKE_SOURCE_DIR}/packaging/caisse.h2m --include=${CMAKE_BINARY_DIR}/man/subcommands.h2m
            --output=${man} $<TARGET_FILE:caisse>
    COMMAND gzip -9 -n -f ${man}
    DEPENDS caisse packaging/caisse.h2m packaging/man-subcommands.sh
    COMMENT "Writing the man page caisse.1 (help2man)")
  add_custom_target(caisse_man ALL DEPENDS ${man}.gz)
  install(FILES ${man}.gz DESTINATION ${CMAKE_INSTALL_MANDIR}/man1)
else()
  message(STATUS "help2man not found: no man page")
endif()

# Kiosk: an X session whose only program is the till, full screen, started again if it exits
# (README, "Run as a kiosk"); and the same as a systemd user unit for a desktop session. Their
# absolute paths are filled in at install time, so `cmake --install --prefix DIR` gets DIR's.
install(CODE "
  set(bindir \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_BINDIR}\")
  set(libexecdir \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_LIBEXECDIR}\")
  set(datadir \"\${CMAKE_INSTALL_PREFIX}/${CMAKE_INSTALL_DATADIR}\")
  foreach(f caisse-kiosk caisse-commune-kiosk.desktop caisse-commune-kiosk.service)
    configure_file(${CMAKE_SOURCE_DIR}/packaging/kiosk/\${f}.in ${CMAKE_BINARY_DIR}/kiosk/\${f} @ONLY)
  endforeach()")
install(PROGRAMS ${CMAKE_BINARY_DIR}/kiosk/caisse-kiosk DESTINATION ${CMAKE_INSTALL_LIBEXECDIR}/caisse-commune)
install(FILES ${CMAKE_BINARY_DIR}/kiosk/caisse-commune-kiosk.desktop DESTINATION ${CMAKE_INSTALL_DATADIR}/xsessions)
install(FILES ${CMAKE_BINARY_DIR}/kiosk/caisse-commune-kiosk.service DESTINATION lib/systemd/user)
