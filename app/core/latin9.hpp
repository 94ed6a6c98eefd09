#pragma once
// ISO 8859-15 (Latin-9), the encoding the FEC must use (reference/fiscal-fr.md, "FEC").
#include <string>
#include <string_view>

namespace caisse {

// UTF-8 text -> ISO 8859-15 bytes. Latin-9 is Latin-1 with eight places changed (€ Š š Ž ž Œ œ Ÿ).
// A character Latin-9 lacks is written as its base letter when it has one (ł stays '?', ă -> a:
// the accent is dropped), else as '?'. Throws InputError on invalid UTF-8.
std::string to_latin9(std::string_view utf8);

}  // namespace caisse
