package cn.tongban.seal.verify;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentHashMap;

import cn.tongban.seal.codec.SesSeal;

/**
 * Memo of {@link SealSignatures#verifySeal}: the seal maker's signature is a pure function of the seal's bytes,
 * and one seal stamps many documents, so each distinct seal (by SHA-256 of its whole DER) is verified once.
 * Bounded: cleared when it holds {@code capacity} seals. Thread-safe.
 */
public final class SealVerificationCache {

    private final int capacity;
    private final ConcurrentHashMap<String, SignatureCheck> checks = new ConcurrentHashMap<>();

    public SealVerificationCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive");
        }
        this.capacity = capacity;
    }

    public SignatureCheck verifySeal(SesSeal seal) {
        String key = sha256(seal.encoded().value());
        SignatureCheck cached = checks.get(key);
        if (cached != null) {
            return cached;
        }
        SignatureCheck check = SealSignatures.verifySeal(seal);
        if (checks.size() >= capacity) {
            checks.clear();
        }
        checks.put(key, check);
        return check;
    }

    private static String sha256(byte[] der) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
