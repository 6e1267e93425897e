package cn.tongban.server.api;

import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import cn.tongban.api.model.SealMakeRequestDto;
import cn.tongban.catalog.id.UnifiedSocialCreditCode;
import cn.tongban.seal.codec.PictureType;
import cn.tongban.seal.codec.SvgPicture;
import cn.tongban.seal.custody.SigningKey;
import cn.tongban.seal.issue.SealIssuance;
import cn.tongban.seal.issue.SealOrder;
import cn.tongban.seal.make.EsId;
import cn.tongban.seal.make.InvalidSealRequestException;
import cn.tongban.seal.make.SealRequest;
import cn.tongban.server.seals.SealKeys;
import cn.tongban.server.web.ApiException.FieldViolation;

/**
 * A seal make request as seal-service's {@link SealOrder}: every problem of the request at once, named by the
 * request's field (signers, picture, owner's credit code, esID), and {@link SealIssuance}'s violations mapped back
 * to the request's fields.
 */
final class SealMakeRequests {

    /** The order and the owner's normalised credit code, or the request's field problems (then no order). */
    record Checked(SealOrder order, String ownerUscc, List<FieldViolation> violations) {}

    private SealMakeRequests() {}

    static Checked check(SealMakeRequestDto request, SealKeys keys) {
        List<FieldViolation> violations = new ArrayList<>();
        List<X509Certificate> signers = new ArrayList<>();
        List<String> pems = request.getSignerCertificates() == null ? List.of() : request.getSignerCertificates();
        for (int i = 0; i < pems.size(); i++) {
            List<X509Certificate> certs = SealIssuance.certificates(pems.get(i).getBytes(StandardCharsets.US_ASCII));
            if (certs.isEmpty()) {
                violations.add(violation("signerCertificates[" + i + "]", "not a PEM certificate"));
            }
            signers.addAll(certs);
        }
        List<String> systems = request.getSignerSystems() == null ? List.of() : request.getSignerSystems();
        for (int i = 0; i < systems.size(); i++) {
            Optional<SigningKey> key = keys.signer(systems.get(i));
            if (key.isEmpty()) {
                violations.add(violation(
                        "signerSystems[" + i + "]",
                        "system '" + systems.get(i) + "' has no signing key configured (tongban.seals.signers."
                                + systems.get(i) + ")"));
            } else {
                signers.add(key.get().certificate());
            }
        }
        if (pems.isEmpty() && systems.isEmpty()) {
            violations.add(
                    violation("signerCertificates", "name at least one signer (signerCertificates or signerSystems)"));
        }
        byte[] picture = request.getPicture().getData();
        Optional<PictureType> type = picture == null ? Optional.empty() : PictureType.detect(picture);
        if (type.isEmpty()) {
            violations.add(violation("picture.data", "not a PNG, JPG, GIF, BMP or SVG image"));
        } else if (type.get() == PictureType.SVG) { // embedded verbatim in the seal and every stamped document
            SvgPicture.problem(picture)
                    .ifPresent(p -> violations.add(new FieldViolation("picture.data", p, "UNSAFE_SVG")));
        }
        var uscc = UnifiedSocialCreditCode.check(request.getOwnerUscc());
        if (!uscc.valid()) {
            violations.add(violation("ownerUscc", uscc.reason()));
        }
        if (request.getValidFrom() != null
                && request.getValidTo() != null
                && !SealRequest.validityInOrder(
                        request.getValidFrom().toInstant(), request.getValidTo().toInstant())) {
            violations.add(violation("validTo", "must be after validFrom"));
        }
        String esId = request.getEsId() == null ? SealIssuance.newEsId() : request.getEsId();
        EsId.problem(esId).ifPresent(p -> violations.add(new FieldViolation("esId", p, "INVALID_ES_ID")));
        if (!violations.isEmpty()) {
            return new Checked(null, null, violations);
        }
        SealOrder order = new SealOrder(
                "Tongban",
                esId,
                request.getType() == null ? 1 : request.getType(),
                request.getName(),
                Boolean.TRUE.equals(request.getCertificateDigests()),
                signers,
                request.getValidFrom().toInstant(),
                request.getValidTo().toInstant(),
                picture,
                request.getPicture().getWidthMm(),
                request.getPicture().getHeightMm());
        return new Checked(order, uscc.value(), List.of());
    }

    /** SealMaker's violations, each on the request field it concerns. */
    static List<FieldViolation> violations(InvalidSealRequestException e) {
        return e.violations().stream().map(v -> violation(field(v), v)).toList();
    }

    private static FieldViolation violation(String field, String message) {
        return SealProblems.violation(field, message);
    }

    /** SealMaker's violations start with the SES field they concern; map it to the request's field. */
    private static String field(String violation) {
        if (violation.startsWith("property.validStart") || violation.startsWith("property.createDate")) {
            return "validFrom";
        }
        if (violation.startsWith("property.validEnd")) {
            return "validTo";
        }
        if (violation.startsWith("property.name")) {
            return "name";
        }
        if (violation.startsWith("property.type")) {
            return "type";
        }
        if (violation.startsWith("property.certList")) {
            return "signerCertificates";
        }
        if (violation.startsWith("picture.width")) {
            return "picture.widthMm";
        }
        if (violation.startsWith("picture.height")) {
            return "picture.heightMm";
        }
        if (violation.startsWith("picture")) {
            return "picture.data";
        }
        if (violation.startsWith("esID")) {
            return "esId";
        }
        return "seal";
    }
}
