/*
 * The words of the parent area and of the note the child sees, in German and English. Kept
 * apart from i18n.js so the parent area is one self-contained view; `{name}` is replaced by
 * params.name as there.
 *
 * Loads as a classic script (window.CraftyUi.parentTexts) and in Node (require).
 */
(function (root, factory) {
  'use strict';
  const api = factory();
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else {
    root.CraftyUi = root.CraftyUi || {};
    root.CraftyUi.parentTexts = api;
  }
}(typeof globalThis !== 'undefined' ? globalThis : this, function () {
  'use strict';

  const STRINGS = {
    de: {
      open: 'Für Eltern',
      childNote: 'Deine Eltern können deine Chats lesen.',
      title: 'Für Eltern',
      close: 'Schließen',
      connecting: 'Verbinde …',
      newPinIntro: 'Lege eine Eltern-PIN fest (4 bis 12 Ziffern). Sie schützt diesen Bereich.',
      pinIntro: 'Bitte die Eltern-PIN eingeben.',
      pin: 'PIN',
      pinRepeat: 'PIN wiederholen',
      setPin: 'PIN festlegen',
      unlock: 'Öffnen',
      pinMismatch: 'Die beiden PINs sind nicht gleich.',
      pinFormat: 'Die PIN braucht 4 bis 12 Ziffern.',
      triesLeft: 'Noch {count} Versuche bis zur Sperre.',
      lockedUntil: 'Gesperrt bis {time}.',
      forgot: 'PIN vergessen? Auf diesem Computer die Datei „parent-pin“ im Crafty-Datenordner löschen.',
      today: 'Heute',
      usedToday: 'Heute geredet: {minutes} Min.',
      ofLimit: 'von {limit} Min.',
      noLimit: 'kein Tageslimit',
      settings: 'Einstellungen',
      language: 'Sprache (ab dem nächsten Start)',
      dailyLimitMinutes: 'Tageslimit (Minuten, 0 = keins)',
      quietFrom: 'Ruhezeit von',
      quietUntil: 'Ruhezeit bis',
      breakAfterMinutes: 'Pause vorschlagen nach (Minuten, 0 = nie)',
      guard: 'Zusätzlicher Prüf-Modell-Schutz',
      helplineCountry: 'Land der Hilfe-Nummern',
      retentionDays: 'Chats aufbewahren (Tage, 0 = immer)',
      save: 'Speichern',
      saved: 'Gespeichert.',
      safety: 'Sicherheit',
      noEvents: 'Keine Ereignisse.',
      conversations: 'Gespräche',
      noConversations: 'Noch keine Gespräche.',
      hiddenByChild: 'vom Kind ausgeblendet',
      messages: '{count} Nachrichten',
      read: 'Lesen',
      remove: 'Löschen',
      removeQuestion: '„{title}“ endgültig löschen?',
      untitled: '(ohne Titel)',
      child: 'Kind',
      crafty: 'Crafty',
      lock: 'Sperren',
      de: 'Deutsch',
      en: 'Englisch',
      self_harm: 'Selbstverletzung (Hilfe-Antwort)',
      abuse: 'Gewalt zu Hause (Hilfe-Antwort)',
      danger: 'In Gefahr (Hilfe-Antwort)',
      bullying: 'Mobbing (Hilfe-Antwort)',
      sexual: 'Sexuelle Inhalte',
      violence: 'Gewalt',
      weapons: 'Waffen',
      drugs: 'Drogen',
      hate: 'Hass',
      jailbreak: 'Regeln umgehen',
      profanity: 'Schimpfwörter',
      personal_data: 'Persönliche Daten',
      other: 'Sonstiges',
    },
    en: {
      open: 'For parents',
      childNote: 'Your parents can read your chats.',
      title: 'For parents',
      close: 'Close',
      connecting: 'Connecting …',
      newPinIntro: 'Choose a parent PIN (4 to 12 digits). It protects this area.',
      pinIntro: 'Please enter the parent PIN.',
      pin: 'PIN',
      pinRepeat: 'Repeat PIN',
      setPin: 'Set PIN',
      unlock: 'Open',
      pinMismatch: 'The two PINs are not the same.',
      pinFormat: 'The PIN needs 4 to 12 digits.',
      triesLeft: '{count} tries left before a lock.',
      lockedUntil: 'Locked until {time}.',
      forgot: 'Forgot the PIN? On this computer, delete the file "parent-pin" in Crafty\'s data folder.',
      today: 'Today',
      usedToday: 'Talked today: {minutes} min',
      ofLimit: 'of {limit} min',
      noLimit: 'no daily limit',
      settings: 'Settings',
      language: 'Language (from the next start)',
      dailyLimitMinutes: 'Daily limit (minutes, 0 = none)',
      quietFrom: 'Quiet time from',
      quietUntil: 'Quiet time until',
      breakAfterMinutes: 'Suggest a break after (minutes, 0 = never)',
      guard: 'Extra guard model',
      helplineCountry: 'Country of the helplines',
      retentionDays: 'Keep chats (days, 0 = always)',
      save: 'Save',
      saved: 'Saved.',
      safety: 'Safety',
      noEvents: 'No events.',
      conversations: 'Conversations',
      noConversations: 'No conversations yet.',
      hiddenByChild: 'hidden by the child',
      messages: '{count} messages',
      read: 'Read',
      remove: 'Delete',
      removeQuestion: 'Delete "{title}" for good?',
      untitled: '(untitled)',
      child: 'Child',
      crafty: 'Crafty',
      lock: 'Lock',
      de: 'German',
      en: 'English',
      self_harm: 'Self-harm (help answer)',
      abuse: 'Violence at home (help answer)',
      danger: 'In danger (help answer)',
      bullying: 'Bullying (help answer)',
      sexual: 'Sexual content',
      violence: 'Violence',
      weapons: 'Weapons',
      drugs: 'Drugs',
      hate: 'Hate',
      jailbreak: 'Getting round the rules',
      profanity: 'Swear words',
      personal_data: 'Personal data',
      other: 'Other',
    },
  };

  /** The text of `key` in `language` (German when unknown); unknown keys come back as they are. */
  function parentText(language, key, params = {}) {
    const table = STRINGS[language] || STRINGS.de;
    const text = Object.prototype.hasOwnProperty.call(table, key) ? table[key] : key;
    return text.replace(/\{(\w+)\}/g, (whole, name) => (name in params ? String(params[name]) : whole));
  }

  return { STRINGS, parentText };
}));
