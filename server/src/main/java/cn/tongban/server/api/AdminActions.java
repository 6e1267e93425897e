package cn.tongban.server.api;

import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import cn.tongban.audit.AccessEntry;
import cn.tongban.catalog.admin.ConflictException;
import cn.tongban.catalog.admin.NotFoundException;
import cn.tongban.catalog.admin.NotPermittedException;
import cn.tongban.catalog.admin.StaleVersionException;
import cn.tongban.catalog.admin.ValidationException;

/**
 * Runs an administrative action and writes its access-log entry, refused ones included (with the error
 * code the client receives). The catalogue's own change log records the successful changes in detail.
 */
@Component
class AdminActions {

    private final AccessRecorder access;

    AdminActions(AccessRecorder access) {
        this.access = access;
    }

    <T> T run(String action, String code, Supplier<T> body) {
        T result;
        try {
            result = body.get();
        } catch (RuntimeException e) {
            access.record(action, truncate(code), AccessEntry.Outcome.REFUSED, errorCode(e));
            throw e;
        }
        access.record(action, truncate(code), AccessEntry.Outcome.OK, null);
        return result;
    }

    private static String errorCode(RuntimeException e) {
        if (e instanceof ValidationException) {
            return "VALIDATION_FAILED";
        } else if (e instanceof StaleVersionException) {
            return "VERSION_CONFLICT";
        } else if (e instanceof ConflictException) {
            return "INVALID_STATE";
        } else if (e instanceof NotPermittedException) {
            return "NOT_PROVIDER_APPROVER";
        } else if (e instanceof NotFoundException n) {
            return n.kind().name() + "_NOT_FOUND";
        } else if (e instanceof cn.tongban.server.web.ApiException a) {
            return a.code().name();
        }
        return "INTERNAL_ERROR";
    }

    private static String truncate(String code) {
        return code == null || code.length() <= 64 ? code : code.substring(0, 64);
    }
}
