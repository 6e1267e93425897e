/**
 * Tongban seal-service: GB/T 38540 / GM/T 0031 electronic seals. {@code codec} decodes, {@code verify} checks
 * signatures, {@code make} makes seals, {@code custody} keeps keys (PKCS#12, PKCS#11), {@code stamp}, {@code ofd}
 * and {@code pdf} stamp and verify documents, {@code trust} judges certificates with the trust module and
 * {@code registry} keeps seal status. See the module README.
 */
package cn.tongban.seal;
