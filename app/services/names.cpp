#include "app/services/names.hpp"

#include "app/core/money.hpp"  // InputError
#include "app/core/text.hpp"

namespace caisse {

std::optional<std::int64_t> NameIndex::find(std::string_view name) const {
    const auto it = ids_.find(name_key(name));
    if (it == ids_.end()) return std::nullopt;
    return it->second;
}

void NameIndex::add(std::string_view name, std::int64_t id) { ids_.emplace(name_key(name), id); }

void check_new_user_name(const std::vector<User>& existing, std::string_view name) {
    const std::string key = name_key(name);
    for (const auto& u : existing)
        if (name_key(u.name) == key) throw InputError("user \"{0}\" already exists (as \"{1}\")", name, u.name);
}

}  // namespace caisse
