package cn.tongban.exchange.events;

/**
 * Why a delivery attempt failed, as recorded for the subscriber ({@code lastError} of a delivery): coarse on
 * purpose, so that a webhook cannot be used to learn what answers where (the detail goes to the operator log).
 */
public enum FailureClass {
    /** The destination is not allowed (now, after resolving its name again), so it was not called. */
    REFUSED,
    /** No connection or answer within the webhook timeout. */
    TIMEOUT,
    /** Connection refused, reset, or the TLS handshake failed. */
    CONNECT_FAILED,
    /** A redirect: not followed. */
    HTTP_3XX,
    HTTP_4XX,
    HTTP_5XX;

    static FailureClass ofStatus(int status) {
        return status >= 500 ? HTTP_5XX : status >= 400 ? HTTP_4XX : status >= 300 ? HTTP_3XX : HTTP_4XX;
    }
}
