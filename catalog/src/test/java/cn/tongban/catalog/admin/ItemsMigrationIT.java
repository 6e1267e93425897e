package cn.tongban.catalog.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.tongban.catalog.InformationItem;
import cn.tongban.catalog.ResourceRepository;
import cn.tongban.catalog.demo.DemoDataset;

/** A catalogue stored before V2026_11_24_40 keeps every information item, in order, when its items move into resource.items. */
class ItemsMigrationIT {

    @Test
    void itemsStoredInTheOldTableMoveIntoTheirResourceInOrder() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:items-" + UUID.randomUUID() + ";MODE=PostgreSQL;DB_CLOSE_DELAY=-1");
        Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration")
                .target("2026.11.24.40")
                .load()
                .migrate();
        JdbcClient jdbc = JdbcClient.create(ds);
        DemoDataset demo = DemoDataset.load();
        demo.departments()
                .forEach(d -> jdbc.sql("INSERT INTO department (code, name, region) VALUES (?, ?, ?)")
                        .params(d.code(), d.name(), d.region())
                        .update());
        var r = demo.resources().get(0);
        jdbc.sql(
                        "INSERT INTO resource (code, version, name, provider_code, classification, sharing_type, sharing_basis,"
                                + " sharing_method) VALUES (?, 1, ?, ?, 'BASE', 'CONDITIONAL', 'basis', 'API_PULL')")
                .params(r.code(), r.name(), r.providerCode())
                .update();
        jdbc.sql(
                        "INSERT INTO resource (code, version, name, provider_code, classification, sharing_type,"
                                + " sharing_method) VALUES ('310000-999999-00001', 1, 'no items', ?, 'BASE', 'UNCONDITIONAL', 'API_PULL')")
                .params(r.providerCode())
                .update();
        List<InformationItem> items = r.items();
        for (int k = items.size() - 1; k >= 0; k--) { // inserted out of order: position decides
            InformationItem i = items.get(k);
            jdbc.sql("INSERT INTO information_item (resource_code, position, name, label, data_type, length, required,"
                            + " sensitive, masking) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(
                            r.code(),
                            k,
                            i.name(),
                            i.label(),
                            i.dataType(),
                            i.length(),
                            i.required(),
                            i.sensitive(),
                            i.masking())
                    .update();
        }

        Flyway.configure()
                .dataSource(ds)
                .locations("classpath:db/migration")
                .load()
                .migrate();

        ResourceRepository resources = new ResourceRepository(jdbc);
        assertThat(resources.items(r.code())).isEqualTo(items).isNotEmpty();
        assertThat(resources.items("310000-999999-00001")).isEmpty();
        assertThat(jdbc.sql(
                                "SELECT COUNT(*) FROM information_schema.tables WHERE LOWER(table_name) = 'information_item'")
                        .query(Long.class)
                        .single())
                .isZero();
    }
}
