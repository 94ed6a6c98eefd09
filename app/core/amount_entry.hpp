#pragma once
// What the on-screen keypad types: an amount in euros and cents, digit by digit. No text entry for
// money: every key is checked here, and an absurd amount is refused as it is typed.
#include <optional>
#include <string>

#include "app/core/message.hpp"
#include "app/core/money.hpp"

namespace caisse {

class AmountEntry {
public:
    // Up to 999 999,99 €: a seventh digit before the comma is a typo, not a sale.
    static constexpr int kMaxWholeDigits = 6;

    // key: '0'..'9', ',' (or '.'), 'C' clear, '<' backspace. Returns why a key was refused.
    std::optional<Message> press(char key);
    void clear() { whole_.clear(); cents_.clear(); comma_ = false; }
    bool empty() const { return whole_.empty() && !comma_; }
    std::string text() const;           // as typed, French: "12,5" ; "" when empty
    std::optional<Money> value() const; // nothing while empty
    // The entry holding `amount` (>= 0) as if typed: "8,50" for 8,50 €, "560,93", "12"; a screen's field
    // filled with a current price or what remains to pay.
    static AmountEntry of(Money amount);

private:
    std::string whole_, cents_;
    bool comma_ = false;
};

}  // namespace caisse
