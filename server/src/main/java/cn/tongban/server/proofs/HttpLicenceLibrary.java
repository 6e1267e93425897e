package cn.tongban.server.proofs;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

/**
 * A licence library over HTTP: {@code GET {base}/licences/{typeCode}?holderCode=...} answers 200 with the document,
 * 404 when the holder has none. The holder code travels only in the request to the library, never in logs.
 */
public final class HttpLicenceLibrary implements LicenceLibrary {

    private final URI base;
    private final HttpClient http;
    private final Duration timeout;
    private final long maxBytes;

    public HttpLicenceLibrary(URI base, Duration timeout, long maxBytes) {
        this.base = URI.create(base.toString().endsWith("/") ? base.toString() : base + "/");
        this.timeout = timeout;
        this.maxBytes = maxBytes;
        this.http = HttpClient.newBuilder()
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public Optional<byte[]> find(String holderCode, String typeCode) throws UnavailableException {
        URI uri = base.resolve("licences/" + URLEncoder.encode(typeCode, StandardCharsets.UTF_8) + "?holderCode="
                + URLEncoder.encode(holderCode, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        try {
            HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = r.body()) {
                if (r.statusCode() == 404) {
                    return Optional.empty();
                }
                if (r.statusCode() != 200) {
                    throw new UnavailableException("the licence library answered " + r.statusCode());
                }
                byte[] document = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                if (document.length > maxBytes) {
                    throw new UnavailableException("the licence library sent a document over " + maxBytes + " bytes");
                }
                return Optional.of(document);
            }
        } catch (IOException e) {
            throw new UnavailableException(
                    "the licence library cannot be reached: " + e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UnavailableException("interrupted while asking the licence library");
        }
    }
}
