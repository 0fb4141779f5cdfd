// The shop's waiting screen: asks the presentation handler's status endpoint whether the wallet has answered
// ({"status":"pending"|"complete"}, nothing else) and then goes to the callback, which shows the answer.
(function () {
    "use strict";
    var root = document.getElementById("shop-request");
    var text = document.getElementById("shop-status");
    if (!root || !text) {
        return;
    }

    var status = root.getAttribute("data-status");
    var callback = root.getAttribute("data-callback");
    var interval = 1000;

    function poll() {
        fetch(status, { credentials: "same-origin", cache: "no-store" })
            .then(function (response) { return response.json(); })
            .then(function (body) {
                if (body.status === "complete") {
                    text.textContent = text.getAttribute("data-checking");
                    window.location.replace(callback);
                } else {
                    window.setTimeout(poll, interval);
                }
            }, function () {
                window.setTimeout(poll, interval);
            });
    }

    window.setTimeout(poll, interval);
})();
