/**
 * Where conversations are kept: the {@link com.kidmodstudio.crafty.store.ConversationStore} role,
 * its SQLite implementation (one database file in the user's data directory, versioned
 * migrations, WAL, one serialised writer) and the in-memory one Crafty falls back to when the
 * file cannot be used. Audio is never stored.
 */
package com.kidmodstudio.crafty.store;
