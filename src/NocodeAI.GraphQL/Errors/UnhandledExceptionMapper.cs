using GraphQL.Execution;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using NocodeAI.ServiceDefaults.Database;

namespace NocodeAI.GraphQL.Errors;

/// <summary>
/// Turns exceptions thrown by resolvers into GraphQL errors: a <see cref="NocodeException"/> keeps
/// its code and details; a lost optimistic-concurrency race becomes CONFLICT; anything else is
/// logged with its trace id and answered with a generic INTERNAL_SERVER_ERROR, except a database
/// outage, which is SERVICE_UNAVAILABLE.
/// </summary>
public static class UnhandledExceptionMapper
{
    public static void Map(UnhandledExceptionContext context, ILogger logger)
    {
        switch (context.OriginalException)
        {
            case NocodeException nocode:
                context.Exception = ToExecutionError(nocode);
                return;
            case DbUpdateConcurrencyException:
                context.Exception = ToExecutionError(new NocodeException(ErrorCodes.Conflict,
                    "The request was changed by someone else at the same time; read it again and retry."));
                return;
            case OperationCanceledException when context.ExecutionOptions.CancellationToken.IsCancellationRequested:
                context.Exception = new ExecutionError("The request was cancelled.") { Code = "CANCELLED" };
                return;
            case var exception when IsDatabaseOutage(exception):
                // A restarting or unreachable PostgreSQL is not a bug: the transaction did not commit,
                // so the client is told to retry instead of seeing an internal error.
                logger.LogWarning(exception, "The database is unavailable for GraphQL field {Field}", context.FieldContext?.FieldDefinition.Name);
                context.Exception = new ExecutionError("The database is unavailable at the moment; the change was not applied. Try again shortly.")
                {
                    Code = ErrorCodes.ServiceUnavailable,
                };
                return;
        }

        var traceId = System.Diagnostics.Activity.Current?.TraceId.ToString();
        logger.LogError(context.OriginalException, "Unhandled exception in GraphQL field {Field} (trace {TraceId})",
            context.FieldContext?.FieldDefinition.Name, traceId);
        var error = new ExecutionError($"Internal server error (trace {traceId ?? "n/a"}).") { Code = ErrorCodes.Internal };
        context.Exception = error;
    }

    private static bool IsDatabaseOutage(Exception exception) => CommandRetry.IsBrokenConnection(exception);

    public static ExecutionError ToExecutionError(NocodeException exception)
    {
        var error = new ExecutionError(exception.Message) { Code = exception.Code };
        foreach (var (key, value) in exception.Details)
        {
            error.Data[key] = value;
        }

        return error;
    }
}
