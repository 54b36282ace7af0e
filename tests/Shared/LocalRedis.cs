namespace NocodeAI.Tests.Shared;

/// <summary>
/// The Redis that <c>./nocode</c> runs for the tests: <c>NOCODE_REDIS</c> (from <c>./nocode env</c>), else its
/// default port. Compiled into the test projects that talk to Redis (linked from tests/Shared), so there is one copy.
/// </summary>
internal static class LocalRedis
{
    public static string Configuration =>
        Environment.GetEnvironmentVariable("NOCODE_REDIS") is { Length: > 0 } configured ? configured : "127.0.0.1:16379";
}
