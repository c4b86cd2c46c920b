package com.kidmodstudio.crafty.store;

/**
 * The store on {@code GET /status}.
 *
 * @param engine        {@code sqlite} or {@code memory}
 * @param path          the database file, or {@code :memory:}
 * @param status        {@code ok} (history is saved), {@code memory} (saved in memory by request,
 *                      e.g. in tests), {@code fallback} (the file could not be used; history
 *                      lives only until Crafty stops), or {@code disk_full} / {@code disk_error}
 *                      (the last write failed because of the disk; nothing is saved until a
 *                      write succeeds again)
 * @param schemaVersion the schema version of the database, or {@code null} in memory
 * @param warning       why the file is not used, or {@code null}
 * @param lastError     the last failed write since start-up, or {@code null}
 */
public record StoreStatus(String engine, String path, String status, Integer schemaVersion, String warning,
                          String lastError) {
}
