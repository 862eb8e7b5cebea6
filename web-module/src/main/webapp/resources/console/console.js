/* Shared by every console page: times are sent as ISO-8601 instants in <time datetime data-local> and
   shown in the clerk's own time zone and format, on load and after every Ajax update. */
var marqueeConsole = (function () {
  function localTimes(root) {
    (root || document).querySelectorAll('time[data-local]').forEach(function (t) {
      var d = new Date(t.getAttribute('datetime'));
      if (!isNaN(d)) {
        t.textContent = t.getAttribute('data-local') === 'time' ? d.toLocaleTimeString()
          : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
        t.title = d.toISOString();
      }
    });
  }
  document.addEventListener('DOMContentLoaded', function () {
    localTimes();
    if (window.faces && faces.ajax) {
      faces.ajax.addOnEvent(function (data) { if (data.status === 'success') { localTimes(); } });
    }
  });
  return { localTimes: localTimes };
})();
