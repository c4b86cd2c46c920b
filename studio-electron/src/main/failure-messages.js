'use strict';

/**
 * What the app tells the child when the voice server cannot run, in the app's language. The
 * supervisor's technical reason goes underneath, for the grown-up who helps.
 */
const MESSAGES = Object.freeze({
  de: {
    'no-java': ['Crafty braucht Java', 'Auf diesem Computer fehlt Java 21 oder neuer. Bitte einen Erwachsenen, es zu installieren.'],
    'no-sidecar': ['Crafty ist unvollständig', 'Der Sprachserver von Crafty wurde nicht gefunden. Bitte einen Erwachsenen, Crafty neu zu installieren.'],
    'port-in-use': ['Crafty ist schon beschäftigt', 'Ein anderes Programm benutzt gerade Craftys Anschluss. Läuft Crafty vielleicht schon in einem anderen Fenster?'],
    'config-error': ['Crafty ist falsch eingestellt', 'Eine Einstellung von Crafty stimmt nicht. Bitte einen Erwachsenen, sie zu prüfen.'],
    'crashed-giving-up': ['Crafty ist abgestürzt', 'Der Sprachserver von Crafty ist mehrmals hintereinander abgestürzt.'],
    'start-timeout': ['Crafty antwortet nicht', 'Der Sprachserver von Crafty ist nicht rechtzeitig gestartet.'],
  },
  en: {
    'no-java': ['Crafty needs Java', 'Java 21 or newer is missing on this computer. Ask a grown-up to install it.'],
    'no-sidecar': ['Crafty is incomplete', "Crafty's voice server was not found. Ask a grown-up to reinstall Crafty."],
    'port-in-use': ['Crafty is already busy', "Another program is using Crafty's port. Is Crafty perhaps already open in another window?"],
    'config-error': ['Crafty is set up wrongly', "One of Crafty's settings is not right. Ask a grown-up to check it."],
    'crashed-giving-up': ['Crafty crashed', "Crafty's voice server crashed several times in a row."],
    'start-timeout': ['Crafty does not answer', "Crafty's voice server did not start in time."],
  },
});

const BUTTONS = Object.freeze({ de: ['Nochmal versuchen', 'Schließen'], en: ['Try again', 'Close'] });

/**
 * The dialog for a failure state, or undefined for a state that is not a failure.
 *
 * @param {string} state supervisor state
 * @param {string} language 'de' or 'en' (anything else falls back to German)
 * @returns {{title: string, message: string, buttons: string[]}|undefined}
 */
function failureMessage(state, language) {
  const lang = MESSAGES[language] ? language : 'de';
  const entry = MESSAGES[lang][state];
  return entry && { title: entry[0], message: entry[1], buttons: [...BUTTONS[lang]] };
}

module.exports = { failureMessage };
