/*
 * engage.js — progressive enhancement for the engage site.
 *
 * The site runs under a strict Content-Security-Policy (no 'unsafe-inline'), so all
 * behaviour lives here. Load order at the end of <body> (or in <head> with defer):
 *   vendor/dkfds/js/dkfds.min.js, vendor/htmx/htmx.min.js, js/engage.js
 * Everything below degrades gracefully: pages work without JavaScript.
 */
(function () {
  'use strict';

  /* ---- DKFDS: initialise all components once the DOM is ready. ---- */
  function initDkfds() {
    if (window.DKFDS && typeof window.DKFDS.init === 'function') {
      window.DKFDS.init();
    }
  }

  /*
   * Content swapped in by htmx: DKFDS.init() must not run twice on the page (its
   * Navigation part is global), so initialise only the self-contained components
   * inside the new fragment. [selector, name of the class exported on window.DKFDS]
   */
  var FRAGMENT_COMPONENTS = [
    ['.accordion, .accordion-bordered:not(.accordion)', 'Accordion'],
    ['.alert.has-close', 'Alert'],
    ['.form-limit', 'CharacterLimit'],
    ['.js-checkbox-toggle-content', 'CheckboxToggleContent'],
    ['.js-radio-toggle-group', 'RadioToggleGroup'],
    ['.js-dropdown', 'Dropdown'],
    ['div.tab-container', 'Tabs'],
    ['.tooltip-wrapper', 'Tooltip'],
    ['table.table--selectable', 'TableSelectableRows']
  ];

  function initFragment(root) {
    if (!window.DKFDS || !root || root.nodeType !== 1 || root === document.body) {
      return; // the initial page load is handled by initDkfds()
    }
    FRAGMENT_COMPONENTS.forEach(function (entry) {
      var Component = window.DKFDS[entry[1]];
      if (typeof Component !== 'function') {
        return;
      }
      var nodes = Array.prototype.slice.call(root.querySelectorAll(entry[0]));
      if (root.matches(entry[0])) {
        nodes.unshift(root);
      }
      nodes.forEach(function (el) {
        new Component(el).init();
      });
    });
  }

  document.addEventListener('htmx:load', function (event) {
    initFragment(event.target);
  });

  /* ---- htmx: send Django's CSRF token, read from <meta name="csrf-token">. ---- */
  document.addEventListener('htmx:configRequest', function (event) {
    var meta = document.querySelector('meta[name="csrf-token"]');
    var token = meta && meta.getAttribute('content');
    if (token) {
      event.detail.headers['X-CSRFToken'] = token;
    }
  });

  /*
   * <select data-autosubmit>: submit its form on change. The form keeps a visible
   * submit button for users without JavaScript. requestSubmit() fires the submit
   * event, so htmx-enhanced forms (hx-get/hx-post) and validation still apply.
   */
  document.addEventListener('change', function (event) {
    var select = event.target;
    if (!(select instanceof HTMLSelectElement) || !select.hasAttribute('data-autosubmit')) {
      return;
    }
    var form = select.form;
    if (!form) {
      return;
    }
    if (typeof form.requestSubmit === 'function') {
      form.requestSubmit();
    } else {
      form.submit();
    }
  });

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', initDkfds);
  } else {
    initDkfds();
  }
})();
