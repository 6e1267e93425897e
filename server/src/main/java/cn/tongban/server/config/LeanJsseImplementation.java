package cn.tongban.server.config;

import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLSession;

import org.apache.tomcat.util.net.SSLSupport;
import org.apache.tomcat.util.net.jsse.JSSEImplementation;
import org.apache.tomcat.util.net.jsse.JSSESupport;

/**
 * Tomcat's JSSE implementation without the two TLS request attributes nobody here reads: the protocol versions and
 * cipher suites the client <em>offered</em> in its hello ({@code org.apache.tomcat.util.net.secure_requested_*}).
 *
 * <p>Why: when a filter asks for the client certificate ({@code jakarta.servlet.request.X509Certificate}), Tomcat
 * fills every TLS attribute of the request at once, and for these two it joins the hello's lists into new strings on
 * every request of a keep-alive connection. In a load run's allocation profile that was 9% of all the server's
 * allocation (docs/PERFORMANCE.md, "Exchange pull", eighth pass), more than the pull's own route. The negotiated
 * cipher suite and protocol, the key size, the session id and the certificate chain are still set as before.
 */
public class LeanJsseImplementation extends JSSEImplementation {

    @Override
    public SSLSupport getSSLSupport(SSLSession session, Map<String, List<String>> additionalAttributes) {
        return new LeanSupport(session, additionalAttributes);
    }

    static final class LeanSupport extends JSSESupport {

        LeanSupport(SSLSession session, Map<String, List<String>> additionalAttributes) {
            super(session, additionalAttributes);
        }

        /** Not computed: Tomcat leaves the attribute unset when this is null. */
        @Override
        public String getRequestedProtocols() {
            return null;
        }

        /** Not computed: Tomcat leaves the attribute unset when this is null. */
        @Override
        public String getRequestedCiphers() {
            return null;
        }
    }
}
