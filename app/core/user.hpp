#pragma once
// Users and roles. A role grants everything the roles below it may do.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace caisse {

enum class Role { Seller = 0, Manager = 1, Admin = 2 };

std::string_view role_name(Role r);  // "seller", "manager", "admin"
std::optional<Role> parse_role(std::string_view name);
inline bool role_allows(Role held, Role needed) { return static_cast<int>(held) >= static_cast<int>(needed); }

struct User {
    std::int64_t id = 0;
    std::string name;
    Role role = Role::Seller;
};

// Throws InputError: check_display_text with kMaxPersonNameChars (empty, too long, control or
// invisible characters, spaces at the ends).
void check_user_name(std::string_view name);
void check_pin(std::string_view pin);         // throws InputError: 4 to 8 digits

}  // namespace caisse
