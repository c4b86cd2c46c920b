package com.kidmodstudio.crafty.speech;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Checks that a whisper.cpp ggml model file is whole before native code reads it. whisper.cpp
 * rejects most broken files ({@code init} returns {@code null}), but a file cut off right after
 * its vocabulary loads as an "empty model for testing" and the first utterance aborts the whole
 * process in a ggml assertion; a file cut off inside its vocabulary is read as garbage lengths.
 * So the layout is walked here without reading the weights: magic {@code ggml}, eleven int32
 * hyper-parameters, the mel filters ({@code n_mel}, {@code n_fft}, floats), the vocabulary
 * ({@code n_vocab}, then length-prefixed words), and tensors to the end of the file, each a
 * header ({@code n_dims}, name length, type, dimensions, name) and its data, whose size follows
 * from the type. The file must end exactly after a tensor, with at least one.
 */
final class GgmlModelFile {
    private static final int MAGIC = 0x67676d6c;

    private GgmlModelFile() {
    }

    /**
     * Walks the file.
     *
     * @param model the file
     * @return how many tensors it holds
     * @throws IOException naming the file and what is wrong with it
     */
    static int verify(Path model) throws IOException {
        String name = model.getFileName().toString();
        try (FileChannel file = FileChannel.open(model, StandardOpenOption.READ)) {
            long size = file.size();
            Reader in = new Reader(file, name);
            if (size < 4 || in.int32() != MAGIC) {
                throw new IOException("the model file " + name + " is not a ggml whisper model");
            }
            int[] hparams = new int[11];
            for (int i = 0; i < hparams.length; i++) {
                hparams[i] = in.int32();
            }
            int nMel = in.int32();
            int nFft = in.int32();
            in.skip(4L * nonNegative(nMel, name) * nonNegative(nFft, name));
            int nVocab = nonNegative(in.int32(), name);
            for (int i = 0; i < nVocab; i++) {
                in.skip(nonNegative(in.int32(), name));
            }
            int tensors = 0;
            while (in.position() < size) {
                int dims = in.int32();
                int nameLength = in.int32();
                int type = in.int32();
                if (dims < 1 || dims > 4 || nameLength < 1 || nameLength > 1024) {
                    throw new IOException("the model file " + name + " has a broken tensor after " + tensors);
                }
                long elements = 1;
                for (int d = 0; d < dims; d++) {
                    elements *= nonNegative(in.int32(), name);
                }
                in.skip(nameLength);
                in.skip(bytes(type, elements, name));
                tensors++;
            }
            if (in.position() != size || tensors == 0) {
                throw new IOException("the model file " + name + " is cut off (" + size + " bytes, "
                                      + tensors + " tensors complete)");
            }
            return tensors;
        }
    }

    private static long bytes(int type, long elements, String name) throws IOException {
        long[] sizeAndBlock = switch (type) {
            case 0 -> new long[] {4, 1};      // F32
            case 1 -> new long[] {2, 1};      // F16
            case 2 -> new long[] {18, 32};    // Q4_0
            case 3 -> new long[] {20, 32};    // Q4_1
            case 6 -> new long[] {22, 32};    // Q5_0
            case 7 -> new long[] {24, 32};    // Q5_1
            case 8 -> new long[] {34, 32};    // Q8_0
            case 9 -> new long[] {36, 32};    // Q8_1
            case 10 -> new long[] {84, 256};  // Q2_K
            case 11 -> new long[] {110, 256}; // Q3_K
            case 12 -> new long[] {144, 256}; // Q4_K
            case 13 -> new long[] {176, 256}; // Q5_K
            case 14 -> new long[] {210, 256}; // Q6_K
            case 15 -> new long[] {292, 256}; // Q8_K
            default -> throw new IOException("the model file " + name + " has a tensor of unknown type " + type);
        };
        return elements / sizeAndBlock[1] * sizeAndBlock[0];
    }

    private static int nonNegative(int value, String name) throws IOException {
        if (value < 0) {
            throw new IOException("the model file " + name + " has a negative count where a size belongs");
        }
        return value;
    }

    /** Little-endian reads that say "cut off" at the end of the file. */
    private static final class Reader {
        private final FileChannel file;
        private final String name;
        private final ByteBuffer four = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
        private long position;

        Reader(FileChannel file, String name) {
            this.file = file;
            this.name = name;
        }

        int int32() throws IOException {
            four.clear();
            while (four.hasRemaining()) {
                if (file.read(four, position + four.position()) < 0) {
                    throw new IOException("the model file " + name + " is cut off at byte " + position);
                }
            }
            position += 4;
            return four.flip().getInt();
        }

        void skip(long bytes) throws IOException {
            if (position + bytes > file.size()) {
                throw new IOException("the model file " + name + " is cut off at byte " + file.size());
            }
            position += bytes;
        }

        long position() {
            return position;
        }
    }
}
