package cn.tongban.server.seals;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The seal API's keys; the demo profile's {@code DemoSealAuthority} takes precedence when no maker is configured. */
@Configuration(proxyBeanMethods = false)
public class SealsConfig {

    @Bean
    SealKeys configuredSealKeys(SealsProperties props) {
        return new ConfiguredSealKeys(props);
    }
}
