#pragma once
// The closures of an archive checked against its records (docs/archive-format.md, rule 5): each Z
// whose session opens in the archive equals the sum of that session's sales and cash moves; Z
// numbers and grand totals run on; a month or year closure equals the sum of its Zs; the period's
// Zs are all there. A subset of what `caisse verify` checks on the ledger (rule 10 of
// docs/ledger-format.md), enough to show the archive's closures were not edited.
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "app/core/message.hpp"
#include "db/archive/fast_reader.hpp"
#include "db/journal.hpp"

namespace caisse::db {

class ClosureSums {
public:
    using Report = std::function<void(std::int64_t seq, Message)>;
    explicit ClosureSums(std::string period) : period_(std::move(period)) {}
    // Each record in seq order, after its hash was checked: for a sale or a sale.refund
    // (is_sale_kind) its sums (nullopt when the payload is not a JSON object), for the other kinds
    // needs_payload names their payload parsed (discarded when not JSON).
    void add(const JournalRecord& r, const nlohmann::json& payload, const std::optional<SaleSums>& sale, const Report& report);
    static bool is_sale_kind(std::string_view kind) { return kind == "sale" || kind == "sale.refund"; }
    static bool needs_payload(std::string_view kind) {
        return kind == "session.open" || kind == "cash.move" || kind == "closure.day" || kind == "closure.month" || kind == "closure.year";
    }
    // The reference reading of a sale's or refund's sums from its parsed payload (the fast path,
    // read_sale_sums_fast, must agree): nullopt when it is not an object; missing or non-integer
    // numbers read 0, a missing method "".
    static std::optional<SaleSums> sale_sums_of(const nlohmann::json& payload);
    // After the last record: the header's first_z, last_z and closure_seq (an integer or null).
    void finish(std::int64_t first_z, std::int64_t last_z, const nlohmann::json& closure_seq, const Report& report);
    std::int64_t closures() const { return closures_; }

    struct Totals {
        std::int64_t tickets = 0, total = 0, total_abs = 0, cash_in = 0, cash_out = 0, voucher_excess = 0;
        std::map<std::int64_t, std::int64_t> by_entrepreneur;
        std::map<std::string, std::int64_t> by_tender;
    };

private:
    struct Z {
        std::int64_t seq = 0;
        Totals totals;
        std::string month, year;
    };
    void add_sale(const SaleSums& p);
    // A refund or cancellation (sale.refund, schema 6): its negative totals, tenders and lines, no ticket.
    void add_refund(const SaleSums& p);
    void add_z(const JournalRecord& r, const nlohmann::json& p, const Report& report);
    void add_period(const JournalRecord& r, const nlohmann::json& p, const Report& report);

    std::string period_;
    std::map<std::int64_t, Totals> sessions_;  // sessions opened in the archive
    std::map<std::int64_t, Z> zs_;
    std::optional<std::pair<std::int64_t, std::int64_t>> last_z_;  // z, grand_total
    std::map<std::int64_t, std::pair<std::string, std::string>> periods_;  // seq -> kind, period
    std::int64_t closures_ = 0;
};

}  // namespace caisse::db
