#pragma once
// The till's use cases. The CLI (and later the touch screen) call these, never db/ directly.
#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/core/cart.hpp"
#include "app/core/money.hpp"
#include "app/core/tender.hpp"
#include "app/core/user.hpp"
#include "db/credentials.hpp"
#include "db/ledger.hpp"
#include "db/reports.hpp"
#include "db/verify.hpp"

namespace caisse {

using Clock = std::function<std::chrono::system_clock::time_point()>;
Clock system_clock();
std::string utc_timestamp(std::chrono::system_clock::time_point t);  // "2026-11-27T13:53:26.123Z"
std::string local_day(std::chrono::system_clock::time_point t);      // "2026-11-27"
// The inverse of utc_timestamp; throws InputError on another shape.
std::chrono::system_clock::time_point parse_utc_timestamp(const std::string& text);

class Till;
class AutoBackup;  // app/services/backup.hpp

// Who acts (issue "Trust", item 1; DESIGN.md, "Trust boundaries"): a user whose PIN this Till
// checked (Till::sign_in, or Till::login on the screen). Only Till makes one, so no service acts in
// a user's name without their PIN. approver: a manager who approved, with their own PIN, actions the
// user's role does not allow (an override); each such action is journaled with an auth.override event.
class Actor {
public:
    const User& user() const { return user_; }
    const std::optional<User>& approver() const { return approver_; }
    Role role() const;  // the higher of the user's and the approver's

private:
    friend class Till;
    Actor(const Till* till, User user, std::optional<User> approver)
        : till_(till), user_(std::move(user)), approver_(std::move(approver)) {}
    const Till* till_;  // the till that checked the PIN: an actor acts on no other
    User user_;
    std::optional<User> approver_;
};

// A sale as typed values: the CLI parses "SKU*2@4,50", "10%" and "cash:20" into these, the screen
// builds them from its cart.
struct SellRequest {
    std::vector<ItemSpec> items;
    TicketDiscount discount;               // empty: none; needs the manager role
    std::vector<TenderRequest> payments;
    // Idempotency key (caisse sell --request-id, one per cart on screen): a request already recorded
    // on this terminal returns its ticket again instead of selling twice. 1 to 64 printable ASCII.
    std::optional<std::string> request_id;
};

struct SellResult {
    bool training = false;  // rung up in training mode: a training ticket number, counted nowhere
    bool replayed = false;  // the request id was already recorded: this is that ticket, not a new sale
    std::int64_t ticket = 0;
    std::int64_t seq = 0;
    std::string hash_hex;
    PricedTicket priced;
    Settlement settlement;
    std::map<std::string, Money> by_entrepreneur;  // name -> TTC
};

struct ImportSummary {
    int added = 0, changed = 0, unchanged = 0, entrepreneurs_created = 0, categories_created = 0;
    std::vector<std::string> members_created;  // new members of the group the catalogue named (issue 11, item 1)
};

// The outcome of a PIN typed on the login screen.
struct LoginResult {
    bool ok = false;
    int seconds_locked = 0;  // > 0: refused without checking, the user is locked for this long
    int attempts_left = 0;   // after a wrong PIN, before the lock
    std::optional<Actor> actor;  // when ok: who now acts on the screen
};

class Till {
public:
    // group: see db::Ledger::create.
    static std::unique_ptr<Till> init(const std::string& path, const std::string& terminal, bool demo,
                                      Clock clock = system_clock(), const std::string& group = "");
    static std::unique_ptr<Till> open(const std::string& path, Clock clock = system_clock());

    // Adds a user (manager role; never a role above the actor's own). On a ledger without users the
    // first one needs no actor and must be an admin: that is how a till is set up. Throws InputError.
    User add_user(const std::optional<Actor>& by, const std::string& name, const std::string& role, const std::string& pin);
    // Gives a user a new PIN (the manager role; never for a user whose role is above the actor's),
    // written in FILE.credentials (never the ledger) and their wrong-PIN count and lock cleared.
    // Journaled as a pin.reset event naming the user, never the PIN. Throws InputError (nothing
    // changed): unknown user, a PIN that is not 4 to 8 digits, the role.
    void reset_pin(const Actor& by, const std::string& user, const std::string& pin);
    // Gives a user another role (issue 12 item 13): a user.role record in the ledger. The manager
    // role; never for a user whose role is above the actor's, never a role above the actor's (so the
    // admin role is given or taken by an admin only), never taking the role of the till's last admin.
    // Returns the user with the new role. Throws InputError (nothing recorded): unknown user or
    // role, the role they already have, the rules above (refusals journaled).
    User set_user_role(const Actor& by, const std::string& user, const std::string& role);
    // Adds an entrepreneur (issue 12 item 13, Gestion > Entrepreneurs), as a catalogue import does
    // for a new name: the manager role; the name passes check_display_text (kMaxPersonNameChars) and
    // is new (name_key); the roster's member of that name gives its spelling and colour, else the next
    // colour of the palette and a new member, refused when one letter from a member's name unless
    // allow_similar. Throws InputError (nothing recorded). Returns the entrepreneur recorded.
    Entrepreneur add_entrepreneur(const Actor& by, const std::string& name, bool allow_similar = false);
    // Imports a catalogue (manager role: prices change). All rows or none. Throws InputError.
    // A new entrepreneur is a member of the group (app/services/members.hpp): the roster's member of
    // that name, else a new member (listed in members_created); a new name one letter away from a
    // member's is refused unless allow_similar.
    ImportSummary import_catalogue(const Actor& by, const std::string& csv_text, bool allow_similar = false);
    // CSV, the columns import reads. Journaled (JET export) when this till can write; a read-only
    // copy exports without a trace (it cannot hold one).
    std::string export_catalogue();
    std::vector<CatalogueRow> catalogue_rows();     // the current version of every product
    // Checks a user's PIN (the same count and lock as the screen's login; an empty PIN is refused)
    // and returns them as an Actor. Throws InputError naming the user; the failure is journaled (JET).
    Actor sign_in(const std::string& user, const std::string& pin);
    // The same actor with a manager's approval for actions their role does not allow (override):
    // checks the manager's PIN and role. Throws InputError (journaled).
    Actor approve(const Actor& actor, const std::string& manager, const std::string& pin);
    // Checks that the actor may take an action needing this role (their own, or their approver's) and
    // is not locked. A refusal is journaled (auth.refused) and thrown as InputError naming the user
    // and the action. Call it outside Ledger::write. Rules: DESIGN.md, "Trust boundaries".
    User authorise(const Actor& actor, Role needed, const std::string& action);
    // Inside the action's Ledger::write: journals the override when the actor's own role falls short
    // of the one needed (auth.override with the approver and the action), else nothing.
    void journal_override(const Actor& actor, Role needed, const std::string& action, const std::string& detail);
    static constexpr int kSessionMaxHours = 24;  // a sale into an older session is refused (daily closing)
    // The daily closing rule (fiscal-fr.md, "Conservation": a session is one business day): throws
    // InputError when `session` was opened more than kSessionMaxHours ago by the till's clock. Sales,
    // refunds and cancellations (correction: true, said so in the message) all go through it.
    void check_session_age(const db::SessionInfo& session, bool correction = false);
    // Records a sale in one commit (seller role; a discount needs the manager role). Throws
    // InputError (nothing recorded) for an unknown SKU, no open session, a short or over-tendered
    // payment, a refused role. A request id already recorded returns that ticket (replayed).
    SellResult sell(const Actor& by, const SellRequest& request);
    db::DayReport report_day(const std::optional<std::string>& date);

    // Checks a PIN. Three wrong PINs in a row lock the user for 30 s, doubling with each further
    // three (at most 15 min); a right PIN resets the count. Wrong PINs and locks are journaled (JET).
    // Unknown user: InputError.
    // A right PIN is journaled (auth.login): the screen's sign-in. sign_in (the CLI's --pin, once per
    // command) is not: the action it signs is a record naming the user already.
    LoginResult login(const std::string& user, const std::string& pin);
    static constexpr int kPinTriesBeforeLock = 3;
    std::vector<User> users();
    std::vector<db::TicketSummary> recent_tickets(int limit = 50);  // of the open session

    // What the screens read: the catalogue as it is now, the open session, per-user preferences.
    std::vector<Product> products() { return db::products(*ledger_); }
    std::optional<Product> product(const std::string& sku) { return db::product(*ledger_, sku); }
    std::vector<Category> categories() { return db::categories(*ledger_); }
    std::vector<Entrepreneur> entrepreneurs() { return db::entrepreneurs(*ledger_); }
    std::optional<db::SessionInfo> current_session() { return db::open_session_of(*ledger_); }
    std::optional<db::RecordedSale> recorded_sale(std::int64_t ticket) { return db::recorded_sale(*ledger_, ticket); }
    std::int64_t last_ticket() { return db::last_ticket(*ledger_); }
    // The screen language a user chose ("fr", "en"), kept as a local setting of this till.
    std::string user_language(const std::string& user);
    void set_user_language(const std::string& user, const std::string& lang);

    db::Ledger& ledger() { return *ledger_; }
    std::string now_utc() const { return utc_timestamp(clock_()); }
    std::string today() const { return local_day(clock_()); }

    // The technical event log, newest first.
    std::vector<db::EventRecord> recent_events(int limit = 100) { return db::recent_events(*ledger_, limit); }
    // The whole JET as one time-ordered list (event records and the kinds that are events of their
    // own, db/records/event_log): since is "" (all), "YYYY-MM-DD" (from that UTC day) or an ISO UTC
    // time. Reading needs no PIN. Throws InputError for another shape of since.
    std::vector<db::LogEntry> event_log(const std::string& since = "");

    // Journals one JET event in its own commit (a service's event that is no record of its own:
    // export, archive.export, backup.done, backup.failed, restore.done, printer.error, app.start...).
    // by: who, when someone acts; codes in db/records/event.hpp. Throws StorageError or InputError
    // (a till that cannot write); callers that must not fail (a printer thread's report) catch it.
    void journal(const char* code, const std::optional<Actor>& by, const std::string& action, const std::string& detail);
    // The same inside a Ledger::write the caller runs (the event belongs to that commit).
    void journal_in_commit(const char* code, const Actor& by, const std::string& action, const std::string& detail);
    // Journals a sign-out from the screen (explicit or the idle lock).
    void logout(const Actor& by, const std::string& why);

    // Training mode (MODE ÉCOLE; issue "Corrections and conservation", item 5). While it is on, a
    // sale is a training.sale record with its own ticket numbers and counts in no total, report,
    // closure or export. Turning it on or off needs the manager role (or a manager's approval):
    // a seller who could turn it on could ring real customers up as training and keep the cash.
    // Journaled as training.on / training.off with who; a refusal as auth.refused. Throws
    // InputError: the role, or asking for the mode it is already in.
    db::TrainingState training() { return db::training_state(*ledger_); }
    void set_training(const Actor& by, bool on);

    // The background backup after each Z (app/services/backup.hpp), made when first needed; the
    // till waits for it and journals it when destroyed. on_background_done: how a worker wakes the
    // screen (glfwPostEmptyEvent); nothing by default.
    AutoBackup& auto_backup();
    std::function<void()> on_background_done() const { return on_background_done_; }
    void set_on_background_done(std::function<void()> f) { on_background_done_ = std::move(f); }

    Till(std::unique_ptr<db::Ledger> ledger, Clock clock);
    ~Till();

private:
    User require_user(const std::string& name);
    SellResult replayed_sale(std::int64_t ticket);
    SellResult training_sale(const User& user, const SellRequest& request);
    db::CredentialStore& credentials(bool create = false);  // create: only when a user is added
    void journal_event(const db::EventRecord& e);  // in its own commit
    LoginResult check_user_pin(const std::string& user, const std::string& pin);  // login without the auth.login event
    std::unique_ptr<db::Ledger> ledger_;
    std::unique_ptr<db::CredentialStore> credentials_;  // FILE.credentials, opened when first needed
    Clock clock_;
    std::function<void()> on_background_done_;
    std::unique_ptr<AutoBackup> auto_backup_;  // destroyed (joined) before the ledger
};

// The record of a priced and settled ticket, exactly as Till::sell journals it (the ledger
// generator of bench/ uses it too). The ticket number is set when it is recorded.
db::SaleRecord make_sale_record(const PricedTicket& priced, const Settlement& settlement, std::int64_t session,
                                std::int64_t user, const std::string& day);

// Loads the demo catalogues, entrepreneurs and users from assets/demo (README lists their PINs).
void load_demo(Till& till);

// A demo user as assets/demo/users.csv gives it: name, role ("admin", "manager", "seller"), PIN.
struct DemoUser {
    std::string name, role, pin;
};
// The demo users, in file order (the first is the admin), so that `init --demo` can show their PINs
// on a machine where README.md is not installed. Throws InputError when the asset is missing.
std::vector<DemoUser> demo_users();
std::string assets_dir();  // declared with its rule in app/services/assets.hpp

// Checks "YYYY-MM-DD"; throws InputError.
void check_date(const std::string& date);

}  // namespace caisse
