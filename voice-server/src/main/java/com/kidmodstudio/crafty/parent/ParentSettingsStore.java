package com.kidmodstudio.crafty.parent;

import java.util.Map;
import java.util.function.Supplier;
import java.util.logging.Logger;

import com.kidmodstudio.crafty.store.ParentRecords;
import com.kidmodstudio.crafty.store.StoreException;

/**
 * The parent's settings as they are now: read from the store once, changed only through
 * {@link #update}, which saves before it takes effect. {@link #current()} is cheap and
 * thread-safe, so the turn gate and the safety layer read it on every turn; pass
 * {@code store::current} where a {@code Supplier<ParentSettings>} is wanted.
 */
public final class ParentSettingsStore implements Supplier<ParentSettings> {
    private static final Logger LOGGER = Logger.getLogger(ParentSettingsStore.class.getName());

    private final ParentRecords records;
    private volatile ParentSettings current;

    /**
     * Loads the stored settings over the defaults. Stored values that are no longer valid (or a
     * store that cannot be read) leave the defaults in place, and the log says so.
     *
     * @param records  where they are kept
     * @param defaults the settings before a parent changed anything
     */
    public ParentSettingsStore(ParentRecords records, ParentSettings defaults) {
        this.records = records;
        ParentSettings loaded = defaults;
        try {
            Map<String, String> stored = records.settings();
            loaded = defaults.with(stored);
        } catch (IllegalArgumentException | StoreException e) {
            LOGGER.warning("the stored parent settings cannot be used, using the defaults: " + e.getMessage());
        }
        this.current = loaded;
    }

    /**
     * The settings in force now.
     *
     * @return the settings
     */
    public ParentSettings current() {
        return current;
    }

    @Override
    public ParentSettings get() {
        return current;
    }

    /**
     * Saves new settings and puts them in force.
     *
     * @param settings the new settings
     * @throws StoreException when they cannot be saved; the old ones stay in force
     */
    public synchronized void update(ParentSettings settings) {
        records.saveSettings(settings.toMap());
        current = settings;
    }
}
