// The shop's waiting screen: asks the presentation handler's status endpoint whether the wallet has answered
// ({"status":"pending"|"complete"}, nothing else) and then goes to the callback, which shows the answer.
// Where the browser offers the Digital Credentials API, it also shows a button that asks a wallet in this browser
// (OpenID4VP 1.0 Appendix A) and posts its answer to the shop, which verifies it and says where to go next.
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
    var timer = 0;
    var polling = true;

    function schedule() {
        if (polling) {
            timer = window.setTimeout(poll, interval);
        }
    }

    function poll() {
        fetch(status, { credentials: "same-origin", cache: "no-store" })
            .then(function (response) { return response.json(); })
            .then(function (body) {
                if (!polling) {
                    return;
                }
                if (body.status === "complete") {
                    text.textContent = text.getAttribute("data-checking");
                    window.location.replace(callback);
                } else {
                    schedule();
                }
            }, schedule);
    }

    schedule();

    // The Digital Credentials API: navigator.credentials.get with the "digital" member. DigitalCredential is the
    // interface a browser that offers it exposes; without it there is no button at all.
    function digitalCredentialsOffered() {
        if (typeof window.DigitalCredential !== "function" || !window.isSecureContext
            || !navigator.credentials || typeof navigator.credentials.get !== "function") {
            return false;
        }
        var allows = window.DigitalCredential.userAgentAllowsProtocol;
        return typeof allows !== "function" || allows.call(window.DigitalCredential, "openid4vp-v1-unsigned") === true;
    }

    var template = document.getElementById("shop-dcapi-template");
    var slot = document.getElementById("shop-dcapi-slot");
    if (!template || !slot || !digitalCredentialsOffered()) {
        return;
    }

    slot.appendChild(document.importNode(template.content, true));
    var form = document.getElementById("shop-dcapi");
    var button = document.getElementById("shop-dcapi-button");
    var tokenField = form.querySelector("input[name='__RequestVerificationToken']");
    var token = tokenField ? tokenField.value : "";
    var waitingText = text.textContent;

    function post(url, body) {
        // The page's Referrer-Policy is no-referrer, under which a POST's Origin header is "null"; the shop needs the
        // real Origin (same-origin requests only), so this request says same-origin.
        return fetch(url, {
            method: "POST",
            credentials: "same-origin",
            cache: "no-store",
            referrerPolicy: "same-origin",
            headers: { "Content-Type": "application/json", "RequestVerificationToken": token },
            body: JSON.stringify(body)
        }).then(function (response) {
            if (!response.ok) {
                throw new Error("shop " + response.status);
            }
            return response.json();
        });
    }

    function done(message) {
        button.disabled = false;
        form.removeAttribute("aria-busy");
        text.textContent = message;
        polling = true;
        schedule();
    }

    form.addEventListener("submit", function (event) {
        event.preventDefault();
        if (button.disabled) {
            return;
        }
        button.disabled = true;
        form.setAttribute("aria-busy", "true");
        polling = false;
        window.clearTimeout(timer);
        text.textContent = form.getAttribute("data-waiting");
        var protocol;

        post(form.getAttribute("data-request"), {})
            .then(function (request) {
                protocol = request.protocol;
                return navigator.credentials.get({
                    digital: { requests: [{ protocol: request.protocol, data: request.data }] },
                    mediation: "required"
                });
            })
            .then(function (credential) {
                if (!credential || credential.protocol !== protocol || credential.data === undefined || credential.data === null) {
                    throw new Error("no credential");
                }
                var data = typeof credential.data === "string" ? JSON.parse(credential.data) : credential.data;
                return post(form.getAttribute("data-response"), { protocol: credential.protocol, data: data });
            })
            .then(function (next) {
                // The shop answers only with where to go: its result page (with a reason when it refused).
                if (next && typeof next.location === "string" && next.location.indexOf("/shop/result") === 0) {
                    text.textContent = text.getAttribute("data-checking");
                    window.location.replace(next.location);
                } else {
                    done(form.getAttribute("data-failed"));
                }
            })
            .catch(function (error) {
                var name = error && error.name;
                done(form.getAttribute(name === "AbortError" || name === "NotAllowedError" ? "data-cancelled" : "data-failed") || waitingText);
            });
    });
})();
