package cn.tongban.server.config;

import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.security.KeyManagementException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * An initialised {@link SSLContext} whose sockets and engines enable only {@link TlsConfig#PROTOCOLS} and the
 * {@link TlsConfig#CIPHER_SUITES} the JDK supports: the same TLS the server offers, for the exchange's own outbound
 * connections (providers that require mutual TLS). HTTP clients that take the context's defaults (Apache HttpClient
 * keeps a socket's enabled suites, minus weak ones) then never offer CBC or static-RSA suites either.
 */
public final class AeadOnlySslContext extends SSLContext {

    private AeadOnlySslContext(SSLContext delegate, SSLParameters params) {
        super(new Spi(delegate, params), delegate.getProvider(), delegate.getProtocol());
    }

    /** {@code initialised}, restricted to the server's protocols and AEAD suites. */
    public static SSLContext of(SSLContext initialised) {
        SSLParameters supported = initialised.getSupportedSSLParameters();
        List<String> suites = Arrays.asList(supported.getCipherSuites());
        List<String> protocols = Arrays.asList(supported.getProtocols());
        SSLParameters params = initialised.getDefaultSSLParameters();
        params.setCipherSuites(
                TlsConfig.CIPHER_SUITES.stream().filter(suites::contains).toArray(String[]::new));
        params.setProtocols(
                TlsConfig.PROTOCOLS.stream().filter(protocols::contains).toArray(String[]::new));
        return new AeadOnlySslContext(initialised, params);
    }

    private static final class Spi extends SSLContextSpi {
        private final SSLContext delegate;
        private final SSLParameters params;

        Spi(SSLContext delegate, SSLParameters params) {
            this.delegate = delegate;
            this.params = params;
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom random)
                throws KeyManagementException {
            delegate.init(km, tm, random);
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            return new Factory(delegate.getSocketFactory(), params);
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            return delegate.getServerSocketFactory();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            SSLEngine e = delegate.createSSLEngine();
            e.setSSLParameters(merge(e.getSSLParameters(), params));
            return e;
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            SSLEngine e = delegate.createSSLEngine(host, port);
            e.setSSLParameters(merge(e.getSSLParameters(), params));
            return e;
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            return delegate.getServerSessionContext();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            return delegate.getClientSessionContext();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return merge(delegate.getDefaultSSLParameters(), params);
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return delegate.getSupportedSSLParameters();
        }
    }

    private static SSLParameters merge(SSLParameters base, SSLParameters restricted) {
        base.setCipherSuites(restricted.getCipherSuites());
        base.setProtocols(restricted.getProtocols());
        return base;
    }

    private static final class Factory extends SSLSocketFactory {
        private final SSLSocketFactory delegate;
        private final SSLParameters params;

        Factory(SSLSocketFactory delegate, SSLParameters params) {
            this.delegate = delegate;
            this.params = params;
        }

        private Socket restrict(Socket s) {
            if (s instanceof SSLSocket ssl) {
                ssl.setEnabledProtocols(params.getProtocols());
                ssl.setEnabledCipherSuites(params.getCipherSuites());
            }
            return s;
        }

        @Override
        public String[] getDefaultCipherSuites() {
            return params.getCipherSuites().clone();
        }

        @Override
        public String[] getSupportedCipherSuites() {
            return delegate.getSupportedCipherSuites();
        }

        @Override
        public Socket createSocket() throws IOException {
            return restrict(delegate.createSocket());
        }

        @Override
        public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
            return restrict(delegate.createSocket(s, host, port, autoClose));
        }

        @Override
        public Socket createSocket(String host, int port) throws IOException {
            return restrict(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
            return restrict(delegate.createSocket(host, port, localHost, localPort));
        }

        @Override
        public Socket createSocket(InetAddress host, int port) throws IOException {
            return restrict(delegate.createSocket(host, port));
        }

        @Override
        public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
                throws IOException {
            return restrict(delegate.createSocket(address, port, localAddress, localPort));
        }
    }
}
