package cn.tongban.exchange;

/**
 * A consumer's limits: pulls per minute for one resource (rate), and pulls per day over all resources (quota).
 * Zero or less means no limit of that kind.
 */
public record QuotaLimit(int perMinutePerResource, int perDay) {

    public static final QuotaLimit NONE = new QuotaLimit(0, 0);
}
