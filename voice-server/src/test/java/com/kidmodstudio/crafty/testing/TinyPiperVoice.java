package com.kidmodstudio.crafty.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a Piper voice that Piper loads and runs, tiny enough to build in a test: an ONNX model
 * with Piper's inputs ({@code input} int64 [1, N] phoneme ids, {@code input_lengths} int64 [1],
 * {@code scales} float [3]) and its output ({@code output} float [1, 1, 1, T]), and its
 * {@code .onnx.json} (German, 22050 Hz, espeak-ng's voice {@code de}, one speaker). The graph
 * turns the phoneme ids into a buzz: {@code Reshape(Mul(Mul(Sin(Tile(Cast(input), [1, 256])),
 * Cast(input_lengths)), ReduceSum(scales)), [1, 1, 1, -1])}, 256 samples per phoneme id. The
 * protobuf is written by hand with the field numbers of onnx.proto (ModelProto, GraphProto,
 * NodeProto, AttributeProto, TensorProto, ValueInfoProto).
 */
public final class TinyPiperVoice {
    /** Samples per phoneme id. */
    public static final int SAMPLES_PER_PHONEME = 256;
    private static final int FLOAT = 1;
    private static final int INT64 = 7;
    /** Phonemes espeak-ng writes for German and English, each given an id. */
    private static final String PHONEMES = "abcdefghijklmnopqrstuvwxyzɐɑɒæɔəɛɜɪʊʏøœʃʒçŋχʁɾʔθðʌɹɡːˈˌ̩̯,.!?";

    private TinyPiperVoice() {
    }

    /**
     * Writes the model and its config beside it.
     *
     * @param model where, e.g. {@code de_DE-test-tiny.onnx}; the config goes to {@code <model>.json}
     * @return the model
     * @throws IOException when it cannot be written
     */
    public static Path write(Path model) throws IOException {
        Files.write(model, model());
        Files.writeString(Path.of(model + ".json"), config(), StandardCharsets.UTF_8);
        return model;
    }

    private static String config() {
        StringBuilder ids = new StringBuilder("\"_\": [0], \"^\": [1], \"$\": [2], \" \": [3]");
        int id = 4;
        for (int offset = 0; offset < PHONEMES.length(); ) {
            int codePoint = PHONEMES.codePointAt(offset);
            ids.append(", \"").append(Character.toString(codePoint)).append("\": [").append(id++).append(']');
            offset += Character.charCount(codePoint);
        }
        return """
                {"audio": {"sample_rate": 22050, "quality": "x_low"}, "espeak": {"voice": "de"},
                 "language": {"code": "de_DE", "family": "de", "region": "DE"},
                 "inference": {"noise_scale": 0.667, "length_scale": 1, "noise_w": 0.8},
                 "phoneme_type": "espeak", "num_symbols": %d, "num_speakers": 1, "speaker_id_map": {},
                 "phoneme_id_map": {%s}}
                """.formatted(id, ids);
    }

    private static byte[] model() {
        Proto graph = new Proto()
                .message(1, node("Cast", new String[] {"input"}, "ids", new Proto().string(1, "to").varint(3, FLOAT).varint(20, 2)))
                .message(1, node("Tile", new String[] {"ids", "repeats"}, "tiled", null))
                .message(1, node("Sin", new String[] {"tiled"}, "wave", null))
                .message(1, node("Cast", new String[] {"input_lengths"}, "length", new Proto().string(1, "to").varint(3, FLOAT)
                        .varint(20, 2)))
                .message(1, node("Mul", new String[] {"wave", "length"}, "loud", null))
                .message(1, node("ReduceSum", new String[] {"scales"}, "scale", new Proto().string(1, "keepdims").varint(3, 0)
                        .varint(20, 2)))
                .message(1, node("Mul", new String[] {"loud", "scale"}, "audio", null))
                .message(1, node("Reshape", new String[] {"audio", "shape"}, "output", null))
                .string(2, "tiny-piper")
                .message(5, int64Tensor("repeats", 1, SAMPLES_PER_PHONEME))
                .message(5, int64Tensor("shape", 1, 1, 1, -1))
                .message(11, value("input", INT64, "1", "phonemes"))
                .message(11, value("input_lengths", INT64, "1"))
                .message(11, value("scales", FLOAT, "3"))
                .message(12, value("output", FLOAT, "1", "1", "1", "time"));
        return new Proto()
                .varint(1, 7)
                .string(2, "crafty-tests")
                .message(7, graph)
                .message(8, new Proto().string(1, "").varint(2, 13))
                .bytes();
    }

    private static Proto node(String op, String[] inputs, String output, Proto attribute) {
        Proto node = new Proto();
        for (String input : inputs) {
            node.string(1, input);
        }
        node.string(2, output).string(3, op + "-" + output).string(4, op);
        return attribute == null ? node : node.message(5, attribute);
    }

    private static Proto int64Tensor(String name, long... values) {
        Proto tensor = new Proto().varint(1, values.length).varint(2, INT64);
        Proto packed = new Proto();
        for (long value : values) {
            packed.rawVarint(value);
        }
        return tensor.field(7, packed.bytes()).string(8, name);
    }

    /** A tensor's name, element type and shape: numbers are sizes, other words named sizes. */
    private static Proto value(String name, int type, String... dims) {
        Proto shape = new Proto();
        for (String dim : dims) {
            shape.message(1, dim.chars().allMatch(Character::isDigit) ? new Proto().varint(1, Long.parseLong(dim))
                    : new Proto().string(2, dim));
        }
        Proto tensorType = new Proto().varint(1, type).message(2, shape);
        return new Proto().string(1, name).message(2, new Proto().message(1, tensorType));
    }

    /** Protocol buffers' wire format: varints (type 0) and length-delimited fields (type 2). */
    private static final class Proto {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Proto varint(int field, long value) {
            rawVarint((long) field << 3);
            return rawVarint(value);
        }

        Proto rawVarint(long value) {
            long left = value;
            while ((left & ~0x7fL) != 0) {
                out.write((int) (left & 0x7f) | 0x80);
                left >>>= 7;
            }
            out.write((int) left);
            return this;
        }

        Proto field(int field, byte[] bytes) {
            rawVarint(((long) field << 3) | 2);
            rawVarint(bytes.length);
            out.writeBytes(bytes);
            return this;
        }

        Proto string(int field, String value) {
            return field(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Proto message(int field, Proto message) {
            return field(field, message.bytes());
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
