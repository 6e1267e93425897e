package cn.tongban.seal.verify;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import cn.tongban.seal.codec.SesSeal;
import cn.tongban.trust.verdict.Check;
import cn.tongban.trust.verdict.Indication;
import cn.tongban.trust.verdict.SubIndication;

/**
 * What {@link BareSealVerifier} found about one seal file.
 *
 * @param indication    TOTAL_FAILED on the first failed check, else INDETERMINATE on the first one not concluded,
 *                      else TOTAL_PASSED (ETSI EN 319 102-1 §5.1.3)
 * @param subIndication why it did not pass; empty when TOTAL_PASSED
 * @param at            the time the seal was judged at
 * @param checks        every check, in order: SEAL_FORMAT, SEAL_SIGNATURE, SEAL_PICTURE, SEAL_VALIDITY,
 *                      SEAL_MAKER_CERTIFICATE, SEAL_REGISTRY (when a registry is consulted)
 * @param seal          the decoded seal; empty when it did not decode
 * @param maker         the seal maker's certificate; empty when absent or unparseable
 */
public record BareSealReport(
        Indication indication,
        Optional<SubIndication> subIndication,
        Instant at,
        List<Check> checks,
        Optional<SesSeal> seal,
        Optional<X509Certificate> maker) {

    public BareSealReport {
        checks = List.copyOf(checks);
    }
}
