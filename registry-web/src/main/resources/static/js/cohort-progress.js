// Live progress of a cohort issuance, from the server-sent events of its progress URL.
(function () {
  var section = document.getElementById('progress');
  if (!section || !window.EventSource) {
    return;
  }
  var stage = document.getElementById('progress-stage');
  // the stage's code is in data-stage; the page shows its words
  if (stage.getAttribute('data-stage') !== 'ISSUING') {
    return;
  }
  var bar = document.getElementById('progress-bar');
  var issued = document.getElementById('progress-issued');
  var took = document.getElementById('progress-took');
  var source = new EventSource(section.getAttribute('data-progress-url'));
  source.addEventListener('progress', function (event) {
    var p = JSON.parse(event.data);
    bar.max = p.total;
    bar.value = p.issued;
    issued.textContent = p.issued;
    if (p.stage !== 'ISSUING') {
      stage.setAttribute('data-stage', p.stage);
      stage.textContent = section.getAttribute(p.stage === 'DONE' ? 'data-stage-done' : 'data-stage-failed') || p.stage;
    }
    if (p.millis !== null && p.millis !== undefined) {
      // the page's language: its pattern names the milliseconds {ms}
      took.textContent = ' ' + (section.getAttribute('data-took') || 'in {ms} ms').replace('{ms}', p.millis);
    }
    if (p.stage !== 'ISSUING') {
      source.close();
      if (p.error) {
        var error = document.createElement('p');
        error.className = 'notice bad';
        error.id = 'progress-error';
        error.textContent = p.error;
        section.appendChild(error);
      }
    }
  });
  source.onerror = function () {
    source.close();
  };
})();
