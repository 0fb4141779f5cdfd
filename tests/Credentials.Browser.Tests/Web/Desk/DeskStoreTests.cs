using System;
using System.IO;
using System.Linq;
using System.Threading;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Credentials.Samples.Web.Desk;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Credentials.Browser.Tests.Web.Desk;

/// <summary>The desk's rows and staff account in the data folder: they survive a restart; state changes only along the allowed paths.</summary>
public sealed class DeskStoreTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "credentials-desk-tests", Guid.NewGuid().ToString("N"));
    private readonly IDataProtectionProvider _protection;

    public DeskStoreTests() => _protection = DataProtectionProvider.Create(new DirectoryInfo(Path.Combine(_folder, "data-protection")));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
        }
    }

    private static DeskRow Row(string id, string number) => new()
    {
        Id = id,
        CertificateNumber = number,
        DisplayName = "佐藤 健",
        CategoryCode = "FE",
        Claims = new JsonObject { ["certificate_number"] = number },
        OfferLink = "openid-credential-offer://?credential_offer_uri=x",
        OfferSubject = "offer-" + id,
        HasPin = true,
        OfferExpiresAt = DateTimeOffset.FromUnixTimeSeconds(2_000_000_000),
        CreatedAt = DateTimeOffset.FromUnixTimeSeconds(1_900_000_000),
        State = DeskRowState.Offered,
    };

    [Fact]
    public async Task Rows_survive_a_new_store_on_the_same_folder()
    {
        using (var first = new DeskStore(_folder, _protection))
        {
            await first.AddAsync([Row("a", "2026-05-00001"), Row("b", "2026-05-00002")]);
            Assert.True(await first.MarkRedeemedAsync("offer-a", DateTimeOffset.FromUnixTimeSeconds(1_950_000_000), "http://127.0.0.1/status-lists/1", 42));
        }

        using var second = new DeskStore(_folder, _protection);
        var rows = await second.ListAsync();

        Assert.Equal(["a", "b"], [rows[0].Id, rows[1].Id]);
        Assert.Equal(DeskRowState.Redeemed, rows[0].State);
        Assert.Equal(42, rows[0].StatusIndex);
        Assert.True(rows[1].HasPin);
        Assert.Equal("offer-b", rows[1].OfferSubject);
        Assert.Equal("2026-05-00001", rows[0].Claims["certificate_number"]!.GetValue<string>());
        Assert.Contains("2026-05-00002", await second.CertificateNumbersAsync());
    }

    [Fact]
    public async Task A_row_is_redeemed_once_and_changes_state_only_from_the_expected_one()
    {
        using var store = new DeskStore(_folder, _protection);
        await store.AddAsync([Row("a", "2026-05-00001")]);

        Assert.False(await store.MarkRedeemedAsync("a", DateTimeOffset.UnixEpoch, "u", 1));
        Assert.True(await store.MarkRedeemedAsync("offer-a", DateTimeOffset.UnixEpoch, "u", 1));
        Assert.False(await store.MarkRedeemedAsync("offer-a", DateTimeOffset.UnixEpoch, "u", 2));
        Assert.False(await store.ReplaceOfferAsync("a", "offer-a", "openid-credential-offer://?credential_offer_uri=y", "offer-a2", true, DateTimeOffset.UnixEpoch));
        Assert.False(await store.SetStateAsync("a", DeskRowState.Suspended, DeskRowState.Redeemed));
        Assert.True(await store.SetStateAsync("a", DeskRowState.Redeemed, DeskRowState.Revoked));
        Assert.Equal(1, (await store.GetAsync("a"))!.StatusIndex);
        Assert.Null(await store.GetAsync("missing"));
    }

    [Fact]
    public async Task A_desk_db_that_kept_pins_forgets_them_at_start()
    {
        Directory.CreateDirectory(_folder);
        var path = Path.Combine(_folder, DeskStore.FileName);
        await using (var old = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + path + ";Pooling=False"))
        {
            await old.OpenAsync();
            await using var create = old.CreateCommand();
            create.CommandText = """
                CREATE TABLE desk_rows (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, certificate_number TEXT NOT NULL UNIQUE,
                    display_name TEXT NOT NULL, category_code TEXT NOT NULL, claims TEXT NOT NULL, offer_link TEXT NOT NULL, pin TEXT,
                    offer_expires INTEGER NOT NULL, created INTEGER NOT NULL, state TEXT NOT NULL, redeemed INTEGER, status_uri TEXT, status_index INTEGER);
                INSERT INTO desk_rows (id, certificate_number, display_name, category_code, claims, offer_link, pin, offer_expires, created, state)
                VALUES ('a', '2026-05-00001', '佐藤 健', 'FE', '{}', 'openid-credential-offer://?x', '975312', 2000000000000, 1900000000000, 'Offered');
                """;
            await create.ExecuteNonQueryAsync();
        }

        using var store = new DeskStore(_folder, _protection);
        var row = Assert.Single(await store.ListAsync());

        Assert.True(row.HasPin);
        Assert.Equal("a", row.OfferSubject);
        Assert.Equal("openid-credential-offer://?x", row.OfferLink);
        Assert.Equal(-1, File.ReadAllBytes(path).AsSpan().IndexOf("975312"u8));
        Assert.Equal(-1, File.ReadAllBytes(path).AsSpan().IndexOf("openid-credential-offer"u8));
        Assert.True(await store.MarkRedeemedAsync("a", DateTimeOffset.UnixEpoch, "u", 3));
    }

    [Fact]
    public async Task An_offer_link_is_kept_protected_and_read_back_in_clear()
    {
        const string OfferId = "Q7vXk2pLm9TzR4wYb8Nc";
        const string Link = "openid-credential-offer://?credential_offer_uri=http%3A%2F%2F127.0.0.1%3A5180%2Fcredential-offer%2F" + OfferId;
        const string Fresh = "Hs3Jd6Fq1Wn5Ue0Ko2Za";
        using (var store = new DeskStore(_folder, _protection))
        {
            await store.AddAsync([Row("a", "2026-05-00001") with { OfferLink = Link }]);
            Assert.Equal(Link, (await store.GetAsync("a"))!.OfferLink);
            await store.AddAsync([Row("b", "2026-05-00002") with { OfferLink = Link.Replace(OfferId, "B" + OfferId[1..], StringComparison.Ordinal) }]);
            Assert.True(await store.ReplaceOfferAsync("b", "offer-b", Link.Replace(OfferId, Fresh, StringComparison.Ordinal), "offer-b2", false, DateTimeOffset.UnixEpoch));
            Assert.EndsWith(Fresh, (await store.GetAsync("b"))!.OfferLink, StringComparison.Ordinal);
        }

        // Every column of every table, then the files themselves (database, journal, write-ahead log).
        await using (var connection = new SqliteConnection("Data Source=" + Path.Combine(_folder, DeskStore.FileName) + ";Pooling=False;Mode=ReadOnly"))
        {
            await connection.OpenAsync();
            await using var tables = connection.CreateCommand();
            tables.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            var names = new System.Collections.Generic.List<string>();
            await using (var reader = await tables.ExecuteReaderAsync())
            {
                while (await reader.ReadAsync())
                {
                    names.Add(reader.GetString(0));
                }
            }

            Assert.Contains("desk_rows", names);
            foreach (var name in names)
            {
                await using var select = connection.CreateCommand();
                select.CommandText = "SELECT * FROM \"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
                await using var reader = await select.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    for (var i = 0; i < reader.FieldCount; i++)
                    {
                        var value = reader.IsDBNull(i) ? string.Empty : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty;
                        Assert.DoesNotContain(OfferId[1..], value, StringComparison.Ordinal);
                        Assert.DoesNotContain(Fresh, value, StringComparison.Ordinal);
                        Assert.DoesNotContain("credential-offer", value, StringComparison.Ordinal);
                    }
                }
            }
        }

        foreach (var file in Directory.EnumerateFiles(_folder, DeskStore.FileName + "*"))
        {
            var bytes = File.ReadAllBytes(file);
            Assert.Equal(-1, bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(OfferId[1..])));
            Assert.Equal(-1, bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(Fresh)));
            Assert.Equal(-1, bytes.AsSpan().IndexOf("credential-offer"u8));
        }

        // A new store with the app's key ring reads the links back for the page and the QR code.
        using var again = new DeskStore(_folder, _protection);
        Assert.Equal(Link, (await again.GetAsync("a"))!.OfferLink);
        Assert.Contains(await again.ListAsync(), r => r.OfferLink.EndsWith(Fresh, StringComparison.Ordinal));
    }

    [Fact]
    public void A_sign_in_that_fails_to_read_the_account_takes_back_its_failure()
    {
        var password = DeskStaffAccounts.EnsureCreated(_folder)!;
        var accounts = new DeskStaffAccounts(_folder, new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_900_000_000)));

        // The account file is missing for a moment (a password reset in progress): each attempt throws, none counts.
        File.Delete(Path.Combine(_folder, DeskStaffAccounts.FileName));
        for (var i = 0; i < DeskStaffAccounts.FreeFailuresPerAddress + 1; i++)
        {
            Assert.Throws<FileNotFoundException>(() => accounts.SignIn("staff", password, Attacker));
        }

        password = DeskStaffAccounts.ResetPassword(_folder);
        Assert.Equal(DeskSignInResult.Success, accounts.SignIn("staff", password, Attacker));
        for (var i = 0; i < DeskStaffAccounts.FreeFailures; i++)
        {
            Assert.Equal(DeskSignInResult.Wrong, accounts.SignIn("staff", "wrong", Attacker));
        }

        Assert.Equal(DeskSignInResult.LockedOut, accounts.SignIn("staff", password, Attacker));
    }

    [Fact]
    public async Task A_certificate_number_is_stored_once()
    {
        using var store = new DeskStore(_folder, _protection);
        await store.AddAsync([Row("a", "2026-05-00001")]);

        await Assert.ThrowsAsync<Microsoft.Data.Sqlite.SqliteException>(() => store.AddAsync([Row("b", "2026-05-00002"), Row("c", "2026-05-00001")]));
        Assert.Single(await store.ListAsync());
    }

    [Fact]
    public void Staff_password_is_kept_as_a_hash_and_wrong_attempts_slow_down_that_name_from_that_client_only()
    {
        var password = DeskStaffAccounts.EnsureCreated(_folder)!;
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_900_000_000));
        var accounts = new DeskStaffAccounts(_folder, clock);

        Assert.Null(DeskStaffAccounts.EnsureCreated(_folder));
        Assert.DoesNotContain(password, File.ReadAllText(Path.Combine(_folder, DeskStaffAccounts.FileName)), StringComparison.Ordinal);
        Assert.Equal(DeskSignInResult.Wrong, accounts.SignIn("other", password, Attacker));
        Assert.Equal(DeskSignInResult.Success, accounts.SignIn("staff", password, Attacker));
        for (var i = 0; i < DeskStaffAccounts.FreeFailures; i++)
        {
            Assert.Equal(DeskSignInResult.Wrong, accounts.SignIn("staff", "wrong", Attacker));
        }

        // That name from that client must wait, even with the right password; staff at another client are not locked out.
        Assert.Equal(DeskSignInResult.LockedOut, accounts.SignIn("staff", password, Attacker));
        Assert.Equal(DeskSignInResult.Success, accounts.SignIn("staff", password, Staff));

        // The wait grows: after the first wait one more wrong attempt earns a wait twice as long.
        clock.Advance(DeskStaffAccounts.FirstDelay);
        Assert.Equal(DeskSignInResult.Wrong, accounts.SignIn("staff", "wrong", Attacker));
        clock.Advance(DeskStaffAccounts.FirstDelay);
        Assert.Equal(DeskSignInResult.LockedOut, accounts.SignIn("staff", password, Attacker));
        clock.Advance(DeskStaffAccounts.FirstDelay);
        Assert.Equal(DeskSignInResult.Success, accounts.SignIn("staff", password, Attacker));
    }

    [Fact]
    public void An_unknown_user_name_gets_the_same_answers_as_the_real_one()
    {
        var password = DeskStaffAccounts.EnsureCreated(_folder)!;
        var clock = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_900_000_000));
        var accounts = new DeskStaffAccounts(_folder, clock);

        var real = Sequence(accounts, "staff", "10.0.0.1");
        var unknown = Sequence(accounts, "nobody", "10.0.0.2");

        Assert.Equal(real, unknown);
        Assert.Equal(DeskSignInResult.LockedOut, real[^1]);
        Assert.Equal(DeskSignInResult.Success, accounts.SignIn("staff", password, Staff));
    }

    [Fact]
    public void Many_user_names_from_one_client_slow_down_that_client()
    {
        var password = DeskStaffAccounts.EnsureCreated(_folder)!;
        var accounts = new DeskStaffAccounts(_folder, new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_900_000_000)));
        for (var i = 0; i < DeskStaffAccounts.FreeFailuresPerAddress; i++)
        {
            Assert.Equal(DeskSignInResult.Wrong, accounts.SignIn("name-" + i, "wrong", Attacker));
        }

        Assert.Equal(DeskSignInResult.LockedOut, accounts.SignIn("staff", password, Attacker));
        Assert.Equal(DeskSignInResult.Success, accounts.SignIn("staff", password, Staff));
    }

    [Fact]
    public void Wrong_attempts_sent_in_parallel_are_slowed_down_like_consecutive_ones()
    {
        var password = DeskStaffAccounts.EnsureCreated(_folder)!;
        var accounts = new DeskStaffAccounts(_folder, new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_900_000_000)));
        const int Parallel = 20;
        var results = new DeskSignInResult[Parallel];
        using var start = new Barrier(Parallel);
        var threads = new Thread[Parallel];
        for (var i = 0; i < Parallel; i++)
        {
            var slot = i;
            threads[i] = new Thread(() =>
            {
                start.SignalAndWait();
                results[slot] = accounts.SignIn("staff", "wrong", Attacker);
            });
            threads[i].Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        // However the attempts interleave, only the free ones get a password check; the rest must wait.
        Assert.Equal(DeskStaffAccounts.FreeFailures, results.Count(r => r == DeskSignInResult.Wrong));
        Assert.Equal(Parallel - DeskStaffAccounts.FreeFailures, results.Count(r => r == DeskSignInResult.LockedOut));
        Assert.Equal(DeskSignInResult.LockedOut, accounts.SignIn("staff", password, Attacker));
        Assert.Equal(DeskSignInResult.Success, accounts.SignIn("staff", password, Staff));
    }

    [Fact]
    public void A_right_password_takes_back_the_failure_counted_for_its_attempt()
    {
        var password = DeskStaffAccounts.EnsureCreated(_folder)!;
        var accounts = new DeskStaffAccounts(_folder, new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_900_000_000)));

        // Right passwords from one client under many names count nothing against that client.
        for (var i = 0; i < DeskStaffAccounts.FreeFailuresPerAddress * 2; i++)
        {
            Assert.Equal(DeskSignInResult.Success, accounts.SignIn("staff", password, Attacker));
        }

        for (var i = 0; i < DeskStaffAccounts.FreeFailures; i++)
        {
            Assert.Equal(DeskSignInResult.Wrong, accounts.SignIn("staff", "wrong", Attacker));
        }

        Assert.Equal(DeskSignInResult.LockedOut, accounts.SignIn("staff", password, Attacker));
    }

    private const string Attacker = "192.0.2.7";
    private const string Staff = "192.0.2.8";

    private static DeskSignInResult[] Sequence(DeskStaffAccounts accounts, string name, string client)
    {
        var results = new DeskSignInResult[DeskStaffAccounts.FreeFailures + 1];
        for (var i = 0; i < results.Length; i++)
        {
            results[i] = accounts.SignIn(name, "wrong", client);
        }

        return results;
    }

    [Fact]
    public void The_sample_issuer_key_is_created_once_and_reused()
    {
        string kid;
        using (var first = new SampleIssuer(_folder, () => "http://127.0.0.1:5180"))
        {
            kid = first.PublicKey.Kid!;
            Assert.Equal("http://127.0.0.1:5180/status-lists/1", first.StatusListUri);
            Assert.False(first.PublicKey.HasPrivateKey);
        }

        using var second = new SampleIssuer(_folder, () => null);

        Assert.Equal(kid, second.PublicKey.Kid);
        Assert.False(second.IsReady);
        Assert.Throws<InvalidOperationException>(() => second.Issuer);
        Assert.True(File.Exists(second.PublicKeyPath));
    }
}
