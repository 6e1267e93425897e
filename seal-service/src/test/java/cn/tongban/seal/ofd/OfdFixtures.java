package cn.tongban.seal.ofd;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.cert.X509Certificate;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.bouncycastle.jce.provider.BouncyCastleProvider;

import cn.tongban.seal.codec.Vectors;
import cn.tongban.seal.report.CertificateJudge;
import cn.tongban.trust.verdict.SubIndication;

/** Reads the vectors, rewrites OFD ZIPs entry by entry, and loads ofdrw's test keys (README of the vectors). */
final class OfdFixtures {

    static final Provider BC = new BouncyCastleProvider();

    /** A PKCS#12 key entry. */
    record KeyEntry(PrivateKey key, X509Certificate certificate) {}

    private OfdFixtures() {}

    static byte[] vector(String name) {
        return Vectors.read(name);
    }

    /** Entries of a ZIP in order, directories left out. */
    static Map<String, byte[]> entries(byte[] zip) {
        Map<String, byte[]> out = new LinkedHashMap<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
                if (!e.isDirectory()) {
                    out.put(e.getName(), in.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                out.putNextEntry(new ZipEntry(e.getKey()));
                out.write(e.getValue());
                out.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The vector {@code name} with its entries changed by {@code edit}, re-zipped. */
    static byte[] rewrite(String name, Consumer<Map<String, byte[]>> edit) {
        Map<String, byte[]> entries = entries(vector(name));
        edit.accept(entries);
        return zip(entries);
    }

    static KeyEntry p12(String name, String password) {
        try (InputStream in = new ByteArrayInputStream(vector(name))) {
            KeyStore ks = KeyStore.getInstance("PKCS12", BC);
            ks.load(in, password.toCharArray());
            return new KeyEntry((PrivateKey) ks.getKey("private", password.toCharArray()), (X509Certificate)
                    ks.getCertificate("private"));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static KeyEntry root() {
        return p12("ROOT.p12", "123456");
    }

    /** A stand-in for path validation: passes certificates issued by ROOT.p12's key and valid at the time. */
    static CertificateJudge trustingRoot() {
        X509Certificate anchor = root().certificate();
        return (cert, at, purpose) -> {
            try {
                cert.verify(anchor.getPublicKey(), BC);
            } catch (GeneralSecurityException e) {
                return CertificateJudge.Judgement.indeterminate(
                        SubIndication.NO_CERTIFICATE_CHAIN_FOUND, "not issued by the test root");
            }
            if (at.isAfter(cert.getNotAfter().toInstant())) {
                return CertificateJudge.Judgement.failed(SubIndication.EXPIRED, "expired at " + at);
            }
            if (at.isBefore(cert.getNotBefore().toInstant())) {
                return CertificateJudge.Judgement.failed(SubIndication.NOT_YET_VALID, "not yet valid at " + at);
            }
            return CertificateJudge.Judgement.passed(purpose + " certificate chains to the test root at "
                    + Date.from(at).toInstant());
        };
    }
}
