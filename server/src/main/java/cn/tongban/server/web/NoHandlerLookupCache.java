package cn.tongban.server.web;

import jakarta.servlet.Filter;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.web.servlet.handler.HandlerMappingIntrospector;

/**
 * Drops the filter that Spring Security puts in front of its filter chain whenever Spring MVC is present:
 * {@link HandlerMappingIntrospector#createCacheFilter()}, which looks every request's handler up in advance (and copies
 * all request attributes, which makes Tomcat compute the TLS session's cipher lists and session id) so that MVC
 * request matchers and CORS lookups inside the security chain can reuse the result. Tongban's security rules are plain
 * path patterns and CORS is off, so nothing reads that result, and the dispatcher looks the handler up again anyway:
 * the lookup cost about 8% of a pull's CPU (docs/PERFORMANCE.md "Exchange pull"). A component that does need it later
 * still works: the introspector then looks the handler up itself.
 */
public final class NoHandlerLookupCache implements BeanPostProcessor {

    static final String CACHE_FILTER_CLASS = HandlerMappingIntrospector.class.getName() + "$$Lambda";

    /** What replaces the cache filter: it passes the request on. */
    static final Filter PASS = (request, response, chain) -> chain.doFilter(request, response);

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        return bean instanceof Filter && isCacheFilter(bean) ? PASS : bean;
    }

    static boolean isCacheFilter(Object bean) {
        return bean.getClass().getName().startsWith(CACHE_FILTER_CLASS);
    }
}
