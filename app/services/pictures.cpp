// Product pictures and pictograms (app/services/pictures.hpp).
#include "app/services/pictures.hpp"

#include <sys/stat.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "app/core/limits.hpp"
#include "app/core/message.hpp"
#include "app/core/money.hpp"
#include "app/core/text.hpp"
#include "app/services/assets.hpp"
#include "drivers/printer_error.hpp"

namespace caisse {

namespace {

bool regular_file(const std::string& path) {
    struct stat st {};
    return ::stat(path.c_str(), &st) == 0 && S_ISREG(st.st_mode);
}

std::string trim(std::string_view t) {
    const auto b = t.find_first_not_of(" \t\r\n");
    if (b == std::string_view::npos) return {};
    const auto e = t.find_last_not_of(" \t\r\n");
    return std::string(t.substr(b, e - b + 1));
}

std::string read_text(const std::string& path) {
    if (!regular_file(path)) return {};
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

std::string picture_file(const std::string& picture, const std::string& ledger_path) {
    if (picture.empty()) return {};
    const std::filesystem::path p(picture);
    if (p.is_absolute()) return picture;
    const auto beside = std::filesystem::path(ledger_path).parent_path() / p;
    if (!ledger_path.empty() && regular_file(beside.string())) return beside.string();
    return (std::filesystem::path(assets_dir()) / p).string();
}

Picture tile_picture(const std::string& file, int side) {
    if (!regular_file(file)) throw InputError("the picture {0} is not a file that can be read", file);
    try {
        return drivers::fit_rgba(drivers::load_rgba(file, static_cast<std::uintmax_t>(kMaxPictureFileBytes)), side, side);
    } catch (const drivers::PrinterError& e) {
        throw InputError("the picture cannot be used: {0} (PNG or JPEG, at most {1} MiB and {2} pixels a side)", std::string(e.what()),
                         kMaxPictureFileBytes / (1024 * 1024), std::int64_t{kMaxPictureSide});
    }
}

void check_product_picture(const std::string& picture, const std::string& ledger_path) {
    check_display_text(picture, "the picture", kMaxPicturePathChars);
    const std::string file = picture_file(picture, ledger_path);
    const Picture p = tile_picture(file, 64);  // decodes it whole: a truncated file is found now
    if (p.width <= 0 || p.height <= 0) throw InputError("the picture {0} has no pixels", file);
}

std::string emoji_font_path() {
    if (const char* env = std::getenv("CAISSE_EMOJI_FONT"); env && *env) return regular_file(env) ? std::string(env) : std::string();
    for (const std::string& path : {assets_dir() + "/fonts/NotoColorEmoji.ttf", std::string("/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf")})
        if (regular_file(path)) return path;
    return {};
}

Pictograms Pictograms::load(const std::string& ledger_path) {
    Pictograms p;
    p.add_csv(read_text(assets_dir() + "/pictograms.csv"));
    if (!ledger_path.empty()) p.add_csv(read_text((std::filesystem::path(ledger_path).parent_path() / "pictograms.csv").string()));
    return p;
}

void Pictograms::add_csv(std::string_view text) {
    std::size_t at = 0;
    while (at < text.size()) {
        auto end = text.find('\n', at);
        if (end == std::string_view::npos) end = text.size();
        const std::string line = trim(text.substr(at, end - at));
        at = end + 1;
        if (line.empty() || line[0] == '#') continue;
        const auto semi = line.find(';');
        if (semi == std::string::npos) continue;
        const std::string what = trim(std::string_view(line).substr(0, semi));
        const std::string emoji = trim(std::string_view(line).substr(semi + 1));
        if (emoji.empty() || drivers::first_code_point(emoji) == 0) continue;
        if (what == "default") default_ = emoji;
        else if (what.rfind("sku:", 0) == 0) by_sku_[trim(std::string_view(what).substr(4))] = emoji;
        else if (what.rfind("category:", 0) == 0) {
            try {
                by_category_[name_key(trim(std::string_view(what).substr(9)))] = emoji;
            } catch (const std::exception&) {
                // not UTF-8: the line is skipped
            }
        }
    }
}

std::string Pictograms::for_product(const std::string& sku, const std::string& category_name) const {
    if (const auto s = by_sku_.find(sku); s != by_sku_.end()) return s->second;
    try {
        if (const auto c = by_category_.find(name_key(category_name)); c != by_category_.end()) return c->second;
    } catch (const std::exception&) {
    }
    return default_;
}

}  // namespace caisse
