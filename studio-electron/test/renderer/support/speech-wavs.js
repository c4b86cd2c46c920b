'use strict';

/*
 * Real speech for the fake microphone, made the way the issue asks: espeak-ng's German voice,
 * silences and noise by sox. Every WAV is 16 kHz mono s16le, so that where its words lie can be
 * read off the file itself (loudSpans), and ends in a long silence: Chromium's fake capture
 * plays the file in a loop, and each pass must end its utterance before the next begins.
 * Also reads the audio the page sent to /voice/chat (s16le at 16 kHz) the same way, and finds
 * where in the WAV it was taken from.
 */
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const RATE = 16000;
const WINDOW_MS = 10;

function run(command, args) {
  try {
    execFileSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  } catch (error) {
    const hint = error.code === 'ENOENT' ? ` (${command} is not installed: './studio test' installs it)` : '';
    throw new Error(`${command} ${args.join(' ')} failed${hint}: ${error.stderr || error.message}`);
  }
}

/** German speech of `text`, without espeak-ng's own silence at either end. */
function say(dir, name, text) {
  const raw = path.join(dir, `${name}-raw.wav`);
  const file = path.join(dir, `${name}.wav`);
  run('espeak-ng', ['-v', 'de', '-w', raw, text]);
  run('sox', [raw, '-r', String(RATE), '-c', '1', '-b', '16', file,
    'silence', '1', '0.01', '0.3%', 'reverse', 'silence', '1', '0.01', '0.3%', 'reverse']);
  return file;
}

/** Silence of `seconds`. */
function silence(dir, name, seconds) {
  const file = path.join(dir, `${name}.wav`);
  run('sox', ['-n', '-r', String(RATE), '-c', '1', '-b', '16', file, 'trim', '0', String(seconds)]);
  return file;
}

/** White noise of `seconds` at `volume` (0..1). */
function noise(dir, name, seconds, volume) {
  const file = path.join(dir, `${name}.wav`);
  run('sox', ['-n', '-r', String(RATE), '-c', '1', '-b', '16', file, 'synth', String(seconds), 'whitenoise', 'vol', String(volume)]);
  return file;
}

/** `files` one after another, as 16 kHz mono. */
function concat(dir, name, files) {
  const file = path.join(dir, `${name}.wav`);
  run('sox', [...files, '-r', String(RATE), '-c', '1', '-b', '16', file]);
  return file;
}

/** `a` and `b` mixed (sox -m), as long as the longer one. */
function mix(dir, name, a, b) {
  const file = path.join(dir, `${name}.wav`);
  run('sox', ['-m', a, b, '-r', String(RATE), '-c', '1', '-b', '16', file]);
  return file;
}

/** A file converted to 16 kHz mono 16-bit (e.g. one of the ALSA sounds). */
function resampled(dir, name, source) {
  const file = path.join(dir, `${name}.wav`);
  run('sox', [source, '-r', String(RATE), '-c', '1', '-b', '16', file]);
  return file;
}

/** The samples of a 16 kHz mono s16le WAV written by sox (as Int16Array). */
function samplesOf(file) {
  const bytes = fs.readFileSync(file);
  let offset = 12;
  while (offset + 8 <= bytes.length) {
    const id = bytes.toString('latin1', offset, offset + 4);
    const size = bytes.readUInt32LE(offset + 4);
    if (id === 'fmt ') {
      const rate = bytes.readUInt32LE(offset + 12);
      if (bytes.readUInt16LE(offset + 10) !== 1 || rate !== RATE || bytes.readUInt16LE(offset + 22) !== 16) {
        throw new Error(`${file} is not 16 kHz mono 16-bit`);
      }
    } else if (id === 'data') {
      const data = bytes.subarray(offset + 8, offset + 8 + size);
      return new Int16Array(data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength));
    }
    offset += 8 + size + (size % 2);
  }
  throw new Error(`${file} has no data chunk`);
}

/** Duration in ms of `samples` at 16 kHz. */
function durationMs(samples) {
  return (samples.length * 1000) / RATE;
}

/**
 * Where sound is, in ms: runs of 10 ms windows louder than `dbfs`, joined across gaps shorter
 * than `joinMs` (the quiet consonants inside a word). [{start, end}].
 */
function loudSpans(samples, { dbfs = -35, joinMs = 120 } = {}) {
  const size = (RATE * WINDOW_MS) / 1000;
  const limit = 32768 * 10 ** (dbfs / 20);
  const spans = [];
  for (let start = 0; start + size <= samples.length; start += size) {
    let sum = 0;
    for (let i = start; i < start + size; i++) {
      sum += samples[i] * samples[i];
    }
    if (Math.sqrt(sum / size) >= limit) {
      const at = (start * 1000) / RATE;
      const last = spans[spans.length - 1];
      if (last && at - last.end <= joinMs) {
        last.end = at + WINDOW_MS;
      } else {
        spans.push({ start: at, end: at + WINDOW_MS });
      }
    }
  }
  return spans;
}

/** Loudness in dB of each 10 ms window, floored at -60. */
function envelope(samples) {
  const size = (RATE * WINDOW_MS) / 1000;
  const out = [];
  for (let start = 0; start + size <= samples.length; start += size) {
    let sum = 0;
    for (let i = start; i < start + size; i++) {
      sum += samples[i] * samples[i];
    }
    out.push(Math.max(-60, 20 * Math.log10(Math.sqrt(sum / size) / 32768 + 1e-9)));
  }
  return out;
}

/**
 * Where `part` (audio the page sent) lies in `whole` (the WAV), in ms: the shift of their
 * loudness envelopes that correlates best. Survives the gain and noise suppression the
 * microphone's processing applies, to within a 10 ms window.
 */
function alignMs(part, whole) {
  const a = envelope(part);
  const b = envelope(whole);
  const mean = (xs) => xs.reduce((sum, x) => sum + x, 0) / xs.length;
  let best = { score: -Infinity, shift: 0 };
  for (let shift = 0; shift + a.length <= b.length; shift++) {
    const window = b.slice(shift, shift + a.length);
    const ma = mean(a);
    const mb = mean(window);
    let num = 0;
    let da = 0;
    let db = 0;
    for (let i = 0; i < a.length; i++) {
      num += (a[i] - ma) * (window[i] - mb);
      da += (a[i] - ma) ** 2;
      db += (window[i] - mb) ** 2;
    }
    const score = num / Math.sqrt(da * db + 1e-9);
    if (score > best.score) {
      best = { score, shift };
    }
  }
  return { atMs: best.shift * WINDOW_MS, score: best.score };
}

/** The frames the page sent (Buffers of s16le), joined into samples. */
function samplesFromFrames(frames) {
  const bytes = Buffer.concat(frames);
  return new Int16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength - (bytes.byteLength % 2)));
}

module.exports = { say, silence, noise, concat, mix, resampled, samplesOf, durationMs, loudSpans, alignMs, samplesFromFrames };
