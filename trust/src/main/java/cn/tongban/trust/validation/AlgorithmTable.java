package cn.tongban.trust.validation;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The dated table of cryptographic constraints (ETSI EN 319 102-1 §5.2.8), in the spirit of ETSI TS 119 312 and
 * of the default cryptographic constraints of EU DSS 6.4 ({@code policy/constraint.xml}, AlgoExpirationDate, which
 * cites ETSI TS 119 312 v1.5.1): each row names an algorithm and a key size or curve and the date until which it
 * is acceptable. A row is judged at the time of use: the signing time a time-stamp proves, else the validation
 * time. docs/VERIFICATION.md "Algorithms" lists the rows with their sources.
 */
public record AlgorithmTable(List<Row> rows) {

    /** What a row constrains. */
    public enum Family {
        /** A hash function, by name ({@code SHA-256}). */
        DIGEST,
        /** RSA keys signing with PKCS#1 v1.5 (RFC 8017 §8.2), by smallest modulus. */
        RSA,
        /** RSA keys signing with RSASSA-PSS (RFC 4055, RFC 8017 §8.1), by smallest modulus. */
        RSA_PSS,
        /** ECDSA or SM2 keys, by named curve OID (RFC 5480 §2.1.1.1). */
        CURVE,
        /** EdDSA keys (RFC 8032, RFC 8410), by algorithm OID. */
        EDDSA
    }

    /**
     * One row.
     *
     * @param name      for reports, e.g. {@code "SHA-1"}, {@code "RSA ≥ 1900 bits"}, {@code "brainpoolP256r1"}
     * @param family    what it constrains
     * @param parameter digest name, curve or algorithm OID; null for RSA rows
     * @param minBits   smallest RSA modulus the row covers; 0 for other rows
     * @param until     first day (UTC) the algorithm is no longer acceptable; null: no end date
     * @param source    where the row comes from
     */
    public record Row(String name, Family family, String parameter, int minBits, LocalDate until, String source) {

        public Row {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(family, "family");
            Objects.requireNonNull(source, "source");
        }

        /** Whether the row allows a use at {@code at}: before its end date, or always without one. */
        public boolean allowsAt(Instant at) {
            return until == null
                    || at.isBefore(until.atStartOfDay(ZoneOffset.UTC).toInstant());
        }

        /** "row SHA-1, until 2012-08-01 (source)" or "row SHA-256, no end date (source)". */
        public String describe() {
            return "row " + name + ", " + (until == null ? "no end date" : "acceptable until " + until) + " (" + source
                    + ")";
        }
    }

    private static final String DSS = "ETSI TS 119 312 v1.5.1, as in EU DSS 6.4 default constraint.xml";
    private static final String DSS_OLD = "ETSI TS 102 176-1 V2.1.1, as in EU DSS 6.4 default constraint.xml";
    private static final String EC = "ETSI TS 119 312 v1.5.1 (ECDSA ≥ 256 bits, no end date in EU DSS 6.4)";
    private static final String BRAINPOOL = EC + "; RFC 5639 curve";
    private static final String GM = "GB/T 32918 (SM2), GB/T 32905 (SM3), GB/T 35276; STANDARDS §1.3";
    private static final String EDDSA = "RFC 8032, RFC 8410, RFC 8419 (not in EU DSS 6.4's default policy)";

    public AlgorithmTable {
        rows = List.copyOf(rows);
    }

    /** The default table; see docs/VERIFICATION.md "Algorithms". */
    public static AlgorithmTable defaults() {
        return new AlgorithmTable(List.of(
                digest("MD5", LocalDate.of(2004, 8, 1), DSS_OLD),
                digest("SHA-1", LocalDate.of(2012, 8, 1), DSS),
                digest("SHA-224", LocalDate.of(2029, 1, 1), DSS),
                digest("SHA-256", null, DSS),
                digest("SHA-384", null, DSS),
                digest("SHA-512", null, DSS),
                digest("SHA3-256", null, DSS),
                digest("SHA3-384", null, DSS),
                digest("SHA3-512", null, DSS),
                digest("SM3", null, GM),
                rsa(Family.RSA, 786, LocalDate.of(2010, 8, 1)),
                rsa(Family.RSA, 1024, LocalDate.of(2019, 10, 1)),
                rsa(Family.RSA, 1536, LocalDate.of(2019, 10, 1)),
                rsa(Family.RSA, 1900, LocalDate.of(2029, 1, 1)),
                rsa(Family.RSA, 3000, LocalDate.of(2029, 1, 1)),
                rsa(Family.RSA_PSS, 786, LocalDate.of(2010, 8, 1)),
                rsa(Family.RSA_PSS, 1024, LocalDate.of(2019, 10, 1)),
                rsa(Family.RSA_PSS, 1536, LocalDate.of(2019, 10, 1)),
                rsa(Family.RSA_PSS, 1900, LocalDate.of(2029, 1, 1)),
                rsa(Family.RSA_PSS, 3000, null),
                curve(
                        "P-224",
                        "1.3.132.0.33",
                        LocalDate.of(2021, 10, 1),
                        "ETSI TS 119 312 v1.5.1 (ECDSA 224 bits), as in EU DSS 6.4 default constraint.xml"),
                curve("P-256", "1.2.840.10045.3.1.7", null, EC),
                curve("P-384", "1.3.132.0.34", null, EC),
                curve("P-521", "1.3.132.0.35", null, EC),
                curve("brainpoolP256r1", "1.3.36.3.3.2.8.1.1.7", null, BRAINPOOL),
                curve("brainpoolP384r1", "1.3.36.3.3.2.8.1.1.11", null, BRAINPOOL),
                curve("brainpoolP512r1", "1.3.36.3.3.2.8.1.1.13", null, BRAINPOOL),
                curve("sm2p256v1", "1.2.156.10197.1.301", null, GM),
                new Row("Ed25519", Family.EDDSA, "1.3.101.112", 0, null, EDDSA),
                new Row("Ed448", Family.EDDSA, "1.3.101.113", 0, null, EDDSA)));
    }

    private static Row digest(String name, LocalDate until, String source) {
        return new Row(name, Family.DIGEST, name, 0, until, source);
    }

    private static Row rsa(Family family, int bits, LocalDate until) {
        String name = (family == Family.RSA ? "RSA" : "RSASSA-PSS") + " ≥ " + bits + " bits";
        return new Row(name, family, null, bits, until, DSS);
    }

    private static Row curve(String name, String oid, LocalDate until, String source) {
        return new Row(name, Family.CURVE, oid, 0, until, source);
    }

    /** The row of a digest name ({@code SHA-256}), a curve or an EdDSA algorithm OID. */
    public Optional<Row> row(Family family, String parameter) {
        return rows.stream()
                .filter(r -> r.family() == family && r.parameter().equals(parameter))
                .findFirst();
    }

    /** The RSA row covering a modulus of {@code bits}: the one with the largest minBits not above it. */
    public Optional<Row> rsa(Family family, int bits) {
        return rows.stream()
                .filter(r -> r.family() == family && r.minBits() <= bits)
                .max(Comparator.comparingInt(Row::minBits));
    }
}
