using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Credentials.AspNetCore.Storage;
using Credentials.AspNetCore.Tests.Storage;
using Credentials.Keys;
using Credentials.OpenId4Vci;
using Credentials.SdJwt;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.AspNetCore.Tests.OpenId4Vci;

/// <summary>
/// What a reader of the SQLite state database learns about an outstanding offer with a six-digit Transaction Code:
/// no Pre-Authorized Code, no <c>issuer_state</c>, no offer, and nothing that lets the PIN digest be brute-forced
/// (OpenID4VCI 1.0 section 13.6.1).
/// </summary>
public sealed class OfferAtRestTests : IDisposable
{
    private const string IssuerId = "https://issuer.example.jp/ipa";
    private const string ConfigurationId = "age_sd_jwt";
    private const int TokenLength = 43;

    private readonly TempDatabase _database = new();
    private readonly SigningKey _issuerKey = SigningKey.Create(JwsAlgorithm.Es256, "k1");
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 12, 6, 12, 0, 0, TimeSpan.Zero));

    public void Dispose()
    {
        _issuerKey.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task Offer_with_a_pin_leaves_no_code_offer_or_crackable_pin_digest_in_the_database()
    {
        var issuer = new OpenId4VciIssuer(new SqliteProtocolStateStore(_database.Path), Options());
        var created = await issuer.CreateOfferAsync(new CredentialOfferRequest
        {
            CredentialConfigurationIds = [ConfigurationId],
            SubjectId = "subject-1",
            TransactionCode = new OfferTransactionCode { Length = 6 },
            OfferAuthorizationCode = true,
        });
        var code = created.Offer.PreAuthorizedCode!.PreAuthorizedCode;
        var issuerState = created.Offer.AuthorizationCode!.IssuerState!;
        var offerId = created.OfferUri[(created.OfferUri.LastIndexOf('/') + 1)..];
        var offerJson = created.Offer.ToJson();

        var rows = ReadRows();

        Assert.Contains(rows, r => r.Kind == OpenId4VciIssuer.OfferKind);
        Assert.Contains(rows, r => r.Kind == OpenId4VciIssuer.PreAuthorizedCodeKind);
        foreach (var (kind, key, value) in rows)
        {
            foreach (var text in new[] { key, value })
            {
                Assert.DoesNotContain(code, text, StringComparison.Ordinal);
                Assert.DoesNotContain(issuerState, text, StringComparison.Ordinal);
                Assert.DoesNotContain(offerId, text, StringComparison.Ordinal);
                Assert.DoesNotContain(offerJson, text, StringComparison.Ordinal);
            }

            if (kind == OpenId4VciIssuer.OfferKind)
            {
                Assert.DoesNotContain(ConfigurationId, value, StringComparison.Ordinal);
            }
        }

        // The PIN digest is where this test expects it: whoever holds the code finds the PIN at once.
        var tokens = Tokens(rows);
        Assert.Contains(Digest(code + "\n" + created.TransactionCode), tokens);

        // Nothing found in the rows opens it: try every six-digit PIN with every code-shaped value of the database.
        Assert.Null(CrackSixDigitPin(tokens));

        // The offer is still served by reference, and still redeemable with the PIN.
        Assert.Equal(offerJson, await issuer.GetOfferJsonAsync(offerId));
        var token = await issuer.HandleTokenRequestAsync(new Dictionary<string, IReadOnlyList<string>>
        {
            ["grant_type"] = [CredentialOffer.PreAuthorizedCodeGrantType],
            ["pre-authorized_code"] = [code],
            ["tx_code"] = [created.TransactionCode!],
        });
        Assert.Equal(200, token.StatusCode);
    }

    private OpenId4VciIssuerOptions Options() => new()
    {
        ValidateClient = (_, _) => true,
        CredentialIssuer = IssuerId,
        Signer = _issuerKey,
        TimeProvider = _clock,
        CredentialConfigurations = [new IssuerCredentialConfiguration { Id = ConfigurationId, Vct = "https://credentials.example.jp/vct/age/v1" }],
        ResolveDataset = (_, _) => ValueTask.FromResult<CredentialDataset?>(new CredentialDataset { Claims = SdJwtPayload.Create().Claim("age_over_20", true) }),
    };

    private List<(string Kind, string Key, string Value)> ReadRows()
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _database.Path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT kind, key, value FROM protocol_state;";
        using var reader = command.ExecuteReader();
        var rows = new List<(string, string, string)>();
        while (reader.Read())
        {
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return rows;
    }

    /// <summary>Every base64url run of a 256-bit value's length (a code, a digest) in any key or value.</summary>
    private static HashSet<string> Tokens(IEnumerable<(string Kind, string Key, string Value)> rows)
    {
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (_, key, value) in rows)
        {
            foreach (var text in new[] { key, value })
            {
                var start = 0;
                for (var i = 0; i <= text.Length; i++)
                {
                    if (i == text.Length || !(char.IsAsciiLetterOrDigit(text[i]) || text[i] is '-' or '_'))
                    {
                        if (i - start == TokenLength)
                        {
                            tokens.Add(text[start..i]);
                        }

                        start = i + 1;
                    }
                }
            }
        }

        return tokens;
    }

    /// <summary>The first candidate code whose SHA-256(code, "\n", PIN) for some six-digit PIN is also in the rows.</summary>
    private static string? CrackSixDigitPin(HashSet<string> tokens)
    {
        var lookup = tokens.GetAlternateLookup<ReadOnlySpan<char>>();
        Span<byte> digest = stackalloc byte[32];
        Span<char> encoded = stackalloc char[TokenLength];
        foreach (var candidate in tokens)
        {
            var input = Encoding.ASCII.GetBytes(candidate + "\n000000");
            var pin = input.AsSpan(input.Length - 6);
            for (var n = 0; n < 1_000_000; n++)
            {
                var v = n;
                for (var i = 5; i >= 0; i--)
                {
                    pin[i] = (byte)('0' + (v % 10));
                    v /= 10;
                }

                SHA256.HashData(input, digest);
                System.Buffers.Text.Base64Url.EncodeToChars(digest, encoded);
                if (lookup.Contains(encoded))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    private static string Digest(string text) => System.Buffers.Text.Base64Url.EncodeToString(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
}
