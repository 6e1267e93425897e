package cn.tongban.server.api;

import java.util.List;

import cn.tongban.seal.issue.StampRefusal;
import cn.tongban.seal.pdf.PdfBudget;
import cn.tongban.seal.registry.RegisteredSeal;
import cn.tongban.seal.registry.RegistryException;
import cn.tongban.seal.stamp.StampException;
import cn.tongban.server.web.ApiException;
import cn.tongban.server.web.ErrorCode;

/**
 * The seal API's refusals as problems: the error code, detail and field violations for a registry refusal, a seal
 * that cannot stamp now, and a document that cannot take the stamp. The caller records the refusal.
 */
final class SealProblems {

    private SealProblems() {}

    static ApiException notFound(String esId) {
        return new ApiException(ErrorCode.SEAL_NOT_FOUND, "No registered seal " + esId);
    }

    static ApiException.FieldViolation violation(String field, String message) {
        return new ApiException.FieldViolation(field, message, null);
    }

    static ApiException registry(RegistryException e) {
        ErrorCode code =
                switch (e.code()) {
                    case UNKNOWN_SEAL -> ErrorCode.SEAL_NOT_FOUND;
                    case DUPLICATE_SEAL -> ErrorCode.SEAL_ALREADY_REGISTERED;
                    case ILLEGAL_TRANSITION -> ErrorCode.SEAL_STATUS_CONFLICT;
                    case INVALID_USCC, INVALID_SEAL, INVALID_CHANGE -> ErrorCode.VALIDATION_FAILED;
                };
        String field = e.field() != null
                ? e.field()
                : switch (e.code()) {
                    case INVALID_USCC -> "ownerUscc";
                    case INVALID_CHANGE -> "reason";
                    default -> null;
                };
        return new ApiException(
                code, e.getMessage(), field == null ? List.of() : List.of(violation(field, e.getMessage())));
    }

    /** 409 SEAL_NOT_USABLE, or SIGNER_NOT_IN_SEAL when the system's key is not one of the seal's signers. */
    static ApiException refusal(StampRefusal e, RegisteredSeal registered, String system) {
        String detail =
                switch (e.reason()) {
                    case SEAL_NOT_ACTIVE ->
                        "Seal " + registered.esId() + " is " + registered.status() + " since " + registered.statusAt()
                                + ": " + registered.statusReason();
                    case SEAL_NOT_VALID_NOW ->
                        "Seal " + registered.esId() + " is valid " + registered.validStart() + " .. "
                                + registered.validEnd() + ", not now";
                    case SIGNER_NOT_IN_SEAL ->
                        "Seal " + registered.esId() + " does not list the signing certificate of system " + system;
                };
        return new ApiException(
                e.reason() == StampRefusal.Reason.SIGNER_NOT_IN_SEAL
                        ? ErrorCode.SIGNER_NOT_IN_SEAL
                        : ErrorCode.SEAL_NOT_USABLE,
                detail,
                List.of());
    }

    /** DOCUMENT_OVER_BUDGET for a PDF over a budget, else DOCUMENT_NOT_STAMPABLE with every reason. */
    static ApiException notStampable(StampException e) {
        boolean overBudget = e.rule().filter(PdfBudget.RULE::equals).isPresent();
        return new ApiException(
                overBudget ? ErrorCode.DOCUMENT_OVER_BUDGET : ErrorCode.DOCUMENT_NOT_STAMPABLE,
                overBudget ? "The document exceeds a processing budget" : "The document cannot take this stamp",
                e.reasons().stream().map(r -> violation("document", r)).toList());
    }
}
