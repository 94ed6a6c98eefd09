#!/usr/bin/python3
"""Independent auditor's verifier for a Caisse Commune ledger (format 1, schema 1 to 3).

Written from docs/ledger-format.md alone. Exit 0: intact; 1: problems (one `terminal seq: reason`
line each, first broken record first); 2: usage error or not a ledger.
"""
import argparse, datetime, hashlib, json, os, re, sqlite3, struct, sys, unicodedata, urllib.parse

try:  # Ed25519: python3-cryptography, else python3-nacl
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

    def ed_verify(pub, sig, msg):
        try:
            Ed25519PublicKey.from_public_bytes(pub).verify(sig, msg)
            return True
        except Exception:
            return False

    def ed_sign(seed, msg):
        k = Ed25519PrivateKey.from_private_bytes(seed)
        return k.sign(msg), k.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
except ImportError:
    import nacl.signing

    def ed_verify(pub, sig, msg):
        try:
            nacl.signing.VerifyKey(pub).verify(msg, sig)
            return True
        except Exception:
            return False

    def ed_sign(seed, msg):
        k = nacl.signing.SigningKey(seed)
        return k.sign(msg).signature, bytes(k.verify_key)


class NotALedger(Exception):
    pass


APP_ID, ZERO = 0x43434D31, bytes(32)
CLOSURES = {"closure.day", "closure.month", "closure.year"}
SIGNED = {"genesis"} | CLOSURES
TERMINAL_RE = re.compile(r"[A-Za-z0-9_-]{1,32}")
AT_RE = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z")


def valid_at(at):  # the syntax, and a real date and time of day
    if not AT_RE.fullmatch(at):
        return False
    try:
        datetime.datetime.strptime(at, "%Y-%m-%dT%H:%M:%S.%fZ")
        return True
    except ValueError:
        return False
# kind -> (projection table, [(column, payload field)]); every such table also carries (terminal, seq)
PROJ = {
    "genesis": ("terminals", [("public_key", "public_key")]),
    "entrepreneur.add": ("entrepreneurs", [("id", "id"), ("name", "name"), ("colour", "colour")]),
    "category.add": ("categories", [("id", "id"), ("name", "name")]),
    "product.set": ("product_versions", [("sku", "sku"), ("name", "name"), ("price", "price"),
        ("vat_bp", "vat"), ("entrepreneur_id", "entrepreneur"), ("category_id", "category"),
        ("picture", "picture"), ("open_price", "open_price"), ("active", "active")]),
    "user.add": ("users", [("id", "id"), ("name", "name"), ("role", "role")]),
    # a user's new role (schema 12); rows of every terminal, imported chains' too
    "user.role": ("user_roles", [("user_id", "id"), ("role", "role"), ("by_id", "by")]),
    "session.open": ("sessions", [("id", "id"), ("opened_by", "opened_by"), ("day", "day"), ('"float"', "float")]),
    "receipt.duplicate": ("duplicates", [("number", "number"), ("ticket", "ticket")]),
    "cash.move": ("cash_moves", [("amount", "amount"), ("reason", "reason"), ("session_id", "session"), ("user_id", "user"),
        ("entrepreneur_id", "entrepreneur")]),
    "event": ("events", [("code", "code"), ("user_id", "user"), ("approver_id", "approver"), ("action", "action"),
        ("detail", "detail")]),
    # a sale rung up in training mode (schema 7): the lists are kept as canonical JSON text
    "training.sale": ("training_sales", [("ticket", "ticket"), ("session_id", "session"), ("user_id", "user"), ("day", "day"),
        ("discount", "discount"), ("total", "total"), ('"change"', "change"), ("lines", "lines"), ("payments", "payments"),
        ("vat", "vat")]),
    # the group's members and which member an entrepreneur is (schema 8)
    "member.set": ("members", [("id", "id"), ("name", "name"), ("colour", "colour"), ("cape_start", "cape_start"),
        ("cape_end", "cape_end")]),
    "member.link": ("member_links", [("entrepreneur_id", "entrepreneur"), ("member_id", "member")]),
    "sale": ("sales", [("ticket", "ticket"), ("session_id", "session"), ("user_id", "user"), ("day", "day"),
        ("discount", "discount"), ("total", "total"), ('"change"', "change")]),
    "sale.refund": ("refunds", [("refund", "refund"), ("ticket", "ticket"), ("session_id", "session"), ("user_id", "user"),
        ("day", "day"), ("cancel", "cancel"), ("discount", "discount"), ("total", "total")]),
    # the CAPE roll-up (schema 10): charges, hours, the split rule
    "charge.add": ("charges", [("day", "date"), ("ttc", "ttc"), ("vat", "vat"), ("category", "category"),
        ("supplier", "supplier"), ("entrepreneur_id", "entrepreneur"), ("cash_move_seq", "cash_move"), ("user_id", "user")]),
    "hours.add": ("hours", [("day", "date"), ("entrepreneur_id", "entrepreneur"), ("minutes", "minutes"), ("user_id", "user")]),
    "cape.rule": ("cape_rules", [("split", "split"), ("charge_key", "charge_key"),
        ("contribution_per_month", "contribution_per_month"), ("contribution_bp", "contribution_bp"),
        ("employer_bp", "employer_bp"), ("employee_bp", "employee_bp"), ("user_id", "user")]),
    # catering orders (schema 13): customers, quotes and their lines, orders, invoices, payments received
    "customer.add": ("customers", [("id", "id"), ("name", "name"), ("address", "address"), ("postcode", "postcode"),
        ("city", "city"), ("country", "country"), ("siren", "siren"), ("siret", "siret"), ("vat_number", "vat_number"),
        ("public_buyer", "public_buyer"), ("service_code_required", "service_code_required"),
        ("commitment_required", "commitment_required"), ("service_code", "service_code"),
        ("commitment_number", "commitment_number"), ("user_id", "user")]),
    "quote.new": ("quotes", [("id", "id"), ("customer_id", "customer"), ("basis", "basis"), ("guests", "guests"),
        ("service_date", "service_date"), ("place", "place"), ("valid_until", "valid_until"), ("note", "note"),
        ("day", "date"), ("user_id", "user")]),
    "quote.line": ("quote_lines", [("quote_id", "quote"), ("line", "line"), ("description", "description"),
        ("quantity_milli", "quantity"), ("unit_code", "unit"), ("unit_price", "price"), ("vat_bp", "vat"),
        ("entrepreneur_id", "entrepreneur"), ("sku", "sku"), ("user_id", "user")]),
    # schema 14: a quote written anew, its lines as canonical JSON text
    "quote.revise": ("quote_revisions", [("quote_id", "quote"), ("customer_id", "customer"), ("basis", "basis"),
        ("guests", "guests"), ("service_date", "service_date"), ("place", "place"), ("valid_until", "valid_until"),
        ("note", "note"), ("day", "date"), ("lines", "lines"), ("user_id", "user")]),
    "quote.accept": ("quote_orders", [("id", "order"), ("quote_id", "quote"), ("day", "date"), ("user_id", "user")]),
    "invoice.issue": ("invoices", [("number", "number"), ("year", "year"), ("n", "n"), ("kind", "kind"), ("order_id", "order"),
        ("customer_id", "customer"), ("issue_date", "issue_date"), ("due_date", "due_date"), ("corrects", "corrects"),
        ("document", "document"), ("revenue", "revenue"), ("user_id", "user")]),
    "payment.add": ("invoice_payments", [("invoice", "invoice"), ("day", "date"), ("amount", "amount"), ("method", "method"),
        ("reference", "reference"), ("user_id", "user")]),
}
CAPE_TABLES = {"charges", "hours", "cape_rules"}  # schema 10
REVISION_TABLES = {"quote_revisions"}  # schema 14
CATERING_TABLES = {"customers", "quotes", "quote_lines", "quote_orders", "invoices", "invoice_payments"}  # schema 13
CUSTOMER_FLAGS = ("public_buyer", "service_code_required", "commitment_required")
INVOICE_TOTALS = ("line_total", "tax_total", "grand_total", "prepaid", "rounding", "due")
ROLE_TABLES = {"user_roles"}  # schema 12
# sale sub-lists: (payload field, table, ordering column, [(column, field)]); keyed by (terminal, ticket)
CHILD = [
    ("lines", "sale_lines", "line_no", [("sku", "sku"), ("name", "name"), ("entrepreneur_id", "ent"),
        ("category_id", "cat"), ("vat_bp", "vat"), ("quantity", "qty"), ("unit_price", "unit"),
        ("line_discount", "disc"), ("discount_share", "share"), ("total", "total")]),
    ("payments", "sale_payments", "idx", [("method", "method"), ("amount", "amount")]),
]
# sale.refund sub-lists (schema 6), keyed by (terminal, refund)
REFUND_CHILD = [
    ("lines", "refund_lines", "line_no", [("sale_line", "line"), ("sku", "sku"), ("name", "name"), ("entrepreneur_id", "ent"),
        ("category_id", "cat"), ("vat_bp", "vat"), ("quantity", "qty"), ("unit_price", "unit"),
        ("line_discount", "disc"), ("discount_share", "share"), ("total", "total")]),
    ("payments", "refund_payments", "idx", [("method", "method"), ("amount", "amount")]),
    ("vat", "refund_vat", "rate", [("ht", "ht"), ("rate", "rate"), ("ttc", "ttc"), ("vat", "vat")]),
]
REFUND_TABLES = ["refunds"] + [c[1] for c in REFUND_CHILD]
# Another till's catalogue and users, imported from its bundles (schema 9, docs/bundle-format.md): the
# columns of this till's own tables, keyed by (terminal, id); bundle_heads holds each bundle's signed head.
IMPORTED = {"entrepreneur.add": "imported_entrepreneurs", "category.add": "imported_categories",
            "user.add": "imported_users", "product.set": "imported_products"}
BUNDLE_TABLES = list(IMPORTED.values()) + ["bundle_heads"]
TABLES = ["journal"] + [t for t, _ in PROJ.values() if t != "refunds" and t not in CAPE_TABLES and t not in ROLE_TABLES
                        and t not in CATERING_TABLES and t not in REVISION_TABLES] + [c[1] for c in CHILD] + ["cash_counts", "day_closures", "period_closures"]
KINDS = set(PROJ) | CLOSURES
MEMBER_TABLES = {"members", "member_links"}  # schema 8
# The totals every closure carries (docs/ledger-format.md, "Closures").
TOTAL_KEYS = {"by_cashier", "by_entrepreneur", "by_tender", "by_vat", "cash_in", "cash_out", "discounts", "tickets", "total",
              "total_abs"}
DAY_KEYS = TOTAL_KEYS | {"cash_moves", "clock_backwards", "closed_by", "count", "counted_cash", "counts", "date",
                         "expected_cash", "first_ticket", "float", "grand_total", "grand_total_abs", "last_ticket", "month",
                         "month_total", "note", "opened_at", "over_short", "session", "year", "year_total", "z"}
# in a closure only when not 0: refunds when it sums at least one sale.refund; voucher_excess (schema 11)
# when meal vouchers exceeded their tickets
REFUND_KEYS = {"refunds", "refunds_total", "voucher_excess"}
DAY_OPTIONAL = {"card_declared", "voucher_declared"} | REFUND_KEYS
PERIOD_KEYS = TOTAL_KEYS | {"days", "first_day", "first_z", "grand_total", "grand_total_abs", "last_day", "last_z", "number",
                            "period"}


def canon(v):
    return json.dumps(v, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def frame(prev, terminal, seq, kind, at, payload):
    def s(x):
        b = x.encode("utf-8", "surrogateescape")  # exactly the stored bytes
        return struct.pack(">I", len(b)) + b
    return prev + s(terminal) + struct.pack(">Q", seq) + s(kind) + s(at) + s(payload)


def strings(v):
    if isinstance(v, str):
        yield v
    elif isinstance(v, (dict, list)):
        for k in v:
            yield from strings(k)
            if isinstance(v, dict):
                yield from strings(v[k])


def reject(x):
    raise ValueError(f"number {x} is not an integer")


def parse_canonical(text):
    def no_dups(pairs):
        if len({k for k, _ in pairs}) != len(pairs):
            raise ValueError("duplicate key")
        return dict(pairs)
    try:
        text.encode("utf-8")
        v = json.loads(text, object_pairs_hook=no_dups, parse_float=reject, parse_constant=reject)
    except ValueError as e:  # includes UnicodeError and JSONDecodeError
        raise ValueError(f"payload is not canonical JSON ({e})")
    if any(unicodedata.category(c) == "Cc" and c not in "\t\n\r" for s in strings(v) for c in s):
        raise ValueError("payload string holds a control character")
    if canon(v) != text:
        raise ValueError("payload is not canonical JSON (re-serialisation differs)")
    return v


def round_half_up(n, d):  # n / d rounded, halves away from zero, integers only
    return (1 if n >= 0 else -1) * ((2 * abs(n) + d) // (2 * d))


def sale_problems(p):
    lines, pays, total, disc = p["lines"], p["payments"], p["total"], p["discount"]
    amounts = [total, disc, p["change"]] + [x["amount"] for x in pays] \
        + [l[k] for l in lines for k in ("unit", "disc", "share", "total")] + [r[k] for r in p["vat"] for k in ("ht", "vat", "ttc")]
    if any(a < 0 for a in amounts):
        yield "negative amount"
    for i, l in enumerate(lines, 1):
        if l["total"] != l["qty"] * l["unit"] - l["disc"] - l["share"]:
            yield f"line {i}: total != qty * unit - disc - share"
    if sum(l["share"] for l in lines) != disc:
        yield "sum of line shares != discount"
    if sum(l["total"] for l in lines) != total:
        yield "sum of line totals != total"
    bases = [l["qty"] * l["unit"] - l["disc"] for l in lines]
    B = sum(bases)
    if B > 0:  # largest remainder: share is floor or floor+1, and the +1s go to the largest remainders
        up = [(l["share"] - disc * b // B, disc * b % B) for l, b in zip(lines, bases)]
        if any(u not in (0, 1) for u, _ in up) or max([r for u, r in up if u == 0], default=-1) > min([r for u, r in up if u == 1], default=B):
            yield "discount shares are not the largest-remainder split"
    rates = sorted({l["vat"] for l in lines})
    want = []
    for rate in rates:
        ttc = sum(l["total"] for l in lines if l["vat"] == rate)
        vat = round_half_up(ttc * rate, 10000 + rate)
        want.append({"ht": ttc - vat, "rate": rate, "ttc": ttc, "vat": vat})
    if canon(want) != canon(p["vat"]):
        yield f"VAT breakdown should be {canon(want)}"
    if any(x["method"] not in ("cash", "card", "cheque", "voucher", "transfer") for x in pays):
        yield "unknown payment method"
    excess = p.get("voucher_excess", 0)  # schema 11: meal vouchers beyond the total, key absent when 0
    if "voucher_excess" in p and (not isinstance(excess, int) or excess <= 0):
        yield "voucher_excess present but not a positive integer"
    vouchers = sum(x["amount"] for x in pays if x["method"] == "voucher")
    if excess != max(0, vouchers - total):
        yield "voucher_excess != max(0, vouchers - total)"
    if sum(x["amount"] for x in pays) - p["change"] - excess != total:
        yield "payments - change - voucher_excess != total"
    if p["change"] > sum(x["amount"] for x in pays if x["method"] == "cash"):
        yield "change exceeds cash tendered"
    if sum(x["amount"] for x in pays if x["method"] != "cash") - excess > total:
        yield "non-cash tenders net of voucher_excess exceed total"


def rebuild(db, t, seq, kind, p, local=None):
    """The payload as the projection rows say it is."""
    table, cols = PROJ[kind]
    if local is not None and t != local and kind in IMPORTED:  # another till's catalogue and users
        table = IMPORTED[kind]
    rows = db.execute(f"SELECT {','.join(c for c, _ in cols)} FROM {table} WHERE terminal=? AND seq=?", (t, seq)).fetchall()
    if len(rows) != 1:
        raise ValueError(f"{len(rows)} rows in {table} for this record, expected 1")
    out = {f: bool(v) if f in ("open_price", "active") and v in (0, 1) else v for (_, f), v in zip(cols, rows[0])}
    if kind == "cash.move" and out.get("entrepreneur") is None:  # NULL: spent for the group, key absent
        out.pop("entrepreneur", None)
    if kind == "charge.add":  # NULL: the group's charge, paid otherwise than from the drawer; key absent
        for f in ("entrepreneur", "cash_move"):
            if out.get(f) is None:
                out.pop(f, None)
    if kind == "session.open":  # the float counted by denomination, largest first; absent when typed as one amount
        count = cash_count(db, t, seq)
        if count:
            out["count"] = count
    if kind in ("sale", "training.sale", "sale.refund") and any(r[1] == "voucher_excess" for r in db.execute(f"PRAGMA table_info({table})")):
        (excess,) = db.execute(f"SELECT voucher_excess FROM {table} WHERE terminal=? AND seq=?", (t, seq)).fetchone()
        if excess != 0:  # schema 11: the key only when not 0
            out["voucher_excess"] = excess
    if kind == "product.set" and any(r[1] == "names" for r in db.execute(f"PRAGMA table_info({table})")):
        (names,) = db.execute(f"SELECT names FROM {table} WHERE terminal=? AND seq=?", (t, seq)).fetchone()
        if names != "":  # schema 12: the names in other languages as canonical JSON text, '' when the key is absent
            out["names"] = json.loads(names)
            if canon(out["names"]) != names:
                raise ValueError("names is not canonical JSON text")
    if kind == "customer.add":
        for f in CUSTOMER_FLAGS:
            out[f] = bool(out[f]) if out[f] in (0, 1) else out[f]
    if kind == "invoice.issue":  # the document and revenue as canonical JSON text, the totals in columns
        for f in ("document", "revenue"):
            out[f] = json.loads(out[f]) if isinstance(out[f], str) else out[f]
        row = db.execute(f"SELECT {','.join(INVOICE_TOTALS)} FROM invoices WHERE terminal=? AND seq=?", (t, seq)).fetchone()
        out["totals"] = dict(zip(INVOICE_TOTALS, row))
    if kind == "quote.revise":
        out["lines"] = json.loads(out["lines"]) if isinstance(out["lines"], str) else out["lines"]
    if kind == "training.sale":
        for f in ("lines", "payments", "vat"):
            out[f] = json.loads(out[f]) if isinstance(out[f], str) else out[f]
    if kind == "genesis":  # format and software are not projected
        pk = out["public_key"]
        out = dict(p, public_key=pk.hex() if isinstance(pk, bytes) else pk)
    if kind == "sale":
        for field, table, order, cols in CHILD:
            rows = db.execute(f"SELECT {order},{','.join(c for c, _ in cols)} FROM {table} "
                              f"WHERE terminal=? AND ticket=? ORDER BY {order}", (t, p.get("ticket"))).fetchall()
            if order != "vat_bp" and [r[0] for r in rows] != list(range(1, len(rows) + 1)):
                raise ValueError(f"{table}.{order} is not 1..{len(rows)}")
            out[field] = [{f: v for (_, f), v in zip(cols, r[1:])} for r in rows]
        out["vat"] = p.get("vat")  # not projected: the VAT rule on the lines is checked instead
    if kind == "sale.refund":
        out["cancel"] = bool(out["cancel"]) if out["cancel"] in (0, 1) else out["cancel"]
        for field, table, order, cols in REFUND_CHILD:
            rows = db.execute(f"SELECT {order},{','.join(c for c, _ in cols)} FROM {table} "
                              f"WHERE terminal=? AND refund=? ORDER BY {order}", (t, p.get("refund"))).fetchall()
            if order != "rate" and [r[0] for r in rows] != list(range(1, len(rows) + 1)):
                raise ValueError(f"{table}.{order} is not 1..{len(rows)}")
            out[field] = [{f: v for (_, f), v in zip(cols, r[1:])} for r in rows]
    return out


def refund_problems(p, sale, given, ttc_given):
    """sale.refund against its original sale payload (docs/ledger-format.md, "sale.refund"). given: (line) -> units
    already given back, ttc_given: rate -> TTC already given back; both updated."""
    lines = p["lines"]
    if not lines:
        yield "gives back no line"
    prev, per_rate = 0, {}
    for l in lines:
        n = l["line"]
        if not prev < n <= len(sale["lines"]):
            yield f"names line {n} of ticket {p['ticket']}, which it does not have or names twice"
            continue
        prev, o = n, sale["lines"][n - 1]
        if any(l[k] != o[k] for k in ("sku", "name", "ent", "cat", "vat", "unit")):
            yield f"line {n} differs from the ticket's line (product, entrepreneur, rate or price)"
        k0, q = given.get(n, 0), -l["qty"]
        if q < 1 or k0 + q > o["qty"]:
            yield f"gives back {q} units of line {n}, of which {o['qty']} were sold and {k0} already given back"
            continue
        def first(k):  # the first k units of the original line: (discount, share, total)
            red = (o["disc"] + o["share"]) * k // o["qty"]
            d = red * o["disc"] // (o["disc"] + o["share"]) if o["disc"] + o["share"] else 0
            return d, red - d, k * o["unit"] - red
        a, b = first(k0), first(k0 + q)
        if (l["disc"], l["share"], l["total"]) != tuple(x - y for x, y in zip(a, b)):
            yield f"line {n} amounts are not the cumulative rule's"
        given[n] = k0 + q
        per_rate[l["vat"]] = per_rate.get(l["vat"], 0) + l["total"]
    if sum(l["total"] for l in lines) != p["total"] or sum(l["share"] for l in lines) != p["discount"]:
        yield "total or discount is not the sum of its lines"
    want = []
    for rate in sorted(per_rate):
        before, ttc = ttc_given.get(rate, 0), -per_rate[rate]
        v = round_half_up((before + ttc) * rate, 10000 + rate) - round_half_up(before * rate, 10000 + rate)
        want.append({"ht": -ttc + v, "rate": rate, "ttc": -ttc, "vat": -v})
        ttc_given[rate] = before + ttc
    if canon(want) != canon(p["vat"]):
        yield f"VAT should be {canon(want)}"
    if any(x["amount"] >= 0 or x["method"] not in ("cash", "card", "cheque", "voucher", "transfer") for x in p["payments"]) \
            or sum(x["amount"] for x in p["payments"]) - p.get("voucher_excess", 0) != p["total"]:
        yield "payments are not negative amounts of known methods summing to the total (less voucher_excess)"
    # schema 11: a cancellation gives the vouchers back whole and takes the ticket's excess back
    if p.get("voucher_excess", 0) != (-sale.get("voucher_excess", 0) if p["cancel"] else 0) or p.get("voucher_excess") == 0:
        yield "voucher_excess is not minus the cancelled ticket's (absent for a refund)"


def net_tenders(sale):
    """A sale's tenders net of change, per method in order of first use, zeros left out."""
    out = {}
    for x in sale["payments"]:
        out[x["method"]] = out.get(x["method"], 0) + x["amount"]
    if "cash" in out:
        out["cash"] -= sale["change"]
    return [{"amount": v, "method": k} for k, v in out.items() if v]


def cash_count(db, t, seq):
    """cash_counts rows of the record (t, seq) as a payload `count` list: largest denomination first."""
    rows = db.execute("SELECT cents, pieces FROM cash_counts WHERE terminal=? AND seq=? ORDER BY cents DESC", (t, seq)).fetchall()
    return [{"cents": c, "pieces": n} for c, n in rows]


class Totals:
    """What a closure sums, recomputed from the sale and cash.move records of the journal."""

    def __init__(self):
        self.n = {k: 0 for k in ("cash_in", "cash_out", "discounts", "tickets", "total", "total_abs", "refunds", "refunds_total",
                                 "voucher_excess")}
        self.cashier, self.ent, self.tender, self.vat = {}, {}, {}, {}

    def add_sale(self, p):
        n = self.n
        n["tickets"] += 1
        n["total"] += p["total"]
        n["total_abs"] += abs(p["total"])
        n["discounts"] += p["discount"] + sum(l["disc"] for l in p["lines"])
        self.cashier[p["user"]] = self.cashier.get(p["user"], 0) + p["total"]
        for x in p["payments"]:
            self.tender[x["method"]] = self.tender.get(x["method"], 0) + x["amount"]
        if p["change"]:
            self.tender["cash"] = self.tender.get("cash", 0) - p["change"]
        if p.get("voucher_excess", 0):  # vouchers beyond the ticket: counted apart, not in by_tender
            n["voucher_excess"] += p["voucher_excess"]
            self.tender["voucher"] = self.tender.get("voucher", 0) - p["voucher_excess"]
        per_rate = {}
        for l in p["lines"]:
            self.ent[l["ent"]] = self.ent.get(l["ent"], 0) + l["total"]
            per_rate[l["vat"]] = per_rate.get(l["vat"], 0) + l["total"]
        for rate, ttc in per_rate.items():  # the VAT rule per ticket and rate, then summed
            vat = round_half_up(ttc * rate, 10000 + rate)
            r = self.vat.setdefault(rate, [0, 0, 0])
            r[0], r[1], r[2] = r[0] + ttc - vat, r[1] + vat, r[2] + ttc

    def add_refund(self, p):  # a refund or cancellation: negative amounts, its own VAT
        n = self.n
        n["refunds"] += 1
        n["refunds_total"] += p["total"]
        n["total"] += p["total"]
        n["total_abs"] += abs(p["total"])
        n["discounts"] += p["discount"] + sum(l["disc"] for l in p["lines"])
        self.cashier[p["user"]] = self.cashier.get(p["user"], 0) + p["total"]
        for x in p["payments"]:
            self.tender[x["method"]] = self.tender.get(x["method"], 0) + x["amount"]
        if p.get("voucher_excess", 0):
            n["voucher_excess"] += p["voucher_excess"]
            self.tender["voucher"] = self.tender.get("voucher", 0) - p["voucher_excess"]
        for l in p["lines"]:
            self.ent[l["ent"]] = self.ent.get(l["ent"], 0) + l["total"]
        for x in p["vat"]:
            r = self.vat.setdefault(x["rate"], [0, 0, 0])
            r[0], r[1], r[2] = r[0] + x["ht"], r[1] + x["vat"], r[2] + x["ttc"]

    def add_move(self, amount):
        self.n["cash_in" if amount > 0 else "cash_out"] += abs(amount)

    def add_payload(self, p):  # a closure's totals, as a period closure sums its Zs
        for k in self.n:
            self.n[k] += p.get(k, 0) if k in REFUND_KEYS else p[k]
        for x in p["by_cashier"]:
            self.cashier[x["user"]] = self.cashier.get(x["user"], 0) + x["total"]
        for x in p["by_entrepreneur"]:
            self.ent[x["entrepreneur"]] = self.ent.get(x["entrepreneur"], 0) + x["total"]
        for x in p["by_tender"]:
            self.tender[x["method"]] = self.tender.get(x["method"], 0) + x["amount"]
        for x in p["by_vat"]:
            r = self.vat.setdefault(x["rate"], [0, 0, 0])
            r[0], r[1], r[2] = r[0] + x["ht"], r[1] + x["vat"], r[2] + x["ttc"]

    def payload(self):
        out = dict(self.n)
        if not out["refunds"]:
            del out["refunds"], out["refunds_total"]
        if not out["voucher_excess"]:
            del out["voucher_excess"]
        out["by_cashier"] = [{"total": v, "user": k} for k, v in sorted(self.cashier.items())]
        out["by_entrepreneur"] = [{"entrepreneur": k, "total": v} for k, v in sorted(self.ent.items())]
        out["by_tender"] = [{"amount": v, "method": k} for k, v in sorted(self.tender.items(), key=lambda kv: kv[0].encode())]
        out["by_vat"] = [{"ht": v[0], "rate": k, "ttc": v[2], "vat": v[1]} for k, v in sorted(self.vat.items())]
        return out


def totals_differ(p, want, what):
    diff = [k for k in sorted(TOTAL_KEYS | REFUND_KEYS) if canon(p.get(k)) != canon(want.get(k))]
    return [f"{k} is {canon(p.get(k))} but {what} give {canon(want.get(k))}" for k in diff]


class Closures:
    """The closure rules of one terminal, fed its records in seq order (docs/ledger-format.md, "Closures")."""

    def __init__(self, db, t, bad):
        self.db, self.t, self.bad = db, t, bad
        self.sessions = {}  # id -> {"seq", "at", "day", "float", "totals", "first", "last", "moves", "z"}
        self.zs = []        # Z payloads, in z order
        self.grand = self.grand_abs = 0
        self.number, self.covered = {"month": 0, "year": 0}, {"month": 0, "year": 0}
        self.ats = {}       # seq -> at_utc, for clock_backwards

    def open_session(self, seq, at, p):
        s = p.get("id")
        if s in self.sessions:
            return self.bad(f"session {s} is opened twice")
        if s != len(self.sessions) + 1:
            self.bad(f"session id {s} breaks the gap-free session sequence (expected {len(self.sessions) + 1})")
        count = p.get("count")
        if count is not None:
            if not count or any(c.get("cents", 0) < 1 or c.get("pieces", 0) < 1 for c in count) \
                    or [c["cents"] for c in count] != sorted({c["cents"] for c in count}, reverse=True):
                self.bad("session.open count is not a list of denominations, largest first, each with pieces >= 1")
            elif sum(c["cents"] * c["pieces"] for c in count) != p.get("float"):
                self.bad("session.open float is not the sum of its count")
        self.sessions[s] = {"seq": seq, "at": at, "day": p.get("day"), "float": p.get("float"), "totals": Totals(),
                            "first": 0, "last": 0, "moves": [], "z": None}

    def session_of(self, p, what):
        s = self.sessions.get(p.get("session"))
        if s is None:
            self.bad(f"{what} names session {p.get('session')}, which was never opened")
        elif s["z"] is not None:
            self.bad(f"{what} names session {p.get('session')}, already closed by Z {s['z']}")
            return None
        return s

    def sale(self, p):
        s = self.session_of(p, "sale")
        if s:
            s["totals"].add_sale(p)
            s["first"] = s["first"] or p["ticket"]
            s["last"] = p["ticket"]

    def refund(self, p):
        s = self.session_of(p, "sale.refund")
        if s:
            s["totals"].add_refund(p)

    def cash_move(self, seq, p):
        if p.get("amount") == 0 or not isinstance(p.get("amount"), int):
            self.bad("cash.move amount must be a non-zero integer")
        s = self.session_of(p, "cash.move")
        if s and isinstance(p.get("amount"), int):
            s["totals"].add_move(p["amount"])
            s["moves"].append(seq)

    def day(self, seq, at, p):
        if not DAY_KEYS <= set(p) <= DAY_KEYS | DAY_OPTIONAL:
            return self.bad(f"closure.day payload keys differ from the format: {', '.join(sorted(set(p) ^ DAY_KEYS - DAY_OPTIONAL))}")
        bad = lambda r: self.bad(f"Z {p['z']}: {r}")
        if p["z"] != len(self.zs) + 1:
            bad(f"z breaks the gap-free Z sequence (expected {len(self.zs) + 1})")
        s = self.sessions.get(p["session"])
        if s is None:
            bad(f"closes session {p['session']}, which was never opened")
        elif s["z"] is not None:
            bad(f"closes session {p['session']}, already closed by Z {s['z']}")
        else:
            s["z"] = p["z"]
            for r in totals_differ(p, s["totals"].payload(), "the session's sale and cash.move records"):
                bad(r)
            for k, want in (("float", s["float"]), ("date", s["day"]), ("opened_at", s["at"]), ("first_ticket", s["first"]),
                            ("last_ticket", s["last"]), ("cash_moves", s["moves"])):
                if canon(p[k]) != canon(want):
                    bad(f"{k} is {canon(p[k])} but the session gives {canon(want)}")
            steps = [{"at": self.ats[q], "previous": self.ats[q - 1], "seq": q} for q in range(s["seq"], seq + 1)
                     if q - 1 in self.ats and q in self.ats and self.ats[q] < self.ats[q - 1]]
            if canon(p["clock_backwards"]) != canon(steps):
                bad(f"clock_backwards is {canon(p['clock_backwards'])} but the records give {canon(steps)}")
        count = p["count"]
        if any(c.get("cents", 0) < 1 or c.get("pieces", 0) < 1 for c in count) \
                or [c["cents"] for c in count] != sorted({c["cents"] for c in count}, reverse=True):
            bad("count is not a list of denominations, largest first, each with pieces >= 1")
        if p["counted_cash"] != sum(c["cents"] * c["pieces"] for c in count):
            bad("counted_cash is not the sum of the count")
        cash_kept = next((x["amount"] for x in p["by_tender"] if x["method"] == "cash"), 0)
        if p["expected_cash"] != p["float"] + cash_kept + p["cash_in"] - p["cash_out"]:
            bad("expected_cash != float + cash kept + cash_in - cash_out")
        if p["over_short"] != p["counted_cash"] - p["expected_cash"]:
            bad("over_short != counted_cash - expected_cash")
        if not 1 <= p["counts"] <= 9:
            bad("counts is not 1 to 9")
        self.grand += p["total"]
        self.grand_abs += p["total_abs"]
        if p["grand_total"] != self.grand:
            bad(f"grand_total should be {self.grand} (the previous Z's plus this total)")
        if p["grand_total_abs"] != self.grand_abs:
            bad(f"grand_total_abs should be {self.grand_abs}")
        self.grand, self.grand_abs = p["grand_total"], p["grand_total_abs"]  # report each break once
        if p["month"] != p["date"][:7]:
            bad("month is not the month of its date")
        if not re.fullmatch(r"\d{4}", p["year"]):
            bad("year is not YYYY")
        prev = self.zs[-1] if self.zs else None
        for k, label in (("month_total", "month"), ("year_total", "year")):
            want = (prev[k] if prev and prev[label] == p[label] else 0) + p["total"]
            if p[k] != want:
                bad(f"{k} should be {want} (runs on from the previous Z while its {label} is the same)")
        row = self.db.execute("SELECT z, session_id, date, total, grand_total, grand_total_abs, over_short FROM day_closures "
                              "WHERE terminal=? AND seq=?", (self.t, seq)).fetchall()
        want = [(p["z"], p["session"], p["date"], p["total"], p["grand_total"], p["grand_total_abs"], p["over_short"])]
        if row != want:
            self.bad("projection row in day_closures differs from the record" if row else "closure.day record has no day_closures row")
        if cash_count(self.db, self.t, seq) != count:
            self.bad("cash_counts rows differ from the Z's count")
        self.zs.append(p)

    def period(self, seq, kind, p):
        k = kind.split(".")[1]
        if not PERIOD_KEYS <= set(p) <= PERIOD_KEYS | REFUND_KEYS:
            return self.bad(f"{kind} payload keys differ from the format: {', '.join(sorted(set(p) ^ PERIOD_KEYS - REFUND_KEYS))}")
        bad = lambda r: self.bad(f"{k} closure {p['number']}: {r}")
        self.number[k] += 1
        if p["number"] != self.number[k]:
            bad(f"number breaks the gap-free {k} sequence (expected {self.number[k]})")
        if p["first_z"] != self.covered[k] + 1:
            bad(f"first_z should be {self.covered[k] + 1}: {k} closures cover the Zs one after the other")
        row = self.db.execute("SELECT kind, number, period, first_z, last_z, total FROM period_closures WHERE terminal=? AND seq=?",
                              (self.t, seq)).fetchall()
        if row != [(k, p["number"], p["period"], p["first_z"], p["last_z"], p["total"])]:
            self.bad("projection row in period_closures differs from the record" if row else f"{kind} record has no period_closures row")
        if not 1 <= p["first_z"] <= p["last_z"] <= len(self.zs):
            return bad(f"covers Zs {p['first_z']} to {p['last_z']}, which do not all exist before it")
        self.covered[k] = p["last_z"]
        zs = self.zs[p["first_z"] - 1:p["last_z"]]
        sums = Totals()
        for z in zs:
            sums.add_payload(z)
        for r in totals_differ(p, sums.payload(), f"Zs {p['first_z']} to {p['last_z']}"):
            bad(r)
        for f, want in (("days", len(zs)), ("first_day", zs[0]["date"]), ("last_day", zs[-1]["date"]),
                        ("grand_total", zs[-1]["grand_total"]), ("grand_total_abs", zs[-1]["grand_total_abs"])):
            if p[f] != want:
                bad(f"{f} is {canon(p[f])} but its Zs give {canon(want)}")
        if any(z[k] != p["period"] for z in zs):
            bad(f"period {p['period']} is not the {k} of every Z it covers")


def verify(path, pin, notes):
    db = sqlite3.connect("file:" + urllib.parse.quote(path) + "?mode=ro", uri=True)
    db.text_factory = lambda b: b.decode("utf-8", "surrogateescape")
    if db.execute("PRAGMA application_id").fetchone()[0] != APP_ID:
        raise NotALedger("application_id is not CCM1")
    version = db.execute("PRAGMA user_version").fetchone()[0]
    if version not in (1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14):
        raise NotALedger("user_version is not 1 to 14")
    tables = [t for t in TABLES if (version >= 7 or t != "training_sales") and (version >= 8 or t not in MEMBER_TABLES)] \
        + (REFUND_TABLES if version >= 6 else []) + (BUNDLE_TABLES if version >= 9 else []) \
        + (sorted(CAPE_TABLES) if version >= 10 else []) + (sorted(ROLE_TABLES) if version >= 12 else []) \
        + (sorted(CATERING_TABLES) if version >= 13 else []) + (sorted(REVISION_TABLES) if version >= 14 else [])
    local = (db.execute("SELECT value FROM local_settings WHERE key = 'terminal'").fetchone() or [None])[0] if version >= 9 else None
    sales, refunded, nrefund = {}, {}, {}  # (t, ticket) -> sale payload; (t, ticket) -> (units, ttc); t -> last refund
    probs, keys, kinds, tickets, heads = [], {}, {}, {}, {}
    rows = db.execute("SELECT terminal, seq, kind, at_utc, payload, prev_hash, hash, sig FROM journal ORDER BY terminal, seq").fetchall()
    expect, last, cur = 1, ZERO, None
    for t, seq, kind, at, payload, prev, h, sig in rows:
        bad = lambda reason, s=seq: probs.append((t, s, reason))
        if t != cur:
            cur, expect, last, nticket, ndup, ntraining = t, 1, ZERO, 0, 0, 0
            ninvoice = {}  # year -> last invoice n of this terminal
            closures = Closures(db, t, None)
        closures.bad = bad
        if not (all(isinstance(x, str) for x in (t, kind, at, payload)) and isinstance(seq, int)
                and all(isinstance(x, bytes) and len(x) == 32 for x in (prev, h))):
            bad("journal column of the wrong type or size")
            kinds[(t, seq)], expect, last = kind, (seq + 1 if isinstance(seq, int) else expect), h
            continue
        kinds[(t, seq)], heads[t] = kind, (seq, h)
        closures.ats[seq] = at
        if seq != expect:
            probs.append((t, expect, "missing record" + (f"s {expect}..{seq - 1}" if seq > expect + 1 else "") if seq > expect else "seq out of order"))
        expect = seq + 1
        if not TERMINAL_RE.fullmatch(t):
            bad("terminal name is not [A-Za-z0-9_-]{1,32}")
        if not valid_at(at):
            bad("at_utc is not YYYY-MM-DDTHH:MM:SS.mmmZ")
        if prev != last:
            bad("prev_hash is not the previous record's hash")
        if hashlib.sha256(frame(prev, t, seq, kind, at, payload)).digest() != h:
            bad("hash does not match the recomputed SHA-256")
        last = h
        try:
            p = parse_canonical(payload)
            if not isinstance(p, dict):
                raise ValueError("payload is not an object")
        except ValueError as e:
            bad(str(e))
            p = None
        if (seq == 1) != (kind == "genesis"):
            bad("record 1 must be genesis, and only record 1")
        elif kind == "genesis" and p is not None:
            if p.get("format") != 1 or p.get("terminal") != t or not isinstance(p.get("software"), str) \
                    or set(p) != {"format", "public_key", "software", "terminal"} or not re.fullmatch("[0-9a-f]{64}", str(p.get("public_key"))):
                bad("genesis payload is not {format:1, public_key, software, terminal: this terminal}")
            else:
                keys[t] = bytes.fromhex(p["public_key"])
        if kind in SIGNED:
            if not (t in keys and isinstance(sig, bytes) and ed_verify(keys[t], sig, h)):
                bad("signature does not verify with the genesis public key")
        elif sig is not None:
            bad("unsigned kind carries a signature")
        if kind not in KINDS:
            bad(f"unknown record kind {kind!r}")
        elif p is not None and kind in CLOSURES:
            try:
                if kind == "closure.day":
                    closures.day(seq, at, p)
                else:
                    closures.period(seq, kind, p)
            except (KeyError, TypeError, AttributeError, IndexError) as e:
                bad(f"malformed {kind} payload ({e!r})")
        elif p is not None:
            if kind == "sale":
                nticket += 1
                tickets[(t, p.get("ticket"))] = seq
                sales[(t, p.get("ticket"))] = p
                if p.get("ticket") != nticket:
                    bad(f"ticket {p.get('ticket')} breaks the gap-free ticket sequence (expected {nticket})")
                try:
                    for reason in sale_problems(p):
                        bad("sale: " + reason)
                    closures.sale(p)
                except (KeyError, TypeError, AttributeError) as e:
                    bad(f"malformed sale payload ({e!r})")
            elif kind == "training.sale":  # its own ticket numbers 1, 2, 3...; counted in no closure
                ntraining += 1
                if p.get("ticket") != ntraining:
                    bad(f"training ticket {p.get('ticket')} breaks the gap-free sequence (expected {ntraining})")
            elif kind == "receipt.duplicate":  # numbers 1, 2, 3...; the ticket was recorded before it
                ndup += 1
                if p.get("number") != ndup:
                    bad(f"duplicate number {p.get('number')} breaks the gap-free sequence (expected {ndup})")
                if (t, p.get("ticket")) not in tickets:
                    bad(f"duplicate of ticket {p.get('ticket')}, which was not recorded before it")
            elif kind == "invoice.issue":  # numbers F-YYYY-NNNN gap-free per terminal and year
                year, n = p.get("year"), p.get("n")
                if n != ninvoice.get(year, 0) + 1 or p.get("number") != f"F-{year:04}-{n:04}":
                    bad(f"invoice {p.get('number')} breaks the gap-free sequence of {year} (expected n = {ninvoice.get(year, 0) + 1})")
                ninvoice[year] = n if isinstance(n, int) else ninvoice.get(year, 0)
            elif kind == "sale.refund":  # a counter-entry to an earlier ticket of this terminal
                nrefund[t] = nrefund.get(t, 0) + 1
                if p.get("refund") != nrefund[t]:
                    bad(f"refund {p.get('refund')} breaks the gap-free refund sequence (expected {nrefund[t]})")
                sale = sales.get((t, p.get("ticket")))
                if sale is None:
                    bad(f"refund of ticket {p.get('ticket')}, which was not recorded before it")
                else:
                    try:
                        units, ttc = refunded.setdefault((t, p["ticket"]), ({}, {}))
                        first = not units
                        for reason in refund_problems(p, sale, units, ttc):
                            bad("sale.refund: " + reason)
                        if p["cancel"] and (not first or p["ticket"] != nticket or sale["session"] != p["session"]
                                            or [-l["qty"] for l in p["lines"]] != [l["qty"] for l in sale["lines"]]
                                            or canon(net_tenders(sale)) != canon([dict(x, amount=-x["amount"]) for x in p["payments"]])):
                            bad("cancellation is not the whole last ticket of its session, given back by the same tenders")
                        closures.refund(p)
                    except (KeyError, TypeError, AttributeError) as e:
                        bad(f"malformed sale.refund payload ({e!r})")
            elif kind == "session.open":
                closures.open_session(seq, at, p)
            elif kind == "cash.move":
                closures.cash_move(seq, p)
            try:
                out = rebuild(db, t, seq, kind, p, local)
                diff = sorted(k for k in set(out) | set(p) if canon(out.get(k)) != canon(p.get(k)))
                if diff:
                    bad(f"projection rows differ from payload in: {', '.join(diff)}")
            except ValueError as e:
                bad(str(e))
            except TypeError:
                bad("projection row holds a value of the wrong type")
            except sqlite3.Error as e:
                bad(f"projection unreadable: {e}")
    if pin and pin not in {k.hex() for k in keys.values()}:
        probs.append((rows[0][0] if rows else None, 1, "genesis public key differs from the pinned --pubkey"))
    try:  # orphan projection rows
        for kind, (table, _) in PROJ.items():
            if (table == "refunds" and version < 6) or (table in MEMBER_TABLES and version < 8) or (table in CAPE_TABLES and version < 10) \
                    or (table in ROLE_TABLES and version < 12) or (table in CATERING_TABLES and version < 13) \
                    or (table in REVISION_TABLES and version < 14):
                continue
            for t, s in db.execute(f"SELECT terminal, seq FROM {table}"):
                if kinds.get((t, s)) != kind or (local is not None and kind in IMPORTED and t != local):
                    probs.append((t, s, f"orphan row in {table}: no {kind} record of this till at this seq"))
            if version >= 9 and kind in IMPORTED:
                for t, s in db.execute(f"SELECT terminal, seq FROM {IMPORTED[kind]}"):
                    if kinds.get((t, s)) != kind or t == local:
                        probs.append((t, s, f"orphan row in {IMPORTED[kind]}: no {kind} record of another till at this seq"))
        for table, ok in (("cash_counts", ("session.open", "closure.day")), ("day_closures", ("closure.day",)),
                          ("period_closures", ("closure.month", "closure.year"))):
            for t, s in db.execute(f"SELECT DISTINCT terminal, seq FROM {table}"):
                if kinds.get((t, s)) not in ok:
                    probs.append((t, s, f"orphan row in {table}: no {' or '.join(ok)} record at this seq"))
        if version >= 6:
            for _, table, _, _ in REFUND_CHILD:
                for t, n in db.execute(f"SELECT DISTINCT terminal, refund FROM {table}"):
                    if not db.execute("SELECT 1 FROM refunds WHERE terminal=? AND refund=?", (t, n)).fetchone():
                        probs.append((t, None, f"orphan rows in {table} for refund {n}: no sale.refund record"))
        for _, table, _, _ in CHILD:
            for t, ticket in db.execute(f"SELECT DISTINCT terminal, ticket FROM {table}"):
                if (t, ticket) not in tickets:
                    r = db.execute("SELECT seq FROM sales WHERE terminal=? AND ticket=?", (t, ticket)).fetchone()
                    probs.append((t, r and r[0], f"orphan rows in {table} for ticket {ticket}: no sale record"))
    except sqlite3.Error as e:
        probs.append((None, None, f"projection unreadable: {e}"))
    have = {n for (n,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")}
    for n in sorted(have - set(tables) - {"local_settings", "credentials", "sale_requests"}):
        probs.append((None, None, f"table {n} is not part of the schema"))
    for n in sorted((set(tables) | {"local_settings"}) - have):
        probs.append((None, None, f"table {n} is missing"))
    trig = {n: (tb, sql) for n, tb, sql in db.execute("SELECT name, tbl_name, sql FROM sqlite_master WHERE type='trigger'")}
    for table in tables:
        for op in ("UPDATE", "DELETE"):
            name = f"{table}_no_{op.lower()}"
            what = "journal" if table == "journal" else "ledger"
            want = f"CREATE TRIGGER {name} BEFORE {op} ON {table} BEGIN SELECT RAISE(ABORT, '{what} is append-only'); END"
            if trig.get(name) != (table, want):
                probs.append((None, None, f"append-only trigger {name} is missing or altered"))
    if os.path.exists(path + ".head"):  # head anchor: "caisse-head 2", then two slots "terminal seq hash sig"
        lines = open(path + ".head", encoding="utf-8", errors="replace").read().split("\n")
        if len(lines) != 4 or lines[0] != "caisse-head 2" or lines[3] != "":
            probs.append((None, None, "head anchor file is malformed"))
        else:
            best, torn = {}, 0
            for line in lines[1:3]:
                f = line.split(" ")
                ok = len(f) == 4 and re.fullmatch("[0-9]{20}", f[1]) and re.fullmatch("[0-9a-f]{64}", f[2]) \
                    and re.fullmatch("[0-9a-f]{128}", f[3]) and f[0] in keys
                if ok:
                    t, s = f[0], int(f[1])
                    msg = hashlib.sha256(f"caisse-head\n{t}\n{s}\n{f[2]}".encode()).digest()
                    ok = ed_verify(keys[t], bytes.fromhex(f[3]), msg)
                if not ok:
                    torn += 1
                elif t not in best or s > best[t][0]:
                    best[t] = (s, f[2])
            if torn and best:
                notes.append("one head anchor slot is torn or invalid")
            for t in sorted(heads):  # every terminal with records has a validly signed slot of its own
                if local is not None and t != local:
                    continue  # another till's chain: its bundle heads, below
                if t not in best:
                    probs.append((t, None, "no validly signed head anchor slot for this terminal"))
                    continue
                s, h = best[t]
                if s > heads[t][0]:
                    probs.append((t, heads[t][0] + 1, f"missing record: the head anchor is at seq {s}"))
                elif bytes.fromhex(h) != next((r[6] for r in rows if r[0] == t and r[1] == s), None):
                    probs.append((t, s, "head anchor hash differs from this record's hash"))
                elif s < heads[t][0]:
                    notes.append(f"head anchor is {heads[t][0] - s} records behind the journal")
    else:
        probs.append((None, None, "head anchor file is missing: a chain rewritten or truncated without the key cannot be ruled out"))
    if local is not None:  # another till's chain ends at its newest bundle head, signed like a head anchor slot
        for t in sorted(set(heads) - {local}):
            got = db.execute("SELECT last_seq, hex(hash), sig FROM bundle_heads WHERE terminal = ? ORDER BY last_seq", (t,)).fetchall()
            if not got:
                probs.append((t, None, "another till's chain with no signed bundle head"))
                continue
            for s, h, sig in got:
                msg = hashlib.sha256(f"caisse-head\n{t}\n{s}\n{h.lower()}".encode()).digest()
                if t not in keys or not isinstance(sig, bytes) or not ed_verify(keys[t], sig, msg):
                    probs.append((t, s, "bundle head signature does not verify with the genesis key"))
                elif bytes.fromhex(h) != next((r[6] for r in rows if r[0] == t and r[1] == s), None):
                    probs.append((t, s, "the chain does not hold the record a bundle head names (cut or forked)"))
            if heads[t][0] > got[-1][0]:
                probs.append((t, got[-1][0] + 1, "records after the newest bundle head came in no signed bundle"))
    probs = list(dict.fromkeys(probs))
    probs.sort(key=lambda p: (p[0] is None, str(p[0]), not isinstance(p[1], int), p[1] if isinstance(p[1], int) else 0))
    db.close()
    return len(rows), probs


def self_test(doc):
    try:
        text = open(doc, encoding="utf-8").read()
    except OSError as e:
        print(f"--doc: {e}", file=sys.stderr)
        return 2
    block = dict(re.findall(r"<!-- example:(\w+) -->\s*```\n(.*?)\n```", text, re.S))
    m = re.search(r"seed `([0-9a-f]{64})`.*?public key `([0-9a-f]{64})`", text, re.S)
    if not m:
        print("FAIL worked example: seed and public key not found")
        return 1
    seed, pk = m.groups()
    fails = []

    def check(name, got, want):
        print(("ok   " if got == want else "FAIL ") + name)
        fails.extend([name] if got != want else [])
    pub = ed_sign(bytes.fromhex(seed), b"")[1]
    check("public key from RFC 8032 seed", pub.hex(), pk)
    p1 = canon({"format": 1, "public_key": pk, "software": "caisse 0.1.0", "terminal": "T1"})
    check("payload1", p1, block.get("payload1"))
    f1 = frame(ZERO, "T1", 1, "genesis", "2026-01-05T09:30:00.000Z", p1)
    h1 = hashlib.sha256(f1).digest()
    check("framing1", f1.hex(), block.get("framing1"))
    check("hash1", h1.hex(), block.get("hash1"))
    check("sig1", ed_sign(bytes.fromhex(seed), h1)[0].hex(), block.get("sig1"))
    check("sig1 verifies", ed_verify(pub, bytes.fromhex(block.get("sig1", "")), h1), True)
    p2 = canon({"colour": "#c0392b", "id": 1, "name": "Aminata Diop"})
    check("payload2 as printed", f"`{p2}`" in text, True)
    f2 = frame(h1, "T1", 2, "entrepreneur.add", "2026-01-05T09:30:00.010Z", p2)
    check("framing2", f2.hex(), block.get("framing2"))
    check("hash2", hashlib.sha256(f2).hexdigest(), block.get("hash2"))
    return 1 if fails else 0


def main():
    ap = argparse.ArgumentParser(description="Verify a Caisse Commune ledger (format 1) from its spec alone.")
    ap.add_argument("ledger", nargs="?", help="NAME.db")
    ap.add_argument("--pubkey", help="the terminal's public key (64 hex digits) written down at init")
    ap.add_argument("--json", action="store_true", help="machine-readable output")
    ap.add_argument("--self-test", action="store_true", help="check the spec's worked example")
    ap.add_argument("--doc", default=os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "docs", "ledger-format.md"))
    a = ap.parse_args()
    if a.pubkey and not re.fullmatch("[0-9a-fA-F]{64}", a.pubkey):
        ap.error("--pubkey must be 64 hex digits")
    if not a.ledger and not a.self_test:
        ap.error("a ledger file or --self-test is required")
    rc = self_test(a.doc) if a.self_test else 0
    if not a.ledger:
        return rc
    if not os.path.isfile(a.ledger):
        print(f"{a.ledger}: no such file", file=sys.stderr)
        return 2
    notes = []
    try:
        n, probs = verify(a.ledger, a.pubkey and a.pubkey.lower(), notes)
    except (NotALedger, sqlite3.Error) as e:
        print(f"{a.ledger}: not a ledger ({e})", file=sys.stderr)
        return 2
    if a.json:
        first = probs and dict(zip(("terminal", "seq", "reason"), probs[0]))
        print(json.dumps({"ok": not probs, "records": n, "first_bad": first or None}))
    else:
        for note in notes:
            print("note: " + note, file=sys.stderr)
        for t, s, reason in probs:
            print(f"{t or '-'} {'-' if s is None else s}: {reason}")
        if not probs:
            print(f"OK: {n} records verified")
    return max(rc, 1 if probs else 0)


if __name__ == "__main__":
    sys.exit(main())
