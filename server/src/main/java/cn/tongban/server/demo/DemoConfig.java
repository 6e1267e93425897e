package cn.tongban.server.demo;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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
}
