package cn.tongban.trust.validation;

import java.util.Arrays;
import java.util.Locale;

/**
 * How an anchor set treats the revocation of the certificates below it (RFC 5280 §6.3; ETSI EN 319 102-1 §5.2.5),
 * when the purpose's {@link ValidationPolicy} asks for revocation at all. docs/VERIFICATION.md "Revocation modes".
 */
public enum RevocationMode {
    /**
     * Every certificate below the anchor needs a fresh status; one that declares neither cRLDistributionPoints nor
     * an OCSP access method cannot have one and is INDETERMINATE (TRY_LATER, rule REVOCATION_NOT_DECLARED). The
     * default.
     */
    REQUIRED("required"),
    /**
     * As {@link #REQUIRED} for certificates that declare a source; a certificate that declares none is not checked,
     * with a warning (REVOCATION_NOT_DECLARED), for authorities whose CA publishes no revocation.
     */
    WHEN_DECLARED("when-declared"),
    /** Revocation is not checked for this set, with a warning (REVOCATION_OFF) for each certificate. */
    OFF("off");

    private final String setting;

    RevocationMode(String setting) {
        this.setting = setting;
    }

    /** The spelling in settings: {@code required}, {@code when-declared}, {@code off}. */
    public String setting() {
        return setting;
    }

    /** The mode spelled {@code value} (case-insensitive); refused with the known spellings otherwise. */
    public static RevocationMode of(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(m -> m.setting.equals(v))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "revocation must be required, when-declared or off, " + "not '" + value + "'"));
    }

    @Override
    public String toString() {
        return setting;
    }
}
