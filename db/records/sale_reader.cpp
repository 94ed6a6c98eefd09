#include "db/records/sale_reader.hpp"

#include "db/canonical_reader.hpp"

namespace caisse::db {

std::optional<SaleRecord> read_sale_payload_fast(std::string_view payload) {
    CanonicalReader in(payload);
    SaleRecord s;
    if (!in.lit("{\"change\":") || !in.i64(s.change) || !in.lit(",\"day\":") || !in.str(s.day) || !in.lit(",\"discount\":") ||
        !in.i64(s.discount) || !in.lit(",\"lines\":["))
        return std::nullopt;
    for (bool first = true; !in.peek(']'); first = false) {
        SaleLineRecord l;
        if ((!first && !in.lit(",")) || !in.lit("{\"cat\":") || !in.i64(l.category) || !in.lit(",\"disc\":") || !in.i64(l.line_discount) ||
            !in.lit(",\"ent\":") || !in.i64(l.entrepreneur) || !in.lit(",\"name\":") || !in.str(l.name) || !in.lit(",\"qty\":") ||
            !in.i64(l.quantity) || !in.lit(",\"share\":") || !in.i64(l.discount_share) || !in.lit(",\"sku\":") || !in.str(l.sku) ||
            !in.lit(",\"total\":") || !in.i64(l.total) || !in.lit(",\"unit\":") || !in.i64(l.unit_price) || !in.lit(",\"vat\":") ||
            !in.i64(l.vat_bp) || !in.lit("}"))
            return std::nullopt;
        s.lines.push_back(std::move(l));
    }
    if (!in.lit("],\"payments\":[")) return std::nullopt;
    for (bool first = true; !in.peek(']'); first = false) {
        PaymentRecord p;
        if ((!first && !in.lit(",")) || !in.lit("{\"amount\":") || !in.i64(p.amount) || !in.lit(",\"method\":") || !in.str(p.method) ||
            !in.lit("}"))
            return std::nullopt;
        s.payments.push_back(std::move(p));
    }
    if (!in.lit("],\"session\":") || !in.i64(s.session) || !in.lit(",\"ticket\":") || !in.i64(s.ticket) || !in.lit(",\"total\":") ||
        !in.i64(s.total) || !in.lit(",\"user\":") || !in.i64(s.user) || !in.lit(",\"vat\":["))
        return std::nullopt;
    for (bool first = true; !in.peek(']'); first = false) {
        VatRecord v;
        if ((!first && !in.lit(",")) || !in.lit("{\"ht\":") || !in.i64(v.ht) || !in.lit(",\"rate\":") || !in.i64(v.rate) ||
            !in.lit(",\"ttc\":") || !in.i64(v.ttc) || !in.lit(",\"vat\":") || !in.i64(v.vat) || !in.lit("}"))
            return std::nullopt;
        s.vat.push_back(v);
    }
    if (!in.lit("]}") || !in.done()) return std::nullopt;
    return s;
}

}  // namespace caisse::db
