package cn.tongban.exchange.events;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where webhooks may point. A webhook's host is resolved (or parsed, if it is an address) and every address it stands
 * for must be a public unicast address that is not one of the platform's own: loopback, unspecified, link-local,
 * private (RFC 1918, RFC 4193 unique local, carrier-grade NAT 100.64/10), multicast, reserved (RFC 6890: 0/8,
 * 192.0.0/24, 198.18/15, 240/4, Teredo, discard-only) and IPv4 addresses embedded in IPv6 forms (compatible, mapped,
 * translated, NAT64, 6to4) are refused. IPv4 literals must be written dotted-decimal ({@code 2130706433},
 * {@code 0x7f.1}, {@code 127.1} are refused: resolvers read them differently). An administrator allows a
 * destination anyway with an entry for all systems or for one: {@code host[:port]} (the URL's host as written) or a
 * CIDR block ({@code 10.8.0.0/16}, {@code ::1/128}).
 *
 * <p>The same check runs at subscription and before each delivery, and the delivery connects to the addresses this
 * check returned (never resolving the name again), so a name that re-resolves to an internal address later (DNS
 * rebinding) is refused at that delivery.
 */
public final class WebhookDestinations {

    /** Resolves a host name to its addresses (the system resolver unless a test injects another). */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    /** A destination that may not be called; the message is for operators, never for the subscriber. */
    public static final class Refused extends Exception {
        public Refused(String operatorDetail) {
            super(operatorDetail, null, false, false);
        }
    }

    private static final Pattern NUMERIC_LABEL = Pattern.compile("(?i)0x[0-9a-f]*|[0-9]+");
    private static final Pattern DOTTED_QUAD =
            Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    /** IPv4 ranges that are not public unicast (RFC 6890 and friends). */
    private static final List<Cidr> FORBIDDEN_V4 = List.of(
                    "0.0.0.0/8",
                    "10.0.0.0/8",
                    "100.64.0.0/10",
                    "127.0.0.0/8",
                    "169.254.0.0/16",
                    "172.16.0.0/12",
                    "192.0.0.0/24",
                    "192.88.99.0/24",
                    "192.168.0.0/16",
                    "198.18.0.0/15",
                    "224.0.0.0/4",
                    "240.0.0.0/4")
            .stream()
            .map(Cidr::parse)
            .toList();

    private static final List<Cidr> FORBIDDEN_V6 = List.of(
                    "::/96",
                    "::ffff:0:0/96",
                    "::ffff:0:0:0/96",
                    "64:ff9b::/96",
                    "64:ff9b:1::/48",
                    "100::/64",
                    "2001::/32",
                    "fc00::/7",
                    "fe80::/10",
                    "fec0::/10",
                    "ff00::/8")
            .stream()
            .map(Cidr::parse)
            .toList();
    private static final Cidr SIX_TO_FOUR = Cidr.parse("2002::/16");

    private final List<Entry> allowedForAll;
    private final Map<String, List<Entry>> allowedPerSystem;
    private final Set<InetAddress> own;
    private final Resolver resolver;

    /**
     * @param allowedForAll    entries allowed for every system
     * @param allowedPerSystem entries allowed for one system (by system id)
     * @param own              the platform's own addresses (refused unless allowed)
     * @param resolver         name resolution
     * @throws IllegalArgumentException for an entry that is neither {@code host[:port]} nor a CIDR block
     */
    public WebhookDestinations(
            List<String> allowedForAll,
            Map<String, List<String>> allowedPerSystem,
            Set<InetAddress> own,
            Resolver resolver) {
        this.allowedForAll = allowedForAll.stream().map(Entry::parse).toList();
        this.allowedPerSystem = allowedPerSystem.entrySet().stream()
                .collect(java.util.stream.Collectors.toUnmodifiableMap(
                        Map.Entry::getKey,
                        e -> e.getValue().stream().map(Entry::parse).toList()));
        this.own = Set.copyOf(own);
        this.resolver = resolver;
    }

    /** Public destinations only, the system resolver, no own addresses known. */
    public static WebhookDestinations publicOnly() {
        return new WebhookDestinations(List.of(), Map.of(), Set.of(), InetAddress::getAllByName);
    }

    /**
     * The addresses {@code system}'s webhook {@code uri} may be called at, in the resolver's order.
     *
     * @throws Refused when the host does not resolve or any of its addresses is not allowed
     */
    public InetAddress[] check(String system, URI uri) throws Refused {
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new Refused("no host");
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        int port = uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        List<Entry> allowed = new ArrayList<>(allowedForAll);
        allowed.addAll(allowedPerSystem.getOrDefault(system, List.of()));
        InetAddress[] addresses = addresses(bare);
        if (allowed.stream().anyMatch(e -> e.matchesHost(bare, port))) {
            return addresses;
        }
        for (InetAddress a : addresses) {
            if (allowed.stream().anyMatch(e -> e.matchesAddress(a))) {
                continue;
            }
            String why = forbidden(a);
            if (why != null) {
                throw new Refused(host + " resolves to " + a.getHostAddress() + " (" + why + ")");
            }
        }
        return addresses;
    }

    private InetAddress[] addresses(String host) throws Refused {
        try {
            if (host.indexOf(':') >= 0) {
                return new InetAddress[] {InetAddress.getByName(host)}; // an IPv6 literal: parsed, not resolved
            }
            String[] labels = host.split("\\.", -1);
            if (NUMERIC_LABEL.matcher(labels[labels.length - 1]).matches()) {
                if (!DOTTED_QUAD.matcher(host).matches()) {
                    throw new Refused(host + " is not a dotted-decimal IPv4 address");
                }
                return new InetAddress[] {InetAddress.getByName(host)}; // a literal: parsed, not resolved
            }
            InetAddress[] resolved = resolver.resolve(host);
            if (resolved == null || resolved.length == 0) {
                throw new Refused(host + " does not resolve");
            }
            return resolved;
        } catch (UnknownHostException e) {
            throw new Refused(host + " does not resolve");
        }
    }

    /** Why {@code a} may not be called without an allow-list entry, or null if it may. */
    String forbidden(InetAddress a) {
        if (a.isAnyLocalAddress()
                || a.isLoopbackAddress()
                || a.isLinkLocalAddress()
                || a.isSiteLocalAddress()
                || a.isMulticastAddress()) {
            return "loopback, unspecified, link-local, private or multicast";
        }
        if (own.contains(a)) {
            return "an address of this platform";
        }
        byte[] b = a.getAddress();
        for (Cidr c : b.length == 4 ? FORBIDDEN_V4 : FORBIDDEN_V6) {
            if (c.contains(b)) {
                return "special-purpose range " + c;
            }
        }
        if (SIX_TO_FOUR.contains(b)) {
            try {
                String inner = forbidden(InetAddress.getByAddress(Arrays.copyOfRange(b, 2, 6)));
                return inner == null ? null : "6to4 of an address that is " + inner;
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
        return null;
    }

    /** An allow-list entry: a host as written with an optional port, or a CIDR block. */
    record Entry(String host, int port, Cidr block) {

        static Entry parse(String text) {
            String t = text.strip().toLowerCase(Locale.ROOT);
            if (t.contains("/")) {
                return new Entry(null, -1, Cidr.parse(t));
            }
            String host = t;
            String port = null;
            int colon = t.indexOf(':');
            if (t.startsWith("[")) {
                int close = t.indexOf(']');
                String rest = close < 0 ? "" : t.substring(close + 1);
                if (close < 0 || !rest.isEmpty() && !rest.startsWith(":")) {
                    throw new IllegalArgumentException("webhook destination " + text + ": not [address][:port]");
                }
                host = t.substring(1, close);
                port = rest.isEmpty() ? null : rest.substring(1);
            } else if (colon >= 0 && colon == t.lastIndexOf(':')) {
                host = t.substring(0, colon);
                port = t.substring(colon + 1);
            }
            int number = -1;
            if (port != null) {
                try {
                    number = Integer.parseInt(port);
                } catch (NumberFormatException e) {
                    number = 0;
                }
            }
            if (host.isEmpty() || number == 0 || number > 65535) {
                throw new IllegalArgumentException("webhook destination " + text + ": not host[:port] or a CIDR block");
            }
            return new Entry(host, number, null);
        }

        boolean matchesHost(String uriHost, int uriPort) {
            return host != null && host.equalsIgnoreCase(uriHost) && (port < 0 || port == uriPort);
        }

        boolean matchesAddress(InetAddress a) {
            return block != null && block.contains(a.getAddress());
        }
    }

    /** An address block. */
    record Cidr(byte[] network, int prefix, String text) {

        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            try {
                String address = text.substring(0, slash);
                if (address.indexOf(':') < 0 && !DOTTED_QUAD.matcher(address).matches()) {
                    throw new IllegalArgumentException("webhook destination " + text + ": not a CIDR block");
                }
                byte[] network = InetAddress.getByName(address.replace("[", "").replace("]", ""))
                        .getAddress();
                int prefix = Integer.parseInt(text.substring(slash + 1));
                if (address.indexOf(':') >= 0 && network.length == 4) {
                    network = mapped(network); // ::ffff:a.b.c.d/n kept as the 16-byte form it was written in
                }
                if (prefix < 0 || prefix > network.length * 8) {
                    throw new IllegalArgumentException("webhook destination " + text + ": bad prefix length");
                }
                return new Cidr(network, prefix, text);
            } catch (UnknownHostException | NumberFormatException | StringIndexOutOfBoundsException e) {
                throw new IllegalArgumentException("webhook destination " + text + ": not a CIDR block");
            }
        }

        private static byte[] mapped(byte[] v4) {
            byte[] b = new byte[16];
            b[10] = (byte) 0xff;
            b[11] = (byte) 0xff;
            System.arraycopy(v4, 0, b, 12, 4);
            return b;
        }

        boolean contains(byte[] address) {
            if (address.length != network.length) {
                return false;
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (address[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            return rest == 0 || ((address[full] ^ network[full]) & (0xff << (8 - rest)) & 0xff) == 0;
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
