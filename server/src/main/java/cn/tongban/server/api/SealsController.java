package cn.tongban.server.api;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.RestController;

import cn.tongban.api.model.PageInfoDto;
import cn.tongban.api.model.SealInspectionDto;
import cn.tongban.api.model.SealMakeRequestDto;
import cn.tongban.api.model.SealPageDto;
import cn.tongban.api.model.SealRecordDto;
import cn.tongban.api.model.SealStatusChangeRequestDto;
import cn.tongban.api.model.SealStatusDto;
import cn.tongban.api.seals.SealsApi;
import cn.tongban.audit.AccessEntry;
import cn.tongban.licence.DocumentVerifiers;
import cn.tongban.seal.codec.Decoded;
import cn.tongban.seal.codec.SealDecoder;
import cn.tongban.seal.codec.SesSeal;
import cn.tongban.seal.custody.KeyCustodyException;
import cn.tongban.seal.custody.SigningKey;
import cn.tongban.seal.issue.SealIssuance;
import cn.tongban.seal.issue.StampRefusal;
import cn.tongban.seal.issue.Stamping;
import cn.tongban.seal.make.InvalidSealRequestException;
import cn.tongban.seal.registry.RegisteredSeal;
import cn.tongban.seal.registry.RegistryException;
import cn.tongban.seal.registry.SealRegistry;
import cn.tongban.seal.registry.SealStatus;
import cn.tongban.seal.stamp.StampException;
import cn.tongban.seal.stamp.StampPosition;
import cn.tongban.seal.verify.SealSignatures;
import cn.tongban.seal.verify.SignatureCheck;
import cn.tongban.server.seals.SealKeys;
import cn.tongban.server.verification.VerificationAdmission;
import cn.tongban.server.web.ApiException;
import cn.tongban.server.web.ErrorCode;

/**
 * The seal API: inspection of any seal file (GB/T 38540 §6.3 steps 1–2), making and registering seals with the
 * seal-making authority's key (seal admin), the registry's list, history, status changes and seal files, and
 * stamping PDF/OFD documents by departmental systems with the key configured for them. Every operation is in the
 * access log; registry changes also carry who, when and why in the seal's history. Making and stamping are
 * seal-service's {@link SealIssuance} and {@link Stamping}, shared with the CLI; this class maps HTTP to them.
 */
@RestController
@PreAuthorize("denyAll")
public class SealsController implements SealsApi {

    private final AccessRecorder access;
    private final SealRegistry registry;
    private final SealKeys keys;
    private final Clock clock;
    private final VerificationAdmission admission;
    private final SealIssuance issuance;
    private final Stamping stamping;

    public SealsController(
            AccessRecorder access,
            SealRegistry registry,
            SealKeys keys,
            Clock clock,
            VerificationAdmission admission,
            SealIssuance issuance,
            Stamping stamping) {
        this.access = access;
        this.registry = registry;
        this.keys = keys;
        this.clock = clock;
        this.admission = admission;
        this.issuance = issuance;
        this.stamping = stamping;
    }

    @Override
    @PreAuthorize("hasRole('SEAL_ADMIN')")
    public ResponseEntity<SealRecordDto> makeSeal(SealMakeRequestDto request) {
        SigningKey maker = keys.maker()
                .orElseThrow(() -> new ApiException(
                        ErrorCode.SEAL_MAKER_UNAVAILABLE,
                        "No seal-making authority key is configured (tongban.seals.maker)"));
        SealMakeRequests.Checked checked = SealMakeRequests.check(request, keys);
        if (!checked.violations().isEmpty()) {
            throw refused("SEAL_MAKE", ErrorCode.VALIDATION_FAILED, "The seal cannot be made", checked.violations());
        }
        byte[] seal;
        try {
            seal = issuance.make(maker, checked.order()).der();
        } catch (InvalidSealRequestException e) {
            throw refused(
                    "SEAL_MAKE",
                    ErrorCode.VALIDATION_FAILED,
                    "The seal cannot be made",
                    SealMakeRequests.violations(e));
        } catch (KeyCustodyException e) {
            throw new ApiException(ErrorCode.SEAL_MAKER_UNAVAILABLE, "The seal-making key could not sign");
        }
        RegisteredSeal registered;
        try {
            registered = registry.register(checked.ownerUscc(), request.getOwnerName(), seal, Caller.name());
        } catch (RegistryException e) {
            throw refused("SEAL_MAKE", SealProblems.registry(e));
        }
        access.record("SEAL_MAKE", null, AccessEntry.Outcome.OK, null);
        return ResponseEntity.status(HttpStatus.CREATED)
                .location(java.net.URI.create("/api/v1/seals/" + registered.esId()))
                .body(SealDtos.record(registered, registry.history(registered.esId())));
    }

    @Override
    @PreAuthorize("hasAnyRole('SEAL_ADMIN', 'AUDITOR')")
    public ResponseEntity<SealPageDto> listSeals(String owner, SealStatusDto status, Integer page, Integer size) {
        int p = page == null ? 0 : page;
        int n = size == null ? 20 : size;
        SealStatus st = status == null ? null : SealStatus.valueOf(status.name());
        long total = registry.count(owner, st);
        List<SealRecordDto> items = registry.search(owner, st, p * n, n).stream()
                .map(r -> SealDtos.record(r, null))
                .toList();
        return ResponseEntity.ok(new SealPageDto(items, new PageInfoDto(p, n, total, (int) ((total + n - 1) / n))));
    }

    @Override
    @PreAuthorize("hasAnyRole('SEAL_ADMIN', 'AUDITOR')")
    public ResponseEntity<SealRecordDto> getSeal(String esId) {
        RegisteredSeal r = registry.find(esId).orElseThrow(() -> notFound(esId));
        return ResponseEntity.ok(SealDtos.record(r, registry.history(esId)));
    }

    @Override
    @PreAuthorize("hasAnyRole('SEAL_ADMIN', 'AUDITOR', 'SYSTEM', 'WINDOW_APP')")
    public ResponseEntity<Resource> downloadSeal(String esId) {
        byte[] der = registry.sealBytes(esId).orElseThrow(() -> notFound(esId));
        return ResponseEntity.ok()
                .contentType(MediaType.APPLICATION_OCTET_STREAM)
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"" + esId.replaceAll("[^A-Za-z0-9._-]", "_") + ".esl\"")
                .body(new ByteArrayResource(der));
    }

    @Override
    @PreAuthorize("hasRole('SEAL_ADMIN')")
    public ResponseEntity<SealRecordDto> changeSealStatus(String esId, SealStatusChangeRequestDto change) {
        if (registry.find(esId).isEmpty()) {
            throw notFound(esId);
        }
        Instant at = change.getEffectiveAt() == null
                ? clock.instant()
                : change.getEffectiveAt().toInstant();
        RegisteredSeal r;
        try {
            r = switch (change.getStatus()) {
                case SUSPENDED -> registry.suspend(esId, change.getReason(), at, Caller.name());
                case ACTIVE -> registry.reinstate(esId, change.getReason(), at, Caller.name());
                case REVOKED -> registry.revoke(esId, change.getReason(), at, Caller.name());
            };
        } catch (RegistryException e) {
            throw refused("SEAL_STATUS_CHANGE", SealProblems.registry(e));
        }
        access.record("SEAL_STATUS_CHANGE", null, AccessEntry.Outcome.OK, null);
        return ResponseEntity.ok(SealDtos.record(r, registry.history(esId)));
    }

    @Override
    @PreAuthorize("hasRole('SYSTEM')")
    public ResponseEntity<Resource> stampDocument(String esId, Integer page, Double x, Double y, Resource body) {
        String system = Caller.name();
        SigningKey key = keys.signer(system)
                .orElseThrow(() -> refused(
                        "SEAL_STAMP",
                        ErrorCode.NO_SIGNING_KEY,
                        "System " + system + " has no signing key configured (tongban.seals.signers." + system + ")",
                        List.of()));
        RegisteredSeal registered = registry.find(esId).orElseThrow(() -> notFound(esId));
        byte[] sealDer = registry.sealBytes(esId).orElseThrow(() -> notFound(esId));
        Stamping.Prepared prepared;
        try {
            prepared = stamping.prepare(registered, sealDer, key);
        } catch (StampRefusal e) {
            throw refused("SEAL_STAMP", SealProblems.refusal(e, registered, system));
        }
        byte[] document = SealBodies.document(body);
        DocumentVerifiers.Kind kind = DocumentVerifiers.sniff(document);
        if (kind != DocumentVerifiers.Kind.PDF && kind != DocumentVerifiers.Kind.OFD) {
            throw refused(
                    "SEAL_STAMP",
                    ErrorCode.UNSUPPORTED_MEDIA_TYPE,
                    "The document is neither a PDF (%PDF- header) nor an OFD (ZIP package); only those are stamped",
                    List.of());
        }
        StampPosition position;
        try {
            position = new StampPosition(page, x, y);
        } catch (IllegalArgumentException e) {
            throw refused(
                    "SEAL_STAMP",
                    ErrorCode.VALIDATION_FAILED,
                    "Bad position",
                    List.of(violation("page", e.getMessage())));
        }
        Stamping.Format format = kind == DocumentVerifiers.Kind.PDF ? Stamping.Format.PDF : Stamping.Format.OFD;
        byte[] stamped;
        try {
            // stamping parses the client's document as verification does: same admission, memory budget, timeout
            stamped = admission.run("Stamping", () -> prepared.stamp(format, document, position));
        } catch (ApiException e) {
            if (e.code() == ErrorCode.VERIFICATION_TIMEOUT || e.code() == ErrorCode.VERIFICATION_BUSY) {
                access.record(
                        "SEAL_STAMP", null, AccessEntry.Outcome.FAILED, e.code().name());
            }
            throw e;
        } catch (StampException e) {
            throw refused("SEAL_STAMP", SealProblems.notStampable(e));
        } catch (IllegalArgumentException e) {
            // a document the stamper's libraries cannot make sense of: the client's file, not the position
            throw refused(
                    "SEAL_STAMP",
                    ErrorCode.DOCUMENT_NOT_STAMPABLE,
                    "The document cannot take this stamp",
                    List.of(violation("document", "the document's structure could not be read for stamping")));
        }
        access.record("SEAL_STAMP", null, AccessEntry.Outcome.OK, null);
        return ResponseEntity.ok()
                .contentType(
                        format == Stamping.Format.PDF
                                ? MediaType.APPLICATION_PDF
                                : MediaType.parseMediaType("application/ofd"))
                .body(new ByteArrayResource(stamped));
    }

    @Override
    @PreAuthorize("hasAnyRole('SEAL_ADMIN', 'WINDOW_APP', 'SYSTEM')")
    public ResponseEntity<SealInspectionDto> inspectSeal(Resource body) {
        byte[] der = SealBodies.sealFile(body);
        Decoded<SesSeal> decoded = SealDecoder.decodeSeal(der);
        if (decoded instanceof Decoded.Malformed<SesSeal> m) {
            access.record("SEAL_INSPECTION", null, AccessEntry.Outcome.REFUSED, ErrorCode.SEAL_FORMAT_INVALID.name());
            throw new ApiException(
                    ErrorCode.SEAL_FORMAT_INVALID,
                    "Not a well-formed seal: " + m.reason(),
                    List.of(new ApiException.FieldViolation(m.path(), m.reason(), "FORMAT")));
        }
        SesSeal seal = ((Decoded.Ok<SesSeal>) decoded).value();
        SignatureCheck maker = SealSignatures.verifySeal(seal);
        access.record("SEAL_INSPECTION", null, AccessEntry.Outcome.OK, null);
        return ResponseEntity.ok(SealDtos.inspection(seal, maker));
    }

    private ApiException refused(
            String action, ErrorCode code, String detail, List<ApiException.FieldViolation> violations) {
        access.record(action, null, AccessEntry.Outcome.REFUSED, code.name());
        return new ApiException(code, detail, violations);
    }

    private ApiException refused(String action, ApiException problem) {
        access.record(action, null, AccessEntry.Outcome.REFUSED, problem.code().name());
        return problem;
    }

    private static ApiException notFound(String esId) {
        return SealProblems.notFound(esId);
    }

    private static ApiException.FieldViolation violation(String field, String message) {
        return SealProblems.violation(field, message);
    }
}
