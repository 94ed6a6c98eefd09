#include "app/core/user.hpp"

#include "app/core/limits.hpp"
#include "app/core/money.hpp"
#include "app/core/text.hpp"

namespace caisse {

namespace {
constexpr std::string_view kRoles[] = {"seller", "manager", "admin"};
}

std::string_view role_name(Role r) { return kRoles[static_cast<int>(r)]; }

std::optional<Role> parse_role(std::string_view name) {
    for (int i = 0; i < 3; ++i)
        if (kRoles[i] == name) return static_cast<Role>(i);
    return std::nullopt;
}

void check_user_name(std::string_view name) {
    check_display_text(name, "the user name", kMaxPersonNameChars);
}

void check_pin(std::string_view pin) {
    if (pin.size() < 4 || pin.size() > 8) throw InputError("a PIN has 4 to 8 digits");
    for (char c : pin)
        if (c < '0' || c > '9') throw InputError("a PIN has digits only");
}

}  // namespace caisse
