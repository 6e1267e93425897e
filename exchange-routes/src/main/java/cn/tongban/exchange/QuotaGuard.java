package cn.tongban.exchange;

/**
 * Per-consumer quotas and rate limits, checked after authorisation and before the provider is called. A refusal
 * is {@link ExchangeError#QUOTA_EXCEEDED} with {@link ExchangeException#retryAfter()}.
 */
@FunctionalInterface
public interface QuotaGuard {

    /** No limits (a deliberate configuration, e.g. for a single-department installation). */
    QuotaGuard UNLIMITED = (consumer, resource) -> {};

    /** Counts one pull of {@code resourceCode} by {@code consumerSystem}, or refuses it. */
    void acquire(String consumerSystem, String resourceCode);
}
