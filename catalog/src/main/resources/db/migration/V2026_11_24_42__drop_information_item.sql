-- Items are in resource.items since V2026_11_24_41.
ALTER TABLE resource ALTER COLUMN items SET NOT NULL;
DROP TABLE information_item;
-- Search runs on the in-memory index (cn.tongban.catalog.search.SearchIndex), not on these: they only cost
-- time on every insert. resource_provider stays (responsibility lists and provider look-ups use it).
DROP INDEX resource_sharing;
DROP INDEX resource_name;
DROP INDEX resource_classification;
