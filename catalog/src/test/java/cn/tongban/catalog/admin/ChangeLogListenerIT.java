package cn.tongban.catalog.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import cn.tongban.catalog.TestCatalogue;
import cn.tongban.catalog.auth.WorkingDayCalendar;

/** Listeners of the change log (the exchange's caches) hear of committed changes only, after the commit. */
class ChangeLogListenerIT {

    final TestCatalogue c = new TestCatalogue(TestCatalogue.h2(), new WorkingDayCalendar(Set.of(), Set.of()));
    final List<String> heard = new CopyOnWriteArrayList<>();

    ChangeLogListenerIT() {
        c.changes.addListener((type, code, action) -> heard.add(type + " " + code + " " + action));
    }

    @Test
    void aChangeInATransactionIsAnnouncedAfterItsCommit() {
        c.tx.executeWithoutResult(s -> {
            c.changes.record(c.clock.instant(), "admin", "RESOURCE", "R1", "UPDATE", 2, null);
            assertThat(heard).as("not before the commit").isEmpty();
        });
        assertThat(heard).containsExactly("RESOURCE R1 UPDATE");
    }

    @Test
    void aRolledBackChangeIsNeverAnnounced() {
        assertThatThrownBy(() -> c.tx.executeWithoutResult(s -> {
                    c.changes.record(c.clock.instant(), "admin", "AUTHORISATION", "A1", "REVOKE", 2, "r");
                    throw new IllegalStateException("rolled back");
                }))
                .hasMessage("rolled back");
        assertThat(heard).isEmpty();
    }

    @Test
    void outsideATransactionAndInBulkEveryCodeIsAnnounced() {
        c.changes.record(c.clock.instant(), "admin", "RESOURCE", "R1", "RETIRE", 3, null);
        c.tx.executeWithoutResult(s ->
                c.changes.recordAll(c.clock.instant(), "admin", "RESOURCE", List.of("R2", "R3"), "IMPORT", 1, null));
        assertThat(heard).containsExactly("RESOURCE R1 RETIRE", "RESOURCE R2 IMPORT", "RESOURCE R3 IMPORT");
    }
}
