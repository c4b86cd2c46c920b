'use strict';

/** The URL without its query and fragment, or undefined when it is not a URL. */
function documentUrl(url) {
  try {
    const parsed = new URL(url);
    parsed.search = '';
    parsed.hash = '';
    return parsed.href;
  } catch {
    return undefined;
  }
}

/** Whether `url` is the app's own page (`pageUrl`, crafty://app/index.html), ignoring query and fragment. */
function isAppPage(url, pageUrl) {
  const page = documentUrl(pageUrl);
  return page !== undefined && documentUrl(url) === page;
}

/**
 * Whether an IPC message comes from the app's own page in the window's top frame. Checked on
 * every message: a frame that navigated elsewhere, an iframe or a destroyed frame is refused.
 *
 * @param {{url: string, parent: object|null}|null|undefined} frame `event.senderFrame`
 * @param {string} pageUrl the page's URL (app-protocol.js PAGE_URL)
 * @returns {boolean}
 */
function isTrustedSender(frame, pageUrl) {
  return Boolean(frame) && frame.parent === null && isAppPage(frame.url, pageUrl);
}

/**
 * Whether the window may use a browser permission. Only the microphone (`media` with audio
 * only), and only for the app's own page; everything else (camera, notifications,
 * geolocation, ...) is refused.
 *
 * @param {object} request
 * @param {string} request.permission Electron's permission name
 * @param {string} request.url URL of the requesting document
 * @param {string[]} [request.mediaTypes] for `media`: what is asked for ('audio', 'video')
 * @param {string} pageUrl
 * @returns {boolean}
 */
function isPermissionAllowed({ permission, url, mediaTypes = [] }, pageUrl) {
  return permission === 'media'
    && mediaTypes.length > 0
    && mediaTypes.every((type) => type === 'audio')
    && isAppPage(url, pageUrl);
}

module.exports = { isTrustedSender, isPermissionAllowed, isAppPage };
