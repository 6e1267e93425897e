package cn.tongban.server.api;

import java.io.IOException;
import java.io.InputStream;

import org.springframework.core.io.Resource;

import cn.tongban.seal.codec.SealDecoder;
import cn.tongban.server.web.ApiException;
import cn.tongban.server.web.ErrorCode;

/** The request bodies of the seal API, read within their limits: a seal file to inspect, a document to stamp. */
final class SealBodies {

    static final long MAX_DOCUMENT = 64L * 1024 * 1024;

    private SealBodies() {}

    /** A seal file: not empty, at most {@link SealDecoder#MAX_INPUT_OCTETS}. */
    static byte[] sealFile(Resource body) {
        byte[] der = read(body, SealDecoder.MAX_INPUT_OCTETS, "the seal file");
        if (der.length > SealDecoder.MAX_INPUT_OCTETS) {
            throw new ApiException(
                    ErrorCode.PAYLOAD_TOO_LARGE, "A seal file is at most " + SealDecoder.MAX_INPUT_OCTETS + " bytes");
        }
        if (der.length == 0) {
            throw new ApiException(ErrorCode.MALFORMED_REQUEST, "The request body is empty; send the seal file");
        }
        return der;
    }

    /** A document to stamp: at most 64 MB. */
    static byte[] document(Resource body) {
        byte[] bytes = read(body, (int) MAX_DOCUMENT, "the document");
        if (bytes.length > MAX_DOCUMENT) {
            throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, "A document to stamp is at most 64 MB");
        }
        return bytes;
    }

    /** At most {@code max + 1} bytes of the body, so the caller can tell one over its limit. */
    private static byte[] read(Resource body, int max, String what) {
        if (body == null) {
            throw new ApiException(ErrorCode.MALFORMED_REQUEST, "The request has no body; send " + what);
        }
        try (InputStream in = body.getInputStream()) {
            return in.readNBytes(max + 1);
        } catch (IOException e) {
            throw new ApiException(ErrorCode.MALFORMED_REQUEST, "The request body could not be read");
        }
    }
}
