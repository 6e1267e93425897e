package cn.tongban.seal.stamp;

import cn.tongban.seal.codec.Bytes;
import cn.tongban.seal.codec.Decoded;
import cn.tongban.seal.codec.SealDecoder;
import cn.tongban.seal.codec.SesSeal;
import cn.tongban.seal.custody.SigningKey;
import cn.tongban.seal.codec.SvgPicture;
import cn.tongban.seal.verify.SealSignatures;
import cn.tongban.seal.verify.SignatureCheck;
import java.security.cert.CertificateEncodingException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What must hold before a stamp is made, so no document leaves with a stamp that cannot verify (the checks of
 * docs/STANDARDS.md §1.5 that the stamper can know): the seal decodes and is v4/v5 or v1, the seal maker's signature
 * verifies (GM/T 0031-2014 §6.1.2 step 2), the signer is one of the seal's signers (§6.2.3 step 3), and the
 * signing time is inside the seal's validity (§6.1.2 step 4) and the signer certificate's validity; and an SVG
 * picture, which the document carries verbatim, is a self-contained drawing ({@link SvgPicture}, docs/STANDARDS.md §1.1).
 */
public final class SealPreconditions {

    private SealPreconditions() {
    }

    /** The decoded seal. @throws StampException listing every violated condition */
    public static SesSeal check(byte[] sealDer, SigningKey signer, Instant at) {
        Decoded<SesSeal> decoded = SealDecoder.decodeSeal(sealDer);
        if (decoded instanceof Decoded.Malformed<SesSeal> m) {
            throw new StampException("the seal is not a GB/T 38540 SESeal: " + m.reason() + " at " + m.path());
        }
        SesSeal seal = decoded.orElseThrow();
        List<String> reasons = new ArrayList<>();
        SignatureCheck sealSignature = SealSignatures.verifySeal(seal);
        if (!sealSignature.valid()) {
            reasons.add("the seal maker's signature does not verify: " + sealSignature.detail());
        }
        try {
            SignatureCheck member = SealSignatures.signerMatchesSeal(Bytes.of(signer.certificate().getEncoded()), seal);
            if (!member.valid()) {
                reasons.add("the signer is not one of the seal's signers: " + member.detail());
            }
        } catch (CertificateEncodingException e) {
            reasons.add("the signer certificate cannot be encoded");
        }
        var p = seal.property();
        if (at.isBefore(p.validStart()) || at.isAfter(p.validEnd())) {
            reasons.add("signing time " + at + " is outside the seal's validity " + p.validStart() + ".."
                    + p.validEnd());
        }
        if ("SVG".equalsIgnoreCase(seal.picture().type().strip())) {
            SvgPicture.problem(seal.picture().data().value()).ifPresent(
                    problem -> reasons.add("the seal's SVG picture cannot be embedded: " + problem));
        }
        var cert = signer.certificate();
        if (at.isBefore(cert.getNotBefore().toInstant()) || at.isAfter(cert.getNotAfter().toInstant())) {
            reasons.add("signing time " + at + " is outside the signer certificate's validity");
        }
        if (!reasons.isEmpty()) {
            throw new StampException(reasons);
        }
        return seal;
    }
}
