#include "app/core/message.hpp"

namespace caisse {

std::string substitute(std::string_view text, const std::vector<std::string>& values) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '{') {
            std::size_t j = i + 1, index = 0;
            while (j < text.size() && j - i <= 3 && text[j] >= '0' && text[j] <= '9') index = index * 10 + (text[j++] - '0');
            if (j > i + 1 && j < text.size() && text[j] == '}' && index < values.size()) {
                out += values[index];
                i = j;
                continue;
            }
        }
        out += text[i];
    }
    return out;
}

std::string Message::english() const {
    std::vector<std::string> values;
    values.reserve(args.size());
    for (const auto& a : args) values.push_back(a.text);
    return substitute(msgid, values);
}

}  // namespace caisse
