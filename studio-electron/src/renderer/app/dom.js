/*
 * Building the page without HTML strings: every element comes from createElement and every
 * text from textContent, so nothing a child, Crafty or the server writes can become markup.
 */
(function (root) {
  'use strict';

  const SVG_NS = 'http://www.w3.org/2000/svg';

  /**
   * el('li', {className: 'message', text: 'Hi', attrs: {'data-role': 'child'}}, [children…])
   */
  function el(tag, options = {}, children = []) {
    const node = document.createElement(tag);
    apply(node, options);
    children.filter(Boolean).forEach((child) => node.appendChild(child));
    return node;
  }

  /** The same for SVG elements. */
  function svg(tag, attrs = {}, children = []) {
    const node = document.createElementNS(SVG_NS, tag);
    Object.entries(attrs).forEach(([name, value]) => node.setAttribute(name, String(value)));
    children.filter(Boolean).forEach((child) => node.appendChild(child));
    return node;
  }

  function apply(node, { className, text, attrs, hidden } = {}) {
    if (className) {
      node.className = className;
    }
    if (text !== undefined) {
      node.textContent = text;
    }
    if (attrs) {
      Object.entries(attrs).forEach(([name, value]) => {
        if (value !== undefined && value !== null && value !== false) {
          node.setAttribute(name, value === true ? '' : String(value));
        }
      });
    }
    if (hidden !== undefined) {
      node.hidden = hidden;
    }
  }

  function byId(id) {
    const node = document.getElementById(id);
    if (!node) {
      throw new Error(`#${id} is missing from index.html`);
    }
    return node;
  }

  /** Fills `[data-i18n]` text, `[data-i18n-label]` aria-label and `[data-i18n-placeholder]`. */
  function translateStatic(rootNode, t) {
    rootNode.querySelectorAll('[data-i18n]').forEach((node) => {
      node.textContent = t(node.getAttribute('data-i18n'));
    });
    rootNode.querySelectorAll('[data-i18n-label]').forEach((node) => {
      node.setAttribute('aria-label', t(node.getAttribute('data-i18n-label')));
    });
    rootNode.querySelectorAll('[data-i18n-placeholder]').forEach((node) => {
      node.setAttribute('placeholder', t(node.getAttribute('data-i18n-placeholder')));
    });
  }

  root.CraftyUi = root.CraftyUi || {};
  root.CraftyUi.dom = { el, svg, byId, translateStatic };
}(window));
