package com.kidmodstudio.crafty.models;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonProperty;

import com.kidmodstudio.crafty.protocol.Json;

/**
 * The models Crafty can download, read from the versioned {@code models/catalog.json} on the
 * class path: speech recognisers ({@code stt}) and voices ({@code tts}), each with the languages
 * it handles, a name a parent understands, and its files with size, URL and the digest its
 * publisher gives ({@code sha1:…} from whisper.cpp's models README and model card,
 * {@code md5:…} from piper-voices' {@code voices.json}; a mirror's own catalog may use
 * {@code sha256:…}).
 *
 * @param version the catalog format's version; this code reads version 1
 * @param models  every model, in the order a parent sees them
 */
public record Catalog(int version, List<Model> models) {
    /** The catalog format this code reads. */
    public static final int VERSION = 1;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    private static final Pattern FILE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    /**
     * The catalog shipped with Crafty.
     *
     * @return the catalog
     */
    public static Catalog shipped() {
        try (InputStream in = Catalog.class.getResourceAsStream("/models/catalog.json")) {
            if (in == null) {
                throw new IllegalStateException("models/catalog.json is missing from the class path");
            }
            return parse(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads and checks a catalog.
     *
     * @param json the catalog file's bytes
     * @return the catalog
     * @throws IllegalArgumentException when it is not a valid version 1 catalog
     */
    public static Catalog parse(byte[] json) {
        Catalog catalog;
        try {
            catalog = Json.read(json, Catalog.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("catalog is not valid JSON: " + e.getMessage(), e);
        }
        catalog.check();
        return catalog;
    }

    /**
     * Looks a model up.
     *
     * @param id the model's id
     * @return the model, if the catalog has it
     */
    public Optional<Model> model(String id) {
        return models.stream().filter(m -> m.id().equals(id)).findFirst();
    }

    /**
     * The model installed when a parent just presses the one button for a role.
     *
     * @param role     {@code stt} or {@code tts}
     * @param language {@code de} or {@code en}
     * @return the default model for them, if there is one
     */
    public Optional<Model> defaultFor(String role, String language) {
        return models.stream().filter(m -> m.isDefault() && m.role().equals(role) && m.languages().contains(language))
                .findFirst();
    }

    private void check() {
        if (version != VERSION) {
            throw new IllegalArgumentException("catalog version " + version + " is not " + VERSION);
        }
        Set<String> ids = new HashSet<>();
        Set<String> names = new HashSet<>();
        for (Model model : models) {
            if (model.id() == null || !ID.matcher(model.id()).matches() || !ids.add(model.id())) {
                throw new IllegalArgumentException("bad or repeated model id: " + model.id());
            }
            if (!"stt".equals(model.role()) && !"tts".equals(model.role())) {
                throw new IllegalArgumentException(model.id() + ": role must be stt or tts");
            }
            if (model.languages() == null || model.languages().isEmpty() || model.name() == null
                    || !model.name().containsKey("de") || !model.name().containsKey("en")) {
                throw new IllegalArgumentException(model.id() + ": needs languages and a German and English name");
            }
            if (model.files() == null || model.files().isEmpty()) {
                throw new IllegalArgumentException(model.id() + ": has no files");
            }
            for (ModelFile file : model.files()) {
                if (file.name() == null || !FILE.matcher(file.name()).matches() || !names.add(file.name())) {
                    throw new IllegalArgumentException(model.id() + ": bad or repeated file name " + file.name());
                }
                if (file.size() <= 0 || file.url() == null || !file.url().startsWith("https://")) {
                    throw new IllegalArgumentException(file.name() + ": needs a size and an https URL");
                }
                Digest.parse(file.digest());
            }
        }
    }

    /**
     * One downloadable model.
     *
     * @param id        stable id, e.g. {@code piper-de_DE-thorsten-medium}
     * @param role      {@code stt} (recogniser) or {@code tts} (voice)
     * @param languages what it understands or speaks, e.g. {@code ["de","en"]}
     * @param name      its name for parents by language ({@code de}, {@code en})
     * @param isDefault whether it is the one installed by default for its role and languages
     * @param files     what has to be downloaded
     */
    public record Model(String id, String role, List<String> languages, Map<String, String> name,
                        @JsonProperty("default") boolean isDefault, List<ModelFile> files) {
        /**
         * The download size.
         *
         * @return the sum of the files' sizes in bytes
         */
        public long sizeBytes() {
            return files.stream().mapToLong(ModelFile::size).sum();
        }
    }

    /**
     * One file of a model. File names are unique across the catalog: they are the names in
     * the models directory, and on a school's mirror.
     *
     * @param name   the file name, e.g. {@code ggml-base-q5_1.bin}
     * @param size   its size in bytes
     * @param url    where its publisher serves it
     * @param digest the publisher's digest, {@code <algorithm>:<hex>}
     */
    public record ModelFile(String name, long size, String url, String digest) {
    }
}
