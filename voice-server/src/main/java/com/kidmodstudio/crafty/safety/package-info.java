/**
 * The one safety layer between the routes and the language model: crisis answers with helplines,
 * kind refusals of unsafe requests, masking of personal data, the word-by-word check of every
 * reply, and the optional guard model. The lists and texts are data files in
 * {@code src/main/resources/safety/}; the method and its limits are in {@code docs/safety.md}.
 * Independent of the routes, the store and the parent area: settings come in as suppliers, events
 * go out through {@link com.kidmodstudio.crafty.safety.SafetyEvents}.
 */
package com.kidmodstudio.crafty.safety;
