package cn.tongban.bench.load;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * One keep-alive HTTP/1.1 connection that sends the same prepared request(s) again and again over a blocking (TLS)
 * socket, the way wrk does: the request head and body are one byte array written with one call, the answer is
 * read and thrown away (Content-Length or chunked), and the connection is reopened only when the server closes it
 * or a call fails. The JDK's {@code HttpClient} cost about 2.6 ms of CPU per 200 KB request over TLS on these
 * machines, as much as a third of what the server under test spent, on the same two cores.
 */
final class RawHttp implements AutoCloseable {

    private final URI url;
    private final SSLContext tls;
    private final byte[][] requests;
    private int next;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    /** A connection that sends the given requests in turn (see {@link #request}). */
    RawHttp(URI url, SSLContext tls, byte[]... requests) {
        this.url = url;
        this.tls = tls;
        this.requests = requests.clone();
    }

    /** The bytes of a request: method, path and query, Host, Content-Length, the extra headers, the body. */
    static byte[] request(URI url, String method, List<String> headers, byte[] body) {
        StringBuilder head = new StringBuilder();
        String target = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        if (url.getRawQuery() != null) {
            target += "?" + url.getRawQuery();
        }
        head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        head.append("Host: ")
                .append(url.getHost())
                .append(':')
                .append(port(url))
                .append("\r\n");
        for (String h : headers) {
            head.append(h.trim()).append("\r\n");
        }
        if (body.length > 0 || !"GET".equals(method)) {
            head.append("Content-Length: ").append(body.length).append("\r\n");
        }
        head.append("\r\n");
        byte[] h = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] all = new byte[h.length + body.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(body, 0, all, h.length, body.length);
        return all;
    }

    /** Sends the next request once and reads the whole answer; the status code, or -1 when the connection failed. */
    int send() {
        byte[] request = requests[next];
        next = (next + 1) % requests.length;
        for (int attempt = 0; attempt < 2; attempt++) {
            boolean fresh = socket == null;
            try {
                if (fresh) {
                    open();
                }
                out.write(request);
                out.flush();
                return readResponse();
            } catch (IOException e) {
                close();
                if (fresh) {
                    return -1; // a new connection failed: an error, not a stale keep-alive connection
                }
            }
        }
        return -1;
    }

    private void open() throws IOException {
        Socket s = new Socket();
        s.setTcpNoDelay(true);
        s.connect(new InetSocketAddress(url.getHost(), port(url)), 5_000);
        s.setSoTimeout(30_000);
        if ("https".equals(url.getScheme())) {
            SSLSocket t = (SSLSocket) tls.getSocketFactory().createSocket(s, url.getHost(), port(url), true);
            t.startHandshake();
            s = t;
        }
        socket = s;
        in = new BufferedInputStream(s.getInputStream(), 65_536);
        out = new BufferedOutputStream(s.getOutputStream(), 65_536);
    }

    private int readResponse() throws IOException {
        String status = line();
        if (!status.startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP response: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = status.startsWith("HTTP/1.0");
        for (String h = line(); !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String name = h.substring(0, colon).trim();
            String value = h.substring(colon + 1).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Long.parseLong(value);
            } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
                chunked = value.toLowerCase(java.util.Locale.ROOT).contains("chunked");
            } else if (name.equalsIgnoreCase("Connection")) {
                close = value.equalsIgnoreCase("close");
            }
        }
        if (chunked) {
            for (long n = Long.parseLong(chunkSize(line()), 16); n > 0; n = Long.parseLong(chunkSize(line()), 16)) {
                skip(n);
                line();
            }
            while (!line().isEmpty()) {
                // trailer fields
            }
        } else if (length >= 0) {
            skip(length);
        } else {
            close = true; // body until the server closes the connection
            while (in.read() >= 0) {
                // discard
            }
        }
        if (close) {
            close();
        }
        return code;
    }

    private static String chunkSize(String line) {
        int semi = line.indexOf(';');
        return (semi < 0 ? line : line.substring(0, semi)).trim();
    }

    private void skip(long n) throws IOException {
        while (n > 0) {
            long k = in.skip(n);
            if (k <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("answer ended early");
                }
                k = 1;
            }
            n -= k;
        }
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder(64);
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new EOFException("connection closed");
            }
            if (c != '\r') {
                sb.append((char) c);
            }
        }
        return sb.toString();
    }

    private static int port(URI url) {
        return url.getPort() > 0 ? url.getPort() : "https".equals(url.getScheme()) ? 443 : 80;
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        socket = null;
        in = null;
        out = null;
    }
}
