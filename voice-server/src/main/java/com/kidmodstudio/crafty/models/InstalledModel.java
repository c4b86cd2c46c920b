package com.kidmodstudio.crafty.models;

import java.nio.file.Path;
import java.util.List;

/**
 * A model whose files are all in the models directory, checked against their digests. The
 * speech engines load it from {@link #files()}.
 *
 * @param id        the catalog id
 * @param role      {@code stt} or {@code tts}
 * @param languages what it understands or speaks
 * @param files     its files, in catalog order (a voice's {@code .onnx} first, then its {@code .onnx.json})
 */
public record InstalledModel(String id, String role, List<String> languages, List<Path> files) {
}
