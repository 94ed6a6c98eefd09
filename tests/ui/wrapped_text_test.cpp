// Wrapped text breaks at plain spaces only: an amount ("325,54 €", no-break space before the euro
// sign) is never cut after its comma, as ImGui's own wrapping did in the catering questions.
#include <gtest/gtest.h>

#include <string>

#include "app/core/money.hpp"
#include "app/ui/widgets/wrapped_text.hpp"

using caisse::Money;
using caisse::ui::wrap_at_spaces;

namespace {
// Lines of at most n bytes.
auto bytes(std::size_t n) {
    return [n](std::string_view line) { return line.size() <= n; };
}
}  // namespace

TEST(WrappedText, BreaksAtPlainSpacesWhereTheLineIsFull) {
    EXPECT_EQ(wrap_at_spaces("a bb ccc dddd", bytes(4)), "a bb\nccc\ndddd");
    EXPECT_EQ(wrap_at_spaces("a bb ccc", bytes(100)), "a bb ccc");
    EXPECT_EQ(wrap_at_spaces("", bytes(4)), "");
}

TEST(WrappedText, NeverInsideAnAmountOrAfterAComma) {
    const std::string amount = Money::cents(32554).format();  // "325,54 €" with a no-break space
    const std::string text = "Émettre une facture d’acompte de " + amount + " (30 % de la commande) ?";
    for (std::size_t width = 4; width < text.size() + 2; ++width) {
        const std::string out = wrap_at_spaces(text, bytes(width));
        EXPECT_NE(out.find(amount), std::string::npos) << "width " << width << ": " << out;
        EXPECT_EQ(out.find(",\n"), std::string::npos) << "width " << width << ": " << out;
    }
}

TEST(WrappedText, KeepsNewlinesAndAWordTooLongStandsAlone) {
    EXPECT_EQ(wrap_at_spaces("ab cd\nef gh", bytes(5)), "ab cd\nef gh");
    EXPECT_EQ(wrap_at_spaces("ab cd ef\ngh", bytes(5)), "ab cd\nef\ngh");
    EXPECT_EQ(wrap_at_spaces("abcdefghij k", bytes(5)), "abcdefghij\nk");
    EXPECT_EQ(wrap_at_spaces("k abcdefghij", bytes(5)), "k\nabcdefghij");
}
