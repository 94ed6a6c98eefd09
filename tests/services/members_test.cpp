// Issue 11, item 1: members are people. Two tills' "Leïla" (NFC / NFD, case, double space) are one
// member with one id; a catalogue row naming a new member creates it and says so; a name one
// letter away from a member's is refused unless confirmed; the roster file carries members and
// their CAPE dates from one till to another; verify checks the new records.
#include <gtest/gtest.h>

#include "app/services/members.hpp"
#include "db/records/member.hpp"
#include "db/verify.hpp"
#include "tests/db/test_support.hpp"

namespace caisse {
namespace {

using testing::raw_scalar;

const std::string kNfc = "Le\xC3\xAFla Haddad";   // ï precomposed (Linux)
const std::string kNfd = "Lei\xCC\x88la Haddad";  // i + combining diaeresis (a Mac)

std::string catalogue(const std::string& sku, const std::string& who) {
    return "sku;name;price;vat;entrepreneur;category\n" + sku + ";Plat;9,50;10;" + who + ";Plats\n";
}

std::unique_ptr<Till> plain_till(const std::string& path, const std::string& terminal) {
    auto till = Till::init(path, terminal, false, testing::stepping_clock());
    till->add_user(std::nullopt, "Awa", "admin", "1234");
    return till;
}

std::string member_of_name(Till& till, const std::string& name) {
    for (const auto& e : till.entrepreneurs())
        if (e.name == name) return member_of(member_map(till.ledger().db()), till.ledger().terminal(), e.id);
    return "";
}

class Members : public ::testing::Test {
protected:
    testing::TempDir dir;
    std::int64_t records(const std::string& path) { return raw_scalar(path, "SELECT COUNT(*) FROM journal"); }
};

TEST_F(Members, UnicodeFormsCaseAndSpacesAreOnePersonOnOneTill) {
    const auto path = dir.file("a.db");
    auto till = plain_till(path, "T1");
    const auto awa = till->sign_in("Awa", "1234");
    auto s = till->import_catalogue(awa, "sku;name;price;vat;entrepreneur;category\n"
                                         "A;Plat;9,50;10;" + kNfc + ";Plats\n"
                                         "B;Plat;9,50;10;" + kNfd + ";Plats\n"
                                         "C;Plat;9,50;10;LEÏLA  HADDAD;Plats\n");
    EXPECT_EQ(s.entrepreneurs_created, 1);
    ASSERT_EQ(s.members_created, std::vector<std::string>{kNfc});
    ASSERT_EQ(till->entrepreneurs().size(), 1u);
    const auto all = members(till->ledger().db());
    ASSERT_EQ(all.size(), 1u);
    EXPECT_TRUE(all[0].recorded);
    EXPECT_EQ(all[0].id, member_id_for_name(kNfd));
    EXPECT_EQ(all[0].id.size(), 16u);
    EXPECT_TRUE(db::verify_ledger(path).ok);
}

TEST_F(Members, TwoTillsTypingLeilaDifferentlyRollUpToOneMember) {
    const auto a = dir.file("a.db"), b = dir.file("b.db");
    auto t1 = plain_till(a, "T1");
    auto t2 = plain_till(b, "T2");
    // Different order on each till, so the entrepreneur ids differ too.
    t1->import_catalogue(t1->sign_in("Awa", "1234"), catalogue("A", kNfc));
    t2->import_catalogue(t2->sign_in("Awa", "1234"), catalogue("Z", "Rosa Quispe") + "B;Plat;9,50;10;" + kNfd + "  ;Plats\n");
    const std::string m1 = member_of_name(*t1, kNfc), m2 = member_of_name(*t2, kNfd);
    ASSERT_FALSE(m1.empty());
    EXPECT_EQ(m1, m2);
    EXPECT_NE(member_of_name(*t2, "Rosa Quispe"), m2);
    // Before any roster, the demo's older ledgers (entrepreneurs without member records) agree too.
    auto d1 = testing::demo_till(dir.file("d1.db"));
    EXPECT_EQ(member_of_name(*d1, kNfc), m1);
}

TEST_F(Members, RosterFileCarriesMembersAndDatesToAnotherTill) {
    const auto a = dir.file("a.db"), b = dir.file("b.db");
    auto coord = plain_till(a, "T1");
    const auto added = add_member(*coord, coord->sign_in("Awa", "1234"), NewMember{kNfc, "#123456", "2026-01-05", "2026-06-30"}, false);
    add_member(*coord, coord->sign_in("Awa", "1234"), NewMember{"Aminata Diop", "", "2026-01-05", "2026-06-30"}, false);
    const std::string file = export_roster(coord->ledger().db());

    auto stall = plain_till(b, "T2");
    stall->import_catalogue(stall->sign_in("Awa", "1234"), catalogue("B", "lei\xCC\x88la   haddad"));  // before the roster
    const auto before = records(b);
    auto s = import_roster(*stall, stall->sign_in("Awa", "1234"), file, false);
    EXPECT_EQ(s.added, 1);      // Aminata
    EXPECT_EQ(s.updated, 1);    // Leïla: the same id (same name key), the roster's spelling, colour and dates
    EXPECT_EQ(s.linked, 0);     // the stall's entrepreneur was linked to its member when created
    EXPECT_EQ(records(b), before + 2);  // two member.set records (an admin needs no override event)
    const auto all = members(stall->ledger().db());
    ASSERT_EQ(all.size(), 2u);
    const auto& leila = all[1].name == kNfc ? all[1] : all[0];
    EXPECT_EQ(leila.id, added.id);
    EXPECT_EQ(leila.colour, "#123456");
    EXPECT_EQ(leila.cape_start, "2026-01-05");
    EXPECT_EQ(leila.cape_end, "2026-06-30");
    EXPECT_EQ(member_of_name(*stall, "lei\xCC\x88la   haddad"), added.id);
    // Importing twice changes nothing.
    s = import_roster(*stall, stall->sign_in("Awa", "1234"), file, false);
    EXPECT_EQ(s.unchanged, 2);
    EXPECT_EQ(records(b), before + 2);
    EXPECT_TRUE(db::verify_ledger(a).ok);
    const auto r = db::verify_ledger(b);
    EXPECT_TRUE(r.ok) << (r.problems.empty() ? "" : r.problems.front().reason);
}

TEST_F(Members, ANameOneLetterAwayIsRefusedUnlessConfirmed) {
    const auto path = dir.file("a.db");
    auto till = plain_till(path, "T1");
    const auto awa = till->sign_in("Awa", "1234");
    till->import_catalogue(awa, catalogue("A", "Léa Martin"));
    const auto before = records(path);
    try {
        till->import_catalogue(awa, catalogue("A", "Léa Martin") + "B;Plat;3,00;10;Lea Martin;Plats\n");
        ADD_FAILURE() << "a lookalike was created";
    } catch (const InputError& e) {
        EXPECT_NE(std::string(e.what()).find("one letter away from the member \"Léa Martin\""), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("line 3"), std::string::npos) << e.what();
    }
    EXPECT_EQ(records(path), before);
    EXPECT_THROW(add_member(*till, awa, NewMember{"Léa Martiin", "", "", ""}, false), InputError);
    EXPECT_THROW(add_member(*till, awa, NewMember{"LÉA MARTIN", "", "", ""}, true), InputError);  // the same person: never
    EXPECT_EQ(records(path), before);
    // Confirmed: another person.
    auto s = till->import_catalogue(awa, catalogue("B", "Lea Martin"), true);
    EXPECT_EQ(s.members_created, std::vector<std::string>{"Lea Martin"});
    EXPECT_EQ(members(till->ledger().db()).size(), 2u);
}

TEST_F(Members, ARowNamingAKnownMemberCreatesNoMember) {
    const auto path = dir.file("a.db");
    auto till = plain_till(path, "T1");
    const auto awa = till->sign_in("Awa", "1234");
    add_member(*till, awa, NewMember{"Rosa Quispe", "#b9770e", "", ""}, false);
    auto s = till->import_catalogue(awa, catalogue("R", "ROSA QUISPE"));
    EXPECT_EQ(s.entrepreneurs_created, 1);
    EXPECT_TRUE(s.members_created.empty());
    ASSERT_EQ(till->entrepreneurs().size(), 1u);
    EXPECT_EQ(till->entrepreneurs()[0].name, "Rosa Quispe");  // the roster's spelling and colour
    EXPECT_EQ(till->entrepreneurs()[0].colour, "#b9770e");
}

// The demo's entrepreneurs are not in the roster yet ("not yet in the roster"): adding one with its
// CAPE dates records it under the id it already has; a second time it is a member already.
TEST_F(Members, AnEntrepreneurNotYetInTheRosterJoinsItWithItsDates) {
    auto till = testing::demo_till(dir.file("d.db"));
    const auto awa = testing::as(*till, "Awa");
    std::optional<Member> before;
    for (const auto& m : members(till->ledger().db()))
        if (m.name == "Aminata Diop") before = m;
    ASSERT_TRUE(before);
    ASSERT_FALSE(before->recorded);
    const Member m = add_member(*till, awa, NewMember{"Aminata Diop", "", "2026-07-01", "2026-12-31"}, false);
    EXPECT_EQ(m.id, before->id);
    EXPECT_EQ(m.colour, before->colour);
    int named = 0;
    for (const auto& now : members(till->ledger().db()))
        if (now.id == before->id) {
            ++named;
            EXPECT_TRUE(now.recorded);
            EXPECT_EQ(now.cape_start, "2026-07-01");
            EXPECT_EQ(now.cape_end, "2026-12-31");
        }
    EXPECT_EQ(named, 1);
    EXPECT_THROW(add_member(*till, awa, NewMember{"AMINATA  DIOP", "", "", ""}, false), InputError);
    EXPECT_TRUE(db::verify_ledger(dir.file("d.db")).ok);
}

TEST_F(Members, BadRosterFilesAndRolesAreRefusedAndNothingIsRecorded) {
    const auto path = dir.file("a.db");
    auto till = testing::demo_till(path);
    const auto karim = testing::as(*till, "Karim");
    add_member(*till, karim, NewMember{"Ana Lopes", "", "", ""}, false);
    const auto before = records(path);
    auto refused = [&](const std::string& text, const std::string& words) {
        try {
            import_roster(*till, karim, text, false);
            ADD_FAILURE() << "accepted: " << text;
        } catch (const InputError& e) {
            EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
        }
        EXPECT_EQ(records(path), before);
    };
    auto roster = [](const std::string& members) { return R"({"format":"caisse-roster","version":1,"members":[)" + members + "]}"; };
    auto m = [](const std::string& id, const std::string& name, const std::string& start = "", const std::string& end = "") {
        return R"({"id":")" + id + R"(","name":")" + name + R"(","colour":"#112233","cape_start":")" + start + R"(","cape_end":")" + end + "\"}";
    };
    refused("not json", "not JSON");
    refused(R"({"format":"other","version":1,"members":[]})", "not a roster");
    refused(roster(m("XYZ", "Ana")), "16 lowercase hex");
    refused(roster(m("00000000000000aa", "Ana") + "," + m("00000000000000aa", "Bob")), "appears twice");
    refused(roster(m("00000000000000aa", "Ana") + "," + m("00000000000000bb", "ANA")), "appears twice");
    refused(roster(m("00000000000000aa", "Ana", "2026-06-01", "2026-01-01")), "ends");
    refused(roster(m("00000000000000aa", "Ana", "2026-13-01")), "2026-13-01");
    refused(roster(m("00000000000000aa", " Ana")), "space");
    refused(roster(m("00000000000000aa", "ana  LOPES")), "another id");          // a member of this till under another id
    refused(roster(m("00000000000000aa", "Aminata Diopp")), "one letter away");  // a lookalike of a demo entrepreneur
    EXPECT_THROW(add_member(*till, testing::as(*till, "Lucie"), NewMember{"Ana", "", "", ""}, false), InputError);  // a seller
    // A roster naming a demo entrepreneur (no member record yet) makes it that member.
    const auto s = import_roster(*till, karim, roster(m("00000000000000aa", "aminata diop")), false);
    EXPECT_EQ(s.linked, 1);
    EXPECT_EQ(member_of_name(*till, "Aminata Diop"), "00000000000000aa");
    EXPECT_TRUE(db::verify_ledger(path).ok);
}

}  // namespace
}  // namespace caisse
