namespace Credentials.Browser.Tests.Hosting;

/// <summary>
/// Init scripts that stand in for the platform wallet headless Chromium lacks. They run before the page's own
/// scripts: <see cref="Script"/> replaces <c>navigator.credentials.get</c> with a function that forwards the
/// <c>digital</c> member (as JSON) and the page's <c>location.origin</c> to the test through the exposed binding
/// <c>__credentialsTestWallet</c>, and turns its JSON answer into a <c>DigitalCredential</c>-shaped object or a
/// <c>DOMException</c>. Every outcome event is recorded in <c>window.__dcApiOutcomes</c>.
/// </summary>
internal static class InjectedWallet
{
    public const string BindingName = "__credentialsTestWallet";

    /// <summary>Records what the page saw and did, for the test to read.</summary>
    public const string Recorder = """
        (() => {
          window.__dcApiOutcomes = [];
          window.__dcApiCalls = [];
          window.addEventListener('credentials-dc-api:outcome', e => window.__dcApiOutcomes.push(e.detail));
        })();
        """;

    /// <summary>The wallet stand-in (on top of <see cref="Recorder"/>).</summary>
    public const string Script = Recorder + """
        (() => {
          if (typeof window.DigitalCredential !== 'function') {
            // Headless Chromium may lack the interface; the page only needs it to exist.
            window.DigitalCredential = class DigitalCredential {};
          }
          const get = async (options) => {
            window.__dcApiCalls.push(JSON.parse(JSON.stringify({ digital: options.digital, mediation: options.mediation })));
            const answer = JSON.parse(await window.__credentialsTestWallet(JSON.stringify({ origin: location.origin, digital: options.digital })));
            if (answer.exception) { throw new DOMException(answer.message || answer.exception, answer.exception); }
            const credential = Object.create(window.DigitalCredential.prototype);
            Object.defineProperty(credential, 'protocol', { value: answer.protocol });
            Object.defineProperty(credential, 'data', { value: answer.data });
            return credential;
          };
          Object.defineProperty(navigator.credentials, 'get', { value: get, configurable: true });
        })();
        """;

    /// <summary>Removes the API, as in a browser without it.</summary>
    public const string Absent = Recorder + """
        (() => {
          delete window.DigitalCredential;
          try { Object.defineProperty(window, 'DigitalCredential', { value: undefined, configurable: true }); } catch (e) { }
        })();
        """;
}
