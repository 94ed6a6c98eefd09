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

// A sale as typed values: the CLI parses "SKU*2@4,50", "10%" and "cash:20" into these, the screen
// builds them from its cart.
struct SellRequest {
    std::string user;
    std::optional<std::string> pin;  // checked when given
    std::vector<ItemSpec> items;
    TicketDiscount discount;               // empty: none
    std::vector<TenderRequest> payments;
};

struct SellResult {
    std::int64_t ticket = 0;
    std::int64_t seq = 0;
    std::string hash_hex;
    PricedTicket priced;
    Settlement settlement;
    std::map<std::string, Money> by_entrepreneur;  // name -> TTC
};

struct ImportSummary {
    int added = 0, changed = 0, unchanged = 0, entrepreneurs_created = 0, categories_created = 0;
};

// The outcome of a PIN typed on the login screen.
struct LoginResult {
    bool ok = false;
    int seconds_locked = 0;  // > 0: refused without checking, the user is locked for this long
    int attempts_left = 0;   // after a wrong PIN, before the lock
};

class Till {
public:
    static std::unique_ptr<Till> init(const std::string& path, const std::string& terminal, bool demo,
                                      Clock clock = system_clock());
    static std::unique_ptr<Till> open(const std::string& path, Clock clock = system_clock());

    User add_user(const std::string& name, const std::string& role, const std::string& pin);
    ImportSummary import_catalogue(const std::string& csv_text);
    std::string export_catalogue();                 // CSV, the columns import reads
    std::vector<CatalogueRow> catalogue_rows();     // the current version of every product
    // Checks the PIN when given (the same lock as the screen's login) and the role an action needs.
    // Throws InputError naming the user and the action. Rules: DESIGN.md, "Trust boundaries".
    User authorise(const std::string& user, const std::optional<std::string>& pin, Role needed, const std::string& action);
    static constexpr int kSessionMaxHours = 24;  // a sale into an older session is refused (daily closing)
    // Records a sale in one commit. Throws InputError (nothing recorded) for an unknown user, SKU,
    // no open session, a short or over-tendered payment.
    SellResult sell(const SellRequest& request);
    db::DayReport report_day(const std::optional<std::string>& date);

    // Checks a PIN. Three wrong PINs in a row lock the user for 30 s, doubling with each further
    // three (at most 15 min); a right PIN resets the count. Unknown user: InputError.
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

    Till(std::unique_ptr<db::Ledger> ledger, Clock clock) : ledger_(std::move(ledger)), clock_(std::move(clock)) {}

private:
    User require_user(const std::string& name);
    std::unique_ptr<db::Ledger> ledger_;
    Clock clock_;
};

// The record of a priced and settled ticket, exactly as Till::sell journals it (the ledger
// generator of bench/ uses it too). The ticket number is set when it is recorded.
db::SaleRecord make_sale_record(const PricedTicket& priced, const Settlement& settlement, std::int64_t session,
                                std::int64_t user, const std::string& day);

// Loads the demo catalogues, entrepreneurs and users from assets/demo (README lists their PINs).
void load_demo(Till& till);
std::string assets_dir();  // $CAISSE_ASSETS, else the source tree's assets/

// Checks "YYYY-MM-DD"; throws InputError.
void check_date(const std::string& date);

}  // namespace caisse
