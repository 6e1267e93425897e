package cn.tongban.server.verification;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

import cn.tongban.trust.validation.AnchorSetPolicy;
import cn.tongban.trust.validation.RevocationMode;
import cn.tongban.trust.validation.TrustAnchorSet;

class AnchorSetPropertiesTest {

    private static AnchorSetProperties bind(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("tongban.verification", AnchorSetProperties.class);
    }

    @Test
    void settingsBindPerSetIncludingNamesWithAColonInBrackets() {
        AnchorSetProperties props = bind(Map.of(
                "tongban.verification.anchor-sets.signer.key-usage-required", "true",
                "tongban.verification.anchor-sets[licence-type:0001].key-usage-required", "true"));

        assertThat(props.apply(new TrustAnchorSet("signer", Set.of())).policy().keyUsageRequired())
                .isTrue();
        assertThat(props.apply(new TrustAnchorSet("licence-type:0001", Set.of()))
                        .policy()
                        .keyUsageRequired())
                .isTrue();
        assertThat(props.apply(new TrustAnchorSet("seal-maker", Set.of())).policy())
                .isEqualTo(AnchorSetPolicy.DEFAULT);
    }

    @Test
    void theDirectoryFormOfASetNameIsAcceptedAndUnknownNamesAreListed() {
        AnchorSetProperties props = bind(Map.of(
                "tongban.verification.anchor-sets[licence-type_0002].key-usage-required", "true",
                "tongban.verification.anchor-sets.sealmaker.key-usage-required", "true"));

        assertThat(props.apply(new TrustAnchorSet("licence-type:0002", Set.of()))
                        .policy()
                        .keyUsageRequired())
                .isTrue();
        assertThat(props.unknown(Set.of("licence-type:0002", "seal-maker"))).containsExactly("sealmaker");
    }

    @Test
    void revocationModesBindFromTheirSettingSpelling() {
        AnchorSetProperties props = bind(Map.of(
                "tongban.verification.anchor-sets.signer.revocation", "when-declared",
                "tongban.verification.anchor-sets.tsa.revocation", "off"));

        assertThat(props.apply(new TrustAnchorSet("signer", Set.of())).policy().revocation())
                .isEqualTo(RevocationMode.WHEN_DECLARED);
        assertThat(props.apply(new TrustAnchorSet("tsa", Set.of())).policy().revocation())
                .isEqualTo(RevocationMode.OFF);
        assertThat(props.apply(new TrustAnchorSet("seal-maker", Set.of()))
                        .policy()
                        .revocation())
                .isEqualTo(RevocationMode.REQUIRED);
    }

    @Test
    void noSettingsKeepTheDirectorysPolicy() {
        TrustAnchorSet strict = new TrustAnchorSet("signer", Set.of(), new AnchorSetPolicy(true));

        assertThat(bind(Map.of()).apply(strict)).isSameAs(strict);
    }
}
