-- Names in the user's language and role changes (schema 12; issue 12, items 10 and 13).
-- A `product.set` may carry `names`: per language other than French, the product's name and its
-- category's name there (the French `name` stays the reference, the receipt's and the fallback).
-- Projected as the canonical JSON of that object, '' when the record has none (every record before).
ALTER TABLE product_versions ADD COLUMN names TEXT NOT NULL DEFAULT '';
ALTER TABLE imported_products ADD COLUMN names TEXT NOT NULL DEFAULT '';
-- `user.role`: a user's new role, given by a manager or an admin (`by`); the latest by seq per
-- (terminal, user) is current, `users.role` (the role at user.add) until the first one. Every
-- terminal's records land here (a user id is per terminal, so rows are read with their terminal).
CREATE TABLE user_roles (
  terminal TEXT    NOT NULL,
  seq      INTEGER NOT NULL,
  user_id  INTEGER NOT NULL,
  role     TEXT    NOT NULL CHECK (role IN ('seller', 'manager', 'admin')),
  by_id    INTEGER NOT NULL,
  PRIMARY KEY (terminal, seq)
) WITHOUT ROWID;
CREATE INDEX user_roles_by_user ON user_roles (terminal, user_id, seq);
CREATE TRIGGER user_roles_no_update BEFORE UPDATE ON user_roles BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER user_roles_no_delete BEFORE DELETE ON user_roles BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
