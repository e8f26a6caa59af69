// Film page media: the image gallery opens large, videos load their player
// on demand. Without this script the gallery links open the large image and
// the video posters link to the video on its own site.
(function () {
  "use strict";

  // ---- Gallery -----------------------------------------------------------
  function setupGallery(list) {
    var links = Array.prototype.slice.call(list.querySelectorAll("a.gallery__link"));
    if (!links.length || typeof HTMLDialogElement === "undefined") return;
    var dialog = document.createElement("dialog");
    dialog.className = "lightbox";
    // Words come from the page, in its language.
    var text = {
      label: list.dataset.label || "Images",
      prev: list.dataset.prev || "Previous",
      next: list.dataset.next || "Next",
      close: list.dataset.close || "Close",
      count: list.dataset.count || "{n} / {total}"
    };
    dialog.setAttribute("aria-label", text.label);
    dialog.innerHTML =
      '<figure class="lightbox__figure"><picture><source type="image/webp"><img alt=""></picture>' +
      '<figcaption class="lightbox__caption"></figcaption></figure>' +
      '<p class="lightbox__count" aria-live="polite"></p>' +
      '<button type="button" class="lightbox__prev"></button>' +
      '<button type="button" class="lightbox__next"></button>' +
      '<button type="button" class="lightbox__close"></button>';
    document.body.appendChild(dialog);
    var source = dialog.querySelector("source");
    var img = dialog.querySelector("img");
    var caption = dialog.querySelector(".lightbox__caption");
    var count = dialog.querySelector(".lightbox__count");
    dialog.querySelector(".lightbox__prev").textContent = "‹";
    dialog.querySelector(".lightbox__prev").setAttribute("aria-label", text.prev);
    dialog.querySelector(".lightbox__next").textContent = "›";
    dialog.querySelector(".lightbox__next").setAttribute("aria-label", text.next);
    dialog.querySelector(".lightbox__close").textContent = "×";
    dialog.querySelector(".lightbox__close").setAttribute("aria-label", text.close);
    var current = 0;
    var opener = null;

    function show(index) {
      current = (index + links.length) % links.length;
      var link = links[current];
      source.srcset = link.dataset.webp || "";
      img.srcset = link.dataset.jpeg || "";
      img.src = link.href;
      img.sizes = "100vw";
      img.alt = link.dataset.alt || "";
      caption.textContent = link.dataset.caption || "";
      caption.hidden = !link.dataset.caption;
      count.textContent = text.count.replace("{n}", current + 1).replace("{total}", links.length);
      dialog.dataset.index = String(current);
    }

    links.forEach(function (link, index) {
      link.addEventListener("click", function (event) {
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey || event.button !== 0) return;
        event.preventDefault();
        opener = link;
        show(index);
        dialog.showModal();
      });
    });
    dialog.querySelector(".lightbox__prev").addEventListener("click", function () { show(current - 1); });
    dialog.querySelector(".lightbox__next").addEventListener("click", function () { show(current + 1); });
    dialog.querySelector(".lightbox__close").addEventListener("click", function () { dialog.close(); });
    dialog.addEventListener("keydown", function (event) {
      if (event.key === "ArrowLeft") { event.preventDefault(); show(current - 1); }
      else if (event.key === "ArrowRight") { event.preventDefault(); show(current + 1); }
    });
    // A click on the backdrop (outside the picture and buttons) closes.
    dialog.addEventListener("click", function (event) {
      if (event.target === dialog) dialog.close();
    });
    dialog.addEventListener("close", function () {
      if (opener) opener.focus();
    });
    // Swipe left or right on touch screens.
    var startX = null;
    dialog.addEventListener("pointerdown", function (event) { startX = event.clientX; });
    dialog.addEventListener("pointerup", function (event) {
      if (startX === null) return;
      var moved = event.clientX - startX;
      startX = null;
      if (Math.abs(moved) > 50) show(current + (moved < 0 ? 1 : -1));
    });
  }

  // ---- Videos ------------------------------------------------------------
  function setupVideo(poster) {
    poster.addEventListener("click", function (event) {
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      var frame = document.createElement("iframe");
      frame.src = poster.dataset.embed;
      frame.title = poster.dataset.title || "";
      frame.className = "video__frame";
      frame.allow = "autoplay; fullscreen; picture-in-picture; encrypted-media";
      frame.allowFullscreen = true;
      frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
      poster.replaceWith(frame);
      frame.focus();
    });
  }

  function init() {
    document.querySelectorAll("[data-gallery]").forEach(setupGallery);
    document.querySelectorAll("a.video__poster[data-embed]").forEach(setupVideo);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
