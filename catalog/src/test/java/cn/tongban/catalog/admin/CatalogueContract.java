package cn.tongban.catalog.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import cn.tongban.catalog.Department;
import cn.tongban.catalog.InformationItem;
import cn.tongban.catalog.Page;
import cn.tongban.catalog.Resource;
import cn.tongban.catalog.ResourceClass;
import cn.tongban.catalog.ResourceQuery;
import cn.tongban.catalog.ResourceRepository;
import cn.tongban.catalog.ResourceStatus;
import cn.tongban.catalog.RetainedProof;
import cn.tongban.catalog.ServiceItem;
import cn.tongban.catalog.SharingType;
import cn.tongban.catalog.TestCatalogue;
import cn.tongban.catalog.auth.Actor;
import cn.tongban.catalog.auth.Application;
import cn.tongban.catalog.auth.Authorisation;
import cn.tongban.catalog.auth.AuthorisationStatus;
import cn.tongban.catalog.auth.Decision;
import cn.tongban.catalog.auth.WorkingDayCalendar;
import cn.tongban.catalog.io.CatalogueFiles;

/** The catalogue's repositories and services, run by one subclass per database (H2 and PostgreSQL). */
abstract class CatalogueContract {

    static final String PS = "11310000MB0001011L"; // public security: household registry
    static final String SMR = "11310000MB0002057J"; // market regulation
    static final String HOUSEHOLD = "310000-101001-00001"; // conditional, provider PS
    static final String IDENTITY = "310000-101002-00001"; // unconditional, provider PS
    static final String ADOPTION = "310000-301003-00001"; // not shared
    static final String XK = "310000-XK-0001"; // a service item
    static final Actor PS_APPROVER = new Actor("ps-approver", PS, false);
    static final Actor SMR_APPROVER = new Actor("smr-approver", SMR, false);
    static final Actor ADMIN = new Actor("admin", null, true);

    TestCatalogue c;

    abstract DataSource newDatabase();

    @BeforeEach
    void seed() {
        // 2026 National Day holiday with its adjusted working days (调休) on 9-20 and 10-10.
        WorkingDayCalendar calendar = new WorkingDayCalendar(
                java.util.stream.IntStream.rangeClosed(1, 7)
                        .mapToObj(d -> LocalDate.of(2026, 10, d))
                        .collect(java.util.stream.Collectors.toSet()),
                java.util.Set.of(LocalDate.of(2026, 9, 20), LocalDate.of(2026, 10, 10)));
        c = new TestCatalogue(newDatabase(), calendar).seedDemo();
    }

    static Resource draft(String code, String name) {
        return new Resource(
                code,
                0,
                name,
                SMR,
                null,
                "smr-registration",
                ResourceClass.DEPARTMENTAL,
                code.substring(7, 13),
                "餐饮服务食品安全检查结果。",
                "JSON",
                "UNIFIED_SOCIAL_CREDIT_CODE",
                SharingType.UNCONDITIONAL,
                null,
                null,
                "API_PULL",
                false,
                "DAILY",
                null,
                "/inspections/{subject}",
                List.of(
                        new InformationItem("uscc", "统一社会信用代码", "STRING", 18, true, false, null),
                        new InformationItem("result", "检查结果", "STRING", 20, true, false, null)),
                null,
                List.of(),
                ResourceStatus.DRAFT,
                null,
                null);
    }

    @Test
    void aResourceGoesFromDraftToPublishedToRetiredAndEveryVersionStaysQueryable() {
        Instant t0 = c.clock.instant();
        Resource v1 = c.admin.create(draft("310000-302001-00001", "食品安全检查结果"), "alice");
        assertThat(v1.version()).isEqualTo(1);
        assertThat(v1.status()).isEqualTo(ResourceStatus.DRAFT);
        c.clock.advance(Duration.ofDays(1));
        Resource v2 = c.admin.publish(v1.code(), 1, "bob");
        assertThat(v2.status()).isEqualTo(ResourceStatus.PUBLISHED);
        assertThat(v2.publishDate()).isEqualTo(LocalDate.of(2026, 11, 24));
        Instant published = c.clock.instant();
        c.clock.advance(Duration.ofDays(30));
        Resource changed = draft(v1.code(), "食品安全监督检查结果");
        Resource v3 = c.admin.update(v1.code(), 2, changed, "carol");
        assertThat(v3.version()).isEqualTo(3);
        assertThat(v3.status())
                .as("a change to a published resource is a new published version")
                .isEqualTo(ResourceStatus.PUBLISHED);
        assertThat(v3.updatedBy()).isEqualTo("carol");

        assertThat(c.admin.store().asOf(v1.code(), t0.minusSeconds(1))).isEmpty();
        assertThat(c.admin.store().asOf(v1.code(), t0.plusSeconds(60)))
                .hasValueSatisfying(r -> assertThat(r.status()).isEqualTo(ResourceStatus.DRAFT));
        assertThat(c.admin.store().asOf(v1.code(), published.plus(Duration.ofDays(2))))
                .hasValueSatisfying(r -> {
                    assertThat(r.version()).isEqualTo(2);
                    assertThat(r.name()).isEqualTo("食品安全检查结果");
                    assertThat(r.items()).hasSize(2);
                });
        assertThat(c.admin.store().asOf(v1.code(), c.clock.instant()))
                .hasValueSatisfying(r -> assertThat(r.name()).isEqualTo("食品安全监督检查结果"));
        assertThat(c.admin.store().versions(v1.code()))
                .extracting(ResourceStore.Version::version)
                .containsExactly(1, 2, 3);
        assertThat(c.admin.store().version(v1.code(), 1))
                .hasValueSatisfying(r -> assertThat(r.updatedBy()).isEqualTo("alice"));

        c.clock.advance(Duration.ofDays(1));
        assertThat(c.admin.retire(v1.code(), 3, "dave").status()).isEqualTo(ResourceStatus.RETIRED);
        assertThatThrownBy(() -> c.admin.update(v1.code(), 4, changed, "erin")).isInstanceOf(ConflictException.class);
        assertThat(c.changes.of(CatalogueAdmin.ENTITY, v1.code()))
                .extracting(ChangeLog.Change::action, ChangeLog.Change::actor)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("CREATE", "alice"),
                        org.assertj.core.groups.Tuple.tuple("PUBLISH", "bob"),
                        org.assertj.core.groups.Tuple.tuple("UPDATE", "carol"),
                        org.assertj.core.groups.Tuple.tuple("RETIRE", "dave"));
    }

    @Test
    void aStaleVersionIsRefusedAndChangesNothing() {
        Resource v1 = c.admin.create(draft("310000-302001-00002", "检查结果"), "alice");
        c.admin.update(v1.code(), 1, draft(v1.code(), "第一次修改"), "alice");
        assertThatThrownBy(() -> c.admin.update(v1.code(), 1, draft(v1.code(), "第二次修改"), "bob"))
                .isInstanceOfSatisfying(StaleVersionException.class, e -> {
                    assertThat(e.expected()).isEqualTo(1);
                    assertThat(e.actual()).isEqualTo(2);
                });
        assertThat(c.resources.find(v1.code()).orElseThrow().name()).isEqualTo("第一次修改");
        assertThatThrownBy(() -> c.admin.publish("310000-302001-99999", 1, "bob"))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void everyViolationOfAResourceIsListedWithItsField() {
        Resource bad = new Resource(
                "310000-102001-1",
                0,
                "",
                "11310000MB0002057X",
                null,
                "ca-marriage-registry",
                ResourceClass.THEMATIC,
                "999999",
                null,
                null,
                null,
                SharingType.CONDITIONAL,
                null,
                null,
                "EMAIL",
                false,
                "HOURLY",
                null,
                null,
                List.of(
                        new InformationItem("name", null, "STRING", 0, true, true, null),
                        new InformationItem("name", null, "TEXT", null, true, false, "BLUR")),
                null,
                List.of(HOUSEHOLD, "310000-999999-00001"),
                ResourceStatus.DRAFT,
                null,
                null);
        assertThatThrownBy(() -> c.admin.create(bad, "alice"))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations())
                                .extracting(Violation::field)
                                .contains(
                                        "code",
                                        "name",
                                        "providerCode",
                                        "sharing.method",
                                        "sharing.condition",
                                        "sharing.basis",
                                        "updateCycle",
                                        "items[0].length",
                                        "items[0].masking",
                                        "items[1].name",
                                        "items[1].dataType",
                                        "items[1].masking",
                                        "relatedCodes[1]"));
        Resource unknownProvider = new Resource(
                "310000-302001-00003",
                0,
                "x",
                "91350100M000100Y43",
                null,
                null,
                ResourceClass.DEPARTMENTAL,
                "302001",
                null,
                null,
                null,
                SharingType.NOT_SHARED,
                null,
                null,
                "FILE",
                false,
                null,
                null,
                null,
                List.of(new InformationItem("a", null, "STRING", null, false, false, null)),
                null,
                List.of(),
                ResourceStatus.DRAFT,
                null,
                null);
        assertThatThrownBy(() -> c.admin.create(unknownProvider, "alice"))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations())
                                .extracting(Violation::field, Violation::code)
                                .containsExactlyInAnyOrder(
                                        org.assertj.core.groups.Tuple.tuple("providerCode", "UNKNOWN_PROVIDER"),
                                        org.assertj.core.groups.Tuple.tuple("sharing.basis", "BASIS_REQUIRED")));
        assertThatThrownBy(() -> c.admin.create(draft(HOUSEHOLD, "重复"), "alice"))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations().get(0).code()).isEqualTo("DUPLICATE_CODE"));
    }

    @Test
    void searchFiltersByTextCodeProviderStatusAndSharingType() {
        c.admin.create(draft("310000-302001-00004", "食品抽检结果"), "alice");
        assertThat(c.resources
                        .search(new ResourceQuery("户籍", null, null, null, null, null, null), 0, 10)
                        .items())
                .extracting(Resource::code)
                .contains(HOUSEHOLD)
                .doesNotContain(ADOPTION);
        assertThat(c.resources
                        .search(new ResourceQuery("本市 户籍人口", null, null, null, null, null, null), 0, 10)
                        .items())
                .extracting(Resource::code)
                .containsExactly(HOUSEHOLD);
        assertThat(c.resources
                        .search(new ResourceQuery(null, "310000-101", null, null, null, null, null), 0, 10)
                        .totalElements())
                .isEqualTo(2);
        assertThat(c.resources
                        .search(new ResourceQuery(null, null, "抽检", null, null, null, null), 0, 10)
                        .items())
                .extracting(Resource::status)
                .containsExactly(ResourceStatus.DRAFT);
        assertThat(c.resources
                        .search(new ResourceQuery(null, null, null, PS, null, ResourceStatus.PUBLISHED, null), 0, 10)
                        .totalElements())
                .isEqualTo(2);
        Page<Resource> published = c.resources.search(
                new ResourceQuery(null, null, null, null, null, ResourceStatus.PUBLISHED, null), 1, 3);
        assertThat(published.totalElements()).isEqualTo(8);
        assertThat(published.items()).hasSize(3);
        assertThat(c.resources
                        .search(
                                new ResourceQuery(
                                        null,
                                        null,
                                        null,
                                        null,
                                        SharingType.NOT_SHARED,
                                        null,
                                        ResourceClass.DEPARTMENTAL),
                                0,
                                10)
                        .items())
                .extracting(Resource::code)
                .containsExactly(ADOPTION);
        assertThat(c.resources
                        .search(new ResourceQuery("_", null, null, null, null, null, null), 0, 10)
                        .totalElements())
                .as("LIKE wildcards are literal")
                .isZero();
    }

    @Test
    void jsonAndCsvExportsImportBackToTheSameResources() {
        List<Resource> demo =
                c.resources.search(new ResourceQuery(null, null, null, null, null, null, null), 0, 100).items().stream()
                        .map(r -> c.resources.find(r.code()).orElseThrow())
                        .toList();
        for (CatalogueFiles.Format format : CatalogueFiles.Format.values()) {
            String file = CatalogueFiles.export(demo, format);
            TestCatalogue fresh = new TestCatalogue(newDatabase(), WorkingDayCalendar.weekendsOnly());
            cn.tongban.catalog.demo.DemoDataset data = cn.tongban.catalog.demo.DemoDataset.load();
            fresh.tx.executeWithoutResult(s -> {
                data.departments().forEach(fresh.departments::addIfAbsent);
                data.systems().forEach(fresh.departments::addIfAbsent);
            });
            ImportReport report = fresh.admin.importAll(CatalogueFiles.read(file, format), false, "importer");
            assertThat(report.badRows()).as(format.name()).isEmpty();
            assertThat(report.imported()).isEqualTo(demo.size());
            for (Resource original : demo) {
                Resource back = fresh.resources.find(original.code()).orElseThrow();
                assertThat(back)
                        .usingRecursiveComparison()
                        .ignoringFields("updatedAt", "updatedBy")
                        .as(format + " " + original.code())
                        .isEqualTo(original);
            }
            assertThat(CatalogueFiles.export(demo, format)).isEqualTo(file);
            assertThat(fresh.changes.of(CatalogueAdmin.ENTITY, HOUSEHOLD))
                    .extracting(ChangeLog.Change::action)
                    .containsExactly("IMPORT");
        }
    }

    @Test
    void aFileWithBadRowsImportsNothingAndReportsEveryBadRowUnlessAskedToSkipThem() {
        String csv = String.join(
                "\r\n",
                "code,name,providerCode,classification,sharingType,sharingMethod,sharingBasis,endpointPath,items",
                "310000-302001-00010,好的一行," + SMR + ",DEPARTMENTAL,UNCONDITIONAL,API_PULL,,/a,"
                        + "\"[{\"\"name\"\":\"\"a\"\",\"\"dataType\"\":\"\"STRING\"\"}]\"",
                "310000-302001-00011,未知提供方,91350100M000100Y43,DEPARTMENTAL,UNCONDITIONAL,API_PULL,,/a,"
                        + "\"[{\"\"name\"\":\"\"a\"\",\"\"dataType\"\":\"\"STRING\"\"}]\"",
                HOUSEHOLD + ",重复代码," + PS + ",BASE,UNCONDITIONAL,API_PULL,,/a,"
                        + "\"[{\"\"name\"\":\"\"a\"\",\"\"dataType\"\":\"\"STRING\"\"}]\"",
                "310000-302001-00012,不予共享无依据," + SMR + ",DEPARTMENTAL,NOT_SHARED,FILE,,,not json",
                "310000-302001-00013,另一好行," + SMR + ",DEPARTMENTAL,SOMETIMES,API_PULL,,/a,[]",
                "310000-302001-00014,好的第二行," + SMR + ",DEPARTMENTAL,UNCONDITIONAL,API_PULL,,/b,"
                        + "\"[{\"\"name\"\":\"\"b\"\",\"\"dataType\"\":\"\"DATE\"\"}]\"");
        ImportReport all = c.admin.importAll(CatalogueFiles.fromCsv(csv), false, "importer");
        assertThat(all.rejected()).isTrue();
        assertThat(all.imported()).isZero();
        assertThat(all.badRows()).extracting(ImportReport.BadRow::row).containsExactly(2, 3, 4, 5);
        assertThat(all.badRows().get(0).violations())
                .extracting(Violation::code)
                .contains("UNKNOWN_PROVIDER");
        assertThat(all.badRows().get(1).violations())
                .extracting(Violation::code)
                .contains("DUPLICATE_CODE");
        assertThat(all.badRows().get(2).violations())
                .extracting(Violation::field)
                .contains("sharing.basis", "items");
        assertThat(all.badRows().get(3).violations())
                .extracting(Violation::field)
                .contains("sharing.type");
        assertThat(c.resources.exists("310000-302001-00010")).isFalse();

        ImportReport skipping = c.admin.importAll(CatalogueFiles.fromCsv(csv), true, "importer");
        assertThat(skipping.imported()).isEqualTo(2);
        assertThat(skipping.badRows()).hasSize(4);
        assertThat(c.resources.find("310000-302001-00014"))
                .hasValueSatisfying(r -> assertThat(r.items())
                        .extracting(InformationItem::dataType)
                        .containsExactly("DATE"));

        assertThatThrownBy(() -> CatalogueFiles.fromCsv("code,name,colour\r\n1,2,3"))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations())
                                .extracting(Violation::code)
                                .contains("UNKNOWN_COLUMN", "MISSING_COLUMN"));
        assertThatThrownBy(() -> CatalogueFiles.fromJson("{\"resources\": 3}")).isInstanceOf(ValidationException.class);
    }

    @Test
    void anUnconditionalResourceIsGrantedOnRegistration() {
        Authorisation a = c.authorisations.apply(
                new Application(
                        "smr-licensing",
                        IDENTITY,
                        "核验法定代表人身份",
                        "310000-XK-0001",
                        List.of("idNumber", "name"),
                        "《食品经营许可和备案管理办法》",
                        null,
                        null),
                ADMIN);
        assertThat(a.storedStatus()).isEqualTo(AuthorisationStatus.GRANTED);
        assertThat(a.decisionDue()).isNull();
        Decision d = c.authorisations.decide(
                "smr-licensing", IDENTITY, "核验法定代表人身份", "310000-XK-0001", List.of("name"), c.clock.instant());
        assertThat(d.allowed()).isTrue();
        // Unconditional sharing needs no authorisation: the exchange serves any consumer, so the check says so.
        assertThat(d.authorisationId()).isNull();
        assertThat(c.authorisations
                        .decide("city-service-window", IDENTITY, "另一用途", null, List.of("name"), c.clock.instant())
                        .reason())
                .isEqualTo(Decision.Reason.GRANTED);
    }

    @Test
    void heldIsEveryAuthorisationOfTheConsumerForTheResourceWithoutACap() {
        int before = c.authorisations.held("smr-licensing", IDENTITY).size();
        for (int i = 0; i < 120; i++) {
            c.authorisations.apply(
                    new Application(
                            "smr-licensing", IDENTITY, "核验身份 " + i, XK, List.of("name"), "《食品经营许可和备案管理办法》", null, null),
                    ADMIN);
        }
        c.authorisations.apply(
                new Application("city-service-window", IDENTITY, "核验身份", XK, List.of("name"), "《婚姻登记条例》", null, null),
                ADMIN);
        List<Authorisation> held = c.authorisations.held("smr-licensing", IDENTITY);
        assertThat(held)
                .hasSize(before + 120)
                .allSatisfy(a ->
                        assertThat(a.consumerSystem() + " " + a.resourceCode()).isEqualTo("smr-licensing " + IDENTITY));
        assertThat(held)
                .extracting(Authorisation::appliedAt)
                .isSortedAccordingTo(
                        java.util.Comparator.<Instant>naturalOrder().reversed());
    }

    @Test
    void aConditionalResourceWaitsForTheProvidersApproverWithinTenWorkingDays() {
        c.clock.set(Instant.parse("2026-09-25T02:00:00Z")); // Friday 25 September 2026, Beijing time
        Authorisation a = c.authorisations.apply(
                new Application(
                        "smr-licensing",
                        HOUSEHOLD,
                        "核验经营者户籍",
                        "310000-XK-0001",
                        List.of("idNumber", "name", "address"),
                        "《食品经营许可和备案管理办法》第十条",
                        null,
                        null),
                ADMIN);
        assertThat(a.storedStatus()).isEqualTo(AuthorisationStatus.PENDING);
        // Working days after 9-25: 9-28, 9-29, 9-30, (holiday 10-1..10-7), 10-8, 10-9, 10-10 (调休), 10-12..10-15
        assertThat(a.decisionDue()).isEqualTo(LocalDate.of(2026, 10, 15));
        Instant applied = c.clock.instant();
        assertThat(c.authorisations
                        .decide("smr-licensing", HOUSEHOLD, "核验经营者户籍", XK, List.of("name"), applied)
                        .reason())
                .isEqualTo(Decision.Reason.PENDING);

        c.clock.advance(Duration.ofDays(3));
        assertThatThrownBy(() -> c.authorisations.approve(a.id(), 1, SMR_APPROVER))
                .isInstanceOfSatisfying(
                        NotPermittedException.class, e -> assertThat(e.code()).isEqualTo("NOT_PROVIDER_APPROVER"));
        assertThatThrownBy(() -> c.authorisations.approve(a.id(), 7, PS_APPROVER))
                .isInstanceOf(StaleVersionException.class);
        Authorisation granted = c.authorisations.approve(a.id(), 1, PS_APPROVER);
        assertThat(granted.storedStatus()).isEqualTo(AuthorisationStatus.GRANTED);
        assertThat(granted.decidedBy()).isEqualTo("ps-approver");
        assertThatThrownBy(() -> c.authorisations.approve(a.id(), 2, PS_APPROVER))
                .isInstanceOf(ConflictException.class);

        Instant now = c.clock.instant();
        Decision ok =
                c.authorisations.decide("smr-licensing", HOUSEHOLD, "核验经营者户籍", XK, List.of("name", "address"), now);
        assertThat(ok.allowed()).isTrue();
        assertThat(c.authorisations
                        .decide("smr-licensing", HOUSEHOLD, XK, XK, List.of("name"), now)
                        .reason())
                .as("a service item code is not a purpose")
                .isEqualTo(Decision.Reason.PURPOSE_MISMATCH);
        Decision tooMuch = c.authorisations.decide(
                "smr-licensing", HOUSEHOLD, "核验经营者户籍", XK, List.of("name", "householdNumber"), now);
        assertThat(tooMuch.reason()).isEqualTo(Decision.Reason.FIELDS_NOT_AUTHORISED);
        assertThat(tooMuch.deniedFields()).containsExactly("householdNumber");
        assertThat(c.authorisations
                        .decide("smr-licensing", HOUSEHOLD, "核验经营者户籍", XK, List.of("shoeSize"), now)
                        .reason())
                .isEqualTo(Decision.Reason.UNKNOWN_FIELDS);
        assertThat(c.authorisations
                        .decide("smr-licensing", HOUSEHOLD, "别的用途", XK, List.of("name"), now)
                        .reason())
                .isEqualTo(Decision.Reason.PURPOSE_MISMATCH);
        assertThat(c.authorisations
                        .decide("city-service-window", HOUSEHOLD, "核验经营者户籍", XK, List.of("name"), now)
                        .reason())
                .isEqualTo(Decision.Reason.NO_AUTHORISATION);
        assertThat(c.authorisations
                        .decide("smr-licensing", HOUSEHOLD, "核验经营者户籍", XK, List.of("name"), a.validUntil())
                        .reason())
                .isEqualTo(Decision.Reason.EXPIRED);

        c.clock.advance(Duration.ofDays(10));
        Instant beforeRevocation = c.clock.instant();
        assertThatThrownBy(() -> c.authorisations.revoke(a.id(), 2, SMR_APPROVER, "用途已结束"))
                .isInstanceOf(NotPermittedException.class);
        assertThatThrownBy(() -> c.authorisations.revoke(a.id(), 2, PS_APPROVER, " "))
                .isInstanceOf(ValidationException.class);
        c.clock.advance(Duration.ofHours(1));
        c.authorisations.revoke(a.id(), 2, PS_APPROVER, "发现超范围使用");
        assertThat(c.authorisations
                        .decide("smr-licensing", HOUSEHOLD, "核验经营者户籍", XK, List.of("name"), c.clock.instant())
                        .reason())
                .isEqualTo(Decision.Reason.REVOKED);
        assertThat(c.authorisations
                        .decide("smr-licensing", HOUSEHOLD, "核验经营者户籍", XK, List.of("name"), beforeRevocation)
                        .allowed())
                .as("what was true at an earlier instant stays true")
                .isTrue();
        assertThat(c.changes.of(cn.tongban.catalog.auth.Authorisations.ENTITY, a.id()))
                .extracting(ChangeLog.Change::action)
                .containsExactly("APPLY", "APPROVE", "REVOKE");
    }

    @Test
    void aRefusalNeedsItsReason() {
        Authorisation a = c.authorisations.apply(
                new Application(
                        "city-service-window",
                        HOUSEHOLD,
                        "结婚登记核验",
                        "310000-QR-0001",
                        List.of("name"),
                        "《婚姻登记条例》",
                        null,
                        null),
                ADMIN);
        assertThatThrownBy(() -> c.authorisations.refuse(a.id(), 1, PS_APPROVER, ""))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations().get(0).field()).isEqualTo("reason"));
        c.authorisations.refuse(a.id(), 1, PS_APPROVER, "窗口应用不得直接调用户籍信息，请通过婚姻登记系统申请");
        Decision d = c.authorisations.decide(
                "city-service-window", HOUSEHOLD, "结婚登记核验", "310000-QR-0001", List.of("name"), c.clock.instant());
        assertThat(d.reason()).isEqualTo(Decision.Reason.REFUSED);
        assertThat(d.detail()).contains("婚姻登记系统");
    }

    @Test
    void badApplicationsListEveryViolation() {
        assertThatThrownBy(() -> c.authorisations.apply(
                        new Application("nobody", ADOPTION, " ", "NOPE", List.of("x", "x"), null, null, null), ADMIN))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations())
                                .extracting(Violation::field, Violation::code)
                                .contains(
                                        org.assertj.core.groups.Tuple.tuple("consumerSystem", "UNKNOWN_SYSTEM"),
                                        org.assertj.core.groups.Tuple.tuple("resourceCode", "NOT_SHARED"),
                                        org.assertj.core.groups.Tuple.tuple("purpose", "REQUIRED"),
                                        org.assertj.core.groups.Tuple.tuple("serviceItemCode", "UNKNOWN_SERVICE_ITEM"),
                                        org.assertj.core.groups.Tuple.tuple("legalBasis", "REQUIRED"),
                                        org.assertj.core.groups.Tuple.tuple("fields[1]", "DUPLICATE")));
        Instant now = c.clock.instant();
        assertThatThrownBy(() -> c.authorisations.apply(
                        new Application(
                                "smr-licensing",
                                IDENTITY,
                                "p",
                                "310000-XK-0001",
                                List.of("name", "shoeSize"),
                                "basis",
                                now.minus(Duration.ofDays(10)),
                                now.minus(Duration.ofDays(1))),
                        ADMIN))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations())
                                .extracting(Violation::code)
                                .containsExactly("UNKNOWN_FIELD", "EXPIRED_VALIDITY"));
        assertThatThrownBy(() -> c.authorisations.apply(
                        new Application(
                                "smr-licensing",
                                IDENTITY,
                                "p",
                                "310000-XK-0001",
                                List.of("name"),
                                "basis",
                                now.plusSeconds(10),
                                now),
                        ADMIN))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations())
                                .extracting(Violation::code)
                                .containsExactly("INVALID_VALIDITY"));
        c.authorisations.apply(
                new Application(
                        "smr-licensing",
                        IDENTITY,
                        "p",
                        "310000-XK-0001",
                        List.of("name"),
                        "basis",
                        now,
                        now.plus(Duration.ofDays(30))),
                ADMIN);
        assertThatThrownBy(() -> c.authorisations.apply(
                        new Application(
                                "smr-licensing",
                                IDENTITY,
                                "p",
                                "310000-XK-0001",
                                List.of("name"),
                                "basis",
                                now.plus(Duration.ofDays(20)),
                                now.plus(Duration.ofDays(60))),
                        ADMIN))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations())
                                .extracting(Violation::code)
                                .containsExactly("OVERLAPPING_VALIDITY"));
        // ... but the next period, starting when the first ends, is fine.
        assertThat(c.authorisations
                        .apply(
                                new Application(
                                        "smr-licensing",
                                        IDENTITY,
                                        "p",
                                        "310000-XK-0001",
                                        List.of("name"),
                                        "basis",
                                        now.plus(Duration.ofDays(30)),
                                        now.plus(Duration.ofDays(60))),
                                ADMIN)
                        .storedStatus())
                .isEqualTo(AuthorisationStatus.GRANTED);
        assertThat(c.authorisations
                        .decide("smr-licensing", IDENTITY, "p", XK, List.of("name"), now.plus(Duration.ofDays(45)))
                        .allowed())
                .isTrue();
        assertThat(c.authorisations
                        .decide("smr-licensing", ADOPTION, "p", XK, List.of("certificateNumber"), now)
                        .reason())
                .isEqualTo(Decision.Reason.NOT_SHARED);
        // A field that is not an item of the resource makes the request malformed, whatever the sharing type.
        assertThat(c.authorisations
                        .decide("smr-licensing", ADOPTION, "p", XK, List.of("name"), now)
                        .reason())
                .isEqualTo(Decision.Reason.UNKNOWN_FIELDS);
        assertThat(c.authorisations
                        .decide("smr-licensing", "310000-999999-00009", "p", XK, List.of(), now)
                        .reason())
                .isEqualTo(Decision.Reason.UNKNOWN_RESOURCE);
    }

    @Test
    void aRetainedListIsSavedWholeAndEveryProofSaysHowItIsSatisfied() {
        ServiceItem item = c.serviceItems.find("310000-XK-0001").orElseThrow();
        List<RetainedProof> proofs = new ArrayList<>(item.proofs());
        RetainedProof first = proofs.get(0);
        proofs.add(new RetainedProof(
                "310000-XK-0001-09",
                "无犯罪记录证明",
                "食品经营许可",
                null,
                null,
                "区市场监管局",
                "区公安分局",
                "CITY",
                false,
                null,
                "DATA_PULL",
                HOUSEHOLD,
                Map.of("holder", "name", "record", "crime"),
                null,
                null));
        proofs.add(new RetainedProof(
                "310000-XK-0001-10",
                "场所证明",
                "食品经营许可",
                "《食品安全法》",
                "第三十五条",
                "区市场监管局",
                "产权单位",
                "VILLAGE",
                true,
                null,
                "PAPER",
                null,
                null,
                null,
                null));
        proofs.add(new RetainedProof(
                first.code(),
                "重复",
                "x",
                "依据",
                null,
                null,
                null,
                null,
                true,
                null,
                "E_LICENCE",
                null,
                null,
                null,
                null));
        ServiceItem bad = new ServiceItem(
                item.code(), item.name(), item.nameEn(), item.departmentCode(), item.itemType(), proofs);
        int version = c.serviceItemAdmin.version(item.code());
        assertThatThrownBy(() -> c.serviceItemAdmin.update(item.code(), version, bad, "alice"))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations())
                                .extracting(Violation::field)
                                .containsExactlyInAnyOrder(
                                        "proofs[4].legalBasis",
                                        "proofs[4].notifyCommitExclusionReason",
                                        "proofs[4].fieldMapping.record",
                                        "proofs[5].level",
                                        "proofs[5].paperReason",
                                        "proofs[6].code",
                                        "proofs[6].licenceTypeCode"));

        List<RetainedProof> fixed = new ArrayList<>(item.proofs());
        fixed.add(new RetainedProof(
                "310000-XK-0001-09",
                "户籍证明",
                "食品经营许可",
                "《食品安全法》",
                "第三十五条",
                "区市场监管局",
                "区公安分局",
                "CITY",
                true,
                null,
                "DATA_PULL",
                HOUSEHOLD,
                Map.of("holder", "name"),
                null,
                null));
        ServiceItem saved = c.serviceItemAdmin.update(
                item.code(),
                version,
                new ServiceItem(item.code(), item.name(), item.nameEn(), item.departmentCode(), item.itemType(), fixed),
                "alice");
        assertThat(saved.proofs()).hasSize(item.proofs().size() + 1);
        assertThat(c.serviceItemAdmin.version(item.code())).isEqualTo(version + 1);
        assertThatThrownBy(() -> c.serviceItemAdmin.update(item.code(), version, saved, "bob"))
                .isInstanceOf(StaleVersionException.class);
        assertThatThrownBy(() -> c.serviceItemAdmin.create(saved, "bob"))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations().get(0).code()).isEqualTo("DUPLICATE_CODE"));
    }

    @Test
    void anELicenceProofMayNameItsIssuersRegisterAndMapsOnlyLicenceFieldsToNonSensitiveItems() {
        String register = "310000-303001-00001";
        ServiceItem item = c.serviceItems.find("310000-QR-0002").orElseThrow();
        RetainedProof birth = item.proofs().get(0);
        assertThat(birth.satisfiedBy()).isEqualTo("E_LICENCE");
        assertThat(birth.resourceCode()).isEqualTo(register); // the demo's retained list confirms with the register
        assertThat(birth.fieldMapping()).containsEntry("status", "status").containsEntry("number", "certificateNumber");

        List<RetainedProof> proofs = new ArrayList<>(item.proofs());
        proofs.add(eLicence("310000-QR-0002-07", null, Map.of("status", "status"))); // mapping, no register
        proofs.add(eLicence("310000-QR-0002-08", "310000-999999-99999", Map.of())); // no such resource
        proofs.add(eLicence("310000-QR-0002-09", HOUSEHOLD, Map.of("holder", "name"))); // masked item
        proofs.add(eLicence("310000-QR-0002-10", register, Map.of("colour", "hue"))); // neither side exists
        int version = c.serviceItemAdmin.version(item.code());
        ServiceItem bad = new ServiceItem(
                item.code(), item.name(), item.nameEn(), item.departmentCode(), item.itemType(), proofs);
        int n = item.proofs().size();
        assertThatThrownBy(() -> c.serviceItemAdmin.update(item.code(), version, bad, "alice"))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations())
                                .extracting(v -> v.field() + " " + v.code())
                                .containsExactlyInAnyOrder(
                                        "proofs[" + n + "].fieldMapping REQUIRED",
                                        "proofs[" + (n + 1) + "].resourceCode UNKNOWN_RESOURCE",
                                        "proofs[" + (n + 2) + "].fieldMapping.holder UNKNOWN_FIELD",
                                        "proofs[" + (n + 2) + "].fieldMapping.holder SENSITIVE_ITEM",
                                        "proofs[" + (n + 3) + "].fieldMapping.colour UNKNOWN_FIELD",
                                        "proofs[" + (n + 3) + "].fieldMapping.colour UNKNOWN_ITEM"));

        List<RetainedProof> fixed = new ArrayList<>(item.proofs());
        fixed.add(
                eLicence("310000-QR-0002-07", register, Map.of("issuerCode", "issuerCode", "validTo", "statusReason")));
        fixed.add(eLicence("310000-QR-0002-08", register, Map.of())); // existence only
        c.serviceItemAdmin.update(
                item.code(),
                version,
                new ServiceItem(item.code(), item.name(), item.nameEn(), item.departmentCode(), item.itemType(), fixed),
                "alice");
        RetainedProof saved =
                c.serviceItems.find(item.code()).orElseThrow().proofs().get(n);
        assertThat(saved.resourceCode()).isEqualTo(register);
        assertThat(saved.fieldMapping()).isEqualTo(Map.of("issuerCode", "issuerCode", "validTo", "statusReason"));
    }

    private static RetainedProof eLicence(String code, String register, Map<String, String> mapping) {
        return new RetainedProof(
                code,
                "电子证照 " + code,
                "出生登记",
                "《户口登记条例》",
                "第七条",
                "派出所",
                "卫健委",
                "CITY",
                false,
                "法定医学文书",
                "E_LICENCE",
                register,
                mapping,
                "11100000MB1N072647007",
                null);
    }

    @Test
    void departmentsAreKeyedByAValidCreditCode() {
        assertThatThrownBy(() ->
                        c.departmentAdmin.create(new Department("91310104MA1JG7LC40", "", null, "31"), false, "alice"))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations())
                                .extracting(Violation::field, Violation::code)
                                .containsExactly(
                                        org.assertj.core.groups.Tuple.tuple("code", "CHECK_CHARACTER"),
                                        org.assertj.core.groups.Tuple.tuple("name", "REQUIRED"),
                                        org.assertj.core.groups.Tuple.tuple("region", "FORMAT")));
        // 91350100M000100Y43 embeds the valid organisation code M000100Y4; 11310000MB0001011L does too? Strict
        // checking of the embedded organisation code is an option: a code failing only it passes when lax.
        String laxOnly = laxOnlyCode();
        assertThatThrownBy(
                        () -> c.departmentAdmin.create(new Department(laxOnly, "测试局", null, "310000"), true, "alice"))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations().get(0).code()).isEqualTo("ORGANIZATION_CODE"));
        c.departmentAdmin.create(new Department(laxOnly, "测试局", null, "310000"), false, "alice");
        assertThatThrownBy(
                        () -> c.departmentAdmin.create(new Department(laxOnly, "测试局", null, "310000"), false, "alice"))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations().get(0).code()).isEqualTo("DUPLICATE_CODE"));
        assertThat(c.departmentAdmin.update(laxOnly, 1, new Department(laxOnly, "测试二局", null, "310000"), "bob"))
                .isEqualTo(2);
        assertThatThrownBy(() -> c.departmentAdmin.update(laxOnly, 1, new Department(laxOnly, "x", null, null), "bob"))
                .isInstanceOf(StaleVersionException.class);
    }

    /** A credit code whose check character is right but whose embedded organisation code fails GB 11714. */
    static String laxOnlyCode() {
        String first17 = "12310000" + "MB0000010"; // organisation code MB000001 + wrong check 0
        assertThat(cn.tongban.catalog.id.OrganizationCode.check("MB000001-0").valid())
                .isFalse();
        return first17 + cn.tongban.catalog.id.UnifiedSocialCreditCode.checkCharacter(first17);
    }

    @Test
    void theResponsibilityListShowsWhatIsStillMissing() {
        c.responsibilities.replace(
                PS,
                List.of(
                        new Responsibilities.Entry(PS, HOUSEHOLD, "户籍人口基本信息", "《户口登记条例》", false),
                        new Responsibilities.Entry(PS, "310000-101003-00001", "居住证信息", "《居住证暂行条例》", false)),
                "alice");
        assertThat(c.responsibilities.of(PS))
                .extracting(Responsibilities.Entry::provided)
                .containsExactly(true, false);
        assertThat(c.responsibilities.missing())
                .extracting(Responsibilities.Entry::resourceCode)
                .containsExactly("310000-101003-00001");
        assertThatThrownBy(() -> c.responsibilities.replace(
                        PS, List.of(new Responsibilities.Entry(PS, "nope", "", null, false)), "alice"))
                .isInstanceOfSatisfying(
                        ValidationException.class,
                        e -> assertThat(e.violations())
                                .extracting(Violation::field)
                                .containsExactly("entries[0].resourceCode", "entries[0].name"));
        assertThatThrownBy(() -> c.responsibilities.replace("91350100M000100Y43", List.of(), "alice"))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void searchSeesChangesMadeThroughAnotherClusterMemberOnItsNextCall() {
        // A second repository over the same database stands for another member: it learns of changes only from
        // catalogue_change, not from the writer's in-process notification.
        ResourceRepository other =
                new ResourceRepository(org.springframework.jdbc.core.simple.JdbcClient.create(c.template));
        ResourceQuery word = new ResourceQuery("冷链仓储", null, null, null, null, null, null);
        assertThat(other.search(word, 0, 10).totalElements()).isZero();

        Resource v1 = c.admin.create(draft("310000-302009-00001", "冷链仓储检查结果"), "alice");
        assertThat(other.search(word, 0, 10).items()).extracting(Resource::code).containsExactly(v1.code());
        assertThat(other.search(word.withStatus(ResourceStatus.PUBLISHED), 0, 10)
                        .totalElements())
                .isZero();

        c.admin.publish(v1.code(), 1, "bob");
        assertThat(other.search(word.withStatus(ResourceStatus.PUBLISHED), 0, 10)
                        .items())
                .extracting(Resource::code)
                .containsExactly(v1.code());

        Resource renamed = c.admin.update(v1.code(), 2, draft(v1.code(), "冰鲜运输检查结果"), "alice");
        assertThat(other.search(word, 0, 10).totalElements()).isZero();
        assertThat(other.search(new ResourceQuery("冰鲜运输", null, null, null, null, null, null), 0, 10)
                        .items())
                .extracting(Resource::code, Resource::version)
                .containsExactly(tuple(v1.code(), renamed.version()));
    }

    @Test
    void searchPicksUpAChangeWhoseIdWasTakenEarlierButCommittedLater() throws Exception {
        ResourceRepository other =
                new ResourceRepository(org.springframework.jdbc.core.simple.JdbcClient.create(c.template));
        ResourceQuery late = new ResourceQuery("迟到提交", null, null, null, null, null, null);
        ResourceQuery early = new ResourceQuery("先行提交", null, null, null, null, null, null);
        other.search(late, 0, 1); // loads the index
        try (java.sql.Connection a = c.dataSource.getConnection();
                java.sql.Connection b = c.dataSource.getConnection()) {
            a.setAutoCommit(false);
            b.setAutoCommit(false);
            rename(a, HOUSEHOLD, "迟到提交"); // takes the lower change id, commits last
            rename(b, IDENTITY, "先行提交");
            b.commit();
            assertThat(other.search(early, 0, 10).items())
                    .extracting(Resource::code)
                    .containsExactly(IDENTITY);
            assertThat(other.search(late, 0, 10).totalElements()).isZero();
            a.commit();
        }
        assertThat(other.search(late, 0, 10).items()).extracting(Resource::code).containsExactly(HOUSEHOLD);
    }

    /** What the admin service does for a change, by hand on one connection: the row, then its change record. */
    private static void rename(java.sql.Connection con, String code, String word) throws java.sql.SQLException {
        try (var up = con.prepareStatement("UPDATE resource SET search_text = search_text || ' ' || ? WHERE code = ?");
                var log = con.prepareStatement(
                        "INSERT INTO catalogue_change (changed_at, actor, entity_type, entity_code,"
                                + " action, version) VALUES (CURRENT_TIMESTAMP, 'test', 'RESOURCE', ?, 'UPDATE', 1)")) {
            up.setString(1, word);
            up.setString(2, code);
            assertThat(up.executeUpdate()).isEqualTo(1);
            log.setString(1, code);
            log.executeUpdate();
        }
    }

    @Test
    void bulkImportKeepsQuotesCommasNewlinesBackslashesAndNullsExactly() {
        Resource tricky = draft("310000-302010-00001", "引号\"与,逗号");
        Resource r = new Resource(
                tricky.code(),
                0,
                tricky.name(),
                tricky.providerCode(),
                null,
                tricky.providerSystem(),
                tricky.classification(),
                tricky.classificationCode(),
                "第一行\n第二行, 含 \\N 与 \"引号\"",
                tricky.format(),
                tricky.subjectType(),
                tricky.sharingType(),
                null,
                null,
                tricky.sharingMethod(),
                false,
                tricky.updateCycle(),
                null,
                tricky.endpointPath(),
                List.of(new InformationItem("note", "备注,\"x\"", "STRING", 20, false, false, null)),
                "",
                List.of(),
                ResourceStatus.DRAFT,
                null,
                null);
        ImportReport report =
                c.admin.importAll(List.of(new CatalogueAdmin.ParsedRow(1, r, List.of())), false, "importer");
        assertThat(report.badRows()).isEmpty();
        Resource back = c.resources.find(r.code()).orElseThrow();
        assertThat(back.name()).isEqualTo(r.name());
        assertThat(back.abstractText()).isEqualTo(r.abstractText());
        assertThat(back.items()).isEqualTo(r.items());
        assertThat(back.sharingCondition()).isNull();
        assertThat(back.openCondition()).isEqualTo("");
    }

    @Test
    void aLargeFileIsValidatedOnAllCoresWithRowsReportedInOrderAndRelatedCodesLookedUpOnce() {
        int n = CatalogueAdmin.PARALLEL_FROM + 200;
        List<CatalogueAdmin.ParsedRow> rows = new java.util.ArrayList<>();
        for (int k = 0; k < n; k++) {
            Resource d = draft(String.format("310000-302020-%05d", k), "大文件资源" + k);
            List<String> related =
                    switch (k % 250) {
                        case 7 -> List.of(HOUSEHOLD); // in the catalogue: fine
                        case 8 -> List.of(String.format("310000-302020-%05d", k - 1)); // in the file: fine
                        case 9 -> List.of("310000-302099-00001"); // nowhere: bad
                        default -> List.of();
                    };
            Resource r = new Resource(
                    d.code(),
                    0,
                    d.name(),
                    d.providerCode(),
                    null,
                    d.providerSystem(),
                    d.classification(),
                    d.classificationCode(),
                    d.abstractText(),
                    d.format(),
                    d.subjectType(),
                    d.sharingType(),
                    null,
                    null,
                    d.sharingMethod(),
                    false,
                    d.updateCycle(),
                    null,
                    d.endpointPath(),
                    d.items(),
                    null,
                    related,
                    ResourceStatus.DRAFT,
                    null,
                    null);
            rows.add(new CatalogueAdmin.ParsedRow(k + 1, r, List.of()));
        }

        ImportReport report = c.admin.importAll(rows, false, "importer");

        assertThat(report.imported()).isZero();
        assertThat(report.badRows())
                .extracting(ImportReport.BadRow::row)
                .containsExactly(10, 260, 510, 760, 1010); // rows k = 9, 259, 509, 759, 1009: in file order
        assertThat(report.badRows())
                .allSatisfy(b ->
                        assertThat(b.violations()).extracting(Violation::code).containsExactly("UNKNOWN_RESOURCE"));

        ImportReport skipping = c.admin.importAll(rows, true, "importer");
        assertThat(skipping.imported()).isEqualTo(n - 5);
        assertThat(c.resources.find("310000-302020-00007"))
                .hasValueSatisfying(r -> assertThat(r.relatedCodes()).containsExactly(HOUSEHOLD));
    }

    @Test
    void aCodeCommittedByAConcurrentChangeAfterTheDuplicateCheckIsAConflictAndNothingOfTheFileIsImported()
            throws Exception {
        String code = "310000-302030-00001";
        List<CatalogueAdmin.ParsedRow> file = List.of(
                new CatalogueAdmin.ParsedRow(1, draft("310000-302030-00000", "并发导入甲"), List.of()),
                new CatalogueAdmin.ParsedRow(2, draft(code, "并发导入乙"), List.of()));
        try (java.sql.Connection other = c.dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (var ins = other.prepareStatement("INSERT INTO resource (code, version, name, provider_code,"
                    + " classification, sharing_type, sharing_method, status, updated_at, updated_by, search_text,"
                    + " items) VALUES (?, 1, 'x', ?, 'DEPARTMENTAL', 'UNCONDITIONAL', 'API_PULL', 'DRAFT',"
                    + " CURRENT_TIMESTAMP, 'other', 'x', '[]')")) {
                ins.setString(1, code);
                ins.setString(2, SMR);
                ins.executeUpdate(); // uncommitted: the import's duplicate check does not see it
            }
            java.util.concurrent.CompletableFuture<ImportReport> importing =
                    java.util.concurrent.CompletableFuture.supplyAsync(
                            () -> c.admin.importAll(file, false, "importer"));
            Thread.sleep(500); // the import now waits on the unique key held by the other transaction
            other.commit();
            assertThatThrownBy(() -> importing.get(30, java.util.concurrent.TimeUnit.SECONDS))
                    .hasCauseInstanceOf(ConflictException.class)
                    .satisfies(e -> assertThat(((ConflictException) e.getCause()).code())
                            .isEqualTo("CONCURRENT_CHANGE"));
        }
        assertThat(c.resources.exists("310000-302030-00000")).isFalse();
        ImportReport again = c.admin.importAll(file, false, "importer");
        assertThat(again.badRows()).extracting(ImportReport.BadRow::row).containsExactly(2);
    }

    @Test
    void aWordMatchesOnlyWhereItsCharactersAreAdjacentAndACodePrefixIsARange() {
        c.admin.create(draft("310000-302040-00001", "蓝鲸监测信息"), "alice");
        c.admin.create(draft("310000-302040-00002", "鲸鱼与蓝藻记录"), "alice"); // 鲸 and 蓝, not 蓝鲸
        c.admin.create(draft("310000-302041-00001", "蓝鲸迁徙报告"), "alice");
        ResourceQuery credit = new ResourceQuery("蓝鲸", null, null, null, null, null, null);
        for (int round = 0; round < 2; round++) { // the second search uses the pair list kept from the first
            assertThat(c.resources.search(credit, 0, 10).items())
                    .extracting(Resource::code)
                    .containsExactly("310000-302040-00001", "310000-302041-00001");
        }
        assertThat(c.resources
                        .search(new ResourceQuery("鲸蓝", null, null, null, null, null, null), 0, 10)
                        .totalElements())
                .isZero();
        assertThat(c.resources
                        .search(new ResourceQuery(null, "310000-30204", null, null, null, null, null), 0, 10)
                        .items())
                .extracting(Resource::code)
                .containsExactly("310000-302040-00001", "310000-302040-00002", "310000-302041-00001");
        assertThat(c.resources
                        .search(new ResourceQuery("蓝鲸", "310000-302041", null, null, null, null, null), 0, 10)
                        .items())
                .extracting(Resource::code)
                .containsExactly("310000-302041-00001");

        c.admin.create(draft("310000-302042-00001", "蓝鲸保护"), "alice"); // a change: a new snapshot
        assertThat(c.resources.search(credit, 0, 10).totalElements()).isEqualTo(3);
    }
}
