// Production sheets for the receipt printer (see production_sheet.hpp).
#include "app/services/production_sheet.hpp"

#include <algorithm>

namespace caisse {

namespace {

using drivers::Align;
using drivers::TextStyle;

std::string unit_suffix(const std::string& code) {
    if (code == "C62") return "";
    if (code == "HUR") return " h";
    if (code == "KGM") return " kg";
    if (code == "LTR") return " l";
    return " " + code;
}

std::string cook_name(const ProductionOrder& po, std::int64_t id) {
    auto it = po.names.find(id);
    return it != po.names.end() && !it->second.empty() ? it->second : "#" + std::to_string(id);
}

void check(const ProductionOrder& po) {
    if (po.order.kind != invoice::Kind::invoice)
        throw InputError("a production sheet is made from an order, not from a deposit invoice or a credit note");
    if (po.guests <= 0) throw InputError("the number of guests must be at least 1, not {0}", po.guests);
}

}  // namespace

drivers::Document production_sheet(const ProductionOrder& po, std::int64_t id, const i18n::Translator& t) {
    check(po);
    std::vector<const invoice::Line*> mine;
    for (const auto& l : po.order.lines)
        if (l.entrepreneur_id == id) mine.push_back(&l);
    if (mine.empty()) throw InputError("{0} has nothing to prepare in order {1}", cook_name(po, id), po.order.number);

    drivers::Document doc;
    doc.text(t.translate("PRODUCTION SHEET"), TextStyle{.bold = true, .double_width = true, .align = Align::centre});
    doc.text(cook_name(po, id), TextStyle{.bold = true, .double_height = true, .align = Align::centre});
    doc.rule('=');
    doc.row(t.translate("Order"), po.order.number, TextStyle{.bold = true});
    doc.row(t.translate("Customer"), po.order.customer.party.name);
    doc.row(t.translate("Service on"), french_date(po.order.delivery_date), TextStyle{.bold = true});
    if (!po.place.empty()) doc.row(t.translate("Place"), po.place);
    doc.row(t.translate("Guests"), std::to_string(po.guests), TextStyle{.bold = true});
    doc.rule();
    doc.text(t.translate("To prepare"), TextStyle{.bold = true, .underline = true});
    for (const auto* l : mine) {
        doc.row(l->description, quantity_text(l->quantity_milli) + unit_suffix(l->unit_code), TextStyle{.bold = true});
        const std::int64_t per_guest_milli = po.guests * 1000;
        if (l->unit_code == "C62" && l->quantity_milli % per_guest_milli == 0)
            doc.text("  " + t.translate("{0} per guest", {std::to_string(l->quantity_milli / per_guest_milli)}));
    }
    std::vector<std::int64_t> others;
    for (const auto& l : po.order.lines)
        if (l.entrepreneur_id != id && l.entrepreneur_id != 0 && std::find(others.begin(), others.end(), l.entrepreneur_id) == others.end())
            others.push_back(l.entrepreneur_id);
    if (!others.empty()) {
        std::string names;
        for (auto o : others) names += (names.empty() ? "" : ", ") + cook_name(po, o);
        doc.rule();
        doc.text(t.translate("Also cooking for this order: {0}", {names}));
    }
    doc.feed(2);
    doc.cut();
    return doc;
}

std::vector<std::pair<std::int64_t, drivers::Document>> production_sheets(const ProductionOrder& po, const i18n::Translator& t) {
    check(po);
    if (po.order.lines.empty()) throw InputError("order {0} has no line: nothing to prepare", po.order.number);
    std::vector<std::pair<std::int64_t, drivers::Document>> out;
    for (const auto& l : po.order.lines) {
        if (l.entrepreneur_id == 0) continue;
        if (std::none_of(out.begin(), out.end(), [&](const auto& s) { return s.first == l.entrepreneur_id; }))
            out.emplace_back(l.entrepreneur_id, production_sheet(po, l.entrepreneur_id, t));
    }
    return out;
}

}  // namespace caisse
