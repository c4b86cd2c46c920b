package com.kidmodstudio.crafty.fakes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * What a fake language model server answers and how fast: the reply tokens, the delays, and the
 * failures to play. Immutable; built with {@link Builder} or from command-line flags.
 *
 * @param port            TCP port to bind on 127.0.0.1; 0 picks a free one
 * @param tokens          the reply, one element per streamed token
 * @param firstTokenDelay time before the first token (a model being loaded); no headers before it
 * @param tokenDelay      time between two tokens
 * @param splitUtf8       send each line that holds a multi-byte character in two TCP writes,
 *                        cut inside that character
 * @param failStatus      answer every chat request with this HTTP status and
 *                        {@code errorMessage}; 0 for never
 * @param errorAfter      after this many tokens, when the next is due, send an error line and
 *                        end; -1 for never
 * @param errorMessage    the text of that error (or of the {@code failStatus} answer)
 * @param dropAfter       after this many tokens, when the next is due, close the connection
 *                        without ending the reply; -1 for never
 * @param hang            accept requests but never answer them
 * @param models          installed models
 * @param echo            start each reply by repeating the user's last message
 * @param framingNoise    end lines with CRLF and add blank lines (and, for SSE, comment and
 *                        {@code event:} lines), all of which a client must ignore
 * @param apiKey          bearer token the OpenAI-compatible fake requires, or {@code null}
 */
public record FakeScript(int port, List<String> tokens, Duration firstTokenDelay, Duration tokenDelay,
                         boolean splitUtf8, int failStatus, int errorAfter, String errorMessage, int dropAfter, boolean hang,
                         List<String> models, boolean echo, boolean framingNoise, String apiKey) {

    /** The default reply: German with umlauts, ß and an emoji, in tokens as a model cuts them. */
    public static final List<String> GERMAN_REPLY = List.of(
            "Hal", "lo", "!", " Ich", " bin", " Craft", "y", " 🤖", ".", " Heute", " bauen", " wir", " zusammen",
            " einen", " Block", " für", " deine", " Mod", ".", " Möch", "test", " du", " zuerst", " die", " Text",
            "ur", " zeich", "nen", "?", " Das", " wä", "re", " groß", "artig", "!");

    /** The model the fakes have installed unless told otherwise. */
    public static final String DEFAULT_MODEL = "llama3.2:latest";

    /**
     * The tokens of the reply to a request whose last user message is {@code userText}.
     *
     * @param userText the user's last message, or {@code null}
     * @return the tokens to stream
     */
    public List<String> replyTo(String userText) {
        if (!echo || userText == null || userText.isBlank()) {
            return tokens;
        }
        String text = userText.strip();
        List<String> reply = new ArrayList<>(Arrays.asList(text.split("(?= )")));
        if (!text.matches(".*[.!?]$")) {
            reply.add(".");
        }
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i);
            reply.add(i == 0 && !token.startsWith(" ") ? " " + token : token);
        }
        return reply;
    }

    /**
     * Reads a script from flags: {@code --port N --first-token-ms N --token-ms N --tokens N
     * --split-utf8 --fail-status N --error-after N --error TEXT --drop-after N --hang --models a,b --echo
     * --framing-noise --api-key KEY}. {@code --tokens N} makes a reply of N tokens by repeating
     * the German reply.
     *
     * @param args the flags
     * @return the script
     * @throws IllegalArgumentException naming an unknown flag or a missing value
     */
    public static FakeScript fromArgs(String... args) {
        Builder<FakeScript> b = new Builder<>(Function.identity());
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            switch (flag) {
                case "--split-utf8" -> b.splitUtf8();
                case "--hang" -> b.hang();
                case "--echo" -> b.echo();
                case "--framing-noise" -> b.framingNoise();
                default -> {
                    if (i + 1 >= args.length) {
                        throw new IllegalArgumentException("unknown flag or missing value: " + flag);
                    }
                    String value = args[++i];
                    switch (flag) {
                        case "--port" -> b.port(Integer.parseInt(value));
                        case "--first-token-ms" -> b.firstTokenDelay(Duration.ofMillis(Long.parseLong(value)));
                        case "--token-ms" -> b.tokenDelay(Duration.ofMillis(Long.parseLong(value)));
                        case "--tokens" -> b.tokenCount(Integer.parseInt(value));
                        case "--fail-status" -> b.failWith(Integer.parseInt(value), b.errorMessage);
                        case "--error-after" -> b.errorAfter(Integer.parseInt(value), b.errorMessage);
                        case "--error" -> b.errorMessage = value;
                        case "--drop-after" -> b.dropAfter(Integer.parseInt(value));
                        case "--models" -> b.models(value.isEmpty() ? new String[0] : value.split(","));
                        case "--api-key" -> b.apiKey(value);
                        default -> throw new IllegalArgumentException("unknown flag: " + flag);
                    }
                }
            }
        }
        return b.build();
    }

    /**
     * Builds a script, then starts a fake with it.
     *
     * @param <S> the fake that {@link #start()} returns
     */
    public static final class Builder<S> {
        private final Function<FakeScript, S> starter;
        private int port;
        private List<String> tokens = GERMAN_REPLY;
        private Duration firstTokenDelay = Duration.ZERO;
        private Duration tokenDelay = Duration.ZERO;
        private boolean splitUtf8;
        private int failStatus;
        private int errorAfter = -1;
        private String errorMessage = "an error was encountered while running the model: unexpected EOF";
        private int dropAfter = -1;
        private boolean hang;
        private List<String> models = List.of(DEFAULT_MODEL);
        private boolean echo;
        private boolean framingNoise;
        private String apiKey;

        Builder(Function<FakeScript, S> starter) {
            this.starter = starter;
        }

        /** @param port port to bind; 0 (the default) picks a free one @return this */
        public Builder<S> port(int port) {
            this.port = port;
            return this;
        }

        /** @param tokens the reply, one element per token @return this */
        public Builder<S> tokens(String... tokens) {
            this.tokens = List.of(tokens);
            return this;
        }

        /** @param count reply length; repeats the German reply as needed @return this */
        public Builder<S> tokenCount(int count) {
            List<String> reply = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                reply.add(GERMAN_REPLY.get(i % GERMAN_REPLY.size()));
            }
            this.tokens = List.copyOf(reply);
            return this;
        }

        /** @param delay time before the first token, as when the model loads @return this */
        public Builder<S> firstTokenDelay(Duration delay) {
            this.firstTokenDelay = delay;
            return this;
        }

        /** @param delay time between tokens @return this */
        public Builder<S> tokenDelay(Duration delay) {
            this.tokenDelay = delay;
            return this;
        }

        /** Sends lines with a multi-byte character in two TCP writes cut inside it. @return this */
        public Builder<S> splitUtf8() {
            this.splitUtf8 = true;
            return this;
        }

        /** @param status HTTP status for every chat request @param message the error text @return this */
        public Builder<S> failWith(int status, String message) {
            this.failStatus = status;
            this.errorMessage = message;
            return this;
        }

        /** @param tokens tokens sent before the error line @param message its text @return this */
        public Builder<S> errorAfter(int tokens, String message) {
            this.errorAfter = tokens;
            this.errorMessage = message;
            return this;
        }

        /** @param tokens tokens sent before the connection is dropped @return this */
        public Builder<S> dropAfter(int tokens) {
            this.dropAfter = tokens;
            return this;
        }

        /** Never answers any request. @return this */
        public Builder<S> hang() {
            this.hang = true;
            return this;
        }

        /** @param models the installed models (default {@code llama3.2:latest}) @return this */
        public Builder<S> models(String... models) {
            this.models = List.of(models);
            return this;
        }

        /** Starts every reply with the user's last message. @return this */
        public Builder<S> echo() {
            this.echo = true;
            return this;
        }

        /** CRLF line ends, extra blank lines, SSE comments and event lines. @return this */
        public Builder<S> framingNoise() {
            this.framingNoise = true;
            return this;
        }

        /** @param key bearer token the OpenAI-compatible fake requires @return this */
        public Builder<S> apiKey(String key) {
            this.apiKey = key;
            return this;
        }

        /** @return the script */
        public FakeScript build() {
            return new FakeScript(port, tokens, firstTokenDelay, tokenDelay, splitUtf8, failStatus, errorAfter, errorMessage,
                                  dropAfter, hang, models, echo, framingNoise, apiKey);
        }

        /** @return the fake, listening */
        public S start() {
            return starter.apply(build());
        }
    }
}
