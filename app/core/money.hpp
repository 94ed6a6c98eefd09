#pragma once
// Money: signed integer cents. No floating point anywhere near money.
#include <compare>
#include <concepts>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "app/core/message.hpp"

namespace caisse {

// Raised for any input the till refuses; the message names the problem. The message is a template
// with positional placeholders and its values, so that it can be translated:
//     throw InputError("unknown SKU \"{0}\"", spec.sku);
// what() is the English text with the values substituted. The template is the msgid of
// assets/i18n/*.po; a plain English string (no placeholders) works too, it just stays English.
class InputError : public std::runtime_error {
public:
    explicit InputError(std::string msgid, std::vector<MessageArg> args = {})
        : InputError(std::make_shared<const Message>(Message{std::move(msgid), std::move(args)})) {}
    template <class... A>
        requires(sizeof...(A) > 0 && (std::constructible_from<MessageArg, A> && ...))
    InputError(std::string msgid, A&&... args)
        : InputError(std::move(msgid), std::vector<MessageArg>{MessageArg(std::forward<A>(args))...}) {}
    explicit InputError(Message message) : InputError(std::make_shared<const Message>(std::move(message))) {}

    const Message& message() const { return *message_; }  // template and values, for translation
    const std::string& msgid() const { return message_->msgid; }
    std::vector<std::string> args() const {  // the values as English text
        std::vector<std::string> out;
        for (const auto& a : message_->args) out.push_back(a.text);
        return out;
    }

private:
    explicit InputError(std::shared_ptr<const Message> m) : std::runtime_error(m->english()), message_(std::move(m)) {}
    std::shared_ptr<const Message> message_;  // shared: copying an exception must not throw
};

class MoneyOverflow : public std::overflow_error {
public:
    MoneyOverflow() : std::overflow_error("amount out of range") {}
};

class Money {
public:
    constexpr Money() = default;
    static constexpr Money cents(std::int64_t c) {
        if (c > kMax || c < -kMax) throw MoneyOverflow();
        return Money(c);
    }
    static constexpr std::int64_t kMax = INT64_MAX / 4;  // headroom so sums of a day cannot overflow
    static Money parse(std::string_view text);  // "8,50", "8.50", "8,5 €", "1 234,50", "-2"

    constexpr std::int64_t value() const { return cents_; }
    std::string format() const;  // French: "1 234,50 €" (narrow no-break space groups)
    std::string plain() const;   // "1234.50": for CSV and machine output

    Money operator+(Money o) const;
    Money operator-(Money o) const;
    Money operator*(std::int64_t k) const;
    Money operator-() const;
    Money& operator+=(Money o) { return *this = *this + o; }
    Money& operator-=(Money o) { return *this = *this - o; }
    constexpr auto operator<=>(const Money&) const = default;

private:
    constexpr explicit Money(std::int64_t c) : cents_(c) {}
    std::int64_t cents_ = 0;
};

// round(num / den) with halves away from zero; den > 0. Integer only.
std::int64_t div_round_half_up(__int128 num, std::int64_t den);

}  // namespace caisse
