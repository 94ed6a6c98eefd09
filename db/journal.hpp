#pragma once
// The journal record and its hash framing (normative: docs/ledger-format.md).
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "db/crypto.hpp"

namespace caisse::db {

struct JournalRecord {
    std::string terminal;
    std::int64_t seq = 0;
    std::string kind;
    std::string at_utc;   // "YYYY-MM-DDTHH:MM:SS.mmmZ"
    std::string payload;  // canonical JSON
    Hash prev_hash{};
    Hash hash{};
    std::optional<Signature> sig;
};

// The bytes a record's hash covers: prev_hash || u32be len || terminal || u64be seq ||
// u32be len || kind || u32be len || at_utc || u32be len || payload. Sink has update(ptr, n).
template <class Sink>
void write_framing(Sink& sink, const std::uint8_t* prev_hash, std::string_view terminal, std::int64_t seq,
                   std::string_view kind, std::string_view at_utc, std::string_view payload) {
    auto u32 = [&](std::size_t n) {
        const std::uint8_t b[4] = {static_cast<std::uint8_t>(n >> 24), static_cast<std::uint8_t>(n >> 16),
                                   static_cast<std::uint8_t>(n >> 8), static_cast<std::uint8_t>(n)};
        sink.update(b, 4);
    };
    auto str = [&](std::string_view v) {
        u32(v.size());
        sink.update(v.data(), v.size());
    };
    sink.update(prev_hash, 32);
    str(terminal);
    std::uint8_t s[8];
    for (int i = 0; i < 8; ++i) s[i] = static_cast<std::uint8_t>(static_cast<std::uint64_t>(seq) >> (56 - 8 * i));
    sink.update(s, 8);
    str(kind);
    str(at_utc);
    str(payload);
}

// A record just appended to a chain.
struct Appended {
    std::string terminal;
    std::int64_t seq = 0;
    Hash hash{};
};

// SHA-256 of write_framing's bytes.
Hash record_hash(Sha256& sha, const std::uint8_t* prev_hash, std::string_view terminal, std::int64_t seq,
                 std::string_view kind, std::string_view at_utc, std::string_view payload);
Hash record_hash(const JournalRecord& r);

// Record kinds. A signed kind carries an Ed25519 signature of its hash.
namespace kind {
inline constexpr std::string_view genesis = "genesis";
inline constexpr std::string_view entrepreneur = "entrepreneur.add";
inline constexpr std::string_view category = "category.add";
inline constexpr std::string_view product = "product.set";
inline constexpr std::string_view user = "user.add";
inline constexpr std::string_view user_role = "user.role";  // a user's new role (schema 12)
inline constexpr std::string_view session_open = "session.open";
inline constexpr std::string_view sale = "sale";
inline constexpr std::string_view duplicate = "receipt.duplicate";
inline constexpr std::string_view cash_move = "cash.move";
inline constexpr std::string_view closure_day = "closure.day";
inline constexpr std::string_view closure_month = "closure.month";
inline constexpr std::string_view closure_year = "closure.year";
inline constexpr std::string_view event = "event";  // JET
inline constexpr std::string_view training_sale = "training.sale";  // a sale rung up in training mode (MODE ÉCOLE)
inline constexpr std::string_view refund = "sale.refund";  // a refund or cancellation: counter-entry to a ticket
inline constexpr std::string_view member = "member.set";  // a member of the group (roster), a new version of one
inline constexpr std::string_view member_link = "member.link";  // which member an entrepreneur of this ledger is
inline constexpr std::string_view charge = "charge.add";    // an expense of a member or of the group (CAPE)
inline constexpr std::string_view hours = "hours.add";      // minutes a member worked on a day (CAPE)
inline constexpr std::string_view cape_rule = "cape.rule";  // the split rule the group voted (CAPE)
// Catering (issue 14, schema 13): customers, quotes and their lines, orders, invoices, payments.
inline constexpr std::string_view customer = "customer.add";        // a business or public customer
inline constexpr std::string_view quote = "quote.new";              // a quote (devis)
inline constexpr std::string_view quote_line = "quote.line";        // a line of a quote not yet accepted
inline constexpr std::string_view quote_accept = "quote.accept";    // a quote accepted: an order
inline constexpr std::string_view invoice = "invoice.issue";        // an invoice, deposit invoice or credit note
inline constexpr std::string_view invoice_payment = "payment.add";  // money received against an invoice
}  // namespace kind
bool is_signed_kind(std::string_view k);

}  // namespace caisse::db
