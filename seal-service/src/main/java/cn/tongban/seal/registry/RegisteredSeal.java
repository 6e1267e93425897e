package cn.tongban.seal.registry;

import java.time.Instant;

/**
 * A seal as the registry holds it.
 *
 * @param esId         SES_SealInfo.esID, the registry key
 * @param ownerUscc    the owning organisation's unified social credit code (GB 32100-2015)
 * @param ownerName    the organisation's name
 * @param sealName     SES_ESPropertyInfo.name
 * @param sealSha256   hex SHA-256 of the seal's DER
 * @param validStart   SES_ESPropertyInfo.validStart
 * @param validEnd     SES_ESPropertyInfo.validEnd
 * @param status       current status
 * @param statusReason reason of the current status; empty when ACTIVE since registration
 * @param statusAt     when the current status took effect
 * @param registeredAt when the seal was registered
 */
public record RegisteredSeal(
        String esId,
        String ownerUscc,
        String ownerName,
        String sealName,
        String sealSha256,
        Instant validStart,
        Instant validEnd,
        SealStatus status,
        String statusReason,
        Instant statusAt,
        Instant registeredAt) {}
