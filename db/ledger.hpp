#pragma once
// The ledger of one till: journal + projections in one SQLite file, the terminal's signing key
// beside it (FILE.key, mode 0600) and a signed head anchor (FILE.head) updated after each commit.
#include <cstdint>
#include <condition_variable>
#include <cstring>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "app/core/catalogue.hpp"
#include "app/core/user.hpp"
#include "db/crypto.hpp"
#include "db/journal.hpp"
#include "db/sqlite.hpp"

namespace caisse::db {

// A sale as recorded: plain integers, exactly what the payload and the projections hold.
struct SaleLineRecord {
    std::string sku, name;
    std::int64_t entrepreneur = 0, category = 0, vat_bp = 0, quantity = 0, unit_price = 0;
    std::int64_t line_discount = 0, discount_share = 0, total = 0;
};
struct PaymentRecord {
    std::string method;
    std::int64_t amount = 0;
};
struct VatRecord {
    std::int64_t rate = 0, ht = 0, vat = 0, ttc = 0;
};
struct SaleRecord {
    std::int64_t ticket = 0, session = 0, user = 0;
    std::string day;  // business day, local "YYYY-MM-DD"
    std::int64_t discount = 0, total = 0, change = 0;
    std::vector<SaleLineRecord> lines;
    std::vector<PaymentRecord> payments;
    std::vector<VatRecord> vat;
};
// Canonical JSON payload of a sale record (keys in byte order, fixed layout).
std::string sale_payload(const SaleRecord& s);
void append_sale_payload(std::string& out, const SaleRecord& s);

// Writes the sale payload layout field by field, so that verify can rebuild it straight from
// projection rows. Call header, line*, payments, payment*, footer, vat*, finish, in that order.
// It writes through a raw pointer with one capacity check per call: verify rebuilds a million
// payloads with it, and appending piece by piece to a std::string cost twice as much.
class SalePayloadWriter {
public:
    explicit SalePayloadWriter(std::string& out) : out_(out) {}
    void header(std::int64_t change, std::string_view day, std::int64_t discount);
    void line(std::int64_t cat, std::int64_t disc, std::int64_t ent, std::string_view name, std::int64_t qty,
              std::int64_t share, std::string_view sku, std::int64_t total, std::int64_t unit, std::int64_t vat);
    void payments();
    void payment(std::int64_t amount, std::string_view method);
    void footer(std::int64_t session, std::int64_t ticket, std::int64_t total, std::int64_t user);
    void vat(std::int64_t ht, std::int64_t rate, std::int64_t ttc, std::int64_t vat);
    void finish();

private:
    void room(std::size_t n);  // at least n writable bytes at p_
    template <std::size_t N>
    void lit(const char (&s)[N]) {
        std::memcpy(p_, s, N - 1);
        p_ += N - 1;
    }
    void num(std::int64_t v);
    void str(std::string_view s);
    std::string& out_;
    char* p_ = nullptr;
    char* end_ = nullptr;
    bool first_ = true;
};

struct Appended {
    std::string terminal;
    std::int64_t seq = 0;
    Hash hash{};
};

// A sale read back from its journal record (the source of truth), for receipts and duplicates.
struct RecordedSale {
    SaleRecord sale;
    std::string terminal, at_utc;
    std::int64_t seq = 0;
    Hash hash{};
};

struct SessionInfo {
    std::int64_t id = 0, opened_by = 0, float_cents = 0;
    std::string day;
};

// The head anchor (docs/ledger-format.md): the terminal, seq and hash of the newest record, signed
// with the terminal key, in one of two slots (seq % 2) overwritten in place, so that a write torn by
// a power cut leaves the other slot valid.
struct HeadAnchor {
    std::string terminal;
    std::int64_t seq = 0;
    Hash hash{};
    Signature sig{};
};
Hash head_anchor_message(const std::string& terminal, std::int64_t seq, const Hash& hash);
// Writes one anchor into its slot (creating the file with both slots when needed).
void write_head_anchor_slot(const std::string& head_path, const std::string& terminal, std::int64_t seq,
                            const Hash& hash, const SecretKey& key);
// The slots as written; std::nullopt when there is no file. Throws InputError on a malformed file.
std::optional<std::vector<HeadAnchor>> read_head_anchor_slots(const std::string& head_path);

// Signs and writes the anchor on its own thread, off the sale's path; the newest posted anchor
// is written before the writer is destroyed.
class HeadAnchorWriter {
public:
    HeadAnchorWriter(std::string head_path, std::string terminal, const SecretKey& key);
    ~HeadAnchorWriter();
    HeadAnchorWriter(const HeadAnchorWriter&) = delete;
    HeadAnchorWriter& operator=(const HeadAnchorWriter&) = delete;
    void post(std::int64_t seq, const Hash& hash);
    void flush();  // returns once everything posted so far is written

private:
    void run();
    std::string path_, terminal_;
    SecretKey key_;
    std::mutex mu_;
    std::condition_variable wake_, idle_;
    std::optional<std::pair<std::int64_t, Hash>> pending_;
    bool busy_ = false, stop_ = false;
    std::thread thread_;
};

class Ledger {
public:
    // Creates FILE, FILE.key and the genesis record. Refuses an existing file.
    static std::unique_ptr<Ledger> create(const std::string& path, const std::string& terminal,
                                          const std::string& at_utc);
    // Opens an existing ledger; refuses files that are not ledgers or come from a newer caisse.
    static std::unique_ptr<Ledger> open(const std::string& path);

    Database& db() { return db_; }
    const std::string& terminal() const { return terminal_; }
    const std::string& path() const { return db_.path(); }
    PublicKey public_key() const { return public_of(secret_); }

    // Runs fn inside one write transaction (one commit, one fsync), then hands the new head to the
    // anchor writer.
    void write(const std::function<void()>& fn);
    void flush_head_anchor() { if (anchor_) anchor_->flush(); }

    // Appends one record to this terminal's chain; must run inside write().
    Appended append(std::string_view kind, const std::string& payload, const std::string& at_utc);

    std::int64_t add_entrepreneur(const std::string& name, const std::string& colour, const std::string& at);
    std::int64_t add_category(const std::string& name, const std::string& at);
    void put_product(const Product& p, const std::string& at);
    std::int64_t add_user(const std::string& name, Role role, const std::string& pin_hash, const std::string& at);
    std::int64_t open_session(std::int64_t user_id, std::int64_t float_cents, const std::string& day,
                              const std::string& at);
    // Fills in the ticket number (gap-free per terminal) and records the sale.
    Appended record_sale(SaleRecord& sale, const std::string& at);

    // Records that a copy of this terminal's ticket was printed; returns its duplicate number
    // (gap-free per terminal, from 1).
    std::int64_t record_duplicate(std::int64_t ticket, const std::string& at);

    // This terminal's ticket, read from its journal payload; nothing when there is no such ticket.
    std::optional<RecordedSale> recorded_sale(std::int64_t ticket);
    std::int64_t last_ticket();
    std::optional<std::string> user_name(std::int64_t id);

    // Settings of this till (business identity for receipts, printer): local, not journaled.
    std::optional<std::string> setting(const std::string& key);
    void set_setting(const std::string& key, const std::string& value);
    std::map<std::string, std::string> settings();

    std::vector<User> users();
    // Failed PIN attempts and lock (local state, not journaled).
    struct PinState {
        std::int64_t failed = 0;
        std::string locked_until;  // UTC timestamp, "" when not locked
    };
    PinState pin_state(std::int64_t user_id);
    void set_pin_state(std::int64_t user_id, const PinState& state);
    // The newest tickets of a session, newest first.
    struct TicketSummary {
        std::int64_t ticket = 0, total = 0;
        std::string at_utc, user;
    };
    std::vector<TicketSummary> recent_tickets(std::int64_t session, int limit);

    std::optional<User> user_by_name(const std::string& name);
    std::optional<std::string> pin_hash(std::int64_t user_id);
    std::optional<Product> product(const std::string& sku);
    std::vector<Product> products();
    std::optional<std::int64_t> entrepreneur_id(const std::string& name);
    std::string entrepreneur_name(std::int64_t id);
    std::optional<std::int64_t> category_id(const std::string& name);
    std::vector<Entrepreneur> entrepreneurs();
    std::vector<Category> categories();
    std::optional<SessionInfo> current_session();
    std::int64_t last_seq();

    static std::string key_path(const std::string& db_path) { return db_path + ".key"; }
    static std::string head_path(const std::string& db_path) { return db_path + ".head"; }

    Ledger(const std::string& path, Database::Mode mode);

private:
    void configure();
    void load_identity();
    void post_head_anchor();
    Statement& cached(const char* sql);  // prepared once per connection, keyed by the literal

    Database db_;
    std::string terminal_;
    SecretKey secret_{};
    Sha256 sha_;
    std::map<const char*, std::unique_ptr<Statement>> statements_;  // destroyed before db_
    std::optional<std::pair<std::int64_t, Hash>> appended_;  // newest record of the open transaction
    std::unique_ptr<HeadAnchorWriter> anchor_;
};

// Reads FILE.key; throws InputError naming the problem.
SecretKey read_secret_key(const std::string& key_path);


}  // namespace caisse::db
