#pragma once
// Translations, for the CLI now and the touch screen later. A message is an English template with
// positional placeholders {0}, {1}... (app/core/message.hpp). assets/i18n/<lang>.po (GNU gettext PO,
// UTF-8) maps each template (msgid) to its translation (msgstr); the values are substituted after
// translating, so a translation may reorder them. English needs no file: it is the msgid. A missing
// file, an unknown msgid or an empty msgstr gives the English text; nothing here throws on bad input.
#include <cstdint>
#include <cstddef>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/core/message.hpp"

namespace caisse::i18n {

// The translated entries of one PO file. Entries with an empty msgstr, fuzzy entries (as msgfmt does)
// and obsolete ones (#~) are left out. msgctxt entries are kept under "context\x04msgid", as gettext does.
class Catalog {
public:
    static Catalog parse(std::string_view po_text);  // lenient: a line it cannot read is skipped and counted
    static Catalog load(const std::string& path);    // empty when the file is missing or unreadable

    const std::string* find(std::string_view msgid) const;  // nullptr: untranslated
    std::size_t size() const { return entries_.size(); }
    const std::map<std::string, std::string, std::less<>>& entries() const { return entries_; }
    const std::string& header() const { return header_; }  // msgstr of msgid "": Content-Type, Language...
    int skipped_lines() const { return skipped_lines_; }
    bool loaded() const { return loaded_; }  // load() found and read the file

private:
    std::map<std::string, std::string, std::less<>> entries_;
    std::string header_;
    int skipped_lines_ = 0;
    bool loaded_ = false;
};

// The msgid of a count: `one` when n is 1, `many` otherwise ("1 ticket", "3 tickets"). The PO files
// carry no plural forms: French, whose singular also covers 0, reads "0 tickets" from `many`.
constexpr const char* count_msgid(std::int64_t n, const char* one, const char* many) { return n == 1 ? one : many; }

class Translator {
public:
    Translator() = default;  // English
    Translator(std::string language, Catalog catalog) : language_(std::move(language)), catalog_(std::move(catalog)) {}
    // dir/<lang>.po, else dir/<language part>.po ("fr_BE" -> "fr.po"); English when there is none.
    static Translator load(std::string_view language, const std::string& dir);
    static Translator load(std::string_view language);  // from assets_dir()/i18n

    const std::string& language() const { return language_; }  // what is actually spoken: "en" when no file
    const Catalog& catalog() const { return catalog_; }
    bool has(std::string_view msgid) const { return catalog_.find(msgid) != nullptr; }

    std::string translate(std::string_view msgid, const std::vector<std::string>& args = {}) const;
    std::string translate(const Message& message) const;  // values that are messages are translated too

private:
    std::string language_ = "en";
    Catalog catalog_;
};

// The message a person should read for an error a service threw: an InputError's or a StorageError's
// own (translatable) message; nullopt for any other exception (unexpected: show its what()).
std::optional<Message> user_message(const std::exception& e);

// "fr_FR.UTF-8@euro" -> "fr_FR", "EN" -> "en"; nullopt when it is not a language tag (letters, then
// optionally '_' or '-' and letters or digits).
std::optional<std::string> normalize_language(std::string_view tag);

// The language of the user, French first:
//   1. option (the CLI's --lang), when given;
//   2. else $CAISSE_LANG, when set;
//   3. else the locale, the first set of $LC_ALL, $LC_MESSAGES, $LANG: English when it starts with "en";
//   4. otherwise French.
// A value that is not a language tag is ignored (next rule applies).
using Getenv = std::function<const char*(const char*)>;
std::string choose_language(std::optional<std::string_view> option, const Getenv& getenv);
std::string choose_language(std::optional<std::string_view> option = std::nullopt);  // from the environment

// The translator of this process (the CLI sets it once at start; the touch screen will hold one
// Translator per user instead). English until set_language is called.
void set_language(std::string_view language);
void set_translator(Translator translator);
std::shared_ptr<const Translator> current();

std::string tr(const Message& message);
inline std::string tr(std::string_view msgid) { return tr(Message{std::string(msgid), {}}); }
template <class... A>
    requires(sizeof...(A) > 0)
std::string tr(std::string_view msgid, A&&... args) {
    return tr(Message{std::string(msgid), {MessageArg(std::forward<A>(args))...}});
}

}  // namespace caisse::i18n
