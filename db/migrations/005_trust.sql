-- Trust (schema 5). PIN hashes and lock state leave the ledger: the program copies them into
-- FILE.credentials (mode 0600) before this runs, so a ledger handed to an auditor, a backup or a
-- bundle carries no secret.
DROP TABLE credentials;

-- Events of the technical log (JET), journaled: refusals, overrides, failed PINs and locks
-- (fiscal-fr.md, "JET"). user_id: who acted or tried; approver_id: the manager who approved an
-- override; action: what was asked ("close the day"); detail: why refused, or what was approved.
CREATE TABLE events (
  terminal    TEXT    NOT NULL,
  seq         INTEGER NOT NULL,
  code        TEXT    NOT NULL,
  user_id     INTEGER,
  approver_id INTEGER,
  action      TEXT    NOT NULL,
  detail      TEXT    NOT NULL,
  PRIMARY KEY (terminal, seq)
) WITHOUT ROWID;
CREATE TRIGGER events_no_update BEFORE UPDATE ON events BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events BEGIN SELECT RAISE(ABORT, 'ledger is append-only'); END;

-- Idempotency keys of sales (caisse sell --request-id, one per cart on screen): local to this
-- terminal, not journaled; a retried request returns the ticket it already made. request: what
-- was asked (seller, items, discount, payments), so that an id reused for another sale is refused.
CREATE TABLE sale_requests (
  request_id TEXT    PRIMARY KEY,
  ticket     INTEGER NOT NULL,
  request    TEXT    NOT NULL
) WITHOUT ROWID;
