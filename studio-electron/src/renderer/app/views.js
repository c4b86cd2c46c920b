/*
 * The parts of the window that only show the app state: each registers itself here from its own
 * file (CraftyUi.views.register(name, mount)), and main.js mounts them all with one context:
 * {appState, conversation, i18n, byId, actions}. A new part of the window is its script (and its
 * style sheet) plus one line each in index.html; main.js does not change.
 */
(function (root) {
  'use strict';

  const mounts = new Map();

  /** `mount(context)` builds the part; a name registers once. */
  function register(name, mount) {
    if (mounts.has(name)) {
      throw new Error(`view ${name} is registered twice`);
    }
    mounts.set(name, mount);
  }

  /** Mounts every registered part in registration order; returns {name: what mount returned}. */
  function mountAll(context) {
    const mounted = {};
    for (const [name, mount] of mounts) {
      mounted[name] = mount(context);
    }
    return mounted;
  }

  root.CraftyUi.views = { register, mountAll };
}(window));
