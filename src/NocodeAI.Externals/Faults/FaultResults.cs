namespace NocodeAI.Externals.Faults;

public static class FaultResults
{
    /// <summary>Applies the injected fault, if any: the result to answer instead, or null to go on.</summary>
    public static async Task<IResult?> InjectAsync(this FaultInjector faults, string system, Recording.ReceivedLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(faults);
        ArgumentNullException.ThrowIfNull(log);
        switch (await faults.JudgeAsync(system, cancellationToken))
        {
            case FaultVerdict.Down:
                log.CountFault(system);
                return Results.Json(new { error = $"{system} is down (injected fault)." }, statusCode: StatusCodes.Status503ServiceUnavailable);
            case FaultVerdict.Fail:
                log.CountFault(system);
                return Results.Json(new { error = $"{system} failed this call (injected fault)." }, statusCode: StatusCodes.Status500InternalServerError);
            default:
                return null;
        }
    }
}
