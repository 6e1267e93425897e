package cn.tongban.server.security;

import java.io.IOException;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.http.HttpHeaders;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.stereotype.Component;

import cn.tongban.server.web.ErrorCode;
import cn.tongban.server.web.Problems;

/**
 * Requests the firewall ({@link Firewall}) refuses, answered as problem+json: a method it does not allow
 * ({@code TRACE}, {@code CONNECT}, anything invented) is 405 {@code METHOD_NOT_ALLOWED} with {@code Allow}; any
 * other refusal (a path that does not normalise, a semicolon or encoded period, a header value with control
 * characters) is 400 {@code REQUEST_REJECTED}. Spring Security's default handler sent an empty 400, and its
 * forward to {@code /error} was refused by the same firewall. The refused input is never echoed.
 */
@Component
public class ProblemRequestRejectedHandler implements RequestRejectedHandler {

    /** The methods the firewall lets through (its defaults). */
    static final Set<String> ALLOWED = Set.of("DELETE", "GET", "HEAD", "OPTIONS", "PATCH", "POST", "PUT");

    private final ObjectMapper mapper;

    public ProblemRequestRejectedHandler(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException e)
            throws IOException {
        if (!ALLOWED.contains(request.getMethod())) {
            response.setHeader(HttpHeaders.ALLOW, String.join(", ", new java.util.TreeSet<>(ALLOWED)));
            Problems.write(
                    request,
                    response,
                    mapper,
                    ErrorCode.METHOD_NOT_ALLOWED,
                    "Method not allowed; allowed: " + String.join(", ", new java.util.TreeSet<>(ALLOWED)));
        } else {
            Problems.write(
                    request,
                    response,
                    mapper,
                    ErrorCode.REQUEST_REJECTED,
                    "The request was refused before it reached the API: its path or headers are not acceptable");
        }
    }
}
