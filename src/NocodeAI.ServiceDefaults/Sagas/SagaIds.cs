namespace NocodeAI.ServiceDefaults.Sagas;

/// <summary>The id of a new saga aggregate (a model or target request).</summary>
public static class SagaIds
{
    /// <summary>
    /// Time-ordered (v7): new requests land on the newest pages of every index keyed by their id (their
    /// own table, the other services' replicas, notices) instead of on random ones, which a large table
    /// pays for in buffer misses and full-page WAL writes.
    /// </summary>
    public static Guid New() => Guid.CreateVersion7();
}
