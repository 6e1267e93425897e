package cn.tongban.catalog.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;

import cn.tongban.catalog.InformationItem;
import cn.tongban.catalog.Resource;
import cn.tongban.catalog.ResourceClass;
import cn.tongban.catalog.ResourceStatus;
import cn.tongban.catalog.SharingType;
import cn.tongban.catalog.auth.Decision.Reason;

/** The one authorisation decision, rule by rule; each reason it can give, and the one it must not. */
class AuthorisationDecisionTest {

    static final Instant T = Instant.parse("2026-10-10T02:00:00Z");
    static final String ME = "smr-licensing";
    static final String PURPOSE = "核验经营者户籍";
    static final String ITEM = "310000-XK-0001";
    static final Resource HOUSEHOLD =
            resource("310000-101001-00001", SharingType.CONDITIONAL, ResourceStatus.PUBLISHED);

    static Resource resource(String code, SharingType type, ResourceStatus status) {
        List<InformationItem> items = List.of("idNumber", "name", "address", "householdNumber").stream()
                .map(n -> new InformationItem(n, n, "STRING", 64, false, false, null))
                .toList();
        return new Resource(
                        code,
                        1,
                        "户籍信息",
                        "11310000MB0001011L",
                        "公安局",
                        "ps-household",
                        ResourceClass.BASE,
                        "101001",
                        "abstract",
                        "JSON",
                        "PERSON",
                        type,
                        "condition",
                        "《条例》第十条",
                        "API_PULL",
                        false,
                        "REAL_TIME",
                        LocalDate.of(2026, 1, 1),
                        "/household/{subject}",
                        items)
                .withLifecycle(1, status, T.minus(Duration.ofDays(100)), "admin");
    }

    /** A grant of {@link #PURPOSE} for {@link #ITEM}, applied and decided a day before T, valid for a year. */
    static Authorisation granted(String id, List<String> fields) {
        return authorisation(
                id,
                ME,
                PURPOSE,
                ITEM,
                fields,
                AuthorisationStatus.GRANTED,
                T.minus(Duration.ofDays(1)),
                T.plus(Duration.ofDays(364)),
                T.minus(Duration.ofDays(1)),
                null);
    }

    static Authorisation authorisation(
            String id,
            String consumer,
            String purpose,
            String serviceItem,
            List<String> fields,
            AuthorisationStatus status,
            Instant from,
            Instant until,
            Instant decidedAt,
            Instant revokedAt) {
        return new Authorisation(
                id,
                consumer,
                HOUSEHOLD.code(),
                purpose,
                serviceItem,
                fields,
                "《办法》第十条",
                status,
                from,
                until,
                from.minus(Duration.ofHours(1)),
                "alice",
                LocalDate.of(2026, 10, 1),
                decidedAt,
                decidedAt == null ? null : "ps-approver",
                status == AuthorisationStatus.REFUSED ? "请通过业务系统申请" : null,
                revokedAt,
                revokedAt == null ? null : "ps-approver",
                revokedAt == null ? null : "超范围使用",
                1);
    }

    static Decision decide(List<Authorisation> held, String purpose, List<String> fields) {
        return AuthorisationDecision.decide(HOUSEHOLD, held, ME, purpose, ITEM, fields, T);
    }

    @Test
    void anAuthorisationInForceForThePurposeAndServiceItemGrantsTheRequestedFields() {
        Decision d = decide(List.of(granted("A", List.of("name", "address"))), PURPOSE, List.of("name"));
        assertThat(d.allowed()).isTrue();
        assertThat(d.reason()).isEqualTo(Reason.GRANTED);
        assertThat(d.authorisationId()).isEqualTo("A");
        assertThat(d.allowedFields()).containsExactly("name");
        assertThat(decide(List.of(granted("A", List.of("name"))), "  " + PURPOSE + " ", List.of("name"))
                        .allowed())
                .as("the stated purpose is compared without surrounding blanks")
                .isTrue();
    }

    @Test
    void askingForNoFieldsGrantsTheWidestAuthorisationInForce() {
        Decision d = decide(
                List.of(granted("NARROW", List.of("name")), granted("WIDE", List.of("name", "address"))),
                PURPOSE,
                List.of());
        assertThat(d.authorisationId()).isEqualTo("WIDE");
        assertThat(d.allowedFields()).containsExactly("name", "address");
    }

    @Test
    void withoutAnyApplicationItIsNoAuthorisation() {
        assertThat(decide(List.of(), PURPOSE, List.of("name")).reason()).isEqualTo(Reason.NO_AUTHORISATION);
        Authorisation someoneElses = authorisation(
                "B",
                "city-service-window",
                PURPOSE,
                ITEM,
                List.of("name"),
                AuthorisationStatus.GRANTED,
                T.minus(Duration.ofDays(1)),
                T.plus(Duration.ofDays(1)),
                T.minus(Duration.ofDays(1)),
                null);
        assertThat(decide(List.of(someoneElses), PURPOSE, List.of("name")).reason())
                .as("another consumer's grant is not mine")
                .isEqualTo(Reason.NO_AUTHORISATION);
    }

    @Test
    void aServiceItemCodeIsNotAPurpose() {
        Decision d = decide(List.of(granted("A", List.of("name"))), ITEM, List.of("name"));
        assertThat(d.allowed()).isFalse();
        assertThat(d.reason()).isEqualTo(Reason.PURPOSE_MISMATCH);
    }

    @Test
    void anAuthorisationForAnotherPurposeOrServiceItemIsAPurposeMismatch() {
        List<Authorisation> held = List.of(granted("A", List.of("name")));
        assertThat(decide(held, "别的用途", List.of("name")).reason()).isEqualTo(Reason.PURPOSE_MISMATCH);
        assertThat(AuthorisationDecision.decide(HOUSEHOLD, held, ME, PURPOSE, "310000-QR-0002", List.of("name"), T)
                        .reason())
                .isEqualTo(Reason.PURPOSE_MISMATCH);
        assertThat(AuthorisationDecision.decide(HOUSEHOLD, held, ME, PURPOSE, null, List.of("name"), T)
                        .reason())
                .as("a pull that names no service item")
                .isEqualTo(Reason.PURPOSE_MISMATCH);
    }

    @Test
    void aPendingApplicationIsPendingAndOneDecidedAfterTheInstantWasStillPending() {
        Authorisation pending = authorisation(
                "P",
                ME,
                PURPOSE,
                ITEM,
                List.of("name"),
                AuthorisationStatus.PENDING,
                T.minus(Duration.ofDays(1)),
                T.plus(Duration.ofDays(1)),
                null,
                null);
        assertThat(decide(List.of(pending), PURPOSE, List.of("name")).reason()).isEqualTo(Reason.PENDING);
        Authorisation grantedLater = authorisation(
                "G",
                ME,
                PURPOSE,
                ITEM,
                List.of("name"),
                AuthorisationStatus.GRANTED,
                T.minus(Duration.ofDays(1)),
                T.plus(Duration.ofDays(1)),
                T.plusSeconds(1),
                null);
        assertThat(decide(List.of(grantedLater), PURPOSE, List.of("name")).reason())
                .isEqualTo(Reason.PENDING);
    }

    @Test
    void aRefusalIsRefusedWithItsReason() {
        Authorisation refused = authorisation(
                "R",
                ME,
                PURPOSE,
                ITEM,
                List.of("name"),
                AuthorisationStatus.REFUSED,
                T.minus(Duration.ofDays(1)),
                T.plus(Duration.ofDays(1)),
                T.minus(Duration.ofHours(1)),
                null);
        Decision d = decide(List.of(refused), PURPOSE, List.of("name"));
        assertThat(d.reason()).isEqualTo(Reason.REFUSED);
        assertThat(d.detail()).contains("请通过业务系统申请");
        assertThat(d.authorisationId()).isEqualTo("R");
    }

    @Test
    void aRevokedGrantIsRevokedButStillCountedBeforeItsRevocation() {
        Authorisation revokedBefore = authorisation(
                "V",
                ME,
                PURPOSE,
                ITEM,
                List.of("name"),
                AuthorisationStatus.REVOKED,
                T.minus(Duration.ofDays(2)),
                T.plus(Duration.ofDays(1)),
                T.minus(Duration.ofDays(2)),
                T.minus(Duration.ofHours(1)));
        assertThat(decide(List.of(revokedBefore), PURPOSE, List.of("name")).reason())
                .isEqualTo(Reason.REVOKED);
        Authorisation revokedAfter = authorisation(
                "W",
                ME,
                PURPOSE,
                ITEM,
                List.of("name"),
                AuthorisationStatus.REVOKED,
                T.minus(Duration.ofDays(2)),
                T.plus(Duration.ofDays(1)),
                T.minus(Duration.ofDays(2)),
                T.plusSeconds(1));
        assertThat(decide(List.of(revokedAfter), PURPOSE, List.of("name")).allowed())
                .isTrue();
    }

    @Test
    void aGrantPastItsValidityIsExpiredAndOneNotYetStartedIsNotYetValid() {
        Authorisation expired = authorisation(
                "E",
                ME,
                PURPOSE,
                ITEM,
                List.of("name"),
                AuthorisationStatus.GRANTED,
                T.minus(Duration.ofDays(30)),
                T,
                T.minus(Duration.ofDays(30)),
                null);
        assertThat(decide(List.of(expired), PURPOSE, List.of("name")).reason())
                .as("validUntil is exclusive")
                .isEqualTo(Reason.EXPIRED);
        Authorisation future = authorisation(
                "F",
                ME,
                PURPOSE,
                ITEM,
                List.of("name"),
                AuthorisationStatus.GRANTED,
                T.plusSeconds(1),
                T.plus(Duration.ofDays(30)),
                T.minus(Duration.ofDays(1)),
                null);
        assertThat(decide(List.of(future), PURPOSE, List.of("name")).reason()).isEqualTo(Reason.NOT_YET_VALID);
        assertThat(decide(List.of(expired, future), PURPOSE, List.of("name")).reason())
                .as("expired takes precedence over not yet valid")
                .isEqualTo(Reason.EXPIRED);
    }

    @Test
    void fieldsOutsideTheClosestAuthorisationAreNotAuthorised() {
        Decision d = decide(
                List.of(granted("A", List.of("name")), granted("B", List.of("name", "address"))),
                PURPOSE,
                List.of("name", "address", "householdNumber"));
        assertThat(d.allowed()).isFalse();
        assertThat(d.reason()).isEqualTo(Reason.FIELDS_NOT_AUTHORISED);
        assertThat(d.authorisationId()).isEqualTo("B");
        assertThat(d.deniedFields()).containsExactly("householdNumber");
    }

    @Test
    void fieldsThatAreNotItemsOfTheResourceAreUnknownWhateverTheSharingType() {
        Decision d = decide(List.of(granted("A", List.of("name"))), PURPOSE, List.of("name", "shoeSize"));
        assertThat(d.reason()).isEqualTo(Reason.UNKNOWN_FIELDS);
        assertThat(d.deniedFields()).containsExactly("shoeSize");
        Resource notShared = resource("310000-301003-00001", SharingType.NOT_SHARED, ResourceStatus.PUBLISHED);
        assertThat(AuthorisationDecision.decide(notShared, List.of(), ME, PURPOSE, ITEM, List.of("shoeSize"), T)
                        .reason())
                .isEqualTo(Reason.UNKNOWN_FIELDS);
    }

    @Test
    void aResourceThatIsNotSharedIsRefusedEvenWithAGrant() {
        Resource notShared = resource(HOUSEHOLD.code(), SharingType.NOT_SHARED, ResourceStatus.PUBLISHED);
        Decision d = AuthorisationDecision.decide(
                notShared, List.of(granted("A", List.of("name"))), ME, PURPOSE, ITEM, List.of("name"), T);
        assertThat(d.allowed()).isFalse();
        assertThat(d.reason()).isEqualTo(Reason.NOT_SHARED);
        assertThat(d.detail()).contains("《条例》第十条");
    }

    @Test
    void aDraftOrRetiredResourceIsNotPublishedEvenWithAGrant() {
        for (ResourceStatus status : List.of(ResourceStatus.DRAFT, ResourceStatus.RETIRED)) {
            Resource r = resource(HOUSEHOLD.code(), SharingType.UNCONDITIONAL, status);
            Decision d = AuthorisationDecision.decide(
                    r, List.of(granted("A", List.of("name"))), ME, PURPOSE, ITEM, List.of("name"), T);
            assertThat(d.allowed()).isFalse();
            assertThat(d.reason()).isEqualTo(Reason.RESOURCE_NOT_PUBLISHED);
        }
    }

    @Test
    void anUnconditionalResourceIsGrantedToAnyConsumerForAnyPurposeWithoutAnAuthorisation() {
        Resource open = resource("310000-101002-00001", SharingType.UNCONDITIONAL, ResourceStatus.PUBLISHED);
        Decision some =
                AuthorisationDecision.decide(open, List.of(), "city-service-window", "任何用途", null, List.of("name"), T);
        assertThat(some.allowed()).isTrue();
        assertThat(some.reason()).isEqualTo(Reason.GRANTED);
        assertThat(some.authorisationId()).isNull();
        assertThat(some.allowedFields()).containsExactly("name");
        assertThat(AuthorisationDecision.decide(open, List.of(), ME, PURPOSE, ITEM, List.of(), T)
                        .allowedFields())
                .as("no fields asked: every item")
                .containsExactly("idNumber", "name", "address", "householdNumber");
    }

    @Test
    void withNoneInForceTheReasonFollowsThePrecedenceRevokedExpiredNotYetValidPendingRefused() {
        Authorisation refused = authorisation(
                "R",
                ME,
                PURPOSE,
                ITEM,
                List.of("name"),
                AuthorisationStatus.REFUSED,
                T.minus(Duration.ofDays(3)),
                T.plus(Duration.ofDays(1)),
                T.minus(Duration.ofDays(2)),
                null);
        Authorisation pending = authorisation(
                "P",
                ME,
                PURPOSE,
                ITEM,
                List.of("name"),
                AuthorisationStatus.PENDING,
                T.minus(Duration.ofDays(1)),
                T.plus(Duration.ofDays(1)),
                null,
                null);
        Authorisation revoked = authorisation(
                "V",
                ME,
                PURPOSE,
                ITEM,
                List.of("name"),
                AuthorisationStatus.REVOKED,
                T.minus(Duration.ofDays(5)),
                T.plus(Duration.ofDays(1)),
                T.minus(Duration.ofDays(5)),
                T.minus(Duration.ofDays(4)));
        assertThat(decide(List.of(refused, pending), PURPOSE, List.of("name")).reason())
                .isEqualTo(Reason.PENDING);
        assertThat(decide(List.of(refused, pending, revoked), PURPOSE, List.of("name"))
                        .reason())
                .isEqualTo(Reason.REVOKED);
        assertThat(decide(List.of(refused, pending, revoked, granted("A", List.of("name"))), PURPOSE, List.of("name"))
                        .reason())
                .as("one in force is enough")
                .isEqualTo(Reason.GRANTED);
    }
}
