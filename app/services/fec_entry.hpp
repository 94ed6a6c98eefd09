#pragma once
// An accounting entry as the FEC writer takes it (internal to fec_export and fec_invoices): lines
// with a signed amount in cents (> 0 debit, < 0 credit), the journal it belongs to, the piece it
// records. export_fec numbers the entries and checks that each balances.
#include <cstdint>
#include <string>
#include <vector>

namespace caisse::fec {

struct Line {
    std::string account, label;      // label: the account's name (CompteLib); the first one an account gets in a file is kept for all its lines
    std::int64_t amount = 0;         // cents: > 0 debit, < 0 credit
    std::string aux_num, aux_label;  // a customer's auxiliary account (CompAuxNum, CompAuxLib); empty: none
    std::string text = {};           // this line's own wording (EcritureLib); empty: the entry's text
};

struct Entry {
    std::string journal = "VT", journal_label = "Ventes caisse";  // JournalCode, JournalLib
    std::string date, valid_date, piece, piece_date, text;        // dates "YYYY-MM-DD"; piece_date empty: date
    std::vector<Line> lines;
};

}  // namespace caisse::fec
