package cn.tongban.seal.make;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;

import cn.tongban.seal.codec.Bytes;
import cn.tongban.seal.codec.ExtData;
import cn.tongban.seal.codec.PictureType;
import cn.tongban.seal.verify.SealSignatures;

/** Every rule a {@link SealRequest} must meet to make a GB/T 38540 v4 seal (docs/STANDARDS.md §1.1), checked at once. */
final class SealRequestValidator {

    static final int MAX_TEXT_LENGTH = 256;
    static final int MAX_SIGNERS = 100;

    private SealRequestValidator() {}

    static List<String> violations(SealRequest r) {
        List<String> v = new ArrayList<>();
        ia5("header.Vid", r.vid(), v);
        EsId.problem(r.esId()).ifPresent(v::add);
        if (r.type() < 1) {
            v.add("property.type must be a positive integer, was " + r.type());
        }
        if (r.name() == null || r.name().isBlank()) {
            v.add("property.name must not be blank");
        } else if (r.name().length() > MAX_TEXT_LENGTH) {
            v.add("property.name must be at most " + MAX_TEXT_LENGTH + " characters");
        }
        if (r.certListType() == null) {
            v.add("property.certListType is required (1 certificates or 2 digests)");
        }
        signers(r.signerCertificates(), v);
        times(r, v);
        picture(r, v);
        extDatas(r.extDatas(), v);
        return v;
    }

    private static void ia5(String field, String value, List<String> v) {
        if (value == null || value.isBlank()) {
            v.add(field + " must not be blank");
        } else if (value.length() > MAX_TEXT_LENGTH || !value.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
            v.add(field + " must be printable ASCII (IA5String) of at most " + MAX_TEXT_LENGTH + " characters");
        }
    }

    private static void signers(List<Bytes> certs, List<String> v) {
        if (certs.isEmpty()) {
            v.add("property.certList must list at least one signer certificate");
            return;
        }
        if (certs.size() > MAX_SIGNERS) {
            v.add("property.certList must list at most " + MAX_SIGNERS + " signers");
        }
        Set<Bytes> seen = new HashSet<>();
        for (int i = 0; i < certs.size(); i++) {
            Bytes c = certs.get(i);
            if (c == null || SealSignatures.parseCertificate(c).isEmpty()) {
                v.add("property.certList[" + i + "] is not a DER X.509 certificate");
            } else if (!seen.add(c)) {
                v.add("property.certList[" + i + "] repeats an earlier certificate");
            }
        }
    }

    private static void times(SealRequest r, List<String> v) {
        required("property.createDate", r.createDate(), v);
        required("property.validStart", r.validStart(), v);
        required("property.validEnd", r.validEnd(), v);
        if (r.validStart() != null
                && r.validEnd() != null
                && !SealRequest.validityInOrder(r.validStart(), r.validEnd())) {
            v.add("property.validStart must be before property.validEnd");
        }
        if (r.createDate() != null && r.validEnd() != null && r.createDate().isAfter(r.validEnd())) {
            v.add("property.createDate must not be after property.validEnd");
        }
        for (Instant t : new Instant[] {r.createDate(), r.validStart(), r.validEnd()}) {
            if (t != null && (t.getEpochSecond() < 0 || t.isAfter(Instant.parse("9999-12-31T23:59:59Z")))) {
                v.add("dates must lie between 1970 and 9999 to be written as GeneralizedTime, was " + t);
            }
        }
    }

    private static void required(String field, Instant t, List<String> v) {
        if (t == null) {
            v.add(field + " is required");
        }
    }

    private static void picture(SealRequest r, List<String> v) {
        v.addAll(PictureType.violations(r.pictureType(), r.pictureData(), r.widthMm(), r.heightMm()));
    }

    private static void extDatas(List<ExtData> exts, List<String> v) {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < exts.size(); i++) {
            ExtData e = exts.get(i);
            if (e == null || e.extnId() == null || e.extnValue() == null) {
                v.add("extDatas[" + i + "] needs an extnID and an extnValue");
                continue;
            }
            try {
                new ASN1ObjectIdentifier(e.extnId());
            } catch (IllegalArgumentException ex) {
                v.add("extDatas[" + i + "].extnID '" + e.extnId() + "' is not an OID");
            }
            if (!ids.add(e.extnId())) {
                v.add("extDatas[" + i + "].extnID " + e.extnId() + " is repeated");
            }
        }
    }
}
