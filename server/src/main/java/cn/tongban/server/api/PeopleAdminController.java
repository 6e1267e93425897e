package cn.tongban.server.api;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.RestController;

import cn.tongban.api.admin.AdminApi;
import cn.tongban.server.security.LoginThrottle;

/** Data administrators lift the login lockout of a person ({@link LoginThrottle}). */
@RestController
@PreAuthorize("denyAll")
public class PeopleAdminController implements AdminApi {

    private static final Logger LOG = LoggerFactory.getLogger(PeopleAdminController.class);

    private final LoginThrottle throttle;
    private final AdminActions actions;

    public PeopleAdminController(LoginThrottle throttle, AdminActions actions) {
        this.throttle = throttle;
        this.actions = actions;
    }

    @Override
    @PreAuthorize("hasRole('DATA_ADMIN')")
    public ResponseEntity<Void> liftLockout(String username) {
        boolean lifted = actions.run("LOGIN_LOCKOUT_LIFT", username, () -> throttle.lift(username));
        LOG.info(
                "login: {} lifted the lockout of user {} ({})",
                Caller.name(),
                username,
                lifted ? "there was one" : "there was none");
        return ResponseEntity.noContent().build();
    }
}
