package cn.tongban.server.api;

import java.io.IOException;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Optional;
import java.util.UUID;
import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.RestController;

import cn.tongban.api.model.SealHistoryEntryDto;
import cn.tongban.api.model.SealInspectionDto;
import cn.tongban.api.model.SealMakeRequestDto;
import cn.tongban.api.model.SealPageDto;
import cn.tongban.api.model.SealRecordDto;
import cn.tongban.api.model.SealStatusChangeRequestDto;
import cn.tongban.api.model.SealStatusDto;
import cn.tongban.api.model.PageInfoDto;
import cn.tongban.api.seals.SealsApi;
import cn.tongban.audit.AccessEntry;
import cn.tongban.seal.codec.CertList;
import cn.tongban.seal.codec.Decoded;
import cn.tongban.seal.codec.SealDecoder;
import cn.tongban.seal.codec.SesSeal;
import cn.tongban.licence.verify.DocumentVerifiers;
import cn.tongban.seal.codec.Bytes;
import cn.tongban.seal.custody.KeyCustodyException;
import cn.tongban.seal.custody.SigningKey;
import cn.tongban.seal.make.EsId;
import cn.tongban.seal.make.InvalidSealRequestException;
import cn.tongban.seal.make.PictureType;
import cn.tongban.seal.make.SealMaker;
import cn.tongban.seal.make.SealRequest;
import cn.tongban.seal.make.SvgPicture;
import cn.tongban.seal.ofd.OfdStamper;
import cn.tongban.seal.pdf.PdfStamper;
import cn.tongban.seal.registry.RegisteredSeal;
import cn.tongban.seal.registry.RegistryException;
import cn.tongban.seal.registry.SealRegistry;
import cn.tongban.seal.registry.SealStatus;
import cn.tongban.seal.registry.StatusChange;
import cn.tongban.seal.stamp.StampException;
import cn.tongban.seal.stamp.StampPosition;
import cn.tongban.seal.verify.SealSignatures;
import cn.tongban.seal.verify.SignatureCheck;
import cn.tongban.server.seals.SealKeys;
import cn.tongban.server.verification.VerificationAdmission;
import cn.tongban.server.web.ApiException;
import cn.tongban.server.web.ErrorCode;
import cn.tongban.trust.validation.TrustAnchors;

/**
 * The seal API: inspection of any seal file (GB/T 38540 §6.3 steps 1–2), making and registering seals with the
 * seal-making authority's key (seal admin), the registry's list, history, status changes and seal files, and
 * stamping PDF/OFD documents by departmental systems with the key configured for them. Every operation is in the
 * access log; registry changes also carry who, when and why in the seal's history.
 */
@RestController
@PreAuthorize("denyAll")
public class SealsController implements SealsApi {

    private final AccessRecorder access;
    private final SealRegistry registry;
    private final SealKeys keys;
    private final Clock clock;
    private final VerificationAdmission admission;

    public SealsController(AccessRecorder access, SealRegistry registry, SealKeys keys, Clock clock,
                           VerificationAdmission admission) {
        this.access = access;
        this.registry = registry;
        this.keys = keys;
        this.clock = clock;
        this.admission = admission;
    }

    @Override
    @PreAuthorize("hasRole('SEAL_ADMIN')")
    public ResponseEntity<SealRecordDto> makeSeal(SealMakeRequestDto request) {
        SigningKey maker = keys.maker().orElseThrow(() -> new ApiException(ErrorCode.SEAL_MAKER_UNAVAILABLE,
                "No seal-making authority key is configured (tongban.seals.maker)"));
        List<ApiException.FieldViolation> violations = new ArrayList<>();
        List<Bytes> signers = new ArrayList<>();
        List<String> pems = request.getSignerCertificates() == null ? List.of() : request.getSignerCertificates();
        for (int i = 0; i < pems.size(); i++) {
            List<X509Certificate> certs;
            try {
                certs = TrustAnchors.parse(pems.get(i).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            } catch (RuntimeException e) {
                certs = List.of();
            }
            if (certs.isEmpty()) {
                violations.add(violation("signerCertificates[" + i + "]", "not a PEM certificate"));
            }
            certs.forEach(c -> signers.add(der(c)));
        }
        List<String> systems = request.getSignerSystems() == null ? List.of() : request.getSignerSystems();
        for (int i = 0; i < systems.size(); i++) {
            Optional<SigningKey> key = keys.signer(systems.get(i));
            if (key.isEmpty()) {
                violations.add(violation("signerSystems[" + i + "]", "system '" + systems.get(i)
                        + "' has no signing key configured (tongban.seals.signers." + systems.get(i) + ")"));
            } else {
                signers.add(der(key.get().certificate()));
            }
        }
        if (pems.isEmpty() && systems.isEmpty()) {
            violations.add(violation("signerCertificates", "name at least one signer (signerCertificates or signerSystems)"));
        }
        byte[] picture = request.getPicture().getData();
        Optional<PictureType> type = picture == null ? Optional.empty() : PictureType.detect(picture);
        if (type.isEmpty()) {
            violations.add(violation("picture.data", "not a PNG, JPG, GIF, BMP or SVG image"));
        } else if (type.get() == PictureType.SVG) {   // embedded verbatim in the seal and every stamped document
            SvgPicture.problem(picture).ifPresent(p -> violations.add(
                    new ApiException.FieldViolation("picture.data", p, "UNSAFE_SVG")));
        }
        var uscc = cn.tongban.catalog.id.UnifiedSocialCreditCode.check(request.getOwnerUscc());
        if (!uscc.valid()) {
            violations.add(violation("ownerUscc", uscc.reason()));
        }
        String esId = request.getEsId() == null ? UUID.randomUUID().toString().replace("-", "") : request.getEsId();
        EsId.problem(esId).ifPresent(p -> violations.add(new ApiException.FieldViolation("esId", p, "INVALID_ES_ID")));
        if (!violations.isEmpty()) {
            throw refused("SEAL_MAKE", ErrorCode.VALIDATION_FAILED, "The seal cannot be made", violations);
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        SealRequest sealRequest = new SealRequest("Tongban", esId, request.getType() == null ? 1 : request.getType(),
                request.getName(), Boolean.TRUE.equals(request.getCertificateDigests())
                        ? SealRequest.CertListType.DIGESTS : SealRequest.CertListType.CERTIFICATES,
                signers, now, request.getValidFrom().toInstant(), request.getValidTo().toInstant(),
                type.get().name(), Bytes.of(picture), request.getPicture().getWidthMm(),
                request.getPicture().getHeightMm(), List.of());
        byte[] seal;
        try {
            seal = new SealMaker(maker).make(sealRequest);
        } catch (InvalidSealRequestException e) {
            throw refused("SEAL_MAKE", ErrorCode.VALIDATION_FAILED, "The seal cannot be made",
                    e.violations().stream().map(v -> violation(field(v), v)).toList());
        } catch (KeyCustodyException e) {
            throw new ApiException(ErrorCode.SEAL_MAKER_UNAVAILABLE, "The seal-making key could not sign");
        }
        RegisteredSeal registered;
        try {
            registered = registry.register(uscc.value(), request.getOwnerName(), seal, Caller.name());
        } catch (RegistryException e) {
            throw registryProblem("SEAL_MAKE", e);
        }
        access.record("SEAL_MAKE", null, AccessEntry.Outcome.OK, null);
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(java.net.URI.create("/api/v1/seals/" + registered.esId()))
                .body(record(registered, registry.history(registered.esId())));
    }

    @Override
    @PreAuthorize("hasAnyRole('SEAL_ADMIN', 'AUDITOR')")
    public ResponseEntity<SealPageDto> listSeals(String owner, SealStatusDto status, Integer page, Integer size) {
        int p = page == null ? 0 : page;
        int n = size == null ? 20 : size;
        SealStatus st = status == null ? null : SealStatus.valueOf(status.name());
        long total = registry.count(owner, st);
        List<SealRecordDto> items = registry.search(owner, st, p * n, n).stream().map(r -> record(r, null)).toList();
        return ResponseEntity.ok(new SealPageDto(items, new PageInfoDto(p, n, total, (int) ((total + n - 1) / n))));
    }

    @Override
    @PreAuthorize("hasAnyRole('SEAL_ADMIN', 'AUDITOR')")
    public ResponseEntity<SealRecordDto> getSeal(String esId) {
        RegisteredSeal r = registry.find(esId).orElseThrow(() -> notFound(esId));
        return ResponseEntity.ok(record(r, registry.history(esId)));
    }

    @Override
    @PreAuthorize("hasAnyRole('SEAL_ADMIN', 'AUDITOR', 'SYSTEM', 'WINDOW_APP')")
    public ResponseEntity<Resource> downloadSeal(String esId) {
        byte[] der = registry.sealBytes(esId).orElseThrow(() -> notFound(esId));
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + esId.replaceAll("[^A-Za-z0-9._-]", "_")
                        + ".esl\"").body(new ByteArrayResource(der));
    }

    @Override
    @PreAuthorize("hasRole('SEAL_ADMIN')")
    public ResponseEntity<SealRecordDto> changeSealStatus(String esId, SealStatusChangeRequestDto change) {
        if (registry.find(esId).isEmpty()) {
            throw notFound(esId);
        }
        Instant at = change.getEffectiveAt() == null ? clock.instant() : change.getEffectiveAt().toInstant();
        RegisteredSeal r;
        try {
            r = switch (change.getStatus()) {
                case SUSPENDED -> registry.suspend(esId, change.getReason(), at, Caller.name());
                case ACTIVE -> registry.reinstate(esId, change.getReason(), at, Caller.name());
                case REVOKED -> registry.revoke(esId, change.getReason(), at, Caller.name());
            };
        } catch (RegistryException e) {
            throw registryProblem("SEAL_STATUS_CHANGE", e);
        }
        access.record("SEAL_STATUS_CHANGE", null, AccessEntry.Outcome.OK, null);
        return ResponseEntity.ok(record(r, registry.history(esId)));
    }

    @Override
    @PreAuthorize("hasRole('SYSTEM')")
    public ResponseEntity<Resource> stampDocument(String esId, Integer page, Double x, Double y, Resource body) {
        String system = Caller.name();
        SigningKey key = keys.signer(system).orElseThrow(() -> refused("SEAL_STAMP", ErrorCode.NO_SIGNING_KEY,
                "System " + system + " has no signing key configured (tongban.seals.signers." + system + ")", List.of()));
        RegisteredSeal registered = registry.find(esId).orElseThrow(() -> notFound(esId));
        Instant now = clock.instant();
        if (registered.status() != SealStatus.ACTIVE) {
            throw refused("SEAL_STAMP", ErrorCode.SEAL_NOT_USABLE, "Seal " + esId + " is " + registered.status()
                    + " since " + registered.statusAt() + ": " + registered.statusReason(), List.of());
        }
        if (now.isBefore(registered.validStart()) || now.isAfter(registered.validEnd())) {
            throw refused("SEAL_STAMP", ErrorCode.SEAL_NOT_USABLE, "Seal " + esId + " is valid "
                    + registered.validStart() + " .. " + registered.validEnd() + ", not now", List.of());
        }
        byte[] sealDer = registry.sealBytes(esId).orElseThrow(() -> notFound(esId));
        SesSeal seal = SealDecoder.decodeSeal(sealDer).orElseThrow();
        if (!SealSignatures.signerMatchesSeal(der(key.certificate()), seal).valid()) {
            throw refused("SEAL_STAMP", ErrorCode.SIGNER_NOT_IN_SEAL, "Seal " + esId
                    + " does not list the signing certificate of system " + system, List.of());
        }
        byte[] document = readDocument(body);
        DocumentVerifiers.Kind kind = DocumentVerifiers.sniff(document);
        if (kind != DocumentVerifiers.Kind.PDF && kind != DocumentVerifiers.Kind.OFD) {
            throw refused("SEAL_STAMP", ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "The document is neither a PDF (%PDF- header) nor an OFD (ZIP package); only those are stamped",
                    List.of());
        }
        StampPosition position;
        try {
            position = new StampPosition(page, x, y);
        } catch (IllegalArgumentException e) {
            throw refused("SEAL_STAMP", ErrorCode.VALIDATION_FAILED, "Bad position",
                    List.of(violation("page", e.getMessage())));
        }
        byte[] stamped;
        try {
            // stamping parses the client's document as verification does: same admission, memory budget, timeout
            stamped = admission.run("Stamping", () -> kind == DocumentVerifiers.Kind.PDF
                    ? new PdfStamper(clock).stamp(document, sealDer, key, position)
                    : new OfdStamper(clock).stamp(document, sealDer, key, position));
        } catch (ApiException e) {
            if (e.code() == ErrorCode.VERIFICATION_TIMEOUT || e.code() == ErrorCode.VERIFICATION_BUSY) {
                access.record("SEAL_STAMP", null, AccessEntry.Outcome.FAILED, e.code().name());
            }
            throw e;
        } catch (StampException e) {
            boolean overBudget = e.rule().filter(cn.tongban.seal.pdf.PdfBudget.RULE::equals).isPresent();
            throw refused("SEAL_STAMP", overBudget ? ErrorCode.DOCUMENT_OVER_BUDGET : ErrorCode.DOCUMENT_NOT_STAMPABLE,
                    overBudget ? "The document exceeds a processing budget" : "The document cannot take this stamp",
                    e.reasons().stream().map(r -> violation("document", r)).toList());
        } catch (IllegalArgumentException e) {
            // a document the stamper's libraries cannot make sense of: the client's file, not the position
            throw refused("SEAL_STAMP", ErrorCode.DOCUMENT_NOT_STAMPABLE, "The document cannot take this stamp",
                    List.of(violation("document", "the document's structure could not be read for stamping")));
        }
        access.record("SEAL_STAMP", null, AccessEntry.Outcome.OK, null);
        return ResponseEntity.ok()
                .contentType(kind == DocumentVerifiers.Kind.PDF ? MediaType.APPLICATION_PDF
                        : MediaType.parseMediaType("application/ofd"))
                .body(new ByteArrayResource(stamped));
    }

    private static final long MAX_DOCUMENT = 64L * 1024 * 1024;

    private static byte[] readDocument(Resource body) {
        if (body == null) {
            throw new ApiException(ErrorCode.MALFORMED_REQUEST, "The request has no body; send the document");
        }
        try (InputStream in = body.getInputStream()) {
            byte[] bytes = in.readNBytes((int) MAX_DOCUMENT + 1);
            if (bytes.length > MAX_DOCUMENT) {
                throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "A document to stamp is at most 64 MB");
            }
            return bytes;
        } catch (IOException e) {
            throw new ApiException(ErrorCode.MALFORMED_REQUEST, "The request body could not be read");
        }
    }

    private ApiException refused(String action, ErrorCode code, String detail,
                                 List<ApiException.FieldViolation> violations) {
        access.record(action, null, AccessEntry.Outcome.REFUSED, code.name());
        return new ApiException(code, detail, violations);
    }

    private ApiException registryProblem(String action, RegistryException e) {
        ErrorCode code = switch (e.code()) {
            case UNKNOWN_SEAL -> ErrorCode.SEAL_NOT_FOUND;
            case DUPLICATE_SEAL -> ErrorCode.SEAL_ALREADY_REGISTERED;
            case ILLEGAL_TRANSITION -> ErrorCode.SEAL_STATUS_CONFLICT;
            case INVALID_USCC, INVALID_SEAL, INVALID_CHANGE -> ErrorCode.VALIDATION_FAILED;
        };
        String field = switch (e.code()) {
            case INVALID_USCC -> "ownerUscc";
            case INVALID_CHANGE -> "reason";
            default -> null;
        };
        return refused(action, code, e.getMessage(), field == null ? List.of() : List.of(violation(field, e.getMessage())));
    }

    private static ApiException notFound(String esId) {
        return new ApiException(ErrorCode.SEAL_NOT_FOUND, "No registered seal " + esId);
    }

    private static ApiException.FieldViolation violation(String field, String message) {
        return new ApiException.FieldViolation(field, message, null);
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

    private static Bytes der(X509Certificate c) {
        try {
            return Bytes.of(c.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static SealRecordDto record(RegisteredSeal r, List<StatusChange> history) {
        SealRecordDto dto = new SealRecordDto(r.esId(), r.ownerUscc(), r.ownerName(), r.sealName(), r.sealSha256(),
                utc(r.validStart()), utc(r.validEnd()), SealStatusDto.valueOf(r.status().name()), utc(r.statusAt()),
                utc(r.registeredAt()))
                .statusReason(r.statusReason() == null || r.statusReason().isEmpty() ? null : r.statusReason());
        if (history != null) {
            dto.history(history.stream().map(h -> new SealHistoryEntryDto(SealStatusDto.valueOf(h.status().name()),
                    utc(h.at()), h.actor(), utc(h.recordedAt())).reason(h.reason().isEmpty() ? null : h.reason()))
                    .toList());
        }
        return dto;
    }

    @Override
    @PreAuthorize("hasAnyRole('SEAL_ADMIN', 'WINDOW_APP', 'SYSTEM')")
    public ResponseEntity<SealInspectionDto> inspectSeal(Resource body) {
        byte[] der = read(body);
        Decoded<SesSeal> decoded = SealDecoder.decodeSeal(der);
        if (decoded instanceof Decoded.Malformed<SesSeal> m) {
            access.record("SEAL_INSPECTION", null, AccessEntry.Outcome.REFUSED, ErrorCode.SEAL_FORMAT_INVALID.name());
            throw new ApiException(ErrorCode.SEAL_FORMAT_INVALID, "Not a well-formed seal: " + m.reason(),
                    List.of(new ApiException.FieldViolation(m.path(), m.reason(), "FORMAT")));
        }
        SesSeal seal = ((Decoded.Ok<SesSeal>) decoded).value();
        SignatureCheck maker = SealSignatures.verifySeal(seal);
        access.record("SEAL_INSPECTION", null, AccessEntry.Outcome.OK, null);
        var p = seal.property();
        SealInspectionDto dto = new SealInspectionDto(SealInspectionDto.VersionEnum.valueOf(seal.version().name()),
                seal.esId(), p.name(), utc(p.validStart()), utc(p.validEnd()), maker.valid())
                .vendorId(seal.header() == null ? null : seal.header().vid())
                .type(p.type())
                .certListType(p.certListType())
                .signerCertificateCount(p.certList() instanceof CertList.Certificates c ? c.certificates().size()
                        : ((CertList.Digests) p.certList()).digests().size())
                .createDate(utc(p.createDate()))
                .pictureType(seal.picture().type())
                .pictureWidthMm(seal.picture().widthMm())
                .pictureHeightMm(seal.picture().heightMm())
                .makerSubject(SealSignatures.parseCertificate(seal.makerCertificate())
                        .map(c -> c.getSubjectX500Principal().getName()).orElse(null))
                .signatureAlgorithm(seal.signatureAlgorithm())
                .makerSignatureDetail(maker.code() + ": " + maker.detail());
        return ResponseEntity.ok(dto);
    }

    private static byte[] read(Resource body) {
        if (body == null) {
            throw new ApiException(ErrorCode.MALFORMED_REQUEST, "The request has no body; send the seal file");
        }
        try (InputStream in = body.getInputStream()) {
            byte[] der = in.readNBytes(SealDecoder.MAX_INPUT_OCTETS + 1);
            if (der.length > SealDecoder.MAX_INPUT_OCTETS) {
                throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "A seal file is at most "
                        + SealDecoder.MAX_INPUT_OCTETS + " bytes");
            }
            if (der.length == 0) {
                throw new ApiException(ErrorCode.MALFORMED_REQUEST, "The request body is empty; send the seal file");
            }
            return der;
        } catch (IOException e) {
            throw new ApiException(ErrorCode.MALFORMED_REQUEST, "The request body could not be read");
        }
    }

    private static OffsetDateTime utc(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }
}
