-- Refunds and cancellations (schema 6): the projections of the `sale.refund` record, a
-- counter-entry that references the original ticket and its lines (docs/ledger-format.md,
-- "sale.refund"). Amounts are negative: what the refund takes back from the takings. cancel: 1
-- when it cancels the ticket just made (the whole ticket, by the same tenders), 0 for a refund.
CREATE TABLE refunds (
  terminal   TEXT    NOT NULL,
  refund     INTEGER NOT NULL,
  seq        INTEGER NOT NULL,
  ticket     INTEGER NOT NULL,
  session_id INTEGER NOT NULL,
  user_id    INTEGER NOT NULL,
  day        TEXT    NOT NULL,
  cancel     INTEGER NOT NULL,
  discount   INTEGER NOT NULL,
  total      INTEGER NOT NULL,
  PRIMARY KEY (terminal, refund)
) WITHOUT ROWID;
CREATE UNIQUE INDEX refunds_by_seq ON refunds (terminal, seq);
CREATE INDEX refunds_by_ticket ON refunds (terminal, ticket, refund);
CREATE INDEX refunds_by_session ON refunds (terminal, session_id, refund);

-- One row per line given back; sale_line: the line_no of the original ticket's line.
CREATE TABLE refund_lines (
  terminal        TEXT    NOT NULL,
  refund          INTEGER NOT NULL,
  line_no         INTEGER NOT NULL,
  sale_line       INTEGER NOT NULL,
  sku             TEXT    NOT NULL,
  name            TEXT    NOT NULL,
  entrepreneur_id INTEGER NOT NULL,
  category_id     INTEGER NOT NULL,
  vat_bp          INTEGER NOT NULL,
  quantity        INTEGER NOT NULL,
  unit_price      INTEGER NOT NULL,
  line_discount   INTEGER NOT NULL,
  discount_share  INTEGER NOT NULL,
  total           INTEGER NOT NULL,
  PRIMARY KEY (terminal, refund, line_no)
) WITHOUT ROWID;

-- The money given back, per tender (amounts < 0).
CREATE TABLE refund_payments (
  terminal TEXT    NOT NULL,
  refund   INTEGER NOT NULL,
  idx      INTEGER NOT NULL,
  method   TEXT    NOT NULL,
  amount   INTEGER NOT NULL,
  PRIMARY KEY (terminal, refund, idx)
) WITHOUT ROWID;

-- The refund's VAT per rate (the cumulative rule of docs/ledger-format.md, "sale.refund").
CREATE TABLE refund_vat (
  terminal TEXT    NOT NULL,
  refund   INTEGER NOT NULL,
  rate     INTEGER NOT NULL,
  ht       INTEGER NOT NULL,
  vat      INTEGER NOT NULL,
  ttc      INTEGER NOT NULL,
  PRIMARY KEY (terminal, refund, rate)
) WITHOUT ROWID;

CREATE TRIGGER refunds_no_update BEFORE UPDATE ON refunds BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER refunds_no_delete BEFORE DELETE ON refunds BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER refund_lines_no_update BEFORE UPDATE ON refund_lines BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER refund_lines_no_delete BEFORE DELETE ON refund_lines BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER refund_payments_no_update BEFORE UPDATE ON refund_payments BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER refund_payments_no_delete BEFORE DELETE ON refund_payments BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER refund_vat_no_update BEFORE UPDATE ON refund_vat BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER refund_vat_no_delete BEFORE DELETE ON refund_vat BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
