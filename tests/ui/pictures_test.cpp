// Pictures on product tiles (issue 12 items 8 and 13), driven headless with fake textures: a
// product with a picture shows it once decoded (never on the first frame: decoding is on the
// picture thread), one without shows the pictogram of its product or category (never a letter), a
// missing or corrupt file falls back to the pictogram, each file is decoded once however many
// frames and tiles show it; the product screen sets and clears a picture as new product versions
// and refuses a file that is not a picture.
#include <gtest/gtest.h>

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <future>
#include <set>
#include <string>
#include <utility>

#include "app/ui/picture_cache.hpp"
#include "tests/ui/harness.hpp"

namespace caisse::ui::testing {
namespace {

std::int64_t count(Harness& h, const std::string& sql) { return caisse::testing::raw_scalar(h.path(), sql); }
std::int64_t versions(Harness& h) { return count(h, "SELECT COUNT(*) FROM journal WHERE kind = 'product.set'"); }

std::string shown(Harness& h, const std::string& sku) {
    const auto& tiles = h.app().shown_tiles();
    const auto it = tiles.find(sku);
    return it == tiles.end() ? "(not drawn)" : it->second;
}

std::string folder_of(const std::string& path) { return path.substr(0, path.rfind('/')); }

// The texture ids the last frame's draw commands used (0 is the font atlas's own, not counted).
std::set<std::uintptr_t> drawn_textures() {
    std::set<std::uintptr_t> ids;
    const ImDrawData* data = ImGui::GetDrawData();
    for (int l = 0; l < data->CmdListsCount; ++l)
        for (const ImDrawCmd& cmd : data->CmdLists[l]->CmdBuffer) ids.insert(reinterpret_cast<std::uintptr_t>(cmd.TextureId));
    return ids;
}

void import(Harness& h, const std::string& csv) { h.till().import_catalogue(h.till().sign_in("Awa", "1234"), csv); }

TEST(UiPictures, APictureShowsOnceDecodedAndIsDrawnWithItsTexture) {
    Harness h;
    // The picture thread held back: the sell screen is drawn at once, each tile with a plain square
    // where its picture or pictogram will be (never a letter), frame after frame.
    std::promise<void> release;
    std::shared_future<void> released = release.get_future().share();
    h.app().set_picture_gate([released] { released.wait(); });
    h.settle_pictures = false;
    h.login("Lucie", "1111");
    for (int i = 0; i < 5; ++i) h.frame();
    EXPECT_EQ(h.app().screen(), Screen::sell);
    EXPECT_EQ(shown(h, "MAFE"), "placeholder");
    EXPECT_EQ(shown(h, "YASSA"), "placeholder");
    EXPECT_TRUE(h.app().pictures_busy());
    release.set_value();
    h.settle_pictures = true;
    ASSERT_TRUE(h.wait_pictures());
    h.frame();
    EXPECT_EQ(shown(h, "MAFE"), "picture");
    EXPECT_EQ(shown(h, "BISSAP"), "picture");
    // The texture the tile draws holds the demo's picture, shrunk to the tile's square (54 px at
    // scale 1): a brown stew in its centre.
    const auto& made = h.fake_textures().made;
    const auto ids = drawn_textures();
    bool mafe = false;
    for (const auto& [id, picture] : made) {
        if (!ids.count(id) || picture.width != 54 || picture.height != 54) continue;
        const std::size_t centre = (static_cast<std::size_t>(27) * 54 + 27) * 4;
        const auto r = picture.pixels[centre], g = picture.pixels[centre + 1], b = picture.pixels[centre + 2];
        if (r > 100 && r < 170 && g > 50 && g < 100 && b < 60) mafe = true;  // #8a4b1f
    }
    EXPECT_TRUE(mafe) << "no drawn texture holds the mafé's picture";
}

TEST(UiPictures, WithoutAPictureATileShowsThePictogramOfItsProductOrCategory) {
    Harness h;
    // A dessert without a line of its own, and coffee, whose own line (☕) wins over Boissons' (🥤).
    import(h, "sku,name,price,vat,entrepreneur,category\nFLAN,Flan coco,3.50,10,Aminata Diop,Desserts\n");
    h.login("Lucie", "1111");
    h.tap("cat:Desserts");
    EXPECT_EQ(shown(h, "FLAN"), "pictogram:🍰");
    EXPECT_EQ(shown(h, "CORNE"), "pictogram:🥐");
    h.tap("cat:Boissons");
    EXPECT_EQ(shown(h, "CAFE"), "pictogram:☕");
    EXPECT_EQ(shown(h, "CHICHA"), "pictogram:🥤");
    h.tap("cat:Plats");
    EXPECT_EQ(shown(h, "YASSA"), "pictogram:🐟");
    // Every tile has its pictogram: none is left with the plain square.
    for (const auto& [sku, what] : h.app().shown_tiles()) EXPECT_NE(what, "placeholder") << sku;
}

TEST(UiPictures, AMissingOrCorruptPictureFallsBackToThePictogram) {
    Harness h;
    const std::string dir = folder_of(h.path());
    std::ofstream(dir + "/broken.png", std::ios::binary) << "\x89PNG\r\n\x1a\nnot really a picture";
    std::ofstream(dir + "/text.jpg", std::ios::binary) << "hello";
    import(h, "sku,name,price,vat,entrepreneur,category,open_price,picture\n"
              "GONE,Gâteau disparu,3.00,10,Aminata Diop,Desserts,0,nowhere/gone.png\n"
              "BROKEN,Gâteau cassé,3.00,10,Aminata Diop,Desserts,0,broken.png\n"
              "TEXT,Gâteau texte,3.00,10,Aminata Diop,Desserts,0," + dir + "/text.jpg\n");
    h.login("Lucie", "1111");
    h.tap("cat:Desserts");
    for (const char* sku : {"GONE", "BROKEN", "TEXT"}) EXPECT_EQ(shown(h, sku), "pictogram:🍰") << sku;
    h.tap("cat:all");
    EXPECT_EQ(shown(h, "MAFE"), "picture");  // the others are not disturbed
}

TEST(UiPictures, EachFileIsDecodedOnceWhateverTheFramesAndTiles) {
    Harness h;
    // A picture beside the ledger (a relative path), shown by three products.
    const std::string dir = folder_of(h.path());
    std::filesystem::copy_file(std::string(CAISSE_SOURCE_DIR) + "/assets/demo/pictures/bissap.png", dir + "/jus.png");
    import(h, "sku,name,price,vat,entrepreneur,category,open_price,picture\n"
              "JUS1,Jus 1,3.00,10,Aminata Diop,Boissons,0,jus.png\n"
              "JUS2,Jus 2,3.00,10,Aminata Diop,Boissons,0,jus.png\n"
              "JUS3,Jus 3,3.00,10,Aminata Diop,Boissons,0,jus.png\n");
    h.login("Lucie", "1111");
    h.tap("cat:Boissons");
    ASSERT_TRUE(h.wait_pictures());
    h.frame();
    for (const char* sku : {"JUS1", "JUS2", "JUS3"}) EXPECT_EQ(shown(h, sku), "picture") << sku;
    const int decoded = h.app().pictures_decoded(), textures = h.fake_textures().created;
    for (int i = 0; i < 30; ++i) h.frame();
    h.tap("cat:all");
    h.tap("cat:Boissons");
    ASSERT_TRUE(h.wait_pictures());
    EXPECT_EQ(h.app().pictures_decoded(), decoded);
    EXPECT_EQ(h.fake_textures().created, textures);
    h.wait(1.0f);
    EXPECT_FALSE(h.app().animating());  // nothing left to upload: an idle till draws nothing
}

TEST(UiPictures, TilesOutOfViewAskForNoPicture) {
    Harness h;
    h.login("Lucie", "1111");
    const auto tiles = h.app().shown_tiles();
    EXPECT_GT(tiles.size(), 6u);
    EXPECT_LT(tiles.size(), h.till().products().size()) << "every tile drawn, even those scrolled out of the grid";
    EXPECT_EQ(tiles.count("SAC-WAX"), 0u);  // the last products are below the fold at 1024x768
    const int decoded = h.app().pictures_decoded();
    h.reveal_chip("cat:Sacs", "categories");
    h.tap("cat:Sacs");
    EXPECT_EQ(shown(h, "SAC-WAX"), "picture");
    EXPECT_GT(h.app().pictures_decoded(), decoded);  // asked for when it came into view
}

// The manager's product screen (issue 12 item 13): a picture typed is one new version, shown on the
// tile; a file that is no picture is refused with nothing recorded; "No picture" clears it.
void open_product(Harness& h, const std::string& sku) {
    h.tap("cash");
    h.tap("menu:manage");
    ASSERT_EQ(h.app().screen(), Screen::manage_products) << h.app().message();
    for (int i = 0; i < 12 && !h.has("mp_product:" + sku); ++i) h.swipe(ImVec2(500, 650), ImVec2(500, 400));
    h.tap("mp_product:" + sku);
}

// Types on the on-screen keyboard: lower-case letters, digits, '-', and '.' '/' from the second layer.
void type_path(Harness& h, const std::string& text) {
    for (const char c : text) {
        const bool second = c == '.' || c == '/';
        if (second) h.tap("kbd:accents");
        h.tap("kbd:" + std::string(1, c));
        if (second) h.tap("kbd:accents");
    }
}

TEST(UiPictures, TheProductScreenSetsRefusesAndClearsAPicture) {
    Harness h;
    const std::string dir = folder_of(h.path());
    std::filesystem::copy_file(std::string(CAISSE_SOURCE_DIR) + "/assets/demo/pictures/sac-wax.png", dir + "/yassa.png");
    std::ofstream(dir + "/faux.png", std::ios::binary) << "not a picture";
    h.login("Karim", "2345");
    const auto before = versions(h);
    open_product(h, "YASSA");
    h.tap("mp_picture");
    type_path(h, "faux.png");
    h.tap("mp_typed");
    h.tap("mp_save");
    EXPECT_EQ(versions(h), before) << "a file that is not a picture was recorded";
    EXPECT_NE(h.app().message().find("faux.png"), std::string::npos) << h.app().message();
    EXPECT_TRUE(h.has("mp_save"));  // the form stays, as typed
    h.tap("mp_picture_clear");
    h.tap("mp_picture");
    type_path(h, "yassa.png");
    h.tap("mp_typed");
    h.tap("mp_save");
    EXPECT_EQ(versions(h), before + 1) << h.app().message();
    EXPECT_EQ(h.till().product("YASSA")->picture, "yassa.png");
    h.tap("manage_back");
    ASSERT_TRUE(h.wait_pictures());
    h.frame();
    EXPECT_EQ(shown(h, "YASSA"), "picture");
    // Cleared: one more version, and the tile shows its pictogram again.
    open_product(h, "YASSA");
    h.tap("mp_picture_clear");
    h.tap("mp_save");
    EXPECT_EQ(versions(h), before + 2) << h.app().message();
    EXPECT_EQ(h.till().product("YASSA")->picture, "");
    h.tap("manage_back");
    ASSERT_TRUE(h.wait_pictures());
    h.frame();
    EXPECT_EQ(shown(h, "YASSA"), "pictogram:🐟");
}

// Seen on the demo at 1280x800: "Bière artisanale 33 cl" wraps to three lines and its pictogram
// covered "33 cl". A long name shrinks the tile's picture instead, never below 28 px; a short one
// keeps the full 54 px square. Both window sizes, every tile drawn.
TEST(UiPictures, APictureNeverCoversTheProductsName) {
    for (const ImVec2 size : {ImVec2(1024, 768), ImVec2(1280, 800), ImVec2(1920, 1080)}) {
        Harness h(size);
        h.login("Lucie", "1111");
        h.frame();
        int full = 0;
        for (const auto& [sku, what] : h.app().shown_tiles()) {
            const auto layout = h.app().tile_layout(sku);
            ASSERT_TRUE(layout) << sku;
            EXPECT_GE(layout->picture_top, layout->name_bottom) << sku << " at " << size.x << "x" << size.y;
            EXPECT_GE(layout->picture_side, 28.0f) << sku;
            full += layout->picture_side == 54.0f;
        }
        const auto beer = h.app().tile_layout("BIERE");
        ASSERT_TRUE(beer) << "the beer's tile is in view at " << size.x << "x" << size.y;
        EXPECT_GT(full, 0);
        if (size.x == 1280) {
            EXPECT_LT(beer->picture_side, 54.0f) << "its name wraps to three lines there";
        }
    }
}

}  // namespace
}  // namespace caisse::ui::testing
