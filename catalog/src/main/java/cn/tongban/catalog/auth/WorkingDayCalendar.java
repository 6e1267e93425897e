package cn.tongban.catalog.auth;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.Set;

/**
 * Working days for approval deadlines (docs/STANDARDS.md §4: "reply within 10 working days"): Monday to Friday,
 * minus the official holidays, plus the adjusted working days (调休) on which a weekend day is worked.
 * Both sets come from configuration (the State Council's yearly holiday notice).
 */
public final class WorkingDayCalendar {

    private final Set<LocalDate> holidays;
    private final Set<LocalDate> adjustedWorkdays;

    public WorkingDayCalendar(Set<LocalDate> holidays, Set<LocalDate> adjustedWorkdays) {
        this.holidays = Set.copyOf(holidays);
        this.adjustedWorkdays = Set.copyOf(adjustedWorkdays);
        for (LocalDate d : this.holidays) {
            if (this.adjustedWorkdays.contains(d)) {
                throw new IllegalArgumentException(d + " is configured both as a holiday and as a working day");
            }
        }
    }

    /** Only weekends are days off. */
    public static WorkingDayCalendar weekendsOnly() {
        return new WorkingDayCalendar(Set.of(), Set.of());
    }

    public boolean isWorkingDay(LocalDate d) {
        if (adjustedWorkdays.contains(d)) {
            return true;
        }
        if (holidays.contains(d)) {
            return false;
        }
        return d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY;
    }

    /**
     * The day by which something received on {@code start} must be done within {@code workingDays} working
     * days: the day of receipt does not count, the deadline is the last of the following working days.
     */
    public LocalDate addWorkingDays(LocalDate start, int workingDays) {
        if (workingDays < 0) {
            throw new IllegalArgumentException("workingDays must not be negative");
        }
        LocalDate d = start;
        int left = workingDays;
        while (left > 0) {
            d = d.plusDays(1);
            if (isWorkingDay(d)) {
                left--;
            }
        }
        return d;
    }
}
