-- PostgreSQL only (Spring Boot resolves classpath:db/vendor/{vendor}): trigram indexes so that the
-- catalogue's substring search over code, name and abstract (column search_text) does not scan the table. pg_trgm is a trusted
-- extension (PostgreSQL 13+): the database owner may create it. H2 has no equivalent and scans.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX resource_text_trgm ON resource USING gin (search_text gin_trgm_ops);
