package cn.tongban.seal.verify;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.Provider;
import java.security.Signature;
import java.security.SignatureException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1EncodableVector;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DERSequence;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

import cn.tongban.seal.codec.Bytes;
import cn.tongban.seal.codec.CertDigest;
import cn.tongban.seal.codec.CertList;
import cn.tongban.seal.codec.SesSeal;
import cn.tongban.seal.codec.SesSignature;
import cn.tongban.seal.codec.SignatureAlgorithm;
import cn.tongban.seal.verify.SignatureCheck.Code;

/**
 * Cryptographic checks on decoded seals and signatures, over the original signed bytes (docs/STANDARDS.md §1.3).
 * Bouncy Castle is used as a provider instance (not registered globally): the JDK cannot parse SM2
 * certificates. Nothing here judges trust, validity periods or revocation.
 */
public final class SealSignatures {

    private static final Provider BC = new BouncyCastleProvider();

    /** CertDigestObj.type spellings seen or plausible, mapped to provider digest names. */
    private static final Map<String, String> DIGESTS = Map.of(
            "SM3",
            "SM3",
            "1.2.156.10197.1.401",
            "SM3",
            "SHA1",
            "SHA-1",
            "1.3.14.3.2.26",
            "SHA-1",
            "SHA256",
            "SHA-256",
            "2.16.840.1.101.3.4.2.1",
            "SHA-256");

    private SealSignatures() {}

    /**
     * Seal verification step 2: the seal maker's signature over SES_SealInfo (v4/v5) or over
     * SEQUENCE{SES_SealInfo, cert, signatureAlgorithm} (v1) — GM/T 0031-2014 §6.1.2 step 2, GB/T 38540 §6.3.
     */
    public static SignatureCheck verifySeal(SesSeal seal) {
        return verify(seal.signatureAlgorithm(), seal.makerCertificate(), seal.toBeSigned(), seal.signedValue());
    }

    /**
     * Signature verification step 2: the signature over the original TBS_Sign with the signer certificate —
     * GM/T 0031-2014 §6.2.3 step 2 (GB/T 38540 §7.3 [open]).
     */
    public static SignatureCheck verifySignature(SesSignature signature) {
        return verify(
                signature.signatureAlgorithm(),
                signature.signerCertificate(),
                signature.tbsSign(),
                signature.signature());
    }

    /** Verifies {@code signatureValue} over {@code signedBytes} with the key of {@code certificateDer}. */
    public static SignatureCheck verify(
            String algorithmOid, Bytes certificateDer, Bytes signedBytes, Bytes signatureValue) {
        Optional<SignatureAlgorithm> algorithm = SignatureAlgorithm.byOid(algorithmOid);
        if (algorithm.isEmpty()) {
            return SignatureCheck.fail(
                    Code.UNSUPPORTED_ALGORITHM,
                    "signature algorithm " + algorithmOid
                            + " is not SM3withSM2, SHA256withRSA or SHA256withECDSA (STANDARDS §1.4)");
        }
        Optional<X509Certificate> cert = parseCertificate(certificateDer);
        if (cert.isEmpty()) {
            return SignatureCheck.fail(Code.CERTIFICATE_UNPARSEABLE, "certificate is not parseable X.509");
        }
        SignatureAlgorithm alg = algorithm.get();
        try {
            Signature verifier = Signature.getInstance(alg.jcaName(), BC);
            verifier.initVerify(cert.get().getPublicKey());
            verifier.update(signedBytes.value());
            boolean ok = verifier.verify(signatureValue(alg, signatureValue.value()));
            return ok
                    ? SignatureCheck.pass(Code.VALID, alg.jcaName() + " signature verifies")
                    : SignatureCheck.fail(Code.SIGNATURE_INVALID, alg.jcaName() + " signature does not verify");
        } catch (InvalidKeyException e) {
            String key = cert.get().getPublicKey() == null
                    ? "(unreadable)"
                    : cert.get().getPublicKey().getAlgorithm();
            return SignatureCheck.fail(
                    Code.KEY_ALGORITHM_MISMATCH, "certificate key " + key + " does not fit " + alg.jcaName());
        } catch (SignatureException | RuntimeException e) {
            return SignatureCheck.fail(
                    Code.SIGNATURE_MALFORMED,
                    "signature value is not a well-formed " + alg.jcaName() + " signature: " + e.getMessage());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Bouncy Castle lacks " + alg.jcaName(), e);
        }
    }

    /**
     * Signature verification step 3, "signer certificate matches the seal" (GM/T 0031-2014 §6.2.3 step 3;
     * docs/STANDARDS.md §1.5): certListType 1 → byte-equal to a listed certificate; 2 → its digest, by the algorithm
     * named in CertDigestObj.type, equals a listed digest.
     */
    public static SignatureCheck signerMatchesSeal(SesSignature signature) {
        return signerMatchesSeal(signature.signerCertificate(), signature.seal());
    }

    public static SignatureCheck signerMatchesSeal(Bytes signerCertificate, SesSeal seal) {
        CertList list = seal.property().certList();
        if (list instanceof CertList.Certificates certs) {
            int index = certs.certificates().indexOf(signerCertificate);
            return index >= 0
                    ? SignatureCheck.pass(Code.SIGNER_IN_SEAL, "signer certificate is certList entry " + index)
                    : SignatureCheck.fail(
                            Code.SIGNER_NOT_IN_SEAL,
                            "signer certificate equals none of the "
                                    + certs.certificates().size() + " certificates in the seal");
        }
        CertList.Digests digests = (CertList.Digests) list;
        String unsupported = null;
        for (int i = 0; i < digests.digests().size(); i++) {
            CertDigest d = digests.digests().get(i);
            String jcaName =
                    DIGESTS.get(d.type().trim().toUpperCase(Locale.ROOT).replace("-", ""));
            if (jcaName == null) {
                unsupported = d.type();
                continue;
            }
            byte[] actual = digest(jcaName, signerCertificate.value());
            if (MessageDigest.isEqual(actual, d.value().value())) {
                return SignatureCheck.pass(
                        Code.SIGNER_IN_SEAL,
                        d.type() + " digest of the signer certificate is " + "certDigestList entry " + i);
            }
        }
        if (unsupported != null) {
            return SignatureCheck.fail(
                    Code.UNSUPPORTED_DIGEST,
                    "no listed digest matched; digest type '" + unsupported + "' is not supported");
        }
        return SignatureCheck.fail(
                Code.SIGNER_NOT_IN_SEAL,
                "signer certificate digest equals none of the "
                        + digests.digests().size() + " digests in the seal");
    }

    /** Parses DER X.509 with Bouncy Castle (SM2 keys); empty for anything that is not one certificate. */
    public static Optional<X509Certificate> parseCertificate(Bytes der) {
        if (der == null) {
            return Optional.empty();
        }
        X509Certificate known = PARSED.get(der);
        if (known != null) {
            return Optional.of(known);
        }
        Optional<X509Certificate> parsed = parse(der);
        parsed.ifPresent(c -> {
            if (PARSED.size() >= MAX_PARSED) {
                PARSED.clear();
            }
            PARSED.put(der, c);
        });
        return parsed;
    }

    /**
     * Certificates already parsed, by their DER: the same signer and seal-maker certificates come with every
     * document, and a parsed certificate keeps its public key, whose EC precomputation Bouncy Castle keeps with
     * it (together about 9% of a full OFD verification, docs/PERFORMANCE.md "Seals"). Bounded; dropped whole.
     */
    private static final java.util.concurrent.ConcurrentHashMap<Bytes, X509Certificate> PARSED =
            new java.util.concurrent.ConcurrentHashMap<>();

    private static final int MAX_PARSED = 1024;

    private static Optional<X509Certificate> parse(Bytes der) {
        try {
            byte[] bytes = der.value();
            // Exactly one X.509 Certificate structure: the factory alone would also take PEM or PKCS#7.
            org.bouncycastle.asn1.x509.Certificate.getInstance(ASN1Primitive.fromByteArray(bytes));
            CertificateFactory factory = CertificateFactory.getInstance("X.509", BC);
            ByteArrayInputStream in = new ByteArrayInputStream(bytes);
            X509Certificate cert = (X509Certificate) factory.generateCertificate(in);
            // Bouncy Castle parses a certificate whose subjectPublicKeyInfo it cannot turn into a key and answers
            // getPublicKey() with null: such a certificate can verify nothing.
            if (cert == null || in.available() != 0 || cert.getPublicKey() == null) {
                return Optional.empty();
            }
            // Names the JDK's X500Principal cannot read (Bouncy Castle can) would throw later, wherever a report
            // names the certificate or a path is built: refused here, once.
            cert.getSubjectX500Principal();
            cert.getIssuerX500Principal();
            return Optional.of(cert);
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /**
     * The value handed to the verifier. docs/STANDARDS.md §1.3: SM2/ECDSA values are DER SEQUENCE{r, s}. A bare
     * 64-octet r||s, as some SM2 producers write, is converted to that form [open].
     */
    private static byte[] signatureValue(SignatureAlgorithm alg, byte[] value) {
        if (alg.ecdsaStyle() && value.length == 64 && value[0] != 0x30) {
            ASN1EncodableVector v = new ASN1EncodableVector();
            v.add(new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(value, 0, 32))));
            v.add(new ASN1Integer(new BigInteger(1, Arrays.copyOfRange(value, 32, 64))));
            try {
                return new DERSequence(v).getEncoded();
            } catch (IOException e) {
                return value;
            }
        }
        return value;
    }

    private static byte[] digest(String jcaName, byte[] data) {
        try {
            return MessageDigest.getInstance(jcaName, BC).digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Bouncy Castle lacks " + jcaName, e);
        }
    }
}
