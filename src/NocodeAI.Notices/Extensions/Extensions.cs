using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using NocodeAI.Messaging;
using NocodeAI.Models.Contracts;
using NocodeAI.Notices.Delivery;
using NocodeAI.Notices.Infrastructure;
using NocodeAI.Notices.IntegrationEvents;
using NocodeAI.Notices.IntegrationEvents.EventHandling;
using NocodeAI.Notices.MyRequests;
using NocodeAI.Notices.Notices;
using NocodeAI.Notices.Recipients;
using NocodeAI.ServiceDefaults.Database;
using NocodeAI.ServiceDefaults.Options;
using NocodeAI.ServiceDefaults.Resilience;
using NocodeAI.Targets.Contracts;

namespace NocodeAI.Notices.Extensions;

public static class Extensions
{
    /// <summary>
    /// The notices service's parts. Nothing here connects to anything while the container is built,
    /// so <c>--export-schema</c> works with no dependency reachable.
    /// </summary>
    public static WebApplicationBuilder AddApplicationServices(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);

        // No outbox: this service emits no events. The inbox is in its database (NoticesDbContext).
        builder.AddServiceDatabase<NoticesDbContext>();

        // Every model event, one durable consumer (NATS 2.9 honours one filter per consumer). Target
        // events (issue 4) get a second consumer on nocode.targets.> mapped by a TargetRequestChanges.
        services.AddRequestEvents<NoticesDbContext>("notices-on-models", Subjects.AllEventsOf(ModelRequestEvent.Context))
            .Map<ModelRequested>(ModelRequestChanges.Requested)
            .Map<ModelApproved>(ModelRequestChanges.Approved)
            .Map<ModelRejected>(ModelRequestChanges.Rejected)
            .Map<ModelTrainingStarted>(ModelRequestChanges.TrainingStarted)
            .Map<ModelTrainingProgressed>(ModelRequestChanges.TrainingProgressed)
            .Map<ModelCompleted>(ModelRequestChanges.Completed)
            .Map<ModelFailed>(ModelRequestChanges.Failed)
            .Map<ModelCancellationRequested>(ModelRequestChanges.CancellationRequested)
            .Map<ModelCanceled>(ModelRequestChanges.Canceled);
        services.AddRequestEvents<NoticesDbContext>("notices-on-targets", Subjects.AllEventsOf(TargetRequestEvent.Context))
            .Map<TargetRequested>(TargetRequestChanges.Requested)
            .Map<TargetApproved>(TargetRequestChanges.Approved)
            .Map<TargetRejected>(TargetRequestChanges.Rejected)
            .Map<TargetExtractionStarted>(TargetRequestChanges.ExtractionStarted)
            .Map<TargetExtracted>(TargetRequestChanges.Extracted)
            .Map<TargetDispatchStarted>(TargetRequestChanges.DispatchStarted)
            .Map<TargetCompleted>(TargetRequestChanges.Completed)
            .Map<TargetFailed>(TargetRequestChanges.Failed)
            .Map<TargetCanceled>(TargetRequestChanges.Canceled);
        services.AddScoped<RequestChangeProcessor>();

        services.AddValidatedOptions<NoticesOptions>();
        services.AddValidatedOptions<RecipientsOptions>();
        services.AddSingleton<IRecipientDirectory, ConfiguredRecipientDirectory>();
        services.AddSingleton<NoticeTemplates>();
        services.AddScoped<NoticeWriter>();
        services.AddScoped<NoticeService>();

        services.AddScoped<MyRequestProjector>();
        services.AddScoped<MyRequestService>();
        services.AddSingleton<EventStreamReplay>();
        services.AddSingleton<MyRequestsRebuilder>();

        builder.AddSwingChatDelivery();
        return builder;
    }

    /// <summary>SwingChat client (section <c>SwingChat</c>, base URL defaulting to <c>Externals:BaseUrl</c>) and the delivery dispatcher.</summary>
    public static WebApplicationBuilder AddSwingChatDelivery(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddValidatedOptions<SwingChatOptions>()
            .PostConfigure<IConfiguration>((options, configuration) =>
            {
                if (string.IsNullOrWhiteSpace(options.BaseUrl))
                {
                    options.BaseUrl = configuration["Externals:BaseUrl"];
                }
            })
            .Validate(o => Uri.TryCreate(o.BaseUrl, UriKind.Absolute, out _), "SwingChat:BaseUrl (or Externals:BaseUrl) must be an absolute URL.");
        services.AddHttpClient<SwingChatClient>((provider, http) =>
        {
            var options = provider.GetRequiredService<IOptions<SwingChatOptions>>().Value;
            http.BaseAddress = new Uri(options.BaseUrl!.TrimEnd('/') + "/");
            // The attempt is bounded by the resilience handler's timeout; this only bounds a stuck connection.
            http.Timeout = TimeSpan.FromSeconds(options.TimeoutSeconds + 5);
        })
        // One call per attempt: a notice's retries are durable (attempts, the shared Backoff with jitter,
        // kept on the notice across restarts), so the handler adds the timeout and the breaker, not a retry.
        .AddNocodeResilience("swingchat", provider =>
        {
            var options = provider.GetRequiredService<IOptions<SwingChatOptions>>().Value;
            return new HttpResilience(MaxAttempts: 1, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromSeconds(options.TimeoutSeconds));
        });
        services.AddSingleton<DeliverySignal>();
        services.AddHostedService<NoticeDeliveryDispatcher>();
        return builder;
    }

    /// <summary>
    /// <c>--rebuild-projection</c>: rebuilds myRequests from the streams and exits (0 on success) without
    /// serving. Applies pending migrations first when <c>Database:MigrateOnStart</c> is on. Exits 2 when
    /// the events stream has discarded its oldest events, so it no longer holds what to rebuild from.
    /// </summary>
    public static async Task<int> RebuildProjectionAsync(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("NocodeAI.Notices.Rebuild");
        try
        {
            if (app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStart)
            {
                await using var scope = app.Services.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<NoticesDbContext>().Database.MigrateAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(30));
            var result = await app.Services.GetRequiredService<MyRequestsRebuilder>().RebuildAsync(timeout.Token);
            await Console.Out.WriteLineAsync(
                $"myRequests rebuilt: {result.Rows} rows from {result.Events} events ({result.Applied} applied) in {result.Duration.TotalSeconds:0.0} s");
            return 0;
        }
        catch (HistoryDiscardedException ex)
        {
            await Console.Error.WriteLineAsync($"myRequests not rebuilt: {ex.Message}");
            return 2;
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Rebuilding myRequests failed; the previous rows are kept");
            return 1;
        }
    }
}
