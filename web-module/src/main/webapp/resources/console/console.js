/* Shared by every console page.
   Times are sent as ISO-8601 instants in <time datetime data-local> (the m:time tag) and shown in the
   clerk's own time zone and format, on load and after every Ajax update.
   A form sent back with mistakes marks its fields aria-invalid: the first of them gets the focus. */
var marqueeConsole = (function () {
  var styles = {
    time: { timeStyle: 'short' },
    date: { dateStyle: 'medium' },
    datetime: { dateStyle: 'medium', timeStyle: 'short' }
  };
  function localTimes(root) {
    (root || document).querySelectorAll('time[data-local]').forEach(function (t) {
      var d = new Date(t.getAttribute('datetime'));
      if (!isNaN(d)) {
        var kind = t.getAttribute('data-local');
        t.textContent = kind === 'time' ? d.toLocaleTimeString() : d.toLocaleString(undefined, styles[kind] || styles.datetime);
        t.title = d.toISOString();
      }
    });
  }
  function focusFirstMistake() {
    var bad = document.querySelector('main [aria-invalid="true"]');
    if (bad) {
      bad.focus();
    }
  }
  document.addEventListener('DOMContentLoaded', function () {
    localTimes();
    focusFirstMistake();
    if (window.faces && faces.ajax) {
      faces.ajax.addOnEvent(function (data) { if (data.status === 'success') { localTimes(); } });
    }
    if (window.jQuery) {   // PrimeFaces' own Ajax (polls, p:commandLink)
      jQuery(document).on('pfAjaxComplete', function () { localTimes(); });
    }
  });
  return { localTimes: localTimes };
})();
