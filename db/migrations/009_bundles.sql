-- Bundles (issue 11, item 2; docs/bundle-format.md). A coordinator imports the chains of the
-- group's other tills beside its own: their journal rows verbatim, and their projection rows in the
-- same tables as its own where those are keyed per terminal (sessions, sales, closures...).
-- Catalogue and user ids are global to the ledger that made them, so an imported till's
-- entrepreneur.add, category.add, user.add and product.set records are projected here, keyed by
-- (terminal, id): they never mix with this till's own catalogue, users or product prices.
CREATE TABLE imported_entrepreneurs (
  terminal TEXT    NOT NULL,
  seq      INTEGER NOT NULL,
  id       INTEGER NOT NULL,
  name     TEXT    NOT NULL,
  colour   TEXT    NOT NULL,
  PRIMARY KEY (terminal, seq),
  UNIQUE (terminal, id)
) WITHOUT ROWID;
CREATE TABLE imported_categories (
  terminal TEXT    NOT NULL,
  seq      INTEGER NOT NULL,
  id       INTEGER NOT NULL,
  name     TEXT    NOT NULL,
  PRIMARY KEY (terminal, seq),
  UNIQUE (terminal, id)
) WITHOUT ROWID;
CREATE TABLE imported_users (
  terminal TEXT    NOT NULL,
  seq      INTEGER NOT NULL,
  id       INTEGER NOT NULL,
  name     TEXT    NOT NULL,
  role     TEXT    NOT NULL,
  PRIMARY KEY (terminal, seq),
  UNIQUE (terminal, id)
) WITHOUT ROWID;
CREATE TABLE imported_products (
  terminal        TEXT    NOT NULL,
  seq             INTEGER NOT NULL,
  sku             TEXT    NOT NULL,
  name            TEXT    NOT NULL,
  price           INTEGER NOT NULL,
  vat_bp          INTEGER NOT NULL,
  entrepreneur_id INTEGER NOT NULL,
  category_id     INTEGER NOT NULL,
  picture         TEXT    NOT NULL,
  open_price      INTEGER NOT NULL,
  active          INTEGER NOT NULL,
  PRIMARY KEY (terminal, seq)
) WITHOUT ROWID;

-- Every entrepreneur of every chain, by the (terminal, id) that sale lines name.
CREATE VIEW entrepreneurs_by_terminal AS
  SELECT terminal, id, name, colour FROM entrepreneurs
  UNION ALL SELECT terminal, id, name, colour FROM imported_entrepreneurs;

-- The signed head of each bundle imported: the till's Ed25519 signature (its genesis key) over
-- the head-anchor message of (terminal, last_seq, hash), exactly as a head anchor slot. It is the
-- imported chain's anchor, and a witness kept away from the till: a till whose chain no longer
-- reaches a head it exported was cut or rewritten. One per (terminal, last_seq).
CREATE TABLE bundle_heads (
  terminal    TEXT    NOT NULL,
  last_seq    INTEGER NOT NULL,
  hash        BLOB    NOT NULL,
  sig         BLOB    NOT NULL,
  first_seq   INTEGER NOT NULL,
  sha256      BLOB    NOT NULL,
  imported_at TEXT    NOT NULL,
  PRIMARY KEY (terminal, last_seq)
) WITHOUT ROWID;

CREATE TRIGGER imported_entrepreneurs_no_update BEFORE UPDATE ON imported_entrepreneurs BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER imported_entrepreneurs_no_delete BEFORE DELETE ON imported_entrepreneurs BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER imported_categories_no_update BEFORE UPDATE ON imported_categories BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER imported_categories_no_delete BEFORE DELETE ON imported_categories BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER imported_users_no_update BEFORE UPDATE ON imported_users BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER imported_users_no_delete BEFORE DELETE ON imported_users BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER imported_products_no_update BEFORE UPDATE ON imported_products BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER imported_products_no_delete BEFORE DELETE ON imported_products BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER bundle_heads_no_update BEFORE UPDATE ON bundle_heads BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER bundle_heads_no_delete BEFORE DELETE ON bundle_heads BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
