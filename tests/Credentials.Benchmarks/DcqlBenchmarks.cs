using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Credentials.Dcql;
using Credentials.Dcql.Matching;
using Credentials.Jose;
using Credentials.Keys;
using Credentials.SdJwt;
using Credentials.SdJwtVc;
using Credentials.Trust;
using Credentials.Wallet;
using Credentials.Wallet.Holder;

namespace Credentials.Benchmarks;

/// <summary>
/// A 3-claim DCQL query (OpenID4VP 1.0 section 6) answered over 10,000 credentials: by the matcher alone over 10,000
/// candidates that all have the requested type, and by the wallet over a real encrypted SQLite wallet of 10,000 stored
/// credentials of which 100 have the requested type (the other 9,900 must be ruled out on their stored metadata,
/// without being decrypted). The floor is one Ed25519 verification.
/// </summary>
[MemoryDiagnoser]
public class DcqlBenchmarks
{
    private const int WalletSize = 10_000;
    private const int MatchingInWallet = 100;
    private const string AgeVct = "https://credentials.example.jp/vct/age/v1";
    private const string ExamVct = "https://credentials.example.jp/vct/ipa/exam-pass/v1";

    private static readonly byte[] s_query = Encoding.UTF8.GetBytes("""
        {"credentials":[{"id":"age","format":"dc+sd-jwt","meta":{"vct_values":["https://credentials.example.jp/vct/age/v1"]},
          "claims":[{"path":["age_over_20"]},{"path":["family_name"]},{"path":["given_name"]}]}]}
        """);

    private readonly byte[] _message = new byte[600];
    private DcqlQuery _query = null!;
    private List<DcqlCandidate> _candidates = null!;
    private SigningKey _key = null!;
    private VerificationKey _publicKey = null!;
    private byte[] _signature = null!;
    private string _folder = null!;
    private WalletStore _store = null!;
    private CredentialWallet _wallet = null!;
    private PresentationRequest _request = null!;
    private WalletSecret _secret = null!;
    private SdJwtVcVerifier _verifier = null!;
    private WalletStore _coldStore = null!;
    private CredentialWallet _coldWallet = null!;

    /// <summary>Issues the credentials, fills the candidate list and the wallet.</summary>
    [GlobalSetup]
    public async Task SetupAsync()
    {
        _query = DcqlQuery.Read(s_query).Value;
        _key = SigningKey.Create(JwsAlgorithm.EdDsa);
        _publicKey = _key.GetVerificationKey();
        Random.Shared.NextBytes(_message);
        _signature = _key.Sign(_message);

        using var holderKeyForCandidates = SigningKey.Create(JwsAlgorithm.EdDsa);
        var issuer = new SdJwtVcIssuer(_key, options: new SdJwtVcIssuerOptions { Issuer = "https://issuer.example.jp", DefaultValidity = TimeSpan.FromDays(365) });
        var holder = new SdJwtHolder();

        // The matcher alone: 10,000 candidates of the requested type, each with its processed claims.
        var age = await issuer.IssueAsync(Issuance(AgeVct, holderKeyForCandidates.PublicJwk));
        var claims = holder.GetClaims(age).Value;
        var disclosable = ImmutableArrayOfPaths(holder.GetDisclosableClaims(age).Value);
        _candidates = new List<DcqlCandidate>(WalletSize);
        for (var i = 0; i < WalletSize; i++)
        {
            _candidates.Add(new DcqlCandidate
            {
                Id = "c" + i,
                Format = DcqlFormats.SdJwtVc,
                Vct = AgeVct,
                Claims = claims,
                SelectivelyDisclosable = disclosable,
                SupportsCryptographicHolderBinding = true,
            });
        }

        // The wallet: 10,000 stored credentials, 100 of the requested type, under an app-supplied key.
        _folder = Path.Combine(Path.GetTempPath(), "credentials-benchmarks", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_folder);
        _secret = WalletSecret.FromKey(WalletKey.Create());
        _store = (await WalletStore.CreateAsync(Path.Combine(_folder, "wallet.db"), _secret)).Value;
        var holderKey = (await _store.CreateHolderKeyAsync(JwsAlgorithm.EdDsa)).Value;
        for (var i = 0; i < WalletSize; i++)
        {
            // Each stored credential is its own issuance: the wallet refuses to store the same one twice.
            var isAge = i % (WalletSize / MatchingInWallet) == 0;
            var raw = (await issuer.IssueAsync(Issuance(isAge ? AgeVct : ExamVct, holderKey.PublicJwk))).Serialize();
            var imported = await _store.ImportAsync(new StoredCredentialInput
            {
                Format = DcqlFormats.SdJwtVc,
                Vct = isAge ? AgeVct : ExamVct,
                Issuer = "https://issuer.example.jp",
                Copies = [new CredentialCopyInput(raw, holderKey.Id)],
            });
            if (!imported.IsValid)
            {
                throw new InvalidOperationException($"Import failed: {imported.Error.Code}.");
            }
        }

        var trust = new TrustList([new TrustedIssuer { Issuer = "https://issuer.example.jp", Keys = [_key.PublicJwk], CredentialTypes = ["*"] }]);
        _verifier = new SdJwtVcVerifier(trust, options: new SdJwtVcVerifierOptions());
        _wallet = new CredentialWallet(_store, _verifier, new CredentialWalletOptions { Locale = "ja-JP" });
        _request = new PresentationRequest(_query, "https://verifier.example.jp", "n-0S6_WzA2Mj");
        var plan = await _wallet.PrepareAsync(_request);
        if (!plan.IsValid || !plan.Value.IsSatisfiable)
        {
            throw new InvalidOperationException("The benchmark query must be answerable from the wallet.");
        }

        if (!DcqlMatcher.Default.Match(_query, _candidates).IsSatisfied)
        {
            throw new InvalidOperationException("The benchmark query must match the candidates.");
        }
    }

    /// <summary>The floor: one raw Ed25519 verification.</summary>
    [Benchmark(Baseline = true, Description = "floor: 1 verification")]
    public bool Floor() => _publicKey.Verify(JwsAlgorithm.EdDsa, _message, _signature);

    /// <summary>The DCQL matcher over 10,000 candidates of the requested type.</summary>
    [Benchmark(Description = "DCQL match, 3 claims, 10,000 candidates")]
    public DcqlMatchResult MatchTenThousand() => DcqlMatcher.Default.Match(_query, _candidates);

    /// <summary>
    /// The wallet's plan over 10,000 stored credentials (100 of the requested type), with nothing committed to the file
    /// since the last plan (the usual case: one request after another).
    /// </summary>
    [Benchmark(Description = "wallet plan, 10,000 stored (100 of the type)")]
    public ValueTask<VerificationResult<PresentationPlan>> WalletPlan() => _wallet.PrepareAsync(_request);

    /// <summary>Opens the wallet file afresh for <see cref="WalletPlanAfterOpening"/>.</summary>
    [IterationSetup(Target = nameof(WalletPlanAfterOpening))]
    public void OpenCold()
    {
        _coldStore = WalletStore.OpenAsync(Path.Combine(_folder, "wallet.db"), _secret).AsTask().GetAwaiter().GetResult().Value;
        _coldWallet = new CredentialWallet(_coldStore, _verifier, new CredentialWalletOptions { Locale = "ja-JP" });
    }

    /// <summary>Closes the store opened for <see cref="WalletPlanAfterOpening"/>.</summary>
    [IterationCleanup(Target = nameof(WalletPlanAfterOpening))]
    public void CloseCold() => _coldStore.Dispose();

    /// <summary>Commits an unrelated write (a new holder key) before <see cref="WalletPlanAfterWrite"/>.</summary>
    [IterationSetup(Target = nameof(WalletPlanAfterWrite))]
    public void WriteSomething()
    {
        if (!_store.CreateHolderKeyAsync(JwsAlgorithm.EdDsa).AsTask().GetAwaiter().GetResult().IsValid)
        {
            throw new InvalidOperationException("The write must succeed.");
        }
    }

    /// <summary>
    /// The first plan after opening the wallet: every stored credential's metadata record is decrypted once (the
    /// credentials themselves only for the 100 of the type).
    /// </summary>
    [Benchmark(Description = "wallet plan, first after opening")]
    public ValueTask<VerificationResult<PresentationPlan>> WalletPlanAfterOpening() => _coldWallet.PrepareAsync(_request);

    /// <summary>A plan after the file changed: every row is read again, but unchanged metadata records are not decrypted.</summary>
    [Benchmark(Description = "wallet plan, after a write")]
    public ValueTask<VerificationResult<PresentationPlan>> WalletPlanAfterWrite() => _wallet.PrepareAsync(_request);

    /// <summary>Closes and deletes the wallet.</summary>
    [GlobalCleanup]
    public void Cleanup()
    {
        _store.Dispose();
        _key.Dispose();
        Directory.Delete(_folder, recursive: true);
    }

    private static System.Collections.Immutable.ImmutableArray<ClaimPath> ImmutableArrayOfPaths(System.Collections.Immutable.ImmutableArray<DisclosableClaim> claims)
    {
        var builder = System.Collections.Immutable.ImmutableArray.CreateBuilder<ClaimPath>(claims.Length);
        foreach (var claim in claims)
        {
            builder.Add(claim.Path);
        }

        return builder.MoveToImmutable();
    }

    private static SdJwtVcIssuance Issuance(string vct, Jwk holderKey) => new()
    {
        Vct = vct,
        HolderKey = holderKey,
        Claims = SdJwtPayload.Create()
            .Disclosable("given_name", "結衣")
            .Disclosable("family_name", "高橋")
            .Disclosable("birthdate", "2003-11-08")
            .Disclosable("age_over_18", true)
            .Disclosable("age_over_20", true)
            .Disclosable("issuing_country", "JP"),
    };
}
