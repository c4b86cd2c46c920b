/*
 * Messages the child typed while Crafty was not reachable, kept in order and sent one after the
 * other once the connection is back. Bounded, so a child hammering Enter on a dead connection
 * cannot grow it without end: the 101st message is refused (and the UI says so) rather than an
 * older one silently dropped.
 *
 * Loads as a classic script (window.CraftyUi.outbox) and in Node (require).
 */
(function (root, factory) {
  'use strict';
  const api = factory();
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else {
    root.CraftyUi = root.CraftyUi || {};
    root.CraftyUi.outbox = api;
  }
}(typeof globalThis !== 'undefined' ? globalThis : this, function () {
  'use strict';

  const DEFAULT_LIMIT = 100;

  /** A first-in first-out queue with a limit. */
  class Outbox {
    /** @param {number} [limit] most messages kept */
    constructor(limit = DEFAULT_LIMIT) {
      if (!Number.isInteger(limit) || limit < 1) {
        throw new RangeError('limit must be a positive integer');
      }
      this.limit = limit;
      this.items = [];
    }

    /** Adds an item at the end; false (and nothing added) when the outbox is full. */
    push(item) {
      if (this.items.length >= this.limit) {
        return false;
      }
      this.items.push(item);
      return true;
    }

    /** The oldest item, left in place. */
    peek() {
      return this.items[0];
    }

    /** Removes and returns the oldest item. */
    shift() {
      return this.items.shift();
    }

    get size() {
      return this.items.length;
    }

    get full() {
      return this.items.length >= this.limit;
    }
  }

  return { Outbox, DEFAULT_LIMIT };
}));
