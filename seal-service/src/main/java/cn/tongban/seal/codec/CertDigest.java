package cn.tongban.seal.codec;

/** CertDigestObj: digest algorithm name as written in the seal (e.g. "SM3", "SHA1") and the digest value. */
public record CertDigest(String type, Bytes value) {}
