#include "app/services/i18n.hpp"

#include <cctype>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <sstream>

#include "app/services/assets.hpp"
#include "app/services/till.hpp"
#include "db/sqlite.hpp"

namespace caisse::i18n {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

// Reads one PO string literal ("..." with C escapes) that must fill the rest of the line.
std::optional<std::string> parse_literal(std::string_view s) {
    s = trim(s);
    if (s.size() < 2 || s.front() != '"') return std::nullopt;
    std::string out;
    std::size_t i = 1;
    for (; i < s.size() && s[i] != '"'; ++i) {
        if (s[i] != '\\') {
            out += s[i];
            continue;
        }
        if (++i == s.size()) return std::nullopt;
        switch (const char c = s[i]) {
            case 'n': out += '\n'; break;
            case 't': out += '\t'; break;
            case 'r': out += '\r'; break;
            case 'a': out += '\a'; break;
            case 'b': out += '\b'; break;
            case 'f': out += '\f'; break;
            case 'v': out += '\v'; break;
            default:
                if (c >= '0' && c <= '7') {  // octal, up to 3 digits
                    int v = 0;
                    for (int n = 0; n < 3 && i < s.size() && s[i] >= '0' && s[i] <= '7'; ++n, ++i) v = v * 8 + (s[i] - '0');
                    --i;
                    out += static_cast<char>(v);
                } else {
                    out += c;  // \" \\ \' \? and anything unknown: the character itself
                }
        }
    }
    if (i >= s.size() || !trim(s.substr(i + 1)).empty()) return std::nullopt;  // unterminated, or text after it
    return out;
}

bool starts_with_word(std::string_view line, std::string_view word) {
    return line.substr(0, word.size()) == word && line.size() > word.size() &&
           (line[word.size()] == ' ' || line[word.size()] == '\t' || line[word.size()] == '"');
}

}  // namespace

Catalog Catalog::parse(std::string_view text) {
    Catalog cat;
    if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);

    enum class Field { None, Context, Id, Plural, Str, OtherStr };
    struct Entry {
        std::optional<std::string> context, id, str;
        bool fuzzy = false;
    } e;
    Field field = Field::None;
    auto flush = [&] {
        if (e.id) {
            if (e.id->empty() && !e.context) {
                if (e.str) cat.header_ = *e.str;
            } else if (e.str && !e.str->empty() && !e.fuzzy) {
                std::string key = e.context ? *e.context + '\x04' + *e.id : *e.id;
                cat.entries_.insert_or_assign(std::move(key), *e.str);
            }
        }
        e = Entry{};
        field = Field::None;
    };
    auto target = [&]() -> std::string* {
        switch (field) {
            case Field::Context: return &*e.context;
            case Field::Id: return &*e.id;
            case Field::Str: return &*e.str;
            default: return nullptr;
        }
    };

    std::size_t pos = 0;
    while (pos <= text.size()) {
        std::size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view line = trim(text.substr(pos, end - pos));
        pos = end + 1;

        if (line.empty()) {  // a blank line ends an entry
            flush();
            continue;
        }
        if (line.front() == '#') {
            if (e.str) flush();  // comments belong to the next entry
            if (line.substr(0, 2) == "#," && line.find("fuzzy") != std::string_view::npos) e.fuzzy = true;
            continue;  // #~ (obsolete), #: #. #| and translator comments
        }
        if (line.front() == '"') {
            auto lit = parse_literal(line);
            if (!lit) {
                ++cat.skipped_lines_;
            } else if (std::string* t = target()) {
                *t += *lit;
            } else if (field != Field::Plural && field != Field::OtherStr) {
                ++cat.skipped_lines_;  // a continuation with nothing to continue
            }
            continue;
        }
        std::string_view rest;
        Field next = Field::None;
        if (starts_with_word(line, "msgctxt")) next = Field::Context, rest = line.substr(7);
        else if (starts_with_word(line, "msgid")) next = Field::Id, rest = line.substr(5);
        else if (starts_with_word(line, "msgid_plural")) next = Field::Plural, rest = line.substr(12);
        else if (starts_with_word(line, "msgstr")) next = Field::Str, rest = line.substr(6);
        else if (line.substr(0, 7) == "msgstr[") {
            const auto close = line.find(']');
            if (close == std::string_view::npos) { ++cat.skipped_lines_; continue; }
            next = trim(line.substr(7, close - 7)) == "0" ? Field::Str : Field::OtherStr;  // singular form only
            rest = line.substr(close + 1);
        }
        auto lit = next == Field::None ? std::nullopt : parse_literal(rest);
        if (!lit) {
            ++cat.skipped_lines_;
            field = Field::None;
            continue;
        }
        // A new entry without a blank line before it (msgctxt comes before its msgid).
        if ((next == Field::Context && (e.context || e.id || e.str)) || (next == Field::Id && (e.id || e.str))) flush();
        field = next;
        switch (next) {
            case Field::Context: e.context = *lit; break;
            case Field::Id: e.id = *lit; break;
            case Field::Str: e.str = *lit; break;
            default: break;  // msgid_plural and msgstr[1..]: not used
        }
    }
    flush();
    return cat;
}

Catalog Catalog::load(const std::string& path) {
    try {
        std::ifstream in(path, std::ios::binary);
        if (!in) return {};
        std::stringstream ss;
        ss << in.rdbuf();
        if (in.bad()) return {};
        Catalog cat = parse(ss.str());
        cat.loaded_ = true;
        return cat;
    } catch (...) {  // a translation problem must never stop the till
        return {};
    }
}

const std::string* Catalog::find(std::string_view msgid) const {
    auto it = entries_.find(msgid);
    return it == entries_.end() ? nullptr : &it->second;
}

Translator Translator::load(std::string_view language, const std::string& dir) {
    auto lang = normalize_language(language);
    if (!lang) return {};
    std::vector<std::string> candidates{*lang};
    if (auto cut = lang->find('_'); cut != std::string::npos) candidates.push_back(lang->substr(0, cut));
    for (const auto& name : candidates) {
        Catalog cat = Catalog::load(dir + "/" + name + ".po");
        if (cat.loaded()) return Translator(name, std::move(cat));
    }
    return {};  // English: the msgids
}

Translator Translator::load(std::string_view language) {
    try {
        return load(language, assets_dir() + "/i18n");
    } catch (...) {
        return {};
    }
}

std::string Translator::translate(std::string_view msgid, const std::vector<std::string>& args) const {
    const std::string* t = catalog_.find(msgid);
    return substitute(t ? std::string_view(*t) : msgid, args);
}

std::string Translator::translate(const Message& message) const {
    std::vector<std::string> values;
    values.reserve(message.args.size());
    for (const auto& a : message.args) values.push_back(a.nested ? translate(*a.nested) : a.text);
    return translate(message.msgid, values);
}

std::optional<std::string> normalize_language(std::string_view tag) {
    tag = tag.substr(0, tag.find_first_of(".@"));  // codeset and modifier
    std::string out;
    std::size_t i = 0;
    for (; i < tag.size() && std::isalpha(static_cast<unsigned char>(tag[i])); ++i)
        out += static_cast<char>(std::tolower(static_cast<unsigned char>(tag[i])));
    if (out.size() < 2 || out.size() > 3) return std::nullopt;  // also "C" and "POSIX"
    if (i == tag.size()) return out;
    if (tag[i] != '_' && tag[i] != '-') return std::nullopt;
    std::string region;
    for (++i; i < tag.size() && std::isalnum(static_cast<unsigned char>(tag[i])); ++i)
        region += static_cast<char>(std::toupper(static_cast<unsigned char>(tag[i])));
    if (i != tag.size() || region.empty() || region.size() > 8) return std::nullopt;
    return out + "_" + region;
}

std::string choose_language(std::optional<std::string_view> option, const Getenv& getenv) {
    if (option)
        if (auto l = normalize_language(*option)) return *l;
    auto env = [&](const char* name) -> std::optional<std::string_view> {
        const char* v = getenv(name);
        if (!v || !*v) return std::nullopt;
        return std::string_view(v);
    };
    if (auto v = env("CAISSE_LANG"))
        if (auto l = normalize_language(*v)) return *l;
    for (const char* name : {"LC_ALL", "LC_MESSAGES", "LANG"}) {
        if (auto v = env(name)) return v->substr(0, 2) == "en" ? "en" : "fr";
    }
    return "fr";
}

std::string choose_language(std::optional<std::string_view> option) {
    return choose_language(option, [](const char* name) { return std::getenv(name); });
}

namespace {
std::mutex g_mutex;
std::shared_ptr<const Translator>& g_current() {
    static auto t = std::make_shared<const Translator>();
    return t;
}
}  // namespace

void set_translator(Translator translator) {
    auto t = std::make_shared<const Translator>(std::move(translator));
    std::lock_guard lock(g_mutex);
    g_current() = std::move(t);
}

void set_language(std::string_view language) { set_translator(Translator::load(language)); }

std::shared_ptr<const Translator> current() {
    std::lock_guard lock(g_mutex);
    return g_current();
}

std::string tr(const Message& message) { return current()->translate(message); }

std::optional<Message> user_message(const std::exception& e) {
    if (const auto* input = dynamic_cast<const InputError*>(&e)) return input->message();
    if (const auto* storage = dynamic_cast<const db::StorageError*>(&e)) return storage->message();
    return std::nullopt;
}

}  // namespace caisse::i18n
