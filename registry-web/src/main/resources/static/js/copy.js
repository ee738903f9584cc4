// Progressive enhancement: a "Copy" button next to each read-only link field. Without script the
// field is still there to select and copy by hand. The button carries its messages in the page's language
// (data-copied, data-copy-failed).
document.querySelectorAll('[data-copy-from]').forEach(function (button) {
  var field = document.getElementById(button.getAttribute('data-copy-from'));
  var status = document.getElementById(button.getAttribute('data-copy-status'));
  if (!field || !navigator.clipboard) {
    return;
  }
  button.hidden = false;
  button.addEventListener('click', function () {
    navigator.clipboard.writeText(field.value).then(function () {
      if (status) { status.textContent = button.getAttribute('data-copied') || 'Link copied.'; }
    }, function () {
      field.select();
      if (status) { status.textContent = button.getAttribute('data-copy-failed') || 'Select the link and copy it.'; }
    });
  });
});
