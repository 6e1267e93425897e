/**
 * The one verdict vocabulary every verifier reports in: {@link cn.tongban.trust.verdict.Indication},
 * {@link cn.tongban.trust.verdict.SubIndication} (ETSI EN 319 102-1 §5.1.3) and
 * {@link cn.tongban.trust.verdict.Check}, one rule applied with its outcome and clause. Path and time-stamp
 * validation (this module), seal and OFD verification (seal-service) and the document report (license-verify)
 * all use these types, so a verdict crosses module boundaries unconverted.
 */
package cn.tongban.trust.verdict;
