package cn.tongban.audit.merkle;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The hashing of RFC 9162 §2.1.1 with SHA-256: a leaf is {@code HASH(0x00 || data)}, an interior node is
 * {@code HASH(0x01 || left || right)}, and the empty tree is {@code HASH()}. The distinct prefixes give second
 * preimage resistance between leaves and nodes.
 */
public final class MerkleHash {

    /** SHA-256 output length in bytes. */
    public static final int LENGTH = 32;

    private static final byte LEAF_PREFIX = 0x00;
    private static final byte NODE_PREFIX = 0x01;

    /**
     * One digest per thread, reused: {@code MessageDigest.getInstance} looks the provider up on every call, which
     * cost more than hashing a leaf. The JDK's SHA-256 uses the CPU's SHA extensions where it has them.
     */
    private static final ThreadLocal<MessageDigest> DIGEST = ThreadLocal.withInitial(MerkleHash::sha256);

    private MerkleHash() {}

    /** RFC 9162 §2.1.1: MTH({}) = HASH(). */
    public static byte[] empty() {
        return sha256().digest();
    }

    /** RFC 9162 §2.1.1: MTH({d(0)}) = HASH(0x00 || d(0)). */
    public static byte[] leaf(byte[] data) {
        return leaf(data, 0, data.length);
    }

    /** {@link #leaf(byte[])} of {@code data[offset..offset+length)}. */
    public static byte[] leaf(byte[] data, int offset, int length) {
        MessageDigest md = DIGEST.get();
        md.reset();
        md.update(LEAF_PREFIX);
        md.update(data, offset, length);
        return md.digest();
    }

    /** RFC 9162 §2.1.1: MTH(D_n) = HASH(0x01 || MTH(D[0:k]) || MTH(D[k:n])). */
    public static byte[] node(byte[] left, byte[] right) {
        MessageDigest md = DIGEST.get();
        md.reset();
        md.update(NODE_PREFIX);
        md.update(left);
        md.update(right);
        return md.digest();
    }

    /** The largest power of two strictly smaller than {@code n} (RFC 9162 §2.1.1 "k"), for n &gt; 1. */
    static long splitPoint(long n) {
        if (n < 2) {
            throw new IllegalArgumentException("no split point for n = " + n);
        }
        return Long.highestOneBit(n - 1);
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform must provide SHA-256", e);
        }
    }
}
