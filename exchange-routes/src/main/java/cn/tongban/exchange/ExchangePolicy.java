package cn.tongban.exchange;

import java.time.Instant;

import cn.tongban.catalog.Resource;

/** Decides whether a pull may go to the provider, and which fields may come back. */
@FunctionalInterface
public interface ExchangePolicy {

    /** The grant, or an {@link ExchangeException} whose error says why not. */
    Grant authorise(PullRequest request, Resource resource, Instant at);
}
