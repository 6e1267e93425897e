package cn.tongban.server.web;

import java.util.ArrayList;
import java.util.List;

import jakarta.validation.ConstraintViolationException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.validation.FieldError;
import org.springframework.validation.method.ParameterErrors;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/**
 * The single place where exceptions become RFC 9457 problem+json with a stable {@code code}. Client mistakes
 * are 4xx with what went wrong; anything unexpected is a 500 that says nothing of the internals.
 */
@RestControllerAdvice
public class ProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemHandler.class);

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> api(ApiException e, WebRequest request) {
        ProblemDetail p = Problems.withViolations(Problems.of(e.code(), e.getMessage(), uri(request)), e.violations());
        e.properties().forEach(p::setProperty);
        if (e.retryAfterSeconds() != null) {
            return ResponseEntity.status(p.getStatus())
                    .contentType(Problems.PROBLEM_JSON)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds()))
                    .body(p);
        }
        return problem(p);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraints(ConstraintViolationException e, WebRequest request) {
        List<ApiException.FieldViolation> violations = e.getConstraintViolations().stream()
                .map(v ->
                        new ApiException.FieldViolation(leaf(v.getPropertyPath().toString()), v.getMessage(), null))
                .sorted(java.util.Comparator.comparing(ApiException.FieldViolation::field))
                .toList();
        return problem(Problems.withViolations(
                Problems.of(
                        ErrorCode.VALIDATION_FAILED,
                        "The request violates " + violations.size() + " rule(s)",
                        uri(request)),
                violations));
    }

    @ExceptionHandler(AccessDeniedException.class)
    ResponseEntity<Object> denied(AccessDeniedException e, WebRequest request) {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        boolean anonymous = auth == null || auth instanceof AnonymousAuthenticationToken;
        ErrorCode code = anonymous ? ErrorCode.AUTHENTICATION_REQUIRED : ErrorCode.ACCESS_DENIED;
        return problem(Problems.of(code, null, uri(request)));
    }

    @ExceptionHandler(BodySizeLimitFilter.PayloadTooLargeException.class)
    ResponseEntity<Object> tooLarge(BodySizeLimitFilter.PayloadTooLargeException e, WebRequest request) {
        return problem(Problems.of(ErrorCode.PAYLOAD_TOO_LARGE, e.getMessage(), uri(request)));
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, WebRequest request) {
        BodySizeLimitFilter.PayloadTooLargeException tooLarge = causeOf(e);
        if (tooLarge != null) {
            return tooLarge(tooLarge, request);
        }
        log.error("Unhandled error on {}", uri(request), e);
        return problem(Problems.of(
                ErrorCode.INTERNAL_ERROR,
                "An internal error occurred; quote the correlation id when reporting it",
                uri(request)));
    }

    /** Every exception Spring MVC itself raises passes here; give each its stable code. */
    @Override
    protected ResponseEntity<Object> handleExceptionInternal(
            Exception ex, Object body, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        BodySizeLimitFilter.PayloadTooLargeException tooLarge = causeOf(ex);
        if (tooLarge != null) {
            return tooLarge(tooLarge, request);
        }
        ErrorCode code = codeFor(ex, status);
        String detail =
                switch (code) {
                    case MALFORMED_REQUEST -> "The request could not be read: " + safeDetail(ex);
                    case NOT_FOUND -> "No such endpoint";
                    default -> body instanceof ProblemDetail p ? p.getDetail() : null;
                };
        ProblemDetail problem = Problems.of(code, detail, uri(request));
        if (ex instanceof MethodArgumentNotValidException m) {
            Problems.withViolations(
                    problem, fieldViolations(m.getBindingResult().getFieldErrors()));
        } else if (ex instanceof HandlerMethodValidationException h) {
            List<ApiException.FieldViolation> violations = new ArrayList<>();
            h.getParameterValidationResults().forEach(r -> {
                if (r instanceof ParameterErrors bean) {
                    // a @Valid body (MVC validates all parameters at once): its fields, as
                    // MethodArgumentNotValidException
                    violations.addAll(fieldViolations(bean.getFieldErrors()));
                    bean.getGlobalErrors()
                            .forEach(err -> violations.add(
                                    new ApiException.FieldViolation("", err.getDefaultMessage(), err.getCode())));
                } else {
                    r.getResolvableErrors()
                            .forEach(err -> violations.add(new ApiException.FieldViolation(
                                    r.getMethodParameter().getParameterName(), err.getDefaultMessage(), null)));
                }
            });
            Problems.withViolations(problem, violations);
        }
        HttpHeaders h = new HttpHeaders();
        h.addAll(headers);
        return ResponseEntity.status(code.status())
                .headers(h)
                .contentType(Problems.PROBLEM_JSON)
                .body(problem);
    }

    private static ErrorCode codeFor(Exception ex, HttpStatusCode status) {
        if (ex instanceof NoResourceFoundException) {
            return ErrorCode.NOT_FOUND;
        } else if (ex instanceof HttpRequestMethodNotSupportedException) {
            return ErrorCode.METHOD_NOT_ALLOWED;
        } else if (ex instanceof HttpMediaTypeNotSupportedException) {
            return ErrorCode.UNSUPPORTED_MEDIA_TYPE;
        } else if (ex instanceof HttpMediaTypeNotAcceptableException) {
            return ErrorCode.NOT_ACCEPTABLE;
        } else if (ex instanceof MethodArgumentNotValidException || ex instanceof HandlerMethodValidationException) {
            return ErrorCode.VALIDATION_FAILED;
        }
        return switch (status.value()) {
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            default -> status.is4xxClientError() ? ErrorCode.MALFORMED_REQUEST : ErrorCode.INTERNAL_ERROR;
        };
    }

    private static List<ApiException.FieldViolation> fieldViolations(List<FieldError> errors) {
        return errors.stream()
                .map(f -> new ApiException.FieldViolation(f.getField(), f.getDefaultMessage(), f.getCode()))
                .toList();
    }

    /** The first line of a parse error, without class names or stack. */
    private static String safeDetail(Exception ex) {
        Throwable root = ex;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String m = root.getMessage() == null ? "malformed body or parameter" : root.getMessage();
        m = m.lines()
                .findFirst()
                .orElse("")
                .replaceAll("\\(class [^)]*\\)", "")
                .replaceAll("[a-z]+(\\.[a-z0-9]+)+\\.", "");
        return m.length() > 300 ? m.substring(0, 300) : m;
    }

    private static BodySizeLimitFilter.PayloadTooLargeException causeOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BodySizeLimitFilter.PayloadTooLargeException p) {
                return p;
            }
        }
        return null;
    }

    private static String leaf(String path) {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
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
