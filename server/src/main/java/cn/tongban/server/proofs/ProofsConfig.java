package cn.tongban.server.proofs;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The licence library proof requests fetch e-licences from. */
@Configuration
public class ProofsConfig {

    /** The configured library; without a URL (and without the demo's), every lookup is "unavailable". */
    @Bean
    LicenceLibrary licenceLibrary(ProofsProperties props) {
        if (props.licenceLibraryUrl() == null) {
            return (holder, type) -> {
                throw new LicenceLibrary.UnavailableException(
                        "no licence library is configured (tongban.proofs.licence-library-url)");
            };
        }
        return new HttpLicenceLibrary(
                props.licenceLibraryUrl(),
                props.licenceLibraryTimeout(),
                props.maxLicenceSize().toBytes());
    }
}
