using Credentials.OpenId4Vci;

namespace Credentials.AspNetCore.OpenId4Vci;

/// <summary>What an issuer endpoint answers: status, JSON body, and the <c>WWW-Authenticate</c> challenge for RFC 6750 errors.</summary>
internal sealed record EndpointResponse(int Status, string Body, string? WwwAuthenticate = null, ErrorCode? Error = null)
{
    public static EndpointResponse Ok(string body) => new(200, body);

    public static EndpointResponse Fail(ErrorCode code, string description)
    {
        var status = code == OpenId4VciErrors.InvalidToken ? 401
            : code == OpenId4VciErrors.InsufficientScope ? 403
            : code == OpenId4VciErrors.InvalidClient ? 401
            : code == OpenId4VciErrors.ServerError ? 500
            : 400;
        var body = ProtocolErrorResponse.From(code, description).ToJson();
        string? challenge = null;
        if (code == OpenId4VciErrors.InvalidToken || code == OpenId4VciErrors.InsufficientScope)
        {
            challenge = $"Bearer error=\"{OpenId4VciErrors.ToProtocolError(code)}\"";
        }

        return new EndpointResponse(status, body, challenge, code);
    }
}
