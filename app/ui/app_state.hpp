#pragma once
// The screens' shared state (internal to app/ui): who is logged in, the sale being rung up, what
// each screen is in the middle of, the message shown; and the helpers every screen uses.
#include <chrono>
#include <cstdint>
#include <exception>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/core/amount_entry.hpp"
#include "app/core/cash_count.hpp"
#include "app/core/message.hpp"
#include "app/services/cash_session.hpp"
#include "app/services/i18n.hpp"
#include "app/services/parked_tickets.hpp"
#include "app/services/print_queue.hpp"
#include "app/services/printing.hpp"
#include "app/services/refund.hpp"
#include "app/services/sale_draft.hpp"
#include "app/services/till.hpp"
#include "app/ui/picture_cache.hpp"
#include "app/ui/till_app.hpp"
#include "app/ui/widgets/kit.hpp"
#include "app/ui/screens/cape_parts.hpp"
#include "app/ui/screens/catering_parts.hpp"
#include "app/ui/screens/manage_parts.hpp"
#include "app/ui/screens/quote_editor_parts.hpp"
#include "app/ui/widgets/touch_button.hpp"

namespace caisse::ui {

using Steady = std::chrono::steady_clock;

// What the keypad over the sell screen is typing.
enum class KeypadPurpose { none, open_price, discount, quantity };

// A question asked over the screen before something that cannot be taken back.
struct Question {
    enum class Kind { remove_payment, clear_cart, log_out, confirm_payment, leave_quote, vote_rule } kind;
    std::size_t index = 0;  // the payment to remove
    // confirm_payment: a card, cheque or transfer payment waiting for "accepted?" (issue 12 item 3);
    // the amount (none: what is due) and when it was asked (ImGui time, s): the answer "accepted"
    // is armed only kQuestionArmSeconds later, so a double tap on the tender cannot confirm it.
    TenderMethod method = TenderMethod::Card;
    std::optional<Money> amount = std::nullopt;
    double asked_at = 0;
    // vote_rule: the split the what-if's "Vote this rule" asks to record (a vote is journaled for good).
    std::optional<cape::SplitRule> rule = std::nullopt;
};
inline constexpr double kQuestionArmSeconds = 0.4;

// An action needing a manager that a seller asked for: what it needs to run once, when a manager
// approves it with their PIN (the rest is in the screen's own state: the float, the cash move, the
// close). Issue 10 item 1.
struct PendingApproval {
    enum class Action { open_session, cash_move, close_day, discount, reprint, cancel, refund };
    explicit PendingApproval(Action a, TicketDiscount d = {}, std::int64_t t = 0) : action(a), discount(d), ticket(t) {}
    Action action;
    TicketDiscount discount;  // discount: the one typed
    std::int64_t ticket = 0;  // reprint: the ticket to print again; cancel: the ticket to cancel
};

struct TillApp::State : Kit {
    std::unique_ptr<Till> till;
    std::unique_ptr<PrintQueue> printer;
    Targets targets;  // of the last frame
    std::function<void()> wake;
    std::mutex wake_mutex;

    Screen screen = Screen::login;
    Screen shown_screen = Screen::login;  // the screen of the last frame: a message outlives no screen change
    std::optional<User> user;    // who is logged in (shown)
    std::optional<Actor> actor;  // the same, as the services take it: proof of the PIN typed at login
    std::string language = "fr";
    i18n::Translator translator = i18n::Translator::load("fr");

    // Login
    std::optional<User> chosen;
    std::string pin;

    // Open session: the float counted by denomination
    CashCount float_count;

    // The cash menu of the status bar (manager: cash in and out, X, close)
    bool cash_menu = false;

    // Cash in or out
    bool move_out = false;
    AmountEntry move_amount;
    std::string move_reason;
    bool move_typing = false;                 // the reason is typed on the on-screen keyboard
    std::optional<std::string> move_entrepreneur;  // a cash out for one entrepreneur; none: the group

    // X report, read when the screen opens
    std::optional<XReport> x;

    // Close: the blind count, the card and voucher totals, the check, the recount, the note
    enum class CloseStep { count, declared, result, note };
    CloseStep close_step = CloseStep::count;
    CashCount close_count;
    AmountEntry card_entry, voucher_entry;
    bool typing_voucher = false;  // which of the two totals the keypad types
    std::int64_t counts = 1;
    std::optional<CloseCheck> check;
    std::string close_note;

    // The Z just recorded (or found), shown until "Done"
    std::optional<db::DayClosure> z;

    // The technical event log (manager), newest first, read when the screen opens
    std::vector<db::LogEntry> events;
    // This till's terminal: the events of other tills (a coordinator's) are named by theirs.
    std::string own_terminal = till->ledger().terminal();

    // Print jobs whose failure is already journaled (JET printer.error)
    PrinterErrorJournal printer_errors;

    // Sell
    SaleDraft draft;
    std::int64_t category = 0;      // 0: all
    std::int64_t entrepreneur = 0;  // 0: all
    std::vector<Product> products;
    std::vector<Category> categories;
    std::vector<Entrepreneur> entrepreneurs;
    std::map<std::int64_t, std::string> entrepreneur_colour;
    std::map<std::int64_t, std::string> entrepreneur_initials;  // shown with the colour (initials())
    std::optional<std::size_t> confirm_remove;
    float scroll_velocity = 0;
    float cart_left = 0;                        // where the cart starts (x): overlays keep clear of it
    std::optional<std::size_t> scroll_to_line;  // the cart line just added or grown: scrolled into view
    std::string flash_sku;                      // the tile just added flashes until flash_until (ImGui time)
    double flash_until = 0;
    LiftedPointer pointer;                      // no hover left where a finger lifted
    // Tiles' pictures and pictograms (issue 12 item 8): decoded on the cache's thread, uploaded a
    // few a frame; which pictogram each product shows (assets/pictograms.csv, the shop's own file).
    PictureCache pictures;
    Pictograms pictograms;
    std::map<std::string, std::string> tile_pictogram;  // sku -> its pictogram, made by reload_catalogue
    // sku -> the frame its tile was last drawn in, what it showed then (TillApp::shown_tiles() keeps
    // the last frame's), and where its name ends and its picture starts (pixels, window y; the
    // picture shrinks under a long name: TillApp::tile_layout). Kept from frame to frame so that
    // drawing a tile allocates nothing.
    struct ShownTile {
        std::uint64_t frame = 0;
        std::string what;
        float name_bottom = 0, picture_top = 0, picture_side = 0;
    };
    std::map<std::string, ShownTile> shown_tiles;
    std::uint64_t frame_no = 0;

    // Parked tickets (FILE.parked beside the ledger): listed in the empty cart, taken back by a tap
    std::unique_ptr<ParkedTickets> parked;

    // Keypad over the sell screen
    KeypadPurpose keypad = KeypadPurpose::none;
    std::string keypad_sku;
    std::optional<std::size_t> keypad_line;
    bool keypad_percent = false;
    AmountEntry entry;

    // Pay
    AmountEntry tendered;
    bool committing = false;
    bool session_expired = false;  // the service refused a sale: the session is too old, close the day
    std::optional<SellResult> last_sale;
    // The screen printer: the last sale's receipt as the paper shows it (after_sale.cpp), laid out once
    // per ticket; scrolled once to its QR code; the data of the QR code drawn in the last frame.
    std::vector<ScreenReceiptItem> screen_receipt;
    std::int64_t screen_receipt_ticket = 0;
    bool screen_receipt_training = false;
    bool screen_receipt_scroll = false;
    std::string shown_qr;

    // Recent
    std::optional<std::int64_t> recent_ticket;
    std::vector<std::string> recent_preview;

    // Refund: the ticket found (by number or from the session's list), the units chosen per line,
    // the tender the money goes back by
    std::string refund_number;  // typed on the keypad
    std::optional<std::int64_t> refund_ticket;
    std::vector<RefundableLine> refund_lines;
    std::map<std::int64_t, std::int64_t> refund_units;  // line_no -> units to give back
    TenderMethod refund_method = TenderMethod::Cash;

    // The CAPE statement, what-if, charges and hours (manager)
    CapeUi cape;

    // The manager's screens: products, users, settings (Caisse > Gestion)
    ManageUi manage;

    // The catering screens: orders, customers, one order's invoices and payments (Caisse > Traiteur)
    CateringUi catering;
    // The quote editor (issue 14 item 8, manager): the quote being written until saved
    QuoteEditorUi quote_editor;

    // A question over the screen
    std::optional<Question> question;

    // A manager's approval asked for (the overlay), the manager chosen and the PIN typed
    std::optional<PendingApproval> approval;
    std::optional<User> approver;
    std::string approval_pin;

    // The idle lock: seconds without input before the screen locks (0: never), the last input seen
    Clock idle_clock;
    int lock_after_seconds = 120;
    std::chrono::system_clock::time_point last_input;
    ImVec2 last_mouse{-1, -1};

    // Message at the bottom of the screen
    std::string message;
    bool message_error = false;
    Steady::time_point message_at;

    explicit State(std::unique_ptr<Till> t)
        : till(std::move(t)), draft(*till), pictures(till->ledger().path()), pictograms(Pictograms::load(till->ledger().path())),
          parked(std::make_unique<ParkedTickets>(*till, ParkedTickets::path_for(till->ledger().path()))) {}

    template <class... A>
    std::string tr(std::string_view msgid, A&&... args) const {
        return translator.translate(Message{std::string(msgid), {MessageArg(std::forward<A>(args))...}});
    }
    // An overlay takes the input: the main window under it is inert.
    bool blocked() const {
        return keypad != KeypadPurpose::none || question.has_value() || cash_menu || approval.has_value() || catering.confirm.has_value();
    }
    // A modal overlay (keypad, question, approval): the whole screen under it is dimmed and inert,
    // the status bar too. The cash menu is a drop-down of the status bar, which stays usable.
    bool modal() const {
        return keypad != KeypadPurpose::none || question.has_value() || approval.has_value() || catering.confirm.has_value();
    }
};

using S = TillApp::State;

void say(S& s, std::string text, bool error);
void say_error(S& s, const std::exception& e);  // an InputError in the user's language, anything else as "could not"
void set_language(S& s, const std::string& lang);
// A product's name in the screen's language (issue 12 item 10): its translation, else French; a
// product of a parked ticket takes the catalogue's translations. Receipts keep the French name.
std::string product_label(const S& s, const Product& p);
void reload_catalogue(S& s);
std::string role_label(const S& s, Role r);
std::string method_label(const S& s, TenderMethod m);
bool is_manager(const S& s);  // manager or admin logged in
// Runs a manager action now for a manager, or asks a seller for a manager's approval first (the
// overlay of screens/approval.cpp runs it once approved).
void as_manager(S& s, PendingApproval action);
// Back to the login screen: nothing the last user started stays open for the next.
void log_out(S& s);

}  // namespace caisse::ui
