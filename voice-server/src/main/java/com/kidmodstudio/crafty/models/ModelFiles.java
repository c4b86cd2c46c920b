package com.kidmodstudio.crafty.models;

import java.nio.file.Path;

/**
 * The layout of the models directory: every file by its catalog name
 * ({@code models/ggml-base-q5_1.bin}, {@code models/de_DE-thorsten-medium.onnx} and its
 * {@code .onnx.json}); a download in progress, or one that a dropped connection or a restart
 * interrupted, is {@code <name>.part} next to it. Only a complete file whose digest matched
 * carries the final name.
 */
final class ModelFiles {
    private ModelFiles() {
    }

    /**
     * The partial file of a target.
     *
     * @param target the installed file's path
     * @return {@code <target>.part}
     */
    static Path part(Path target) {
        return target.resolveSibling(target.getFileName() + ".part");
    }
}
