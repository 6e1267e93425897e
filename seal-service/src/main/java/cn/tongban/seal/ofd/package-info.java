/**
 * OFD (GB/T 33190) electronic-seal signature verification: {@link cn.tongban.seal.ofd.OfdSignatureVerifier}
 * returns an {@link cn.tongban.seal.ofd.OfdReport} with ETSI EN 319 102-1 indications; certificate path
 * validation is injected as a {@link cn.tongban.seal.report.CertificateJudge}.
 */
package cn.tongban.seal.ofd;
