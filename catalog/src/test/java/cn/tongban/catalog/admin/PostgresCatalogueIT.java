package cn.tongban.catalog.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import cn.tongban.catalog.Resource;
import cn.tongban.catalog.ResourceQuery;
import cn.tongban.catalog.TestCatalogue;

/** The catalogue contract on a real PostgreSQL (embedded binaries on loopback), with its trigram indexes. */
class PostgresCatalogueIT extends CatalogueContract {

    static EmbeddedPostgres pg;

    @BeforeAll
    static void start() {
        pg = TestCatalogue.startPostgres();
    }

    @AfterAll
    static void stop() throws IOException {
        pg.close();
    }

    @Override
    DataSource newDatabase() {
        return TestCatalogue.postgres(pg);
    }

    @Test
    void searchNeedsNoTrigramIndexAndFindsOneCharacterChineseWords() {
        // Dropped by V2026_11_24_43: search runs on the in-memory index, which also serves words under 3 characters.
        assertThat(c.jdbc.sql("SELECT COUNT(*) FROM pg_indexes WHERE indexname = 'resource_text_trgm'")
                        .query(Long.class)
                        .single())
                .isZero();
        assertThat(c.resources
                        .search(new ResourceQuery("婚姻", null, null, null, null, null, null), 0, 10)
                        .items())
                .extracting(Resource::code)
                .contains("310000-301001-00001");
        assertThat(c.resources
                        .search(new ResourceQuery("婚", null, null, null, null, null, null), 0, 10)
                        .items())
                .extracting(Resource::code)
                .contains("310000-301001-00001");
    }
}
