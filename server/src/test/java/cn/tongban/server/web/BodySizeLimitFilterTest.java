package cn.tongban.server.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.util.concurrent.atomic.AtomicBoolean;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

/** The body limit, and the exempted dataset upload with its own limit (by Content-Length and while reading). */
class BodySizeLimitFilterTest {

    final BodySizeLimitFilter filter = new BodySizeLimitFilter(
            DataSize.ofBytes(100),
            new ObjectMapper(),
            r -> "POST".equals(r.getMethod()) && r.getRequestURI().endsWith("/datasets"),
            DataSize.ofBytes(1000));

    static MockHttpServletRequest request(String method, String uri, int bytes) {
        MockHttpServletRequest r = new MockHttpServletRequest(method, uri);
        r.setContent(new byte[bytes]);
        return r;
    }

    boolean passes(MockHttpServletRequest request) throws Exception {
        AtomicBoolean reached = new AtomicBoolean();
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, (req, res) -> {
            try (InputStream in = req.getInputStream()) {
                in.readAllBytes();
            }
            reached.set(true);
        });
        if (!reached.get()) {
            assertThat(response.getStatus()).isEqualTo(413);
            assertThat(response.getContentAsString()).contains("PAYLOAD_TOO_LARGE");
        }
        return reached.get();
    }

    @Test
    void otherRequestsKeepTheGeneralLimit() throws Exception {
        assertThat(passes(request("POST", "/api/v1/exchange/resources/R/query", 100)))
                .isTrue();
        assertThat(passes(request("POST", "/api/v1/exchange/resources/R/query", 101)))
                .isFalse();
        assertThat(passes(request("GET", "/api/v1/exchange/resources/R/datasets", 101)))
                .isFalse();
    }

    @Test
    void theDatasetUploadHasItsOwnLimit() throws Exception {
        assertThat(passes(request("POST", "/api/v1/exchange/resources/R/datasets", 1000)))
                .isTrue();
        assertThat(passes(request("POST", "/api/v1/exchange/resources/R/datasets", 1001)))
                .isFalse();
    }

    @Test
    void aChunkedUploadIsStoppedWhenTheReaderPassesTheLimit() {
        MockHttpServletRequest chunked = new MockHttpServletRequest("POST", "/api/v1/exchange/resources/R/datasets") {
            @Override
            public long getContentLengthLong() {
                return -1;
            }
        };
        chunked.setContent(new byte[1001]);
        assertThatThrownBy(() -> passes(chunked)).isInstanceOf(BodySizeLimitFilter.PayloadTooLargeException.class);
    }
}
