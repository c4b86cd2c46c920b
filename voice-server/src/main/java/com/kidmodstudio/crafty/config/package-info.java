/**
 * Reading and validating configuration: every component reads its own subtree of
 * {@code application.properties} (environment variables override it, {@code SERVER_PORT} for
 * {@code server.port}) through these helpers, which turn a bad value into one
 * {@link com.kidmodstudio.crafty.config.ConfigProblem} naming the key.
 */
package com.kidmodstudio.crafty.config;
