#pragma once
// An accounting entry as the FEC writer takes it (internal to fec_export and fec_invoices): lines
// with a signed amount in cents (> 0 debit, < 0 credit), the journal it belongs to, the piece it
// records. export_fec numbers the entries and checks that each balances.
#include <cstdint>
#include <string>
#include <vector>

namespace caisse::fec {

struct Line {
    std::string account, label;
    std::int64_t amount = 0;         // cents: > 0 debit, < 0 credit
    std::string aux_num, aux_label;  // a customer's auxiliary account (CompAuxNum, CompAuxLib); empty: none
};

struct Entry {
    std::string journal = "VT", journal_label = "Ventes caisse";  // JournalCode, JournalLib
    std::string date, valid_date, piece, piece_date, text;        // dates "YYYY-MM-DD"; piece_date empty: date
    std::vector<Line> lines;
};

}  // namespace caisse::fec
