package com.kidmodstudio.crafty.web;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code GET /status}: whether the server and its engines are up.
 */
public final class StatusService implements HttpService {
    private final Instant started = Instant.now();

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::status);
    }

    private void status(ServerRequest request, ServerResponse response) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("version", version());
        body.put("uptimeMs", Duration.between(started, Instant.now()).toMillis());
        response.send(body);
    }

    static String version() {
        String version = StatusService.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }
}
