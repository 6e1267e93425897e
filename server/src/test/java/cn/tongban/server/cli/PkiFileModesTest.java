package cn.tongban.server.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import cn.tongban.server.audit.AuditKeys;
import cn.tongban.server.config.KeyFileModeCheck;
import cn.tongban.server.config.OwnerOnlyFiles;
import cn.tongban.trust.pki.KeyAlgorithm;

/** What {@code pki init} and the audit log write is owner-only; a key file open to others is warned about on start. */
@ExtendWith(OutputCaptureExtension.class)
class PkiFileModesTest {

    @TempDir
    Path dir;

    @BeforeEach
    void posixOnly() {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file modes");
    }

    @Test
    void pkiInitWritesKeysAndKeyStoresOwnerOnlyAndCertificatesPublic() throws Exception {
        PkiLayout layout = new PkiLayout(dir.resolve("pki"));
        new PlatformPki(layout, Clock.systemUTC(), KeyAlgorithm.EC_P256).init(List.of("localhost"), List.of("sys-a"));
        for (Path secret : List.of(
                layout.caKeyStore(),
                layout.serverKeyStore(),
                layout.trustStore(),
                layout.storePasswordFile(),
                layout.clientKey("sys-a"),
                layout.clientKeyStore("sys-a"))) {
            assertThat(mode(secret)).as(secret.toString()).isEqualTo("rw-------");
        }
        assertThat(mode(layout.caCertificate())).isNotEqualTo("rw-------").startsWith("rw-");
        assertThat(KeyFileModeCheck.warn(layout.dir(), List.of())).isEmpty();
        // no temporary file is left behind
        try (var files = Files.list(layout.dir())) {
            assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
        }
    }

    @Test
    void aReplacedKeyFileDoesNotKeepTheOldFilesWiderMode() throws Exception {
        Path file = dir.resolve("server.p12");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        OwnerOnlyFiles.write(file, new byte[] {1, 2, 3});
        assertThat(mode(file)).isEqualTo("rw-------");
        assertThat(Files.readAllBytes(file)).containsExactly(1, 2, 3);
    }

    @Test
    void theAuditKeysAreOwnerOnly() throws Exception {
        AuditKeys.signingKey(dir, KeyAlgorithm.EC_P256);
        AuditKeys.subjectSecret(null, dir);
        assertThat(mode(dir.resolve(AuditKeys.SIGNING_KEY))).isEqualTo("rw-------");
        assertThat(mode(dir.resolve(AuditKeys.SUBJECT_KEY))).isEqualTo("rw-------");
    }

    @Test
    void aKeyFileReadableByOthersIsWarnedAboutOnStartAndCertificatesAreNot(CapturedOutput out) throws Exception {
        PkiLayout layout = new PkiLayout(dir.resolve("pki"));
        new PlatformPki(layout, Clock.systemUTC(), KeyAlgorithm.EC_P256).init(List.of("localhost"), List.of("sys-a"));
        Files.setPosixFilePermissions(layout.caKeyStore(), PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(layout.clientKey("sys-a"), PosixFilePermissions.fromString("rw-r-----"));
        Path sealKey = dir.resolve("maker.p12");
        Files.write(sealKey, new byte[] {1});
        Files.setPosixFilePermissions(sealKey, PosixFilePermissions.fromString("rw-rw-rw-"));
        Files.setPosixFilePermissions(layout.caCertificate(), PosixFilePermissions.fromString("rw-r--r--"));

        List<String> warnings = KeyFileModeCheck.warn(layout.dir(), List.of(sealKey));

        assertThat(warnings).hasSize(3);
        assertThat(warnings.get(0))
                .contains(layout.caKeyStore().toAbsolutePath().toString(), "rw-r--r--", "chmod 600");
        assertThat(String.join("\n", warnings))
                .contains("sys-a.key", "maker.p12")
                .doesNotContain("ca.crt");
        assertThat(out.getAll()).contains("is readable by others");
    }

    private static String mode(Path file) throws Exception {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
    }
}
