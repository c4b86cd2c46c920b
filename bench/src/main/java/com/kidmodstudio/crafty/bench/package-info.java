/**
 * The benchmark behind {@code docs/benchmarks.md} ({@code ./studio bench}) and the AOT training
 * run of {@code packaging/build-runtime.sh}: both start real sidecar processes and drive them over
 * their sockets, with the fakes of voice-server's tests as engines of known timings.
 */
package com.kidmodstudio.crafty.bench;
