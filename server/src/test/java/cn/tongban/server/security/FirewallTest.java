package cn.tongban.server.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.web.firewall.RequestRejectedException;

class FirewallTest {

    /** Spring Security's own rules, as regular expressions (StrictHttpFirewall's defaults). */
    private static final Pattern NAME = Pattern.compile("[\\p{IsAssigned}&&[^\\p{IsControl}]]*");

    private static final Pattern VALUE = Pattern.compile("[\\p{IsAssigned}&&[[^\\p{IsControl}]||\\t]]*");

    @Test
    void theLoopsAgreeWithTheDefaultExpressionsOnEveryCodePointOfTheBasicPlaneAndBeyond() {
        for (int cp = 0; cp <= 0x10FFFF; cp += cp < 0x30000 ? 1 : 97) {
            String s = "a" + new String(Character.toChars(cp)) + "b";
            assertThat(Firewall.NAME.test(s))
                    .as("name U+%04X", cp)
                    .isEqualTo(NAME.matcher(s).matches());
            assertThat(Firewall.VALUE.test(s))
                    .as("value U+%04X", cp)
                    .isEqualTo(VALUE.matcher(s).matches());
        }
        assertThat(Firewall.NAME.test("")).isTrue();
        assertThat(Firewall.VALUE.test("a\tb")).isTrue();
        assertThat(Firewall.NAME.test("a\tb")).isFalse();
    }

    @Test
    void aHeaderWithAControlCharacterIsStillRejected() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/catalogue");
        request.addHeader("X-Bad", "line\u0000break");
        request.addHeader("X-Good", "fine\tvalue");
        var firewalled = Firewall.strict().getFirewalledRequest(request);
        assertThat(firewalled.getHeader("X-Good")).isEqualTo("fine\tvalue");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> firewalled.getHeader("X-Bad"))
                .isInstanceOf(RequestRejectedException.class);
    }

    @Test
    void aPathWithAnEncodedSlashIsStillRejected() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/catalogue%2F..%2Fx");
        request.setRequestURI("/api/v1/catalogue%2F..%2Fx");
        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> Firewall.strict().getFirewalledRequest(request))
                .isInstanceOf(RequestRejectedException.class);
    }
}
