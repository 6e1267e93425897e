package cn.tongban.exchange;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import javax.net.ssl.SSLException;

import org.apache.hc.client5.http.HttpRequestRetryStrategy;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.HttpResponse;
import org.apache.hc.core5.http.Method;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.TimeValue;

/**
 * Retries only what is safe and cheap: an idempotent request (the pull is a GET) whose connection broke before
 * an answer (reset, no response), once, at once. Never a timeout (the read timeout is the consumer's budget),
 * never a refused connection or TLS failure (the next try fails the same way), and never on a response: unlike
 * HttpClient's default strategy, a provider's 503 with {@code Retry-After: 60} does not hold the consumer's
 * request for a minute.
 */
final class ProviderRetryStrategy implements HttpRequestRetryStrategy {

    static final int MAX_RETRIES = 1;

    @Override
    public boolean retryRequest(HttpRequest request, IOException exception, int execCount, HttpContext context) {
        if (execCount > MAX_RETRIES || !Method.isIdempotent(request.getMethod())) {
            return false;
        }
        return !(exception instanceof InterruptedIOException
                || exception instanceof ConnectException
                || exception instanceof NoRouteToHostException
                || exception instanceof UnknownHostException
                || exception instanceof SSLException);
    }

    @Override
    public boolean retryRequest(HttpResponse response, int execCount, HttpContext context) {
        return false;
    }

    @Override
    public TimeValue getRetryInterval(HttpResponse response, int execCount, HttpContext context) {
        return TimeValue.ZERO_MILLISECONDS;
    }
}
