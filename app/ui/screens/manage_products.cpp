// The manager's screens, products (issue 12 item 13): the list of every product, on sale or
// withdrawn; a tap opens it: the price on the keypad, the VAT rate among those the till knows, the
// entrepreneur, the category, on sale or withdrawn, the picture (a file's path typed, or none). "Save" records one new product version through
// save_product (app/services/manage), which checks the role and every field; "Add a product" types
// the SKU and the name on the on-screen keyboard. Also the tabs shared by the three manager screens.
#include <algorithm>
#include <cmath>
#include <map>

#include "app/core/text.hpp"
#include "app/services/manage.hpp"
#include "app/services/printing.hpp"
#include "app/ui/navigation.hpp"
#include "app/ui/screens/screens.hpp"
#include "app/ui/widgets/big_amount.hpp"
#include "app/ui/widgets/chips.hpp"
#include "app/ui/widgets/colours.hpp"
#include "app/ui/widgets/keypad.hpp"
#include "app/ui/widgets/text_keyboard.hpp"
#include "app/ui/widgets/touch_button.hpp"

namespace caisse::ui {
namespace {

void edit(S& s, std::optional<Product> p) {
    auto& m = s.manage;
    m.adding = !p;
    if (!p) {
        p = Product{};
        if (!s.entrepreneurs.empty()) p->entrepreneur_id = s.entrepreneurs.front().id;
        if (!s.categories.empty()) p->category_id = s.categories.front().id;
        p->vat = VatRate{1000};
    }
    m.price = AmountEntry::of(p->price);
    m.price_fresh = true;
    m.product = std::move(p);
    m.typing = ManageUi::Typing::none;
    s.keyboard_shift = false;
    s.keyboard_accents = false;
}

void label(S& s, const std::string& t) {
    ImGui::PushFont(s.fonts.bold);
    ImGui::TextUnformatted(t.c_str());
    ImGui::PopFont();
}

void product_list(S& s) {
    auto& m = s.manage;
    if (touch_button(s, "mp_new", s.tr("Add a product"), ImVec2(s.px(260), s.px(64)), kGreen, kWhite, s.fonts.bold)) return edit(s, std::nullopt);
    ImGui::SameLine(0, s.px(20));
    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(s.tr("{0} products; tap one to change it", static_cast<std::int64_t>(m.products.size())).c_str());
    ImGui::BeginChild("mp_list", ImVec2(0, 0), false);
    if (dragged_here(s, "mp_list")) ImGui::SetScrollY(ImGui::GetScrollY() - ImGui::GetIO().MouseDelta.y);
    const float w = ImGui::GetContentRegionAvail().x;
    std::map<std::int64_t, std::string> ents;
    for (const auto& e : s.entrepreneurs) ents[e.id] = e.name;
    ImGui::PushStyleVar(ImGuiStyleVar_ButtonTextAlign, ImVec2(0.02f, 0.5f));
    std::optional<Product> chosen;
    for (const auto& p : m.products) {
        std::string text = p.name + "  ·  " + p.price.format() + "  ·  " + s.tr("VAT") + " " + p.vat.percent() + "  ·  " + ents[p.entrepreneur_id];
        if (!p.active) text += "  ·  " + s.tr("withdrawn");
        if (touch_button(s, "mp_product:" + p.sku, text, ImVec2(w, s.px(56)), p.active ? 0 : kWindowBg, p.active ? 0 : kMuted)) chosen = p;
    }
    ImGui::PopStyleVar();
    ImGui::EndChild();
    if (chosen) edit(s, chosen);
}

void save(S& s) {
    auto& m = s.manage;
    Product p = *m.product;
    p.price = m.price.value().value_or(Money());
    try {
        if (save_product(*s.till, *s.actor, p)) {
            say(s, s.tr("{0} saved: a new version is recorded", p.name), false);
            reload_catalogue(s);  // the sell screen's tiles
            manage_open(s, Screen::manage_products);
        } else {
            say(s, s.tr("Nothing changed: nothing recorded"), false);
            m.product.reset();
        }
    } catch (const std::exception& e) {
        say_error(s, e);  // the form stays as typed
    }
}

// The product's picture (issue 12 items 8 and 13): its path typed on the keyboard, or none (the
// tile then shows the pictogram). Checked when saved (save_product: a readable PNG or JPEG).
void picture_row(S& s, Product& p, float width) {
    auto& m = s.manage;
    ImGui::BeginGroup();
    label(s, p.picture.empty() ? s.tr("Picture: none (a pictogram)") : s.tr("Picture: {0}", p.picture));
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float h = s.px(52), side = std::round(h);
    if (!p.picture.empty()) {
        // What the tile will show, once decoded (a file that is not a picture shows nothing here).
        const auto& shown = s.pictures.picture(p.picture, static_cast<int>(side));
        const ImVec2 at = ImGui::GetCursorScreenPos();
        if (shown.state == PictureCache::State::ready) {
            const auto& t = shown.texture;
            const float k = side / static_cast<float>(std::max(t.width, t.height));
            ImGui::GetWindowDrawList()->AddImageRounded(t.id, at, ImVec2(at.x + static_cast<float>(t.width) * k, at.y + static_cast<float>(t.height) * k),
                                                        ImVec2(0, 0), ImVec2(1, 1), IM_COL32_WHITE, s.px(6));
        }
        ImGui::Dummy(ImVec2(side, side));
        ImGui::SameLine();
    }
    const float left = width - (p.picture.empty() ? 0 : side + gap);
    const float button_w = std::max(s.px(kMinTarget), std::min(s.px(180), (left - gap) / 2));
    if (touch_button(s, "mp_picture", s.tr("File…"), ImVec2(button_w, h))) {
        m.typing = ManageUi::Typing::picture;
        s.keyboard_shift = false;
    }
    if (!p.picture.empty()) {
        ImGui::SameLine();
        if (touch_button(s, "mp_picture_clear", s.tr("No picture"), ImVec2(button_w, h), kPaleRed, kRed)) p.picture.clear();
    }
    ImGui::EndGroup();
}

void product_form(S& s) {
    auto& m = s.manage;
    Product& p = *m.product;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float left_w = std::min(s.px(330), avail.x * 0.34f);
    ImGui::BeginGroup();
    label(s, s.tr("Price incl. VAT"));
    big_text(s.fonts.huge, (m.price.empty() ? "0" : m.price.text()) + " €");
    const float key_w = (left_w - 2 * gap) / 3;
    if (const char key = keypad_grid(s, "mp_pad", key_w, s.px(60), ',')) {
        // The first digit replaces the price shown; ← corrects it.
        if (m.price_fresh && key != '<') m.price.clear();
        m.price_fresh = false;
        if (auto refused = m.price.press(key)) say(s, s.translator.translate(*refused), true);
    }
    ImGui::Spacing();
    const float cancel_w = (left_w - gap) * 0.36f;
    if (touch_button(s, "mp_cancel", s.tr("Cancel"), ImVec2(cancel_w, s.px(72)))) m.product.reset();
    ImGui::SameLine();
    if (touch_button(s, "mp_save", s.tr("Save"), ImVec2(left_w - cancel_w - gap, s.px(72)), kGreen, kWhite, s.fonts.large)) save(s);
    ImGui::EndGroup();
    if (!m.product) return;
    ImGui::SameLine(0, s.px(24));
    const float right_w = avail.x - left_w - s.px(24);
    ImGui::BeginGroup();
    if (m.typing == ManageUi::Typing::picture) {
        label(s, s.tr("Picture file (PNG or JPEG): a full path, or a path beside the ledger"));
        big_text(s.fonts.large, p.picture + "_");
        text_keyboard(s, p.picture, right_w, 200);
        if (touch_button(s, "mp_typed", s.tr("OK"), ImVec2(s.px(200), s.px(64)), kDark, kWhite, s.fonts.bold)) m.typing = ManageUi::Typing::none;
        ImGui::EndGroup();
        return;
    }
    if (m.typing != ManageUi::Typing::none) {
        const bool sku = m.typing == ManageUi::Typing::sku;
        std::string& text = sku ? p.sku : p.name;
        label(s, sku ? s.tr("SKU (code, no spaces)") : s.tr("Product name"));
        big_text(s.fonts.large, text + "_");
        text_keyboard(s, text, right_w, sku ? 64 : 160);
        if (touch_button(s, "mp_typed", s.tr("OK"), ImVec2(s.px(200), s.px(64)), kDark, kWhite, s.fonts.bold)) m.typing = ManageUi::Typing::none;
        ImGui::EndGroup();
        return;
    }
    if (m.adding) {
        if (touch_button(s, "mp_sku", p.sku.empty() ? s.tr("Tap to type the SKU") : s.tr("SKU: {0}", p.sku), ImVec2(right_w, s.px(52))))
            m.typing = ManageUi::Typing::sku, s.keyboard_shift = true;  // SKUs are capitals
    } else {
        label(s, s.tr("SKU: {0}", p.sku));
    }
    if (touch_button(s, "mp_name", p.name.empty() ? s.tr("Tap to type the name") : p.name, ImVec2(right_w, s.px(52)), 0, 0, s.fonts.bold))
        m.typing = ManageUi::Typing::name, s.keyboard_shift = false;
    label(s, s.tr("VAT rate"));
    std::vector<Chip> vat;
    const auto rates = known_vat_rates(*s.till);
    for (const VatRate r : rates) vat.push_back({"mp_vat:" + std::to_string(r.bp), r.percent(), p.vat == r, 0, ""});
    if (const int i = paged_chips(s, "mp_vats", right_w, vat); i >= 0) p.vat = rates[static_cast<std::size_t>(i)];
    // The chosen one is named: it may be on another page of chips.
    std::string seller, category;
    for (const auto& e : s.entrepreneurs)
        if (e.id == p.entrepreneur_id) seller = e.name;
    for (const auto& c : s.categories)
        if (c.id == p.category_id) category = c.name;
    label(s, s.tr("Sold by: {0}", seller));
    std::vector<Chip> who;
    for (const auto& e : s.entrepreneurs)
        who.push_back({"mp_ent:" + e.name, e.name, p.entrepreneur_id == e.id, colour_of(e.colour), initials(e.name)});
    if (const int i = paged_chips(s, "mp_ents", right_w, who); i >= 0) p.entrepreneur_id = s.entrepreneurs[static_cast<std::size_t>(i)].id;
    label(s, s.tr("Category: {0}", category));
    std::vector<Chip> cats;
    for (const auto& c : s.categories) cats.push_back({"mp_cat:" + c.name, c.name, p.category_id == c.id, 0, ""});
    if (const int i = paged_chips(s, "mp_cats", right_w, cats); i >= 0) p.category_id = s.categories[static_cast<std::size_t>(i)].id;
    // On sale or withdrawn, and beside it the picture: one row, so that the form fits 1024x768.
    const float row_x = ImGui::GetCursorPosX();
    ImGui::BeginGroup();
    label(s, s.tr("On the till"));
    if (chip(s, "mp_active:yes", s.tr("On sale"), p.active)) p.active = true;
    ImGui::SameLine();
    if (chip(s, "mp_active:no", s.tr("Withdrawn"), !p.active, kRed)) p.active = false;
    ImGui::EndGroup();
    ImGui::SameLine(0, s.px(24));
    picture_row(s, p, right_w - (ImGui::GetCursorPosX() - row_x));
    ImGui::EndGroup();
}

}  // namespace

void manage_open(S& s, Screen which) {
    auto& m = s.manage;
    try {
        m.typing = ManageUi::Typing::none;
        switch (which) {
            case Screen::manage_products:
                m.products = s.till->products();
                m.product.reset();
                reload_catalogue(s);
                break;
            case Screen::manage_entrepreneurs: manage_entrepreneurs_read(s); break;
            case Screen::manage_users:
                m.users = s.till->users();
                m.user_form = ManageUi::UserForm::none;
                break;
            case Screen::manage_settings: manage_settings_read(s); break;
            default: break;
        }
        s.screen = which;
    } catch (const std::exception& e) {
        say_error(s, e);
    }
}

void start_manage(S& s) { manage_open(s, Screen::manage_products); }

namespace {
void manage_tabs(S& s, Screen here) {
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float w = std::min(s.px(240), (ImGui::GetContentRegionAvail().x - 4 * gap) / 5), h = s.px(64);
    const struct {
        const char* id;
        const char* label;
        Screen screen;
    } tabs[] = {{"manage_tab:products", "Products", Screen::manage_products},
                {"manage_tab:entrepreneurs", "Entrepreneurs", Screen::manage_entrepreneurs},
                {"manage_tab:users", "Users", Screen::manage_users},
                {"manage_tab:settings", "Settings", Screen::manage_settings}};
    for (const auto& t : tabs) {
        const bool on = t.screen == here;
        if (touch_button(s, t.id, s.tr(t.label), ImVec2(w, h), on ? kDark : 0, on ? kWhite : 0, s.fonts.bold) && !on) manage_open(s, t.screen);
        ImGui::SameLine();
    }
    if (touch_button(s, "manage_back", s.tr("Back to the sale"), ImVec2(w, h), kGreen, kWhite, s.fonts.bold)) s.screen = Screen::sell;
}
}  // namespace

bool enter_manage_tab(S& s, Screen here) {
    if (!is_manager(s)) {
        s.screen = Screen::sell;
        return false;
    }
    manage_tabs(s, here);
    return s.screen == here;
}

void manage_products_screen(S& s) {
    if (!enter_manage_tab(s, Screen::manage_products)) return;
    if (s.manage.product) return product_form(s);
    product_list(s);
}

}  // namespace caisse::ui
