-- Indexes no query uses any more; each cost every bulk-imported row an index insert (issue 3 benchmark).
-- catalogue_change_time: nothing filters or orders catalogue_change by changed_at (consumers read it by id,
-- entities by (entity_type, entity_code, id)). A bulk import writes one change row per resource with the same
-- changed_at, and H2 compares TIMESTAMP WITH TIME ZONE values slowly: 14% of a two-importer H2 import's CPU in a
-- JFR profile, in the insert and again at commit.
DROP INDEX catalogue_change_time;
-- resource_status_code: searches and status filters are served by the in-memory SearchIndex
-- (cn.tongban.catalog.search), which reads the whole table once and then follows catalogue_change.
DROP INDEX resource_status_code;
