/**
 * The Crafty voice server: a local sidecar of the KidModStudio app that streams a language
 * model's replies, speech-to-text and text-to-speech over WebSocket. {@link com.kidmodstudio.crafty.Main}
 * reads the configuration, builds the engines and wires the routes.
 */
package com.kidmodstudio.crafty;
