package cn.tongban.exchange;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.SocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.core5.http.ClassicHttpRequest;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ConnectionRequestTimeoutException;
import org.apache.hc.core5.http.EndpointDetails;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.util.DeadlineTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says, when a provider call times out, on which connection it waited: a new one (the first request on it) or a
 * reused one, how many requests and answers that connection had carried, and how long it had been idle before
 * this request. A provider that hangs on fresh connections (an accept or TLS problem at its end) and one that
 * drops requests on connections it considers idle look the same from the timeout alone; these facts tell them
 * apart, in the exchange's own log, one warning per timeout. Nothing about the request is logged (no path, no
 * subject): the path carries the pull's subject, a personal identifier.
 *
 * <p>A call that waited for a free pooled connection past the pool's deadline is not a provider timeout: it is
 * rethrown as {@link NoFreeConnection}, which the provider's circuit breaker ignores, and not logged (like a full
 * bulkhead, it is this node shedding load).
 *
 * <p>Installed outermost in each provider's HTTP client chain, so a retried call is described by its last attempt.
 * The idle time comes from this watch's own record of when each connection last delivered an answer, keyed by the
 * connection's local address (unique while it is open); the record is dropped whole when it grows past
 * {@link #REMEMBERED} addresses, so a long-running exchange keeps it bounded.
 */
final class ProviderCallWatch implements ExecChainHandler {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderCallWatch.class);
    private static final int REMEMBERED = 4096;

    private final Map<SocketAddress, Long> lastAnswer = new ConcurrentHashMap<>();
    private final Consumer<String> warnings;
    private final LongSupplier nanos;

    ProviderCallWatch() {
        this(LOG::warn, System::nanoTime);
    }

    ProviderCallWatch(Consumer<String> warnings, LongSupplier nanos) {
        this.warnings = warnings;
        this.nanos = nanos;
    }

    @Override
    public ClassicHttpResponse execute(ClassicHttpRequest request, ExecChain.Scope scope, ExecChain chain)
            throws IOException, HttpException {
        long start = nanos.getAsLong();
        try {
            ClassicHttpResponse response = chain.proceed(request, scope);
            EndpointDetails used = scope.clientContext.getEndpointDetails();
            if (used != null && used.getLocalAddress() != null) {
                if (lastAnswer.size() >= REMEMBERED) {
                    lastAnswer.clear();
                }
                lastAnswer.put(used.getLocalAddress(), nanos.getAsLong());
            }
            return response;
        } catch (InterruptedIOException timeout) {
            String provider = scope.route.getTargetHost().toHostString();
            if (waitedForThePool(timeout)) {
                throw new NoFreeConnection(provider, timeout);
            }
            warnings.accept(describe(provider, scope.clientContext.getEndpointDetails(), start, timeout));
            throw timeout;
        }
    }

    /**
     * The pool's lease deadline passed: HttpClient throws {@link ConnectionRequestTimeoutException} when the wait
     * itself times out, and an exception caused by {@link DeadlineTimeoutException} when the pool expires the
     * pending lease first.
     */
    private static boolean waitedForThePool(Throwable timeout) {
        return PullRoutes.causedBy(timeout, ConnectionRequestTimeoutException.class)
                || PullRoutes.causedBy(timeout, DeadlineTimeoutException.class);
    }

    private String describe(String provider, EndpointDetails used, long start, InterruptedIOException timeout) {
        long waited = (nanos.getAsLong() - start) / 1_000_000;
        StringBuilder s = new StringBuilder("provider ")
                .append(provider)
                .append(" did not answer (")
                .append(timeout.getClass().getSimpleName())
                .append(" after ")
                .append(waited)
                .append(" ms) on ");
        if (used == null) {
            return s.append("no connection: the request was never sent (a connect timeout)")
                    .toString();
        }
        long requests = used.getRequestCount();
        if (requests <= 1) {
            s.append("a new connection");
        } else {
            s.append("a reused connection, request ")
                    .append(requests)
                    .append(" on it, ")
                    .append(used.getResponseCount())
                    .append(" answered before");
            Long last = lastAnswer.get(used.getLocalAddress());
            s.append(
                    last == null
                            ? ", idle time unknown"
                            : ", idle " + Math.max(0, (start - last) / 1_000_000) + " ms before this request");
        }
        return s.append(" (local ")
                .append(used.getLocalAddress())
                .append(", sent ")
                .append(used.getSentBytesCount())
                .append(" bytes, received ")
                .append(used.getReceivedBytesCount())
                .append(")")
                .toString();
    }
}
