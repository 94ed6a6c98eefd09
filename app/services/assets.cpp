#include "app/services/assets.hpp"

#include <cstdlib>
#include <system_error>

namespace caisse {

namespace fs = std::filesystem;

namespace {
bool is_dir(const fs::path& p) {
    std::error_code ec;
    return fs::is_directory(p, ec);
}

// True when `inner` is `outer` or below it, comparing resolved paths (symlinks, "..").
bool is_within(const fs::path& inner, const fs::path& outer) {
    std::error_code ec;
    const fs::path a = fs::weakly_canonical(inner, ec);
    if (ec) return false;
    const fs::path b = fs::weakly_canonical(outer, ec);
    if (ec || b.empty()) return false;
    auto ai = a.begin();
    for (auto bi = b.begin(); bi != b.end(); ++bi, ++ai) {
        if (bi->empty()) continue;  // a trailing separator
        if (ai == a.end() || *ai != *bi) return false;
    }
    return true;
}
}  // namespace

fs::path find_assets_dir(std::string_view env, const fs::path& exe, const fs::path& build_dir,
                         const fs::path& source_assets) {
    if (!env.empty()) return fs::path(env);
    // GNUInstallDirs layout: bin/ and share/ side by side under the prefix.
    const fs::path installed = (exe.parent_path() / ".." / "share" / "caisse-commune").lexically_normal();
    if (!exe.empty() && is_dir(installed)) return installed;
    if (!exe.empty() && !build_dir.empty() && is_within(exe.parent_path(), build_dir) && is_dir(source_assets))
        return source_assets;
    return installed;
}

std::string assets_dir() {
    const char* env = std::getenv("CAISSE_ASSETS");
    std::error_code ec;
    fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (ec) exe.clear();
    return find_assets_dir(env ? env : "", exe, CAISSE_BUILD_DIR, CAISSE_SOURCE_ASSETS).string();
}

}  // namespace caisse
