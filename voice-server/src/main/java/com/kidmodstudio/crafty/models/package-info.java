/**
 * The models a parent installs from the panel: the versioned {@link com.kidmodstudio.crafty.models.Catalog}
 * (speech recognisers and voices with their publishers' digests), the
 * {@link com.kidmodstudio.crafty.models.ModelManager} that downloads them with progress, resume,
 * digest check and atomic install into the user data directory's {@code models/}, and
 * {@link com.kidmodstudio.crafty.models.OllamaPull}, which has Ollama pull and preload its language model.
 */
package com.kidmodstudio.crafty.models;
