package cn.tongban.server.web;

import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** The browsable API page at /api-docs/ (Swagger UI over the six contracts in /openapi/). */
@Configuration(proxyBeanMethods = false)
public class WebConfig implements WebMvcConfigurer {

    /** See {@link NoHandlerLookupCache}: static, so it is in place before the security filter chain is built. */
    @org.springframework.context.annotation.Bean
    static NoHandlerLookupCache noHandlerLookupCache() {
        return new NoHandlerLookupCache();
    }

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/api-docs", "/api-docs/");
        registry.addViewController("/api-docs/").setViewName("forward:/api-docs/index.html");
    }
}
