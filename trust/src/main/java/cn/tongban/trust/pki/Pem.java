package cn.tongban.trust.pki;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.PrivateKey;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.util.List;

import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;

/** RFC 7468 textual encodings. */
public final class Pem {

    private Pem() {}

    /** One "CERTIFICATE" block per certificate, in order (leaf first for a chain file). */
    public static String write(X509Certificate... certificates) {
        return write(List.of(certificates));
    }

    public static String write(List<X509Certificate> certificates) {
        return writeObjects(certificates.toArray());
    }

    /** An "X509 CRL" block (RFC 7468 §6). */
    public static String write(X509CRL crl) {
        return writeObjects(crl);
    }

    /** An unencrypted PKCS#8 "PRIVATE KEY" block (RFC 7468 §10), the form Tomcat and OpenSSL 3 read. */
    public static String write(PrivateKey key) {
        try {
            return writeObjects(new JcaPKCS8Generator(key, null).generate());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String writeObjects(Object... objects) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            for (Object object : objects) {
                writer.writeObject(object);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }
}
