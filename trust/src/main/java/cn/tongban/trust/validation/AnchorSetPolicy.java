package cn.tongban.trust.validation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;

/**
 * Rules one trust-anchor set imposes on the paths that end in it, on top of the purpose's {@link ValidationPolicy}:
 * what a qualified or government CA profile demands of its certificates, set per authority by its operator.
 *
 * @param keyUsageRequired every certificate of the path below the anchor must carry the keyUsage extension
 *                         (rule {@value #KEY_USAGE_REQUIRED}); without this a certificate without the extension is
 *                         unrestricted, RFC 5280 §4.2.1.3
 * @param revocation       how certificates that declare no revocation source are treated
 */
public record AnchorSetPolicy(boolean keyUsageRequired, RevocationMode revocation) {

    /** Rule name of the demand for a keyUsage extension. */
    public static final String KEY_USAGE_REQUIRED = "KEY_USAGE_REQUIRED";
    /** The file in an anchor-set directory that holds its policy; not read as a certificate. */
    public static final String FILE = "anchor-set.properties";

    /** Rule name of a certificate that declares neither CRL distribution points nor an OCSP access method. */
    public static final String REVOCATION_NOT_DECLARED = "REVOCATION_NOT_DECLARED";
    /** Rule name of a certificate whose revocation the set does not check. */
    public static final String REVOCATION_OFF = "REVOCATION_OFF";

    /** RFC 5280 as it is: keyUsage not demanded; revocation required of every certificate below the anchor. */
    public static final AnchorSetPolicy DEFAULT = new AnchorSetPolicy(false, RevocationMode.REQUIRED);

    public AnchorSetPolicy {
        java.util.Objects.requireNonNull(revocation, "revocation");
    }

    /** keyUsage demanded or not, revocation {@link RevocationMode#REQUIRED}. */
    public AnchorSetPolicy(boolean keyUsageRequired) {
        this(keyUsageRequired, RevocationMode.REQUIRED);
    }

    /** This policy with {@code key-usage-required} changed. */
    public AnchorSetPolicy withKeyUsageRequired(boolean required) {
        return new AnchorSetPolicy(required, revocation);
    }

    /** This policy with {@code revocation} changed. */
    public AnchorSetPolicy withRevocation(RevocationMode mode) {
        return new AnchorSetPolicy(keyUsageRequired, mode);
    }

    /**
     * Applies one setting by its property name ({@code key-usage-required}, {@code revocation}); unknown names and
     * bad values are refused with a message naming them, so that a typo does not silently keep the default.
     */
    public AnchorSetPolicy with(String key, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        return switch (key.trim()) {
            case "key-usage-required" -> withKeyUsageRequired(bool(key, v));
            case "revocation" -> withRevocation(RevocationMode.of(v));
            default ->
                throw new IllegalArgumentException(
                        "unknown anchor-set setting '" + key + "' (known: key-usage-required, revocation)");
        };
    }

    private static boolean bool(String key, String v) {
        if (!v.equals("true") && !v.equals("false")) {
            throw new IllegalArgumentException(key + " must be true or false, not '" + v + "'");
        }
        return Boolean.parseBoolean(v);
    }

    /** The policy in {@code directory}/{@value #FILE}, or {@link #DEFAULT} when there is none. */
    public static AnchorSetPolicy load(Path directory) {
        Path file = directory.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return DEFAULT;
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        AnchorSetPolicy policy = DEFAULT;
        for (String key : properties.stringPropertyNames()) {
            try {
                policy = policy.with(key, properties.getProperty(key));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
            }
        }
        return policy;
    }

    /** The settings as they are written: {@code key-usage-required=false, revocation=required}. */
    @Override
    public String toString() {
        return "key-usage-required=" + keyUsageRequired + ", revocation=" + revocation.setting();
    }
}
