using System;
using System.Buffers;
using System.Threading;
using System.Threading.Tasks;
using System.Text.Json;
using Credentials.Internal;
using Credentials.OpenId4Vp;
using Credentials.OpenId4Vp.Internal;
using Credentials.Wallet.Holder;

namespace Credentials.Wallet.OpenId4Vp;

public sealed partial class OpenId4VpWalletClient
{
    /// <summary>
    /// Reads a request the platform handed over from the Digital Credentials API (OpenID4VP 1.0 Appendix A), with the
    /// calling Origin as the platform reported it: signature and Client Identifier Prefix of a signed request, the
    /// Origin against its <c>expected_origins</c> (<c>openid4vp.origin_mismatch</c>; answer it with
    /// <see cref="DigitalCredentialsApiError"/> <c>invalid_request</c>), and the encryption key of <c>dc_api.jwt</c>.
    /// </summary>
    /// <param name="protocol">The request's <c>protocol</c>.</param>
    /// <param name="data">The request's <c>data</c>.</param>
    /// <param name="origin">The caller's Origin as the platform reported it.</param>
    /// <param name="cancellationToken">Cancels DID resolution.</param>
    public ValueTask<VerificationResult<DigitalCredentialsApiRequest>> ReadDigitalCredentialsApiRequestAsync(string protocol, JsonElement data, string origin, CancellationToken cancellationToken = default)
        => _reader.ReadDigitalCredentialsApiAsync(protocol, data, origin, cancellationToken);

    /// <summary>
    /// Plans the answer to a Digital Credentials API request (nothing leaves the wallet). The presentations will be
    /// bound to <c>origin:</c> + the Origin (Appendix A.4) and the request's nonce; the verifier recorded in the
    /// disclosure log is the signed request's <c>client_id</c>, else <c>origin:</c> + the Origin.
    /// </summary>
    /// <param name="request">The verified request.</param>
    /// <param name="locale">The language of labels; the wallet's default when <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels store access.</param>
    public ValueTask<VerificationResult<PresentationPlan>> PrepareDigitalCredentialsApiAsync(DigitalCredentialsApiRequest request, string? locale = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var thumbprint = request.ComputeEncryptionKeyThumbprint();
        return _wallet.PrepareAsync(
            new PresentationRequest(request.DcqlQuery, request.ClientId ?? request.Audience, request.Nonce)
            {
                Audience = request.Audience,
                Origin = request.Origin,
                EncryptionKeyThumbprint = thumbprint is null ? null : thumbprint,
            },
            locale,
            cancellationToken);
    }

    /// <summary>
    /// Answers a Digital Credentials API request with the user's consent and returns the <c>data</c> for the platform:
    /// an approval presents (audience <c>origin:</c> + Origin, the request's nonce) and returns <c>{"vp_token": {…}}</c>, or
    /// for <c>dc_api.jwt</c> <c>{"response": "&lt;JWE&gt;"}</c>; a denial returns <c>{"error": "access_denied"}</c>.
    /// </summary>
    /// <param name="request">The verified request.</param>
    /// <param name="plan">The plan from <see cref="PrepareDigitalCredentialsApiAsync"/>.</param>
    /// <param name="consent">The user's answer.</param>
    /// <param name="cancellationToken">Cancels signing.</param>
    /// <exception cref="ArgumentException">The plan was made for another request.</exception>
    public async ValueTask<VerificationResult<OpenId4VpDcApiResponse>> RespondDigitalCredentialsApiAsync(DigitalCredentialsApiRequest request, PresentationPlan plan, PresentationConsent consent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(consent);
        if (!string.Equals(plan.Request.Nonce, request.Nonce, StringComparison.Ordinal) || !string.Equals(plan.Audience, request.Audience, StringComparison.Ordinal))
        {
            throw new ArgumentException("The plan was made for another request.", nameof(plan));
        }

        var presented = await _wallet.RespondAsync(plan, consent, cancellationToken).ConfigureAwait(false);
        if (!presented.IsValid)
        {
            return presented.Error;
        }

        if (presented.Value.IsDenied)
        {
            return new OpenId4VpDcApiResponse { Data = DigitalCredentialsApiError(OpenId4VpOAuthErrors.AccessDenied), Presentation = presented.Value };
        }

        var data = await WriteDcApiDataAsync(request, presented.Value.ToVpTokenJson(), cancellationToken).ConfigureAwait(false);
        return data.IsValid ? new OpenId4VpDcApiResponse { Data = data.Value, Presentation = presented.Value } : data.Error;
    }

    /// <summary>
    /// The whole flow for a Digital Credentials API request: read it, plan, ask <paramref name="consent"/>, respond.
    /// When the wallet cannot satisfy the query, the answer is <c>{"error": "access_denied"}</c> without asking the user.
    /// A request that fails validation (for example an Origin outside <c>expected_origins</c>) is returned as its error and
    /// nothing is presented.
    /// </summary>
    /// <param name="protocol">The request's <c>protocol</c>.</param>
    /// <param name="data">The request's <c>data</c>.</param>
    /// <param name="origin">The caller's Origin as the platform reported it.</param>
    /// <param name="consent">Shows the plan to the user and returns the answer.</param>
    /// <param name="cancellationToken">Cancels the flow.</param>
    public async ValueTask<VerificationResult<OpenId4VpDcApiResponse>> AnswerDigitalCredentialsApiRequestAsync(string protocol, JsonElement data, string origin, Func<PresentationPlan, CancellationToken, ValueTask<PresentationConsent>> consent, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(consent);
        var request = await ReadDigitalCredentialsApiRequestAsync(protocol, data, origin, cancellationToken).ConfigureAwait(false);
        if (!request.IsValid)
        {
            return request.Error;
        }

        var plan = await PrepareDigitalCredentialsApiAsync(request.Value, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!plan.IsValid)
        {
            return plan.Error;
        }

        if (!plan.Value.IsSatisfiable)
        {
            return new OpenId4VpDcApiResponse { Data = DigitalCredentialsApiError(OpenId4VpOAuthErrors.AccessDenied) };
        }

        var answer = await consent(plan.Value, cancellationToken).ConfigureAwait(false);
        return await RespondDigitalCredentialsApiAsync(request.Value, plan.Value, answer, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>An error <c>data</c> object for the platform (Appendix A.4): <c>{"error": "&lt;code&gt;"}</c>, never encrypted.</summary>
    /// <param name="error">The OAuth error, for example <see cref="OpenId4VpOAuthErrors.InvalidRequest"/> or <see cref="OpenId4VpOAuthErrors.AccessDenied"/>.</param>
    public static JsonElement DigitalCredentialsApiError(string error)
    {
        ArgumentException.ThrowIfNullOrEmpty(error);
        var buffer = new ArrayBufferWriter<byte>(64);
        using (var w = new Utf8JsonWriter(buffer, SafeJson.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString(RequestParameterNames.Error, error);
            w.WriteEndObject();
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return document.RootElement.Clone();
    }

    private static ValueTask<VerificationResult<JsonElement>> WriteDcApiDataAsync(DigitalCredentialsApiRequest request, string vpTokenJson, CancellationToken cancellationToken)
    {
        _ = cancellationToken;
        var buffer = new ArrayBufferWriter<byte>(vpTokenJson.Length + 32);
        using (var w = new Utf8JsonWriter(buffer, SafeJson.WriterOptions))
        {
            w.WriteStartObject();
            w.WritePropertyName(RequestParameterNames.VpToken);
            w.WriteRawValue(vpTokenJson, skipInputValidation: true);
            w.WriteEndObject();
        }

        if (request.IsEncrypted)
        {
            // Section 8.3 and Appendix A.2: dc_api.jwt returns {"response": "<JWE>"} with the response parameters inside.
            var jwe = ResponseEncryption.Encrypt(buffer.WrittenSpan, request.EncryptionKey!, request.EncryptionMethod!);
            if (!jwe.IsValid)
            {
                return ValueTask.FromResult<VerificationResult<JsonElement>>(jwe.Error);
            }

            var wrapped = new ArrayBufferWriter<byte>(jwe.Value.Length + 32);
            using (var w = new Utf8JsonWriter(wrapped, SafeJson.WriterOptions))
            {
                w.WriteStartObject();
                w.WriteString(RequestParameterNames.Response, jwe.Value);
                w.WriteEndObject();
            }

            using var encrypted = JsonDocument.Parse(wrapped.WrittenMemory);
            return ValueTask.FromResult<VerificationResult<JsonElement>>(encrypted.RootElement.Clone());
        }

        using var document = JsonDocument.Parse(buffer.WrittenMemory);
        return ValueTask.FromResult<VerificationResult<JsonElement>>(document.RootElement.Clone());
    }
}
