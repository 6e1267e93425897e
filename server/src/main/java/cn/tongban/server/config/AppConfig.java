package cn.tongban.server.config;

import java.time.Clock;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.hazelcast.core.HazelcastInstance;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.tongban.catalog.DepartmentRepository;
import cn.tongban.catalog.ResourceRepository;
import cn.tongban.catalog.ServiceItemRepository;
import cn.tongban.server.security.SystemDirectory;
import cn.tongban.server.web.BodySizeLimitFilter;

/** Wires the plain-Java modules (which know nothing of Spring Boot) into the application. */
@Configuration(proxyBeanMethods = false)
public class AppConfig {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    DepartmentRepository departmentRepository(JdbcClient jdbc) {
        return new DepartmentRepository(jdbc);
    }

    @Bean
    ResourceRepository resourceRepository(JdbcClient jdbc) {
        return new ResourceRepository(jdbc);
    }

    @Bean
    ServiceItemRepository serviceItemRepository(JdbcClient jdbc) {
        return new ServiceItemRepository(jdbc);
    }

    @Bean
    SystemDirectory systemDirectory(DepartmentRepository departments, HazelcastInstance hazelcast) {
        return new SystemDirectory(departments, hazelcast);
    }

    @Bean
    FilterRegistrationBean<BodySizeLimitFilter> bodySizeLimitFilter(
            TongbanProperties props, ObjectMapper mapper, cn.tongban.server.exchange.ExchangeProperties exchange) {
        // the dataset upload streams to disk: exactly that path (POST) has its own limit
        java.util.regex.Pattern upload = java.util.regex.Pattern.compile("/api/v1/exchange/resources/[^/]+/datasets");
        BodySizeLimitFilter filter = new BodySizeLimitFilter(
                props.web().maxBodySize(),
                mapper,
                r -> "POST".equals(r.getMethod())
                        && upload.matcher(r.getRequestURI()).matches(),
                exchange.datasets().maxUploadSize());
        FilterRegistrationBean<BodySizeLimitFilter> reg = new FilterRegistrationBean<>(filter);
        reg.setOrder(filter.getOrder());
        return reg;
    }
}
