package cn.tongban.server.seals;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import cn.tongban.seal.issue.SealIssuance;
import cn.tongban.seal.issue.Stamping;

/**
 * The seal API's keys (the demo profile's {@code DemoSealAuthority} takes precedence when no maker is configured)
 * and seal-service's making and stamping, shared with the CLI.
 */
@Configuration(proxyBeanMethods = false)
public class SealsConfig {

    @Bean
    SealKeys configuredSealKeys(SealsProperties props) {
        return new ConfiguredSealKeys(props);
    }

    @Bean
    SealIssuance sealIssuance(Clock clock) {
        return new SealIssuance(clock);
    }

    @Bean
    Stamping stamping(Clock clock) {
        return new Stamping(clock);
    }
}
