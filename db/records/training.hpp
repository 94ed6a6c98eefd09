#pragma once
// The training.sale record kind (docs/ledger-format.md, "training.sale"): a sale rung up in training
// mode (MODE ÉCOLE). Same payload layout as a sale, its own ticket numbers per terminal, its own
// projection (training_sales), which no total, report, closure or export reads. The training
// switch itself is an event record (training.on / training.off).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/records/projected_kind.hpp"
#include "db/records/sale.hpp"

namespace caisse::db {

class Ledger;

// Fills in the training ticket number (gap-free per terminal, from 1, apart from real tickets) and
// records it; inside Ledger::write.
Appended record_training_sale(Ledger& ledger, SaleRecord& sale, const std::string& at);
// A training ticket of this terminal read back from its journal payload.
std::optional<RecordedSale> recorded_training_sale(Ledger& ledger, std::int64_t ticket);
std::int64_t last_training_ticket(Ledger& ledger);

// Whether this terminal is in training mode: its newest training.on / training.off event says so.
struct TrainingState {
    bool on = false;
    std::optional<std::int64_t> by;  // users.id of who turned it on (or off)
    std::string since;               // at_utc of that event; "" when never switched
};
TrainingState training_state(Ledger& ledger);

std::vector<ProjectedKind> training_projected_kinds();

}  // namespace caisse::db
