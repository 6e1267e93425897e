package cn.tongban.seal.codec;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import cn.tongban.seal.codec.Der.Tlv;

/**
 * Parses SESeal in its three generations (docs/STANDARDS.md §1.1 v4/v5, §1.2 v1). Format checks here are step 1 of
 * seal verification (GM/T 0031-2014 §6.1.2 step 1; GB/T 38540 §6.3).
 */
final class SealParser {

    static final int MAX_PICTURE_OCTETS = 8 * 1024 * 1024;
    static final int MAX_CERTIFICATE_OCTETS = 1024 * 1024;
    private static final int MAX_SMALL = 65_535;

    private SealParser() {}

    private record SealInfo(
            SealHeader header,
            String esId,
            SealProperty property,
            SealPicture picture,
            List<ExtData> extDatas,
            Bytes encoded) {}

    static SesSeal seal(Tlv tlv) throws DerException {
        List<Tlv> el = Der.sequence(tlv, "SESeal", 2, 5);
        if (el.size() == 3) {
            throw new DerException("SESeal has 3 elements; expected 2 (v1) or 4..5 (v4/v5)", tlv.path());
        }
        return el.size() == 2 ? v1(tlv, el) : v4(tlv, el);
    }

    /** GB/T 38540 SESeal (4 elements) or GM/T 0031-2025 v5 (4 or 5 elements); version from header.version. */
    private static SesSeal v4(Tlv tlv, List<Tlv> el) throws DerException {
        String p = tlv.path();
        SealInfo info = sealInfo(el.get(0).named(p + ".eSealInfo"), false);
        SealVersion version =
                switch (info.header().version()) {
                    case 4 -> SealVersion.V4;
                    case 5 -> SealVersion.V5;
                    default ->
                        throw new DerException(
                                "header.version " + info.header().version()
                                        + " is not 4 or 5 for a GB/T 38540 structure (STANDARDS §1.2)",
                                p + ".eSealInfo.header");
                };
        if (el.size() == 5 && version != SealVersion.V5) {
            throw new DerException("timeStamp is defined only for v5 seals (GM/T 0031-2025)", p + ".timeStamp");
        }
        Bytes cert = DerValues.octets(el.get(1).named(p + ".cert"), MAX_CERTIFICATE_OCTETS);
        String alg = DerValues.oid(el.get(2).named(p + ".signAlgID"));
        Bytes signedValue = DerValues.bitStringOctets(el.get(3).named(p + ".signedValue"));
        Optional<Bytes> timeStamp =
                el.size() == 5 ? Optional.of(explicitBitString(el.get(4).named(p + ".timeStamp"))) : Optional.empty();
        // docs/STANDARDS.md §1.3: v4/v5 signedValue signs the DER of SES_SealInfo, kept as the original bytes.
        return new SesSeal(
                version,
                info.header(),
                info.esId(),
                info.property(),
                info.picture(),
                info.extDatas(),
                cert,
                alg,
                signedValue,
                timeStamp,
                info.encoded(),
                tlv.encoded());
    }

    /** GM/T 0031-2014 SESeal ::= SEQUENCE { esealInfo, signInfo SES_SignInfo }. */
    private static SesSeal v1(Tlv tlv, List<Tlv> el) throws DerException {
        String p = tlv.path();
        SealInfo info = sealInfo(el.get(0).named(p + ".esealInfo"), true);
        List<Tlv> si = Der.sequence(el.get(1).named(p + ".signInfo"), "SES_SignInfo", 3, 3);
        Tlv certTlv = si.get(0).named(p + ".signInfo.cert");
        Tlv algTlv = si.get(1).named(p + ".signInfo.signatureAlgorithm");
        Bytes cert = DerValues.octets(certTlv, MAX_CERTIFICATE_OCTETS);
        String alg = DerValues.oid(algTlv);
        Bytes signData = DerValues.bitStringOctets(si.get(2).named(p + ".signInfo.signData"));
        // docs/STANDARDS.md §1.3: v1 signData signs SEQUENCE { SES_SealInfo, cert, signatureAlgorithm },
        // assembled from the original encodings of the three elements.
        Bytes toBeSigned = Der.sequenceOf(info.encoded(), certTlv.encoded(), algTlv.encoded());
        return new SesSeal(
                SealVersion.V1,
                info.header(),
                info.esId(),
                info.property(),
                info.picture(),
                info.extDatas(),
                cert,
                alg,
                signData,
                Optional.empty(),
                toBeSigned,
                tlv.encoded());
    }

    private static SealInfo sealInfo(Tlv tlv, boolean v1) throws DerException {
        String p = tlv.path();
        List<Tlv> el = Der.sequence(tlv, "SES_SealInfo", 4, 5);
        List<Tlv> h = Der.sequence(el.get(0).named(p + ".header"), "SES_Header", 3, 3);
        String id = DerValues.ia5(h.get(0).named(p + ".header.ID"));
        if (!"ES".equals(id)) {
            throw new DerException("header.ID is '" + DerValues.printable(id) + "', not \"ES\"", p + ".header.ID");
        }
        SealHeader header = new SealHeader(
                id,
                DerValues.smallInt(h.get(1).named(p + ".header.version"), 255),
                DerValues.ia5(h.get(2).named(p + ".header.Vid")));
        String esId = DerValues.ia5(el.get(1).named(p + ".esID"));
        SealProperty property = property(el.get(2).named(p + ".property"), v1);
        SealPicture picture = picture(el.get(3).named(p + ".picture"));
        List<ExtData> ext = el.size() == 5 ? extDatas(el.get(4).named(p + ".extDatas")) : List.of();
        return new SealInfo(header, esId, property, picture, ext, tlv.encoded());
    }

    private static SealProperty property(Tlv tlv, boolean v1) throws DerException {
        String p = tlv.path();
        int n = v1 ? 6 : 7;
        List<Tlv> el = Der.sequence(tlv, "SES_ESPropertyInfo", n, n);
        int type = DerValues.smallInt(el.get(0).named(p + ".type"), MAX_SMALL);
        String name = DerValues.utf8(el.get(1).named(p + ".name"));
        int certListType = 1;
        CertList certList;
        if (v1) {
            certList = v1CertList(el.get(2).named(p + ".certList"));
        } else {
            certListType = DerValues.smallInt(el.get(2).named(p + ".certListType"), MAX_SMALL);
            Tlv listTlv = el.get(3).named(p + ".certList");
            certList = switch (certListType) {
                case 1 -> certificates(listTlv);
                case 2 -> digests(listTlv);
                default ->
                    throw new DerException("certListType " + certListType + " is not 1 or 2", p + ".certListType");
            };
        }
        int t = v1 ? 3 : 4;
        Instant createDate = DerValues.time(el.get(t).named(p + ".createDate"));
        Instant validStart = DerValues.time(el.get(t + 1).named(p + ".validStart"));
        Instant validEnd = DerValues.time(el.get(t + 2).named(p + ".validEnd"));
        return new SealProperty(type, name, certListType, certList, createDate, validStart, validEnd);
    }

    /** CertInfoList ::= SEQUENCE OF OCTET STRING. */
    private static CertList certificates(Tlv tlv) throws DerException {
        List<Bytes> certs = new ArrayList<>();
        for (Tlv entry : Der.sequence(tlv, "CertInfoList", 0, Integer.MAX_VALUE)) {
            certs.add(DerValues.octets(entry, MAX_CERTIFICATE_OCTETS));
        }
        return new CertList.Certificates(certs);
    }

    /**
     * v1 certList ::= SEQUENCE OF cert (OCTET STRING). A real third-party v1 seal (n.ofd) lists IA5String "1"
     * instead; such entries are kept as their octets and then match no signer certificate [open].
     */
    private static CertList v1CertList(Tlv tlv) throws DerException {
        List<Bytes> certs = new ArrayList<>();
        for (Tlv entry : Der.sequence(tlv, "certList", 0, Integer.MAX_VALUE)) {
            if (entry.tag() == Der.IA5_STRING) {
                DerValues.ia5(entry);
                certs.add(Bytes.copyOf(entry.src(), entry.contentStart(), entry.end()));
            } else {
                certs.add(DerValues.octets(entry, MAX_CERTIFICATE_OCTETS));
            }
        }
        return new CertList.Certificates(certs);
    }

    /** CertDigestList ::= SEQUENCE OF CertDigestObj { type PrintableString, value OCTET STRING }. */
    private static CertList digests(Tlv tlv) throws DerException {
        List<CertDigest> digests = new ArrayList<>();
        for (Tlv entry : Der.sequence(tlv, "CertDigestList", 0, Integer.MAX_VALUE)) {
            List<Tlv> obj = Der.sequence(entry, "CertDigestObj", 2, 2);
            digests.add(new CertDigest(
                    DerValues.textName(obj.get(0).named(entry.path() + ".type")),
                    DerValues.octets(obj.get(1).named(entry.path() + ".value"), 1024)));
        }
        return new CertList.Digests(digests);
    }

    private static SealPicture picture(Tlv tlv) throws DerException {
        String p = tlv.path();
        List<Tlv> el = Der.sequence(tlv, "SES_ESPictureInfo", 4, 4);
        return new SealPicture(
                DerValues.ia5(el.get(0).named(p + ".type")),
                DerValues.octets(el.get(1).named(p + ".data"), MAX_PICTURE_OCTETS),
                DerValues.smallInt(el.get(2).named(p + ".width"), MAX_SMALL),
                DerValues.smallInt(el.get(3).named(p + ".height"), MAX_SMALL));
    }

    /**
     * ExtensionDatas, accepted both untagged (as SES_SealInfo.extDatas appears in real files) and as
     * EXPLICIT {@code [0]} (docs/STANDARDS.md §1.1).
     */
    static List<ExtData> extDatas(Tlv tlv) throws DerException {
        Tlv list = tlv;
        if (tlv.tag() == Der.CONTEXT_0_CONSTRUCTED) {
            List<Tlv> inner = tlv.elements();
            if (inner.size() != 1) {
                throw new DerException("[0] must hold exactly one ExtensionDatas", tlv.path());
            }
            list = inner.get(0).named(tlv.path());
        }
        List<ExtData> out = new ArrayList<>();
        for (Tlv entry : Der.sequence(list, "ExtensionDatas", 0, Integer.MAX_VALUE)) {
            List<Tlv> e = Der.sequence(entry, "ExtData", 2, 3);
            String oid = DerValues.oid(e.get(0).named(entry.path() + ".extnID"));
            boolean critical = e.size() == 3 && DerValues.bool(e.get(1).named(entry.path() + ".critical"));
            Bytes value = DerValues.octets(e.get(e.size() - 1).named(entry.path() + ".extnValue"), MAX_PICTURE_OCTETS);
            out.add(new ExtData(oid, critical, value));
        }
        return out;
    }

    /** {@code [0] BIT STRING}, EXPLICIT as in real files (docs/STANDARDS.md §1.1). */
    static Bytes explicitBitString(Tlv tlv) throws DerException {
        Der.expect(tlv, Der.CONTEXT_0_CONSTRUCTED, "[0]");
        List<Tlv> inner = tlv.elements();
        if (inner.size() != 1) {
            throw new DerException("[0] must hold exactly one BIT STRING", tlv.path());
        }
        return DerValues.bitStringOctets(inner.get(0).named(tlv.path()));
    }
}
