package cn.tongban.server.api;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;

import cn.tongban.catalog.admin.ConflictException;
import cn.tongban.catalog.admin.NotFoundException;
import cn.tongban.catalog.admin.NotPermittedException;
import cn.tongban.catalog.admin.StaleVersionException;
import cn.tongban.catalog.admin.ValidationException;
import cn.tongban.server.web.ApiException;
import cn.tongban.server.web.ErrorCode;
import cn.tongban.server.web.Problems;

/**
 * Maps the catalogue's exceptions to problem+json with stable codes: every violation listed (400
 * VALIDATION_FAILED), 404 per kind, 409 VERSION_CONFLICT with {@code currentVersion} or INVALID_STATE, 403
 * NOT_PROVIDER_APPROVER. Ordered before the general {@code ProblemHandler}, whose catch-all would answer 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class CatalogueProblems {

    @ExceptionHandler(ValidationException.class)
    ResponseEntity<Object> invalid(ValidationException e, WebRequest request) {
        return problem(Problems.withViolations(
                Problems.of(
                        ErrorCode.VALIDATION_FAILED,
                        "The request violates " + e.violations().size() + " rule(s)",
                        uri(request)),
                e.violations().stream()
                        .map(v -> new ApiException.FieldViolation(v.field(), v.message(), v.code()))
                        .toList()));
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<Object> notFound(NotFoundException e, WebRequest request) {
        ErrorCode code =
                switch (e.kind()) {
                    case RESOURCE -> ErrorCode.RESOURCE_NOT_FOUND;
                    case DEPARTMENT -> ErrorCode.DEPARTMENT_NOT_FOUND;
                    case SYSTEM -> ErrorCode.SYSTEM_NOT_FOUND;
                    case SERVICE_ITEM -> ErrorCode.SERVICE_ITEM_NOT_FOUND;
                    case AUTHORISATION -> ErrorCode.AUTHORISATION_NOT_FOUND;
                };
        return problem(Problems.of(code, e.getMessage(), uri(request)));
    }

    @ExceptionHandler(StaleVersionException.class)
    ResponseEntity<Object> stale(StaleVersionException e, WebRequest request) {
        ProblemDetail p = Problems.of(ErrorCode.VERSION_CONFLICT, e.getMessage(), uri(request));
        p.setProperty("currentVersion", e.actual());
        return problem(p);
    }

    @ExceptionHandler(ConflictException.class)
    ResponseEntity<Object> conflict(ConflictException e, WebRequest request) {
        ProblemDetail p = Problems.of(ErrorCode.INVALID_STATE, e.getMessage(), uri(request));
        p.setProperty("reason", e.code()); // e.g. CONCURRENT_CHANGE: the same code committed by a concurrent import
        return problem(p);
    }

    @ExceptionHandler(NotPermittedException.class)
    ResponseEntity<Object> notPermitted(NotPermittedException e, WebRequest request) {
        return problem(Problems.of(ErrorCode.NOT_PROVIDER_APPROVER, e.getMessage(), uri(request)));
    }

    private static String uri(WebRequest request) {
        return request instanceof ServletWebRequest s ? s.getRequest().getRequestURI() : null;
    }

    private static ResponseEntity<Object> problem(ProblemDetail p) {
        return ResponseEntity.status(p.getStatus())
                .contentType(Problems.PROBLEM_JSON)
                .body(p);
    }
}
