#include "app/services/receipt_brand.hpp"

#include "app/core/message.hpp"
#include "app/core/text.hpp"
#include "app/services/names.hpp"
#include "db/records/event.hpp"

namespace caisse {
namespace {

constexpr const char* kHeaderPrefix = "receipt.brand.";
constexpr const char* kLinePrefix = "receipt.brand_line.";
constexpr const char* kAction = "set an entrepreneur's receipt header";

}  // namespace

std::int64_t set_entrepreneur_brand(Till& till, const Actor& by, const std::string& entrepreneur, const std::string& header,
                                    const std::string& line) {
    const auto id = NameIndex(till.entrepreneurs()).find(entrepreneur);
    if (!id) throw InputError("unknown entrepreneur \"{0}\"", entrepreneur);
    if (!header.empty()) {
        check_display_text(header, "the receipt header", kMaxBrandHeaderChars);
        if (!line.empty()) check_display_text(line, "the receipt header's line", kMaxBrandLineChars);
    } else if (!line.empty()) {
        throw InputError("a line under the receipt header needs a header");
    }
    till.authorise(by, Role::Manager, kAction);
    const std::string key = kHeaderPrefix + std::to_string(*id), line_key = kLinePrefix + std::to_string(*id);
    till.ledger().write([&] {
        till.ledger().set_setting(key, header);
        till.ledger().set_setting(line_key, header.empty() ? std::string() : line);
        till.journal_override(by, Role::Manager, kAction, entrepreneur);
        // The text itself goes into the chain with the change, as for every setting.
        till.journal_in_commit(db::event_code::settings, by, kAction, key + "=" + header + "," + line_key + "=" + line);
    });
    return *id;
}

std::map<std::int64_t, ReceiptBrand> entrepreneur_brands(Till& till) {
    std::map<std::int64_t, ReceiptBrand> brands;
    const auto settings = till.ledger().settings();
    for (const auto& e : till.entrepreneurs()) {
        const auto header = settings.find(kHeaderPrefix + std::to_string(e.id));
        if (header == settings.end() || header->second.empty()) continue;
        const auto line = settings.find(kLinePrefix + std::to_string(e.id));
        brands[e.id] = ReceiptBrand{header->second, line == settings.end() ? std::string() : line->second};
    }
    return brands;
}

}  // namespace caisse
