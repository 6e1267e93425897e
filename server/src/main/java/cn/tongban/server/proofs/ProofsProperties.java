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
 */
@ConfigurationProperties("tongban.proofs")
public record ProofsProperties(URI licenceLibraryUrl,
                               @DefaultValue("5s") Duration licenceLibraryTimeout,
                               @DefaultValue("10MB") DataSize maxLicenceSize,
                               @DefaultValue("true") boolean checkRevocation) {
}
