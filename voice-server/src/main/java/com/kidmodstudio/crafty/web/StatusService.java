package com.kidmodstudio.crafty.web;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import com.kidmodstudio.crafty.engine.EngineStatus;
import com.kidmodstudio.crafty.engine.HealthCache;
import com.kidmodstudio.crafty.protocol.Json;
import com.kidmodstudio.crafty.store.StoreStatus;

/**
 * {@code GET /status}: whether the server and its engines are up, measured live. Keeps the seed
 * shape ({@code status}, {@code version}, {@code services.ollama|piper|whisper}) and adds each
 * engine's detail, the language, the uptime and the conversation store ({@code store}). Engines
 * whose {@link HealthCache} holds a fresh answer are reported from it; the others are probed in
 * parallel, so a dead engine delays the answer by its short budget at most. A request that finds
 * every answer fresh ({@code status.ttl}, 2 s by default) starts no thread.
 */
public final class StatusService implements HttpService {
    private static final ExecutorService PROBES = Executors.newVirtualThreadPerTaskExecutor();

    private final Instant started = Instant.now();
    private final String language;
    private final List<Engine> engines;
    private final Supplier<Map<String, Object>> summary;
    private final Supplier<StoreStatus> store;

    /**
     * Creates the service.
     *
     * @param language the configured language code
     * @param engines  the engines to report, in order
     * @param summary  usage figures for the panel (turns served, median time to first audio)
     * @param store    the conversation store's status, reported as {@code store}
     */
    public StatusService(String language, List<Engine> engines, Supplier<Map<String, Object>> summary,
                         Supplier<StoreStatus> store) {
        this.language = language;
        this.engines = List.copyOf(engines);
        this.summary = summary;
        this.store = store;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::status);
    }

    private void status(ServerRequest request, ServerResponse response) {
        response.header(HeaderValues.create(HeaderNames.CONTENT_TYPE, "application/json"));
        response.header(HeaderValues.create(HeaderNames.CACHE_CONTROL, "no-store"));
        response.send(Json.write(body()));
    }

    /**
     * The status document, measured now.
     *
     * @return the body of {@code GET /status}
     */
    public Map<String, Object> body() {
        // a fresh answer is taken as it is; only the engines that need a probe get a thread for it
        List<CompletableFuture<EngineStatus>> probes = engines.stream()
                .map(engine -> {
                    EngineStatus known = engine.health().ifFresh();
                    return known != null ? CompletableFuture.completedFuture(known)
                            : CompletableFuture.supplyAsync(engine.health()::get, PROBES);
                })
                .toList();
        Map<String, Object> services = new LinkedHashMap<>();
        Map<String, Object> details = new LinkedHashMap<>();
        for (int i = 0; i < engines.size(); i++) {
            EngineStatus status = probes.get(i).join();
            services.put(engines.get(i).service(), status.available());
            details.put(engines.get(i).role(), status);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", "ok");
        body.put("version", version());
        body.put("language", language);
        body.put("uptimeMs", Duration.between(started, Instant.now()).toMillis());
        body.put("services", services);
        body.put("engines", details);
        if (store != null) {
            body.put("store", store.get());
        }
        body.put("usage", summary.get());
        return body;
    }

    static String version() {
        String version = StatusService.class.getPackage().getImplementationVersion();
        return version == null ? "dev" : version;
    }

    /**
     * One engine on the status page.
     *
     * @param role    the detail key: {@code llm}, {@code tts} or {@code stt}
     * @param service the seed's boolean key: {@code ollama}, {@code piper} or {@code whisper}
     * @param health  its live health
     */
    public record Engine(String role, String service, HealthCache health) {
    }
}
