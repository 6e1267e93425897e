package cn.tongban.server.api;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;

import jakarta.validation.Valid;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.RestController;

import cn.tongban.api.model.IdentifierCheckRequestDto;
import cn.tongban.api.model.IdentifierCheckResultDto;
import cn.tongban.api.model.IdentifierTypeDto;
import cn.tongban.api.model.VerificationReportDto;
import cn.tongban.api.verifications.VerificationsApi;
import cn.tongban.audit.AccessEntry;
import cn.tongban.catalog.id.IdentifierCheck;
import cn.tongban.catalog.id.OrganizationCode;
import cn.tongban.catalog.id.ResidentIdNumber;
import cn.tongban.catalog.id.UnifiedSocialCreditCode;
import cn.tongban.licence.DocumentVerifiers;
import cn.tongban.licence.id.LicenceIdentifier;
import cn.tongban.licence.report.DocumentVerifier;
import cn.tongban.licence.report.VerificationOptions;
import cn.tongban.licence.report.VerificationReport;
import cn.tongban.server.verification.VerificationAdmission;
import cn.tongban.server.verification.VerificationProperties;
import cn.tongban.server.web.ApiException;
import cn.tongban.server.web.BodySizeLimitFilter;
import cn.tongban.server.web.ErrorCode;
import cn.tongban.trust.verdict.Indication;

/** Verification for window apps and systems. An invalid identifier is a result, not an error. */
@RestController
@PreAuthorize("denyAll")
public class VerificationsController implements VerificationsApi {

    private static final ObjectMapper REPORTS = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
            .build();

    private final Clock clock;
    private final AccessRecorder access;
    private final DocumentVerifier verifier;
    private final VerificationAdmission admission;
    private final VerificationProperties props;

    public VerificationsController(
            Clock clock,
            AccessRecorder access,
            DocumentVerifier verifier,
            VerificationAdmission admission,
            VerificationProperties props) {
        this.clock = clock;
        this.access = access;
        this.verifier = verifier;
        this.admission = admission;
        this.props = props;
    }

    /**
     * Verifies the document in the body. The access log records the act, the document's digest and the
     * indication, and the licence holder as a subject key (never in clear); the report goes only to the caller.
     */
    @Override
    @PreAuthorize("hasAnyRole('WINDOW_APP', 'SYSTEM', 'DATA_ADMIN', 'SEAL_ADMIN')")
    public ResponseEntity<VerificationReportDto> verifyDocument(
            Resource body, OffsetDateTime validationTime, Boolean revocation) {
        byte[] document = read(body);
        if (DocumentVerifiers.sniff(document) == DocumentVerifiers.Kind.UNKNOWN) {
            access.record(
                    "DOCUMENT_VERIFICATION",
                    null,
                    AccessEntry.Outcome.REFUSED,
                    ErrorCode.UNSUPPORTED_MEDIA_TYPE.name());
            throw new ApiException(
                    ErrorCode.UNSUPPORTED_MEDIA_TYPE, "The document is " + DocumentVerifiers.UNKNOWN_DETAIL);
        }
        VerificationOptions options = new VerificationOptions(
                validationTime == null ? null : validationTime.toInstant(),
                List.of(),
                !Boolean.FALSE.equals(revocation));
        VerificationReport report;
        try {
            report = admission.run("Verification", () -> verifier.verify(document, options));
        } catch (ApiException e) {
            if (e.code() == ErrorCode.VERIFICATION_TIMEOUT) {
                access.record(
                        "DOCUMENT_VERIFICATION",
                        null,
                        AccessEntry.Outcome.FAILED,
                        e.code().name());
            }
            throw e;
        }
        String outcome = report.indication() == Indication.TOTAL_PASSED
                ? null
                : report.indication() + (report.subIndication() == null ? "" : "/" + report.subIndication());
        access.record(
                "DOCUMENT_VERIFICATION",
                null,
                AccessEntry.Outcome.OK,
                outcome,
                new AccessRecorder.Delivery(
                        report.licence() == null ? null : report.licence().holderCode(),
                        null,
                        null,
                        null,
                        report.documentDigest(),
                        null));
        return ResponseEntity.ok(REPORTS.convertValue(report, VerificationReportDto.class));
    }

    private byte[] read(Resource body) {
        if (body == null) {
            throw new ApiException(ErrorCode.MALFORMED_REQUEST, "The request has no body; send the document");
        }
        long max = props.maxDocumentSize().toBytes();
        // Spring's converter has already read the body into an array for a Resource parameter: take that array
        // rather than copy 200 KB once more per verification
        byte[] document = body instanceof ByteArrayResource read ? read.getByteArray() : readUpTo(body, max + 1);
        if (document.length > max) {
            throw new ApiException(
                    ErrorCode.PAYLOAD_TOO_LARGE,
                    "A document is at most " + max + " bytes" + " (tongban.verification.max-document-size)");
        }
        if (document.length == 0) {
            throw new ApiException(ErrorCode.MALFORMED_REQUEST, "The request body is empty; send the document");
        }
        return document;
    }

    private static byte[] readUpTo(Resource body, long limit) {
        try (InputStream in = body.getInputStream()) {
            return in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit));
        } catch (BodySizeLimitFilter.PayloadTooLargeException e) {
            throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, e.getMessage());
        } catch (IOException e) {
            throw new ApiException(ErrorCode.MALFORMED_REQUEST, "The request body could not be read");
        }
    }

    @Override
    @PreAuthorize("hasAnyRole('WINDOW_APP', 'SYSTEM', 'DATA_ADMIN')")
    public ResponseEntity<IdentifierCheckResultDto> checkIdentifier(@Valid IdentifierCheckRequestDto request) {
        String value = request.getValue();
        IdentifierCheck check =
                switch (request.getType()) {
                    case UNIFIED_SOCIAL_CREDIT_CODE ->
                        UnifiedSocialCreditCode.check(value, Boolean.TRUE.equals(request.getStrict()));
                    case ORGANIZATION_CODE -> OrganizationCode.check(value);
                    case RESIDENT_ID_NUMBER -> ResidentIdNumber.check(value, clock);
                    case LICENCE_IDENTIFIER -> LicenceIdentifier.check(value);
                };
        // The identifier itself is personal data for resident ID numbers: the access log records only the act.
        access.record("IDENTIFIER_CHECK", null, AccessEntry.Outcome.OK, null);
        IdentifierCheckResultDto dto = new IdentifierCheckResultDto(
                        IdentifierTypeDto.valueOf(check.type().name()), check.value(), check.valid())
                .errorCode(check.errorCode())
                .reason(check.reason())
                .expectedCheckCharacter(
                        check.expectedCheckCharacter() == null ? null : String.valueOf(check.expectedCheckCharacter()))
                .components(check.components().isEmpty() ? null : new LinkedHashMap<>(check.components()));
        return ResponseEntity.ok(dto);
    }
}
