package cn.tongban.exchange.events;

/**
 * A subscription whose webhook points where the exchange may not call ({@link WebhookDestinations}). The message is
 * the same for every reason, so the subscriber learns nothing about the platform's network; the reason is in the
 * operator log.
 */
public final class WebhookRefusedException extends RuntimeException {

    public WebhookRefusedException() {
        super(
                "webhookUrl: not an allowed destination (it does not resolve, or resolves to a loopback, unspecified,"
                        + " link-local, private, multicast or reserved address, or to this platform); an administrator may"
                        + " allow it",
                null,
                false,
                false);
    }
}
