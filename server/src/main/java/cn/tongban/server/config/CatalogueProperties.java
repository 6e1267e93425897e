package cn.tongban.server.config;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The catalogue's settings, under {@code tongban.catalogue}.
 *
 * @param approvalDeadlineWorkingDays working days a provider's approver has to decide an application for a
 *                                    conditional resource (国发〔2016〕51号: 10; some localities use 5)
 * @param defaultValidity             how long an authorisation is valid when the application names no end
 * @param zone                        the time zone of working days, publish dates and "as of a date" queries
 * @param strictOrganisationCode      also check the organisation code embedded in credit codes (GB 11714)
 * @param updateCycles                the update cycles a resource may declare (docs/STANDARDS.md §4: keep configurable)
 * @param calendar                    official holidays and adjusted working days (调休), from the State
 *                                    Council's yearly notice
 */
@ConfigurationProperties("tongban.catalogue")
@Validated
public record CatalogueProperties(
        @DefaultValue("10") @Min(1) @Max(60) int approvalDeadlineWorkingDays,
        @DefaultValue("365d") Duration defaultValidity,
        @DefaultValue("Asia/Shanghai") ZoneId zone,
        @DefaultValue("false") boolean strictOrganisationCode,

        @DefaultValue({"REAL_TIME", "DAILY", "WEEKLY", "MONTHLY", "QUARTERLY", "HALF_YEARLY", "YEARLY", "IRREGULAR"})
        @NotEmpty
        Set<String> updateCycles,

        @DefaultValue @Valid Calendar calendar) {

    public record Calendar(
            @DefaultValue List<LocalDate> holidays,
            @DefaultValue List<LocalDate> adjustedWorkdays) {}
}
