package cn.tongban.server.config;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

/**
 * Authorisation settings, under {@code tongban.authorisations}.
 *
 * @param deadlineWorkingDays working days an approver has to decide a conditional application
 * @param grantFor            how long an unconditional grant (made on registration) is valid
 * @param holidays            official holidays (from the State Council's yearly announcement), ISO dates
 * @param adjustedWorkdays    weekend days worked instead (调休), ISO dates
 * @param zone                the time zone days are counted in
 */
@ConfigurationProperties("tongban.authorisations")
@Validated
public record AuthorisationProperties(
        @DefaultValue("10") @Min(1) @Max(60) int deadlineWorkingDays,
        @DefaultValue("365d") Duration grantFor,
        @DefaultValue List<LocalDate> holidays,
        @DefaultValue List<LocalDate> adjustedWorkdays,
        @DefaultValue("Asia/Shanghai") @NotBlank String zone) {
}
