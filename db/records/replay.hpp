#pragma once
// The projection rows of a record of another till's chain, made from its payload (bundle import,
// docs/bundle-format.md). Rows keyed per terminal go to the same tables as this till's own
// (sessions, sales, refunds, closures, events...), so per-terminal reads and verify treat every
// chain alike; catalogue and user records go to the imported_* tables (schema 9), because their ids
// are global to the ledger that made them and must not mix with this till's own.
#include "db/journal.hpp"

namespace caisse::db {

class Ledger;
struct SaleRecord;

// Writes the projection rows of r (a record of terminal r.terminal, not this till's); inside
// Ledger::write. Throws InputError naming the seq and kind for a kind this version cannot project
// (a newer till's kind), and for a payload that lacks a field of its kind or has one of the wrong
// type (nothing is written then: the caller's transaction rolls back).
// `sale`: r's payload already read (a sale), or nullptr to read it here.
void replay_projection(Ledger& ledger, const JournalRecord& r, const SaleRecord* sale = nullptr);

}  // namespace caisse::db
