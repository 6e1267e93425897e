package cn.tongban.server.proofs;

import java.util.Optional;

/**
 * The licence library (电子证照库): where a holder's e-licences of a type are kept by their issuers. Implementations
 * throw {@link UnavailableException} when the library cannot answer; "no such licence" is an empty result.
 */
public interface LicenceLibrary {

    /** The licence document (OFD or PDF) of {@code typeCode} held by {@code holderCode}, if the library has one. */
    Optional<byte[]> find(String holderCode, String typeCode) throws UnavailableException;

    /** The library did not answer usefully (down, timed out, an error status). */
    final class UnavailableException extends Exception {
        public UnavailableException(String message) {
            super(message);
        }
    }
}
