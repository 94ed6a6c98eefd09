#include "db/verify/text_keys.hpp"

namespace caisse::db {

std::vector<std::string> distinct_terminals(Database& db, const std::string& table) {
    // SQLite orders NULL < numbers < text < blobs, so "terminal < x''" keeps the probe on text.
    auto first = db.prepare("SELECT terminal FROM " + table + " WHERE terminal >= '' AND terminal < x'' ORDER BY terminal LIMIT 1");
    auto next = db.prepare("SELECT terminal FROM " + table + " WHERE terminal > ?1 AND terminal < x'' ORDER BY terminal LIMIT 1");
    std::vector<std::string> out;
    if (!first.step()) return out;
    out.push_back(first.str(0));
    for (;;) {
        next.bind(1, out.back());
        if (!next.step()) break;
        out.push_back(next.str(0));
        next.reset();
    }
    return out;
}

}  // namespace caisse::db
