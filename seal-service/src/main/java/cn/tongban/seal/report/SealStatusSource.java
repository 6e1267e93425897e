package cn.tongban.seal.report;

import java.time.Instant;

import cn.tongban.seal.codec.SesSeal;
import cn.tongban.seal.report.CertificateJudge.Judgement;

/**
 * What verification asks the registry (verification consults the registry as well as certificates):
 * the standing of a seal at the signing time. Must not throw for an unknown or odd seal.
 */
@FunctionalInterface
public interface SealStatusSource {

    Judgement judge(SesSeal seal, Instant signingTime);
}
