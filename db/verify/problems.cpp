#include "db/verify/problems.hpp"

#include <algorithm>
#include <set>
#include <tuple>

#include <nlohmann/json.hpp>

namespace caisse::db {

using nlohmann::json;

namespace {
// Enough to find the first broken record even when a whole range is damaged; sorted afterwards.
constexpr std::size_t kMaxProblems = 100000;

std::string first_difference(const json& a, const json& b, const std::string& path = "") {
    const std::string here = path.empty() ? "(root)" : path;
    auto join = [&](const std::string& k) { return path.empty() ? k : path + "." + k; };
    if (a.type() == b.type() && a.is_object()) {
        std::set<std::string> keys;
        for (auto& [k, v] : a.items()) keys.insert(k);
        for (auto& [k, v] : b.items()) keys.insert(k);
        for (const auto& k : keys) {
            if (!a.contains(k)) return join(k) + " (only in the journal)";
            if (!b.contains(k)) return join(k) + " (only in the projection)";
            if (a[k] != b[k]) return first_difference(a[k], b[k], join(k));
        }
    } else if (a.type() == b.type() && a.is_array() && a.size() == b.size()) {
        for (std::size_t i = 0; i < a.size(); ++i)
            if (a[i] != b[i]) return first_difference(a[i], b[i], path + "[" + std::to_string(i) + "]");
    } else if (a.is_array() && b.is_array()) {
        return here + " (projection has " + std::to_string(a.size()) + " rows, journal " + std::to_string(b.size()) + ")";
    }
    // Replace, never throw: the values come from the file and may hold any bytes.
    return here + " (projection " + a.dump(-1, ' ', false, json::error_handler_t::replace) + ", journal " +
           b.dump(-1, ' ', false, json::error_handler_t::replace) + ")";
}
}  // namespace

void Problems::add(const std::string& terminal, std::int64_t seq, Message reason, int rank) {
    std::lock_guard lock(mu_);
    if (list_.size() < kMaxProblems) {
        std::string english = reason.english();
        list_.push_back({{terminal, seq, std::move(english), std::move(reason)}, rank});
    }
}

std::vector<VerifyProblem> Problems::sorted() {
    std::lock_guard lock(mu_);
    std::stable_sort(list_.begin(), list_.end(), [](const Ranked& a, const Ranked& b) {
        return std::make_tuple(a.p.seq == 0, a.p.terminal, a.p.seq, a.rank) <
               std::make_tuple(b.p.seq == 0, b.p.terminal, b.p.seq, b.rank);
    });
    std::vector<VerifyProblem> out;
    for (auto& r : list_) out.push_back(r.p);
    return out;
}

Message describe_mismatch(const std::string& projection, const std::string& journal, const std::string& table) {
    try {
        return Message{"projection ({0}) differs from the journal payload at {1}",
                       {table, first_difference(json::parse(projection), json::parse(journal))}};
    } catch (const std::exception&) {
        return Message{"projection ({0}) differs from the journal payload (payload is not valid JSON)", {table}};
    }
}

Hash to_hash(std::string_view b) {
    Hash h{};
    if (b.size() == 32) std::copy(b.begin(), b.end(), h.begin());
    return h;
}

}  // namespace caisse::db
