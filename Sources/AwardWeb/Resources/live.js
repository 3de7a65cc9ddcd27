// The inbox updates itself: it listens to /events (Server-Sent Events, the events this person's
// jurisdiction sees) and, when something happens, reloads the list of waiting dossiers in place
// and says so. Without this script (or EventSource) the page works as before: reload by hand.
(function () {
  "use strict";
  var list = document.getElementById("inbox-list");
  var status = document.getElementById("live-status");
  if (!list || !status || !window.EventSource || !window.fetch || !window.DOMParser) { return; }
  var words = {
    "nomination.submitted": "Có hồ sơ mới được trình", "nomination.approved": "Hồ sơ được đồng ý, chuyển cấp trên",
    "nomination.returned": "Hồ sơ bị trả lại", "nomination.resubmitted": "Hồ sơ được trình lại",
    "nomination.awarded": "Hồ sơ đã có quyết định khen thưởng", "nomination.rejected": "Hồ sơ bị từ chối",
    "nomination.withdrawn": "Hồ sơ được rút", "deadline.warning": "Hồ sơ sắp đến hạn xử lý"
  };
  var pending = null;
  function refresh(message) {
    fetch(window.location.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) { return response.ok ? response.text() : null; })
      .then(function (html) {
        if (!html) { return; }
        var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("inbox-list");
        if (fresh) { list.innerHTML = fresh.innerHTML; }
        var now = new Date();
        status.textContent = message + " (lúc " + now.toLocaleTimeString("vi-VN") + "); danh sách đã được cập nhật.";
      })
      .catch(function () { status.textContent = message + ". Tải lại trang để xem."; });
  }
  var source = new EventSource("/events?after=" + encodeURIComponent(list.getAttribute("data-cursor") || ""));
  function onEvent(event) {
    var message = words[event.type] || "Có cập nhật mới";
    try {
      var data = JSON.parse(event.data);
      if (data.nomination_id) { message += ": hồ sơ số " + data.nomination_id; }
    } catch (ignored) { }
    // Several events close together refresh the list once.
    if (pending) { clearTimeout(pending); }
    pending = setTimeout(function () { pending = null; refresh(message); }, 300);
  }
  Object.keys(words).forEach(function (type) { source.addEventListener(type, onEvent); });
  source.onmessage = onEvent;
})();
