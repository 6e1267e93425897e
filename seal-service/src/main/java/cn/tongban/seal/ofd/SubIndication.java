package cn.tongban.seal.ofd;

/**
 * Reason behind an {@link Indication}, named as in ETSI EN 319 102-1 §5.1.3 Table 5.
 * Project policy (GM/T 0031-2014 §6.2.3 steps 3 and 6, docs/STANDARDS.md §1.5): a signer certificate missing from the
 * seal and a signing time outside the seal's validity are definitive, so {@link #SIG_CONSTRAINTS_FAILURE}
 * is reported with {@link Indication#TOTAL_FAILED}, where ETSI lists it under INDETERMINATE.
 */
public enum SubIndication {
    /** The container, an XML part or a DER structure is malformed or missing. */
    FORMAT_FAILURE,
    /** A digest of signed data does not match (CheckValue, TBS_Sign.dataHash). */
    HASH_FAILURE,
    /** A signature value does not verify (signer over TBS_Sign, seal maker over SES_SealInfo). */
    SIG_CRYPTO_FAILURE,
    /** A constraint of the seal is not met: signer not listed by the seal, signing time outside its validity. */
    SIG_CONSTRAINTS_FAILURE,
    /** A hash or signature algorithm is not one this service accepts. */
    CRYPTO_CONSTRAINTS_FAILURE,
    /** A file the signature refers to is not in the container. */
    SIGNED_DATA_NOT_FOUND,
    /** The certificate that made a signature (here: a timestamp's TSA certificate) is not available. */
    NO_SIGNING_CERTIFICATE_FOUND,
    /** No certificate chain to a trust anchor was found (the default {@link CertificateJudge}). */
    NO_CERTIFICATE_CHAIN_FOUND,
    /** The chain was built but a constraint on it failed (left to the {@link CertificateJudge}). */
    CHAIN_CONSTRAINTS_FAILURE,
    /** A certificate was revoked (left to the {@link CertificateJudge}). */
    REVOKED,
    /** A certificate had expired at the time of judgement (left to the {@link CertificateJudge}). */
    EXPIRED,
    /** A certificate was not yet valid at the time of judgement (left to the {@link CertificateJudge}). */
    NOT_YET_VALID,
    /** Revocation status could not be obtained (left to the {@link CertificateJudge}). */
    TRY_LATER,
    /** A CA certificate of the path was outside its validity at the signing time (from path validation). */
    OUT_OF_BOUNDS_NO_POE,
    /** A CA certificate of the path was revoked before the signing time (from path validation). */
    REVOKED_CA_NO_POE,
    /**
     * The seal registry says the seal was revoked at the signing time (GM/T 0031-2014 §6.1.2: a seal's status is
     * judged like a certificate's; reported as REVOKED would conflate it with certificates).
     */
    SEAL_REVOKED,
    /**
     * The seal registry says the seal was suspended at the signing time (GM/T 0031-2014 §6.1.2), whether or not it
     * was reinstated since: a stamp made while suspended stays invalid.
     */
    SEAL_SUSPENDED,
    /** The seal is not in the registry, or the registry holds different bytes under its esID. */
    SEAL_NOT_REGISTERED
}
