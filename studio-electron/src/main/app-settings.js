'use strict';

const path = require('node:path');

/** Port of the voice sidecar unless SERVER_PORT says otherwise. */
const DEFAULT_PORT = 3847;
/** How long the sidecar may take to answer GET /status, unless CRAFTY_START_TIMEOUT (seconds) says otherwise. */
const DEFAULT_START_TIMEOUT_S = 20;

/** A setting in the app's environment has a value the app cannot use. */
class SettingsError extends Error {
  constructor(message) {
    super(message);
    this.name = 'SettingsError';
  }
}

function parseInteger(env, name, fallback, min, max) {
  const text = env[name];
  if (text === undefined || text.trim() === '') {
    return fallback;
  }
  const value = Number(text.trim());
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new SettingsError(`Invalid setting ${name}="${text}": expected a whole number from ${min} to ${max}.`);
  }
  return value;
}

/**
 * The app's settings, read from its environment and the system language:
 * - SERVER_PORT: the sidecar's port (default 3847); the host is always 127.0.0.1;
 * - CRAFTY_LANGUAGE: de or en; when unset, English for an English system language, else German
 *   (the sidecar gets the same value, so window and server agree);
 * - CRAFTY_START_TIMEOUT: seconds the sidecar may take to become ready (default 20);
 * - CRAFTY_SERVER_JAR: the voice-server jar for development runs
 *   (default voice-server/target/voice-server.jar next to studio-electron/).
 *
 * @param {object} options
 * @param {Record<string, string|undefined>} options.env the app's environment
 * @param {string} [options.locale] system locale, e.g. 'de-DE' (app.getLocale())
 * @param {string} options.appRoot the studio-electron directory
 * @returns {{host: string, port: number, language: string, readyTimeoutMs: number, jarPath: string}}
 * @throws {SettingsError} naming the variable when a value is unusable
 */
function appSettings({ env, locale = '', appRoot }) {
  const chosenLanguage = (env.CRAFTY_LANGUAGE ?? '').trim();
  return {
    host: '127.0.0.1',
    port: parseInteger(env, 'SERVER_PORT', DEFAULT_PORT, 1, 65535),
    language: chosenLanguage || (/^en\b/i.test(locale) ? 'en' : 'de'),
    readyTimeoutMs: parseInteger(env, 'CRAFTY_START_TIMEOUT', DEFAULT_START_TIMEOUT_S, 1, 600) * 1000,
    jarPath: env.CRAFTY_SERVER_JAR || path.join(appRoot, '..', 'voice-server', 'target', 'voice-server.jar'),
  };
}

module.exports = { appSettings, SettingsError, DEFAULT_PORT };
