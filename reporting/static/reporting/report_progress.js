// Progressive enhancement of a report's page: while a version is rendered, poll its progress and
// update the table; reload once it is finished so the download links appear. Without JavaScript
// the page refreshes itself (<noscript> meta refresh).
(function () {
  "use strict";
  var box = document.getElementById("versions");
  if (!box || !window.fetch) { return; }
  var url = box.getAttribute("data-progress-url");
  function poll() {
    fetch(url, { credentials: "same-origin", headers: { "Accept": "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        if (!data.running) { window.location.reload(); return; }
        data.versions.forEach(function (version) {
          var row = box.querySelector('tr[data-version="' + version.number + '"] .version-status');
          if (!row) { return; }
          var bar = row.querySelector("progress");
          if (bar) { bar.value = version.progress; bar.textContent = version.progress + " %"; }
          var text = row.lastChild;
          if (text && text.nodeType === Node.TEXT_NODE) { text.textContent = " " + version.label + " (" + version.progress + " %)"; }
        });
        window.setTimeout(poll, 3000);
      })
      .catch(function () { window.setTimeout(poll, 10000); });
  }
  window.setTimeout(poll, 2000);
})();
