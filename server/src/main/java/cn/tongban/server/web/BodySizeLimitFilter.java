package cn.tongban.server.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.core.Ordered;
import org.springframework.util.unit.DataSize;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses request bodies over the configured limit with 413 problem+json: at once when Content-Length says so,
 * otherwise (chunked bodies) as soon as the reader passes the limit. Requests matched by an exemption (the
 * streamed dataset upload) have their own, larger limit instead.
 */
public class BodySizeLimitFilter extends OncePerRequestFilter implements Ordered {

    private final long limit;
    private final ObjectMapper mapper;
    private final java.util.function.Predicate<HttpServletRequest> exempt;
    private final long exemptLimit;

    public BodySizeLimitFilter(DataSize limit, ObjectMapper mapper) {
        this(limit, mapper, r -> false, limit);
    }

    /** As above, except that requests matching {@code exempt} may send up to {@code exemptLimit}. */
    public BodySizeLimitFilter(
            DataSize limit,
            ObjectMapper mapper,
            java.util.function.Predicate<HttpServletRequest> exempt,
            DataSize exemptLimit) {
        this.limit = limit.toBytes();
        this.mapper = mapper;
        this.exempt = exempt;
        this.exemptLimit = exemptLimit.toBytes();
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 10;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = exempt.test(request) ? exemptLimit : this.limit;
        if (request.getContentLengthLong() > limit) {
            Problems.write(
                    request,
                    response,
                    mapper,
                    ErrorCode.PAYLOAD_TOO_LARGE,
                    "The request body exceeds " + limit + " bytes");
            return;
        }
        chain.doFilter(new Limited(request, limit), response);
    }

    /** Thrown while reading past the limit; the problem handler maps it to 413. */
    public static class PayloadTooLargeException extends IOException {
        public PayloadTooLargeException(long limit) {
            super("The request body exceeds " + limit + " bytes");
        }
    }

    private static final class Limited extends HttpServletRequestWrapper {
        private final long limit;
        private ServletInputStream stream;

        Limited(HttpServletRequest request, long limit) {
            super(request);
            this.limit = limit;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new CountingStream(super.getInputStream(), limit);
            }
            return stream;
        }
    }

    private static final class CountingStream extends ServletInputStream {
        private final ServletInputStream in;
        private final long limit;
        private long count;

        CountingStream(ServletInputStream in, long limit) {
            this.in = in;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                add(1);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.read(b, off, len);
            if (n > 0) {
                add(n);
            }
            return n;
        }

        private void add(int n) throws PayloadTooLargeException {
            count += n;
            if (count > limit) {
                throw new PayloadTooLargeException(limit);
            }
        }

        @Override
        public boolean isFinished() {
            return in.isFinished();
        }

        @Override
        public boolean isReady() {
            return in.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            in.setReadListener(listener);
        }
    }
}
