package cn.tongban.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import jakarta.servlet.FilterChain;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Flushes after a body no longer commit the response: the container sends it whole when the request ends. */
class ContentLengthFilterTest {

    final ContentLengthFilter filter = new ContentLengthFilter();

    @Test
    void aConvertersFlushLeavesTheAnswerUncommittedSoTheContainerCanSendItWithItsLength() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        FilterChain chain = (req, res) -> {
            res.getOutputStream().write("{\"ok\":true}".getBytes(StandardCharsets.UTF_8));
            res.getOutputStream().flush(); // what Spring's JSON converter does after every body
        };
        filter.doFilter(new MockHttpServletRequest("POST", "/api/v1/x"), response, chain);
        assertThat(response.isCommitted()).isFalse();
        assertThat(response.getContentAsString()).isEqualTo("{\"ok\":true}");
    }

    @Test
    void withoutTheFilterTheSameFlushCommits() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        response.getOutputStream().write('x');
        response.getOutputStream().flush();
        assertThat(response.isCommitted())
                .as("the behaviour the filter exists for")
                .isTrue();
    }

    @Test
    void spring_sFlushBufferAfterTheBodyIsLeftToTheContainerToo() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        FilterChain chain = (req, res) -> {
            res.getOutputStream().write('x');
            res.flushBuffer(); // ServletServerHttpResponse.flush() after a body
        };
        filter.doFilter(new MockHttpServletRequest("GET", "/"), response, chain);
        assertThat(response.isCommitted()).isFalse();
        assertThat(response.getContentAsString()).isEqualTo("x");
    }

    @Test
    void aBodyLargerThanTheBufferIsStillWrittenThrough() throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        response.setBufferSize(1024);
        FilterChain chain = (req, res) -> {
            byte[] block = new byte[4096];
            for (int i = 0; i < 16; i++) {
                res.getOutputStream().write(block, 0, block.length);
            }
        };
        filter.doFilter(new MockHttpServletRequest("GET", "/"), response, chain);
        assertThat(response.getContentAsByteArray()).hasSize(16 * 4096);
    }
}
