package cn.tongban.server.api;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import cn.tongban.api.model.SealHistoryEntryDto;
import cn.tongban.api.model.SealInspectionDto;
import cn.tongban.api.model.SealRecordDto;
import cn.tongban.api.model.SealStatusDto;
import cn.tongban.seal.codec.CertList;
import cn.tongban.seal.codec.SesSeal;
import cn.tongban.seal.registry.RegisteredSeal;
import cn.tongban.seal.registry.StatusChange;
import cn.tongban.seal.verify.SealSignatures;
import cn.tongban.seal.verify.SignatureCheck;

/** Mapping between the seal registry's records, decoded seals and the API's DTOs, at the web edge only. */
final class SealDtos {

    private SealDtos() {}

    /** A registry record; its history when given (null leaves it out, as the list does). */
    static SealRecordDto record(RegisteredSeal r, List<StatusChange> history) {
        SealRecordDto dto = new SealRecordDto(
                        r.esId(),
                        r.ownerUscc(),
                        r.ownerName(),
                        r.sealName(),
                        r.sealSha256(),
                        utc(r.validStart()),
                        utc(r.validEnd()),
                        SealStatusDto.valueOf(r.status().name()),
                        utc(r.statusAt()),
                        utc(r.registeredAt()))
                .statusReason(r.statusReason() == null || r.statusReason().isEmpty() ? null : r.statusReason());
        if (history != null) {
            dto.history(history.stream()
                    .map(h -> new SealHistoryEntryDto(
                                    SealStatusDto.valueOf(h.status().name()),
                                    utc(h.at()),
                                    h.actor(),
                                    utc(h.recordedAt()))
                            .reason(h.reason().isEmpty() ? null : h.reason()))
                    .toList());
        }
        return dto;
    }

    /** What a seal file says about itself, with the result of its maker signature (GB/T 38540 §6.3 steps 1–2). */
    static SealInspectionDto inspection(SesSeal seal, SignatureCheck maker) {
        var p = seal.property();
        return new SealInspectionDto(
                        SealInspectionDto.VersionEnum.valueOf(seal.version().name()),
                        seal.esId(),
                        p.name(),
                        utc(p.validStart()),
                        utc(p.validEnd()),
                        maker.valid())
                .vendorId(seal.header() == null ? null : seal.header().vid())
                .type(p.type())
                .certListType(p.certListType())
                .signerCertificateCount(
                        p.certList() instanceof CertList.Certificates c
                                ? c.certificates().size()
                                : ((CertList.Digests) p.certList()).digests().size())
                .createDate(utc(p.createDate()))
                .pictureType(seal.picture().type())
                .pictureWidthMm(seal.picture().widthMm())
                .pictureHeightMm(seal.picture().heightMm())
                .makerSubject(SealSignatures.parseCertificate(seal.makerCertificate())
                        .map(c -> c.getSubjectX500Principal().getName())
                        .orElse(null))
                .signatureAlgorithm(seal.signatureAlgorithm())
                .makerSignatureDetail(maker.code() + ": " + maker.detail());
    }

    static OffsetDateTime utc(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }
}
