/** Certificate judgement for seals by the {@code trust} module: {@link cn.tongban.seal.trust.PathValidatingJudge}. */
package cn.tongban.seal.trust;
