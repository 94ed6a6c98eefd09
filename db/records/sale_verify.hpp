#pragma once
// The verify rules of the sale kind (docs/ledger-format.md, "sale"): each sale record rebuilt from
// its projection rows byte for byte, the ticket arithmetic, gap-free ticket numbers, and no
// projection row without its record.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/records/sale.hpp"
#include "db/sqlite.hpp"
#include "db/verify/problems.hpp"

namespace caisse::db {

// The top-level "ticket" of a sale payload (1 when absent or absurd): where a range's merge starts.
std::int64_t ticket_of(std::string_view payload);

// Walks the sale projections of one terminal in ticket order beside the journal's sale records
// (seq order), rebuilds each payload from its rows and compares bytes; checks the ticket rules and
// the projection columns' storage types (typeof: text stays text, integers integers).
class SaleProjection {
public:
    // `sessions`: this terminal's sessions; a sale must name one opened before it and not yet closed.
    SaleProjection(Database& db, const std::string& terminal, std::int64_t from_ticket,
                   const std::map<std::int64_t, SessionSpan>& sessions, Problems& problems);
    // Checks the journal's sale record at seq against its projection rows.
    void check(std::int64_t seq, std::string_view payload);
    // Rows left over: within the range they point at records that are not sales; after the last
    // range of the terminal they belong to no record at all.
    void finish(std::int64_t range_last, bool last_of_terminal);
    std::int64_t first_ticket() const { return first_ticket_; }
    std::int64_t last_ticket() const { return last_ticket_; }

    struct Numbers {
        struct Line {
            std::int64_t qty, unit, disc, share, total, vat;
        };
        struct Pay {
            bool cash, known;
            std::int64_t amount;
            bool voucher = false;
        };
        std::int64_t discount = 0, total = 0, change = 0, voucher_excess = 0;
        std::vector<Line> lines;
        std::vector<Pay> payments;
        std::vector<VatRecord> vat;
    };

private:
    void skip_sale();
    void drop_orphans(std::int64_t ticket);
    bool types_ok();

    std::string terminal_;
    const std::map<std::int64_t, SessionSpan>& sessions_;
    Problems& problems_;
    Statement sales_, lines_, pays_;
    bool s_ok_ = false, l_ok_ = false, p_ok_ = false;
    std::int64_t first_ticket_ = 0, last_ticket_ = 0;
    std::string rebuilt_;
    Numbers nums_;
};

// The arithmetic every ticket obeys, the discount spread by largest remainder included; the first
// rule broken, or nothing.
std::optional<Message> sale_rule_broken(const SaleProjection::Numbers& s);

// Sale projection rows outside the tickets the chain scan matched belong to no record.
void check_projection_tail(Database& db, const std::string& terminal, std::int64_t first_ticket, std::int64_t last_ticket,
                           Problems& problems);

// Terminals that have sale projection rows but no chain, and journal or sale rows whose terminal
// is not text (no per-terminal read meets them).
void check_unknown_terminals(Database& db, const std::vector<std::string>& chained, Problems& problems);

}  // namespace caisse::db
