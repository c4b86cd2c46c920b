package com.kidmodstudio.crafty;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.logging.Logger;

import io.helidon.common.media.type.MediaTypes;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.logging.common.LogConfig;
import io.helidon.service.registry.GlobalServiceRegistry;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.staticcontent.StaticContentService;

import com.kidmodstudio.crafty.config.ConfigProblem;
import com.kidmodstudio.crafty.config.Settings;
import com.kidmodstudio.crafty.config.UserDataDir;
import com.kidmodstudio.crafty.observe.LogSetup;
import com.kidmodstudio.crafty.parent.ParentArea;
import com.kidmodstudio.crafty.parent.PinFile;
import com.kidmodstudio.crafty.safety.SafetyLayer;
import com.kidmodstudio.crafty.store.SqliteNative;
import com.kidmodstudio.crafty.web.DiagnosticsService;
import com.kidmodstudio.crafty.web.HeaderDeadline;
import com.kidmodstudio.crafty.web.MetricsService;
import com.kidmodstudio.crafty.web.HistoryService;
import com.kidmodstudio.crafty.web.Routes;
import com.kidmodstudio.crafty.web.StatusService;
import com.kidmodstudio.crafty.ws.SocketProtocol;

/**
 * Starts the voice server: reads the configuration, builds the engines, wires the routes.
 * Exit status 2 means invalid configuration, 3 a port already in use; each is explained in one
 * line on standard error.
 */
public final class Main {
    /** Exit status for an invalid configuration. */
    static final int EXIT_CONFIG = 2;
    /** Exit status for a port that is already taken. */
    static final int EXIT_PORT_IN_USE = 3;
    /** The argument that resets the parent PIN. */
    static final String RESET_PIN = "--reset-parent-pin";
    private static final Logger LOGGER = Logger.getLogger(Main.class.getName());

    private Main() {
    }

    /**
     * Entry point.
     *
     * @param args none to run; {@code --reset-parent-pin} deletes the parent PIN and exits.
     *             Configuration comes from application.properties and the environment
     */
    public static void main(String[] args) {
        LogSetup.defaults();
        Thread.ofPlatform().daemon().name("web-warm-up").start(Main::warmUpWebStack);
        Config config = configuration();
        if (args.length == 1 && RESET_PIN.equals(args[0])) {
            System.exit(resetParentPin(config));
            return;
        }
        String host;
        int port;
        Crafty crafty;
        boolean watchStdin;
        Path logs;
        try {
            logs = LogSetup.install(config.get("log"));
            host = Settings.string(config.get("server"), "host", "127.0.0.1");
            port = Settings.port(config.get("server"), "port", 3847);
            watchStdin = Settings.flag(config.get("sidecar"), "stdin", false);
            SqliteNative.install(UserDataDir.resolve().resolve("native"));
            crafty = Crafty.create(config);
            if (crafty.telemetry().logContent()) {
                LOGGER.warning("log.content is on: the logs contain what the child and Crafty say");
            }
        } catch (ConfigProblem problem) {
            System.err.println(problem.getMessage());
            System.exit(EXIT_CONFIG);
            return;
        }
        if (!portFree(host, port)) {
            System.err.println("Port " + port + " on " + host + " is already in use by another program "
                                       + "(set SERVER_PORT to use another one).");
            System.exit(EXIT_PORT_IN_USE);
            return;
        }
        // the engines' first health probes run while the server starts, for the first /status
        crafty.llmHealth().refresh();
        crafty.ttsHealth().refresh();
        crafty.sttHealth().refresh();
        WebServer server = WebServer.builder()
                .host(host)
                .port(port)
                .update(builder -> setUp(builder, crafty))
                .build()
                .start();
        if (!server.isRunning()) {
            System.err.println("Crafty could not listen on " + host + ":" + port + " (see the log above).");
            System.exit(EXIT_PORT_IN_USE);
            return;
        }
        LOGGER.info(() -> "Crafty voice server listening on http://" + host + ":" + server.port()
                + " (language " + crafty.language().code() + ", token " + (crafty.guard().tokenRequired() ? "required" : "off")
                + ", logs " + (logs == null ? "on standard error only" : "in " + logs) + ")");
        Runtime.getRuntime().addShutdownHook(new Thread(crafty::close, "engines-close"));
        Thread.ofVirtual().name("safety-lists").start(SafetyLayer::prepare);
        Thread.ofVirtual().name("tts-warm-up").start(crafty.tts()::warmUp);
        crafty.warmer().start();
        if (watchStdin) {
            exitWhenStdinCloses(server);
        }
    }

    /**
     * Initialises Helidon's service registry, HTTP routing and logging classes on a second core
     * while the main thread reads the configuration and builds the engines. The web server needs
     * them only after that, and they are the largest single piece of a start (about 50 ms of
     * interpreted class initialisation, mostly the registry reading its descriptors). A failure
     * here is only logged: the main thread then meets the same code and reports it.
     */
    static void warmUpWebStack() {
        try {
            GlobalServiceRegistry.registry();
            HttpRouting.builder();
            LogConfig.initClass(); // the web server's shutdown hook meets it; it leaves the logging alone (LogSetup)
        } catch (RuntimeException | LinkageError e) {
            LOGGER.fine(() -> "web stack warm-up: " + e);
        }
    }

    /**
     * The configuration: environment variables over system properties over the embedded
     * {@code application.properties}, taken as they are written. The embedded file is read here
     * and given as the only source below the two Helidon adds: Helidon's default would first
     * look for a {@code meta-config} file and then search the working directory and the class
     * path for {@code application.yaml}, {@code .conf}, {@code .json} and {@code .properties}
     * (a stray file in whatever folder the studio started in could have changed the sidecar),
     * and would load parser and mapper services the sidecar does not use. Nor are {@code ${...}}
     * references resolved or filter services loaded. Measured: 30 ms less of every start
     * (packaging/README.md).
     *
     * @return the configuration
     */
    static Config configuration() {
        return Config.builder()
                .sources(ConfigSources.create(embeddedDefaults(), "application.properties"))
                .disableParserServices()
                .disableMapperServices()
                .disableKeyResolving()
                .disableValueResolving()
                .disableFilterServices()
                .build();
    }

    /** @return the embedded {@code application.properties} (UTF-8, as the file is written) */
    static Properties embeddedDefaults() {
        Properties defaults = new Properties();
        try (InputStream in = Main.class.getResourceAsStream("/application.properties")) {
            if (in == null) {
                throw new IllegalStateException("application.properties is missing from the sidecar's jar");
            }
            defaults.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return defaults;
    }

    /**
     * Registers every HTTP and WebSocket route; tests call this on their own server builder.
     *
     * @param server the server being configured
     * @param crafty the components
     */
    static void setUp(WebServerConfig.Builder server, Crafty crafty) {
        StatusService status = new StatusService(crafty.language().code(), List.of(
                new StatusService.Engine("llm", "ollama", crafty.llmHealth()),
                new StatusService.Engine("tts", "piper", crafty.ttsHealth()),
                new StatusService.Engine("stt", "whisper", crafty.sttHealth())), crafty.telemetry()::summary,
                crafty.conversations().store()::status);
        server.routing(http -> {
            http.addFilter(crafty.guard()::filter)
                    .register("/status", status)
                    .register("/metrics", new MetricsService(crafty.telemetry()))
                    .register("/diagnostics", new DiagnosticsService(status, crafty.telemetry(), crafty.config()))
                    .register(new HistoryService(crafty.conversations().store(), crafty.language()));
            if (crafty.uiDir() != null) {
                http.register("/", uiFiles(crafty.uiDir()));
            }
        });
        server.addRouting(Routes.websockets(crafty));
        server.addProtocol(SocketProtocol.create(crafty.sockets()));
        server.addProtocol(Http1Config.builder().addReceiveListener(new HeaderDeadline(crafty.limits().headers())).build());
    }

    /**
     * The renderer's files for browser mode. WebAssembly is served as {@code application/wasm}
     * (hands-free listening's onnxruntime compiles it while it streams in only with that type).
     *
     * @param dir the renderer directory (with index.html)
     * @return the static content service for {@code /}
     */
    static StaticContentService uiFiles(Path dir) {
        return StaticContentService.builder(dir)
                .welcomeFileName("index.html")
                .contentType("wasm", MediaTypes.create("application/wasm"))
                .build();
    }

    /**
     * Deletes the parent PIN file, so the next parent to open the parent area sets a new PIN.
     * Works while Crafty runs: the PIN is read from the file on every try.
     *
     * @param config the configuration ({@code parent.pin}, {@code store.path})
     * @return the exit status: 0, or {@link #EXIT_CONFIG} when the file cannot be deleted
     */
    static int resetParentPin(Config config) {
        try {
            PinFile file = ParentArea.pinFile(config);
            if (file.path() == null) {
                System.out.println("The history is kept in memory (STORE_PATH=:memory:): the parent PIN ends with Crafty.");
                return 0;
            }
            boolean had = file.reset();
            System.out.println(had ? "The parent PIN is reset (" + file.path() + " deleted). The next parent to open "
                    + "\"Für Eltern\" sets a new one." : "No parent PIN was set (" + file.path() + " does not exist).");
            return 0;
        } catch (ConfigProblem | UncheckedIOException problem) {
            System.err.println(problem.getMessage());
            return EXIT_CONFIG;
        }
    }

    /**
     * The studio app keeps a pipe to our standard input and never writes to it: when the app
     * ends, even killed, the pipe closes and the sidecar stops instead of living on as an orphan.
     */
    private static void exitWhenStdinCloses(WebServer server) {
        Thread.ofPlatform().daemon().name("stdin-watch").start(() -> {
            try (InputStream in = System.in) {
                while (in.read() >= 0) {
                    // input is ignored; only its end matters
                }
            } catch (IOException e) {
                LOGGER.fine("stdin: " + e.getMessage());
            }
            LOGGER.info("standard input closed: the studio app is gone, stopping");
            server.stop();
            System.exit(0);
        });
    }

    /**
     * Whether the port can be bound. Helidon logs a failed bind with a stack trace and carries on
     * without a listener; checking first lets the sidecar say it in one line and exit.
     */
    private static boolean portFree(String host, int port) {
        if (port == 0) {
            return true;
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
            return true;
        } catch (BindException e) {
            return false;
        } catch (IOException e) {
            return true;
        }
    }
}
