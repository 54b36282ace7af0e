using NocodeAI.Externals.Faults;
using NocodeAI.Externals.Midas;
using NocodeAI.Externals.Recording;

namespace NocodeAI.Externals.Admin;

/// <summary>
/// For tests and people: what the stand-ins received (<c>GET/DELETE /_admin/received</c>) and the faults
/// they inject (<c>GET/POST/DELETE /_admin/faults</c>).
/// </summary>
public static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/_admin");
        admin.MapGet("/received", GetReceived);
        admin.MapDelete("/received", ClearReceived);
        admin.MapGet("/faults", (FaultInjector faults) => Results.Ok(faults.Current()));
        admin.MapPost("/faults", SetFault);
        admin.MapDelete("/faults", ClearFaults);
        return endpoints;
    }

    private static IResult GetReceived(string? system, string? key, ReceivedLog log)
    {
        if (system is null)
        {
            return Results.Ok(ExternalSystems.All.ToDictionary(s => s, s => Filter(log.Snapshot(s), key)));
        }

        return Known(system) ? Results.Ok(Filter(log.Snapshot(system), key)) : UnknownSystem(system);
    }

    private static IResult ClearReceived(string? system, ReceivedLog log, MidasJobs jobs)
    {
        if (system is not null && !Known(system))
        {
            return UnknownSystem(system);
        }

        log.Clear(system);
        if (system is null or ExternalSystems.Midas)
        {
            jobs.Clear();
        }

        return Results.NoContent();
    }

    private static IResult SetFault(FaultSettings settings, FaultInjector faults)
    {
        if (settings.Problem() is { } problem)
        {
            return Results.Json(new { error = problem }, statusCode: StatusCodes.Status400BadRequest);
        }

        faults.Set(settings);
        return Results.Ok(faults.Current());
    }

    private static IResult ClearFaults(string? system, FaultInjector faults)
    {
        if (system is not null && !Known(system))
        {
            return UnknownSystem(system);
        }

        faults.Clear(system);
        return Results.NoContent();
    }

    private static ReceivedSnapshot Filter(ReceivedSnapshot snapshot, string? key) =>
        key is null ? snapshot : snapshot with { Items = snapshot.Items.Where(i => i.IdempotencyKey == key).ToList() };

    private static bool Known(string system) => ExternalSystems.All.Contains(system);

    private static IResult UnknownSystem(string system) =>
        Results.Json(new { error = $"Unknown system '{system}'; use one of {string.Join(", ", ExternalSystems.All)}." }, statusCode: StatusCodes.Status400BadRequest);
}
