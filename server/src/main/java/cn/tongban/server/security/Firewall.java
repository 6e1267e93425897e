package cn.tongban.server.security;

import java.util.function.Predicate;

import org.springframework.security.web.firewall.StrictHttpFirewall;

/**
 * Spring Security's {@link StrictHttpFirewall} with its default rules for header and parameter names and header values
 * written as loops over code points instead of regular expressions. The defaults match every header name against
 * {@code [\p{IsAssigned}&&[^\p{IsControl}]]*} on every {@code getHeader} call, with a new {@code Matcher} each time;
 * Spring MVC's handler lookup asks for {@code Content-Length} and {@code Transfer-Encoding} once per candidate
 * mapping, so that was about 9% of the bytes a pull allocated (docs/PERFORMANCE.md "Exchange pull"). The rules are the
 * same: a name is assigned, non-control characters; a value may also hold tabs. Everything else of the strict firewall
 * (path normalisation, encoded slashes, methods, host names) is unchanged.
 */
public final class Firewall {

    /** Assigned code points that are not controls ({@code \p{IsAssigned}&&[^\p{IsControl}]}). */
    static final Predicate<String> NAME = s -> text(s, false);
    /** As {@link #NAME}, and the tab ({@code \p{IsAssigned}&&[[^\p{IsControl}]||\t]}). */
    static final Predicate<String> VALUE = s -> text(s, true);

    private Firewall() {}

    public static StrictHttpFirewall strict() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowedHeaderNames(NAME);
        firewall.setAllowedHeaderValues(VALUE);
        firewall.setAllowedParameterNames(NAME);
        return firewall;
    }

    private static boolean text(String s, boolean tab) {
        for (int i = 0; i < s.length(); ) {
            int cp = s.codePointAt(i);
            if (cp < 0x7F
                    ? cp < 0x20 && !(tab && cp == '\t')
                    : Character.isISOControl(cp) || !Character.isDefined(cp)) {
                return false;
            }
            i += Character.charCount(cp);
        }
        return true;
    }
}
