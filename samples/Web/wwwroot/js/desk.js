// The issuing desk: keeps the table current (polls the rows' states and reloads the desk when one changed or the
// status list was republished; while PINs shown once are on the page it only says so) and asks before a revocation. No inline script: the page's CSP is script-src 'self'.
(function () {
    "use strict";
    var desk = document.getElementById("desk");
    if (!desk) {
        return;
    }

    document.querySelectorAll("form.desk-revoke-form").forEach(function (form) {
        form.addEventListener("submit", function (event) {
            var button = form.querySelector("button[data-confirm]");
            if (button && !window.confirm(button.getAttribute("data-confirm"))) {
                event.preventDefault();
            }
        });
    });

    var url = desk.getAttribute("data-rows-url");
    var freshPins = desk.getAttribute("data-fresh-pins") === "true";
    var published = document.getElementById("published-at");
    function shown() {
        var states = {};
        document.querySelectorAll("tr[data-row-id]").forEach(function (row) {
            var cell = row.querySelector("[data-state]");
            states[row.getAttribute("data-row-id")] = cell ? cell.getAttribute("data-state") : "";
        });
        return states;
    }

    function poll() {
        fetch(url, { credentials: "same-origin", cache: "no-store", headers: { "Accept": "application/json" } })
            .then(function (response) {
                if (response.redirected || !response.ok) {
                    throw new Error("signed out");
                }
                return response.json();
            })
            .then(function (data) {
                var states = shown();
                var changed = Object.keys(states).length !== data.rows.length;
                data.rows.forEach(function (row) {
                    if (states[row.id] !== row.state) {
                        changed = true;
                    }
                });
                var before = published ? published.getAttribute("data-published") : "";
                if (published && data.published !== null && String(data.published) !== before) {
                    changed = true;
                }
                if (changed && freshPins) {
                    // PINs shown once are on the page: reloading would lose them, so staff choose when.
                    var notice = document.getElementById("desk-changed");
                    if (notice) {
                        notice.hidden = false;
                    }
                    return;
                }
                if (changed) {
                    // A GET of the desk (never a reload, which would resend an upload).
                    window.location.assign("/desk");
                    return;
                }
                window.setTimeout(poll, 2000);
            })
            .catch(function () {
                window.setTimeout(poll, 10000);
            });
    }

    window.setTimeout(poll, 2000);
})();
