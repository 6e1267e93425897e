-- Search runs on the in-memory index (cn.tongban.catalog.search.SearchIndex): the trigram index cost ~100 GIN
-- entries per inserted resource and could not serve one- or two-character Chinese words anyway.
DROP INDEX IF EXISTS resource_text_trgm;
