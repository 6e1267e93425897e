package cn.tongban.catalog.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.Set;

import org.junit.jupiter.api.Test;

class WorkingDayCalendarTest {

    // 2026 Spring Festival: 2-15..2-23 off, Saturdays 2-14 and 2-28 worked (调休).
    static final WorkingDayCalendar SPRING_2026 = new WorkingDayCalendar(
            Set.of(
                    LocalDate.of(2026, 2, 15),
                    LocalDate.of(2026, 2, 16),
                    LocalDate.of(2026, 2, 17),
                    LocalDate.of(2026, 2, 18),
                    LocalDate.of(2026, 2, 19),
                    LocalDate.of(2026, 2, 20),
                    LocalDate.of(2026, 2, 21),
                    LocalDate.of(2026, 2, 22),
                    LocalDate.of(2026, 2, 23)),
            Set.of(LocalDate.of(2026, 2, 14), LocalDate.of(2026, 2, 28)));

    @Test
    void weekendsAreNotWorkingDays() {
        WorkingDayCalendar plain = WorkingDayCalendar.weekendsOnly();
        // Friday 2026-11-20 + 10 working days = Friday 2026-12-04
        assertThat(plain.addWorkingDays(LocalDate.of(2026, 11, 20), 10)).isEqualTo(LocalDate.of(2026, 12, 4));
        // Received on a Saturday: counting starts Monday.
        assertThat(plain.addWorkingDays(LocalDate.of(2026, 11, 21), 1)).isEqualTo(LocalDate.of(2026, 11, 23));
        assertThat(plain.addWorkingDays(LocalDate.of(2026, 11, 21), 0)).isEqualTo(LocalDate.of(2026, 11, 21));
    }

    @Test
    void holidaysAreSkippedAndAdjustedWeekendDaysAreWorked() {
        assertThat(SPRING_2026.isWorkingDay(LocalDate.of(2026, 2, 14)))
                .as("Saturday worked (调休)")
                .isTrue();
        assertThat(SPRING_2026.isWorkingDay(LocalDate.of(2026, 2, 16)))
                .as("Monday in the holiday")
                .isFalse();
        // Thursday 2-12: 2-13 (Fri), 2-14 (Sat, worked), then 2-24, 2-25, 2-26, 2-27, 2-28 (Sat, worked), 3-2 ...
        assertThat(SPRING_2026.addWorkingDays(LocalDate.of(2026, 2, 12), 7)).isEqualTo(LocalDate.of(2026, 2, 28));
        assertThat(SPRING_2026.addWorkingDays(LocalDate.of(2026, 2, 12), 10)).isEqualTo(LocalDate.of(2026, 3, 4));
    }

    @Test
    void aDayCannotBeBothHolidayAndWorkingDayNorCanDaysBeNegative() {
        LocalDate d = LocalDate.of(2026, 10, 1);
        assertThatThrownBy(() -> new WorkingDayCalendar(Set.of(d), Set.of(d)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SPRING_2026.addWorkingDays(d, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
