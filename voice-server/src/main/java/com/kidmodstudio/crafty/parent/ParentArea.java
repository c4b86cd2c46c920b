package com.kidmodstudio.crafty.parent;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import io.helidon.config.Config;

import com.kidmodstudio.crafty.chat.Conversations;
import com.kidmodstudio.crafty.chat.Language;
import com.kidmodstudio.crafty.config.Settings;
import com.kidmodstudio.crafty.store.ConversationStore;
import com.kidmodstudio.crafty.store.ConversationStoreFactory;
import com.kidmodstudio.crafty.store.StoreException;

/**
 * Everything of the parent area, built once: the settings in force, the turn gate, the PIN and
 * the parent sessions, over the conversations' store. Configured under {@code parent}:
 * {@code parent.pin} (the PIN file, {@code PARENT_PIN}; empty means {@code parent-pin} next to
 * the history file), {@code parent.session} (how long a parent session lives after its last use,
 * 10m) and {@code parent.idle} (the longest pause that still counts as talking, 5m).
 *
 * @param settings the parent's settings in force
 * @param gate     the check every turn passes
 * @param pin      the PIN
 * @param sessions the parent sessions a right PIN opens
 * @param store    the conversations, safety events and usage
 */
public record ParentArea(ParentSettingsStore settings, TurnGate gate, ParentPin pin, ParentSessions sessions,
                         ConversationStore store) {

    /**
     * Builds the parent area and hands the retention over to the parent's setting.
     *
     * @param config        the root configuration
     * @param conversations the conversations
     * @param language      the configured language, the default of the setting
     * @param clock         the clock; its zone is the local time of quiet hours and days
     * @return the parent area
     */
    public static ParentArea create(Config config, Conversations conversations, String language, Clock clock) {
        Config parent = config.get("parent");
        Duration retention = Settings.duration(config.get("store"), "retention", Duration.ofDays(90));
        ConversationStore store = conversations.store();
        ParentSettingsStore settings = new ParentSettingsStore(store.parentRecords(),
                                                               ParentSettings.defaults(language, retention));
        conversations.retention().follow(() -> settings.current().retention());
        TurnGate gate = new TurnGate(settings, store.parentRecords(), clock,
                                     Settings.duration(parent, "idle", Duration.ofMinutes(5)));
        ParentPin pin = new ParentPin(pinFile(config), clock);
        return new ParentArea(settings, gate, pin,
                              new ParentSessions(clock, Settings.duration(parent, "session", Duration.ofMinutes(10))),
                              store);
    }

    /**
     * The language Crafty speaks from this start on: the parent's setting when one is saved,
     * else the configured one. The voices and the model's language are chosen at start-up, so a
     * changed setting takes effect when Crafty starts next.
     *
     * @param store      the conversations' store, where the settings are saved
     * @param configured {@code crafty.language}
     * @return the language
     */
    public static Language language(ConversationStore store, Language configured) {
        try {
            String saved = store.parentRecords().settings().getOrDefault("language", "");
            return "de".equals(saved) ? Language.DE : "en".equals(saved) ? Language.EN : configured;
        } catch (StoreException e) {
            return configured;
        }
    }

    /**
     * The PIN file configured under {@code parent.pin}: by default {@code parent-pin} beside the
     * history file ({@code store.path}), in memory when the history is. {@code --reset-parent-pin}
     * deletes the same file.
     *
     * @param config the root configuration
     * @return the PIN file
     */
    public static PinFile pinFile(Config config) {
        String configured = Settings.string(config.get("parent"), "pin", "");
        if (!configured.isEmpty()) {
            return PinFile.at(Path.of(configured).toAbsolutePath());
        }
        String history = ConversationStoreFactory.location(Settings.string(config.get("store"), "path", ""));
        return ":memory:".equals(history) ? PinFile.inMemory()
                : PinFile.at(Path.of(history).toAbsolutePath().getParent().resolve(PinFile.NAME));
    }
}
