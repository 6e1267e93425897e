package cn.tongban.server.api;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.core.io.Resource;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.RestController;

import cn.tongban.api.model.SealInspectionDto;
import cn.tongban.api.seals.SealsApi;
import cn.tongban.audit.AccessEntry;
import cn.tongban.seal.codec.CertList;
import cn.tongban.seal.codec.Decoded;
import cn.tongban.seal.codec.SealDecoder;
import cn.tongban.seal.codec.SesSeal;
import cn.tongban.seal.verify.SealSignatures;
import cn.tongban.seal.verify.SignatureCheck;
import cn.tongban.server.web.ApiException;
import cn.tongban.server.web.ErrorCode;

/** Seal inspection: decode a GB/T 38540 seal and check its maker's signature (GB/T 38540 §6.3 steps 1–2). */
@RestController
@PreAuthorize("denyAll")
public class SealsController implements SealsApi {

    private final AccessRecorder access;

    public SealsController(AccessRecorder access) {
        this.access = access;
    }

    @Override
    @PreAuthorize("hasAnyRole('SEAL_ADMIN', 'WINDOW_APP', 'SYSTEM')")
    public ResponseEntity<SealInspectionDto> inspectSeal(Resource body) {
        byte[] der = read(body);
        Decoded<SesSeal> decoded = SealDecoder.decodeSeal(der);
        if (decoded instanceof Decoded.Malformed<SesSeal> m) {
            access.record("SEAL_INSPECTION", null, AccessEntry.Outcome.REFUSED, ErrorCode.SEAL_FORMAT_INVALID.name());
            throw new ApiException(ErrorCode.SEAL_FORMAT_INVALID, "Not a well-formed seal: " + m.reason(),
                    List.of(new ApiException.FieldViolation(m.path(), m.reason(), "FORMAT")));
        }
        SesSeal seal = ((Decoded.Ok<SesSeal>) decoded).value();
        SignatureCheck maker = SealSignatures.verifySeal(seal);
        access.record("SEAL_INSPECTION", null, AccessEntry.Outcome.OK, null);
        var p = seal.property();
        SealInspectionDto dto = new SealInspectionDto(SealInspectionDto.VersionEnum.valueOf(seal.version().name()),
                seal.esId(), p.name(), utc(p.validStart()), utc(p.validEnd()), maker.valid())
                .vendorId(seal.header() == null ? null : seal.header().vid())
                .type(p.type())
                .certListType(p.certListType())
                .signerCertificateCount(p.certList() instanceof CertList.Certificates c ? c.certificates().size()
                        : ((CertList.Digests) p.certList()).digests().size())
                .createDate(utc(p.createDate()))
                .pictureType(seal.picture().type())
                .pictureWidthMm(seal.picture().widthMm())
                .pictureHeightMm(seal.picture().heightMm())
                .makerSubject(SealSignatures.parseCertificate(seal.makerCertificate())
                        .map(c -> c.getSubjectX500Principal().getName()).orElse(null))
                .signatureAlgorithm(seal.signatureAlgorithm())
                .makerSignatureDetail(maker.code() + ": " + maker.detail());
        return ResponseEntity.ok(dto);
    }

    private static byte[] read(Resource body) {
        if (body == null) {
            throw new ApiException(ErrorCode.MALFORMED_REQUEST, "The request has no body; send the seal file");
        }
        try (InputStream in = body.getInputStream()) {
            byte[] der = in.readNBytes(SealDecoder.MAX_INPUT_OCTETS + 1);
            if (der.length > SealDecoder.MAX_INPUT_OCTETS) {
                throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "A seal file is at most "
                        + SealDecoder.MAX_INPUT_OCTETS + " bytes");
            }
            if (der.length == 0) {
                throw new ApiException(ErrorCode.MALFORMED_REQUEST, "The request body is empty; send the seal file");
            }
            return der;
        } catch (IOException e) {
            throw new ApiException(ErrorCode.MALFORMED_REQUEST, "The request body could not be read");
        }
    }

    private static OffsetDateTime utc(Instant t) {
        return t == null ? null : t.atOffset(ZoneOffset.UTC);
    }
}
