package cn.tongban.exchange;

import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;

/** Runs a pull through {@link PullRoutes#PULL} and turns the route's outcome into a result or an exception. */
public final class PullService {

    private final ProducerTemplate producer;

    public PullService(ProducerTemplate producer) {
        this.producer = producer;
    }

    /** The delivered result, or {@link ExchangeException} with the stable error (already journalled). */
    public PullResult pull(PullRequest request) {
        return pull(request, null);
    }

    /** The same, marking where the time went in {@code timings} (may be null) as the pull passes each step. */
    public PullResult pull(PullRequest request, PullTimings timings) {
        Exchange done = producer.send(PullRoutes.PULL, e -> {
            e.getIn().setBody(request);
            if (timings != null) {
                e.setProperty(PullRoutes.TIMINGS, timings);
            }
        });
        ExchangeException failure = done.getProperty(PullRoutes.FAILURE, ExchangeException.class);
        if (failure != null) {
            throw failure;
        }
        if (done.getException() != null) {
            throw new ExchangeException(
                    ExchangeError.EXCHANGE_FAILURE,
                    "the pull failed inside the exchange",
                    java.util.List.of(),
                    done.getException());
        }
        return done.getMessage().getBody(PullResult.class);
    }
}
