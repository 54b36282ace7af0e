using Microsoft.Extensions.Options;
using NocodeAI.Externals.Extensions;
using NocodeAI.Externals.Faults;
using NocodeAI.Externals.Recording;

namespace NocodeAI.Externals.SwingChat;

/// <summary>
/// The SwingChat webhook: <c>POST /swingchat/messages</c> with a bearer token, an <c>Idempotency-Key</c>
/// header and <c>{recipient, title, body}</c>. The same key again answers the same message id and
/// sends nothing new.
/// </summary>
public static class SwingChatApi
{
    public const string MessagesPath = "/swingchat/messages";
    public const int MaxTitleLength = 300;
    public const int MaxBodyLength = 4_000;

    public static IEndpointRouteBuilder MapSwingChatApi(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(MessagesPath, PostMessageAsync);
        return endpoints;
    }

    private static async Task<IResult> PostMessageAsync(
        HttpRequest request, FaultInjector faults, ReceivedLog log, IOptions<SwingChatStandInOptions> options, CancellationToken cancellationToken)
    {
        if (await faults.InjectAsync(ExternalSystems.SwingChat, log, cancellationToken) is { } fault)
        {
            return fault;
        }

        if (!Bearer.Accepts(request, options.Value.Token))
        {
            log.CountRejected(ExternalSystems.SwingChat);
            return Bearer.Error(StatusCodes.Status401Unauthorized, "Send 'Authorization: Bearer <token>'.");
        }

        var key = Bearer.IdempotencyKey(request);
        if (key is null)
        {
            log.CountRejected(ExternalSystems.SwingChat);
            return Bearer.Error(StatusCodes.Status400BadRequest, $"The {Bearer.IdempotencyKeyHeader} header (1–200 characters) is required.");
        }

        SwingChatMessage? message;
        try
        {
            message = await request.ReadFromJsonAsync<SwingChatMessage>(cancellationToken);
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            message = null;
        }

        if (message?.Problem() is not null || message is null)
        {
            log.CountRejected(ExternalSystems.SwingChat);
            return Bearer.Error(StatusCodes.Status400BadRequest, message?.Problem() ?? "The body must be JSON {recipient, title, body}.");
        }

        var messageId = $"swc-{Guid.NewGuid():N}";
        var (entry, duplicate) = log.Record(ExternalSystems.SwingChat, key, JsonSerializer.SerializeToElement(message, JsonSerializerOptions.Web), messageId);
        return Results.Ok(new { messageId = entry.Reference, duplicate });
    }

    public sealed record SwingChatMessage(string? Recipient, string? Title, string? Body)
    {
        public string? Problem() =>
            string.IsNullOrWhiteSpace(Recipient) ? "recipient is required."
            : string.IsNullOrWhiteSpace(Title) || Title.Length > MaxTitleLength ? $"title must be 1–{MaxTitleLength} characters."
            : string.IsNullOrWhiteSpace(Body) || Body.Length > MaxBodyLength ? $"body must be 1–{MaxBodyLength} characters."
            : null;
    }
}
