-- One row that every group-commit writer locks (SELECT ... FOR UPDATE) before it reads the highest sequence,
-- so writers on several nodes take turns instead of racing for the same sequence numbers.
CREATE TABLE access_log_writer (
    id INTEGER PRIMARY KEY CHECK (id = 1)
);
INSERT INTO access_log_writer (id) VALUES (1);
