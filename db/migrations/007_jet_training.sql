-- Training mode (schema 7; issue "Corrections and conservation", item 5). A sale rung up while the
-- till is in training (MODE ÉCOLE) is a `training.sale` record, never a `sale`: it has its own
-- ticket numbers (1, 2, 3... per terminal), and no total, report, Z, period closure or export reads
-- this table, so it counts for nothing. The record stays in the chain like any other, so removing
-- or changing it is detected. The payload has the layout of a sale's; lines, payments and vat are
-- kept here as the canonical JSON text of those lists (verify rebuilds the payload from this row).
-- Turning training on and off is an `event` record (codes training.on, training.off) naming who.
CREATE TABLE training_sales (
  terminal   TEXT    NOT NULL,
  seq        INTEGER NOT NULL,
  ticket     INTEGER NOT NULL,
  session_id INTEGER NOT NULL,
  user_id    INTEGER NOT NULL,
  day        TEXT    NOT NULL,
  discount   INTEGER NOT NULL,
  total      INTEGER NOT NULL,
  "change"   INTEGER NOT NULL,
  lines      TEXT    NOT NULL,
  payments   TEXT    NOT NULL,
  vat        TEXT    NOT NULL,
  PRIMARY KEY (terminal, seq),
  UNIQUE (terminal, ticket)
) WITHOUT ROWID;
CREATE TRIGGER training_sales_no_update BEFORE UPDATE ON training_sales BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER training_sales_no_delete BEFORE DELETE ON training_sales BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;

-- The technical event log lists events by code and by time (caisse events --since).
CREATE INDEX events_by_code ON events (terminal, code, seq);
