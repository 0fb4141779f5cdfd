using System;
using System.Collections.Generic;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Credentials.Keys;
using Credentials.Pkcs11.Internal;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Credentials.Pkcs11;

/// <summary>
/// A logged-in PKCS#11 token: the module loaded once per process, the user logged in with a PIN from a file or an
/// environment variable, and a pool of sessions so that many signers sign in parallel. Thread-safe; dispose it to close
/// its sessions (the module stays loaded for the process, see PKCS#11 v2.40 section 5.4).
/// </summary>
/// <remarks>
/// Every call into the module (signing, key lookup, key generation) holds a lease on the token. Disposal refuses new
/// calls (<see cref="ObjectDisposedException"/>), wakes the signings waiting for a session (the same exception), waits
/// up to <see cref="Pkcs11TokenOptions.DisposeTimeout"/> for the leases to end, then closes the sessions and, when no
/// other open <see cref="Pkcs11Token"/> of this process shares the login, logs the user out. A signing that entered
/// before the disposal completes normally. If the timeout passes, disposal returns and the closing is left to the
/// last lease to end: a session is never closed under a call still inside the module. There is no finalizer: a token
/// never disposed keeps its sessions and login until the process ends.
/// </remarks>
public sealed class Pkcs11Token : IDisposable, IAsyncDisposable
{
    private readonly IPkcs11Library _library;
    private readonly ISlot _slot;
    private readonly ISession _loginSession;
    private readonly HashSet<ulong> _mechanisms;
    private readonly Lock _writeLock = new();
    private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TimeSpan _disposeTimeout;
    private int _disposed;
    private int _leases;
    private int _closing;

    private Pkcs11Token(IPkcs11Library library, ISlot slot, ISession loginSession, HashSet<ulong> mechanisms, ITokenInfo info, Pkcs11Uri uri, Pkcs11TokenOptions options)
    {
        _disposeTimeout = options.DisposeTimeout;
        _library = library;
        _slot = slot;
        _loginSession = loginSession;
        _mechanisms = mechanisms;
        Label = info.Label.TrimEnd(' ');
        Manufacturer = info.ManufacturerId.TrimEnd(' ');
        Model = info.Model.TrimEnd(' ');
        SerialNumber = info.SerialNumber.TrimEnd(' ');
        Uri = Pkcs11Uri.Create(Label, null, default, null, uri.ModulePath, uri.PinSource);
        Sessions = new SessionPool(slot, Pkcs11Modules.SlotLock(library), options.MaxSessions);
    }

    /// <summary>The token label (CK_TOKEN_INFO <c>label</c>, trailing blanks removed).</summary>
    public string Label { get; }

    /// <summary>The token manufacturer.</summary>
    public string Manufacturer { get; }

    /// <summary>The token model.</summary>
    public string Model { get; }

    /// <summary>The token serial number.</summary>
    public string SerialNumber { get; }

    /// <summary>The URI of the token (its label, and the module path and PIN source it was opened with).</summary>
    public Pkcs11Uri Uri { get; }

    /// <summary>The most sessions used for signing at once.</summary>
    public int MaxSessions => Sessions.Max;

    internal SessionPool Sessions { get; }

    /// <summary>
    /// Opens the token the URI names (its token and slot attributes) and logs the user in.
    /// </summary>
    /// <param name="uri">The token's URI; object attributes are ignored here.</param>
    /// <param name="options">The module path when the URI has none, the NAME of the PIN's environment variable, the pool size.</param>
    /// <exception cref="Pkcs11Exception">The module, token or PIN cannot be used (see <see cref="Pkcs11Exception.Code"/>).</exception>
    public static Pkcs11Token Open(Pkcs11Uri uri, Pkcs11TokenOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(uri);
        options ??= new Pkcs11TokenOptions();
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxSessions, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.MaxSessions, 256, nameof(options));
        if (options.DisposeTimeout <= TimeSpan.Zero && options.DisposeTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "DisposeTimeout must be positive or Timeout.InfiniteTimeSpan.");
        }

        if (uri.HasPinValue)
        {
            throw new Pkcs11Exception(Pkcs11ErrorCodes.PinValueRefused, "The PKCS#11 URI carries a pin-value; give the PIN through pin-source (a file) or an environment variable instead.");
        }

        RequireKnownAttributes(uri);
        var library = LoadModule(uri, options);
        ISlot slot;
        ITokenInfo info;
        HashSet<ulong> mechanisms = [];
        var slotLock = Pkcs11Modules.SlotLock(library);
        lock (slotLock)
        {
            slot = FindSlot(library, uri);
            try
            {
                info = slot.GetTokenInfo();
                foreach (var mechanism in slot.GetMechanismList())
                {
                    mechanisms.Add((ulong)mechanism);
                }
            }
            catch (Net.Pkcs11Interop.Common.Pkcs11Exception e)
            {
                throw Pkcs11Failures.From(e, "C_GetTokenInfo");
            }
        }

        // PKCS#11 v2.40 section 3.2, CK_TOKEN_INFO flags: a locked user PIN is reported before any login attempt.
        if (info.TokenFlags.UserPinLocked)
        {
            throw new Pkcs11Exception(Pkcs11ErrorCodes.PinLocked, $"The user PIN of token '{info.Label.TrimEnd(' ')}' is locked.");
        }

        var pin = ReadPin(uri, options);
        ISession? session = null;
        try
        {
            lock (slotLock)
            {
                session = slot.OpenSession(SessionType.ReadOnly);
            }

            // Section 5.6 (C_Login): the login applies to every session of the application with this token; another
            // Pkcs11Token of this process may hold it already, then the PIN is checked against the one that logged in.
            Pkcs11Logins.Acquire(library, slot, session, pin);
            try
            {
                return new Pkcs11Token(library, slot, session, mechanisms, info, uri, options);
            }
            catch
            {
                // The hold just taken on the login is given back, or later opens would count a token that never existed.
                Pkcs11Logins.Release(library, slot.SlotId, session);
                throw;
            }
        }
        catch (Net.Pkcs11Interop.Common.Pkcs11Exception e)
        {
            session?.Dispose();
            throw Pkcs11Failures.From(e, "C_Login");
        }
        catch (Pkcs11Exception)
        {
            session?.Dispose();
            throw;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pin);
        }
    }

    /// <summary>Whether the token offers the mechanisms to sign with <paramref name="algorithm"/> (CKM_ECDSA, or CKM_EDDSA for Ed25519).</summary>
    /// <param name="algorithm">EdDSA / Ed25519, ES256 or ES384.</param>
    public bool Supports(JwsAlgorithm algorithm)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        return IsOffered(algorithm) && _mechanisms.Contains(SignMechanism(algorithm));
    }

    /// <summary>The signer of the private key the URI names (its <c>object</c> label and/or <c>id</c>).</summary>
    /// <param name="keyUri">The key's URI (token attributes are ignored: this token is used).</param>
    /// <param name="keyId">The JWS <c>kid</c> the signer reports, if any.</param>
    /// <exception cref="Pkcs11Exception">No or several keys match, the key is not EC P-256/P-384 or Ed25519, or the mechanism is missing.</exception>
    public Pkcs11Signer GetSigner(Pkcs11Uri keyUri, string? keyId = null)
    {
        ArgumentNullException.ThrowIfNull(keyUri);
        RequireKnownAttributes(keyUri);

        // RFC 7512 section 2.3, "type": a signer needs the private key; a URI naming another class matches no private key.
        if (keyUri.ObjectType is not null and not "private")
        {
            throw new Pkcs11Exception(Pkcs11ErrorCodes.UriUnsupported, "A signing key URI must name a private key (type=private, or no type).");
        }

        return GetSigner(keyUri.Object, keyUri.IdSpan, keyId);
    }

    /// <summary>Whether <see cref="Dispose"/> has been called.</summary>
    internal bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>Completes once the token's sessions are closed (at disposal, or later when the timeout passed).</summary>
    internal Task Closed => _closed.Task;

    /// <summary>The leases held now (calls inside the token).</summary>
    internal int Leases => Volatile.Read(ref _leases);

    /// <summary>
    /// Takes a lease for a call into the module; <see cref="Exit"/> ends it. The increment comes before the check of
    /// the disposed flag, and <see cref="Dispose"/> sets the flag before reading the count, both with full fences:
    /// either this call sees the disposal and leaves, or the disposal sees the lease and waits for it.
    /// </summary>
    /// <exception cref="ObjectDisposedException">The token is disposed.</exception>
    internal void Enter()
    {
        Interlocked.Increment(ref _leases);
        if (Volatile.Read(ref _disposed) != 0)
        {
            Exit();
            throw new ObjectDisposedException(GetType().FullName, "The PKCS#11 token is disposed.");
        }
    }

    /// <summary>Ends a lease taken by <see cref="Enter"/>; the last one after a disposal lets the sessions close.</summary>
    internal void Exit()
    {
        if (Interlocked.Decrement(ref _leases) == 0 && Volatile.Read(ref _disposed) != 0)
        {
            _drained.TrySetResult();
        }
    }

    /// <summary>The signer of the private key with this label and/or id.</summary>
    /// <param name="label">The object label (CKA_LABEL), or <see langword="null"/> to match any.</param>
    /// <param name="id">The object id (CKA_ID), or empty to match any.</param>
    /// <param name="keyId">The JWS <c>kid</c> the signer reports, if any.</param>
    /// <exception cref="Pkcs11Exception">No or several keys match, the key is not EC P-256/P-384 or Ed25519, or the mechanism is missing.</exception>
    internal Pkcs11Signer GetSigner(string? label, ReadOnlySpan<byte> id, string? keyId)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (label is null && id.IsEmpty)
        {
            throw new ArgumentException("Name the key by its label, its id or both.", nameof(label));
        }

        var idBytes = id.ToArray();
        Enter();
        try
        {
            return FindSigner(label, idBytes, keyId);
        }
        finally
        {
            Exit();
        }
    }

    private Pkcs11Signer FindSigner(string? label, byte[] idBytes, string? keyId)
    {
        lock (_writeLock)
        {
            var session = _loginSession;
            var handles = Find(session, CKO.CKO_PRIVATE_KEY, label, idBytes);
            if (handles.Count == 0)
            {
                throw new Pkcs11Exception(Pkcs11ErrorCodes.KeyNotFound, $"No private key on token '{Label}' matches the {Describe(label, idBytes)}.");
            }

            if (handles.Count > 1)
            {
                throw new Pkcs11Exception(Pkcs11ErrorCodes.KeyAmbiguous, $"{handles.Count} private keys on token '{Label}' match the {Describe(label, idBytes)}.");
            }

            var key = handles[0];
            var attributes = Attributes(session, key, [CKA.CKA_KEY_TYPE, CKA.CKA_EC_PARAMS, CKA.CKA_ID, CKA.CKA_LABEL, CKA.CKA_ALWAYS_AUTHENTICATE]);
            var keyType = attributes[0].GetValueAsUlong();
            var algorithm = Pkcs11PublicKeys.AlgorithmOf(keyType == Pkcs11Constants.CkkEcEdwards, attributes[1].GetValueAsByteArray() ?? [])
                ?? throw new Pkcs11Exception(Pkcs11ErrorCodes.KeyUnsupported, $"The key on token '{Label}' is not an EC P-256, EC P-384 or Ed25519 key.");
            if (keyType != (ulong)CKK.CKK_EC && keyType != Pkcs11Constants.CkkEcEdwards)
            {
                throw new Pkcs11Exception(Pkcs11ErrorCodes.KeyUnsupported, $"The key on token '{Label}' is not an EC or EdDSA key.");
            }

            // Section 4.9, CKA_ALWAYS_AUTHENTICATE: such a key needs the PIN again before every signature; not supported.
            if (!attributes[4].CannotBeRead && attributes[4].GetValueAsBool())
            {
                throw new Pkcs11Exception(Pkcs11ErrorCodes.KeyUnsupported, $"The key on token '{Label}' requires a login before each signature (CKA_ALWAYS_AUTHENTICATE).");
            }

            RequireMechanism(algorithm);
            var keyIdBytes = attributes[2].GetValueAsByteArray() ?? [];
            var keyLabel = attributes[3].GetValueAsString();
            var jwk = ReadPublicJwk(session, algorithm, keyLabel, keyIdBytes, keyId);
            var uri = Pkcs11Uri.Create(Label, keyLabel, keyIdBytes, "private", Uri.ModulePath, Uri.PinSource);
            var signer = new Pkcs11Signer(this, key, algorithm, jwk, keyId, uri);
            RequireMatchingPublicKey(session, signer);
            return signer;
        }
    }

    /// <summary>
    /// Generates a key pair on the token (PKCS#11 v2.40 section 2.3.5, CKM_EC_KEY_PAIR_GEN; 3.0 section 2.3.5,
    /// CKM_EC_EDWARDS_KEY_PAIR_GEN): both halves are token objects with this label and id; the private key is
    /// sensitive and not extractable, so it never leaves the token.
    /// </summary>
    /// <param name="algorithm">EdDSA / Ed25519, ES256 or ES384.</param>
    /// <param name="label">The object label (CKA_LABEL) of both halves.</param>
    /// <param name="id">The object id (CKA_ID) of both halves; not empty.</param>
    /// <param name="keyId">The JWS <c>kid</c> the returned signer reports, if any.</param>
    /// <exception cref="Pkcs11Exception">The token lacks the mechanism, or a key with this label or id exists.</exception>
    public Pkcs11Signer GenerateKeyPair(JwsAlgorithm algorithm, string label, ReadOnlySpan<byte> id, string? keyId = null)
    {
        ArgumentNullException.ThrowIfNull(algorithm);
        ArgumentException.ThrowIfNullOrEmpty(label);
        if (id.IsEmpty)
        {
            throw new ArgumentException("The key id (CKA_ID) must not be empty.", nameof(id));
        }

        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        if (!IsOffered(algorithm))
        {
            throw new ArgumentException("Only EdDSA (Ed25519), ES256 and ES384 keys are generated on PKCS#11 tokens.", nameof(algorithm));
        }

        var edwards = Pkcs11PublicKeys.IsEdDsa(algorithm);
        var generation = edwards ? Pkcs11Constants.CkmEcEdwardsKeyPairGen : (ulong)CKM.CKM_EC_KEY_PAIR_GEN;
        if (!_mechanisms.Contains(generation))
        {
            throw new Pkcs11Exception(Pkcs11ErrorCodes.MechanismUnsupported, $"Token '{Label}' does not offer {(edwards ? "CKM_EC_EDWARDS_KEY_PAIR_GEN" : "CKM_EC_KEY_PAIR_GEN")} to generate {algorithm.Name} keys.");
        }

        RequireMechanism(algorithm);
        var idBytes = id.ToArray();
        Enter();
        try
        {
            Generate(algorithm, label, idBytes, edwards, generation);
        }
        finally
        {
            Exit();
        }

        return GetSigner(label, idBytes, keyId);
    }

    private void Generate(JwsAlgorithm algorithm, string label, byte[] idBytes, bool edwards, ulong generation)
    {
        var factory = Pkcs11Modules.Factories.ObjectAttributeFactory;
        lock (_writeLock)
        {
            ISession session;
            try
            {
                // Token objects need a read/write session (section 5.6, C_OpenSession with CKF_RW_SESSION).
                // Lock order: _writeLock, then the module's slot lock.
                lock (Pkcs11Modules.SlotLock(_library))
                {
                    session = _slot.OpenSession(SessionType.ReadWrite);
                }
            }
            catch (Net.Pkcs11Interop.Common.Pkcs11Exception e)
            {
                throw Pkcs11Failures.From(e, "C_OpenSession");
            }

            using (session)
            {
                if (Find(session, null, label, []).Count > 0 || Find(session, null, null, idBytes).Count > 0)
                {
                    throw new Pkcs11Exception(Pkcs11ErrorCodes.KeyExists, $"Token '{Label}' already holds an object with this label or id.");
                }

                var ecParams = Pkcs11PublicKeys.ParamsOf(algorithm).ToArray();
                var keyType = edwards ? Pkcs11Constants.CkkEcEdwards : (ulong)CKK.CKK_EC;
                List<IObjectAttribute> publicTemplate =
                [
                    factory.Create(CKA.CKA_CLASS, CKO.CKO_PUBLIC_KEY),
                    factory.Create(CKA.CKA_KEY_TYPE, keyType),
                    factory.Create(CKA.CKA_TOKEN, true),
                    factory.Create(CKA.CKA_PRIVATE, false),
                    factory.Create(CKA.CKA_VERIFY, true),
                    factory.Create(CKA.CKA_LABEL, label),
                    factory.Create(CKA.CKA_ID, idBytes),
                    factory.Create(CKA.CKA_EC_PARAMS, ecParams),
                ];

                // Section 4.9 (private key objects): CKA_SENSITIVE true and CKA_EXTRACTABLE false keep the value inside the token.
                List<IObjectAttribute> privateTemplate =
                [
                    factory.Create(CKA.CKA_CLASS, CKO.CKO_PRIVATE_KEY),
                    factory.Create(CKA.CKA_KEY_TYPE, keyType),
                    factory.Create(CKA.CKA_TOKEN, true),
                    factory.Create(CKA.CKA_PRIVATE, true),
                    factory.Create(CKA.CKA_SENSITIVE, true),
                    factory.Create(CKA.CKA_EXTRACTABLE, false),
                    factory.Create(CKA.CKA_SIGN, true),
                    factory.Create(CKA.CKA_LABEL, label),
                    factory.Create(CKA.CKA_ID, idBytes),
                ];

                try
                {
                    var mechanism = Pkcs11Modules.Factories.MechanismFactory.Create(generation);
                    session.GenerateKeyPair(mechanism, publicTemplate, privateTemplate, out _, out _);
                }
                catch (Net.Pkcs11Interop.Common.Pkcs11Exception e)
                {
                    throw Pkcs11Failures.From(e, "C_GenerateKeyPair");
                }
            }
        }
    }

    /// <summary>
    /// Stops the token: new calls and signings waiting for a session throw <see cref="ObjectDisposedException"/>;
    /// signings already inside the module finish. Waits up to <see cref="Pkcs11TokenOptions.DisposeTimeout"/> for
    /// them, then closes the sessions and logs out when no other open token of this process shares the login. If the
    /// timeout passes, returns without closing; the last of those signings to return closes them. The module stays loaded.
    /// </summary>
    public void Dispose()
    {
        if (!BeginDispose())
        {
            return;
        }

        Finish(_drained.Task.Wait(_disposeTimeout));
    }

    /// <summary>The asynchronous <see cref="Dispose"/>: the wait for the signings inside the module does not block a thread.</summary>
    /// <returns>Completes when the sessions are closed, or when the timeout passed and the closing is left to the last signing.</returns>
    public async ValueTask DisposeAsync()
    {
        if (!BeginDispose())
        {
            return;
        }

        var drained = true;
        try
        {
            await _drained.Task.WaitAsync(_disposeTimeout).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            drained = false;
        }

        Finish(drained);
    }

    private bool BeginDispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return false;
        }

        Sessions.Stop();
        if (Volatile.Read(ref _leases) == 0)
        {
            _drained.TrySetResult();
        }

        return true;
    }

    private void Finish(bool drained)
    {
        if (drained)
        {
            Close();
            return;
        }

        // A call is still inside the module: closing its session (or the last session, which logs the token out) under
        // it is a race in modules; the sessions stay open until that call returns, or for good if it never does.
        _ = _drained.Task.ContinueWith(static (_, state) => ((Pkcs11Token)state!).Close(), this, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    private void Close()
    {
        if (Interlocked.Exchange(ref _closing, 1) != 0)
        {
            return;
        }

        try
        {
            Sessions.Dispose();
            lock (_writeLock)
            {
                // Section 5.6: the login belongs to the application, shared by every session with the token; the
                // last open Pkcs11Token of this process on the token logs out (C_Logout) before its session closes.
                Pkcs11Logins.Release(_library, _slot.SlotId, _loginSession);
                try
                {
                    _loginSession.Dispose();
                }
                catch (Net.Pkcs11Interop.Common.Pkcs11Exception)
                {
                    // Already closed by the module.
                }
            }
        }
        finally
        {
            _closed.TrySetResult();
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"Pkcs11Token({Label})";

    internal static ulong SignMechanism(JwsAlgorithm algorithm)
        => Pkcs11PublicKeys.IsEdDsa(algorithm) ? Pkcs11Constants.CkmEddsa : (ulong)CKM.CKM_ECDSA;

    private static bool IsOffered(JwsAlgorithm algorithm)
        => Pkcs11PublicKeys.IsEdDsa(algorithm) || algorithm == JwsAlgorithm.Es256 || algorithm == JwsAlgorithm.Es384;

    private void RequireMechanism(JwsAlgorithm algorithm)
    {
        if (!_mechanisms.Contains(SignMechanism(algorithm)))
        {
            throw new Pkcs11Exception(
                Pkcs11ErrorCodes.MechanismUnsupported,
                $"Token '{Label}' does not offer {(Pkcs11PublicKeys.IsEdDsa(algorithm) ? "CKM_EDDSA" : "CKM_ECDSA")}, which {algorithm.Name} signing needs.");
        }
    }

    private void RequireMatchingPublicKey(ISession session, Pkcs11Signer signer)
    {
        // The public key object is found by its id (and label) only: a stale object of another key with the same id
        // would give verifiers a key this signer does not hold. A probe signature checks that the two halves match.
        ReadOnlySpan<byte> probe = "Credentials.Pkcs11 key pair probe"u8;
        byte[] signature;
        try
        {
            signature = signer.Sign(session, probe);
        }
        catch (Net.Pkcs11Interop.Common.Pkcs11Exception e)
        {
            throw Pkcs11Failures.From(e, "C_Sign");
        }

        var verification = VerificationKey.FromJwk(signer.PublicJwk);
        if (!verification.IsValid)
        {
            throw new Pkcs11Exception(Pkcs11ErrorCodes.KeyUnsupported, $"The public key object of this key on token '{Label}' does not hold a usable public key.");
        }

        using var key = verification.Value;
        if (!key.Verify(signer.Algorithm, probe, signature))
        {
            throw new Pkcs11Exception(Pkcs11ErrorCodes.KeyMismatch, $"The public key object of this key on token '{Label}' does not match its private key.");
        }
    }

    private Jwk ReadPublicJwk(ISession session, JwsAlgorithm algorithm, string? label, byte[] id, string? keyId)
    {
        // The public half is the public key object with the same id (and label): CKA_EC_POINT lives there (section 2.3.3).
        var publics = Find(session, CKO.CKO_PUBLIC_KEY, id.Length == 0 ? label : null, id);
        if (publics.Count != 1)
        {
            throw new Pkcs11Exception(Pkcs11ErrorCodes.KeyUnsupported, $"Token '{Label}' holds {publics.Count} public key objects for this key; exactly one is needed to read its public key.");
        }

        var point = Attributes(session, publics[0], [CKA.CKA_EC_POINT])[0].GetValueAsByteArray() ?? [];
        return Pkcs11PublicKeys.ToJwk(algorithm, point, keyId)
            ?? throw new Pkcs11Exception(Pkcs11ErrorCodes.KeyUnsupported, $"The public key of this key on token '{Label}' is not a {algorithm.Curve} point.");
    }

    private static List<IObjectHandle> Find(ISession session, CKO? objectClass, string? label, byte[] id)
    {
        var factory = Pkcs11Modules.Factories.ObjectAttributeFactory;
        List<IObjectAttribute> template = [factory.Create(CKA.CKA_TOKEN, true)];
        if (objectClass is { } c)
        {
            template.Add(factory.Create(CKA.CKA_CLASS, c));
        }

        if (label is not null)
        {
            template.Add(factory.Create(CKA.CKA_LABEL, label));
        }

        if (id.Length > 0)
        {
            template.Add(factory.Create(CKA.CKA_ID, id));
        }

        try
        {
            return session.FindAllObjects(template);
        }
        catch (Net.Pkcs11Interop.Common.Pkcs11Exception e)
        {
            throw Pkcs11Failures.From(e, "C_FindObjects");
        }
    }

    private static List<IObjectAttribute> Attributes(ISession session, IObjectHandle handle, List<CKA> names)
    {
        try
        {
            return session.GetAttributeValue(handle, names);
        }
        catch (Net.Pkcs11Interop.Common.Pkcs11Exception e)
        {
            throw Pkcs11Failures.From(e, "C_GetAttributeValue");
        }
    }

    private static string Describe(string? label, byte[] id)
        => (label, id.Length) switch
        {
            (not null, > 0) => $"label '{label}' and id {Convert.ToHexString(id)}",
            (not null, _) => $"label '{label}'",
            _ => $"id {Convert.ToHexString(id)}",
        };

    private static void RequireKnownAttributes(Pkcs11Uri uri)
    {
        // RFC 7512 section 2.4: an attribute the consumer does not understand must not widen the match; such a URI
        // matches nothing here, so it is refused rather than silently used without it.
        if (uri.UnknownPathAttributes.Count > 0)
        {
            throw new Pkcs11Exception(Pkcs11ErrorCodes.UriUnsupported, $"The PKCS#11 URI has path attributes this library does not know: {string.Join(", ", uri.UnknownPathAttributes.Keys)}.");
        }
    }

    private static IPkcs11Library LoadModule(Pkcs11Uri uri, Pkcs11TokenOptions options)
    {
        if (uri.ModulePath is { Length: > 0 } path)
        {
            return Pkcs11Modules.Get(path, isPath: true);
        }

        if (options.ModulePath is { Length: > 0 } configured)
        {
            return Pkcs11Modules.Get(configured, isPath: true);
        }

        if (uri.ModuleName is { Length: > 0 } name)
        {
            // RFC 7512 section 2.3, module-name: the platform's library search finds it.
            return Pkcs11Modules.Get(name, isPath: false);
        }

        throw new Pkcs11Exception(Pkcs11ErrorCodes.ModuleNotFound, "No PKCS#11 module was named: add module-path to the URI or set Pkcs11TokenOptions.ModulePath.");
    }

    /// <summary>The slot whose token the URI names; called under the module's <see cref="Pkcs11Modules.SlotLock"/>, as the listing and every C_GetTokenInfo and C_GetSlotInfo read the slot table.</summary>
    private static ISlot FindSlot(IPkcs11Library library, Pkcs11Uri uri)
    {
        List<ISlot> slots;
        try
        {
            slots = library.GetSlotList(SlotsType.WithTokenPresent);
        }
        catch (Net.Pkcs11Interop.Common.Pkcs11Exception e)
        {
            throw Pkcs11Failures.From(e, "C_GetSlotList");
        }

        List<ISlot> matches = [];
        foreach (var slot in slots)
        {
            if (uri.SlotId is { } slotId && slot.SlotId != slotId)
            {
                continue;
            }

            ITokenInfo info;
            ISlotInfo slotInfo;
            try
            {
                info = slot.GetTokenInfo();
                slotInfo = slot.GetSlotInfo();
            }
            catch (Net.Pkcs11Interop.Common.Pkcs11Exception)
            {
                continue;
            }

            // RFC 7512 section 2.4: every attribute present must match; the token's blank padding is not part of the value.
            if (Matches(uri.Token, info.Label) && Matches(uri.Manufacturer, info.ManufacturerId) && Matches(uri.Serial, info.SerialNumber)
                && Matches(uri.Model, info.Model) && Matches(uri.SlotDescription, slotInfo.SlotDescription) && Matches(uri.SlotManufacturer, slotInfo.ManufacturerId))
            {
                matches.Add(slot);
            }
        }

        return matches.Count switch
        {
            1 => matches[0],
            0 => throw new Pkcs11Exception(Pkcs11ErrorCodes.TokenNotFound, uri.Token is null ? "No PKCS#11 token matches the URI." : $"No PKCS#11 token labelled '{uri.Token}' matches the URI."),
            _ => throw new Pkcs11Exception(Pkcs11ErrorCodes.TokenAmbiguous, $"{matches.Count} PKCS#11 tokens match the URI; name one by token label, serial or slot-id."),
        };
    }

    private static bool Matches(string? wanted, string? actual)
        => wanted is null || string.Equals(wanted, actual?.TrimEnd(' ', '\0'), StringComparison.Ordinal);

    private static byte[] ReadPin(Pkcs11Uri uri, Pkcs11TokenOptions options)
    {
        if (uri.PinSource is { } source)
        {
            return ReadPinFile(source, options.MaxPinFileBytes);
        }

        if (options.PinEnvironmentVariable is { Length: > 0 } variable)
        {
            var value = Environment.GetEnvironmentVariable(variable);
            if (string.IsNullOrEmpty(value))
            {
                throw new Pkcs11Exception(Pkcs11ErrorCodes.PinMissing, $"The environment variable {variable} that should hold the PKCS#11 PIN is not set.");
            }

            return Encoding.UTF8.GetBytes(value);
        }

        throw new Pkcs11Exception(Pkcs11ErrorCodes.PinMissing, "No PKCS#11 PIN was given: add pin-source to the URI or name an environment variable (Pkcs11TokenOptions.PinEnvironmentVariable).");
    }

    private static byte[] ReadPinFile(string source, int maxBytes)
    {
        // RFC 7512 section 2.3, pin-source: a URI (here only file:) or an implementation-defined value (here a path);
        // "|command" sources are not run.
        string path;
        if (source.StartsWith('|'))
        {
            throw new Pkcs11Exception(Pkcs11ErrorCodes.PinSourceUnsupported, "A pin-source that runs a command ('|...') is not supported; give a file.");
        }

        if (source.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            // RFC 8089: file:/path, file:///path and file://localhost/path name a local file; percent-encoding decoded.
            var rest = source["file:".Length..];
            if (rest.StartsWith("//", StringComparison.Ordinal))
            {
                var slash = rest.IndexOf('/', 2);
                var host = slash < 0 ? rest[2..] : rest[2..slash];
                if (slash < 0 || (host.Length > 0 && !string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase)))
                {
                    throw new Pkcs11Exception(Pkcs11ErrorCodes.PinSourceUnsupported, "The pin-source file: URI does not name a local file.");
                }

                rest = rest[slash..];
            }

            path = System.Uri.UnescapeDataString(rest);
        }
        else if (source.Contains("://", StringComparison.Ordinal))
        {
            throw new Pkcs11Exception(Pkcs11ErrorCodes.PinSourceUnsupported, "Only file: pin-source URIs (or file paths) are supported.");
        }
        else
        {
            path = source;
        }

        byte[] bytes;
        try
        {
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
            if (stream.Length > maxBytes)
            {
                throw new Pkcs11Exception(Pkcs11ErrorCodes.PinSourceUnsupported, $"The pin-source file '{path}' is longer than {maxBytes} bytes.");
            }

            bytes = new byte[stream.Length];
            stream.ReadExactly(bytes);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new Pkcs11Exception(Pkcs11ErrorCodes.PinSourceUnsupported, $"The pin-source file '{path}' cannot be read.", e);
        }

        // A trailing line break (echo pin > file) is not part of the PIN.
        var length = bytes.Length;
        while (length > 0 && bytes[length - 1] is (byte)'\n' or (byte)'\r')
        {
            length--;
        }

        if (length == 0)
        {
            throw new Pkcs11Exception(Pkcs11ErrorCodes.PinMissing, $"The pin-source file '{path}' is empty.");
        }

        var pin = bytes.AsSpan(0, length).ToArray();
        CryptographicOperations.ZeroMemory(bytes);
        return pin;
    }
}
