-- Members (schema 8; issue 11, item 1): the people of the group, with an id that is the same on
-- every till (a roster made once and imported on each till). `member.set` records a member or a
-- new version of one (the latest by seq is current); `member.link` says which member an
-- entrepreneur of this ledger is (the latest by seq per terminal and entrepreneur). The
-- coordinator groups sales by member id, so two tills' "Leïla" are one person.
CREATE TABLE members (
  terminal   TEXT    NOT NULL,
  seq        INTEGER NOT NULL,
  id         TEXT    NOT NULL,
  name       TEXT    NOT NULL,
  colour     TEXT    NOT NULL,
  cape_start TEXT    NOT NULL,
  cape_end   TEXT    NOT NULL,
  PRIMARY KEY (terminal, seq)
) WITHOUT ROWID;
CREATE INDEX members_by_id ON members (id, seq);
CREATE TRIGGER members_no_update BEFORE UPDATE ON members BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER members_no_delete BEFORE DELETE ON members BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;

CREATE TABLE member_links (
  terminal        TEXT    NOT NULL,
  seq             INTEGER NOT NULL,
  entrepreneur_id INTEGER NOT NULL,
  member_id       TEXT    NOT NULL,
  PRIMARY KEY (terminal, seq)
) WITHOUT ROWID;
CREATE INDEX member_links_by_entrepreneur ON member_links (terminal, entrepreneur_id, seq);
CREATE TRIGGER member_links_no_update BEFORE UPDATE ON member_links BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER member_links_no_delete BEFORE DELETE ON member_links BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
