/**
 * Shared vocabulary of the engines Crafty drives: cooperative cancellation of a running turn,
 * the health report each engine gives for {@code /status}, and a short-lived cache that keeps
 * health checks off the request path.
 */
package com.kidmodstudio.crafty.engine;
