package cn.tongban.server.config;

import java.time.Clock;
import java.time.ZoneId;
import java.util.HashSet;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.tongban.catalog.ResourceRepository;
import cn.tongban.catalog.authorisation.AuthorisationService;
import cn.tongban.catalog.authorisation.WorkingDays;
import cn.tongban.exchange.Authorisation;
import cn.tongban.exchange.AuthorisationSource;

/** The catalogue's authorisation store, and the same store as the exchange's source of approved grants. */
@Configuration(proxyBeanMethods = false)
public class AuthorisationConfig {

    @Bean
    AuthorisationService authorisationService(JdbcClient jdbc, ResourceRepository resources, Clock clock,
                                              AuthorisationProperties props) {
        return new AuthorisationService(jdbc, resources, clock, ZoneId.of(props.zone()),
                new WorkingDays(new HashSet<>(props.holidays()), new HashSet<>(props.adjustedWorkdays())),
                props.deadlineWorkingDays(), props.grantFor());
    }

    @Bean
    AuthorisationSource authorisationSource(AuthorisationService service) {
        return (consumer, resource, at) -> service.approved(consumer, resource, at).stream()
                .map(a -> new Authorisation(a.id(), a.consumerSystem(), a.resourceCode(), a.purpose(), a.serviceItem(),
                        new HashSet<>(a.fields()), a.validFrom(), a.validTo()))
                .toList();
    }
}
