package cn.tongban.server.proofs;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The licence library client against a WireMock library on loopback: found, none, errors, slow, down, too big. */
class HttpLicenceLibraryTest {

    static WireMockServer server;

    @BeforeAll
    static void start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(get(urlPathEqualTo("/lib/licences/T1"))
                .withQueryParam("holderCode", WireMock.equalTo("A"))
                .willReturn(aResponse().withStatus(200).withBody(new byte[] {'P', 'K', 3, 4})));
        server.stubFor(get(urlPathEqualTo("/lib/licences/T1"))
                .withQueryParam("holderCode", WireMock.equalTo("B"))
                .willReturn(aResponse().withStatus(404)));
        server.stubFor(get(urlPathEqualTo("/lib/licences/T1"))
                .withQueryParam("holderCode", WireMock.equalTo("C"))
                .willReturn(aResponse().withStatus(500)));
        server.stubFor(get(urlPathEqualTo("/lib/licences/T1"))
                .withQueryParam("holderCode", WireMock.equalTo("D"))
                .willReturn(aResponse().withStatus(200).withFixedDelay(6_000)));
        server.stubFor(get(urlPathEqualTo("/lib/licences/T1"))
                .withQueryParam("holderCode", WireMock.equalTo("E"))
                .willReturn(aResponse().withStatus(200).withBody(new byte[2048])));
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    HttpLicenceLibrary library() {
        return new HttpLicenceLibrary(URI.create(server.baseUrl() + "/lib"), Duration.ofSeconds(3), 1024);
    }

    @Test
    void findsTheDocumentOrNothing() throws Exception {
        assertThat(library().find("A", "T1"))
                .hasValueSatisfying(d -> assertThat(d).startsWith('P', 'K'));
        assertThat(library().find("B", "T1")).isEmpty();
    }

    @Test
    void errorsSlownessSizeAndSilenceAreUnavailable() throws Exception {
        assertThatThrownBy(() -> library().find("C", "T1"))
                .isInstanceOf(LicenceLibrary.UnavailableException.class)
                .hasMessageContaining("500");
        assertThatThrownBy(() -> library().find("D", "T1")).isInstanceOf(LicenceLibrary.UnavailableException.class);
        assertThatThrownBy(() -> library().find("E", "T1")).hasMessageContaining("over 1024 bytes");
        HttpLicenceLibrary down =
                new HttpLicenceLibrary(URI.create("http://127.0.0.1:1/lib"), Duration.ofMillis(500), 1024);
        assertThatThrownBy(() -> down.find("A", "T1"))
                .isInstanceOf(LicenceLibrary.UnavailableException.class)
                .hasMessageNotContaining("A");
    }
}
