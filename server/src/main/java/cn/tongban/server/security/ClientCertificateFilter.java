package cn.tongban.server.security;

import java.io.IOException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.authentication.preauth.PreAuthenticatedAuthenticationToken;
import org.springframework.web.filter.OncePerRequestFilter;

import cn.tongban.trust.pki.Certificates;

/**
 * Mutual TLS: the TLS layer has already checked that the client certificate chains to the platform CA and is
 * within its validity; this filter maps the certificate (by SHA-256 fingerprint) to a registered system.
 * A certificate that maps to no system leaves the request unauthenticated and says why.
 */
public class ClientCertificateFilter extends OncePerRequestFilter {

    /** Request attribute naming the reason authentication failed, read by the entry point. */
    public static final String FAILURE_ATTRIBUTE = "tongban.authentication.failure";

    /** Fingerprints seen: more than a deployment has systems, small enough to bound memory. */
    static final int FINGERPRINTS_KEPT = 4096;

    private final SystemDirectory directory;
    private final Clock clock;
    /**
     * Fingerprint by certificate (equal = same DER encoding, whose hash the JDK computes once per certificate object):
     * every request on a keep-alive connection carries the same certificate, and hashing its encoding each time was 3%
     * of the server's allocation under load. Cleared when full, so a client cycling through certificates costs only
     * re-hashing.
     */
    private final Map<X509Certificate, String> fingerprints = new ConcurrentHashMap<>();

    private final int fingerprintsKept;

    public ClientCertificateFilter(SystemDirectory directory, Clock clock) {
        this(directory, clock, FINGERPRINTS_KEPT);
    }

    ClientCertificateFilter(SystemDirectory directory, Clock clock, int fingerprintsKept) {
        this.directory = directory;
        this.clock = clock;
        this.fingerprintsKept = fingerprintsKept;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        X509Certificate[] chainCerts =
                (X509Certificate[]) request.getAttribute("jakarta.servlet.request.X509Certificate");
        if (chainCerts != null
                && chainCerts.length > 0
                && SecurityContextHolder.getContext().getAuthentication() == null) {
            X509Certificate cert = chainCerts[0];
            Optional<SystemPrincipal> system = directory.bySha256(fingerprint(cert));
            if (system.isPresent()
                    && !clock.instant().isAfter(cert.getNotAfter().toInstant())) {
                var auth = new PreAuthenticatedAuthenticationToken(
                        system.get(),
                        cert,
                        List.of(new SimpleGrantedAuthority(system.get().role().authority())));
                var context = SecurityContextHolder.createEmptyContext();
                context.setAuthentication(auth);
                SecurityContextHolder.setContext(context);
            } else {
                request.setAttribute(FAILURE_ATTRIBUTE, "UNKNOWN_CLIENT_CERTIFICATE");
            }
        }
        chain.doFilter(request, response);
    }

    String fingerprint(X509Certificate cert) {
        String known = fingerprints.get(cert);
        if (known != null) {
            return known;
        }
        if (fingerprints.size() >= fingerprintsKept) {
            fingerprints.clear();
        }
        String computed = Certificates.sha256Fingerprint(cert);
        fingerprints.put(cert, computed);
        return computed;
    }

    int fingerprintsHeld() {
        return fingerprints.size();
    }
}
