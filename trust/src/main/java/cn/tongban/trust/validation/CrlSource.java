package cn.tongban.trust.validation;

import java.net.URI;
import java.util.Optional;

/** Obtains an RFC 5280 CRL (DER) from a cRLDistributionPoints URI; the caller verifies it. */
@FunctionalInterface
public interface CrlSource {

    /** The DER CRL published at {@code distributionPoint}, or empty when it cannot be obtained. */
    Optional<byte[]> crl(URI distributionPoint);
}
