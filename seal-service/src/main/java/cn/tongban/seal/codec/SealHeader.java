package cn.tongban.seal.codec;

/** SES_Header (GB/T 38540 §5 / GM/T 0031-2014): {@code ID} ("ES"), {@code version}, {@code Vid} (vendor id). */
public record SealHeader(String id, int version, String vid) {}
