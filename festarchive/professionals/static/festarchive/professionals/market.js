// The market library's player.
//
// - The watermark (the viewer's name, organisation and viewing number) moves
//   to another place over the picture every 20 seconds, so that no single
//   crop of a screen recording loses it.
// - Full screen is asked of the frame that holds the video and the watermark,
//   never of the bare video, which would leave the watermark behind.
// - Every 15 seconds of playing, and on pause, end and leaving the page, the
//   time actually played is posted to the viewing's heartbeat. The server
//   keeps it no higher than the time since the page was opened.
// - The video's link is signed for a few minutes. When it has run out (after
//   a long pause, say), the player takes the fresh link the heartbeat
//   answers with and carries on where it was.
(function () {
  "use strict";
  var frame = document.querySelector("[data-market-player]");
  if (!frame) return;
  var video = frame.querySelector("video");
  var mark = frame.querySelector("[data-watermark]");
  var tokenField = frame.querySelector("input[name=csrfmiddlewaretoken]");
  var progressUrl = frame.getAttribute("data-progress-url");
  var every = (parseInt(frame.getAttribute("data-interval"), 10) || 15) * 1000;
  var PLACES = 6;
  var MOVE_EVERY = 20000;

  var place = 0;
  function move() {
    var next = Math.floor(Math.random() * (PLACES - 1));
    place = next >= place ? next + 1 : next;
    mark.setAttribute("data-position", String(place));
  }
  window.setInterval(move, MOVE_EVERY);

  document.addEventListener("fullscreenchange", function () {
    if (document.fullscreenElement === video && frame.requestFullscreen) {
      document.exitFullscreen().then(function () {
        return frame.requestFullscreen();
      }).catch(function () {});
    }
  });
  video.addEventListener("dblclick", function (event) {
    if (!frame.requestFullscreen) return;
    event.preventDefault();
    if (document.fullscreenElement) document.exitFullscreen();
    else frame.requestFullscreen().catch(function () {});
  });
  // No "Save video as…": the link only works for this viewer anyway.
  video.addEventListener("contextmenu", function (event) {
    event.preventDefault();
  });

  // Time played: what the picture moved on by while playing; a jump is none.
  var played = 0;
  var last = null;
  video.addEventListener("timeupdate", function () {
    var now = video.currentTime;
    if (last !== null && !video.seeking) {
      var step = now - last;
      if (step > 0 && step < 2) played += step;
    }
    last = now;
  });
  video.addEventListener("seeking", function () {
    last = null;
  });

  var sent = -1;
  var freshSource = null;
  function form() {
    var data = new FormData();
    data.append("seconds", String(Math.floor(played)));
    data.append("csrfmiddlewaretoken", tokenField.value);
    return data;
  }
  function report(always) {
    var seconds = Math.floor(played);
    if (!always && seconds === sent) return Promise.resolve();
    sent = seconds;
    return fetch(progressUrl, {
      method: "POST",
      body: form(),
      credentials: "same-origin",
      headers: { "X-CSRFToken": tokenField.value },
    })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (reply) {
        if (reply && reply.ok) freshSource = reply.data.source;
      })
      .catch(function () {});
  }
  window.setInterval(function () {
    if (!video.paused) report(false);
  }, every);
  video.addEventListener("pause", function () {
    report(false);
  });
  video.addEventListener("ended", function () {
    report(false);
  });
  window.addEventListener("pagehide", function () {
    if (navigator.sendBeacon && Math.floor(played) !== sent) {
      navigator.sendBeacon(progressUrl, form());
    }
  });

  var retries = 0;
  video.addEventListener("playing", function () {
    retries = 0;
  });
  video.addEventListener("error", function () {
    if (retries >= 3) return;
    retries += 1;
    var at = video.currentTime;
    freshSource = null;
    report(true).then(function () {
      if (!freshSource) return;
      video.addEventListener("loadedmetadata", function resume() {
        video.removeEventListener("loadedmetadata", resume);
        if (at) video.currentTime = at;
        video.play().catch(function () {});
      });
      video.src = freshSource;
      video.load();
    });
  });
})();
