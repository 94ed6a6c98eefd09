-- CAPE roll-up (issue 11, items 3 and 4; docs/ledger-format.md, "charge.add", "hours.add",
-- "cape.rule"; docs/cape.md). The projections of three record kinds:
-- charges: an expense of one entrepreneur (entrepreneur_id) or of the group (NULL), amounts TTC and
--   VAT in cents; cash_move_seq: the seq of the cash.move (same terminal) that paid it from the
--   drawer, NULL when paid otherwise (bank, card, a member's pocket).
-- hours: minutes worked by an entrepreneur on a day (a negative row corrects an earlier one).
-- cape_rules: the split rule the group voted; the newest one applies (docs/cape.md).
CREATE TABLE charges (
  terminal        TEXT    NOT NULL,
  seq             INTEGER NOT NULL,
  day             TEXT    NOT NULL,
  ttc             INTEGER NOT NULL,
  vat             INTEGER NOT NULL,
  category        TEXT    NOT NULL,
  supplier        TEXT    NOT NULL,
  entrepreneur_id INTEGER,
  cash_move_seq   INTEGER,
  user_id         INTEGER NOT NULL,
  PRIMARY KEY (terminal, seq)
) WITHOUT ROWID;
CREATE INDEX charges_by_day ON charges (day, terminal, seq);

CREATE TABLE hours (
  terminal        TEXT    NOT NULL,
  seq             INTEGER NOT NULL,
  day             TEXT    NOT NULL,
  entrepreneur_id INTEGER NOT NULL,
  minutes         INTEGER NOT NULL,
  user_id         INTEGER NOT NULL,
  PRIMARY KEY (terminal, seq)
) WITHOUT ROWID;
CREATE INDEX hours_by_day ON hours (day, terminal, seq);

CREATE TABLE cape_rules (
  terminal               TEXT    NOT NULL,
  seq                    INTEGER NOT NULL,
  split                  TEXT    NOT NULL,
  charge_key             TEXT    NOT NULL,
  contribution_per_month INTEGER NOT NULL,
  contribution_bp        INTEGER NOT NULL,
  employer_bp            INTEGER NOT NULL,
  employee_bp            INTEGER NOT NULL,
  user_id                INTEGER NOT NULL,
  PRIMARY KEY (terminal, seq)
) WITHOUT ROWID;

CREATE TRIGGER charges_no_update BEFORE UPDATE ON charges BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER charges_no_delete BEFORE DELETE ON charges BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER hours_no_update BEFORE UPDATE ON hours BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER hours_no_delete BEFORE DELETE ON hours BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER cape_rules_no_update BEFORE UPDATE ON cape_rules BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER cape_rules_no_delete BEFORE DELETE ON cape_rules BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
