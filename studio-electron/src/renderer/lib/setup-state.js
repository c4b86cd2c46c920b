/*
 * The "Crafty einrichten" card's model, for parents: what /setup says (the model catalog with
 * each model's state, Ollama's state, progress of downloads and pulls, the end of each request)
 * turned into three rows — Denken (the language model), Hören (speech recognition), Sprechen
 * (the voice) — each with its state in plain words, the one action that fixes it, a progress bar
 * with size and time left, and a short sample once a voice is installed.
 *
 * Loads as a classic script (window.CraftyUi.setupState) and in Node (require).
 */
(function (root, factory) {
  'use strict';
  const api = factory();
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else {
    root.CraftyUi = root.CraftyUi || {};
    root.CraftyUi.setupState = api;
  }
}(typeof globalThis !== 'undefined' ? globalThis : this, function () {
  'use strict';

  const TEXTS = {
    de: {
      title: 'Crafty einrichten', intro: 'Für Erwachsene: Hier bekommt Crafty sein Denken, Hören und Sprechen.',
      close: 'Schließen', llm: 'Denken', stt: 'Hören', tts: 'Sprechen',
      ready: 'Fertig', installing: 'Wird geladen …', loading: 'Wird in den Speicher geladen …',
      missingModel: 'Noch nicht installiert: {name} ({size})', partial: 'Halb geladen: {name} – es geht dort weiter, wo es aufgehört hat',
      install: 'Installieren', resume: 'Weiter laden', retry: 'Nochmal versuchen', cancel: 'Abbrechen',
      ollamaMissing: 'Ollama läuft nicht. Installieren und starten Sie Ollama, dann klicken Sie auf „Nochmal prüfen“.',
      ollamaDownload: 'Ollama herunterladen', check: 'Nochmal prüfen',
      ollamaNoModel: 'Ollama läuft, aber das Sprachmodell {model} fehlt.', pull: 'Modell laden',
      otherServer: 'Das Sprachmodell kommt von einem anderen Server; hier ist nichts zu tun.',
      progress: '{done} von {total}', left: 'noch etwa {time}', sample: 'Hör mal: „Hallo, ich bin Crafty!“',
      sampleText: 'Hallo, ich bin Crafty! Ich freue mich, mit dir zu bauen.', choose: 'Andere Wahl',
      damaged: 'Modell beschädigt – neu laden: {name}', reinstall: 'Neu laden',
      unused: 'Installiert: {name} – Crafty nutzt gerade eine andere Einstellung',
    },
    en: {
      title: 'Set up Crafty', intro: 'For grown-ups: this is where Crafty gets its thinking, hearing and speaking.',
      close: 'Close', llm: 'Thinking', stt: 'Hearing', tts: 'Speaking',
      ready: 'Ready', installing: 'Downloading …', loading: 'Loading into memory …',
      missingModel: 'Not installed yet: {name} ({size})', partial: 'Half downloaded: {name} – it continues where it stopped',
      install: 'Install', resume: 'Continue download', retry: 'Try again', cancel: 'Cancel',
      ollamaMissing: 'Ollama is not running. Install and start Ollama, then click "Check again".',
      ollamaDownload: 'Download Ollama', check: 'Check again',
      ollamaNoModel: 'Ollama is running, but the language model {model} is missing.', pull: 'Get the model',
      otherServer: 'The language model comes from another server; nothing to do here.',
      progress: '{done} of {total}', left: 'about {time} left', sample: 'Listen: "Hello, I\'m Crafty!"',
      sampleText: "Hello, I'm Crafty! I'm happy to build with you.", choose: 'Other choice',
      damaged: 'Model damaged – download it again: {name}', reinstall: 'Download again',
      unused: 'Installed: {name} – Crafty uses another setting right now',
    },
  };

  const OLLAMA_DOWNLOADS = { windows: 'https://ollama.com/download/windows', mac: 'https://ollama.com/download/mac',
    linux: 'https://ollama.com/download/linux' };

  function text(language, key, params = {}) {
    const table = TEXTS[language] || TEXTS.de;
    return String(table[key] || key).replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
  }

  /** "59,7 MB" / "59.7 MB" */
  function size(bytes, language) {
    const mb = bytes / 1e6;
    const digits = mb >= 100 ? 0 : 1;
    return `${mb.toLocaleString(language === 'en' ? 'en-US' : 'de-DE', { maximumFractionDigits: digits, minimumFractionDigits: digits })} MB`;
  }

  /** "2 min" / "45 s" */
  function duration(seconds) {
    return seconds >= 90 ? `${Math.round(seconds / 60)} min` : `${Math.max(1, Math.round(seconds))} s`;
  }

  /** The parent's system, for Ollama's download link. */
  function osOf(platform) {
    const p = String(platform || '').toLowerCase();
    return p.startsWith('win') ? 'windows' : p.startsWith('mac') || p === 'darwin' ? 'mac' : 'linux';
  }

  class SetupState {
    constructor({ nextRequestId } = {}) {
      this.catalog = null;
      this.language = 'de';
      this.ollama = null;
      this.ollamaProgress = null;
      this.progress = new Map();
      this.errors = new Map();
      this.pending = new Map();
      let counter = 0;
      this.nextRequestId = nextRequestId || (() => `setup-${++counter}`);
    }

    /** Takes one server message; returns whether the card changed. */
    receive(message) {
      if (!message || typeof message.type !== 'string') {
        return false;
      }
      const asked = message.requestId ? this.pending.get(message.requestId) : undefined;
      if (asked && ['model:installed', 'cancelled', 'error', 'ollama:ready', 'model:deleted'].includes(message.type)) {
        this.pending.delete(message.requestId);
      }
      switch (message.type) {
        case 'setup:state':
          this.catalog = message.models;
          this.language = message.language || this.language;
          for (const model of message.models) {
            if (model.state !== 'downloading') {
              this.progress.delete(model.id);
            }
          }
          return true;
        case 'model:progress':
          this.progress.set(message.modelId, message);
          this.errors.delete(message.modelId);
          return true;
        case 'model:installed':
          this.progress.delete(message.modelId);
          this.errors.delete(message.modelId);
          this.setModelState(message.modelId, 'installed');
          return true;
        case 'model:deleted':
          return false;
        case 'ollama:state':
          this.ollama = message;
          if (!message.pulling) {
            this.ollamaProgress = null;
          }
          return true;
        case 'ollama:progress':
          this.ollamaProgress = message;
          this.errors.delete('ollama');
          return true;
        case 'ollama:ready':
          this.ollamaProgress = null;
          if (this.ollama) {
            this.ollama = { ...this.ollama, running: true, installed: true, pulling: false };
          }
          return true;
        case 'error':
        case 'cancelled':
          if (!asked) {
            return false;
          }
          this.progress.delete(asked.id);
          if (asked.id === 'ollama') {
            this.ollamaProgress = null;
          }
          if (message.type === 'error') {
            this.errors.set(asked.id, { code: message.code, content: message.content });
          }
          return true;
        default:
          return false;
      }
    }

    /**
     * A model just installed: until the next setup:state says what its engine made of it, it is
     * loading (a setup:state that came first, saying so already, is kept).
     */
    setModelState(id, state) {
      if (this.catalog) {
        this.catalog = this.catalog.map((m) => (m.id !== id || m.state === state ? m
          : { ...m, state, bytes: state === 'installed' ? m.size : m.bytes, load: 'loading', loadError: undefined }));
      }
    }

    /** The model the one button installs for a role: the installed one, else the default for the language. */
    modelFor(role) {
      const candidates = (this.catalog || []).filter((m) => m.role === role && m.languages.includes(this.language));
      return candidates.find((m) => m.state === 'installed') || candidates.find((m) => m.state === 'downloading')
        || candidates.find((m) => m.default) || candidates[0] || null;
    }

    /** The request to install a model (remembered, so its end can be matched); `again` for an installed one its engine cannot load. */
    install(modelId, again = false) {
      const requestId = this.nextRequestId();
      this.pending.set(requestId, { kind: 'install', id: modelId });
      this.errors.delete(modelId);
      return again ? { action: 'model:install', modelId, again: true, requestId } : { action: 'model:install', modelId, requestId };
    }

    cancel(modelId) {
      return { action: 'model:cancel', modelId, requestId: this.nextRequestId() };
    }

    pull() {
      const requestId = this.nextRequestId();
      this.pending.set(requestId, { kind: 'pull', id: 'ollama' });
      this.errors.delete('ollama');
      return { action: 'ollama:pull', requestId };
    }

    check() {
      return { action: 'ollama:check', requestId: this.nextRequestId() };
    }

    /** Whether a parent has something to do: the card opens by itself on a first start. */
    needsSetup() {
      return ['llm', 'stt', 'tts'].some((role) => this.row(role, 'linux').state !== 'ready');
    }

    /**
     * One row of the card.
     *
     * @returns {{role, title, state: 'ready'|'working'|'todo'|'error', text, action?, progress?, link?, sample?}}
     */
    row(role, platform) {
      const say = (key, params) => text(this.language, key, params);
      if (role === 'llm') {
        return this.llmRow(say, platform);
      }
      const model = this.modelFor(role);
      const base = { role, title: say(role) };
      if (!model) {
        return { ...base, state: 'todo', text: '' };
      }
      const progress = this.progress.get(model.id);
      const error = this.errors.get(model.id);
      if (progress || model.state === 'downloading') {
        return { ...base, state: 'working', text: say('installing'), progress: this.bar(progress, model.size),
          action: { label: say('cancel'), build: () => this.cancel(model.id), kind: 'cancel' } };
      }
      const name = model.name[this.language] || model.name.de;
      if (model.state === 'installed' && !error) {
        return this.installedRow(base, model, name, say);
      }
      if (error) {
        return { ...base, state: 'error', text: error.content, code: error.code,
          action: { label: say('retry'), build: () => this.install(model.id) } };
      }
      const partial = model.state === 'partial';
      return { ...base, state: 'todo', text: partial ? say('partial', { name }) : say('missingModel', { name, size: size(model.size, this.language) }),
        action: { label: partial ? say('resume') : say('install'), build: () => this.install(model.id) } };
    }

    /** An installed model as its engine sees it: loading, ready, failed (reinstall) or unused. */
    installedRow(base, model, name, say) {
      if (model.load === 'failed') {
        return { ...base, state: 'error', text: say('damaged', { name }), detail: model.loadError, code: 'model_damaged',
          action: { label: say('reinstall'), build: () => this.install(model.id, true) } };
      }
      if (model.load === 'loading') {
        return { ...base, state: 'working', text: `${say('loading')} ${name}` };
      }
      if (model.load === 'unused') {
        return { ...base, state: 'ready', text: say('unused', { name }) };
      }
      return { ...base, state: 'ready', text: `${say('ready')} – ${name}`,
        sample: base.role === 'tts' ? { label: say('sample'), text: say('sampleText') } : undefined };
    }

    llmRow(say, platform) {
      const base = { role: 'llm', title: say('llm') };
      const o = this.ollama;
      if (!o) {
        return { ...base, state: 'ready', text: say('otherServer') };
      }
      const error = this.errors.get('ollama');
      if (this.ollamaProgress || o.pulling) {
        const p = this.ollamaProgress || {};
        return { ...base, state: 'working', text: p.status === 'loading' ? say('loading') : say('installing'),
          progress: p.total ? this.bar({ bytes: p.completed, total: p.total, secondsLeft: p.secondsLeft }, p.total) : undefined };
      }
      if (!o.running) {
        return { ...base, state: 'error', text: say('ollamaMissing'),
          link: { label: say('ollamaDownload'), href: OLLAMA_DOWNLOADS[osOf(platform)] },
          action: { label: say('check'), build: () => this.check() } };
      }
      if (error) {
        return { ...base, state: 'error', text: error.content, code: error.code, action: { label: say('retry'), build: () => this.pull() } };
      }
      if (!o.installed) {
        return { ...base, state: 'todo', text: say('ollamaNoModel', { model: o.model }), action: { label: say('pull'), build: () => this.pull() } };
      }
      return { ...base, state: 'ready', text: `${say('ready')} – ${o.model}` };
    }

    bar(progress, total) {
      const bytes = progress ? progress.bytes : 0;
      const say = (key, params) => text(this.language, key, params);
      const label = say('progress', { done: size(bytes, this.language), total: size(total, this.language) });
      const left = progress && progress.secondsLeft != null ? say('left', { time: duration(progress.secondsLeft) }) : '';
      return { value: bytes, max: total, percent: total ? Math.floor((bytes * 100) / total) : 0, label, left };
    }
  }

  return { SetupState, TEXTS, text, size, duration, osOf, OLLAMA_DOWNLOADS };
}));
