#pragma once
// Helpers for ledger tests: a temporary directory, a fixed clock, raw SQL on a ledger file.
#include <chrono>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/services/till.hpp"

namespace caisse::testing {

class TempDir {
public:
    TempDir();
    ~TempDir();
    std::string file(const std::string& name) const { return (path_ / name).string(); }

private:
    std::filesystem::path path_;
};

// A clock that starts at 2026-03-02 10:00:00 UTC and advances 1 s per call.
Clock stepping_clock();

// A demo ledger with an open session (seller "Lucie"), on the given clock (default: the stepping
// clock of 2026-03-02; a till reopened later on the real clock needs a session of its own day).
std::unique_ptr<Till> demo_till(const std::string& path, Clock clock = stepping_clock());

// Sells `count` pseudo-random tickets (seeded) from the demo catalogue; returns the sum of totals.
std::int64_t sell_random(Till& till, int count, unsigned seed);

// A demo user (README's table: Awa, Karim, Lucie, Mei) signed in on this till with their PIN (once
// per till object: later calls return the same actor).
Actor as(Till& till, const std::string& name);

// A sale typed the way the CLI reads it ("MAFE*2", "10%", "cash:20"), parsed into the typed request.
inline SellRequest sell_text(const std::vector<std::string>& items, const std::optional<std::string>& discount,
                             const std::vector<std::string>& pays) {
    SellRequest r;
    for (const auto& i : items) r.items.push_back(ItemSpec::parse(i));
    if (discount) r.discount = TicketDiscount::parse(*discount);
    for (const auto& p : pays) r.payments.push_back(TenderRequest::parse(p));
    return r;
}

// Runs SQL on the file through a separate connection, as a tamperer would.
void raw_sql(const std::string& path, const std::string& sql);
std::int64_t raw_scalar(const std::string& path, const std::string& sql);

}  // namespace caisse::testing
