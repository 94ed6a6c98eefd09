// Users: roles, their order, names and PIN shape.
#include <gtest/gtest.h>

#include <string>

#include "app/core/user.hpp"
#include "app/core/money.hpp"  // InputError

namespace caisse {
namespace {

TEST(Role, NamesRoundTrip) {
    EXPECT_EQ(role_name(Role::Seller), "seller");
    EXPECT_EQ(role_name(Role::Manager), "manager");
    EXPECT_EQ(role_name(Role::Admin), "admin");
    for (Role r : {Role::Seller, Role::Manager, Role::Admin}) EXPECT_EQ(parse_role(role_name(r)), r);
}

TEST(Role, ParseRejectsUnknown) {
    for (const char* bad : {"", "Admin", "ADMIN", "root", "seller ", " seller", "vendeur", "admi"}) {
        EXPECT_EQ(parse_role(bad), std::nullopt) << '"' << bad << '"';
    }
}

TEST(Role, HigherRolesAllowLowerNeeds) {
    EXPECT_TRUE(role_allows(Role::Admin, Role::Admin));
    EXPECT_TRUE(role_allows(Role::Admin, Role::Manager));
    EXPECT_TRUE(role_allows(Role::Admin, Role::Seller));
    EXPECT_TRUE(role_allows(Role::Manager, Role::Manager));
    EXPECT_TRUE(role_allows(Role::Manager, Role::Seller));
    EXPECT_FALSE(role_allows(Role::Manager, Role::Admin));
    EXPECT_TRUE(role_allows(Role::Seller, Role::Seller));
    EXPECT_FALSE(role_allows(Role::Seller, Role::Manager));
    EXPECT_FALSE(role_allows(Role::Seller, Role::Admin));
}

TEST(CheckPin, FourToEightDigits) {
    for (const char* ok : {"0000", "1234", "12345", "1234567", "12345678", "00000000"}) {
        EXPECT_NO_THROW(check_pin(ok)) << ok;
    }
    for (const std::string& bad : {std::string(""), std::string("1"), std::string("123"), std::string("123456789"),
                                  std::string("12a4"), std::string("12 34"), std::string(" 1234"),
                                  std::string("1234 "), std::string("-1234"), std::string("12.4"), std::string("12:4"), std::string("12/4"),
                                  std::string("\xD9\xA1\xD9\xA2\xD9\xA3\xD9\xA4"),  // Arabic-Indic digits
                                  std::string("12\0" "4", 4)}) {
        EXPECT_THROW(check_pin(bad), InputError) << '"' << bad << '"';
    }
}

TEST(CheckUserName, Rules) {
    EXPECT_NO_THROW(check_user_name("Leïla"));
    EXPECT_NO_THROW(check_user_name("Awa Diop"));
    EXPECT_NO_THROW(check_user_name(std::string(64, 'a')));
    EXPECT_THROW(check_user_name(""), InputError);
    EXPECT_THROW(check_user_name(std::string(65, 'a')), InputError);
    EXPECT_THROW(check_user_name("Awa\nDiop"), InputError);
    EXPECT_THROW(check_user_name("Awa\tDiop"), InputError);
    EXPECT_THROW(check_user_name("Awa\rDiop"), InputError);
    EXPECT_THROW(check_user_name("Le\xEFla"), InputError);  // Latin-1, not UTF-8
    EXPECT_THROW(check_user_name(std::string("A\0B", 3)), InputError);
}

}  // namespace
}  // namespace caisse
