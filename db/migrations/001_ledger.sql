-- The journal is the source of truth; every other table is a projection written in the same
-- transaction as its journal record and checked against it by `caisse verify`. A sale's VAT table
-- is not projected: it follows from its lines by the VAT rule, which verify checks.
CREATE TABLE journal (
  terminal  TEXT    NOT NULL,
  seq       INTEGER NOT NULL CHECK (seq >= 1),
  kind      TEXT    NOT NULL,
  at_utc    TEXT    NOT NULL,
  payload   TEXT    NOT NULL,
  prev_hash BLOB    NOT NULL,
  hash      BLOB    NOT NULL,
  sig       BLOB,
  PRIMARY KEY (terminal, seq)
);

-- Settings of this till (its own terminal name). Not part of the ledger.
CREATE TABLE local_settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);

CREATE TABLE terminals (
  terminal   TEXT PRIMARY KEY,
  public_key BLOB NOT NULL,
  seq        INTEGER NOT NULL
);

CREATE TABLE entrepreneurs (
  id       INTEGER PRIMARY KEY,
  name     TEXT NOT NULL UNIQUE,
  colour   TEXT NOT NULL,
  terminal TEXT NOT NULL,
  seq      INTEGER NOT NULL,
  UNIQUE (terminal, seq)
);

CREATE TABLE categories (
  id       INTEGER PRIMARY KEY,
  name     TEXT NOT NULL UNIQUE,
  terminal TEXT NOT NULL,
  seq      INTEGER NOT NULL,
  UNIQUE (terminal, seq)
);

-- Every version of every product is kept: a ticket's prices can always be audited.
CREATE TABLE product_versions (
  terminal        TEXT NOT NULL,
  seq             INTEGER NOT NULL,
  sku             TEXT NOT NULL,
  name            TEXT NOT NULL,
  price           INTEGER NOT NULL,
  vat_bp          INTEGER NOT NULL,
  entrepreneur_id INTEGER NOT NULL REFERENCES entrepreneurs(id),
  category_id     INTEGER NOT NULL REFERENCES categories(id),
  picture         TEXT NOT NULL,
  open_price      INTEGER NOT NULL,
  active          INTEGER NOT NULL,
  PRIMARY KEY (terminal, seq)
);
CREATE INDEX product_versions_by_sku ON product_versions (sku, seq);
CREATE VIEW products AS
  SELECT * FROM product_versions pv
  WHERE pv.seq = (SELECT max(seq) FROM product_versions WHERE sku = pv.sku);

CREATE TABLE users (
  id       INTEGER PRIMARY KEY,
  name     TEXT NOT NULL UNIQUE,
  role     TEXT NOT NULL CHECK (role IN ('seller', 'manager', 'admin')),
  terminal TEXT NOT NULL,
  seq      INTEGER NOT NULL,
  UNIQUE (terminal, seq)
);

-- Credentials change (new PIN, failed attempts): not a projection, never exported.
CREATE TABLE credentials (
  user_id      INTEGER PRIMARY KEY REFERENCES users(id),
  pin_hash     TEXT NOT NULL,
  failed       INTEGER NOT NULL DEFAULT 0,
  locked_until TEXT
);

CREATE TABLE sessions (
  terminal   TEXT NOT NULL,
  id         INTEGER NOT NULL,
  seq        INTEGER NOT NULL,
  opened_by  INTEGER NOT NULL REFERENCES users(id),
  day        TEXT NOT NULL,
  float      INTEGER NOT NULL,
  PRIMARY KEY (terminal, id)
);

CREATE TABLE sales (
  terminal   TEXT NOT NULL,
  ticket     INTEGER NOT NULL,
  seq        INTEGER NOT NULL,
  session_id INTEGER NOT NULL,
  user_id    INTEGER NOT NULL,
  day        TEXT NOT NULL,
  discount   INTEGER NOT NULL,
  total      INTEGER NOT NULL,
  change     INTEGER NOT NULL,
  PRIMARY KEY (terminal, ticket)
) WITHOUT ROWID;
CREATE INDEX sales_by_day ON sales (day, terminal, ticket);

CREATE TABLE sale_lines (
  terminal        TEXT NOT NULL,
  ticket          INTEGER NOT NULL,
  line_no         INTEGER NOT NULL,
  sku             TEXT NOT NULL,
  name            TEXT NOT NULL,
  entrepreneur_id INTEGER NOT NULL,
  category_id     INTEGER NOT NULL,
  vat_bp          INTEGER NOT NULL,
  quantity        INTEGER NOT NULL,
  unit_price      INTEGER NOT NULL,
  line_discount   INTEGER NOT NULL,
  discount_share  INTEGER NOT NULL,
  total           INTEGER NOT NULL,
  PRIMARY KEY (terminal, ticket, line_no)
) WITHOUT ROWID;

CREATE TABLE sale_payments (
  terminal TEXT NOT NULL,
  ticket   INTEGER NOT NULL,
  idx      INTEGER NOT NULL,
  method   TEXT NOT NULL,
  amount   INTEGER NOT NULL,
  PRIMARY KEY (terminal, ticket, idx)
) WITHOUT ROWID;


-- Append-only: corrections are new records, never edits.
CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal BEGIN SELECT RAISE(ABORT, 'journal is append-only'); END;
CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal BEGIN SELECT RAISE(ABORT, 'journal is append-only'); END;
CREATE TRIGGER terminals_no_update BEFORE UPDATE ON terminals BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER terminals_no_delete BEFORE DELETE ON terminals BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER entrepreneurs_no_update BEFORE UPDATE ON entrepreneurs BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER entrepreneurs_no_delete BEFORE DELETE ON entrepreneurs BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER categories_no_update BEFORE UPDATE ON categories BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER categories_no_delete BEFORE DELETE ON categories BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER product_versions_no_update BEFORE UPDATE ON product_versions BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER product_versions_no_delete BEFORE DELETE ON product_versions BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER users_no_update BEFORE UPDATE ON users BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER users_no_delete BEFORE DELETE ON users BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER sessions_no_update BEFORE UPDATE ON sessions BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER sessions_no_delete BEFORE DELETE ON sessions BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER sales_no_update BEFORE UPDATE ON sales BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER sales_no_delete BEFORE DELETE ON sales BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER sale_lines_no_update BEFORE UPDATE ON sale_lines BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER sale_lines_no_delete BEFORE DELETE ON sale_lines BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER sale_payments_no_update BEFORE UPDATE ON sale_payments BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER sale_payments_no_delete BEFORE DELETE ON sale_payments BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
