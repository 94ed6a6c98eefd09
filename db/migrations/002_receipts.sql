-- Every reprint of a receipt is a duplicate with its own number ("DUPLICATA n° k"), recorded in the
-- journal (kind receipt.duplicate) so that copies are traced like the sales they copy.
CREATE TABLE duplicates (
  terminal TEXT    NOT NULL,
  seq      INTEGER NOT NULL,
  number   INTEGER NOT NULL CHECK (number >= 1),
  ticket   INTEGER NOT NULL,
  PRIMARY KEY (terminal, number),
  UNIQUE (terminal, seq)
);
CREATE TRIGGER duplicates_no_update BEFORE UPDATE ON duplicates BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER duplicates_no_delete BEFORE DELETE ON duplicates BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
