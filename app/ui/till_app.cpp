// TillApp: owns the screens' state and draws one frame: the status bar, the current screen, the
// overlays over it and the message strip. The screens themselves live in screens/.
#include "app/ui/screens/cape_tabs.hpp"
#include "app/ui/till_app.hpp"

#include "app/services/backup.hpp"

#include <imgui_internal.h>

#include <cmath>

#include "app/services/printing.hpp"
#include "app/ui/app_state.hpp"
#include "app/ui/message_strip.hpp"
#include "app/ui/navigation.hpp"
#include "app/ui/screens/screens.hpp"
#include "app/ui/status_bar.hpp"
#include "app/ui/widgets/colours.hpp"
#include "app/ui/widgets/modal.hpp"
#include "app/ui/widgets/touch_button.hpp"

namespace caisse::ui {

TillApp::TillApp(std::unique_ptr<Till> till, std::unique_ptr<PrintQueue> printer, Fonts fonts, float scale,
                 Clock idle_clock)
    : s_(std::make_unique<State>(std::move(till))) {
    s_->idle_clock = std::move(idle_clock);
    s_->last_input = s_->idle_clock();
    s_->lock_after_seconds = screen_lock_seconds(*s_->till);
    s_->printer = std::move(printer);
    s_->fonts = fonts;
    s_->scale = scale;
    reload_catalogue(*s_);
    s_->pictures.set_wake([state = s_.get()] {
        std::lock_guard lock(state->wake_mutex);
        if (state->wake) state->wake();
    });
    if (!s_->parked->load_problem().empty())
        say(*s_, s_->tr("The parked tickets could not be read: the file is kept as {0}", s_->parked->load_problem()), true);
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
    s_->pictures.set_wake(nullptr);
}

namespace {

// Any touch, click, wheel or key in this frame (Dear ImGui 1.86 IO): a finger arriving counts.
bool input_now(S& s) {
    const ImGuiIO& io = ImGui::GetIO();
    bool any = io.MousePos.x != s.last_mouse.x || io.MousePos.y != s.last_mouse.y || io.MouseWheel != 0 ||
               io.MouseWheelH != 0 || io.InputQueueCharacters.Size > 0 || ImGui::IsAnyMouseDown();
    for (bool down : io.KeysDown) any = any || down;
    s.last_mouse = io.MousePos;
    return any;
}

// The idle lock (issue 10 item 1): after ui.lock_after_seconds without input the screen goes back
// to login and forgets who was there; the ticket and its payments stay for the next login.
void lock_when_idle(S& s) {
    const auto now = s.idle_clock();
    if (input_now(s)) {
        s.last_input = now;
        return;
    }
    if (!s.user || s.lock_after_seconds <= 0 || now - s.last_input < std::chrono::seconds(s.lock_after_seconds)) return;
    const bool ticket = !s.draft.empty() || !s.draft.payments().empty();
    log_out(s);
    say(s, ticket ? s.tr("Locked after {0} s without use: the ticket waits for the next login", s.lock_after_seconds)
                  : s.tr("Locked after {0} s without use", s.lock_after_seconds),
        false);
}

// Training mode (MODE ÉCOLE): a wide band under the status bar on every screen, so that nobody
// takes a training sale for a real one. Read from the ledger each frame: a switch made from the
// CLI shows at once. Returns its height (0 when not in training).
float training_band(S& s) {
    if (!s.till->training().on) return 0;
    const float h = s.px(56);
    ImGui::SetNextWindowPos(ImVec2(0, s.px(72)));
    ImGui::SetNextWindowSize(ImVec2(ImGui::GetIO().DisplaySize.x, h));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, kTraining);
    ImGui::PushStyleColor(ImGuiCol_Text, kInk);
    ImGui::Begin("training_band", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoInputs);
    const std::string band = s.tr("TRAINING MODE") + "  ·  " + s.tr("practice sales: no real ticket, counted nowhere");
    ImGui::PushFont(s.fonts.bold);
    const ImVec2 size = ImGui::CalcTextSize(band.c_str());
    ImGui::SetCursorPos(ImVec2(std::max(s.px(8), (ImGui::GetWindowWidth() - size.x) / 2), (h - size.y) / 2));
    ImGui::TextUnformatted(band.c_str());
    ImGui::PopFont();
    // Diagonal stripes at both ends: seen from across the counter even without reading.
    const ImVec2 p = ImGui::GetWindowPos();
    auto* dl = ImGui::GetWindowDrawList();
    for (float x = 0; x < s.px(120); x += s.px(24)) {
        for (float at : {p.x + x, p.x + ImGui::GetWindowWidth() - s.px(120) + x})
            dl->AddQuadFilled(ImVec2(at, p.y + h), ImVec2(at + s.px(12), p.y + h), ImVec2(at + s.px(24), p.y),
                              ImVec2(at + s.px(12), p.y), kInk);
    }
    ImGui::End();
    ImGui::PopStyleColor(2);
    return h;
}

void current_screen(S& s) {
    s.shown_qr.clear();  // the after-sale screen sets it when it draws the receipt's QR code
    switch (s.screen) {
        case Screen::login: login_screen(s); break;
        case Screen::open_session: open_session_screen(s); break;
        case Screen::sell: sell_screen(s); break;
        case Screen::pay: pay_screen(s); break;
        case Screen::after_sale: after_sale_screen(s); break;
        case Screen::recent: recent_screen(s); break;
        case Screen::cash_move: cash_move_screen(s); break;
        case Screen::x_report: x_report_screen(s); break;
        case Screen::close: close_screen(s); break;
        case Screen::z_view: z_screen(s); break;
        case Screen::events: events_screen(s); break;
        case Screen::refund: refund_screen(s); break;
        case Screen::cape_statement: cape_statement_screen(s); break;
        case Screen::cape_what_if: cape_what_if_screen(s); break;
        case Screen::cape_charges: cape_charges_screen(s); break;
        case Screen::cape_hours: cape_hours_screen(s); break;
        case Screen::manage_products: manage_products_screen(s); break;
        case Screen::manage_users: manage_users_screen(s); break;
        case Screen::manage_entrepreneurs: manage_entrepreneurs_screen(s); break;
        case Screen::manage_settings: manage_settings_screen(s); break;
        case Screen::catering_orders: catering_orders_screen(s); break;
        case Screen::catering_customers: catering_customers_screen(s); break;
        case Screen::catering_order: catering_order_screen(s); break;
        case Screen::quote_editor: quote_editor_screen(s); break;
    }
}

}  // namespace

void TillApp::draw() {
    State& s = *s_;
    s.drawing.clear();
    ++s.frame_no;
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const float bar = s.px(72), strip = s.px(56);
    const auto frame_start = Steady::now();
    lock_when_idle(s);
    s.pictures.upload(8);  // decoded pictures become textures, a few a frame
    cape_poll(s);  // a statement read in the background, taken when ready
    journal_finished_backups(*s.till);  // the background backup after a Z: one commit, on this thread
    s.inert = s.modal() || s.cash_menu;
    status_bar(s, bar);
    s.inert = s.blocked();
    const float band = training_band(s);
    if (s.printer) s.printer_errors.journal_failures(*s.till, *s.printer);
    ImGui::SetNextWindowPos(ImVec2(0, bar + band));
    ImGui::SetNextWindowSize(ImVec2(display.x, display.y - bar - band - (s.message.empty() ? 0 : strip)));
    ImGui::Begin("main", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoBringToFrontOnFocus |
                     (s.blocked() ? ImGuiWindowFlags_NoInputs : 0));
    if (!s.user) s.screen = Screen::login;
    try {
        current_screen(s);
        ImGui::End();
    } catch (const std::exception& e) {
        // The last net: an error mid-screen (storage gone, say) is shown, every window, group and
        // style it left open is closed, and the till keeps running with the cart as it was.
        ImGui::ErrorCheckEndFrameRecover(nullptr);
        say_error(s, e);
    }
    s.inert = s.question.has_value() || s.approval.has_value();
    if (s.keypad != KeypadPurpose::none) {
        dim_behind(s, "keypad");
        sell_keypad(s);
    }
    s.inert = false;
    if (s.cash_menu) cash_menu(s);
    questions(s);
    catering_question(s);
    approval(s);
    // A message said before the screen changed belongs to the screen left behind.
    if (s.screen != s.shown_screen && s.message_at < frame_start) s.message.clear();
    if (s.screen != s.shown_screen) s.taps_from = ImGui::GetTime() + kSettleSeconds;
    s.shown_screen = s.screen;
    message_strip(s, strip);
    s.targets.swap(s.drawing);
}

void TillApp::prepare_input() { s_->pointer.apply(ImGui::GetIO()); }

bool TillApp::animating() const {
    return cape_reading(*s_) || s_->pictures.uploadable() || std::fabs(s_->scroll_velocity) > 0.5f || ImGui::IsMouseDown(0) || showing_press(*s_) ||
           (!s_->flash_sku.empty() && ImGui::GetTime() < s_->flash_until + 0.05);
}
bool TillApp::reading() const { return cape_reading(*s_); }
bool TillApp::settling() const { return ImGui::GetTime() < s_->taps_from; }
void TillApp::set_read_gate(std::function<void()> gate) { s_->cape.read_gate = std::move(gate); }
void TillApp::set_wake(std::function<void()> wake) {
    std::lock_guard lock(s_->wake_mutex);
    s_->wake = std::move(wake);
}
void TillApp::set_textures(std::shared_ptr<Textures> textures) { s_->pictures.set_textures(std::move(textures)); }
bool TillApp::pictures_busy() const { return s_->pictures.busy(); }
int TillApp::pictures_decoded() const { return s_->pictures.decoded(); }
void TillApp::set_picture_gate(std::function<void()> gate) { s_->pictures.set_gate(std::move(gate)); }
std::map<std::string, std::string> TillApp::shown_tiles() const {
    std::map<std::string, std::string> last;
    for (const auto& [sku, seen] : s_->shown_tiles)
        if (seen.frame == s_->frame_no) last.emplace(sku, seen.what);
    return last;
}
std::optional<TileLayout> TillApp::tile_layout(const std::string& sku) const {
    const auto it = s_->shown_tiles.find(sku);
    if (it == s_->shown_tiles.end() || it->second.frame != s_->frame_no) return std::nullopt;
    return TileLayout{it->second.name_bottom, it->second.picture_top, it->second.picture_side};
}
Screen TillApp::screen() const { return s_->screen; }
void TillApp::open_quote_editor(std::optional<std::int64_t> quote, Screen back) { ui::open_quote_editor(*s_, quote, std::nullopt, back); }
const Targets& TillApp::targets() const { return s_->targets; }
const std::string& TillApp::message() const { return s_->message; }
const std::string& TillApp::shown_qr() const { return s_->shown_qr; }
Till& TillApp::till() { return *s_->till; }
const SaleDraft& TillApp::draft() const { return s_->draft; }

}  // namespace caisse::ui
