using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Credentials.OpenId4Vci;
using Xunit;

namespace Credentials.Tests.OpenId4Vci;

/// <summary>OpenID4VCI 1.0 section 11: the Notification Endpoint.</summary>
public sealed class NotificationTests : IDisposable
{
    private readonly DeferredTestBed _bed = new() { Defer = false };

    public void Dispose() => _bed.Dispose();

    private async Task<(OpenId4VciIssuer Issuer, string Token, string NotificationId)> IssueAsync()
    {
        var issuer = _bed.Create();
        var token = await _bed.TokenAsync(issuer);
        var response = DeferredTestBed.Response(await _bed.RequestAsync(issuer, token));
        return (issuer, token, response.NotificationId!);
    }

    private static ValueTask<IssuerEndpointResult> NotifyAsync(OpenId4VciIssuer issuer, string? token, string json)
        => issuer.HandleNotificationRequestAsync(IssuerHttpRequest.Create("POST", issuer.NotificationEndpoint ?? "https://issuer.example/notification", token is null ? null : "Bearer " + token), Encoding.UTF8.GetBytes(json));

    [Fact]
    public async Task Accepted_Is204AndReachesTheApp()
    {
        var (issuer, token, id) = await IssueAsync();

        var result = await NotifyAsync(issuer, token, "{\"notification_id\":\"" + id + "\",\"event\":\"credential_accepted\"}");

        Assert.Equal(204, result.StatusCode);
        Assert.True(result.IsSuccess);
        var notification = Assert.Single(_bed.Notifications);
        Assert.Equal(CredentialNotificationEvent.CredentialAccepted, notification.Event);
        Assert.Equal(DeferredTestBed.Configuration, notification.CredentialConfigurationId);
        Assert.Equal("exam-2026-05-01234", notification.SubjectId);
    }

    [Fact]
    public async Task Repeat_IsIdempotent_DifferentEventIsDelivered()
    {
        var (issuer, token, id) = await IssueAsync();
        var accepted = "{\"notification_id\":\"" + id + "\",\"event\":\"credential_accepted\"}";

        Assert.Equal(204, (await NotifyAsync(issuer, token, accepted)).StatusCode);
        Assert.Equal(204, (await NotifyAsync(issuer, token, accepted)).StatusCode);
        Assert.Equal(204, (await NotifyAsync(issuer, token, "{\"notification_id\":\"" + id + "\",\"event\":\"credential_deleted\",\"event_description\":\"User removed it.\"}")).StatusCode);

        Assert.Equal([CredentialNotificationEvent.CredentialAccepted, CredentialNotificationEvent.CredentialDeleted], _bed.Notifications.Select(n => n.Event));
        Assert.Equal("User removed it.", _bed.Notifications[1].EventDescription);
    }

    [Fact]
    public async Task UnknownId_IsInvalidNotificationId()
    {
        var (issuer, token, _) = await IssueAsync();

        var result = await NotifyAsync(issuer, token, "{\"notification_id\":\"nope\",\"event\":\"credential_accepted\"}");

        Assert.Equal(OpenId4VciErrors.InvalidNotificationId, result.Code);
        Assert.Equal(400, result.StatusCode);
        Assert.Contains("\"invalid_notification_id\"", result.Body, StringComparison.Ordinal);
        Assert.Empty(_bed.Notifications);
    }

    [Fact]
    public async Task Expired_IsInvalidNotificationId()
    {
        var (issuer, token, id) = await IssueAsync();
        _bed.Clock.Advance(TimeSpan.FromDays(8));

        Assert.Equal(OpenId4VciErrors.InvalidNotificationId, (await NotifyAsync(issuer, token, "{\"notification_id\":\"" + id + "\",\"event\":\"credential_accepted\"}")).Code);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{\"event\":\"credential_accepted\"}")]
    [InlineData("{\"notification_id\":\"x\"}")]
    [InlineData("{\"notification_id\":\"x\",\"event\":\"Credential_Accepted\"}")]
    [InlineData("{\"notification_id\":\"x\",\"event\":\"credential_revoked\"}")]
    [InlineData("{\"notification_id\":\"x\",\"event\":\"credential_failure\",\"event_description\":\"quote \\\" inside\"}")]
    [InlineData("{\"notification_id\":\"x\",\"event\":\"credential_failure\",\"event_description\":\"日本語\"}")]
    [InlineData("{\"notification_id\":\"x\",\"notification_id\":\"y\",\"event\":\"credential_failure\"}")]
    public async Task Malformed_IsInvalidNotificationRequest(string json)
    {
        var (issuer, token, _) = await IssueAsync();

        Assert.Equal(OpenId4VciErrors.InvalidNotificationRequest, (await NotifyAsync(issuer, token, json)).Code);
    }

    [Fact]
    public async Task NoOrOtherToken_IsInvalidToken()
    {
        var (issuer, _, id) = await IssueAsync();
        var other = await _bed.TokenAsync(issuer);
        var json = "{\"notification_id\":\"" + id + "\",\"event\":\"credential_accepted\"}";

        Assert.Equal(OpenId4VciErrors.InvalidToken, (await NotifyAsync(issuer, null, json)).Code);
        Assert.Equal(OpenId4VciErrors.InvalidToken, (await NotifyAsync(issuer, other, json)).Code);
        Assert.Empty(_bed.Notifications);
    }

    [Fact]
    public async Task WithoutNotifications_ResponseHasNoIdAndEndpointIsUnknown()
    {
        var issuer = _bed.Create(o => o with { Notifications = null });
        var token = await _bed.TokenAsync(issuer);

        var response = DeferredTestBed.Response(await _bed.RequestAsync(issuer, token));

        Assert.Null(response.NotificationId);
        Assert.Null(issuer.NotificationEndpoint);
        Assert.Equal(OpenId4VciErrors.InvalidNotificationId, (await NotifyAsync(issuer, token, "{\"notification_id\":\"x\",\"event\":\"credential_accepted\"}")).Code);
    }

    [Fact]
    public void Request_RoundTrips()
    {
        var json = new NotificationRequest { NotificationId = "3fwe98js", Event = CredentialNotificationEvent.CredentialFailure, EventDescription = "Out of storage." }.ToJson();

        var read = NotificationRequest.Read(Encoding.UTF8.GetBytes(json));

        Assert.True(read.IsValid);
        Assert.Equal(CredentialNotificationEvent.CredentialFailure, read.Value.Event);
        Assert.Equal("Out of storage.", read.Value.EventDescription);
        Assert.Throws<InvalidOperationException>(() => new NotificationRequest { NotificationId = "x", Event = CredentialNotificationEvent.CredentialFailure, EventDescription = "\"" }.ToJson());
    }
}
