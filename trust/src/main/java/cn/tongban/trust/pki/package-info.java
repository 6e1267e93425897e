/**
 * Platform PKI issuing: key pairs (RSA, ECDSA P-256, SM2), X.509 certificates and CRLs (RFC 5280), PKCS#12
 * and PEM export. Used by the {@code pki init} command and by the test PKI in {@code test-fixtures}.
 * Bouncy Castle is registered only through {@link cn.tongban.trust.pki.Providers#bc()}.
 */
package cn.tongban.trust.pki;
