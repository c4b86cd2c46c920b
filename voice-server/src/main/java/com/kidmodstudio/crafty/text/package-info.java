/**
 * The text rules between a language model's reply and a voice: where sentences end in German and
 * English ({@link com.kidmodstudio.crafty.text.SentenceSplitter}, with the language knowledge in
 * {@code BoundaryRules} and the decisions in {@code SentenceEnds}), and what of a sentence is read
 * aloud ({@link com.kidmodstudio.crafty.text.SpeakableText}: no Markdown, no emoji). Pure code: no
 * engine, no thread, no I/O.
 */
package com.kidmodstudio.crafty.text;
