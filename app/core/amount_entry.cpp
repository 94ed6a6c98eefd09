#include "app/core/amount_entry.hpp"

namespace caisse {

std::optional<Message> AmountEntry::press(char key) {
    if (key == 'C') {
        clear();
        return std::nullopt;
    }
    if (key == '<') {
        if (!cents_.empty()) cents_.pop_back();
        else if (comma_) comma_ = false;
        else if (!whole_.empty()) whole_.pop_back();
        return std::nullopt;
    }
    if (key == ',' || key == '.') {
        if (comma_) return Message{"the amount already has a decimal comma", {}};
        comma_ = true;
        return std::nullopt;
    }
    if (key < '0' || key > '9') return Message{"key {0} is not a digit", {std::string(1, key)}};
    if (comma_) {
        if (cents_.size() >= 2) return Message{"an amount has at most two decimals", {}};
        cents_ += key;
        return std::nullopt;
    }
    if (whole_ == "0") whole_.clear();  // no leading zeros
    if (static_cast<int>(whole_.size()) >= kMaxWholeDigits)
        return Message{"amount too large: at most {0} digits before the comma", {std::to_string(kMaxWholeDigits)}};
    whole_ += key;
    return std::nullopt;
}

std::string AmountEntry::text() const {
    if (empty()) return "";
    std::string t = whole_.empty() ? "0" : whole_;
    if (comma_) t += "," + cents_;
    return t;
}

std::optional<Money> AmountEntry::value() const {
    if (empty()) return std::nullopt;
    std::int64_t euros = 0;
    for (char c : whole_) euros = euros * 10 + (c - '0');
    std::int64_t cents = 0;
    if (!cents_.empty()) cents = (cents_[0] - '0') * 10 + (cents_.size() > 1 ? cents_[1] - '0' : 0);
    return Money::cents(euros * 100 + cents);
}

AmountEntry AmountEntry::of(Money amount) {
    AmountEntry e;
    const std::int64_t cents = amount.value();
    for (const char c : std::to_string(cents / 100)) e.press(c);
    if (cents % 100) {
        e.press(',');
        // Both digits, as a price is written: "228,50", not "228,5".
        e.press(static_cast<char>('0' + cents % 100 / 10));
        e.press(static_cast<char>('0' + cents % 10));
    }
    return e;
}

}  // namespace caisse
