// The genesis rule: the record that gives a terminal its key. Keys come from the chain itself, so
// nothing local (local_settings, the key file) decides which key signatures are checked against.
#include <algorithm>

#include <nlohmann/json.hpp>

#include "db/journal.hpp"
#include "db/records/record_verify.hpp"

namespace caisse::db {

using nlohmann::json;

namespace {
bool valid_terminal_name(const std::string& t) {
    if (t.empty() || t.size() > 32) return false;
    for (char c : t)
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) return false;
    return true;
}
}  // namespace

std::map<std::string, PublicKey> check_genesis(Database& db, const std::vector<std::string>& terminals, Problems& problems) {
    std::map<std::string, PublicKey> keys;
    auto g = db.prepare("SELECT kind, payload FROM journal WHERE terminal = ?1 AND seq = 1");
    auto row = db.prepare("SELECT public_key, seq FROM terminals WHERE terminal = ?1");
    for (const auto& terminal : terminals) {
        if (!valid_terminal_name(terminal))
            problems.add(terminal, 1, "terminal name is not 1 to 32 letters, digits, '-' or '_'");
        g.bind(1, terminal);
        const bool found = g.step();
        if (!found || g.text(0) != kind::genesis) {
            problems.add(terminal, 1, "genesis record is missing");
            g.reset();
            continue;
        }
        PublicKey pk{};
        try {
            const auto p = json::parse(g.text(1));
            const auto& hex = p.at("public_key");
            const bool lower = hex.is_string() && hex.get<std::string>().find_first_of("ABCDEF") == std::string::npos;
            if (!p.is_object() || p.size() != 4 || p.at("format") != 1 || !p.at("software").is_string() ||
                p.at("terminal") != terminal || !lower || !from_hex(hex.get<std::string>(), pk.data(), pk.size()))
                throw std::runtime_error("bad genesis");
            keys[terminal] = pk;
        } catch (const std::exception&) {
            problems.add(terminal, 1, "genesis payload is malformed (format 1, public_key, software, terminal)");
        }
        g.reset();
        row.bind(1, terminal);
        if (!row.step())
            problems.add(terminal, 1, "genesis record has no row in the terminals projection");
        else if (keys.count(terminal) && (row.type(0) != SQLITE_BLOB || row.blob(0) != std::string_view(reinterpret_cast<const char*>(pk.data()), pk.size()) ||
                                          row.type(1) != SQLITE_INTEGER || row.i64(1) != 1))
            problems.add(terminal, 1, "terminals projection differs from the genesis record (public_key, seq)");
        row.reset();
    }
    for (auto st = db.prepare("SELECT terminal FROM terminals ORDER BY terminal"); st.step();) {
        const std::string t = st.str(0);
        if (std::find(terminals.begin(), terminals.end(), t) == terminals.end())
            problems.add(t, 1, Message{"terminals projection names terminal {0}, which has no chain", {t}});
    }
    return keys;
}

}  // namespace caisse::db
