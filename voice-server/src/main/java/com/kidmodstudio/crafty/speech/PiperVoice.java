package com.kidmodstudio.crafty.speech;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;


import com.kidmodstudio.crafty.protocol.Json;
import com.kidmodstudio.crafty.protocol.JsonValue;

/**
 * A Piper voice: the {@code .onnx} model and the facts of its {@code .onnx.json} config that
 * Crafty needs, above all {@code audio.sample_rate}, the rate of every WAV Piper writes.
 *
 * @param model      the {@code .onnx} file
 * @param config     its JSON config, by default the model path plus {@code .json}
 * @param sampleRate {@code audio.sample_rate}
 * @param language   {@code language.code} such as {@code de_DE}, or empty when not given
 * @param speakers   {@code speaker_id_map}: speaker names to ids, empty for single-speaker voices
 */
public record PiperVoice(Path model, Path config, int sampleRate, String language, Map<String, Integer> speakers) {

    /**
     * Reads a voice's config.
     *
     * @param model  the {@code .onnx} file
     * @param config the config file, or {@code null} for the model path plus {@code .json}
     * @return the voice
     * @throws IOException when the config cannot be read or has no usable sample rate
     */
    public static PiperVoice load(Path model, Path config) throws IOException {
        Path json = config != null ? config : Path.of(model + ".json");
        JsonValue root = Json.parse(Files.readString(json));
        int rate = root.path("audio").path("sample_rate").asInt(0);
        if (rate < 8000 || rate > 96_000) {
            throw new IOException(json + " has no usable audio.sample_rate");
        }
        Map<String, Integer> speakers = new TreeMap<>();
        root.path("speaker_id_map").properties().forEach(e -> speakers.put(e.getKey(), e.getValue().asInt()));
        return new PiperVoice(model, json, rate, root.path("language").path("code").asText(""), Map.copyOf(speakers));
    }

    /**
     * Resolves a configured speaker to Piper's {@code --speaker} id.
     *
     * @param speaker a name from {@code speaker_id_map} or a number; empty for the default
     * @return the id, or -1 for the voice's default speaker
     * @throws IllegalArgumentException when the voice has no such speaker
     */
    public int speakerId(String speaker) {
        if (speaker == null || speaker.isBlank()) {
            return -1;
        }
        Integer named = speakers.get(speaker.strip());
        if (named != null) {
            return named;
        }
        try {
            return Integer.parseInt(speaker.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("voice has no speaker named " + speaker + "; known: " + speakers.keySet());
        }
    }
}
