-- End of day (schema 3): the float counted by denomination, cash moves, day closures (Z) and
-- month and year closures. A closure's full breakdowns live in its signed journal payload; these
-- projections hold what lookups and verify's cross-checks need.

-- Pieces counted, per denomination, by a session.open (the float) or a closure.day (the close).
CREATE TABLE cash_counts (
  terminal TEXT    NOT NULL,
  seq      INTEGER NOT NULL,
  cents    INTEGER NOT NULL CHECK (cents >= 1),
  pieces   INTEGER NOT NULL CHECK (pieces >= 1),
  PRIMARY KEY (terminal, seq, cents)
) WITHOUT ROWID;

CREATE TABLE cash_moves (
  terminal        TEXT    NOT NULL,
  seq             INTEGER NOT NULL,
  session_id      INTEGER NOT NULL,
  user_id         INTEGER NOT NULL,
  amount          INTEGER NOT NULL CHECK (amount <> 0),
  reason          TEXT    NOT NULL,
  entrepreneur_id INTEGER,
  PRIMARY KEY (terminal, seq)
) WITHOUT ROWID;
CREATE INDEX cash_moves_by_session ON cash_moves (terminal, session_id);

CREATE TABLE day_closures (
  terminal        TEXT    NOT NULL,
  seq             INTEGER NOT NULL,
  z               INTEGER NOT NULL CHECK (z >= 1),
  session_id      INTEGER NOT NULL,
  date            TEXT    NOT NULL,
  total           INTEGER NOT NULL,
  grand_total     INTEGER NOT NULL,
  grand_total_abs INTEGER NOT NULL,
  over_short      INTEGER NOT NULL,
  PRIMARY KEY (terminal, z),
  UNIQUE (terminal, seq),
  UNIQUE (terminal, session_id)
);
CREATE INDEX day_closures_by_date ON day_closures (date, terminal, z);

CREATE TABLE period_closures (
  terminal TEXT    NOT NULL,
  seq      INTEGER NOT NULL,
  kind     TEXT    NOT NULL CHECK (kind IN ('month', 'year')),
  number   INTEGER NOT NULL CHECK (number >= 1),
  period   TEXT    NOT NULL,
  first_z  INTEGER NOT NULL,
  last_z   INTEGER NOT NULL,
  total    INTEGER NOT NULL,
  PRIMARY KEY (terminal, kind, number),
  UNIQUE (terminal, seq)
);
CREATE INDEX period_closures_by_period ON period_closures (kind, period);

-- A session's tickets, for its X and Z without scanning the day.
CREATE INDEX sales_by_session ON sales (terminal, session_id, ticket);

CREATE TRIGGER cash_counts_no_update BEFORE UPDATE ON cash_counts BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER cash_counts_no_delete BEFORE DELETE ON cash_counts BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER cash_moves_no_update BEFORE UPDATE ON cash_moves BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER cash_moves_no_delete BEFORE DELETE ON cash_moves BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER day_closures_no_update BEFORE UPDATE ON day_closures BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER day_closures_no_delete BEFORE DELETE ON day_closures BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER period_closures_no_update BEFORE UPDATE ON period_closures BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER period_closures_no_delete BEFORE DELETE ON period_closures BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
