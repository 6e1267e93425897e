package cn.tongban.catalog.admin;

import javax.sql.DataSource;

import cn.tongban.catalog.TestCatalogue;

/** The catalogue contract on H2 in PostgreSQL mode, the embedded default store. */
class H2CatalogueIT extends CatalogueContract {

    @Override
    DataSource newDatabase() {
        return TestCatalogue.h2();
    }
}
