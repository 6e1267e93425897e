package cn.tongban.server.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletOutputStream;
import jakarta.servlet.WriteListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a small answer go out whole, with a {@code Content-Length}, in one write. Spring MVC flushes after every
 * body (the JSON converter flushes the stream, then {@code ServletServerHttpResponse} calls {@code flushBuffer()});
 * a flush commits the response, so Tomcat had to send the headers and the body as a chunk, then the closing
 * chunk: two TLS records and two socket writes per answer (about 5% of a pull's CPU, docs/PERFORMANCE.md
 * "Exchange pull"). Here both flushes are left to Tomcat, which sends the answer when the request ends (with its
 * length) or whenever its buffer (8 KB) fills, so a large body — a dataset download — still streams in bounded
 * memory. Nothing here needs a flush to reach the client early (no server-sent events or long polls).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 1)
public class ContentLengthFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        chain.doFilter(request, new Wrapper(response));
    }

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        return false;
    }

    private static final class Wrapper extends HttpServletResponseWrapper {
        private ServletOutputStream out;

        Wrapper(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void flushBuffer() {
            // left to the container, as the stream's flush below
        }

        @Override
        public ServletOutputStream getOutputStream() throws IOException {
            if (out == null) {
                out = new FlushLeftToTheContainer(super.getOutputStream());
            }
            return out;
        }
    }

    private static final class FlushLeftToTheContainer extends ServletOutputStream {
        private final ServletOutputStream target;

        FlushLeftToTheContainer(ServletOutputStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) throws IOException {
            target.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            target.write(b, off, len);
        }

        @Override
        public void flush() {
            // left to the container: it sends when the buffer fills or the request ends
        }

        @Override
        public void close() throws IOException {
            target.close();
        }

        @Override
        public boolean isReady() {
            return target.isReady();
        }

        @Override
        public void setWriteListener(WriteListener listener) {
            target.setWriteListener(listener);
        }
    }
}
