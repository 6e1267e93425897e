package cn.tongban.seal.ofd;

import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import cn.tongban.seal.codec.SesSignature;
import cn.tongban.trust.verdict.Check;
import cn.tongban.trust.verdict.SubIndication;

/** The OFD-level digest checks of one signature (docs/STANDARDS.md §1.6, §1.3). */
final class ReferenceChecks {

    static final String CLAUSE_REFERENCES = "GB/T 33190 signature References, STANDARDS §1.6";
    static final String CLAUSE_DATA_HASH = "GM/T 0031-2014 §6.2.3 step 5; STANDARDS §1.3, §1.6";

    private ReferenceChecks() {}

    /** Every {@code <ofd:Reference>}: CheckValue = Base64(digest(file bytes)), digest from CheckMethod. */
    static void references(SignatureXml xml, OfdContainer container, List<Check> out) {
        // GB/T 33190 makes MD5 the default when CheckMethod is absent; MD5 is not accepted here [open].
        Optional<String> method = xml.checkMethod().flatMap(Digests::byName);
        if (method.isEmpty()) {
            out.add(Check.indeterminate(
                    "REFERENCES CheckMethod",
                    SubIndication.CRYPTO_CONSTRAINTS_FAILURE,
                    CLAUSE_REFERENCES,
                    "CheckMethod '" + xml.checkMethod().orElse("(absent: MD5)") + "' is not SM3 or SHA-256"));
            return;
        }
        for (SignatureXml.Reference r : xml.references()) {
            String name = "REFERENCE " + r.fileRef();
            Optional<byte[]> actual = container.digest(method.get(), r.path());
            if (actual.isEmpty()) {
                out.add(Check.indeterminate(
                        name,
                        SubIndication.SIGNED_DATA_NOT_FOUND,
                        CLAUSE_REFERENCES,
                        "referenced file " + r.path() + " is not in the package"));
                continue;
            }
            byte[] expected;
            try {
                expected = Base64.getDecoder().decode(r.checkValue().replaceAll("\\s", ""));
            } catch (IllegalArgumentException e) {
                out.add(Check.failed(
                        name, SubIndication.FORMAT_FAILURE, CLAUSE_REFERENCES, "CheckValue is not Base64"));
                continue;
            }
            out.add(
                    MessageDigest.isEqual(expected, actual.get())
                            ? Check.passed(name, CLAUSE_REFERENCES, method.get() + " of the file equals CheckValue")
                            : Check.failed(
                                    name,
                                    SubIndication.HASH_FAILURE,
                                    CLAUSE_REFERENCES,
                                    method.get()
                                            + " of the file differs from CheckValue: the file was altered after signing"));
        }
    }

    /**
     * TBS_Sign.dataHash = digest of the raw Signature.xml bytes (docs/STANDARDS.md §1.3): SM3 for SM3withSM2, SHA-256
     * for RSA/ECDSA signatures (hash and signature go in pairs) [open for non-SM2].
     */
    static void dataHash(SesSignature signature, byte[] signatureXml, List<Check> out) {
        String algorithm = "1.2.156.10197.1.501".equals(signature.signatureAlgorithm()) ? Digests.SM3 : Digests.SHA256;
        byte[] actual = Digests.digest(algorithm, signatureXml);
        out.add(
                MessageDigest.isEqual(actual, signature.dataHash().value())
                        ? Check.passed(
                                "DATA_HASH", CLAUSE_DATA_HASH, algorithm + " of Signature.xml equals TBS_Sign.dataHash")
                        : Check.failed(
                                "DATA_HASH",
                                SubIndication.HASH_FAILURE,
                                CLAUSE_DATA_HASH,
                                algorithm
                                        + " of Signature.xml differs from TBS_Sign.dataHash: Signature.xml was altered after signing"));
    }

    /** TBS_Sign.propertyInfo names the scope signed; in OFD the path of this Signature.xml [open]. */
    static void propertyInfo(SesSignature signature, String signatureXmlPath, List<Check> out) {
        String named = signature.propertyInfo().trim().replaceFirst("^/+", "");
        out.add(
                named.equals(signatureXmlPath)
                        ? Check.passed("PROPERTY_INFO", CLAUSE_DATA_HASH, "propertyInfo names this Signature.xml")
                        : Check.indeterminate(
                                "PROPERTY_INFO",
                                SubIndication.SIGNED_DATA_NOT_FOUND,
                                CLAUSE_DATA_HASH,
                                "propertyInfo '" + signature.propertyInfo() + "' does not name " + signatureXmlPath));
    }
}
