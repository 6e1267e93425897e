package cn.tongban.server.web;

import java.io.IOException;
import java.io.Writer;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Tomcat's error report for requests that never reach Spring MVC — refused by the connector or the container before
 * any filter runs: an encoded slash, backslash or NUL in the path ({@code %2F}, {@code %5C}, {@code %00}), a path
 * that does not normalise, a request line or headers over the connector's limit, {@code TRACE} — as RFC 9457
 * problem+json with a stable {@code code} instead of Tomcat's HTML page or an empty body. Installed as the host's
 * error report valve ({@link WebConfig}); errors that Spring's {@code /error} forward already answered are left
 * alone (their body is written). Never a stack trace, a server version or the offending input.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

    public ProblemErrorReportValve() {
        setShowReport(false);
        setShowServerInfo(false);
    }

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        ErrorCode code = codeFor(status);
        String detail = detailFor(status, code, request);
        try {
            response.resetBuffer();
        } catch (IllegalStateException committed) {
            return;
        }
        response.setContentType(Problems.PROBLEM_JSON.toString());
        response.setCharacterEncoding("UTF-8");
        if (status == 405 && "TRACE".equalsIgnoreCase(request.getMethod()) && response.getHeader("Allow") == null) {
            response.setHeader("Allow", "GET, HEAD, POST, PUT, DELETE, OPTIONS");
        }
        try {
            Writer w = response.getReporter();
            if (w != null) {
                w.write(json(code, status, detail));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client has gone: nothing more to say
        }
    }

    static ErrorCode codeFor(int status) {
        return switch (status) {
            case 400 -> ErrorCode.REQUEST_REJECTED;
            case 401 -> ErrorCode.AUTHENTICATION_REQUIRED;
            case 403 -> ErrorCode.ACCESS_DENIED;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 414, 431 -> ErrorCode.REQUEST_HEADERS_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 503 -> ErrorCode.SERVICE_UNAVAILABLE;
            default -> status < 500 ? ErrorCode.MALFORMED_REQUEST : ErrorCode.INTERNAL_ERROR;
        };
    }

    private static String detailFor(int status, ErrorCode code, Request request) {
        return switch (code) {
            case REQUEST_REJECTED ->
                "The request was refused before it reached the API: its path (an encoded '/', '\\'"
                        + " or NUL, a path that does not normalise), request line or headers are malformed";
            case REQUEST_HEADERS_TOO_LARGE ->
                "The request line or headers exceed the server's limit" + " (server.max-http-request-header-size)";
            case METHOD_NOT_ALLOWED ->
                "TRACE".equalsIgnoreCase(request.getMethod()) ? "TRACE is not allowed" : code.title();
            default -> code.title();
        };
    }

    private static String json(ErrorCode code, int status, String detail) {
        JsonStringEncoder enc = JsonStringEncoder.getInstance();
        return "{\"type\":\"" + code.type() + "\",\"title\":\"" + new String(enc.quoteAsString(code.title()))
                + "\",\"status\":" + status + ",\"detail\":\"" + new String(enc.quoteAsString(detail))
                + "\",\"code\":\"" + code.name() + "\"}";
    }
}
