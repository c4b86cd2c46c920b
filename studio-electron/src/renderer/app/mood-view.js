/*
 * Crafty's face and speech bubble on the stage: the mood from the app state goes on
 * .app[data-mood] (the style sheet moves his eyes and mouth by it) and its words in the bubble;
 * the button that stops a typed reply shows while one is coming.
 */
(function (root) {
  'use strict';

  root.CraftyUi.views.register('mood', ({ appState, i18n, byId }) => {
    const app = byId('app');
    const text = byId('mood-text');
    const stop = byId('stop-reply');
    const render = () => {
      const state = appState.current;
      app.setAttribute('data-mood', state.mood);
      text.textContent = i18n.t(state.moodText);
      stop.hidden = !(state.chatPhase === 'thinking' || state.chatPhase === 'streaming');
    };
    appState.subscribe(render);
    i18n.onChange(render);
    render();
    return { render };
  });
}(window));
