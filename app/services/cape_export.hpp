#pragma once
// The CAPE statement as a CSV file for the CAE's accountant (issue 11, item 5; docs/cape.md):
// French spreadsheet conventions (app/core/csv.hpp), headings in the process's language.
#include <string>

#include "app/core/message.hpp"

#include "app/services/cape.hpp"

namespace caisse {

// Sections, one blank line apart: the period and the rule; one row per member (sales TTC, HT,
// VAT, tickets, own charges HT, share of group charges, own net, hours, share of the contribution,
// envelope, and the salary estimate when the rule has rates); the group's totals; sales per member
// and VAT rate; the charges; coverage per terminal. Amounts in euros with a decimal comma. Starts with a BOM.
std::string statement_csv(const CapeStatement& st);

// "equal shares; no CAE contribution; group charges by ... (no rule recorded yet ...)": what the
// statement says of its rule, as a message each reader translates (the CLI in the process's
// language, the screen in its user's).
Message rule_description(const RuleInEffect& rule);

}  // namespace caisse
