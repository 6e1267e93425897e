package cn.tongban.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;

import cn.tongban.trust.pki.KeyStores;

class CommandLineTest {

    @TempDir
    Path tmp;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String stdin, String... args) {
        out.reset();
        err.reset();
        return CommandLine.standard()
                .run(
                        args,
                        new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                        new PrintStream(out, true, StandardCharsets.UTF_8),
                        new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void unknownCommandPrintsUsageOnStderrAndExits64() {
        assertThat(run("", "frobnicate")).isEqualTo(64);
        assertThat(err())
                .contains("unknown command 'frobnicate'")
                .contains("Usage:")
                .contains("pki init");
        assertThat(out.size()).isZero();
    }

    @Test
    void badArgumentsExit64WithTheCommandsUsage() {
        assertThat(run("", "pki", "init", "--bogus")).isEqualTo(64);
        assertThat(err()).contains("unknown option --bogus").contains("usage: java -jar tongban.jar pki init");
        assertThat(run("", "pki", "init", "--dir")).isEqualTo(64);
        assertThat(err()).contains("--dir needs a value");
        assertThat(run("", "pki", "init", "stray")).isEqualTo(64);
        assertThat(run("", "pki", "init", "--algorithm", "SM2")).isEqualTo(64);
        assertThat(run("", "pki", "init", "--algorithm", "BRAINPOOL_P256")).isEqualTo(64);
        assertThat(err()).contains("use EC_P256, RSA_2048 or RSA_3072");
        assertThat(run("", "pki", "init", "--system", "Bad_Id")).isEqualTo(64);
        assertThat(run("", "pki", "client")).isEqualTo(64);
        assertThat(err()).contains("--system is required");
    }

    @Test
    void helpGoesToStdoutAndSucceeds() {
        assertThat(run("", "help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Exit status");
    }

    @Test
    void pkiInitCreatesAWorkingMutualTlsSetUpAndRefusesToOverwrite() throws Exception {
        Path dir = tmp.resolve("pki");
        assertThat(run(
                        "",
                        "pki",
                        "init",
                        "--dir",
                        dir.toString(),
                        "--system",
                        "app-one",
                        "--host",
                        "tongban.example",
                        "--host",
                        "10.1.2.3"))
                .isZero();
        PkiLayout layout = new PkiLayout(dir);
        char[] password = Files.readString(layout.storePasswordFile()).strip().toCharArray();
        KeyStore server = KeyStores.read(layout.serverKeyStore(), password);
        X509Certificate serverCert = (X509Certificate) server.getCertificate(PkiLayout.SERVER_ALIAS);
        X509Certificate ca = readPem(layout.caCertificate());
        serverCert.verify(ca.getPublicKey());
        assertThat(serverCert.getSubjectAlternativeNames().stream()
                        .map(l -> String.valueOf(l.get(1)))
                        .toList())
                .contains("tongban.example", "10.1.2.3");
        assertThat(serverCert.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1");
        X509Certificate client = readPem(layout.clientCertificate("app-one"));
        client.verify(ca.getPublicKey());
        assertThat(client.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
        assertThat(Files.readString(layout.clientKey("app-one"))).startsWith("-----BEGIN PRIVATE KEY-----");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(layout.clientKey("app-one"))))
                .isEqualTo("rw-------");

        assertThat(run("", "pki", "init", "--dir", dir.toString())).isEqualTo(73);
        assertThat(err()).contains("already holds a PKI").contains("--force");

        assertThat(run("", "pki", "client", "--dir", dir.toString(), "--system", "app-two"))
                .isZero();
        readPem(layout.clientCertificate("app-two")).verify(ca.getPublicKey());
    }

    @Test
    void pkiClientWithoutACaExits66() {
        assertThat(run("", "pki", "client", "--dir", tmp.resolve("none").toString(), "--system", "x-1"))
                .isEqualTo(66);
        assertThat(err()).contains("run pki init first");
    }

    @Test
    void passwordHashReadsStdinAndRejectsWeakOrMissingInput() {
        assertThat(run("correct horse battery staple\n", "password", "hash")).isZero();
        String hash = out.toString(StandardCharsets.UTF_8).strip();
        assertThat(hash).startsWith("{bcrypt}$2a$12$");
        assertThat(PasswordEncoderFactories.createDelegatingPasswordEncoder()
                        .matches("correct horse battery staple", hash))
                .isTrue();
        assertThat(run("short\n", "password", "hash")).isEqualTo(65);
        assertThat(run("", "password", "hash")).isEqualTo(66);
        assertThat(err()).doesNotContain("short");
    }

    private static X509Certificate readPem(Path file) throws Exception {
        try (var in = Files.newInputStream(file)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
    }
}
