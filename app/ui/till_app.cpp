#include "app/ui/till_app.hpp"

#include <imgui_internal.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <ctime>
#include <exception>
#include <mutex>
#include <optional>
#include <set>

#include "app/core/amount_entry.hpp"
#include "app/services/cash_session.hpp"
#include "app/services/i18n.hpp"
#include "app/services/printing.hpp"
#include "app/services/sale_draft.hpp"

namespace caisse::ui {
namespace {

using Steady = std::chrono::steady_clock;

ImU32 colour_of(const std::string& hex, ImU32 fallback = IM_COL32(120, 120, 120, 255)) {
    if (hex.size() != 7 || hex[0] != '#') return fallback;
    unsigned v = 0;
    for (std::size_t i = 1; i < 7; ++i) {
        const char c = hex[i];
        v <<= 4;
        if (c >= '0' && c <= '9') v |= static_cast<unsigned>(c - '0');
        else if (c >= 'a' && c <= 'f') v |= static_cast<unsigned>(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F') v |= static_cast<unsigned>(c - 'A' + 10);
        else return fallback;
    }
    return IM_COL32((v >> 16) & 0xFF, (v >> 8) & 0xFF, v & 0xFF, 255);
}

// Users have no colour of their own: one from a palette by id, stable between runs.
ImU32 user_colour(std::int64_t id) {
    static const ImU32 palette[] = {IM_COL32(41, 128, 185, 255), IM_COL32(192, 57, 43, 255), IM_COL32(39, 174, 96, 255),
                                    IM_COL32(142, 68, 173, 255), IM_COL32(211, 84, 0, 255),  IM_COL32(22, 160, 133, 255)};
    return palette[static_cast<std::size_t>(id) % std::size(palette)];
}

constexpr ImU32 kGreen = IM_COL32(39, 140, 80, 255);
constexpr ImU32 kRed = IM_COL32(190, 50, 40, 255);
constexpr ImU32 kWhite = IM_COL32(255, 255, 255, 255);
constexpr ImU32 kInk = IM_COL32(30, 30, 30, 255);

enum class KeypadPurpose { none, open_price, discount, quantity, session_float };

}  // namespace

struct TillApp::State {
    std::unique_ptr<Till> till;
    std::unique_ptr<PrintQueue> printer;
    Fonts fonts;
    float scale = 1;
    Targets targets, drawing;
    std::function<void()> wake;
    std::mutex wake_mutex;

    Screen screen = Screen::login;
    std::optional<User> user;
    std::string language = "fr";
    i18n::Translator translator = i18n::Translator::load("fr");

    // Login
    std::optional<User> chosen;
    std::string pin;

    // Sell
    SaleDraft draft;
    std::int64_t category = 0;      // 0: all
    std::int64_t entrepreneur = 0;  // 0: all
    std::vector<Product> products;
    std::vector<Category> categories;
    std::vector<Entrepreneur> entrepreneurs;
    std::map<std::int64_t, std::string> entrepreneur_colour;
    std::optional<std::size_t> confirm_remove;
    float scroll_velocity = 0;
    std::string drag_owner;  // the scrolling window a finger is dragging

    // Keypad overlay
    KeypadPurpose keypad = KeypadPurpose::none;
    std::string keypad_sku;
    std::optional<std::size_t> keypad_line;
    bool keypad_percent = false;
    AmountEntry entry;

    // Pay
    AmountEntry tendered;
    bool committing = false;
    std::optional<SellResult> last_sale;

    // Recent
    std::optional<std::int64_t> recent_ticket;
    std::vector<std::string> recent_preview;

    // Message at the bottom of the screen
    std::string message;
    bool message_error = false;
    Steady::time_point message_at;

    explicit State(std::unique_ptr<Till> t) : till(std::move(t)), draft(*till) {}

    template <class... A>
    std::string tr(std::string_view msgid, A&&... args) const {
        return translator.translate(Message{std::string(msgid), {MessageArg(std::forward<A>(args))...}});
    }
    float px(float v) const { return v * scale; }
};

namespace {

// The screen parts: free functions over the state, so that each stays short.
using S = TillApp::State;

void say(S& s, std::string text, bool error) {
    s.message = std::move(text);
    s.message_error = error;
    s.message_at = Steady::now();
}

void say_error(S& s, const std::exception& e) {
    if (const auto* input = dynamic_cast<const InputError*>(&e)) return say(s, s.translator.translate(input->message()), true);
    say(s, s.tr("The till could not do that: {0}", std::string(e.what())), true);
}

void set_language(S& s, const std::string& lang) {
    s.language = lang;
    s.translator = i18n::Translator::load(lang);
    if (s.user) s.till->set_user_language(s.user->name, lang);
}

void reload_catalogue(S& s) {
    s.products = s.till->products();
    s.products.erase(std::remove_if(s.products.begin(), s.products.end(), [](const Product& p) { return !p.active; }),
                     s.products.end());
    s.categories = s.till->categories();
    s.entrepreneurs = s.till->entrepreneurs();
    for (const auto& e : s.entrepreneurs) s.entrepreneur_colour[e.id] = e.colour;
}

// A button that is a touch target: recorded under `id` with its rectangle for tests.
bool touch_button(S& s, const std::string& id, const std::string& label, ImVec2 size, ImU32 fill = 0, ImU32 text = 0,
                  ImFont* font = nullptr) {
    if (fill) {
        ImGui::PushStyleColor(ImGuiCol_Button, fill);
        ImGui::PushStyleColor(ImGuiCol_ButtonHovered, fill);
        const ImVec4 f = ImGui::ColorConvertU32ToFloat4(fill);
        ImGui::PushStyleColor(ImGuiCol_ButtonActive, ImVec4(f.x * 0.8f, f.y * 0.8f, f.z * 0.8f, 1.0f));
    }
    if (text) ImGui::PushStyleColor(ImGuiCol_Text, text);
    if (font) ImGui::PushFont(font);
    const bool clicked = ImGui::Button((label + "##" + id).c_str(), size);
    if (font) ImGui::PopFont();
    if (text) ImGui::PopStyleColor();
    if (fill) ImGui::PopStyleColor(3);
    // Only what can be touched whole now: a tile scrolled (even partly) out of its grid is not a target.
    const ImRect rect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    if (ImGui::GetCurrentWindowRead()->ClipRect.Contains(rect)) s.drawing[id] = Target{rect.Min, rect.Max};
    // A finger that dragged (scrolling the grid) did not mean to tap.
    const float slop = ImGui::GetIO().MouseDragThreshold;
    return clicked && ImGui::GetIO().MouseDragMaxDistanceSqr[0] <= slop * slop;
}

// A finger that went down inside this window (even on one of its buttons) and is dragging: the
// window owns the drag until the finger lifts, wherever it moves meanwhile.
bool dragged_here(S& s, const char* id) {
    const ImGuiIO& io = ImGui::GetIO();
    if (ImGui::IsMouseClicked(0)) {
        const ImVec2 min = ImGui::GetWindowPos();
        const ImVec2 max(min.x + ImGui::GetWindowWidth(), min.y + ImGui::GetWindowHeight());
        const ImVec2 m = io.MousePos;
        if (m.x >= min.x && m.x < max.x && m.y >= min.y && m.y < max.y) s.drag_owner = id;
    }
    if (!io.MouseDown[0]) {
        if (s.drag_owner == id) s.drag_owner.clear();
        return false;
    }
    return s.drag_owner == id && ImGui::IsMouseDragging(0);
}

void big_text(ImFont* font, const std::string& text, ImU32 colour = kInk) {
    ImGui::PushFont(font);
    ImGui::PushStyleColor(ImGuiCol_Text, colour);
    ImGui::TextUnformatted(text.c_str());
    ImGui::PopStyleColor();
    ImGui::PopFont();
}

std::string clock_text() {
    const std::time_t now = std::time(nullptr);
    std::tm tm{};
    localtime_r(&now, &tm);
    char buf[8];
    std::strftime(buf, sizeof buf, "%H:%M", &tm);
    return buf;
}

std::string role_label(const S& s, Role r) {
    switch (r) {
        case Role::Seller: return s.tr("seller");
        case Role::Manager: return s.tr("manager");
        case Role::Admin: return s.tr("admin");
    }
    return "";
}

std::string method_label(const S& s, TenderMethod m) {
    switch (m) {
        case TenderMethod::Cash: return s.tr("Cash");
        case TenderMethod::Card: return s.tr("Card");
        case TenderMethod::Cheque: return s.tr("Cheque");
        case TenderMethod::Voucher: return s.tr("Meal voucher");
        case TenderMethod::Transfer: return s.tr("Transfer");
    }
    return "";
}

// ---------------------------------------------------------------- status bar

void status_bar(S& s, float height) {
    const ImVec2 size(ImGui::GetIO().DisplaySize.x, height);
    ImGui::SetNextWindowPos(ImVec2(0, 0));
    ImGui::SetNextWindowSize(size);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(45, 52, 64, 255));
    ImGui::PushStyleColor(ImGuiCol_Text, kWhite);
    ImGui::Begin("status", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoScrollWithMouse);
    const float button_h = height - 2 * ImGui::GetStyle().WindowPadding.y;
    // The buttons on the right first: the texts on the left are clipped to what remains.
    const ImGuiStyle& style = ImGui::GetStyle();
    const bool logged = s.user.has_value();
    const std::string lang_label = s.language == "fr" ? "EN" : "FR";
    const std::string recent_label = s.tr("Tickets"), switch_label = s.tr("Switch user");
    auto button_w = [&](const std::string& label) {
        return std::max(s.px(kMinTarget + 16), ImGui::CalcTextSize(label.c_str()).x + 2 * style.FramePadding.x);
    };
    const std::string clock = clock_text();
    float right = button_w(lang_label) + style.ItemSpacing.x + ImGui::CalcTextSize(clock.c_str()).x + style.ItemSpacing.x;
    if (logged) right += button_w(recent_label) + button_w(switch_label) + 2 * style.ItemSpacing.x;
    const float right_x = size.x - style.WindowPadding.x - right;

    ImGui::PushClipRect(ImGui::GetCursorScreenPos(), ImVec2(right_x - style.ItemSpacing.x, size.y), true);
    ImGui::SetCursorPosY((height - ImGui::GetFontSize()) / 2);
    if (s.user) {
        ImGui::PushFont(s.fonts.bold);
        ImGui::TextUnformatted(s.user->name.c_str());
        ImGui::PopFont();
        ImGui::SameLine();
        ImGui::TextUnformatted(role_label(s, s.user->role).c_str());
    } else {
        ImGui::TextUnformatted("Caisse Commune");
    }
    ImGui::SameLine(0, s.px(24));
    if (const auto session = s.till->current_session())
        ImGui::TextUnformatted(s.tr("Session {0} · {1}", session->id, session->day).c_str());
    else
        ImGui::TextUnformatted(s.tr("No session open").c_str());
    ImGui::SameLine(0, s.px(24));
    // Printer: a coloured dot, its state, and the jobs waiting.
    std::string printer_text = s.tr("no printer");
    ImU32 dot = IM_COL32(150, 150, 150, 255);
    if (s.printer) {
        const auto st = s.printer->status();
        const std::string where = s.printer->printer();
        const auto pending = s.printer->pending();
        if (where.rfind("screen:", 0) == 0) {
            printer_text = s.tr("printer: screen");
        } else if (!st.known) {
            printer_text = s.tr("printer: {0}", where);
        } else {
            printer_text = s.tr("printer: {0}", s.tr(st.summary()));
            dot = st.can_print() ? (st.paper_near_end ? IM_COL32(230, 160, 0, 255) : IM_COL32(60, 200, 90, 255)) : kRed;
        }
        if (pending > 0) printer_text += "  " + s.tr("{0} waiting", static_cast<std::int64_t>(pending));
    }
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const float r = s.px(7);
    ImGui::GetWindowDrawList()->AddCircleFilled(ImVec2(p.x + r, p.y + ImGui::GetFontSize() / 2), r, dot);
    ImGui::Dummy(ImVec2(2 * r + s.px(2), ImGui::GetFontSize()));
    ImGui::SameLine();
    ImGui::TextUnformatted(printer_text.c_str());
    ImGui::PopClipRect();

    const ImU32 dark = IM_COL32(70, 80, 96, 255);
    ImGui::SameLine(right_x);
    ImGui::SetCursorPosY(style.WindowPadding.y);
    if (touch_button(s, "lang", lang_label, ImVec2(button_w(lang_label), button_h), dark, kWhite)) {
        try {
            set_language(s, s.language == "fr" ? "en" : "fr");
        } catch (const std::exception& e) {
            say_error(s, e);
        }
    }
    if (logged) {
        ImGui::SameLine();
        if (touch_button(s, "recent", recent_label, ImVec2(button_w(recent_label), button_h), dark, kWhite)) {
            s.screen = Screen::recent;
            s.recent_ticket.reset();
        }
        ImGui::SameLine();
        if (touch_button(s, "switch_user", switch_label, ImVec2(button_w(switch_label), button_h), dark, kWhite)) {
            s.user.reset();
            s.chosen.reset();
            s.pin.clear();
            s.keypad = KeypadPurpose::none;  // nothing the last user started stays open for the next
            s.confirm_remove.reset();
            s.screen = Screen::login;
        }
    }
    ImGui::SameLine();
    ImGui::SetCursorPosY((height - ImGui::GetFontSize()) / 2);
    ImGui::TextUnformatted(clock.c_str());
    ImGui::End();
    ImGui::PopStyleColor(2);
}

// ---------------------------------------------------------------- keypads

// Digits in a 3x4 grid, with `extra` as the bottom-left key (',' for amounts, 'C' for PINs).
// Returns the key pressed, or 0.
char keypad_grid(S& s, const std::string& id, float key_w, float key_h, char extra) {
    static const char keys[] = {'7', '8', '9', '4', '5', '6', '1', '2', '3', 'X', '0', '<'};
    char pressed = 0;
    for (int i = 0; i < 12; ++i) {
        char k = keys[i] == 'X' ? extra : keys[i];
        const std::string label = k == '<' ? "←" : std::string(1, k);
        if (i % 3 != 0) ImGui::SameLine();
        if (touch_button(s, id + ":" + std::string(1, k), label, ImVec2(key_w, key_h), IM_COL32(255, 255, 255, 255), kInk,
                         s.fonts.large))
            pressed = k;
    }
    return pressed;
}

// ---------------------------------------------------------------- login

void login_screen(S& s) {
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    big_text(s.fonts.large, s.tr("Who is at the till?"));
    ImGui::Spacing();
    const auto users = s.till->users();
    const float pad_w = s.px(3 * 96 + 2 * 10);
    const float tiles_w = avail.x - pad_w - s.px(40);
    const float tile_w = s.px(200), tile_h = s.px(110);
    const int per_row = std::max(1, static_cast<int>((tiles_w + ImGui::GetStyle().ItemSpacing.x) / (tile_w + ImGui::GetStyle().ItemSpacing.x)));
    ImGui::BeginGroup();
    int n = 0;
    for (const auto& u : users) {
        if (n++ % per_row != 0) ImGui::SameLine();
        const bool chosen = s.chosen && s.chosen->id == u.id;
        if (touch_button(s, "user:" + u.name, u.name + "\n" + role_label(s, u.role), ImVec2(tile_w, tile_h),
                         chosen ? user_colour(u.id) : IM_COL32(255, 255, 255, 255), chosen ? kWhite : kInk, s.fonts.bold)) {
            s.chosen = u;
            s.pin.clear();
            // Each user's language, French until they choose another.
            const std::string lang = s.till->user_language(u.name);
            if (lang != s.language) {
                s.language = lang;
                s.translator = i18n::Translator::load(lang);
            }
        }
        const Target r{ImGui::GetItemRectMin(), ImGui::GetItemRectMax()};
        ImGui::GetWindowDrawList()->AddRectFilled(r.min, ImVec2(r.max.x, r.min.y + s.px(8)), user_colour(u.id), s.px(8),
                                                  ImDrawFlags_RoundCornersTop);
    }
    ImGui::EndGroup();
    if (!s.chosen) return;

    ImGui::SameLine(avail.x - pad_w);
    ImGui::BeginGroup();
    big_text(s.fonts.bold, s.tr("PIN of {0}", s.chosen->name));
    std::string dots;
    for (std::size_t i = 0; i < std::max<std::size_t>(4, s.pin.size()); ++i) dots += i < s.pin.size() ? "● " : "○ ";
    big_text(s.fonts.large, dots);
    const char key = keypad_grid(s, "pin", s.px(96), s.px(80), 'C');
    if (key == 'C') s.pin.clear();
    else if (key == '<' && !s.pin.empty()) s.pin.pop_back();
    else if (key >= '0' && key <= '9' && s.pin.size() < 8) s.pin += key;
    if (touch_button(s, "login", s.tr("Log in"), ImVec2(pad_w, s.px(80)), kGreen, kWhite, s.fonts.large)) {
        try {
            const auto result = s.till->login(s.chosen->name, s.pin);
            s.pin.clear();
            if (result.ok) {
                s.user = s.chosen;
                s.message.clear();
                reload_catalogue(s);
                s.screen = s.till->current_session() ? Screen::sell : Screen::open_session;
                s.entry.clear();
            } else if (result.seconds_locked > 0) {
                say(s, s.tr("Too many wrong PINs: {0} is locked for {1} s", s.chosen->name, result.seconds_locked), true);
            } else {
                say(s, s.tr("Wrong PIN. {0} tries left before a lock", result.attempts_left), true);
            }
        } catch (const std::exception& e) {
            say_error(s, e);
        }
    }
    ImGui::EndGroup();
}

// ---------------------------------------------------------------- open session

void open_session_screen(S& s) {
    big_text(s.fonts.large, s.tr("No session is open: count the cash float"));
    big_text(s.fonts.huge, (s.entry.empty() ? "0" : s.entry.text()) + " €");
    const char key = keypad_grid(s, "float", s.px(110), s.px(80), ',');
    if (key) {
        if (auto refused = s.entry.press(key)) say(s, s.translator.translate(*refused), true);
    }
    if (touch_button(s, "open_session", s.tr("Open the session"), ImVec2(s.px(350), s.px(80)), kGreen, kWhite, s.fonts.large)) {
        try {
            open_cash_session(*s.till, OpenSessionRequest{s.user->name, std::nullopt, {}, s.entry.value().value_or(Money())});
            s.entry.clear();
            s.screen = Screen::sell;
            say(s, s.tr("Session open"), false);
        } catch (const std::exception& e) {
            say_error(s, e);
        }
    }
}

// ---------------------------------------------------------------- sell

void open_keypad(S& s, KeypadPurpose purpose) {
    s.keypad = purpose;
    s.entry.clear();
    s.keypad_percent = false;
}

void product_grid(S& s, float width, float height) {
    ImGui::BeginChild("grid", ImVec2(width, height), false, ImGuiWindowFlags_NoScrollbar);
    // Drag to scroll (touch screens have no wheel); the speed at release carries on and decays.
    ImGuiIO& io = ImGui::GetIO();
    if (dragged_here(s, "grid")) {
        ImGui::SetScrollY(ImGui::GetScrollY() - io.MouseDelta.y);
        s.scroll_velocity = io.MouseDelta.y;
    } else if (std::fabs(s.scroll_velocity) > 0.5f) {
        ImGui::SetScrollY(ImGui::GetScrollY() - s.scroll_velocity);
        s.scroll_velocity *= 0.92f;
    } else {
        s.scroll_velocity = 0;
    }
    const float spacing = ImGui::GetStyle().ItemSpacing.x;
    const int columns = std::max(2, static_cast<int>((width + spacing) / (s.px(170) + spacing)));
    const float tile_w = (width - spacing * static_cast<float>(columns - 1)) / static_cast<float>(columns) - 1;
    const float tile_h = s.px(116);
    int n = 0;
    for (const auto& p : s.products) {
        if (s.category && p.category_id != s.category) continue;
        if (s.entrepreneur && p.entrepreneur_id != s.entrepreneur) continue;
        if (n++ % columns != 0) ImGui::SameLine();
        const ImVec2 at = ImGui::GetCursorScreenPos();
        ImGui::PushID(p.sku.c_str());
        const bool tapped = touch_button(s, "tile:" + p.sku, "", ImVec2(tile_w, tile_h), IM_COL32(255, 255, 255, 255));
        ImGui::PopID();
        auto* dl = ImGui::GetWindowDrawList();
        dl->AddRectFilled(at, ImVec2(at.x + s.px(10), at.y + tile_h), colour_of(s.entrepreneur_colour[p.entrepreneur_id]),
                          ImGui::GetStyle().FrameRounding, ImDrawFlags_RoundCornersLeft);
        ImGui::PushClipRect(at, ImVec2(at.x + tile_w, at.y + tile_h), true);
        dl->AddText(s.fonts.bold, s.fonts.bold->FontSize, ImVec2(at.x + s.px(18), at.y + s.px(8)), kInk, p.name.c_str(), nullptr,
                    tile_w - s.px(26));
        // Pictogram: the category's initial in a disc of the entrepreneur's colour (no pictures yet).
        const float r = s.px(15);
        const ImVec2 disc(at.x + s.px(18) + r, at.y + tile_h - r - s.px(10));
        dl->AddCircleFilled(disc, r, colour_of(s.entrepreneur_colour[p.entrepreneur_id]));
        const auto cat = std::find_if(s.categories.begin(), s.categories.end(), [&](const Category& c) { return c.id == p.category_id; });
        if (cat != s.categories.end() && !cat->name.empty()) {
            std::size_t len = 1;
            while (len < cat->name.size() && (static_cast<unsigned char>(cat->name[len]) & 0xC0) == 0x80) ++len;
            const std::string initial = cat->name.substr(0, len);
            const ImVec2 ts = s.fonts.bold->CalcTextSizeA(s.fonts.bold->FontSize, FLT_MAX, 0, initial.c_str());
            dl->AddText(s.fonts.bold, s.fonts.bold->FontSize, ImVec2(disc.x - ts.x / 2, disc.y - ts.y / 2), kWhite, initial.c_str());
        }
        const std::string price = p.open_price ? s.tr("open price") : p.price.format();
        ImFont* pf = p.open_price ? s.fonts.bold : s.fonts.large;
        const ImVec2 ps = pf->CalcTextSizeA(pf->FontSize, FLT_MAX, 0, price.c_str());
        dl->AddText(pf, pf->FontSize, ImVec2(at.x + tile_w - ps.x - s.px(10), at.y + tile_h - ps.y - s.px(6)), kInk, price.c_str());
        ImGui::PopClipRect();
        if (tapped) {
            if (p.open_price) {
                s.keypad_sku = p.sku;
                open_keypad(s, KeypadPurpose::open_price);
            } else {
                try {
                    s.draft.add(p.sku);
                } catch (const std::exception& e) {
                    say_error(s, e);
                }
            }
        }
    }
    ImGui::EndChild();
}

// One row of chips that scrolls sideways when it does not fit (drag it with a finger).
template <class Chips>
void chip_row(S& s, const char* id, float width, Chips&& chips) {
    const float h = s.px(52) + ImGui::GetStyle().ScrollbarSize * 0.5f + ImGui::GetStyle().ItemSpacing.y;
    ImGui::PushStyleVar(ImGuiStyleVar_ScrollbarSize, ImGui::GetStyle().ScrollbarSize * 0.5f);
    ImGui::BeginChild(id, ImVec2(width, h), false, ImGuiWindowFlags_HorizontalScrollbar);
    if (dragged_here(s, id)) ImGui::SetScrollX(ImGui::GetScrollX() - ImGui::GetIO().MouseDelta.x);
    chips();
    ImGui::EndChild();
    ImGui::PopStyleVar();
}

void filters(S& s, float width) {
    const float h = s.px(52);
    const ImU32 dark = IM_COL32(45, 52, 64, 255);
    ImGui::PushFont(s.fonts.bold);
    chip_row(s, "categories", width, [&] {
        if (touch_button(s, "cat:all", s.tr("All"), ImVec2(0, h), s.category == 0 ? dark : 0, s.category == 0 ? kWhite : 0)) s.category = 0;
        for (const auto& c : s.categories) {
            ImGui::SameLine();
            const bool on = s.category == c.id;
            if (touch_button(s, "cat:" + c.name, c.name, ImVec2(0, h), on ? dark : 0, on ? kWhite : 0)) s.category = c.id;
        }
    });
    // Entrepreneurs: a stall shared by artisans filters by whose work it is.
    chip_row(s, "entrepreneurs", width, [&] {
        if (touch_button(s, "ent:all", s.tr("Everyone"), ImVec2(0, h), s.entrepreneur == 0 ? dark : 0, s.entrepreneur == 0 ? kWhite : 0))
            s.entrepreneur = 0;
        for (const auto& e : s.entrepreneurs) {
            ImGui::SameLine();
            const bool on = s.entrepreneur == e.id;
            if (touch_button(s, "ent:" + e.name, e.name, ImVec2(0, h), on ? colour_of(e.colour) : 0, on ? kWhite : colour_of(e.colour)))
                s.entrepreneur = on ? 0 : e.id;
        }
    });
    ImGui::PopFont();
}

void cart_panel(S& s, float width, float height) {
    ImGui::BeginChild("cart", ImVec2(width, height), true);
    const float line_h = s.px(56);
    PricedTicket priced;
    bool priced_ok = true;
    try {
        priced = s.draft.priced();
    } catch (const std::exception& e) {
        priced_ok = false;
    }
    // The bottom of the panel (discount, total, Pay) is sized first; the lines get the rest.
    const ImGuiStyle& style = ImGui::GetStyle();
    const bool manager = s.user && s.user->role != Role::Seller;
    float bottom = s.px(84) + s.fonts.huge->FontSize + ImGui::GetFontSize() + 4 * style.ItemSpacing.y + 2 * style.WindowPadding.y;
    if (manager) bottom += s.px(52) + style.ItemSpacing.y;
    if (!s.draft.discount().empty()) bottom += ImGui::GetFontSize() + style.ItemSpacing.y;
    const float list_h = std::max(s.px(120), height - bottom);
    ImGui::BeginChild("lines", ImVec2(0, list_h), false);
    if (s.draft.empty()) ImGui::TextWrapped("%s", s.tr("Tap a product to add it.").c_str());
    for (std::size_t i = 0; i < s.draft.lines().size(); ++i) {
        const auto& line = s.draft.lines()[i];
        const std::string n = std::to_string(i);
        ImGui::PushID(static_cast<int>(i));
        ImGui::PushFont(s.fonts.bold);
        ImGui::TextUnformatted(line.product.name.c_str());
        ImGui::PopFont();
        if (s.confirm_remove == i) {
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(s.tr("Remove?").c_str());
            ImGui::SameLine();
            if (touch_button(s, "remove_yes:" + n, s.tr("Yes"), ImVec2(s.px(90), line_h), kRed, kWhite)) {
                s.confirm_remove.reset();
                try {
                    s.draft.remove(i);
                } catch (const std::exception& e) {
                    say_error(s, e);
                }
                ImGui::PopID();
                break;
            }
            ImGui::SameLine();
            if (touch_button(s, "remove_no:" + n, s.tr("No"), ImVec2(s.px(90), line_h))) s.confirm_remove.reset();
        } else {
            if (touch_button(s, "minus:" + n, "−", ImVec2(line_h, line_h), 0, 0, s.fonts.large) && line.quantity > 1) {
                try {
                    s.draft.set_quantity(i, line.quantity - 1);
                } catch (const std::exception& e) {
                    say_error(s, e);
                }
            }
            ImGui::SameLine();
            if (touch_button(s, "qty:" + n, std::to_string(line.quantity), ImVec2(s.px(64), line_h), IM_COL32(255, 255, 255, 255), kInk,
                             s.fonts.large)) {
                s.keypad_line = i;
                open_keypad(s, KeypadPurpose::quantity);
            }
            ImGui::SameLine();
            if (touch_button(s, "plus:" + n, "+", ImVec2(line_h, line_h), 0, 0, s.fonts.large)) {
                try {
                    s.draft.set_quantity(i, line.quantity + 1);
                } catch (const std::exception& e) {
                    say_error(s, e);
                }
            }
            ImGui::SameLine();
            const std::string amount = (line.unit_price * line.quantity).format();
            const float aw = ImGui::CalcTextSize(amount.c_str()).x;
            const float remove_w = line_h;
            ImGui::SetCursorPosX(ImGui::GetWindowContentRegionMax().x - remove_w - aw - ImGui::GetStyle().ItemSpacing.x);
            ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (line_h - ImGui::GetFontSize()) / 2);
            ImGui::TextUnformatted(amount.c_str());
            ImGui::SameLine();
            if (touch_button(s, "remove:" + n, "✕", ImVec2(remove_w, line_h), IM_COL32(240, 220, 215, 255), kRed, s.fonts.bold))
                s.confirm_remove = i;
        }
        ImGui::Separator();
        ImGui::PopID();
    }
    ImGui::EndChild();

    if (!s.draft.discount().empty() && priced_ok)
        ImGui::TextUnformatted(s.tr("Discount {0}: -{1}", s.draft.discount(), priced.ticket_discount.format()).c_str());
    if (manager) {
        if (touch_button(s, "discount", s.tr("Ticket discount"), ImVec2(s.px(220), s.px(52)))) open_keypad(s, KeypadPurpose::discount);
    }
    ImGui::TextUnformatted(s.tr("Total").c_str());
    big_text(s.fonts.huge, priced_ok && !s.draft.empty() ? priced.total.format() : Money().format());
    if (touch_button(s, "pay", s.tr("Pay"), ImVec2(-1, s.px(84)), kGreen, kWhite, s.fonts.large)) {
        if (s.draft.empty()) {
            say(s, s.tr("The cart is empty: tap a product first"), true);
        } else if (!priced_ok) {
            say(s, s.tr("The ticket cannot be priced: check the discount"), true);
        } else {
            s.tendered.clear();
            s.draft.clear_payments();
            s.screen = Screen::pay;
        }
    }
    ImGui::EndChild();
}

void keypad_overlay(S& s) {
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const ImVec2 size(s.px(420), s.px(600));
    ImGui::SetNextWindowPos(ImVec2((display.x - size.x) / 2, (display.y - size.y) / 2));
    ImGui::SetNextWindowSize(size);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, IM_COL32(235, 232, 226, 255));
    ImGui::Begin("keypad", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove);
    std::string title;
    if (s.keypad == KeypadPurpose::open_price) {
        const auto p = s.till->product(s.keypad_sku);
        title = s.tr("Price of {0}", p ? p->name : s.keypad_sku);
    } else if (s.keypad == KeypadPurpose::discount) {
        title = s.tr("Ticket discount");
    } else {
        title = s.tr("Quantity");
    }
    ImGui::PushFont(s.fonts.bold);
    ImGui::TextWrapped("%s", title.c_str());
    ImGui::PopFont();
    const std::string unit = s.keypad == KeypadPurpose::quantity ? "" : s.keypad_percent ? " %" : " €";
    big_text(s.fonts.huge, (s.entry.empty() ? "0" : s.entry.text()) + unit);
    const float key_w = (size.x - 2 * ImGui::GetStyle().WindowPadding.x - 2 * ImGui::GetStyle().ItemSpacing.x) / 3;
    const char key = keypad_grid(s, "key", key_w, s.px(70), s.keypad == KeypadPurpose::quantity ? 'C' : ',');
    if (key == 'C') s.entry.clear();
    else if (key) {
        if (auto refused = s.entry.press(key)) say(s, s.translator.translate(*refused), true);
    }
    if (s.keypad == KeypadPurpose::discount) {
        if (touch_button(s, "percent", s.keypad_percent ? s.tr("in euros") : s.tr("in percent"), ImVec2(-1, s.px(52))))
            s.keypad_percent = !s.keypad_percent;
    }
    const float half = (size.x - 2 * ImGui::GetStyle().WindowPadding.x - ImGui::GetStyle().ItemSpacing.x) / 2;
    if (touch_button(s, "keypad_cancel", s.tr("Cancel"), ImVec2(half, s.px(70)))) s.keypad = KeypadPurpose::none;
    ImGui::SameLine();
    if (touch_button(s, "keypad_ok", s.tr("OK"), ImVec2(half, s.px(70)), kGreen, kWhite, s.fonts.large)) {
        try {
            if (!s.user) throw InputError("log in first");
            const auto value = s.entry.value();
            if (s.keypad == KeypadPurpose::open_price) {
                if (!value) throw InputError("type a price first");
                s.draft.add(s.keypad_sku, *value);
            } else if (s.keypad == KeypadPurpose::discount) {
                std::string text;
                if (value && *value > Money()) text = s.keypad_percent ? s.entry.text() + "%" : s.entry.text();
                s.draft.set_discount(text, *s.user);
            } else if (s.keypad_line) {
                // The keypad gives euros and cents; a quantity is the whole part.
                const std::int64_t quantity = value ? value->value() / 100 : 0;
                s.draft.set_quantity(*s.keypad_line, quantity);
            }
            s.keypad = KeypadPurpose::none;
        } catch (const std::exception& e) {
            say_error(s, e);
        }
    }
    ImGui::End();
    ImGui::PopStyleColor();
}

void sell_screen(S& s) {
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float left_w = std::floor(avail.x * 0.62f);
    ImGui::BeginGroup();
    ImGui::BeginChild("left", ImVec2(left_w, avail.y), false, ImGuiWindowFlags_NoScrollbar);
    filters(s, left_w);
    product_grid(s, left_w, ImGui::GetContentRegionAvail().y);
    ImGui::EndChild();
    ImGui::EndGroup();
    ImGui::SameLine();
    cart_panel(s, avail.x - left_w - ImGui::GetStyle().ItemSpacing.x, avail.y);
}

// ---------------------------------------------------------------- pay

void record_payment(S& s, TenderMethod method, std::optional<Money> amount) {
    if (s.committing) return;  // a second tap while the sale is being recorded
    s.committing = true;
    try {
        const std::string user = s.user->name;
        if (auto sale = s.draft.pay(method, amount, user)) {
            s.last_sale = std::move(sale);
            s.screen = Screen::after_sale;
            s.message.clear();
            // The sale is recorded: a drawer problem is said as such, never as a lost sale.
            try {
                if (auto pulse = drawer_for_sale(*s.till, *s.last_sale); pulse && s.printer)
                    s.printer->submit(PrintJobKind::drawer, std::move(*pulse));
            } catch (const std::exception& e) {
                say(s, s.tr("the cash drawer did not open ({0}); the sale is recorded", std::string(e.what())), true);
            }
        }
        s.tendered.clear();
    } catch (const InputError& e) {
        say_error(s, e);
    } catch (const std::exception& e) {
        say(s, s.tr("The sale could not be recorded ({0}). Nothing was lost: the cart is kept, try again.", std::string(e.what())),
            true);
    }
    s.committing = false;
}

// The next bank notes above what is due: 5, 10, 20, 50 € multiples, each shown once (never empty).
std::vector<Money> quick_cash(Money due) {
    std::vector<Money> out;
    for (std::int64_t note : {500, 1000, 2000, 5000}) {
        const Money m = Money::cents((due.value() / note + 1) * note);  // the smallest multiple above what is due
        if (std::find(out.begin(), out.end(), m) == out.end()) out.push_back(m);
    }
    return out;
}

void pay_screen(S& s) {
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float left_w = std::floor(avail.x * 0.45f);
    Money total, due;
    try {
        total = s.draft.total();
        due = s.draft.remaining();
    } catch (const std::exception& e) {  // the cart changed under the pay screen: back to it
        say_error(s, e);
        s.screen = Screen::sell;
        return;
    }
    ImGui::BeginChild("due", ImVec2(left_w, avail.y), true);
    ImGui::TextUnformatted(s.tr("Total").c_str());
    big_text(s.fonts.huge, total.format());
    for (const auto& p : s.draft.payments())
        ImGui::TextUnformatted((method_label(s, p.method) + "  " + p.amount.format()).c_str());
    ImGui::Spacing();
    ImGui::TextUnformatted(s.tr("Still due").c_str());
    big_text(s.fonts.huge, due.format(), kRed);
    ImGui::Spacing();
    ImGui::TextUnformatted(s.tr("Amount tendered (empty: what is due)").c_str());
    big_text(s.fonts.large, (s.tendered.empty() ? due.format() : s.tendered.text() + " €"));
    if (const auto given = s.tendered.value(); given && *given > due) {
        ImGui::SameLine(0, s.px(30));
        big_text(s.fonts.large, s.tr("Change due: {0}", (*given - due).format()), kGreen);
    }
    const float key_w = (left_w - 2 * ImGui::GetStyle().WindowPadding.x - 2 * ImGui::GetStyle().ItemSpacing.x) / 3;
    const char key = keypad_grid(s, "tender", key_w, s.px(64), ',');
    if (key) {
        if (auto refused = s.tendered.press(key)) say(s, s.translator.translate(*refused), true);
    }
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("tenders", ImVec2(0, avail.y), false);
    const float w = ImGui::GetContentRegionAvail().x;
    ImGui::PushFont(s.fonts.bold);
    ImGui::TextUnformatted(s.tr("Cash").c_str());
    ImGui::PopFont();
    if (touch_button(s, "cash_exact", s.tr("Exact") + "  " + due.format(), ImVec2(w, s.px(84)), kGreen, kWhite, s.fonts.large))
        record_payment(s, TenderMethod::Cash, due);
    const auto notes = quick_cash(due);
    const float note_w = (w - ImGui::GetStyle().ItemSpacing.x * static_cast<float>(notes.size() - 1)) / static_cast<float>(notes.size());
    for (std::size_t i = 0; i < notes.size(); ++i) {
        if (i > 0) ImGui::SameLine();
        if (touch_button(s, "cash:" + std::to_string(notes[i].value() / 100), notes[i].format(), ImVec2(note_w, s.px(84)), kGreen,
                         kWhite, s.fonts.large))
            record_payment(s, TenderMethod::Cash, notes[i]);
    }
    ImGui::Spacing();
    ImGui::PushFont(s.fonts.bold);
    ImGui::TextUnformatted(s.tr("Pay the amount tendered by:").c_str());
    ImGui::PopFont();
    const float half = (w - ImGui::GetStyle().ItemSpacing.x) / 2;
    int n = 0;
    for (auto m : {TenderMethod::Cash, TenderMethod::Card, TenderMethod::Cheque, TenderMethod::Voucher, TenderMethod::Transfer}) {
        if (n++ % 2 == 1) ImGui::SameLine();
        if (touch_button(s, std::string("tender:") + std::string(method_name(m)), method_label(s, m), ImVec2(half, s.px(80)),
                         IM_COL32(255, 255, 255, 255), kInk, s.fonts.large))
            record_payment(s, m, s.tendered.value());
    }
    ImGui::TextWrapped("%s", s.tr("Meal vouchers never give change.").c_str());
    ImGui::Spacing();
    if (touch_button(s, "back_to_cart", s.tr("Back to the cart"), ImVec2(w, s.px(64)))) {
        s.draft.clear_payments();
        s.screen = Screen::sell;
    }
    ImGui::EndChild();
}

// ---------------------------------------------------------------- after the sale

void after_sale_screen(S& s) {
    const auto& sale = *s.last_sale;
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    big_text(s.fonts.large, s.tr("Ticket {0} recorded: {1}", sale.ticket, sale.priced.total.format()));
    ImGui::Spacing();
    if (sale.settlement.change > Money()) {
        ImGui::TextUnformatted(s.tr("Change due").c_str());
        ImGui::PushFont(s.fonts.huge);
        ImGui::SetWindowFontScale(1.6f);
        ImGui::PushStyleColor(ImGuiCol_Text, kGreen);
        ImGui::TextUnformatted(sale.settlement.change.format().c_str());
        ImGui::PopStyleColor();
        ImGui::SetWindowFontScale(1.0f);
        ImGui::PopFont();
    } else {
        big_text(s.fonts.huge, s.tr("No change"), kGreen);
    }
    ImGui::Spacing();
    big_text(s.fonts.bold, s.tr("Receipt? (printed only if the customer asks)"));
    const float w = std::min(avail.x, s.px(900));
    const float third = (w - 2 * ImGui::GetStyle().ItemSpacing.x) / 3;
    if (touch_button(s, "print_receipt", s.tr("Print the receipt"), ImVec2(third, s.px(100)), IM_COL32(255, 255, 255, 255), kInk,
                     s.fonts.large)) {
        try {
            auto receipt = customer_receipt(*s.till, sale.ticket);
            if (s.printer) s.printer->submit(PrintJobKind::receipt, std::move(receipt.doc), sale.ticket);
            say(s, s.tr("Receipt {0} sent to the printer", sale.ticket), false);
            s.screen = Screen::sell;
        } catch (const std::exception& e) {
            say_error(s, e);
        }
    }
    ImGui::SameLine();
    if (touch_button(s, "no_receipt", s.tr("No receipt"), ImVec2(third, s.px(100)))) s.screen = Screen::sell;
    ImGui::SameLine();
    if (touch_button(s, "next_sale", s.tr("Next sale"), ImVec2(third, s.px(100)), kGreen, kWhite, s.fonts.large)) s.screen = Screen::sell;
}

// ---------------------------------------------------------------- recent tickets

void recent_screen(S& s) {
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float left_w = std::floor(avail.x * 0.42f);
    ImGui::BeginChild("tickets", ImVec2(left_w, avail.y), true);
    big_text(s.fonts.bold, s.tr("Tickets of this session"));
    const auto tickets = s.till->recent_tickets(100);
    if (tickets.empty()) ImGui::TextUnformatted(s.tr("No ticket yet.").c_str());
    for (const auto& t : tickets) {
        const std::string label = s.tr("No. {0}", t.ticket) + "   " + local_date_time(t.at_utc).substr(11) + "   " +
                                  Money::cents(t.total).format() + "   " + t.user;
        const bool on = s.recent_ticket == t.ticket;
        if (touch_button(s, "ticket:" + std::to_string(t.ticket), label, ImVec2(-1, s.px(56)),
                         on ? IM_COL32(45, 52, 64, 255) : IM_COL32(255, 255, 255, 255), on ? kWhite : kInk)) {
            s.recent_ticket = t.ticket;
            try {
                s.recent_preview = receipt_preview(*s.till, t.ticket, 42);
            } catch (const std::exception& e) {
                s.recent_preview.clear();
                say_error(s, e);
            }
        }
    }
    ImGui::EndChild();
    ImGui::SameLine();
    ImGui::BeginChild("receipt", ImVec2(0, avail.y), true);
    const float half = (ImGui::GetContentRegionAvail().x - ImGui::GetStyle().ItemSpacing.x) / 2;
    if (touch_button(s, "back_to_sale", s.tr("Back to the sale"), ImVec2(half, s.px(60)), kGreen, kWhite, s.fonts.bold))
        s.screen = Screen::sell;
    if (s.recent_ticket) {
        ImGui::SameLine();
        const bool allowed = s.user && s.user->role != Role::Seller;
        if (allowed) {
            if (touch_button(s, "duplicate", s.tr("Print a duplicate"), ImVec2(half, s.px(60)))) {
                try {
                    auto copy = duplicate_receipt(*s.till, *s.recent_ticket);
                    if (s.printer) s.printer->submit(PrintJobKind::duplicate, std::move(copy.doc), copy.ticket);
                    say(s, s.tr("Duplicate No. {0} of ticket {1} sent to the printer", *copy.duplicate_number, copy.ticket), false);
                } catch (const std::exception& e) {
                    say_error(s, e);
                }
            }
        } else {
            ImGui::PushTextWrapPos(ImGui::GetCursorPosX() + half);
            ImGui::TextWrapped("%s", s.tr("Duplicates are printed by a manager.").c_str());
            ImGui::PopTextWrapPos();
        }
        ImGui::Separator();
        ImGui::PushFont(s.fonts.mono ? s.fonts.mono : s.fonts.body);
        for (const auto& line : s.recent_preview) ImGui::TextUnformatted(line.c_str());
        ImGui::PopFont();
    }
    ImGui::EndChild();
}

void message_strip(S& s, float height) {
    if (s.message.empty()) return;
    if (Steady::now() - s.message_at > std::chrono::seconds(8)) {
        s.message.clear();
        return;
    }
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    ImGui::SetNextWindowPos(ImVec2(0, display.y - height));
    ImGui::SetNextWindowSize(ImVec2(display.x, height));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, s.message_error ? kRed : kGreen);
    ImGui::PushStyleColor(ImGuiCol_Text, kWhite);
    ImGui::Begin("message", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoInputs);
    ImGui::PushFont(s.fonts.bold);
    ImGui::TextWrapped("%s", s.message.c_str());
    ImGui::PopFont();
    ImGui::End();
    ImGui::PopStyleColor(2);
}

}  // namespace

TillApp::TillApp(std::unique_ptr<Till> till, std::unique_ptr<PrintQueue> printer, Fonts fonts, float scale)
    : s_(std::make_unique<State>(std::move(till))) {
    s_->printer = std::move(printer);
    s_->fonts = fonts;
    s_->scale = scale;
    reload_catalogue(*s_);
    if (s_->printer) {
        s_->printer->on_change([state = s_.get()] {
            std::lock_guard lock(state->wake_mutex);
            if (state->wake) state->wake();
        });
        s_->printer->refresh_status();  // open the printer now: the status bar shows it before any sale
    }
}

TillApp::~TillApp() {
    // Stop the printing thread first: a wake callback it already copied uses this state.
    if (s_->printer) s_->printer->on_change(nullptr);
    s_->printer.reset();
}

void TillApp::draw() {
    State& s = *s_;
    s.drawing.clear();
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float bar = s.px(72), strip = s.px(56);
    status_bar(s, bar);
    ImGui::SetNextWindowPos(ImVec2(0, bar));
    ImGui::SetNextWindowSize(ImVec2(display.x, display.y - bar - (s.message.empty() ? 0 : strip)));
    ImGui::Begin("main", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoBringToFrontOnFocus |
                     (s.keypad != KeypadPurpose::none ? ImGuiWindowFlags_NoInputs : 0));
    if (!s.user) s.screen = Screen::login;
    try {
        switch (s.screen) {
            case Screen::login: login_screen(s); break;
            case Screen::open_session: open_session_screen(s); break;
            case Screen::sell: sell_screen(s); break;
            case Screen::pay: pay_screen(s); break;
            case Screen::after_sale: after_sale_screen(s); break;
            case Screen::recent: recent_screen(s); break;
        }
        ImGui::End();
    } catch (const std::exception& e) {
        // The last net: an error mid-screen (storage gone, say) is shown, every window, group and
        // style it left open is closed, and the till keeps running with the cart as it was.
        ImGui::ErrorCheckEndFrameRecover(nullptr);
        say_error(s, e);
    }
    if (s.keypad != KeypadPurpose::none) keypad_overlay(s);
    message_strip(s, strip);
    s.targets.swap(s.drawing);
}

bool TillApp::animating() const { return std::fabs(s_->scroll_velocity) > 0.5f || ImGui::IsMouseDown(0); }
void TillApp::set_wake(std::function<void()> wake) {
    std::lock_guard lock(s_->wake_mutex);
    s_->wake = std::move(wake);
}
Screen TillApp::screen() const { return s_->screen; }
const Targets& TillApp::targets() const { return s_->targets; }
const std::string& TillApp::message() const { return s_->message; }
Till& TillApp::till() { return *s_->till; }

}  // namespace caisse::ui
