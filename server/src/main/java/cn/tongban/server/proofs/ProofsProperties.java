package cn.tongban.server.proofs;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Proof requests, under {@code tongban.proofs}.
 *
 * @param licenceLibraryUrl base URL of the licence library ({@code GET {url}/licences/{typeCode}?holderCode=});
 *                          unset: the demo's simulated library in the demo profile, otherwise e-licence proofs
 *                          answer 503 LICENCE_LIBRARY_UNAVAILABLE
 * @param licenceLibraryTimeout connect and read timeout of one library call
 * @param maxLicenceSize    largest licence document accepted from the library
 * @param checkRevocation   check the licence signer's revocation status (OCSP/CRL); the demo's simulated issuer
 *                          publishes none, so the demo profile turns it off
 * @param registerCheckPurpose the purpose an e-licence's register confirmation states when the request states none
 *                          and the window app holds not exactly one granted authorisation for the register and the
 *                          service item (then the register's own authorisation, if it is conditional, decides);
 *                          {@code {serviceItem}} and {@code {proof}} are replaced by their names
 */
@ConfigurationProperties("tongban.proofs")
public record ProofsProperties(
        URI licenceLibraryUrl,
        @DefaultValue("5s") Duration licenceLibraryTimeout,
        @DefaultValue("10MB") DataSize maxLicenceSize,
        @DefaultValue("true") boolean checkRevocation,
        @DefaultValue(DEFAULT_REGISTER_CHECK_PURPOSE) String registerCheckPurpose) {

    /** The default of {@code tongban.proofs.register-check-purpose}. */
    public static final String DEFAULT_REGISTER_CHECK_PURPOSE = "{serviceItem}：向签发机构核验{proof}是否有效";

    public ProofsProperties {
        if (registerCheckPurpose == null || registerCheckPurpose.isBlank()) {
            throw new IllegalArgumentException("tongban.proofs.register-check-purpose must not be blank");
        }
    }
}
