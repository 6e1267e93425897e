/**
 * What the seal verifiers (OFD, PDF, bare seal files) share besides the verdict vocabulary of
 * {@code cn.tongban.trust.verdict}: the {@link cn.tongban.seal.report.Verdict} combining checks, and the two
 * injection points they consult, {@link cn.tongban.seal.report.CertificateJudge} for certificates and
 * {@link cn.tongban.seal.report.SealStatusSource} for the registry's standing of a seal. Kept apart from the
 * verifiers so that the registry and the trust wiring depend on these, not on a verifier's package.
 */
package cn.tongban.seal.report;
