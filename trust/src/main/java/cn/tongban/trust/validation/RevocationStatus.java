package cn.tongban.trust.validation;

import java.io.Serializable;
import java.security.cert.CRLReason;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Revocation facts about one certificate, as established from verified OCSP responses or CRLs. */
public sealed interface RevocationStatus extends Serializable {

    /** Where a status came from. */
    enum Source {
        OCSP,
        CRL
    }

    /**
     * How far a CRL's or an OCSP response's thisUpdate may lie ahead of the verifier's clock and still be used.
     * RFC 5280 §5.1.2.4 and RFC 6960 §3.2 (5) refuse information issued "in the future"; a responder whose clock
     * runs a little ahead, or one that signs in the second after the verifier read its clock, is not that. Five
     * minutes is the leeway OpenSSL's OCSP client allows by default.
     */
    java.time.Duration CLOCK_SKEW = java.time.Duration.ofMinutes(5);

    /**
     * Not revoked as of {@code thisUpdate}; {@code nextUpdate} may be null (RFC 6960 §2.4: newer information is
     * always available).
     */
    record Good(Source source, Instant thisUpdate, Instant nextUpdate) implements RevocationStatus {
        public Good {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(thisUpdate, "thisUpdate");
        }
    }

    /** Revoked at {@code revocationTime} for {@code reason} (RFC 5280 §5.3.1; UNSPECIFIED when absent). */
    record Revoked(Source source, Instant revocationTime, CRLReason reason, Instant thisUpdate, Instant nextUpdate)
            implements RevocationStatus {
        public Revoked {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(revocationTime, "revocationTime");
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(thisUpdate, "thisUpdate");
        }
    }

    /** No usable status: why each source failed (none published, unknown, stale, unauthorised signer...). */
    record Unavailable(List<String> reasons) implements RevocationStatus {
        public Unavailable {
            reasons = List.copyOf(reasons);
        }
    }

    /** Revocation was not checked: the anchor itself, the policy did not ask, or the path had already failed. */
    record NotChecked(String why) implements RevocationStatus {
        public NotChecked {
            Objects.requireNonNull(why, "why");
        }
    }

    /** The nextUpdate of a determined status, null otherwise. */
    default Instant nextUpdate() {
        return null;
    }
}
