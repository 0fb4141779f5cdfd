using System.Net.Http;
using System.Text.Json;
using System.Threading.Tasks;
using Credentials.AspNetCore.Tests.Hosting;
using Credentials.Status;
using Microsoft.AspNetCore.Builder;
using Xunit;

namespace Credentials.AspNetCore.Tests.Status;

/// <summary>The status list endpoint over a store that fails: HTTP 500 with a JSON body, and the failure logged.</summary>
public sealed class StatusListEndpointFailureTests
{
    [Fact]
    public async Task StatusList_StoreFails_500ServerErrorJsonAndLogged()
    {
        var faults = new Faults { StatusStoreFails = true };
        var store = new FaultyStatusListStore(new InMemoryStatusListStore(), faults);
        await using var host = await LoopbackHost.StartAsync((_, _) => { }, app => app.MapStatusList("/status/1", "https://issuer.example/status/1", store));
        using var http = new HttpClient();

        using var response = await http.GetAsync(host.Origin + "/status/1");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(500, (int)response.StatusCode);
        Assert.Equal("server_error", body.RootElement.GetProperty("error").GetString());
        Assert.Single(host.Logs.Errors);
    }
}
