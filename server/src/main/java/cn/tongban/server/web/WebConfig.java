package cn.tongban.server.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The browsable API page at /api-docs/ (Swagger UI over the six contracts in /openapi/), Tomcat's own error pages as
 * problem+json, and the JSON factory that refuses invalid Unicode in request bodies.
 */
@Configuration(proxyBeanMethods = false)
public class WebConfig implements WebMvcConfigurer {

    /** See {@link NoHandlerLookupCache}: static, so it is in place before the security filter chain is built. */
    @org.springframework.context.annotation.Bean
    static NoHandlerLookupCache noHandlerLookupCache() {
        return new NoHandlerLookupCache();
    }

    /**
     * Errors Tomcat answers itself, before any filter (a bad path, oversized headers, TRACE), as problem+json:
     * {@link ProblemErrorReportValve} replaces the host's HTML error report valve.
     */
    @org.springframework.context.annotation.Bean
    org.springframework.boot.web.server.WebServerFactoryCustomizer<
                    org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory>
            problemErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof org.apache.catalina.core.StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
                for (org.apache.catalina.Valve v : host.getPipeline().getValves()) {
                    if (v.getClass() == org.apache.catalina.valves.ErrorReportValve.class) {
                        host.getPipeline().removeValve(v);
                    }
                }
            }
        });
    }

    /** Request JSON must be valid Unicode text ({@link UnicodeCheckingJsonFactory}). */
    @org.springframework.context.annotation.Bean
    org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer unicodeCheckingJson() {
        return builder -> builder.factory(new UnicodeCheckingJsonFactory());
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/api-docs", "/api-docs/");
        registry.addViewController("/api-docs/").setViewName("forward:/api-docs/index.html");
    }
}
