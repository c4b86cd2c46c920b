package com.kidmodstudio.crafty.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Logger;
import java.util.regex.Pattern;

import io.helidon.config.Config;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Status;
import io.helidon.http.WritableHeaders;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.websocket.WsUpgradeException;

import com.kidmodstudio.crafty.config.ConfigProblem;
import com.kidmodstudio.crafty.config.Settings;
import com.kidmodstudio.crafty.observe.Telemetry;

/**
 * Keeps everyone but the studio app away from Crafty.
 *
 * <ul>
 *     <li>The {@code Host} of every request must be a loopback name, so a web page cannot reach
 *     the server through DNS rebinding.</li>
 *     <li>A WebSocket upgrade carrying an {@code Origin} must come from the app itself
 *     ({@code crafty://app}, or the configured origins) or from the server's own origin (browser mode):
 *     a page the child visits cannot open a socket to Crafty.</li>
 *     <li>When a per-launch token is configured ({@code crafty.token}), HTTP callers send
 *     {@code Authorization: Bearer <token>} and browsers offer it as the WebSocket subprotocol
 *     {@code token.<token>} next to {@code crafty.v1}, which the server then selects. Tokens are
 *     compared in constant time.</li>
 * </ul>
 */
public final class AccessGuard {
    /** The subprotocol the server speaks. */
    public static final String SUBPROTOCOL = "crafty.v1";
    private static final Logger LOGGER = Logger.getLogger(AccessGuard.class.getName());
    private static final HeaderName PROTOCOL = HeaderNames.create("Sec-WebSocket-Protocol");
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{16,256}");
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

    private static final List<String> API_PATHS = List.of("/status", "/metrics", "/history", "/diagnostics", "/parent");

    private final byte[] token;
    private final Set<String> origins;
    private final boolean publicUi;
    private final Telemetry telemetry;

    private AccessGuard(String token, Set<String> origins, boolean publicUi, Telemetry telemetry) {
        this.token = token == null ? null : token.getBytes(StandardCharsets.US_ASCII);
        this.origins = origins;
        this.publicUi = publicUi;
        this.telemetry = telemetry;
    }

    /**
     * Reads {@code crafty.token} ({@code CRAFTY_TOKEN}) and {@code crafty.origins} ({@code CRAFTY_ORIGINS}).
     *
     * @param crafty   the {@code crafty} subtree
     * @param publicUi whether the renderer files are served (browser mode): they load without the
     *                 token, which the page then uses for everything else
     * @param telemetry  counts and logs refusals
     * @return the guard
     */
    public static AccessGuard create(Config crafty, boolean publicUi, Telemetry telemetry) {
        String token = Settings.string(crafty, "token", "");
        if (!token.isEmpty() && !TOKEN.matcher(token).matches()) {
            throw new ConfigProblem("crafty.token", "***",
                                    "expected 16 to 256 characters of hex or unpadded base64url");
        }
        Set<String> origins = new LinkedHashSet<>();
        for (String origin : Settings.string(crafty, "origins", "crafty://app").split(",")) {
            if (!origin.isBlank()) {
                origins.add(origin.trim());
            }
        }
        return new AccessGuard(token.isEmpty() ? null : token, Set.copyOf(origins), publicUi, telemetry);
    }

    /**
     * Whether a token is required.
     *
     * @return true when {@code crafty.token} is set
     */
    public boolean tokenRequired() {
        return token != null;
    }

    /**
     * Checks a WebSocket upgrade and chooses the subprotocol.
     *
     * @param prologue the request line
     * @param headers  the request headers
     * @return headers to add to the 101 response
     * @throws WsUpgradeException when the upgrade must be refused
     */
    public Optional<Headers> upgrade(HttpPrologue prologue, Headers headers) throws WsUpgradeException {
        String host = headers.first(HeaderNames.HOST).orElse("");
        if (!loopbackHost(host)) {
            throw refused(prologue, "host", "host not allowed: " + host);
        }
        Optional<String> origin = headers.first(HeaderNames.ORIGIN);
        if (origin.isPresent() && !allowedOrigin(origin.get(), host)) {
            throw refused(prologue, "origin", "origin not allowed: " + origin.get());
        }
        List<String> offered = new ArrayList<>();
        for (String header : headers.values(PROTOCOL)) {
            for (String value : header.split(",")) {
                if (!value.isBlank()) {
                    offered.add(value.trim());
                }
            }
        }
        if (token != null && !offered.stream().anyMatch(p -> p.startsWith("token.") && tokenMatches(p.substring(6)))
                && !bearerMatches(headers)) {
            throw refused(prologue, "token", "missing or wrong token");
        }
        if (offered.isEmpty()) {
            return Optional.empty();
        }
        if (!offered.contains(SUBPROTOCOL)) {
            throw refused(prologue, "subprotocol", "subprotocol " + SUBPROTOCOL + " not offered");
        }
        WritableHeaders<?> response = WritableHeaders.create();
        response.set(PROTOCOL, SUBPROTOCOL);
        return Optional.of(response);
    }

    /**
     * HTTP filter: loopback {@code Host}, and the bearer token when one is configured. A WebSocket
     * upgrade that reaches HTTP routing was refused by {@link #upgrade} and is answered 403.
     *
     * @param chain    the rest of the routing
     * @param request  the request
     * @param response the response
     */
    public void filter(FilterChain chain, RoutingRequest request, RoutingResponse response) {
        if (request.headers().first(HeaderNames.UPGRADE).filter("websocket"::equalsIgnoreCase).isPresent()) {
            // Helidon hands a WebSocket upgrade refused by upgrade() on to HTTP routing
            response.status(Status.FORBIDDEN_403).send("WebSocket connection refused.");
            return;
        }
        String host = request.headers().first(HeaderNames.HOST).orElse("");
        if (!loopbackHost(host)) {
            telemetry.refused(request.path().path(), "host");
            response.status(Status.FORBIDDEN_403).send("Crafty only answers on this computer (loopback).");
            return;
        }
        if (token != null && !bearerMatches(request.headers()) && !publicFile(request)) {
            telemetry.refused(request.path().path(), "token");
            response.status(Status.UNAUTHORIZED_401)
                    .header(HeaderNames.WWW_AUTHENTICATE, "Bearer realm=\"crafty\"")
                    .send("A valid token is required.");
            return;
        }
        chain.proceed();
    }

    private boolean publicFile(RoutingRequest request) {
        String path = request.path().path();
        return publicUi
                && ("GET".equals(request.prologue().method().text()) || "HEAD".equals(request.prologue().method().text()))
                && API_PATHS.stream().noneMatch(api -> path.equals(api) || path.startsWith(api + "/") || path.startsWith(api + "."));
    }

    private boolean bearerMatches(Headers headers) {
        String value = headers.first(HeaderNames.AUTHORIZATION).orElse("");
        return value.regionMatches(true, 0, "Bearer ", 0, 7) && tokenMatches(value.substring(7).trim());
    }

    private boolean tokenMatches(String candidate) {
        return token != null && MessageDigest.isEqual(token, candidate.getBytes(StandardCharsets.US_ASCII));
    }

    private boolean allowedOrigin(String origin, String host) {
        if (origins.contains(origin)) {
            return true;
        }
        // the server's own origin, for the renderer served in browser mode
        String own = origin.toLowerCase(Locale.ROOT);
        return own.equals("http://" + host.toLowerCase(Locale.ROOT));
    }

    static boolean loopbackHost(String hostHeader) {
        String host = hostHeader.toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            host = end < 0 ? host : host.substring(0, end + 1);
        } else {
            int colon = host.indexOf(':');
            host = colon < 0 ? host : host.substring(0, colon);
        }
        return LOOPBACK.contains(host);
    }

    private WsUpgradeException refused(HttpPrologue prologue, String reason, String why) {
        telemetry.refused(prologue.uriPath().path(), reason);
        LOGGER.fine(() -> "refused WebSocket upgrade of " + prologue.uriPath().path() + ": " + why);
        return new WsUpgradeException(why);
    }
}
