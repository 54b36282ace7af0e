namespace NocodeAI.Messaging.Tests.Infrastructure;

public enum Shade
{
    LIGHT_GREEN,
    DARK_RED,
}

public sealed record ThingCreated(Guid ThingId, string Name, Shade Shade) : IIntegrationEvent
{
    public static string Context => "models";
}

public sealed record ThingRenamed(Guid ThingId, string Name) : IIntegrationEvent
{
    public static string Context => "models";
}

/// <summary>Published by another context, to check that a filter keeps it out.</summary>
public sealed record ThingTrained(Guid ThingId) : IIntegrationEvent
{
    public static string Context => "training";
}

public sealed record BuildThing(Guid ThingId, int Seconds) : IJob
{
    public static string Queue => "building";
}
