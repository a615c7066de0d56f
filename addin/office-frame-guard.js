/*
 * Loaded before Office.js. Outside Office, Office.js blanks any page shown in a frame
 * (`about:blank`) unless `OsfOptOut` is defined. Only our own dev host (a same-origin parent that
 * provides the stand-in Office) opts out; in Outlook the parent is cross-origin and nothing changes.
 */
/* global window */
(function () {
  try {
    if (window.parent !== window && window.parent.smartActivityDevHost) window.OsfOptOut = true;
  } catch {
    // cross-origin parent: Outlook on the web
  }
})();
