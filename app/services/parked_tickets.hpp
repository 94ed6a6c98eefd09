#pragma once
// Parked tickets (issue 12 item 14): a ticket put aside while its customer fetches money, and taken
// back later on this till, with its lines, discount and the payments already taken on it.
//
// A parked cart is not a sale: it is never journaled and counts in no total. It is kept in
// FILE.parked (JSON, beside the ledger like FILE.credentials) so that a restart of the till does not
// lose it, and never in the ledger: the ledger is append-only and goes to auditors, while a parked
// ticket changes and disappears, and must not look like a sale there.
#include <cstdint>
#include <string>
#include <vector>

#include "app/services/sale_draft.hpp"

namespace caisse {

// What the screen lists of a parked ticket.
struct ParkedTicket {
    std::int64_t number = 0;  // 1, 2, 3... on this till; numbers are reused once taken back
    std::string parked_at;    // UTC timestamp (utc_timestamp), by the till's clock
    std::string by;           // who parked it
    bool training = false;    // parked in training mode: comes back only in training mode
    Money total;              // as priced when parked
    Money paid;               // the payments already taken on it
    std::int64_t items = 0;   // units on it (sum of the quantities)
    DraftContents contents;   // the ticket itself
};

class ParkedTickets {
public:
    // Parked tickets are kept at most this many: a counter has a few; more is a forgotten pile
    // (and keeps FILE.parked small).
    static constexpr std::size_t kMaxParked = 20;

    // file: where they outlive a restart (path_for(ledger)); "" keeps them in memory only. Reads
    // the file: one that cannot be read (damaged, not ours) is moved aside as FILE.bad-N, never
    // overwritten, and load_problem() says so; the till starts with none parked.
    ParkedTickets(Till& till, std::string file);
    static std::string path_for(const std::string& ledger_path) { return ledger_path + ".parked"; }

    // Puts the draft's ticket aside (payments included) and empties the draft; returns its number.
    // Throws InputError for an empty ticket or when kMaxParked are parked already (nothing
    // changes); std::runtime_error when FILE.parked cannot be written (the ticket stays on screen).
    std::int64_t park(SaleDraft& draft, const Actor& by);
    // Takes ticket `number` back into the draft, which must be empty. Each line is priced again from
    // the catalogue as a sale would be. Throws InputError (the ticket stays parked): no such ticket,
    // a ticket open on screen, the training mode changed since it was parked (a practice ticket
    // must not become a real sale, nor the reverse), a product no longer sold.
    void take_back(std::int64_t number, SaleDraft& draft);

    const std::vector<ParkedTicket>& list() const { return parked_; }
    Money paid() const;  // payments held by parked tickets: money in the drawer or on card, no sale yet
    const std::string& load_problem() const { return load_problem_; }

private:
    void save() const;
    void load();
    std::vector<ParkedTicket>::iterator by_number(std::int64_t number);  // where `number` is or goes
    Till& till_;
    std::string file_;
    std::vector<ParkedTicket> parked_;  // by number
    std::string load_problem_;
};

// The close's rule on parked tickets: a Z must not be taken while parked tickets (real ones, training
// aside) hold payments already taken, since that money is in the drawer or on the card batch with no
// sale behind it. Reads FILE.parked beside the ledger. Throws InputError naming how many tickets
// and how much; nothing is changed.
void refuse_close_with_paid_parked(Till& till);

}  // namespace caisse
