-- Verify indexes (schema 4): a sale and a session are found by their record, (terminal, seq), as a
-- verifier that follows docs/ledger-format.md looks them up (record -> projection row), without
-- scanning the table. Unique: one projection row per record. Adds no table and changes no record.
CREATE UNIQUE INDEX sales_by_seq ON sales (terminal, seq);
CREATE UNIQUE INDEX sessions_by_seq ON sessions (terminal, seq);
