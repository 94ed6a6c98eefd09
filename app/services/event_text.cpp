#include "app/services/event_text.hpp"

#include <regex>

#include "app/core/money.hpp"
#include "app/core/vat.hpp"

namespace caisse {

namespace {

// One shape of a recorded detail: the template it is translated by, the pattern that reads it
// (one group per placeholder, in placeholder order), and which groups are amounts or words.
struct Shape {
    const char* templ;
    const char* pattern;
    const char* groups = "";  // per group: 'a' amount ("152.40"), 'v' VAT in basis points ("550"), 'w' a word to translate, '.' as is
};

// What the till writes (db/records/event_log.cpp for the record kinds, app/services for events).
const Shape kShapes[] = {
    {"ledger created, terminal {0}", R"(ledger created, terminal (.+))"},
    {"entrepreneur {0} {1}", R"(entrepreneur (\d+) (.*))"},
    {"category {0} {1}", R"(category (\d+) (.*))"},
    {"{0} {1} {2}, VAT {3}", R"((\S+) (.*) (-?\d+\.\d\d) VAT (\d+))", "..av"},
    {"{0} {1} {2}, VAT {3}, inactive", R"((\S+) (.*) (-?\d+\.\d\d) VAT (\d+) inactive)", "..av"},
    {"user {0} ({1})", R"(user (.+) \((seller|manager|admin)\))", ".w"},
    {"session {0}, float {1}", R"(session (\d+), float (-?\d+\.\d\d))", ".a"},
    {"Z {0}, session {1}, total {2}, over/short {3}", R"(Z (\d+), session (\d+), total (-?\d+\.\d\d), over/short (-?\d+\.\d\d))", "..aa"},
    {"{0}, Z {1} to {2}, total {3}", R"((\d{4}(?:-\d\d)?), Z (\d+) to (\d+), total (-?\d+\.\d\d))", "...a"},
    {"ticket {0}, duplicate {1}", R"(ticket (\d+), duplicate (\d+))"},
    {"ticket {0}", R"(ticket (\d+))"},
    {"training ticket {0}", R"(training ticket (\d+))"},
    {"float {0}", R"(float (.+))"},
    {"{0} rows", R"((\d+) rows)"},
    {"{0} products", R"((\d+) products)"},
    {"needs the {0} role", R"(needs the (seller|manager|admin) role)", "w"},
    {"role {0} above the actor's", R"(role (seller|manager|admin) above the actor's)", "w"},
    {"empty PIN", R"(empty PIN)"},
    {"wrong PIN", R"(wrong PIN)"},
    {"locked for {0} s", R"(locked for (\d+) s)"},
    {"not a manager", R"(not a manager)"},
    {"user locked", R"(user locked)"},
    {"screen", R"(screen)"},
    {"window", R"(window)"},
    {"ticket {0}: not their own ticket within 2 minutes", R"(ticket (\d+): not their own ticket within 2 minutes)"},
    {"period {0}, records {1} to {2}, SHA-256 {3}, file {4}", R"(period (\S+), records (\d+)-(\d+), sha256 ([0-9a-f]+), file (.+))"},
    {"folder {0}, records {1}, {2} up to record {3}", R"(folder (\S+), records (\d+), (\S+) up to (\d+))"},
    {"folder {0}, records {1}", R"(folder (\S+), records (\d+))"},
    {"failed: {0}", R"(failed: (.+))", "w"},
    {"from {0}", R"(from (\S+))"},
    {"from {0}, records lost: {1}", R"(from (\S+), records lost: (.+))"},
    {"terminal {0}, records {1} to {2} ({3} new), SHA-256 {4}, file {5}",
     R"(terminal (\S+), records (\d+)-(\d+) \((\d+) new\), sha256 ([0-9a-f]+), file (.+))"},
    {"records {0} to {1}, SHA-256 {2}, file {3}", R"(records (\d+)-(\d+), sha256 ([0-9a-f]+), file (.+))"},
    {"{0} CSV", R"((tickets|lines|catalogue) CSV)", "w"},
    {"FEC {0} to {1}", R"(FEC (\d{4}-\d\d-\d\d)\.\.(\d{4}-\d\d-\d\d))"},
    {"member {0} {1}, no CAPE dates", R"(member ([0-9a-f]{16}) (.*) CAPE \.\.)"},
    {"member {0} {1}, CAPE {2} to {3}", R"(member ([0-9a-f]{16}) (.*) CAPE (\S*)\.\.(\S*))"},
    {"record {0} ({1}) at {2} is earlier than the previous record's {3}",
     R"(seq (\d+) \((\S+)\) at (\S+) is earlier than the previous record's (\S+))"},
};

struct Compiled {
    const Shape* shape;
    std::regex re;
};

const std::vector<Compiled>& compiled() {
    static const std::vector<Compiled> all = [] {
        std::vector<Compiled> v;
        for (const Shape& s : kShapes) v.push_back({&s, std::regex(s.pattern)});
        return v;
    }();
    return all;
}

// "152.40" -> the money it is, written as every amount is ("152,40 €").
std::string amount_text(const std::string& s) {
    try {
        return Money::parse(s).format();
    } catch (const InputError&) {
        return s;
    }
}

// "550" (basis points, as recorded) -> "5,5 %", as every rate is written.
std::string vat_text(const std::string& s) {
    try {
        return VatRate{std::stoi(s)}.percent();
    } catch (const std::exception&) {
        return s;
    }
}

}  // namespace

Message event_detail_message(const db::LogEntry& e) {
    if (e.detail.empty()) return Message{"", {}};
    std::smatch m;
    for (const Compiled& c : compiled()) {
        if (!std::regex_match(e.detail, m, c.re)) continue;
        Message out{c.shape->templ, {}};
        const std::string_view groups = c.shape->groups;
        for (std::size_t g = 1; g < m.size(); ++g) {
            const char how = g - 1 < groups.size() ? groups[g - 1] : '.';
            const std::string value = m[g].str();
            if (how == 'a') out.args.emplace_back(amount_text(value));
            else if (how == 'v') out.args.emplace_back(vat_text(value));
            else if (how == 'w') out.args.emplace_back(Message{value, {}});
            else out.args.emplace_back(value);
        }
        return out;
    }
    // Not a shape the till writes: kept as recorded, not taken for a template ({0} in a name stays).
    return Message{"{0}", {e.detail}};
}

std::vector<std::string> event_detail_templates() {
    std::vector<std::string> out;
    for (const Shape& s : kShapes) out.emplace_back(s.templ);
    return out;
}

}  // namespace caisse
