package cn.tongban.trust.verdict;

/**
 * Why a validation did not pass: the sub-indications of ETSI EN 319 102-1 §5.1.3 (Table 5) that this service
 * reports, plus two seal-registry reasons of GB/T 38540 (docs/STANDARDS.md §1.5). The names are part of the HTTP and
 * CLI contract ({@code subIndication} in the JSON report) and are never renamed.
 *
 * <p>Which {@link Indication} a sub-indication goes with is decided where it is found, not here. Path and time-stamp
 * validation report the ETSI pairing (trust's {@code validation} package); the seal verifiers report
 * {@link #SIG_CONSTRAINTS_FAILURE} and {@link #FORMAT_FAILURE} as TOTAL_FAILED (GM/T 0031-2014 §6.2.3 steps 3 and 6,
 * docs/STANDARDS.md §1.5), where ETSI lists them under INDETERMINATE.
 */
public enum SubIndication {
    /** The document, a signature container, a token or a DER/XML structure is malformed, or its shape breaks a rule. */
    FORMAT_FAILURE,
    /** A digest of the signed data does not match (CMS message-digest, OFD CheckValue, time-stamp imprint). */
    HASH_FAILURE,
    /** A signature value does not verify: the signer's, the seal maker's, or an issuer's over a certificate. */
    SIG_CRYPTO_FAILURE,
    /**
     * A constraint on the signed document is not met: changes after signing outside the allowed set (DocMDP /
     * FieldMDP), shadow attacks, signer not listed by the seal, signing time outside the seal's validity,
     * issuer not trusted for the licence type, a licence identifier with a wrong check character.
     */
    SIG_CONSTRAINTS_FAILURE,
    /** A hash or signature algorithm, or a key size, is below the algorithm policy. */
    CRYPTO_CONSTRAINTS_FAILURE,
    /** Data the signature refers to is not in the document. */
    SIGNED_DATA_NOT_FOUND,
    /** The signer's (or a TSA's) certificate is absent or does not match the signed signing-certificate attribute. */
    NO_SIGNING_CERTIFICATE_FOUND,
    /** No path from the certificate to a trust anchor of the set it is judged against. */
    NO_CERTIFICATE_CHAIN_FOUND,
    /** A path was built but basicConstraints, pathLen, key usage, extended key usage or a critical extension failed. */
    CHAIN_CONSTRAINTS_FAILURE,
    /** The leaf certificate was revoked at or before the time judged at. */
    REVOKED,
    /** The leaf certificate had expired at the time judged at. */
    EXPIRED,
    /** The leaf certificate was not yet valid at the time judged at. */
    NOT_YET_VALID,
    /** A CA certificate of the path was outside its validity at the time judged at. */
    OUT_OF_BOUNDS_NO_POE,
    /** A CA certificate of the path was revoked at or before the time judged at. */
    REVOKED_CA_NO_POE,
    /** Revocation status required by the policy could not be obtained (no OCSP/CRL answer, unknown, stale). */
    TRY_LATER,
    /**
     * The seal registry says the seal was revoked at the signing time (GM/T 0031-2014 §6.1.2: a
     * seal's status is judged like a certificate's; reported as REVOKED would conflate it with certificates).
     */
    SEAL_REVOKED,
    /**
     * The seal was suspended at the signing time (GB/T 38540 seal status in the issuer's registry), even if it
     * was reinstated since: a stamp made while suspended stays invalid.
     */
    SEAL_SUSPENDED,
    /** The seal is not in the registry, or the registry holds different bytes under its esID. */
    SEAL_NOT_REGISTERED
}
