'use strict';

/**
 * The environment the voice sidecar starts with: a fixed allow-list, never the app's whole
 * environment. This module is the one place that list lives.
 *
 * What the sidecar gets:
 * - set by the supervisor (anything the app's own environment says is ignored):
 *   SERVER_HOST, SERVER_PORT, CRAFTY_TOKEN (random per start, never in argv) and
 *   SIDECAR_STDIN=true (the sidecar exits when its standard input reaches end of file);
 * - passed through when set, for the sidecar's own configuration: every variable whose name
 *   starts with one of SIDECAR_CONFIG_PREFIXES, the sidecar's configuration sections
 *   (application.properties' crafty, llm, ollama, status, limits, store, ws, and the speech engines'
 *   piper, whisper, espeak, pocketsphinx, tts, stt, voice, models, speech), e.g. CRAFTY_LANGUAGE, OLLAMA_URL,
 *   LLM_API_KEY, PIPER_VOICE, WHISPER_MODEL, ESPEAK_BIN, LIMITS_TEXT, STORE_PATH, WS_PING;
 * - passed through when set, for the process itself: PROCESS_VARIABLES (PATH, HOME, the locale,
 *   the temporary directory, JAVA_HOME, XDG_DATA_HOME (where the conversation history lives on
 *   Linux), and what Windows needs to start a process).
 *
 * Nothing else: not the app's own settings (APP_ONLY_VARIABLES), no SERVER_* from the app's
 * environment (the supervisor owns host and port), not UI_DIR (it serves the renderer for
 * browser mode, which the app does not need), no JAVA_TOOL_OPTIONS or JDK_JAVA_OPTIONS (they
 * would change the JVM behind the app's back).
 */

/** Variables the supervisor sets itself; the app's environment never supplies them. */
const OWNED_VARIABLES = Object.freeze(['SERVER_HOST', 'SERVER_PORT', 'CRAFTY_TOKEN', 'SIDECAR_STDIN']);

/** The desktop app's own settings (app-settings.js); they share a prefix but are not the sidecar's. */
const APP_ONLY_VARIABLES = Object.freeze(['CRAFTY_START_TIMEOUT', 'CRAFTY_SERVER_JAR']);

/** Name prefixes of the sidecar's configuration keys (key a.b.c is read from env A_B_C). */
const SIDECAR_CONFIG_PREFIXES = Object.freeze([
  'CRAFTY_', 'LLM_', 'OLLAMA_', 'PIPER_', 'WHISPER_', 'ESPEAK_', 'POCKETSPHINX_',
  'TTS_', 'STT_', 'VOICE_', 'STATUS_', 'LIMITS_', 'STORE_', 'WS_', 'PARENT_', 'MODELS_', 'SPEECH_',
]);

/** Variables a process needs to run normally, passed through unchanged when set. */
const PROCESS_VARIABLES = Object.freeze([
  'PATH', 'HOME', 'USER', 'LOGNAME', 'LANG', 'LANGUAGE', 'LC_ALL', 'LC_CTYPE', 'LC_MESSAGES',
  'TZ', 'TMPDIR', 'TEMP', 'TMP', 'JAVA_HOME', 'XDG_RUNTIME_DIR', 'XDG_DATA_HOME',
  // Windows: without these a child process cannot find its system libraries or profile.
  'SYSTEMROOT', 'WINDIR', 'COMSPEC', 'PATHEXT', 'USERPROFILE', 'APPDATA', 'LOCALAPPDATA',
  'PROGRAMDATA', 'PROGRAMFILES', 'NUMBER_OF_PROCESSORS', 'PROCESSOR_ARCHITECTURE',
]);

/**
 * Whether the variable `name` may pass from the app's environment to the sidecar.
 *
 * @param {string} name variable name; compared case-insensitively, as Windows does
 * @returns {boolean}
 */
function isPassedThrough(name) {
  const upper = name.toUpperCase();
  if (OWNED_VARIABLES.includes(upper) || APP_ONLY_VARIABLES.includes(upper)) {
    return false;
  }
  return PROCESS_VARIABLES.includes(upper) || SIDECAR_CONFIG_PREFIXES.some((prefix) => upper.startsWith(prefix));
}

/**
 * Builds the sidecar's environment.
 *
 * @param {Record<string, string|undefined>} appEnv the app's environment (usually process.env)
 * @param {{host: string, port: number, token: string}} owned what the supervisor decided
 * @returns {Record<string, string>} a fresh object, safe to hand to child_process.spawn
 */
function sidecarEnv(appEnv, { host, port, token }) {
  const env = {};
  for (const [name, value] of Object.entries(appEnv)) {
    if (value !== undefined && isPassedThrough(name)) {
      env[name] = value;
    }
  }
  env.SERVER_HOST = host;
  env.SERVER_PORT = String(port);
  env.CRAFTY_TOKEN = token;
  env.SIDECAR_STDIN = 'true';
  return env;
}

module.exports = { sidecarEnv, isPassedThrough, OWNED_VARIABLES, SIDECAR_CONFIG_PREFIXES, PROCESS_VARIABLES };
