-- The acting system's department and the person operating it (a window clerk's account, never a citizen's
-- identifier). Entries that carry either are encoded as EntryCodec version 2; rows without both stay version 1.
ALTER TABLE access_log ADD COLUMN department VARCHAR(64);
ALTER TABLE access_log ADD COLUMN operator VARCHAR(128);
CREATE INDEX access_log_department ON access_log (department, seq);
CREATE INDEX access_log_resource ON access_log (resource_code, seq);

-- Archived entries (retention): the row is gone to an archive file, its leaf stays in the tree. Leaves
-- 0 .. archived_through - 1 are read from here; the archive file holds the entries and their proofs.
CREATE TABLE access_log_archived_leaf (
    seq        BIGINT PRIMARY KEY,
    leaf_hash  BYTEA        NOT NULL,
    archive    VARCHAR(256) NOT NULL
);
