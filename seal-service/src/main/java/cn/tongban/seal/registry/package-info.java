/**
 * The seal registry: seals per organisation (GB 32100 unified social credit code), status ACTIVE / SUSPENDED /
 * REVOKED with reason and time, and history, on spring-jdbc ({@link cn.tongban.seal.registry.SealRegistry},
 * migration V2026_11_23_60). Verification consults it as a {@link cn.tongban.seal.report.SealStatusSource}.
 */
package cn.tongban.seal.registry;
