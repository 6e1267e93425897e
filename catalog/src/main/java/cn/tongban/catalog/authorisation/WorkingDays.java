package cn.tongban.catalog.authorisation;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;

/**
 * Working days of the PRC civil service calendar: Monday to Friday, minus the official holidays, plus the
 * adjusted working weekend days (调休) announced each year by the General Office of the State Council. Both lists
 * are configuration (the announcement comes every December), not code.
 */
public record WorkingDays(Set<LocalDate> holidays, Set<LocalDate> adjustedWorkdays) {

    public WorkingDays {
        holidays = Set.copyOf(holidays);
        adjustedWorkdays = Set.copyOf(adjustedWorkdays);
    }

    /** Weekends only, no holidays. */
    public static final WorkingDays WEEKDAYS = new WorkingDays(Set.of(), Set.of());

    public boolean isWorkingDay(LocalDate d) {
        if (adjustedWorkdays.contains(d)) {
            return true;
        }
        if (holidays.contains(d)) {
            return false;
        }
        return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /** The day on which {@code n} working days after {@code start} have passed (the start day itself not counted). */
    public LocalDate plus(LocalDate start, int n) {
        if (n < 0) {
            throw new IllegalArgumentException("negative working days");
        }
        LocalDate d = start;
        int left = n;
        while (left > 0) {
            d = d.plusDays(1);
            if (isWorkingDay(d)) {
                left--;
            }
        }
        return d;
    }
}
