package com.kidmodstudio.crafty.models;

import java.util.Locale;

/**
 * A catalog model as it is on this computer.
 *
 * @param model the catalog entry
 * @param state installed, downloading, partial (an interrupted download that can resume) or missing
 * @param bytes bytes of it on disk, partial files included
 */
public record ModelState(Catalog.Model model, State state, long bytes) {
    /** Where a model stands. */
    public enum State {
        /** Every file is in place and checked. */
        INSTALLED,
        /** A download is running. */
        DOWNLOADING,
        /** A download was interrupted; installing resumes it. */
        PARTIAL,
        /** Nothing of it is here. */
        MISSING;

        /** @return the wire name, e.g. {@code installed} */
        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
