#pragma once
// Pictures of product tiles (issue 12 item 8): where a product's picture file is, the checks a
// picture gets before a manager records it, the picture decoded and scaled for a tile, and the
// pictogram (an emoji of a colour emoji font) a tile shows when the product has no picture.
// The screens decode on a thread of their own (app/ui/picture_cache); nothing here keeps state
// between calls except EmojiFont and Pictograms, which each thread owns.
#include <map>
#include <memory>
#include <string>
#include <string_view>

#include "drivers/emoji.hpp"
#include "drivers/image.hpp"

namespace caisse {

using Picture = drivers::RgbaImage;  // RGBA, straight alpha, top row first

// The file a product's `picture` names: an absolute path as it is; a relative one in the ledger's
// folder when it is there, else in the assets folder (the demo's "demo/pictures/mafe.png"). Reads
// the file system only to see whether the file exists. "" for an empty picture.
std::string picture_file(const std::string& picture, const std::string& ledger_path);

// Refuses a picture a manager sets on a product (app/services/manage save_product): the path is
// display text of at most kMaxPicturePathChars, and the file (picture_file) is readable, a PNG or a
// JPEG of at most kMaxPictureFileBytes and kMaxPictureSide pixels a side that decodes. Throws
// InputError naming the file and what is wrong with it.
void check_product_picture(const std::string& picture, const std::string& ledger_path);

// The picture of `file` (already resolved by picture_file) decoded and shrunk to fit side x side
// pixels. Throws InputError as check_product_picture does.
Picture tile_picture(const std::string& file, int side);

// The colour emoji font pictograms are drawn with: $CAISSE_EMOJI_FONT when set and not empty, else
// ASSETS/fonts/NotoColorEmoji.ttf, else Debian's /usr/share/fonts/truetype/noto/NotoColorEmoji.ttf
// (fonts-noto-color-emoji). "" when none of these exists.
std::string emoji_font_path();

// Which pictogram each product shows without a picture. Read from pictograms.csv files: lines
// "what;pictogram", where what is "sku:CODE" (one product), "category:NAME" (every product of the
// category; names compared by name_key: case, accents' forms and spaces do not matter) or
// "default"; '#' starts a comment line. A product's own line wins over its category's, which wins
// over the default. Later files (and lines) override earlier ones.
class Pictograms {
public:
    // ASSETS/pictograms.csv, then pictograms.csv in the ledger's folder if there is one (a shop's
    // own choices). Files that cannot be read are skipped; bad lines are skipped.
    static Pictograms load(const std::string& ledger_path);
    void add_csv(std::string_view text);
    // The pictogram for a product (UTF-8, one emoji); "" when nothing matches and there is no default.
    std::string for_product(const std::string& sku, const std::string& category_name) const;

private:
    std::map<std::string, std::string> by_sku_, by_category_;
    std::string default_;
};

}  // namespace caisse
