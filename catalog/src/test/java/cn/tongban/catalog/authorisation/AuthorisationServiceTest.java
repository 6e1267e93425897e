package cn.tongban.catalog.authorisation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

import cn.tongban.catalog.DepartmentRepository;
import cn.tongban.catalog.ResourceRepository;
import cn.tongban.catalog.demo.DemoDataset;

/** Applications, decisions and deadlines on the demo catalogue (H2 in PostgreSQL mode). */
class AuthorisationServiceTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final String MARRIAGE = "310000-301001-00001";     // conditional, civil affairs
    static final String BUSINESS = "310000-102001-00001";     // unconditional
    static final String ADOPTION = "310000-301003-00001";     // not shared
    // Friday 2026-09-25 10:00 in Shanghai: the National Day holiday (Oct 1-8) and the adjusted workday
    // (Sunday Sep 27) fall inside the 10 working days.
    static final Instant NOW = Instant.parse("2026-09-25T02:00:00Z");
    static final WorkingDays CALENDAR_2026 = new WorkingDays(
            Set.of(LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 2), LocalDate.of(2026, 10, 5),
                    LocalDate.of(2026, 10, 6), LocalDate.of(2026, 10, 7), LocalDate.of(2026, 10, 8)),
            Set.of(LocalDate.of(2026, 9, 27), LocalDate.of(2026, 10, 10)));

    AuthorisationService service;
    String civilAffairs;

    DataSource dataSource() {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:auth-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        return ds;
    }

    @BeforeEach
    void seed() {
        DataSource ds = dataSource();
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        JdbcClient jdbc = JdbcClient.create(ds);
        DemoDataset data = DemoDataset.load();
        DepartmentRepository departments = new DepartmentRepository(jdbc);
        ResourceRepository resources = new ResourceRepository(jdbc);
        data.departments().forEach(departments::addIfAbsent);
        data.systems().forEach(departments::addIfAbsent);
        data.resources().forEach(resources::addIfAbsent);
        civilAffairs = resources.find(MARRIAGE).orElseThrow().providerCode();
        service = new AuthorisationService(jdbc, resources, Clock.fixed(NOW, ZoneOffset.UTC), SHANGHAI, CALENDAR_2026,
                10, Duration.ofDays(365));
    }

    Authorisation applyForMarriage() {
        return service.apply("city-service-window", MARRIAGE, "婚姻状况核验", "310000-QR-0001",
                List.of("certificateNumber", "status", "husbandName"), "《婚姻登记条例》第五条", "clerk-7");
    }

    @Test
    void workingDaysSkipWeekendsAndHolidaysAndCountAdjustedWorkdays() {
        assertThat(WorkingDays.WEEKDAYS.plus(LocalDate.of(2026, 11, 20), 1)).isEqualTo(LocalDate.of(2026, 11, 23));
        // Fri 25 Sep + 10: Sun 27 (adjusted), Mon 28, Tue 29, Wed 30, [1-8 Oct off], Fri 9, Sat 10 (adjusted),
        // Mon 12, Tue 13, Wed 14, Thu 15
        assertThat(CALENDAR_2026.plus(LocalDate.of(2026, 9, 25), 10)).isEqualTo(LocalDate.of(2026, 10, 15));
    }

    @Test
    void unconditionalIsGrantedOnRegistration() {
        Authorisation a = service.apply("smr-licensing", BUSINESS, "食品经营许可审查", null, List.of("name", "uscc"),
                "《食品经营许可管理办法》", "smr-licensing");
        assertThat(a.status()).isEqualTo(Authorisation.Status.APPROVED);
        assertThat(a.fields()).containsExactly("uscc", "name");   // in the resource's item order
        assertThat(a.grantsAt(NOW)).isTrue();
        assertThat(a.validTo()).isEqualTo(NOW.plus(Duration.ofDays(365)));
    }

    @Test
    void conditionalWaitsForTheProviderWithAWorkingDayDeadline() {
        Authorisation a = applyForMarriage();
        assertThat(a.status()).isEqualTo(Authorisation.Status.PENDING);
        assertThat(a.decideBy()).isEqualTo(LocalDate.of(2026, 10, 15));
        assertThat(service.overdue(a)).isFalse();
        assertThat(service.approved("city-service-window", MARRIAGE, NOW)).isEmpty();

        Authorisation ok = service.approve(a.id(), civilAffairs, "approver-1", NOW.plus(Duration.ofDays(90)), a.version());
        assertThat(ok.status()).isEqualTo(Authorisation.Status.APPROVED);
        assertThat(ok.version()).isEqualTo(a.version() + 1);
        assertThat(service.approved("city-service-window", MARRIAGE, NOW)).extracting(Authorisation::id)
                .containsExactly(a.id());
        assertThat(service.approved("city-service-window", MARRIAGE, NOW.plus(Duration.ofDays(91)))).isEmpty();
    }

    @Test
    void onlyTheProviderDepartmentDecides() {
        Authorisation a = applyForMarriage();
        assertThatThrownBy(() -> service.approve(a.id(), "91310000MA1K00000X", "someone", NOW.plusSeconds(60),
                a.version())).isInstanceOfSatisfying(AuthorisationException.class,
                        e -> assertThat(e.kind()).isEqualTo(AuthorisationException.Kind.NOT_PERMITTED));
    }

    @Test
    void aStaleVersionIsRefused() {
        Authorisation a = applyForMarriage();
        service.approve(a.id(), civilAffairs, "approver-1", NOW.plus(Duration.ofDays(30)), a.version());
        assertThatThrownBy(() -> service.revoke(a.id(), civilAffairs, "approver-2", "x", a.version()))
                .isInstanceOfSatisfying(AuthorisationException.class,
                        e -> assertThat(e.kind()).isEqualTo(AuthorisationException.Kind.STALE_VERSION));
    }

    @Test
    void refusalNeedsAReasonAndDecidedApplicationsCannotBeDecidedAgain() {
        Authorisation a = applyForMarriage();
        assertThatThrownBy(() -> service.refuse(a.id(), civilAffairs, "approver-1", " ", a.version()))
                .isInstanceOfSatisfying(AuthorisationException.class,
                        e -> assertThat(e.violations()).containsExactly("reason: required"));
        Authorisation refused = service.refuse(a.id(), civilAffairs, "approver-1", "用途与事项不符", a.version());
        assertThat(refused.status()).isEqualTo(Authorisation.Status.REFUSED);
        assertThat(refused.reason()).isEqualTo("用途与事项不符");
        assertThatThrownBy(() -> service.approve(a.id(), civilAffairs, "approver-1", NOW.plusSeconds(60),
                refused.version())).isInstanceOfSatisfying(AuthorisationException.class,
                        e -> assertThat(e.kind()).isEqualTo(AuthorisationException.Kind.WRONG_STATE));
    }

    @Test
    void approvalNeedsAFutureExpiry() {
        Authorisation a = applyForMarriage();
        assertThatThrownBy(() -> service.approve(a.id(), civilAffairs, "approver-1", NOW.minusSeconds(1), a.version()))
                .isInstanceOfSatisfying(AuthorisationException.class,
                        e -> assertThat(e.violations()).containsExactly("validTo: must be after now"));
    }

    @Test
    void revokedGrantsStopGranting() {
        Authorisation a = applyForMarriage();
        Authorisation ok = service.approve(a.id(), civilAffairs, "approver-1", NOW.plus(Duration.ofDays(30)), a.version());
        Authorisation revoked = service.revoke(a.id(), null, "admin", "系统已下线", ok.version());
        assertThat(revoked.status()).isEqualTo(Authorisation.Status.REVOKED);
        assertThat(service.approved("city-service-window", MARRIAGE, NOW)).isEmpty();
        assertThatThrownBy(() -> service.revoke(a.id(), null, "admin", "again", revoked.version()))
                .isInstanceOfSatisfying(AuthorisationException.class,
                        e -> assertThat(e.kind()).isEqualTo(AuthorisationException.Kind.WRONG_STATE));
    }

    @Test
    void everyViolationOfAnApplicationIsListed() {
        assertThatThrownBy(() -> service.apply("no-such-system", ADOPTION, " ", null, List.of("secret"), null, "x"))
                .isInstanceOfSatisfying(AuthorisationException.class, e -> {
                    assertThat(e.kind()).isEqualTo(AuthorisationException.Kind.INVALID);
                    assertThat(e.violations()).hasSize(5).contains("purpose: required", "legalBasis: required",
                            "fields: secret is not an information item of " + ADOPTION,
                            "consumerSystem: no-such-system is not a registered system");
                    assertThat(e.violations()).anyMatch(v -> v.startsWith("resourceCode: " + ADOPTION + " is not shared"));
                });
        assertThatThrownBy(() -> service.apply("city-service-window", "310000-999999-00001", "p", null,
                List.of("x"), "b", "x")).isInstanceOfSatisfying(AuthorisationException.class,
                        e -> assertThat(e.kind()).isEqualTo(AuthorisationException.Kind.NOT_FOUND));
        assertThatThrownBy(() -> service.apply("city-service-window", MARRIAGE, "p", null, List.of(), "b", "x"))
                .isInstanceOfSatisfying(AuthorisationException.class, e -> assertThat(e.violations())
                        .containsExactly("fields: at least one information item"));
    }

    @Test
    void listsByConsumerProviderAndStatus() {
        Authorisation a = applyForMarriage();
        service.apply("smr-licensing", BUSINESS, "p", null, List.of("name"), "b", "x");
        assertThat(service.list("city-service-window", null, null, 10)).extracting(Authorisation::id).containsExactly(a.id());
        assertThat(service.list(null, civilAffairs, Authorisation.Status.PENDING, 10)).hasSize(1);
        assertThat(service.list(null, null, Authorisation.Status.APPROVED, 10)).hasSize(1);
    }
}
