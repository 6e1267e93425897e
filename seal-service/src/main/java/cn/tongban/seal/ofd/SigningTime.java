package cn.tongban.seal.ofd;

import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

import org.bouncycastle.asn1.cms.ContentInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cms.jcajce.JcaSimpleSignerInfoVerifierBuilder;
import org.bouncycastle.operator.DefaultAlgorithmNameFinder;
import org.bouncycastle.tsp.TimeStampToken;

import cn.tongban.seal.codec.Bytes;
import cn.tongban.seal.codec.SesSignature;
import cn.tongban.trust.verdict.Check;
import cn.tongban.trust.verdict.SubIndication;

/**
 * The time a signature is judged at (docs/STANDARDS.md §1.5 step 4): the genTime of SES_Signature.timeStamp when present
 * and it verifies, else TBS_Sign.timeInfo. The timestamp (RFC 3161 / GB/T 20520) must cover the signature value
 * and verify with the TSA certificate it carries; the TSA's chain is not judged here [open].
 */
final class SigningTime {

    static final String CLAUSE = "GM/T 0031-2014 §6.2.3 step 4; GB/T 38540 SES_Signature.timeStamp; STANDARDS §1.5";

    private SigningTime() {}

    /** Adds the check for a present timestamp and returns the instant to judge at. */
    static Instant of(SesSignature signature, List<Check> out) {
        if (signature.timeStamp().isEmpty()) {
            out.add(Check.passed(
                    "SIGNING_TIME", CLAUSE, "no timestamp; judged at TBS_Sign.timeInfo " + signature.signingTime()));
            return signature.signingTime();
        }
        try {
            Instant genTime = verifiedGenTime(signature.timeStamp().get(), signature.signature());
            out.add(Check.passed(
                    "SIGNING_TIME",
                    CLAUSE,
                    "timestamp over the signature value verifies; judged at " + "its genTime " + genTime + " (timeInfo "
                            + signature.signingTime() + ")"));
            return genTime;
        } catch (NoTsaCertificate e) {
            out.add(Check.indeterminate(
                    "SIGNING_TIME",
                    SubIndication.NO_SIGNING_CERTIFICATE_FOUND,
                    CLAUSE,
                    "the timestamp carries no TSA certificate to verify it with; judged at TBS_Sign.timeInfo "
                            + signature.signingTime()));
            return signature.signingTime();
        } catch (Exception e) { // any parsing or crypto failure of untrusted input is a result
            out.add(Check.failed(
                    "SIGNING_TIME",
                    SubIndication.SIG_CRYPTO_FAILURE,
                    CLAUSE,
                    "SES_Signature.timeStamp does not verify: " + e.getMessage()));
            return signature.signingTime();
        }
    }

    private static Instant verifiedGenTime(Bytes timeStamp, Bytes signatureValue) throws Exception {
        TimeStampToken token = new TimeStampToken(ContentInfo.getInstance(timeStamp.value()));
        var info = token.getTimeStampInfo();
        String hashName = new DefaultAlgorithmNameFinder()
                .getAlgorithmName(info.getMessageImprintAlgOID())
                .replace("SHA256", "SHA-256");
        byte[] expected =
                MessageDigest.getInstance(hashName, Digests.provider()).digest(signatureValue.value());
        if (!MessageDigest.isEqual(expected, info.getMessageImprintDigest())) {
            throw new IllegalArgumentException("message imprint is not the " + hashName + " of the signature value");
        }
        @SuppressWarnings("unchecked")
        Collection<X509CertificateHolder> certs = token.getCertificates().getMatches(token.getSID());
        if (certs.isEmpty()) {
            throw new NoTsaCertificate();
        }
        X509Certificate tsa = new JcaX509CertificateConverter()
                .setProvider(Digests.provider())
                .getCertificate(certs.iterator().next());
        token.validate(new JcaSimpleSignerInfoVerifierBuilder()
                .setProvider(Digests.provider())
                .build(tsa));
        return info.getGenTime().toInstant();
    }

    /** RFC 3161 §2.4.1: a TSA includes its certificate only when asked (certReq); without it nothing verifies. */
    private static final class NoTsaCertificate extends Exception {
        private static final long serialVersionUID = 1L;
    }
}
