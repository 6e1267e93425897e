package cn.tongban.server.catalogue;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The catalogue administration API over HTTPS on the embedded default store, H2. */
@SpringBootTest(
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.datasource.url=jdbc:h2:mem:catalogue-api-it;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
            "tongban.demo.first-port=0",
            "tongban.cluster.port=5821"
        })
@ActiveProfiles("demo")
class CatalogueApiIT extends CatalogueApiContract {

    @DynamicPropertySource
    static void pki(DynamicPropertyRegistry registry) {
        registry.add("tongban.pki.dir", () -> PKI.layout.dir().toString());
    }
}
