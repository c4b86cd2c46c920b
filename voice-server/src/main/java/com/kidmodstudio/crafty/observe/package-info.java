/**
 * Observability in one place: every route and engine reports through {@link com.kidmodstudio.crafty.observe.Telemetry},
 * which writes one JSON object per log line (never the child's words unless {@code log.content} is on)
 * and keeps the Prometheus metrics served at {@code /metrics}.
 */
package com.kidmodstudio.crafty.observe;
