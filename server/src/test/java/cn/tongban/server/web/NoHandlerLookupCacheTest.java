package cn.tongban.server.web;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.Filter;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;

class NoHandlerLookupCacheTest {

    private final NoHandlerLookupCache processor = new NoHandlerLookupCache();

    @Test
    void theIntrospectorsCacheFilterIsReplacedByOneThatOnlyPassesTheRequestOn() throws Exception {
        Filter cache = new HandlerMappingIntrospector().createCacheFilter();
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/exchange/resources/x/query");
        // the real one stores its lookup in a request attribute for the rest of the chain
        assertThat(attributesSeenByTheChain(cache, request))
                .anyMatch(a -> a.startsWith(HandlerMappingIntrospector.class.getName()));

        Object replaced = processor.postProcessAfterInitialization(cache, "(inner bean)#1");
        assertThat(replaced).isNotSameAs(cache);
        assertThat(attributesSeenByTheChain((Filter) replaced, request)).isEmpty();
    }

    private static java.util.List<String> attributesSeenByTheChain(Filter filter, MockHttpServletRequest request)
            throws Exception {
        java.util.List<String> seen = new java.util.ArrayList<>();
        MockFilterChain chain = new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
            @Override
            protected void service(
                    jakarta.servlet.http.HttpServletRequest req, jakarta.servlet.http.HttpServletResponse res) {
                seen.addAll(java.util.Collections.list(req.getAttributeNames()));
            }
        });
        filter.doFilter(request, new MockHttpServletResponse(), chain);
        return seen;
    }

    @Test
    void everyOtherBeanAndFilterIsLeftAlone() {
        Filter other = (req, res, chain) -> chain.doFilter(req, res);
        assertThat(processor.postProcessAfterInitialization(other, "other")).isSameAs(other);
        Object notAFilter = new HandlerMappingIntrospector();
        assertThat(processor.postProcessAfterInitialization(notAFilter, "mvcHandlerMappingIntrospector"))
                .isSameAs(notAFilter);
    }
}
