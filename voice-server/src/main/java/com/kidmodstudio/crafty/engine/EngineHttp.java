package com.kidmodstudio.crafty.engine;

import java.net.URI;
import java.net.http.HttpClient;
import java.security.KeyManagementException;
import java.security.Provider;
import java.security.SecureRandom;
import java.util.function.Supplier;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * HTTP clients for the engines Crafty talks to (Ollama, an OpenAI-compatible server,
 * whisper-server). The JDK's client sets up the default TLS context when it is built, even for a
 * client that only ever speaks plain HTTP; that loads and initialises the whole TLS stack (some
 * 400 classes, several MiB of a small process's memory). The engines run on the child's own
 * machine over {@code http://}, so a client for an {@code http://} URL gets a context that
 * cannot make TLS connections instead; an {@code https://} URL gets the default one.
 */
public final class EngineHttp {
    private static final SSLContext NO_TLS = new NoTlsContext();

    private EngineHttp() {
    }

    /**
     * A client builder for an engine at {@code url}, HTTP/1.1, no redirects, no proxy.
     *
     * @param url the engine's base URL
     * @return a builder with TLS set up only for an {@code https://} URL
     */
    public static HttpClient.Builder builder(URI url) {
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .proxy(HttpClient.Builder.NO_PROXY);
        if (!"https".equalsIgnoreCase(url.getScheme())) {
            builder.sslContext(NO_TLS);
        }
        return builder;
    }

    /**
     * A client built on first use. Each JDK client starts a selector thread of its own and, for
     * TLS, loads the whole TLS stack; a client that a sidecar may never use (the guard model,
     * the model downloads) costs nothing until it is needed.
     *
     * @param build builds the client, at most once
     * @return the client, built on the first call
     */
    public static Supplier<HttpClient> lazily(Supplier<HttpClient> build) {
        return new Supplier<>() {
            private volatile HttpClient client;

            @Override
            public HttpClient get() {
                HttpClient built = client;
                if (built == null) {
                    synchronized (this) {
                        built = client;
                        if (built == null) {
                            built = build.get();
                            client = built;
                        }
                    }
                }
                return built;
            }
        };
    }

    /** A TLS context for clients that never use TLS: every attempt to use it fails. */
    private static final class NoTlsContext extends SSLContext {
        NoTlsContext() {
            super(new NoTls(), new Provider("CraftyNoTls", "1", "no TLS for plain-HTTP engine clients") {
                private static final long serialVersionUID = 1L;
            }, "none");
        }
    }

    private static final class NoTls extends SSLContextSpi {
        private static UnsupportedOperationException refused() {
            return new UnsupportedOperationException("TLS is not set up for an http:// engine URL");
        }

        @Override
        protected void engineInit(KeyManager[] km, TrustManager[] tm, SecureRandom sr) throws KeyManagementException {
            throw new KeyManagementException("TLS is not set up for an http:// engine URL");
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            throw refused();
        }

        @Override
        protected SSLParameters engineGetDefaultSSLParameters() {
            return new SSLParameters();
        }

        @Override
        protected SSLParameters engineGetSupportedSSLParameters() {
            return new SSLParameters();
        }
    }
}
