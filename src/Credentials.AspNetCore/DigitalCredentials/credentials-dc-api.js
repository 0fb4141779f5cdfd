/*
 * credentials-dc-api.js: the verifier page's side of the W3C Digital Credentials API, for a Credentials
 * (ASP.NET Core) verifier. No dependency, no inline script needed, served by the library
 * (app.MapDigitalCredentialsScript(...)).
 *
 * Flow (W3C Digital Credentials, "requests" of {protocol, data}; OpenID for Verifiable Presentations 1.0 Appendix A):
 *   1. POST {requestUrl}                          -> {"protocol": "...", "data": {...}, "transaction_id": "..."}
 *   2. navigator.credentials.get({digital: {requests: [{protocol, data}]}, mediation: "required"})
 *                                                 -> DigitalCredential {protocol, data}
 *   3. POST {responseUrl} {"transaction_id", "protocol", "data"}
 *                                                 -> 2xx: the verifier's result {"status": "accepted"|"rejected"|"wallet_error",
 *                                                    "claims": {name: value}, ...}; 4xx: {"error", "error_description", "code"}
 *
 * Declarative use (works under a CSP without 'unsafe-inline'):
 *   <script src="/credentials-dc-api.js" defer></script>
 *   <button hidden data-credentials-dc-api
 *           data-request-url="/dc-api/request" data-response-url="/dc-api/response"
 *           data-output="#result">Verify with a wallet</button>
 *   <div id="result" aria-live="polite"></div>
 * Texts can be set per outcome with data-text-pending, data-text-verified, data-text-refused, data-text-cancelled,
 * data-text-unsupported and data-text-failed (English otherwise).
 * The button is shown only where the API exists (it stays hidden otherwise) and <html> gets
 * data-credentials-dc-api="supported" or "unsupported", so CSS can show a fallback (a QR code, a link).
 * The outcome is rendered into data-output (text nodes only, never HTML) and dispatched as the event
 * "credentials-dc-api:outcome" (bubbling, detail = the outcome) on the button; "credentials-dc-api:start" is
 * dispatched before the request.
 *
 * Programmatic use: CredentialsDcApi.isSupported(), CredentialsDcApi.present({requestUrl, responseUrl, signal})
 * (a Promise that always resolves to an outcome, never rejects), CredentialsDcApi.bind(button, options).
 *
 * Outcome: {kind, phase, status?, result?, error?, code?, description?}
 *   kind "verified"    the verifier accepted the presentation (2xx, status "accepted" or none); result is its JSON.
 *   kind "refused"     the verifier refused the answer: 2xx with another status (error = that status, code = the
 *                      verifier's error code), or HTTP 4xx (error, code, description from its JSON).
 *   kind "cancelled"   the user closed the wallet chooser or refused (AbortError, NotAllowedError).
 *   kind "unsupported" no Digital Credentials API here, or not for this protocol (NotSupportedError).
 *   kind "failed"      anything else: a network error, the server could not make a request, a wallet error.
 *   phase "request" (asking the server), "wallet" (navigator.credentials.get), "response" (posting the answer).
 */
(function (global) {
  'use strict';

  var EVENT_START = 'credentials-dc-api:start';
  var EVENT_OUTCOME = 'credentials-dc-api:outcome';
  var bound = typeof WeakSet === 'function' ? new WeakSet() : null;
  var TEXTS = {
    pending: 'Waiting for the wallet…',
    verified: 'Verified.',
    refused: 'The presentation was refused.',
    cancelled: 'Cancelled.',
    unsupported: 'This browser cannot present digital credentials.',
    failed: 'Something went wrong. Please try again.'
  };

  /** True when this browser exposes the Digital Credentials API (DigitalCredential and navigator.credentials.get). */
  function isSupported() {
    return typeof global.DigitalCredential === 'function' &&
      typeof global.navigator === 'object' && global.navigator !== null &&
      typeof global.navigator.credentials === 'object' && global.navigator.credentials !== null &&
      typeof global.navigator.credentials.get === 'function' &&
      global.isSecureContext !== false;
  }

  function outcome(kind, phase, extra) {
    var o = { kind: kind, phase: phase };
    if (extra) {
      for (var k in extra) {
        if (Object.prototype.hasOwnProperty.call(extra, k) && extra[k] !== undefined) { o[k] = extra[k]; }
      }
    }
    return Object.freeze(o);
  }

  function asObject(value) {
    // The verifier's "data" is a JSON object; a JSON text is accepted too.
    if (typeof value === 'string') { return JSON.parse(value); }
    return value;
  }

  function readJson(response) {
    return response.text().then(function (text) {
      if (!text) { return null; }
      try { return JSON.parse(text); } catch (e) { return null; }
    });
  }

  function postJson(url, body, signal) {
    return global.fetch(url, {
      method: 'POST',
      credentials: 'same-origin',
      cache: 'no-store',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
      body: JSON.stringify(body),
      signal: signal
    });
  }

  function walletFailure(e) {
    var name = e && typeof e.name === 'string' ? e.name : 'Error';
    var extra = { error: name, description: e && typeof e.message === 'string' ? e.message : undefined };
    if (name === 'AbortError' || name === 'NotAllowedError') { return outcome('cancelled', 'wallet', extra); }
    if (name === 'NotSupportedError') { return outcome('unsupported', 'wallet', extra); }
    return outcome('failed', 'wallet', extra);
  }

  /**
   * Runs one presentation: asks the server for a request, lets the user choose a wallet, posts the answer back.
   * options: {requestUrl, responseUrl, signal?, requestBody?}. Resolves to an outcome (never rejects).
   */
  function present(options) {
    if (!options || !options.requestUrl || !options.responseUrl) {
      throw new TypeError('CredentialsDcApi.present needs requestUrl and responseUrl.');
    }
    if (!isSupported()) { return Promise.resolve(outcome('unsupported', 'wallet')); }
    var signal = options.signal;
    var transactionId;
    var protocol;

    return postJson(options.requestUrl, options.requestBody || {}, signal).then(function (response) {
      return readJson(response).then(function (body) {
        if (!response.ok || !body || typeof body.protocol !== 'string' || body.data === undefined || body.data === null) {
          throw outcome('failed', 'request', {
            status: response.status,
            error: body && typeof body.error === 'string' ? body.error : undefined,
            description: body && typeof body.error_description === 'string' ? body.error_description : undefined
          });
        }
        transactionId = body.transaction_id;
        protocol = body.protocol;
        var data;
        try { data = asObject(body.data); } catch (e) { throw outcome('failed', 'request', { error: 'invalid_json' }); }
        var request = { digital: { requests: [{ protocol: protocol, data: data }] }, mediation: 'required' };
        if (signal) { request.signal = signal; }
        var pending;
        try { pending = global.navigator.credentials.get(request); } catch (e) { throw walletFailure(e); }
        return Promise.resolve(pending).then(null, function (e) { throw walletFailure(e); });
      });
    }, function (e) {
      throw outcome(e && e.name === 'AbortError' ? 'cancelled' : 'failed', 'request', { error: e && e.name });
    }).then(function (credential) {
      if (!credential || typeof credential.protocol !== 'string' || credential.data === undefined || credential.data === null) {
        throw outcome('failed', 'wallet', { error: 'no_credential' });
      }
      if (credential.protocol !== protocol) {
        throw outcome('failed', 'wallet', { error: 'unexpected_protocol' });
      }
      var data;
      try { data = asObject(credential.data); } catch (e) { throw outcome('failed', 'wallet', { error: 'invalid_json' }); }
      var answer = { protocol: credential.protocol, data: data };
      if (transactionId !== undefined) { answer.transaction_id = transactionId; }
      return postJson(options.responseUrl, answer, signal).then(null, function (e) {
        throw outcome(e && e.name === 'AbortError' ? 'cancelled' : 'failed', 'response', { error: e && e.name });
      });
    }).then(function (response) {
      return readJson(response).then(function (body) {
        var code = body && typeof body.code === 'string' ? body.code : undefined;
        if (response.ok) {
          // A verifier result names its status; anything but "accepted" (rejected, wallet_error) is a refusal.
          var status = body && typeof body.status === 'string' ? body.status : 'accepted';
          if (status === 'accepted') { return outcome('verified', 'response', { status: response.status, result: body }); }
          return outcome('refused', 'response', {
            status: response.status, result: body, error: status, code: code,
            description: body && typeof body.wallet_error === 'string' ? body.wallet_error : undefined
          });
        }
        var extra = {
          status: response.status,
          error: body && typeof body.error === 'string' ? body.error : undefined,
          code: code,
          description: body && typeof body.error_description === 'string' ? body.error_description : undefined
        };
        return outcome(response.status >= 400 && response.status < 500 ? 'refused' : 'failed', 'response', extra);
      });
    }).then(null, function (e) {
      if (e && typeof e.kind === 'string' && typeof e.phase === 'string') { return e; }
      return outcome('failed', 'response', { error: e && e.name });
    });
  }

  function text(options, key) {
    var value = options.texts && options.texts[key];
    return typeof value === 'string' ? value : TEXTS[key];
  }

  function show(value) {
    if (value === null || value === undefined) { return ''; }
    return typeof value === 'object' ? JSON.stringify(value) : String(value);
  }

  /** Writes the outcome into target with text nodes only: a status line, and for "verified" the disclosed claims. */
  function render(target, result, options) {
    options = options || {};
    var doc = target.ownerDocument;
    var status = doc.createElement('p');
    status.setAttribute('data-outcome', result.kind);
    status.textContent = text(options, result.kind);
    var children = [status];
    var claims = result.kind === 'verified' && result.result && typeof result.result.claims === 'object' ? result.result.claims : null;
    if (claims) {
      var list = doc.createElement('dl');
      Object.keys(claims).forEach(function (name) {
        var term = doc.createElement('dt');
        term.textContent = name;
        var value = doc.createElement('dd');
        value.setAttribute('data-claim', name);
        value.textContent = show(claims[name]);
        list.appendChild(term);
        list.appendChild(value);
      });
      children.push(list);
    } else if (result.error || result.code) {
      var detail = doc.createElement('p');
      detail.setAttribute('data-error', result.code || result.error);
      detail.textContent = result.code || result.error;
      children.push(detail);
    }
    target.replaceChildren.apply(target, children);
  }

  function resolveOutput(element, options) {
    var selector = options.output || element.getAttribute('data-output');
    return selector ? element.ownerDocument.querySelector(selector) : null;
  }

  /**
   * Binds a button (once): shows it when the API exists (hides it otherwise) and runs present() on click.
   * options (all optional; data attributes are read otherwise): {requestUrl, responseUrl, output, texts}.
   */
  function bind(element, options) {
    options = options || {};
    var config = {
      requestUrl: options.requestUrl || element.getAttribute('data-request-url'),
      responseUrl: options.responseUrl || element.getAttribute('data-response-url')
    };
    if (!config.requestUrl || !config.responseUrl) {
      throw new TypeError('CredentialsDcApi.bind needs data-request-url and data-response-url.');
    }
    // Texts: options.texts, else data-text-<kind> attributes (data-text-verified="確認しました"), else English.
    var texts = {};
    Object.keys(TEXTS).forEach(function (key) {
      var given = options.texts && options.texts[key];
      var attribute = element.getAttribute('data-text-' + key);
      if (typeof given === 'string') { texts[key] = given; } else if (attribute !== null) { texts[key] = attribute; }
    });
    options = { output: options.output, texts: texts };
    var output = resolveOutput(element, options);
    if (!isSupported()) {
      element.hidden = true;
      return false;
    }
    element.hidden = false;
    if (bound) {
      if (bound.has(element)) { return true; }
      bound.add(element);
    }
    element.addEventListener('click', function (event) {
      event.preventDefault();
      if (element.getAttribute('aria-busy') === 'true') { return; }
      element.setAttribute('aria-busy', 'true');
      element.disabled = true;
      if (output) {
        var waiting = element.ownerDocument.createElement('p');
        waiting.setAttribute('data-outcome', 'pending');
        waiting.textContent = text(options, 'pending');
        output.replaceChildren(waiting);
      }
      element.dispatchEvent(new CustomEvent(EVENT_START, { bubbles: true }));
      present(config).then(function (result) {
        element.removeAttribute('aria-busy');
        element.disabled = false;
        if (output) { render(output, result, options); }
        element.dispatchEvent(new CustomEvent(EVENT_OUTCOME, { bubbles: true, detail: result }));
      });
    });
    return true;
  }

  function bindAll() {
    var doc = global.document;
    doc.documentElement.setAttribute('data-credentials-dc-api', isSupported() ? 'supported' : 'unsupported');
    var buttons = doc.querySelectorAll('[data-credentials-dc-api]:not(html)');
    for (var i = 0; i < buttons.length; i++) { bind(buttons[i]); }
  }

  global.CredentialsDcApi = Object.freeze({
    version: 1,
    isSupported: isSupported,
    present: present,
    bind: bind,
    render: render
  });

  if (global.document) {
    if (global.document.readyState === 'loading') {
      global.document.addEventListener('DOMContentLoaded', bindAll);
    } else {
      bindAll();
    }
  }
})(typeof window !== 'undefined' ? window : this);
