-- Catering orders for business customers (issue 14; docs/ledger-format.md, "customer.add",
-- "quote.new", "quote.line", "quote.accept", "invoice.issue", "payment.add"). The projections of
-- six record kinds; ids and invoice numbers are per terminal (the till that records them).
-- customers: a business or public customer (invoice::Customer), immutable once added.
-- quotes, quote_lines: a quote (devis) and its lines; quote_orders: a quote accepted -> an order.
-- invoices: an issued invoice, deposit invoice or credit note, gap-free numbers n = 1, 2, 3... per
--   terminal and year ("F-2026-0001"); document: its invoice::Document as canonical JSON; the
--   EN 16931 totals in cents; revenue: net cents per entrepreneur as canonical JSON.
-- invoice_payments: money received (transfer, cheque) against an invoice.
CREATE TABLE customers (
  terminal              TEXT    NOT NULL,
  seq                   INTEGER NOT NULL,
  id                    INTEGER NOT NULL,
  name                  TEXT    NOT NULL,
  address               TEXT    NOT NULL,
  postcode              TEXT    NOT NULL,
  city                  TEXT    NOT NULL,
  country               TEXT    NOT NULL,
  siren                 TEXT    NOT NULL,
  siret                 TEXT    NOT NULL,
  vat_number            TEXT    NOT NULL,
  public_buyer          INTEGER NOT NULL,
  service_code_required INTEGER NOT NULL,
  commitment_required   INTEGER NOT NULL,
  service_code          TEXT    NOT NULL,
  commitment_number     TEXT    NOT NULL,
  user_id               INTEGER NOT NULL,
  PRIMARY KEY (terminal, seq)
) WITHOUT ROWID;
CREATE UNIQUE INDEX customers_by_id ON customers (terminal, id);

CREATE TABLE quotes (
  terminal     TEXT    NOT NULL,
  seq          INTEGER NOT NULL,
  id           INTEGER NOT NULL,
  customer_id  INTEGER NOT NULL,
  basis        TEXT    NOT NULL,
  guests       INTEGER NOT NULL,
  service_date TEXT    NOT NULL,
  place        TEXT    NOT NULL,
  valid_until  TEXT    NOT NULL,
  note         TEXT    NOT NULL,
  day          TEXT    NOT NULL,
  user_id      INTEGER NOT NULL,
  PRIMARY KEY (terminal, seq)
) WITHOUT ROWID;
CREATE UNIQUE INDEX quotes_by_id ON quotes (terminal, id);

CREATE TABLE quote_lines (
  terminal        TEXT    NOT NULL,
  seq             INTEGER NOT NULL,
  quote_id        INTEGER NOT NULL,
  line            INTEGER NOT NULL,
  description     TEXT    NOT NULL,
  quantity_milli  INTEGER NOT NULL,
  unit_code       TEXT    NOT NULL,
  unit_price      INTEGER NOT NULL,
  vat_bp          INTEGER NOT NULL,
  entrepreneur_id INTEGER NOT NULL,
  sku             TEXT    NOT NULL,
  user_id         INTEGER NOT NULL,
  PRIMARY KEY (terminal, seq)
) WITHOUT ROWID;
CREATE INDEX quote_lines_by_quote ON quote_lines (terminal, quote_id, line);

CREATE TABLE quote_orders (
  terminal  TEXT    NOT NULL,
  seq       INTEGER NOT NULL,
  id        INTEGER NOT NULL,
  quote_id  INTEGER NOT NULL,
  day       TEXT    NOT NULL,
  user_id   INTEGER NOT NULL,
  PRIMARY KEY (terminal, seq)
) WITHOUT ROWID;
CREATE UNIQUE INDEX quote_orders_by_id ON quote_orders (terminal, id);

CREATE TABLE invoices (
  terminal    TEXT    NOT NULL,
  seq         INTEGER NOT NULL,
  number      TEXT    NOT NULL,
  year        INTEGER NOT NULL,
  n           INTEGER NOT NULL,
  kind        TEXT    NOT NULL,
  order_id    INTEGER NOT NULL,
  customer_id INTEGER NOT NULL,
  issue_date  TEXT    NOT NULL,
  due_date    TEXT    NOT NULL,
  corrects    TEXT    NOT NULL,
  document    TEXT    NOT NULL,
  line_total  INTEGER NOT NULL,
  tax_total   INTEGER NOT NULL,
  grand_total INTEGER NOT NULL,
  prepaid     INTEGER NOT NULL,
  rounding    INTEGER NOT NULL,
  due         INTEGER NOT NULL,
  revenue     TEXT    NOT NULL,
  user_id     INTEGER NOT NULL,
  PRIMARY KEY (terminal, seq)
) WITHOUT ROWID;
CREATE UNIQUE INDEX invoices_by_number ON invoices (terminal, number);

CREATE TABLE invoice_payments (
  terminal  TEXT    NOT NULL,
  seq       INTEGER NOT NULL,
  invoice   TEXT    NOT NULL,
  day       TEXT    NOT NULL,
  amount    INTEGER NOT NULL,
  method    TEXT    NOT NULL,
  reference TEXT    NOT NULL,
  user_id   INTEGER NOT NULL,
  PRIMARY KEY (terminal, seq)
) WITHOUT ROWID;
CREATE INDEX invoice_payments_by_invoice ON invoice_payments (terminal, invoice);

CREATE TRIGGER customers_no_update BEFORE UPDATE ON customers BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER customers_no_delete BEFORE DELETE ON customers BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER quotes_no_update BEFORE UPDATE ON quotes BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER quotes_no_delete BEFORE DELETE ON quotes BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER quote_lines_no_update BEFORE UPDATE ON quote_lines BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER quote_lines_no_delete BEFORE DELETE ON quote_lines BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER quote_orders_no_update BEFORE UPDATE ON quote_orders BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER quote_orders_no_delete BEFORE DELETE ON quote_orders BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER invoices_no_update BEFORE UPDATE ON invoices BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER invoices_no_delete BEFORE DELETE ON invoices BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER invoice_payments_no_update BEFORE UPDATE ON invoice_payments BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER invoice_payments_no_delete BEFORE DELETE ON invoice_payments BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
