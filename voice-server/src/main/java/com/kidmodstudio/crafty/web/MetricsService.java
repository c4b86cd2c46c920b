package com.kidmodstudio.crafty.web;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import com.kidmodstudio.crafty.observe.Telemetry;

/**
 * {@code GET /metrics}: the server's metrics in Prometheus text format, protected like
 * {@code /status}.
 */
public final class MetricsService implements HttpService {
    private final Telemetry telemetry;

    /**
     * Creates the service.
     *
     * @param telemetry where the metrics are kept
     */
    public MetricsService(Telemetry telemetry) {
        this.telemetry = telemetry;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::metrics);
    }

    private void metrics(ServerRequest request, ServerResponse response) {
        response.header(HeaderValues.create(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8"));
        response.header(HeaderValues.create(HeaderNames.CACHE_CONTROL, "no-store"));
        response.send(telemetry.scrape());
    }
}
