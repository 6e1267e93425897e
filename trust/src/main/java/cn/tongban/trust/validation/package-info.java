/**
 * Certificate path validation at a given time (RFC 5280 §6), revocation by OCSP then CRL (RFC 6960, RFC 5280
 * §6.3) with a pluggable cache, named trust-anchor sets and RFC 3161 time-stamp validation. Results carry ETSI
 * EN 319 102-1 indications and sub-indications together with the facts they rest on. All trust inputs (anchors,
 * intermediates, revocation sources, clock) are injected; only {@link cn.tongban.trust.validation.HttpRevocationFetcher}
 * touches the network.
 */
package cn.tongban.trust.validation;
