package com.kidmodstudio.crafty.testing;

import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a whisper.cpp ggml model that whisper.cpp 1.7.x loads and runs, tiny enough to build in
 * a test (7 MB): the layout of {@code whisper_model_load} (magic {@code ggml}, eleven hyper-parameters,
 * the mel filters, the vocabulary, then every tensor the loader expects by name and shape),
 * multilingual (51865 tokens), one encoder and one decoder layer of width 64, weights zero but for
 * a few that make the greedy decoder say {@link #WORD} and stop: the decoder's layers add nothing,
 * so what it predicts is the token embedding nearest to the position embedding; the prompt's last
 * position points at {@link #WORD}, every later one at the end-of-text token. So the real native
 * code loads the file, computes the mel spectrogram, runs the encoder and decodes, whatever the
 * audio; the transcript is {@link #WORD}.
 */
public final class TinyWhisperModel {
    /** What the model hears in every utterance. */
    public static final String WORD = "Hallo";

    private static final int VOCAB = 51865;
    private static final int AUDIO_CTX = 1500;
    private static final int STATE = 64;
    private static final int TEXT_CTX = 448;
    private static final int MELS = 80;
    private static final int F32 = 0;
    private static final int F16 = 1;
    /** Token ids: " " (which whisper.cpp must find), the word, end-of-text of a multilingual vocabulary. */
    private static final int SPACE = 220;
    private static final int WORD_TOKEN = 1000;
    private static final int END = 50257;
    /** The prompt (start, language, task, no timestamps) ends at this position; the word follows it. */
    private static final int PROMPT_END = 3;

    private TinyWhisperModel() {
    }

    /**
     * Writes the model.
     *
     * @param file where, e.g. {@code ggml-tiny-test.bin}
     * @return the file
     * @throws IOException when it cannot be written
     */
    public static Path write(Path file) throws IOException {
        try (OutputStream stream = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            Le out = new Le(stream);
            out.int32(0x67676d6c);
            for (int value : new int[] {VOCAB, AUDIO_CTX, STATE, 1, 1, TEXT_CTX, STATE, 1, 1, MELS, F16}) {
                out.int32(value);
            }
            out.int32(MELS);
            out.int32(201);
            out.zeros(4L * MELS * 201);
            out.int32(WORD_TOKEN + 1);
            for (int id = 0; id <= WORD_TOKEN; id++) {
                byte[] word = (id == SPACE ? " " : id == WORD_TOKEN ? " " + WORD : "").getBytes(StandardCharsets.UTF_8);
                out.int32(word.length);
                out.stream.write(word);
            }
            encoder(out);
            decoder(out);
        }
        return file;
    }

    private static void encoder(Le out) throws IOException {
        zeros(out, "encoder.positional_embedding", F32, STATE, AUDIO_CTX);
        zeros(out, "encoder.conv1.weight", F16, 3, MELS, STATE);
        zeros(out, "encoder.conv1.bias", F32, 1, STATE);
        zeros(out, "encoder.conv2.weight", F16, 3, STATE, STATE);
        zeros(out, "encoder.conv2.bias", F32, 1, STATE);
        ones(out, "encoder.ln_post.weight");
        zeros(out, "encoder.ln_post.bias", F32, STATE);
        block(out, "encoder.blocks.0.", false);
    }

    private static void decoder(Le out) throws IOException {
        float[] positions = new float[STATE * TEXT_CTX];
        for (int p = PROMPT_END; p < TEXT_CTX; p++) {
            int dim = p == PROMPT_END ? 0 : 1;
            positions[p * STATE + dim] = 10f;
            positions[p * STATE + dim + STATE / 2] = -10f;
        }
        out.header("decoder.positional_embedding", F32, STATE, TEXT_CTX);
        for (float value : positions) {
            out.float32(value);
        }
        out.header("decoder.token_embedding.weight", F16, STATE, VOCAB);
        for (int token = 0; token < VOCAB; token++) {
            int dim = token == WORD_TOKEN ? 0 : token == END ? 1 : -1;
            for (int d = 0; d < STATE; d++) {
                float value = dim < 0 ? 0f : d == dim ? 2f : d == dim + STATE / 2 ? -2f : 0f;
                out.int16(Float.floatToFloat16(value));
            }
        }
        ones(out, "decoder.ln.weight");
        zeros(out, "decoder.ln.bias", F32, STATE);
        block(out, "decoder.blocks.0.", true);
    }

    private static void block(Le out, String prefix, boolean cross) throws IOException {
        zeros(out, prefix + "mlp_ln.weight", F32, STATE);
        zeros(out, prefix + "mlp_ln.bias", F32, STATE);
        zeros(out, prefix + "mlp.0.weight", F16, STATE, 4 * STATE);
        zeros(out, prefix + "mlp.0.bias", F32, 4 * STATE);
        zeros(out, prefix + "mlp.2.weight", F16, 4 * STATE, STATE);
        zeros(out, prefix + "mlp.2.bias", F32, STATE);
        attention(out, prefix + "attn");
        if (cross) {
            attention(out, prefix + "cross_attn");
        }
    }

    private static void attention(Le out, String prefix) throws IOException {
        zeros(out, prefix + "_ln.weight", F32, STATE);
        zeros(out, prefix + "_ln.bias", F32, STATE);
        zeros(out, prefix + ".query.weight", F16, STATE, STATE);
        zeros(out, prefix + ".query.bias", F32, STATE);
        zeros(out, prefix + ".key.weight", F16, STATE, STATE);
        zeros(out, prefix + ".value.weight", F16, STATE, STATE);
        zeros(out, prefix + ".value.bias", F32, STATE);
        zeros(out, prefix + ".out.weight", F16, STATE, STATE);
        zeros(out, prefix + ".out.bias", F32, STATE);
    }

    private static void ones(Le out, String name) throws IOException {
        out.header(name, F32, STATE);
        for (int i = 0; i < STATE; i++) {
            out.float32(1f);
        }
    }

    private static void zeros(Le out, String name, int type, int... dims) throws IOException {
        out.header(name, type, dims);
        long elements = 1;
        for (int dim : dims) {
            elements *= dim;
        }
        out.zeros(elements * (type == F16 ? 2 : 4));
    }

    /** Little-endian writes. */
    private static final class Le {
        private final OutputStream stream;
        private final DataOutputStream data;
        private final byte[] zeros = new byte[8192];

        Le(OutputStream stream) {
            this.stream = stream;
            this.data = new DataOutputStream(stream);
        }

        void int32(int value) throws IOException {
            data.writeInt(Integer.reverseBytes(value));
        }

        void int16(short value) throws IOException {
            data.writeShort(Short.reverseBytes(value));
        }

        void float32(float value) throws IOException {
            int32(Float.floatToIntBits(value));
        }

        void zeros(long count) throws IOException {
            for (long left = count; left > 0; left -= zeros.length) {
                stream.write(zeros, 0, (int) Math.min(zeros.length, left));
            }
        }

        /** A tensor's header: dimensions, name length, type, the dimensions, the name. */
        void header(String name, int type, int... dims) throws IOException {
            byte[] bytes = name.getBytes(StandardCharsets.US_ASCII);
            int32(dims.length);
            int32(bytes.length);
            int32(type);
            for (int dim : dims) {
                int32(dim);
            }
            stream.write(bytes);
        }
    }
}
