package cn.tongban.server.verification;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

import cn.tongban.trust.validation.AnchorSetPolicy;
import cn.tongban.trust.validation.RevocationMode;
import cn.tongban.trust.validation.TrustAnchorSet;

/**
 * Per anchor-set rules, under {@code tongban.verification.anchor-sets.<set>}; they override the set directory's
 * {@value AnchorSetPolicy#FILE}. A set name with a colon needs the bracket form
 * ({@code tongban.verification.anchor-sets[licence-type:0001].revocation=when-declared}); {@code _} for the first
 * {@code :} is accepted as in directory names.
 *
 * @param anchorSets the settings by set name
 */
@ConfigurationProperties("tongban.verification")
public record AnchorSetProperties(Map<String, Settings> anchorSets) {

    public AnchorSetProperties {
        anchorSets = anchorSets == null ? Map.of() : Map.copyOf(anchorSets);
    }

    /**
     * One set's settings; null keeps what the directory (or the default) says.
     *
     * @param keyUsageRequired every certificate below the anchor must carry keyUsage (default false, RFC 5280
     *                         §4.2.1.3)
     * @param revocation       {@code required} (default), {@code when-declared} or {@code off}
     *                         (docs/VERIFICATION.md "Revocation modes")
     */
    public record Settings(Boolean keyUsageRequired, RevocationMode revocation) {}

    /** The set under its configured settings; unchanged when none are configured for it. */
    TrustAnchorSet apply(TrustAnchorSet set) {
        Settings settings = settingsFor(set.name());
        if (settings == null) {
            return set;
        }
        AnchorSetPolicy policy = set.policy();
        if (settings.keyUsageRequired() != null) {
            policy = policy.withKeyUsageRequired(settings.keyUsageRequired());
        }
        if (settings.revocation() != null) {
            policy = policy.withRevocation(settings.revocation());
        }
        return set.withPolicy(policy);
    }

    private Settings settingsFor(String setName) {
        Settings exact = anchorSets.get(setName);
        return exact != null ? exact : anchorSets.get(setName.replaceFirst(":", "_"));
    }

    /** Configured names that match no set, for a warning at start-up. */
    java.util.Set<String> unknown(java.util.Set<String> setNames) {
        java.util.Set<String> known = new java.util.HashSet<>(setNames);
        setNames.forEach(n -> known.add(n.replaceFirst(":", "_")));
        java.util.Set<String> out = new java.util.TreeSet<>(anchorSets.keySet());
        out.removeAll(known);
        return out;
    }
}
