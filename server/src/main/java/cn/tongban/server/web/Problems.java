package cn.tongban.server.web;

import java.io.IOException;
import java.net.URI;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.MDC;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;

/** Builds RFC 9457 problem details with Tongban's stable {@code code} and the correlation id. */
public final class Problems {

    public static final MediaType PROBLEM_JSON = MediaType.APPLICATION_PROBLEM_JSON;

    private Problems() {}

    public static ProblemDetail of(ErrorCode code, String detail, String instance) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(code.status(), detail == null ? code.title() : detail);
        p.setType(URI.create(code.type()));
        p.setTitle(code.title());
        if (instance != null) {
            p.setInstance(URI.create(instance.replace(" ", "%20")));
        }
        p.setProperty("code", code.name());
        String correlationId = MDC.get(CorrelationIdFilter.MDC_KEY);
        if (correlationId != null) {
            p.setProperty("correlationId", correlationId);
        }
        return p;
    }

    public static ProblemDetail withViolations(ProblemDetail p, List<ApiException.FieldViolation> violations) {
        if (!violations.isEmpty()) {
            p.setProperty("errors", violations);
        }
        return p;
    }

    /** Writes a problem directly to the servlet response (used by filters and security handlers). */
    public static void write(
            HttpServletRequest request,
            HttpServletResponse response,
            ObjectMapper mapper,
            ErrorCode code,
            String detail)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(code.status().value());
        response.setContentType(PROBLEM_JSON.toString());
        response.setCharacterEncoding("UTF-8");
        mapper.writeValue(response.getOutputStream(), of(code, detail, request.getRequestURI()));
    }
}
