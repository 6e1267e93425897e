package cn.tongban.licence.report;

/**
 * Why a verification did not pass: the sub-indications of ETSI EN 319 102-1 §5.1.3 (Table 5) that this service
 * reports, plus two seal-registry reasons of GB/T 38540 (docs/STANDARDS.md §1.5). The names are part of the HTTP and CLI
 * contract ({@code subIndication} in the JSON report) and are never renamed.
 */
public enum SubIndication {
    /** The document, a signature container or a DER/XML structure is malformed, or its shape breaks a rule. */
    FORMAT_FAILURE,
    /** A digest of the signed data does not match (CMS message-digest, OFD CheckValue, time-stamp imprint). */
    HASH_FAILURE,
    /** A signature value does not verify with the signer's public key. */
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
    /** The signer's certificate is absent or does not match the signed signing-certificate attribute. */
    NO_SIGNING_CERTIFICATE_FOUND,
    /** No path from the signer's certificate to a trust anchor. */
    NO_CERTIFICATE_CHAIN_FOUND,
    /** A path was built but basicConstraints, key usage, extended key usage or a critical extension failed. */
    CHAIN_CONSTRAINTS_FAILURE,
    /** The signer's certificate was revoked at or before the time judged at. */
    REVOKED,
    /** The signer's certificate had expired at the time judged at. */
    EXPIRED,
    /** The signer's certificate was not yet valid at the time judged at. */
    NOT_YET_VALID,
    /** A CA certificate of the path was outside its validity at the time judged at. */
    OUT_OF_BOUNDS_NO_POE,
    /** A CA certificate of the path was revoked at or before the time judged at. */
    REVOKED_CA_NO_POE,
    /** Revocation status could not be obtained (no OCSP/CRL answer, unknown, stale). */
    TRY_LATER,
    /** The seal registry says the seal was revoked at the signing time (GB/T 38540, docs/STANDARDS.md §1.5). */
    SEAL_REVOKED,
    /** The seal registry says the seal was suspended at the signing time (GB/T 38540, docs/STANDARDS.md §1.5). */
    SEAL_SUSPENDED,
    /** The seal is not in the registry, or the registry holds different bytes under its esID. */
    SEAL_NOT_REGISTERED
}
