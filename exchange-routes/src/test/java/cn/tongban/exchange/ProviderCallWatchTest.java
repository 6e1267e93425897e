package cn.tongban.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.hc.client5.http.ConnectTimeoutException;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.classic.ExecChain;
import org.apache.hc.client5.http.classic.ExecRuntime;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.util.Timeout;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The timeout warning against a real HttpClient and a raw loopback server that answers only the first
 * {@code answered} requests of each connection and then reads the next one and never answers it.
 */
class ProviderCallWatchTest {

    final List<String> warnings = Collections.synchronizedList(new ArrayList<>());
    final AtomicLong nanos = new AtomicLong();
    final ProviderCallWatch watch = new ProviderCallWatch(warnings::add, nanos::get);
    ServerSocket server;
    CloseableHttpClient client;
    final List<Socket> accepted = Collections.synchronizedList(new ArrayList<>());

    void serve(int answered) throws IOException {
        serve(answered, 5);
    }

    void serve(int answered, int pooled) throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread t = new Thread(
                () -> {
                    while (!server.isClosed()) {
                        try {
                            Socket s = server.accept();
                            accepted.add(s);
                            InputStream in = s.getInputStream();
                            for (int i = 0; i < answered && readRequest(in); i++) {
                                s.getOutputStream()
                                        .write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok"
                                                .getBytes(StandardCharsets.US_ASCII));
                                s.getOutputStream().flush();
                            }
                            readRequest(in); // and never answer it
                        } catch (IOException closed) {
                            return;
                        }
                    }
                },
                "never-answering-provider");
        t.setDaemon(true);
        t.start();
        client = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setSocketTimeout(Timeout.ofMilliseconds(300))
                                .build())
                        .setMaxConnPerRoute(pooled)
                        .setMaxConnTotal(pooled)
                        .build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(Timeout.ofMilliseconds(100))
                        .build())
                .addExecInterceptorFirst("watch", watch)
                .build();
    }

    static boolean readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            if (head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                return true;
            }
        }
        return false;
    }

    String get() throws IOException {
        return client.execute(
                new HttpGet("http://127.0.0.1:" + server.getLocalPort() + "/x"),
                r -> EntityUtils.toString(r.getEntity()));
    }

    @AfterEach
    void close() throws IOException {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
        for (Socket s : accepted) {
            s.close();
        }
    }

    @Test
    void aTimeoutOnAFreshConnectionSaysSo() throws IOException {
        serve(0);
        assertThatThrownBy(this::get).isInstanceOf(SocketTimeoutException.class);
        assertThat(warnings)
                .singleElement()
                .asString()
                .startsWith("provider 127.0.0.1:" + server.getLocalPort() + " did not answer (SocketTimeoutException")
                .contains("on a new connection (local /127.0.0.1:")
                .doesNotContain("/x");
    }

    @Test
    void aTimeoutOnAReusedConnectionSaysHowManyItCarriedAndHowLongItWasIdle() throws IOException {
        serve(2);
        assertThat(get()).isEqualTo("ok");
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(1));
        assertThat(get()).isEqualTo("ok");
        assertThat(warnings).isEmpty();
        nanos.addAndGet(TimeUnit.SECONDS.toNanos(41));
        assertThatThrownBy(this::get).isInstanceOf(SocketTimeoutException.class);
        assertThat(accepted).hasSize(1);
        assertThat(warnings)
                .singleElement()
                .asString()
                .contains(
                        "on a reused connection, request 3 on it, 2 answered before, idle 41000 ms before this request");
    }

    @Test
    void waitingTooLongForAPooledConnectionIsNoFreeConnectionNotATimeout() throws Exception {
        serve(0, 1);
        java.util.concurrent.CompletableFuture<Throwable> holder =
                java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                    try {
                        get();
                        return null;
                    } catch (IOException | RuntimeException e) {
                        return e;
                    }
                });
        Thread.sleep(100); // the one pooled connection is now waiting for an answer that never comes
        assertThatThrownBy(this::get)
                .isInstanceOf(NoFreeConnection.class)
                .hasMessage("no connection to provider 127.0.0.1:" + server.getLocalPort() + " came free in time");
        assertThat(holder.get()).isInstanceOf(SocketTimeoutException.class);
        assertThat(warnings)
                .as("only the real timeout is a warning")
                .singleElement()
                .asString()
                .contains("on a new connection");
    }

    @Test
    void aCallThatNeverGotAConnectionSaysSo() {
        HttpClientContext context = HttpClientContext.create();
        HttpGet get = new HttpGet("http://127.0.0.1:9/x");
        ExecRuntime unused = (ExecRuntime) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {ExecRuntime.class}, (proxy, method, args) -> {
                    throw new AssertionError("the watch used the exec runtime");
                });
        ExecChain.Scope scope =
                new ExecChain.Scope("1", new HttpRoute(new HttpHost("127.0.0.1", 9)), get, unused, context);
        assertThatThrownBy(() -> watch.execute(get, scope, (r, s) -> {
                    throw new ConnectTimeoutException("connect timed out");
                }))
                .isInstanceOf(ConnectTimeoutException.class);
        assertThat(warnings)
                .containsExactly("provider 127.0.0.1:9 did not answer (ConnectTimeoutException after 0 ms)"
                        + " on no connection: the request was never sent (a connect timeout)");
    }
}
