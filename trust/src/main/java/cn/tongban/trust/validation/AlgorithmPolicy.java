package cn.tongban.trust.validation;

import java.security.PublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.RSASSAPSSparams;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

import cn.tongban.trust.validation.AlgorithmTable.Family;
import cn.tongban.trust.validation.AlgorithmTable.Row;

/**
 * Cryptographic constraints (ETSI EN 319 102-1 §5.2.8) over the dated {@link AlgorithmTable}: digests, RSA
 * (PKCS#1 v1.5 and RSASSA-PSS, RFC 4055) by modulus, ECDSA and SM2 by named curve, EdDSA (RFC 8410), each judged
 * at the time of use. Every answer names the table row and its date.
 *
 * @param table the rows
 */
public record AlgorithmPolicy(AlgorithmTable table) {

    /** Hash OIDs (RFC 5754, RFC 8702, GB/T 32905) to the digest names of the table. */
    static final Map<String, String> DIGESTS = Map.ofEntries(
            Map.entry("1.2.840.113549.2.2", "MD2"),
            Map.entry("1.2.840.113549.2.5", "MD5"),
            Map.entry("1.3.14.3.2.26", "SHA-1"),
            Map.entry("2.16.840.1.101.3.4.2.4", "SHA-224"),
            Map.entry("2.16.840.1.101.3.4.2.1", "SHA-256"),
            Map.entry("2.16.840.1.101.3.4.2.2", "SHA-384"),
            Map.entry("2.16.840.1.101.3.4.2.3", "SHA-512"),
            Map.entry("2.16.840.1.101.3.4.2.8", "SHA3-256"),
            Map.entry("2.16.840.1.101.3.4.2.9", "SHA3-384"),
            Map.entry("2.16.840.1.101.3.4.2.10", "SHA3-512"),
            Map.entry("1.2.156.10197.1.401", "SM3"));

    /** Signature algorithm OIDs to {digest name, scheme}; EdDSA hashes internally (digest null). RSASSA-PSS apart. */
    private static final Map<String, String[]> SIGNATURES = Map.ofEntries(
            sig("1.2.840.113549.1.1.2", "MD2", "RSA"),
            sig("1.2.840.113549.1.1.4", "MD5", "RSA"),
            sig("1.2.840.113549.1.1.5", "SHA-1", "RSA"),
            sig("1.2.840.113549.1.1.14", "SHA-224", "RSA"),
            sig("1.2.840.113549.1.1.11", "SHA-256", "RSA"),
            sig("1.2.840.113549.1.1.12", "SHA-384", "RSA"),
            sig("1.2.840.113549.1.1.13", "SHA-512", "RSA"),
            sig("2.16.840.1.101.3.4.3.14", "SHA3-256", "RSA"),
            sig("2.16.840.1.101.3.4.3.15", "SHA3-384", "RSA"),
            sig("2.16.840.1.101.3.4.3.16", "SHA3-512", "RSA"),
            sig("1.2.840.10045.4.1", "SHA-1", "ECDSA"),
            sig("1.2.840.10045.4.3.1", "SHA-224", "ECDSA"),
            sig("1.2.840.10045.4.3.2", "SHA-256", "ECDSA"),
            sig("1.2.840.10045.4.3.3", "SHA-384", "ECDSA"),
            sig("1.2.840.10045.4.3.4", "SHA-512", "ECDSA"),
            sig("2.16.840.1.101.3.4.3.10", "SHA3-256", "ECDSA"),
            sig("2.16.840.1.101.3.4.3.11", "SHA3-384", "ECDSA"),
            sig("2.16.840.1.101.3.4.3.12", "SHA3-512", "ECDSA"),
            sig("1.2.156.10197.1.501", "SM3", "SM2"),
            sig("1.3.101.112", null, "Ed25519"),
            sig("1.3.101.113", null, "Ed448"));

    private static final String RSA_PSS = PKCSObjectIdentifiers.id_RSASSA_PSS.getId();

    private static Map.Entry<String, String[]> sig(String oid, String digest, String scheme) {
        return Map.entry(oid, new String[] {digest, scheme});
    }

    /**
     * The answer about one algorithm use.
     *
     * @param allowed whether the table allows it at the time of use
     * @param text    what was judged, the row and its date, and when failing the source and the time of use
     */
    public record Use(boolean allowed, String text) {}

    public AlgorithmPolicy {
        Objects.requireNonNull(table, "table");
    }

    /** The {@link AlgorithmTable#defaults()} table. */
    public static AlgorithmPolicy defaults() {
        return DEFAULT;
    }

    private static final AlgorithmPolicy DEFAULT = new AlgorithmPolicy(AlgorithmTable.defaults());

    /** The digest name of a hash OID ({@code SHA-256}), if the table's vocabulary has it. */
    public static Optional<String> digestName(String oid) {
        return Optional.ofNullable(DIGESTS.get(oid));
    }

    /** A hash function used at {@code at}, e.g. the digestAlgorithm of a CMS SignerInfo (RFC 5652 §5.3). */
    public Use digest(String oid, Instant at) {
        String name = DIGESTS.get(oid);
        if (name == null) {
            return new Use(false, "digest " + oid + " is not in the algorithm table");
        }
        return judge("digest " + name, table.row(Family.DIGEST, name), at);
    }

    /** A public key used at {@code at}; {@code pss} when it signs with RSASSA-PSS. */
    public Use key(PublicKey key, boolean pss, Instant at) {
        if (key instanceof RSAPublicKey rsa) {
            int bits = rsa.getModulus().bitLength();
            // An id-RSASSA-PSS key (RFC 4055 §1.2) signs with PSS only.
            pss |= RSA_PSS.equals(SubjectPublicKeyInfo.getInstance(key.getEncoded())
                    .getAlgorithm()
                    .getAlgorithm()
                    .getId());
            Family family = pss ? Family.RSA_PSS : Family.RSA;
            return judge((pss ? "RSASSA-PSS" : "RSA") + " key of " + bits + " bits", table.rsa(family, bits), at);
        }
        AlgorithmIdentifier algorithm;
        try {
            algorithm = SubjectPublicKeyInfo.getInstance(key.getEncoded()).getAlgorithm();
        } catch (RuntimeException e) {
            return new Use(false, "key of algorithm " + key.getAlgorithm() + " cannot be identified");
        }
        String oid = algorithm.getAlgorithm().getId();
        if (RSA_PSS.equals(oid)) {
            // An id-RSASSA-PSS key (RFC 4055 §1.2) that the JCA does not expose as RSAPublicKey.
            return new Use(false, "RSASSA-PSS key whose modulus cannot be read");
        }
        if (X9ObjectIdentifiers.id_ecPublicKey.getId().equals(oid)) {
            if (!(algorithm.getParameters() instanceof ASN1ObjectIdentifier curve)) {
                return new Use(
                        false,
                        "EC key with explicit curve parameters, not a named curve of the table " + "(RFC 5480 §2.1.1)");
            }
            Optional<Row> row = table.row(Family.CURVE, curve.getId());
            return judge(
                    "EC key on curve " + row.map(Row::name).orElse(curve.getId()) + " (" + curve.getId() + ")",
                    row,
                    at);
        }
        Optional<Row> eddsa = table.row(Family.EDDSA, oid);
        return judge(eddsa.map(r -> r.name() + " key").orElse("key of algorithm " + oid), eddsa, at);
    }

    /**
     * A signature algorithm (RFC 5280 §4.1.1.2, e.g. of a certificate, CRL or OCSP response) used at {@code at}:
     * its digest judged by the table; RSASSA-PSS parameters (RFC 4055 §3.1) must name one hash for the message
     * and MGF1 and the standard trailer.
     */
    public Use signatureAlgorithm(String oid, byte[] parameters, Instant at) {
        if (RSA_PSS.equals(oid)) {
            Optional<String> hash = pssHash(parameters);
            if (hash.isEmpty()) {
                return new Use(
                        false,
                        "RSASSA-PSS parameters are malformed, or MGF1's hash or the trailer differ "
                                + "from the message hash (RFC 4055 §3.1)");
            }
            Use digest = digest(hash.get(), at);
            return new Use(digest.allowed(), "RSASSA-PSS with " + digest.text());
        }
        String[] known = SIGNATURES.get(oid);
        if (known == null) {
            return new Use(false, "signature algorithm " + oid + " is not in the algorithm table");
        }
        if (known[0] == null) {
            return new Use(true, known[1] + " (hashes internally, RFC 8032)");
        }
        Optional<String> digestOid = DIGESTS.entrySet().stream()
                .filter(e -> e.getValue().equals(known[0]))
                .map(Map.Entry::getKey)
                .findFirst();
        Use digest = digestOid
                .map(d -> digest(d, at))
                .orElse(new Use(false, "digest " + known[0] + " is not in the algorithm table"));
        return new Use(digest.allowed(), known[0].replace("-", "") + "with" + known[1] + ": " + digest.text());
    }

    /**
     * The hash OID of RSASSA-PSS parameters when they are consistent (RFC 4055 §3.1: MGF1 with the same hash,
     * trailerField 1); empty otherwise. Absent parameters mean the SHA-1 defaults.
     */
    public static Optional<String> pssHash(byte[] parameters) {
        try {
            RSASSAPSSparams params =
                    parameters == null ? new RSASSAPSSparams() : RSASSAPSSparams.getInstance(parameters);
            ASN1ObjectIdentifier hash = params.getHashAlgorithm().getAlgorithm();
            AlgorithmIdentifier mgf = params.getMaskGenAlgorithm();
            if (!PKCSObjectIdentifiers.id_mgf1.equals(mgf.getAlgorithm())
                    || !hash.equals(
                            AlgorithmIdentifier.getInstance(mgf.getParameters()).getAlgorithm())
                    || params.getTrailerField().intValue() != 1) {
                return Optional.empty();
            }
            return Optional.of(hash.getId());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Empty when the key is allowed at {@code at}, else the reason naming the row. */
    public Optional<String> checkKey(PublicKey key, String what, Instant at) {
        Use use = key(key, false, at);
        return use.allowed() ? Optional.empty() : Optional.of(what + ": " + use.text());
    }

    /** Empty when the signature algorithm is allowed at {@code at}, else the reason naming the row. */
    public Optional<String> checkSignatureAlgorithm(String oid, byte[] parameters, String what, Instant at) {
        Use use = signatureAlgorithm(oid, parameters, at);
        return use.allowed() ? Optional.empty() : Optional.of(what + " is signed with " + use.text());
    }

    /**
     * Whether every key of {@code chain} (leaf first, anchor last) and every signature on its non-anchor
     * certificates is acceptable at {@code at}; e.g. to tell whether a path that passed at an earlier proven time
     * would pass at the validation time too.
     */
    public boolean allows(java.util.List<java.security.cert.X509Certificate> chain, Instant at) {
        for (int i = 0; i < chain.size(); i++) {
            var c = chain.get(i);
            if (!key(c.getPublicKey(), false, at).allowed()
                    || (i < chain.size() - 1
                            && !signatureAlgorithm(c.getSigAlgOID(), c.getSigAlgParams(), at)
                                    .allowed())) {
                return false;
            }
        }
        return true;
    }

    private static Use judge(String what, Optional<Row> row, Instant at) {
        if (row.isEmpty()) {
            return new Use(false, what + " is not in the algorithm table (ETSI EN 319 102-1 §5.2.8)");
        }
        Row r = row.get();
        if (r.allowsAt(at)) {
            return new Use(
                    true,
                    what + " (row " + r.name() + ", "
                            + (r.until() == null ? "no end date" : "acceptable until " + r.until()) + ")");
        }
        return new Use(
                false,
                what + " is acceptable only for uses before " + r.until() + " (" + r.describe() + "), not at " + at
                        + " (ETSI EN 319 102-1 §5.2.8)");
    }
}
