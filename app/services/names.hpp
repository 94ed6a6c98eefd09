#pragma once
// Names that must be unique after Unicode normalisation and case folding (issue 10, item 3): users,
// entrepreneurs, categories. "Awa", "AWA", "Ａｗａ" and "Awa" with combining marks are one name
// (name_key, app/core/text.hpp). The ledger keeps the name as first written; these checks decide
// whether a new name is new.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/core/user.hpp"

namespace caisse {

// name_key -> id of the entry that holds it.
class NameIndex {
public:
    NameIndex() = default;
    template <class T>  // anything with .name and .id: Entrepreneur, Category, User
    explicit NameIndex(const std::vector<T>& items) {
        for (const auto& item : items) add(item.name, item.id);
    }
    std::optional<std::int64_t> find(std::string_view name) const;  // throws InputError on invalid UTF-8
    void add(std::string_view name, std::int64_t id);

private:
    std::map<std::string, std::int64_t, std::less<>> ids_;
};

// Throws InputError when a user in `existing` has the same name_key as name (the message names
// the existing user, so "AWA" is told that "Awa" exists).
void check_new_user_name(const std::vector<User>& existing, std::string_view name);

}  // namespace caisse
