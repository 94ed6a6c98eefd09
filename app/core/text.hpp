#pragma once
// Text from outside: UTF-8 validation, the checks every name and business field passes, and the
// key under which names are compared.
#include <cstddef>
#include <string>
#include <string_view>

namespace caisse {
// True when s is well-formed UTF-8 (no overlongs, no surrogates) with no control characters other
// than tab, CR and LF. Everything from outside passes through this before it reaches the ledger.
bool valid_utf8_text(std::string_view s);

// Number of code points of well-formed UTF-8 (what "characters" means in limits).
std::size_t code_points(std::string_view s);

enum class TextLines { single, multi };

// Checks a name or a business field before it is stored (issue 10, item 3). Throws InputError
// naming the field (field is an English msgid, translated with the message) and the problem:
//   - empty, or only spaces;
//   - not well-formed UTF-8;
//   - a control character (C0, DEL, C1; U+2028/U+2029), except '\n' in a multi-line field;
//   - a space at either end of a single-line value (it would make "Awa " and "Awa" two names);
//   - longer than max_chars code points;
//   - an invisible formatting character that changes how text reads without being seen:
//     bidi embeddings and overrides U+202A..U+202E, isolates U+2066..U+2069, and the marks
//     U+200E, U+200F, U+061C; zero-width space U+200B, word joiner U+2060, U+FEFF.
//     The marks are refused too: names on a French till never need them (the bidi algorithm lays
//     out Arabic or Hebrew names by itself), and invisible differences would let two names look
//     alike. Zero-width joiners U+200C/U+200D stay allowed: Persian and Indic scripts need them.
void check_display_text(std::string_view text, std::string_view field, std::size_t max_chars,
                        TextLines lines = TextLines::single);

// The key under which names are unique (users, entrepreneurs, categories): Unicode NFKC with case
// folding and default-ignorable characters removed (utf8proc), spaces collapsed to one and
// trimmed. "Awa", "AWA", "Ａｗａ" (fullwidth) and "Awa" written with combining marks share one key.
// Accents stay significant ("Léa" and "Lea" are two people). Throws InputError on invalid UTF-8.
std::string name_key(std::string_view text);

// True when the names' keys (name_key) are exactly one edit apart (one code point inserted, removed
// or replaced: Levenshtein distance 1): "Léa" and "Lea", "Awa" and "Awaa". Used to flag a new
// member whose name is probably a typo of an existing one (issue 11, item 1). Equal keys are not
// "one apart" (they are the same name). Throws InputError on invalid UTF-8.
bool names_one_edit_apart(std::string_view a, std::string_view b);
// Initials shown with a person's colour, so that colour is never the only cue (issue 12 item 7):
// the first letter of the first and of the last word, upper-cased ("Aminata Diop" -> "AD",
// "Leïla Haddad" -> "LH", "élodie" -> "É"); "" for a blank name. Letters are whole code points
// (NFC first, so a letter written with a combining accent stays one); invalid UTF-8 gives "?".
std::string initials(std::string_view name);
// The text with its first code point upper-cased ("un acompte de…" -> "Un acompte de…",
// "émise" -> "Émise"): a message composed from lower-case parts reads as a sentence on the screen's
// banner. Anything else is left as it is, invalid UTF-8 included.
std::string sentence_case(std::string_view text);
}  // namespace caisse
