package cn.tongban.catalog.auth;

/**
 * State of an application. {@code EXPIRED} is never stored: a granted authorisation whose validity has ended
 * is reported as expired.
 */
public enum AuthorisationStatus {
    PENDING,
    GRANTED,
    REFUSED,
    REVOKED,
    EXPIRED
}
