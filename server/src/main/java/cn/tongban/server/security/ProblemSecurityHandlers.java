package cn.tongban.server.security;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;

import cn.tongban.server.web.ErrorCode;
import cn.tongban.server.web.Problems;

/** 401 and 403 as problem+json, with the reason authentication failed when there is one. */
final class ProblemSecurityHandlers implements AuthenticationEntryPoint, AccessDeniedHandler {

    private final ObjectMapper mapper;

    ProblemSecurityHandlers(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        ErrorCode code;
        String detail;
        if (e instanceof LoginRefusedException refused) {
            if (refused.locked()) {
                Problems.write(
                        request,
                        response,
                        mapper,
                        ErrorCode.ACCOUNT_LOCKED,
                        "Too many failed logins: this" + " account is locked until an administrator lifts the lockout");
            } else {
                long seconds = Math.max(1, (refused.retryAfter().toMillis() + 999) / 1000);
                response.setHeader("Retry-After", Long.toString(seconds));
                Problems.write(
                        request,
                        response,
                        mapper,
                        ErrorCode.LOGIN_THROTTLED,
                        "Too many failed logins: try" + " again in " + seconds + " s");
            }
            return;
        }
        if ("UNKNOWN_CLIENT_CERTIFICATE".equals(request.getAttribute(ClientCertificateFilter.FAILURE_ATTRIBUTE))) {
            code = ErrorCode.UNKNOWN_CLIENT_CERTIFICATE;
            detail = "The client certificate is valid but not registered to a system, or has expired";
        } else if (e instanceof BadCredentialsException || request.getHeader("Authorization") != null) {
            code = ErrorCode.INVALID_CREDENTIALS;
            detail = "The credentials given were not accepted";
        } else {
            code = ErrorCode.AUTHENTICATION_REQUIRED;
            detail = "Present a registered client certificate (systems) or Basic/Bearer credentials (people)";
        }
        response.setHeader("WWW-Authenticate", "Basic realm=\"tongban\"");
        Problems.write(request, response, mapper, code, detail);
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        Problems.write(request, response, mapper, ErrorCode.ACCESS_DENIED, null);
    }
}
