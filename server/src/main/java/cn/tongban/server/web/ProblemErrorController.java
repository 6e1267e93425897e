package cn.tongban.server.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Errors that never reach a controller (raised by filters or the container) are forwarded to /error;
 * answer those with problem+json too, never with a stack trace or an HTML page.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping("/error")
    ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object statusAttr = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = statusAttr instanceof Integer i ? i : 500;
        Object uriAttr = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        ErrorCode code =
                switch (status) {
                    case 401 -> ErrorCode.AUTHENTICATION_REQUIRED;
                    case 403 -> ErrorCode.ACCESS_DENIED;
                    case 404 -> ErrorCode.NOT_FOUND;
                    case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
                    case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
                    case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
                    default -> status >= 400 && status < 500 ? ErrorCode.MALFORMED_REQUEST : ErrorCode.INTERNAL_ERROR;
                };
        ProblemDetail p = Problems.of(code, null, uriAttr == null ? null : uriAttr.toString());
        p.setStatus(status);
        return ResponseEntity.status(status).contentType(Problems.PROBLEM_JSON).body(p);
    }
}
