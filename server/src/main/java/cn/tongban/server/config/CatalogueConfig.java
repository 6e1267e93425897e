package cn.tongban.server.config;

import java.time.Clock;
import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import cn.tongban.catalog.DepartmentRepository;
import cn.tongban.catalog.ResourceRepository;
import cn.tongban.catalog.ServiceItemRepository;
import cn.tongban.catalog.admin.CatalogueAdmin;
import cn.tongban.catalog.admin.ChangeLog;
import cn.tongban.catalog.admin.DepartmentAdmin;
import cn.tongban.catalog.admin.ResourceValidator;
import cn.tongban.catalog.admin.Responsibilities;
import cn.tongban.catalog.admin.ServiceItemAdmin;
import cn.tongban.catalog.auth.Authorisations;
import cn.tongban.catalog.auth.WorkingDayCalendar;

/** Wires the catalogue's administration and authorisation services (plain Java in the catalog module). */
@Configuration(proxyBeanMethods = false)
public class CatalogueConfig {

    @Bean
    ChangeLog catalogueChangeLog(JdbcTemplate template) {
        return new ChangeLog(template);
    }

    @Bean
    CatalogueAdmin catalogueAdmin(
            JdbcTemplate template,
            ResourceRepository resources,
            ChangeLog changes,
            TransactionTemplate tx,
            Clock clock,
            CatalogueProperties props) {
        return new CatalogueAdmin(
                template,
                resources,
                changes,
                new ResourceValidator(props.strictOrganisationCode(), props.updateCycles()),
                tx,
                clock,
                props.zone());
    }

    @Bean
    ServiceItemAdmin serviceItemAdmin(
            JdbcClient jdbc,
            ServiceItemRepository items,
            ResourceRepository resources,
            ChangeLog changes,
            TransactionTemplate tx,
            Clock clock) {
        return new ServiceItemAdmin(jdbc, items, resources, changes, tx, clock);
    }

    @Bean
    DepartmentAdmin departmentAdmin(
            JdbcClient jdbc,
            DepartmentRepository departments,
            ChangeLog changes,
            TransactionTemplate tx,
            Clock clock,
            CatalogueProperties props) {
        return new DepartmentAdmin(jdbc, departments, changes, tx, clock, props.strictOrganisationCode());
    }

    @Bean
    Responsibilities responsibilities(JdbcClient jdbc, ChangeLog changes, TransactionTemplate tx, Clock clock) {
        return new Responsibilities(jdbc, changes, tx, clock);
    }

    @Bean
    WorkingDayCalendar workingDayCalendar(CatalogueProperties props) {
        return new WorkingDayCalendar(
                Set.copyOf(props.calendar().holidays()),
                Set.copyOf(props.calendar().adjustedWorkdays()));
    }

    @Bean
    Authorisations authorisations(
            JdbcClient jdbc,
            ResourceRepository resources,
            ChangeLog changes,
            TransactionTemplate tx,
            WorkingDayCalendar calendar,
            Clock clock,
            CatalogueProperties props) {
        return new Authorisations(
                jdbc,
                resources,
                changes,
                tx,
                calendar,
                props.approvalDeadlineWorkingDays(),
                props.defaultValidity(),
                clock,
                props.zone());
    }
}
