-- Quote revisions (issue 14 item 8; docs/ledger-format.md, "quote.revise"): the quote editor changes
-- a quote not yet accepted by a new record, never by an update. A revision carries the quote's whole
-- header and all its lines; a quote's current content is its newest revision's, else its quote.new
-- and quote.line records. lines: the lines as canonical JSON (an array, line numbers by position).
CREATE TABLE quote_revisions (
  terminal     TEXT    NOT NULL,
  seq          INTEGER NOT NULL,
  quote_id     INTEGER NOT NULL,
  customer_id  INTEGER NOT NULL,
  basis        TEXT    NOT NULL,
  guests       INTEGER NOT NULL,
  service_date TEXT    NOT NULL,
  place        TEXT    NOT NULL,
  valid_until  TEXT    NOT NULL,
  note         TEXT    NOT NULL,
  day          TEXT    NOT NULL,
  lines        TEXT    NOT NULL,
  user_id      INTEGER NOT NULL,
  PRIMARY KEY (terminal, seq)
) WITHOUT ROWID;
CREATE INDEX quote_revisions_by_quote ON quote_revisions (terminal, quote_id, seq);

CREATE TRIGGER quote_revisions_no_update BEFORE UPDATE ON quote_revisions BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER quote_revisions_no_delete BEFORE DELETE ON quote_revisions BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
