#pragma once
// Where the till's data files are (fonts, translations, demo catalogue, udev rule): never only the
// source path compiled in, so that an installed caisse (the .deb, `cmake --install`) finds its own.
#include <filesystem>
#include <string>
#include <string_view>

namespace caisse {

// The assets folder, in this order (issue 13):
//   1. $CAISSE_ASSETS when set and not empty (tests, a relocated install);
//   2. PREFIX/share/caisse-commune for a binary at PREFIX/bin/caisse, when that folder exists
//      (found from /proc/self/exe, so any install prefix works);
//   3. the source tree's assets/ when the binary runs from inside its own build directory (a
//      developer's build; CAISSE_BUILD_DIR and CAISSE_SOURCE_ASSETS are compiled in for that only);
//   4. else the place of 2, so that "missing asset" messages name where the file was expected.
// Never throws; a missing file is reported by whoever reads it.
std::string assets_dir();

// The rule above with its inputs given: env ($CAISSE_ASSETS, may be empty), exe (the running
// binary's path, empty when unknown), build_dir and source_assets (the development fallback).
// Reads the file system only to check that folders exist. Pure otherwise, for tests.
std::filesystem::path find_assets_dir(std::string_view env, const std::filesystem::path& exe,
                                      const std::filesystem::path& build_dir,
                                      const std::filesystem::path& source_assets);

}  // namespace caisse
