// The credential checker's drag-and-drop: a file dropped on the box goes into the form's file input and the form is
// posted, exactly as if it had been chosen with the input (the page works without this script). No inline script:
// the page's CSP allows scripts from this origin only.
(function () {
    "use strict";
    var form = document.getElementById("checker-form");
    var zone = document.getElementById("drop-zone");
    var input = document.getElementById("credential-file");
    var status = document.getElementById("drop-status");
    if (!form || !zone || !input) {
        return;
    }

    var lang = document.documentElement.lang === "en" ? "en" : "ja";
    function say(ja, en) {
        if (status) {
            status.textContent = lang === "en" ? en : ja;
        }
    }

    ["dragenter", "dragover"].forEach(function (type) {
        zone.addEventListener(type, function (event) {
            event.preventDefault();
            zone.classList.add("dragging");
        });
    });
    ["dragleave", "dragend"].forEach(function (type) {
        zone.addEventListener(type, function () {
            zone.classList.remove("dragging");
        });
    });
    zone.addEventListener("drop", function (event) {
        event.preventDefault();
        zone.classList.remove("dragging");
        var files = event.dataTransfer && event.dataTransfer.files;
        if (!files || files.length === 0) {
            return;
        }

        if (files.length > 1) {
            say("ファイルは一つずつドロップしてください。", "Drop one file at a time.");
            return;
        }

        input.files = files;
        say("「" + files[0].name + "」を確認しています…", "Checking \u201c" + files[0].name + "\u201d…");
        form.requestSubmit();
    });
    input.addEventListener("change", function () {
        if (input.files && input.files.length === 1) {
            say("「" + input.files[0].name + "」を選びました。「確認する」を押してください。", "Chose \u201c" + input.files[0].name + "\u201d. Press Check.");
        }
    });
})();
