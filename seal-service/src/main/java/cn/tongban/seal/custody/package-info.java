/**
 * Key custody: {@link cn.tongban.seal.custody.KeyCustody} hands out {@link cn.tongban.seal.custody.SigningKey}s
 * that sign but never expose the private key. {@link cn.tongban.seal.custody.Pkcs12Custody} (default) reads
 * PKCS#12 files with Bouncy Castle (SM2, ECDSA, RSA); {@link cn.tongban.seal.custody.Pkcs11Custody} uses a
 * PKCS#11 token through SunPKCS11 (RSA, ECDSA; tested with SoftHSM2). Passwords and PINs are never logged and
 * never put in exception messages.
 */
package cn.tongban.seal.custody;
