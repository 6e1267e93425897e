/**
 * The exchange's pull path as Apache Camel routes ("interface sharing").
 *
 * <p>{@link cn.tongban.exchange.PullRoutes} reads the resource from the catalogue, authorises the consumer
 * ({@link cn.tongban.exchange.ExchangePolicy}), calls the provider through a per-provider route with connect and
 * read timeouts, a circuit breaker and a bulkhead ({@link cn.tongban.exchange.ProviderEndpoint}), validates the
 * answer against the resource's information items ({@link cn.tongban.exchange.AnswerContract}), drops the fields
 * the consumer may not see and masks sensitive ones ({@link cn.tongban.exchange.Masking}), and writes the access
 * entry ({@link cn.tongban.exchange.AccessJournal}) before the answer is released. Every refusal and provider
 * failure ends as an {@link cn.tongban.exchange.ExchangeException} with a stable
 * {@link cn.tongban.exchange.ExchangeError}, and is journalled with its outcome too.
 *
 * <p>The module depends on ports, not on the server: the catalogue lookup, the authorisation store, the provider
 * directory and the access journal are injected, so routes are tested with WireMock departments and an in-memory
 * journal.
 */
package cn.tongban.exchange;
