package com.kidmodstudio.crafty.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * Checks the protocol's first rule from the client's side: every request ends with exactly one
 * final message. Knows each route's final messages besides {@code cancelled} and {@code error}.
 */
public final class Finals {
    /** How long to listen for a second final message once every request has its first. */
    private static final Duration AFTERWARDS = Duration.ofMillis(300);
    /**
     * How long to wait for the next frame: real engines (pocketsphinx, espeak-ng) on a loaded
     * machine take many times their usual second.
     */
    private static final Duration PATIENCE = Duration.ofSeconds(40);

    private Finals() {
    }

    /**
     * Whether a message ends a request on a route.
     *
     * @param route   e.g. {@code /chat}
     * @param message a server message
     * @return true for the route's done message, {@code cancelled} and {@code error}
     */
    public static boolean isFinal(String route, JsonNode message) {
        String type = message.path("type").asText();
        if ("cancelled".equals(type) || "error".equals(type)) {
            return true;
        }
        return switch (route) {
            case "/chat" -> "assistant".equals(type) && message.path("done").asBoolean();
            case "/voice/stt" -> "transcript".equals(type);
            default -> "done".equals(type);
        };
    }

    /**
     * Reads until every request has its final message, then listens a little longer; fails when
     * a request gets a second one or a final message names an unknown request.
     *
     * @param client the socket
     * @param route  its route
     * @param ids    the request ids that must end
     * @return each request's final message, in arrival order
     */
    public static Map<String, JsonNode> await(WsClient client, String route, Set<String> ids) throws InterruptedException {
        return await(client, route, ids, new ArrayList<>());
    }

    /**
     * Like {@link #await(WsClient, String, Set)}, keeping every frame read.
     *
     * @param client the socket
     * @param route  its route
     * @param ids    the request ids that must end
     * @param seen   receives every frame read, in order
     * @return each request's final message, in arrival order
     */
    public static Map<String, JsonNode> await(WsClient client, String route, Set<String> ids, List<WsClient.Frame> seen)
            throws InterruptedException {
        Map<String, JsonNode> finals = new LinkedHashMap<>();
        while (finals.size() < ids.size()) {
            WsClient.Frame frame = client.poll(PATIENCE);
            if (frame == null) {
                fail("no frame within " + PATIENCE + "; still waiting for the end of " + ids + ", have " + finals.keySet());
            }
            seen.add(frame);
            record(route, ids, finals, frame);
        }
        for (WsClient.Frame frame = client.poll(AFTERWARDS); frame != null; frame = client.poll(AFTERWARDS)) {
            seen.add(frame);
            record(route, ids, finals, frame);
        }
        return finals;
    }

    /**
     * Counts the messages of a type among frames.
     *
     * @param frames the frames
     * @param type   e.g. {@code error}
     * @return how many there are
     */
    public static long count(Iterable<WsClient.Frame> frames, String type) {
        long n = 0;
        for (WsClient.Frame frame : frames) {
            n += frame.json() != null && type.equals(frame.type()) ? 1 : 0;
        }
        return n;
    }

    /**
     * Reads until a message of a type arrives, as patiently as {@link #await}.
     *
     * @param client the socket
     * @param type   e.g. {@code transcript.partial}
     * @param seen   receives every frame read, in order
     * @return the message
     */
    public static JsonNode until(WsClient client, String type, List<WsClient.Frame> seen) throws InterruptedException {
        while (true) {
            WsClient.Frame frame = client.poll(PATIENCE);
            if (frame == null) {
                fail("no " + type + " within " + PATIENCE);
            }
            seen.add(frame);
            if (type.equals(frame.type())) {
                return frame.json();
            }
        }
    }

    private static void record(String route, Set<String> ids, Map<String, JsonNode> finals, WsClient.Frame frame) {
        if (frame.json() == null || !isFinal(route, frame.json())) {
            return;
        }
        String id = frame.json().path("requestId").asText();
        if (!ids.contains(id)) {
            fail("a final message for an unknown request: " + frame.json());
        }
        if (finals.putIfAbsent(id, frame.json()) != null) {
            fail("request " + id + " ended twice: " + finals.get(id) + " and " + frame.json());
        }
    }
}
