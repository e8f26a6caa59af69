// The film page's Share link. Without this script it is a plain link to the
// page's own address. With it: the device's share sheet where the browser has
// one (the Web Share API), else the address copied to the clipboard, else an
// e-mail with the address in it.
(function () {
  "use strict";

  function say(link, text) {
    var status = link.parentNode.querySelector("[data-share-status]");
    if (status) status.textContent = text;
  }

  function mail(link) {
    window.location.href =
      "mailto:?subject=" + encodeURIComponent(link.dataset.mailSubject || document.title) +
      "&body=" + encodeURIComponent(link.href);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-share]");
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    var data = { title: link.dataset.title || document.title, url: link.href };
    if (navigator.share && (!navigator.canShare || navigator.canShare(data))) {
      navigator.share(data).catch(function () { /* dismissed: nothing to do */ });
    } else if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(link.href).then(
        function () { say(link, link.dataset.copied || ""); },
        function () { mail(link); }
      );
    } else {
      mail(link);
    }
  });
})();
