using System;
using System.Text;
using Credentials.Jose;
using Credentials.Keys;

// Interim demo: sign and verify a JWS. Replaced by the SD-JWT story as the library grows.
using var key = SigningKey.Create(JwsAlgorithm.EdDsa);
var token = JwsWriter.SignCompact(key, Encoding.UTF8.GetBytes("{\"hello\":\"世界\"}"), "JWT");
var parsed = Jws.ParseCompact(token);
Console.WriteLine(token);
Console.WriteLine(parsed.IsValid && parsed.Value.VerifySignature(key.GetVerificationKey()) is null ? "signature verified" : "verification failed");
