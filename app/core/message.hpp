#pragma once
// A user-facing message as data: an English template with positional placeholders {0}, {1}...
// and the values that fill them. Core builds messages and never translates them (no files here):
// app/services/i18n looks the template up in assets/i18n/<lang>.po, then substitutes the values.
#include <concepts>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace caisse {

struct Message;

// One value of a message: text shown as is (a SKU, an amount, a path), or a message that is
// translated in its turn (catalogue.cpp wraps a row's error in "line {0}: {1}").
struct MessageArg {
    std::string text;                       // the value; for a nested message, its English text
    std::shared_ptr<const Message> nested;  // set when the value is itself a message

    MessageArg(std::string value) : text(std::move(value)) {}
    MessageArg(std::string_view value) : text(value) {}
    MessageArg(const char* value) : text(value) {}
    template <std::integral T>
        requires(!std::same_as<T, bool> && !std::same_as<T, char>)
    MessageArg(T value) : text(std::to_string(value)) {}
    MessageArg(const Message& message);
};

struct Message {
    std::string msgid;             // the English template, e.g. "unknown SKU \"{0}\""; also the PO msgid
    std::vector<MessageArg> args;  // fill {0}, {1}... in order
    std::string english() const;   // the template with the values substituted
};

inline MessageArg::MessageArg(const Message& message)
    : text(message.english()), nested(std::make_shared<const Message>(message)) {}

// Replaces each {N} in text with values[N]. A placeholder without a value, and any other brace, is
// kept as written; substituted values are not scanned again. A placeholder may appear several times
// or in any order (translations reorder them).
std::string substitute(std::string_view text, const std::vector<std::string>& values);

}  // namespace caisse
