package cn.tongban.seal.codec;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import cn.tongban.seal.codec.Der.Tlv;

/**
 * Parses SES_Signature (docs/STANDARDS.md §1.1 v4/v5, §1.2 v1): step 1 "format of signature and seal" of signature
 * verification (GM/T 0031-2014 §6.2.3 step 1).
 */
final class SignatureParser {

    private SignatureParser() {}

    static SesSignature signature(Tlv tlv) throws DerException {
        List<Tlv> el = Der.sequence(tlv, "SES_Signature", 2, 5);
        if (el.size() == 3) {
            throw new DerException("SES_Signature has 3 elements; expected 2 (v1) or 4..5 (v4/v5)", tlv.path());
        }
        return el.size() == 2 ? v1(tlv, el) : v4(tlv, el);
    }

    /**
     * GM/T 0031-2014: SES_Signature ::= SEQUENCE { toSign TBS_Sign, signature BIT STRING }, TBS_Sign ::=
     * SEQUENCE { version, eseal, timeInfo BIT STRING, dataHash, propertyInfo, cert, signatureAlgorithm }.
     */
    private static SesSignature v1(Tlv tlv, List<Tlv> el) throws DerException {
        String p = tlv.path() + ".toSign";
        Tlv tbs = el.get(0).named(p);
        List<Tlv> t = Der.sequence(tbs, "TBS_Sign", 7, 7);
        int version = DerValues.smallInt(t.get(0).named(p + ".version"), 255);
        SesSeal seal = SealParser.seal(t.get(1).named(p + ".eseal"));
        Tlv timeTlv = t.get(2).named(p + ".timeInfo");
        byte[] timeOctets = DerValues.bitStringOctets(timeTlv).value();
        Instant signingTime = TimeInfo.fromV1Octets(timeOctets);
        if (signingTime == null) {
            throw new DerException("timeInfo does not hold a recognised time", timeTlv.path());
        }
        Bytes dataHash = DerValues.bitStringOctets(t.get(3).named(p + ".dataHash"));
        String propertyInfo = DerValues.ia5(t.get(4).named(p + ".propertyInfo"));
        Bytes cert = DerValues.octets(t.get(5).named(p + ".cert"), SealParser.MAX_CERTIFICATE_OCTETS);
        String alg = DerValues.oid(t.get(6).named(p + ".signatureAlgorithm"));
        Bytes signature = DerValues.bitStringOctets(el.get(1).named(tlv.path() + ".signature"));
        String text = TimeInfo.text(timeOctets);
        return new SesSignature(
                SealVersion.V1,
                version,
                seal,
                signingTime,
                text,
                dataHash,
                propertyInfo,
                List.of(),
                cert,
                alg,
                signature,
                Optional.empty(),
                tbs.encoded(),
                tlv.encoded());
    }

    /**
     * GB/T 38540: SES_Signature ::= SEQUENCE { toSign TBS_Sign, cert, signatureAlgID, signature,
     * timeStamp [0] BIT STRING OPTIONAL }, TBS_Sign ::= SEQUENCE { version, eseal, timeInfo GeneralizedTime,
     * dataHash, propertyInfo, extDatas [0] ExtensionDatas OPTIONAL }.
     */
    private static SesSignature v4(Tlv tlv, List<Tlv> el) throws DerException {
        String p = tlv.path() + ".toSign";
        Tlv tbs = el.get(0).named(p);
        List<Tlv> t = Der.sequence(tbs, "TBS_Sign", 5, 6);
        int version = DerValues.smallInt(t.get(0).named(p + ".version"), 255);
        SealVersion format =
                switch (version) {
                    case 4 -> SealVersion.V4;
                    case 5 -> SealVersion.V5;
                    default -> throw new DerException("TBS_Sign.version " + version + " is not 4 or 5", p + ".version");
                };
        SesSeal seal = SealParser.seal(t.get(1).named(p + ".eseal"));
        Tlv timeTlv = t.get(2).named(p + ".timeInfo");
        Instant signingTime = DerValues.time(timeTlv);
        String text = new String(timeTlv.content(), StandardCharsets.US_ASCII);
        Bytes dataHash = DerValues.bitStringOctets(t.get(3).named(p + ".dataHash"));
        String propertyInfo = DerValues.ia5(t.get(4).named(p + ".propertyInfo"));
        List<ExtData> ext = List.of();
        if (t.size() == 6) {
            Tlv extTlv = Der.expect(t.get(5).named(p + ".extDatas"), Der.CONTEXT_0_CONSTRUCTED, "[0] extDatas");
            ext = SealParser.extDatas(extTlv);
        }
        Bytes cert = DerValues.octets(el.get(1).named(tlv.path() + ".cert"), SealParser.MAX_CERTIFICATE_OCTETS);
        String alg = DerValues.oid(el.get(2).named(tlv.path() + ".signatureAlgID"));
        Bytes signature = DerValues.bitStringOctets(el.get(3).named(tlv.path() + ".signature"));
        Optional<Bytes> timeStamp = el.size() == 5
                ? Optional.of(SealParser.explicitBitString(el.get(4).named(tlv.path() + ".timeStamp")))
                : Optional.empty();
        return new SesSignature(
                format,
                version,
                seal,
                signingTime,
                text,
                dataHash,
                propertyInfo,
                ext,
                cert,
                alg,
                signature,
                timeStamp,
                tbs.encoded(),
                tlv.encoded());
    }
}
