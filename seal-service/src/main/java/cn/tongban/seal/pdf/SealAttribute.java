package cn.tongban.seal.pdf;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;

/**
 * How a PDF stamp carries its seal. STANDARDS.md states no GB/T 38540 profile for PDF [open], so Tongban defines
 * one: the PAdES signature (ETSI EN 319 142-1, SubFilter ETSI.CAdES.detached) has a <b>signed</b> CMS attribute
 * (RFC 5652 §11) of type {@link #OID} whose single value is an OCTET STRING holding the DER of the GB/T 38540
 * SESeal, byte for byte. Being signed, the attribute binds the seal to the signer's signature exactly as
 * TBS_Sign.eseal does in an SES_Signature; the seal picture is the signature widget's appearance.
 * <p>
 * The OID is under the UUID arc 2.25 (ITU-T X.667 / ISO/IEC 9834-8), which needs no registration: it is
 * Tongban's own and must be replaced if a national PDF seal profile assigns one.
 */
public final class SealAttribute {

    /** id-tongban-sesSeal: 2.25.{UUID e67478cf-ae27-47e8-b932-df4a532933de as an integer}. */
    public static final ASN1ObjectIdentifier OID =
            new ASN1ObjectIdentifier("2.25.306327195809400648822842812469940401118");

    private SealAttribute() {}
}
