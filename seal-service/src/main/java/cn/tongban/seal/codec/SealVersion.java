package cn.tongban.seal.codec;

/** Format generation of a seal or signature, detected by structure (docs/STANDARDS.md §1.2). */
public enum SealVersion {
    /** GM/T 0031-2014. */
    V1,
    /** GB/T 38540-2020. */
    V4,
    /** GM/T 0031-2025: v4 plus an optional timestamp on the seal. */
    V5
}
