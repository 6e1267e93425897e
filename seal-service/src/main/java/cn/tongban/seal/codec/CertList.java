package cn.tongban.seal.codec;

import java.util.List;

/** SES_CertList CHOICE: the signers' certificates (certListType 1) or their digests (certListType 2). */
public sealed interface CertList {

    /** CertInfoList: each entry the DER of an X.509 certificate, as stored (not checked to be one). */
    record Certificates(List<Bytes> certificates) implements CertList {
        public Certificates {
            certificates = List.copyOf(certificates);
        }
    }

    /** CertDigestList. */
    record Digests(List<CertDigest> digests) implements CertList {
        public Digests {
            digests = List.copyOf(digests);
        }
    }
}
