using System;
using System.Linq;
using System.Text.Json.Nodes;
using Credentials.W3c;
using Xunit;

namespace Credentials.Tests.W3c;

/// <summary>Creating credentials and presentations: the builders write conforming documents and refuse the rest.</summary>
public sealed class W3cCredentialBuilderTests
{
    private static readonly DateTimeOffset s_validFrom = new(2025, 4, 1, 0, 0, 0, TimeSpan.FromHours(9));

    private static W3cCredentialBuilder ExamCertificate() => new W3cCredentialBuilder()
        .Id("urn:uuid:2f1c0c8e-3a53-4f0e-9d3c-0c1b1c2d3e4f")
        .Type("ExamCertificate")
        .Issuer("did:web:exam.example.jp", issuer => issuer.Name("情報処理試験センター", "ja"))
        .Name("基本情報技術者試験 合格証書", "ja")
        .Name("Certificate of Passing, Fundamental IT Engineer Examination", "en")
        .ValidFrom(s_validFrom)
        .Subject(subject => subject
            .Id("did:example:ebfeb1f712ebc6f1c276e12ec21")
            .Claim("examName", "基本情報技術者試験")
            .Claim("score", 720)
            .Claim("passedOn", "2025-03-15"));

    [Fact]
    public void Build_ExamCertificate_WritesAConformingCredential()
    {
        var credential = ExamCertificate().Build();

        Assert.Equal(W3cContexts.CredentialsV2, credential.Context[0].GetString());
        Assert.Equal(["VerifiableCredential", "ExamCertificate"], credential.Types.ToArray());
        Assert.Equal("did:web:exam.example.jp", credential.Issuer.Id);
        Assert.Equal("情報処理試験センター", credential.Issuer.Name!.Get("ja"));
        Assert.Equal("Certificate of Passing, Fundamental IT Engineer Examination", credential.Name!.Get("en"));
        Assert.Equal(s_validFrom, credential.ValidFrom);
        Assert.Equal(720, credential.CredentialSubjects[0].Json.GetProperty("score").GetInt32());

        // Written as a dateTimeStamp with the offset given, and Japanese text unescaped.
        var json = credential.ToJson();
        Assert.Contains("\"validFrom\":\"2025-04-01T00:00:00+09:00\"", json, StringComparison.Ordinal);
        Assert.Contains("基本情報技術者試験", json, StringComparison.Ordinal);
        Assert.True(W3cCredential.Read(json).IsValid);
        Assert.Null(credential.ValidateForIssuance());
    }

    [Fact]
    public void Build_AllOptionalMembers_WritesEachAsTheSpecificationNamesIt()
    {
        var credential = ExamCertificate()
            .Context("https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json")
            .Description("令和7年度春期", "ja")
            .ValidUntil(new DateTimeOffset(2035, 3, 31, 23, 59, 59, TimeSpan.FromHours(9)))
            .Status(s => s.Id("https://exam.example.jp/status/1#94567").Type("BitstringStatusListEntry")
                .Claim("statusPurpose", "revocation").Claim("statusListIndex", "94567").Claim("statusListCredential", "https://exam.example.jp/status/1"))
            .Schema("https://exam.example.jp/schemas/certificate.json")
            .Evidence(e => e.Type("ExamResult").Claim("score", 720))
            .TermsOfUse(t => t.Type("TrustFrameworkPolicy"))
            .RefreshService(r => r.Type("VerifiableCredentialRefreshService2021").Claim("url", "https://exam.example.jp/refresh"))
            .Member("awardedDate", "2025-04-01T00:00:00+09:00")
            .Build();

        Assert.Equal(2, credential.Context.Length);
        Assert.Equal("令和7年度春期", credential.Description!.Get("ja"));
        Assert.NotNull(credential.ValidUntil);
        Assert.Equal("94567", credential.CredentialStatus[0].Json.GetProperty("statusListIndex").GetString());
        Assert.Equal("JsonSchema", credential.CredentialSchemas[0].Types[0]);
        Assert.Single(credential.Evidence);
        Assert.Single(credential.TermsOfUse);
        Assert.Single(credential.RefreshServices);
        Assert.True(credential.TryGetMember("awardedDate", out _));

        // An issuer secures the extension member only when it is declared.
        Assert.Equal(VcErrors.UndefinedMember, credential.ValidateForIssuance()!.Code);
        Assert.Null(credential.ValidateForIssuance(new W3cIssuanceOptions { ExtensionMembers = ["awardedDate"] }));
    }

    [Fact]
    public void Build_WithoutIssuer_ThrowsWithMissingIssuer()
    {
        var builder = new W3cCredentialBuilder().Subject(s => s.Claim("name", "A"));

        var ex = Assert.Throws<CredentialVerificationException>(() => builder.Build());

        Assert.Equal(VcErrors.MissingIssuer, ex.Error.Code);
        Assert.False(builder.TryBuild(out _, out var error));
        Assert.Equal(VcErrors.MissingIssuer, error.Code);
    }

    [Fact]
    public void Build_WithoutSubject_FailsWithMissingSubject()
    {
        Assert.False(new W3cCredentialBuilder().Issuer("did:example:1").TryBuild(out _, out var error));

        Assert.Equal(VcErrors.MissingSubject, error.Code);
    }

    [Fact]
    public void Build_SubjectWithOnlyAnId_FailsWithInvalidSubject()
    {
        Assert.False(new W3cCredentialBuilder().Issuer("did:example:1").Subject(s => s.Id("did:example:2")).TryBuild(out _, out var error));

        Assert.Equal(VcErrors.InvalidSubject, error.Code);
    }

    [Theory]
    [InlineData("exam center")]
    [InlineData("")]
    public void Build_IssuerNotAUrl_FailsWithInvalidIssuer(string issuer)
    {
        Assert.False(ExamCertificate().Issuer(issuer).TryBuild(out _, out var error));

        Assert.Equal(VcErrors.InvalidIssuer, error.Code);
    }

    [Fact]
    public void Build_IdNotAUrl_FailsWithInvalidId()
    {
        Assert.False(ExamCertificate().Id("certificate 1").TryBuild(out _, out var error));

        Assert.Equal(VcErrors.InvalidId, error.Code);
    }

    [Fact]
    public void Build_ValidUntilBeforeValidFrom_FailsWithInvalidValidityPeriod()
    {
        Assert.False(ExamCertificate().ValidUntil(s_validFrom.AddSeconds(-1)).TryBuild(out _, out var error));

        Assert.Equal(VcErrors.InvalidValidityPeriod, error.Code);
    }

    [Fact]
    public void Build_NameWithMalformedLanguageTag_FailsWithInvalidName()
    {
        // Section 11.1: @language SHOULD be well formed; read as given, but never written.
        Assert.False(ExamCertificate().Name("x", "日本語").TryBuild(out _, out var error));

        Assert.Equal(VcErrors.InvalidName, error.Code);
    }

    [Fact]
    public void Build_ContextThatIsNotAUrl_FailsWithInvalidContext()
    {
        Assert.False(ExamCertificate().Context("ob-v3").TryBuild(out _, out var error));

        Assert.Equal(VcErrors.InvalidContext, error.Code);
    }

    [Fact]
    public void Build_StatusWithoutType_FailsWithInvalidStatus()
    {
        Assert.False(ExamCertificate().Status(s => s.Id("https://exam.example.jp/status/1#1")).TryBuild(out _, out var error));

        Assert.Equal(VcErrors.InvalidStatus, error.Code);
    }

    [Fact]
    public void Build_ProgrammerErrors_Throw()
    {
        Assert.Throws<ArgumentException>(() => new W3cCredentialBuilder().Member("issuer", "did:example:1"));
        Assert.Throws<ArgumentException>(() => new W3cCredentialBuilder().Member("x", 1).Member("x", 2));
        Assert.Throws<ArgumentException>(() => new W3cObjectBuilder().Claim("id", "did:example:1"));
        Assert.Throws<ArgumentException>(() => new W3cObjectBuilder().Claim("a", 1).Claim("a", 2));
        Assert.Throws<ArgumentException>(() => new W3cObjectBuilder().Id("did:example:1").Id("did:example:2"));
    }

    [Fact]
    public void Build_ReusedJsonNode_IsCopiedNotMoved()
    {
        var shared = new JsonObject { ["level"] = "B" };

        var credential = ExamCertificate().Subject(s => s.Claim("grade", shared).Claim("grade2", shared)).Build();

        Assert.Equal("B", credential.CredentialSubjects[1].Json.GetProperty("grade2").GetProperty("level").GetString());
    }

    [Fact]
    public void Build_LanguageTextsAndDates_AreWrittenAsLanguageValueObjects()
    {
        var credential = ExamCertificate()
            .Subject(s => s.Text("examName", new LanguageValue("基本情報技術者試験", "ja"), new LanguageValue("FE", "en", BaseDirection.LeftToRight))
                .Claim("passedAt", new DateTimeOffset(2025, 3, 15, 10, 30, 0, TimeSpan.FromHours(9))))
            .Build();

        var subject = credential.CredentialSubjects[1].Json;
        Assert.Equal("ja", subject.GetProperty("examName")[0].GetProperty("@language").GetString());
        Assert.Equal("ltr", subject.GetProperty("examName")[1].GetProperty("@direction").GetString());
        Assert.Equal("2025-03-15T10:30:00+09:00", subject.GetProperty("passedAt").GetString());
    }

    [Fact]
    public void BuildPresentation_WithEnvelopedAndSelfAssertedCredentials_Conforms()
    {
        var selfAsserted = new W3cCredentialBuilder().Issuer("did:example:holder").Subject(s => s.Id("did:example:holder").Claim("nickname", "はなこ")).Build();

        var presentation = new W3cPresentationBuilder()
            .Id("urn:uuid:3978344f-8596-4c3a-a978-8fcaba3903c5")
            .Holder("did:example:holder")
            .EnvelopedVcJwt("eyJhbGciOiJFUzI1NiJ9.eyJhIjoxfQ.c2ln")
            .Credential(selfAsserted)
            .Build();

        Assert.Equal(2, presentation.VerifiableCredentials.Length);
        Assert.True(presentation.VerifiableCredentials[0].IsEnveloped);
        Assert.Equal("did:example:holder", presentation.VerifiableCredentials[1].Embedded!.Issuer.Id);
        Assert.True(W3cPresentation.Read(presentation.ToJson()).IsValid);
    }

    [Fact]
    public void BuildPresentation_UnsecuredCredentialOfAnotherIssuer_FailsWithUnsecuredCredential()
    {
        var notSelfAsserted = ExamCertificate().Build();

        Assert.False(new W3cPresentationBuilder().Holder("did:example:holder").Credential(notSelfAsserted).TryBuild(out _, out var error));

        Assert.Equal(VcErrors.UnsecuredCredential, error.Code);
        Assert.Throws<CredentialVerificationException>(() => new W3cPresentationBuilder().Credential(notSelfAsserted).Build());
    }

    [Fact]
    public void BuildPresentation_HolderNotAUrl_FailsWithInvalidHolder()
    {
        Assert.False(new W3cPresentationBuilder().Holder("Hanako").TryBuild(out _, out var error));

        Assert.Equal(VcErrors.InvalidHolder, error.Code);
    }
}
