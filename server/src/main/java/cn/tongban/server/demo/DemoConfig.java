package cn.tongban.server.demo;

import java.time.Clock;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.context.annotation.Profile;

import cn.tongban.catalog.demo.DemoDataset;

/** Demo mode: the demo dataset, read once and shared by the seeder and the simulated departments. */
@Configuration(proxyBeanMethods = false)
@Profile("demo")
public class DemoConfig {

    @Bean
    DemoDataset demoDataset() {
        return DemoDataset.load();
    }

    /**
     * The simulated licence library, unless a real one is configured ({@code tongban.proofs.licence-library-url});
     * primary over the configured-library bean of ProofsConfig.
     */
    @Bean
    @Primary
    @ConditionalOnExpression("'${tongban.proofs.licence-library-url:}'.isEmpty()")
    DemoLicenceLibrary demoLicenceLibrary(Clock clock) {
        return new DemoLicenceLibrary(clock);
    }

    /**
     * The demo's seal-making authority and the licensing system's stamping key, unless a real maker key is
     * configured ({@code tongban.seals.maker.key-store}); its seal is registered on start.
     */
    @Bean
    @Primary
    @ConditionalOnExpression("'${tongban.seals.maker.key-store:}'.isEmpty()")
    DemoSealAuthority demoSealAuthority(
            cn.tongban.server.config.TongbanProperties props,
            Clock clock,
            cn.tongban.seal.registry.SealRegistry registry) {
        DemoSealAuthority authority = new DemoSealAuthority(props.pki().dir(), clock);
        authority.seed(registry, clock);
        return authority;
    }
}
