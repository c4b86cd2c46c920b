package com.kidmodstudio.crafty.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.ObjectMapper;

import com.kidmodstudio.crafty.text.SpeakableText;

/**
 * {@code /voice/tts}: time to the first audio frame and to {@code done}, as the text grows and as
 * clients are added; and the synthesis time of espeak-ng itself, run as the server runs it.
 */
final class TtsBench {
    private static final ObjectMapper JSON = new ObjectMapper();

    private TtsBench() {
    }

    /**
     * Figures of one case.
     *
     * @param label      what varies, e.g. {@code 4 sentences (183 characters)}
     * @param firstAudio ms to the first audio frame
     * @param done       ms to done
     * @param errors     turns that failed
     */
    record Case(String label, Samples firstAudio, Samples done, int errors) {
    }

    /**
     * Speaks 1, 2, 4 and 8 sentences, {@code runs} times each, after one uncounted turn.
     *
     * @param sidecar the server
     * @param runs    turns per length
     * @return one case per length
     * @throws IOException when the connection fails
     */
    static List<Case> lengths(Sidecar sidecar, int runs) throws IOException {
        try (Ws ws = Ws.connect(sidecar, "/voice/tts")) {
            Turns.speak(ws, JSON.createObjectNode().put("text", Engines.sentences(1)));
            return List.of(1, 2, 4, 8).stream().map(count -> {
                Case c = new Case(count + (count == 1 ? " sentence (" : " sentences (")
                                  + Engines.sentences(count).length() + " characters)", new Samples(), new Samples(), 0);
                int errors = 0;
                for (int i = 0; i < runs; i++) {
                    try {
                        Turns.Spoken spoken = Turns.speak(ws, JSON.createObjectNode().put("text", Engines.sentences(count)));
                        if (spoken.error() != null || spoken.firstAudio() < 0) {
                            errors++;
                        } else {
                            c.firstAudio().addNanos(spoken.firstAudio());
                            c.done().addNanos(spoken.done());
                        }
                    } catch (IOException e) {
                        errors++;
                    }
                }
                return new Case(c.label(), c.firstAudio(), c.done(), errors);
            }).toList();
        }
    }

    /**
     * {@code clients} clients each speak one sentence at the same moment.
     *
     * @param sidecar the server
     * @param clients how many
     * @return the case
     */
    static Case clients(Sidecar sidecar, int clients) {
        return atOnce(clients, c -> Ws.connect(sidecar, "/voice/tts"), (ws, c) -> Turns.speak(
                ws, JSON.createObjectNode().put("text", Engines.SENTENCES.get(c % Engines.SENTENCES.size()))));
    }

    /** Opens client {@code c}'s socket. */
    @FunctionalInterface
    interface Opening {
        Ws open(int c) throws IOException;
    }

    /** Client {@code c}'s one spoken turn on its socket. */
    @FunctionalInterface
    interface SpokenTurn {
        Turns.Spoken run(Ws ws, int c) throws IOException;
    }

    /**
     * {@code clients} clients connect, then each runs one spoken turn at the same moment; their
     * times to the first audio frame and to done, and the turns that failed or had no audio.
     *
     * @param clients how many
     * @param opening opens a client's socket
     * @param turn    a client's turn
     * @return the case, labelled by the number of clients
     */
    static Case atOnce(int clients, Opening opening, SpokenTurn turn) {
        Samples first = new Samples();
        Samples done = new Samples();
        AtomicInteger errors = new AtomicInteger();
        AllAtOnce.run(clients, (client, gate) -> {
            try (Ws ws = opening.open(client)) {
                gate.connected();
                Turns.Spoken spoken = turn.run(ws, client);
                if (spoken.error() != null || spoken.firstAudio() < 0) {
                    errors.incrementAndGet();
                } else {
                    first.addNanos(spoken.firstAudio());
                    done.addNanos(spoken.done());
                }
            } catch (IOException | RuntimeException e) {
                errors.incrementAndGet();
            } catch (InterruptedException e) {
                errors.incrementAndGet();
                Thread.currentThread().interrupt();
            }
        });
        return new Case(clients + (clients == 1 ? " client" : " clients"), first, done, errors.get());
    }

    /**
     * Runs espeak-ng on one sentence exactly as the server does (same arguments, text on stdin,
     * WAV on stdout) and measures it, without the server.
     *
     * @param sentence the sentence as the server received it
     * @param runs     how many times
     * @return ms to the end of its output, per run
     * @throws IOException when espeak-ng cannot run
     */
    static Samples espeak(String sentence, int runs) throws IOException {
        Samples total = new Samples();
        byte[] text = SpeakableText.clean(sentence).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < runs; i++) {
            long start = System.nanoTime();
            Process process = new ProcessBuilder("espeak-ng", "-v", "de", "-s", "160", "-p", "50", "-b", "1",
                                                 "--stdin", "--stdout").redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            try (OutputStream in = process.getOutputStream()) {
                in.write(text);
            }
            try (InputStream out = process.getInputStream()) {
                out.transferTo(OutputStream.nullOutputStream());
            }
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
            total.addNanos(System.nanoTime() - start);
        }
        return total;
    }
}
