/**
 * Raw audio plumbing shared by the speech engines and the voice routes: the one PCM encoding
 * Crafty speaks internally (16-bit little-endian, {@link com.kidmodstudio.crafty.audio.PcmFormat}),
 * WAV files as engines write them (also to pipes, with unknown lengths), conversion of any
 * rate and channel count to 16 kHz mono, and cutting PCM into fixed-length frames for the socket.
 */
package com.kidmodstudio.crafty.audio;
