#pragma once
// The CAPE statement as a printable PDF for the group meeting (issue 11, item 5; docs/cape.md),
// drawn with cairo: A4 landscape, labels in the process's language (tr), DejaVu Sans.
#include <string>

#include "app/services/cape.hpp"

namespace caisse {

// Writes `path` (an ordinary file there is replaced; never the ledger at `ledger_path`, its key or
// another ledger: app/services/export_file.hpp): page 1 and following, the period, the rule used (saying
// when no rule was voted yet), one row per member (sales TTC, HT, VAT, tickets, own charges HT,
// share of group charges, of the contribution, hours, envelope), the group's totals, the margin,
// contribution and distributable amount, members shown apart, and the coverage (tills, seq and
// ticket ranges, a probably missing bundle in red); last page, the charts: sales HT and envelope
// per member, sales TTC per day. Bars are scaled from cents with integer arithmetic
// (app/core/bar_scale.hpp). Throws InputError naming the file when it cannot be written.
void write_statement_pdf(const CapeStatement& st, const std::string& path, const std::string& ledger_path);

}  // namespace caisse
