package cn.tongban.server.web;

import org.springframework.http.HttpStatus;

/**
 * Every stable error code the API answers with, and its HTTP status. Clients may branch on {@code code};
 * codes are never renamed, only added.
 */
public enum ErrorCode {
    AUTHENTICATION_REQUIRED(HttpStatus.UNAUTHORIZED, "Authentication required"),
    UNKNOWN_CLIENT_CERTIFICATE(HttpStatus.UNAUTHORIZED, "Client certificate not registered to any system"),
    INVALID_CREDENTIALS(HttpStatus.UNAUTHORIZED, "Invalid credentials"),
    LOGIN_THROTTLED(HttpStatus.TOO_MANY_REQUESTS, "Too many failed logins: try again later"),
    ACCOUNT_LOCKED(HttpStatus.TOO_MANY_REQUESTS, "Locked after too many failed logins: an administrator lifts it"),
    ACCESS_DENIED(HttpStatus.FORBIDDEN, "No role allows this operation"),
    NOT_FOUND(HttpStatus.NOT_FOUND, "Not found"),
    RESOURCE_NOT_FOUND(HttpStatus.NOT_FOUND, "Resource not in the catalogue"),
    SERVICE_ITEM_NOT_FOUND(HttpStatus.NOT_FOUND, "Service item not found"),
    METHOD_NOT_ALLOWED(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    NOT_ACCEPTABLE(HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
    UNSUPPORTED_MEDIA_TYPE(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
    PAYLOAD_TOO_LARGE(HttpStatus.PAYLOAD_TOO_LARGE, "Request body too large"),
    MALFORMED_REQUEST(HttpStatus.BAD_REQUEST, "Malformed request"),
    REQUEST_REJECTED(HttpStatus.BAD_REQUEST, "Request refused by the server before the API"),
    REQUEST_HEADERS_TOO_LARGE(HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE, "Request line or headers too large"),
    VALIDATION_FAILED(HttpStatus.BAD_REQUEST, "Validation failed"),
    SEAL_FORMAT_INVALID(HttpStatus.BAD_REQUEST, "Not a well-formed seal"),
    PROOF_NOT_ON_RETAINED_LIST(HttpStatus.FORBIDDEN, "This proof may not be demanded for this service item"),
    LICENCE_LIBRARY_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "The licence library cannot be reached"),
    VERIFICATION_TIMEOUT(HttpStatus.SERVICE_UNAVAILABLE, "Verification took too long"),
    VERIFICATION_BUSY(HttpStatus.SERVICE_UNAVAILABLE, "Too many verifications running"),
    RESOURCE_NOT_SHARED(HttpStatus.FORBIDDEN, "The resource is not shared"),
    RESOURCE_NOT_PUBLISHED(HttpStatus.FORBIDDEN, "The resource is a draft or retired, not published"),
    NO_AUTHORISATION(HttpStatus.FORBIDDEN, "No approved authorisation for this resource"),
    PURPOSE_MISMATCH(HttpStatus.FORBIDDEN, "Not authorised for this purpose or service item"),
    FIELD_NOT_AUTHORISED(HttpStatus.FORBIDDEN, "A requested field is not authorised"),
    QUOTA_EXCEEDED(HttpStatus.TOO_MANY_REQUESTS, "Quota or rate limit used up"),
    WEBHOOK_DESTINATION_REFUSED(HttpStatus.BAD_REQUEST, "The webhook's destination is not allowed"),
    PROVIDER_CONTRACT_VIOLATION(HttpStatus.BAD_GATEWAY, "The provider's answer breaks the resource's contract"),
    PROVIDER_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "The provider cannot be reached"),
    PROVIDER_TIMEOUT(HttpStatus.GATEWAY_TIMEOUT, "The provider did not answer in time"),
    ACCESS_LOG_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "The access log cannot record the request"),
    DEPARTMENT_NOT_FOUND(HttpStatus.NOT_FOUND, "Department not registered"),
    SYSTEM_NOT_FOUND(HttpStatus.NOT_FOUND, "System not registered"),
    AUTHORISATION_NOT_FOUND(HttpStatus.NOT_FOUND, "Authorisation not found"),
    VERSION_CONFLICT(HttpStatus.CONFLICT, "Changed since you read it"),
    INVALID_STATE(HttpStatus.CONFLICT, "Not allowed in the object's current state"),
    NOT_PROVIDER_APPROVER(HttpStatus.FORBIDDEN, "Not an approver of the provider department"),
    DATASET_REJECTED(HttpStatus.BAD_REQUEST, "The dataset file was rejected; nothing was stored"),
    NOT_FILE_SHARED(HttpStatus.CONFLICT, "The resource is not shared as dataset files"),
    SEAL_NOT_FOUND(HttpStatus.NOT_FOUND, "Seal not registered"),
    SEAL_ALREADY_REGISTERED(HttpStatus.CONFLICT, "A seal with this esID or these bytes is already registered"),
    SEAL_STATUS_CONFLICT(HttpStatus.CONFLICT, "Not allowed from the seal's current status"),
    SEAL_NOT_USABLE(HttpStatus.CONFLICT, "The seal cannot be used now (suspended, revoked or outside its validity)"),
    SIGNER_NOT_IN_SEAL(HttpStatus.CONFLICT, "The seal does not list this system's signing certificate"),
    NO_SIGNING_KEY(HttpStatus.FORBIDDEN, "No signing key is configured for this system"),
    DOCUMENT_NOT_STAMPABLE(HttpStatus.BAD_REQUEST, "The document cannot take this stamp"),
    DOCUMENT_OVER_BUDGET(
            HttpStatus.UNPROCESSABLE_ENTITY,
            "The document exceeds a processing budget (size, " + "structure or nesting)"),
    SEAL_MAKER_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "No seal-making authority key is configured"),
    SERVICE_UNAVAILABLE(HttpStatus.SERVICE_UNAVAILABLE, "The server cannot take requests now"),
    INTERNAL_ERROR(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

    private final HttpStatus status;
    private final String title;

    ErrorCode(HttpStatus status, String title) {
        this.status = status;
        this.title = title;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }

    /** The problem type URI, e.g. {@code urn:tongban:problem:validation-failed}. */
    public String type() {
        return "urn:tongban:problem:"
                + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
