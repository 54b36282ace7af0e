using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;

namespace NocodeAI.Messaging.Tests;

public sealed class JobConsumerTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private static readonly string Consumer = $"{BuildThing.Queue}-{nameof(BuildThing)}";

    [Fact]
    public async Task Each_worker_process_runs_one_job_at_a_time_and_more_processes_run_more()
    {
        await using var env = await TestEnvironment.CreateAsync();
        var running = 0;
        var maxRunning = 0;
        var perHostMax = new ConcurrentDictionary<int, int>();
        var done = new ConcurrentBag<Guid>();
        IHost Worker(int number)
        {
            var here = 0;
            var script = new JobScript
            {
                Run = async (job, _, ct) =>
                {
                    var now = Interlocked.Increment(ref running);
                    var mine = Interlocked.Increment(ref here);
                    InterlockedMax(ref maxRunning, now);
                    perHostMax.AddOrUpdate(number, mine, (_, old) => Math.Max(old, mine));
                    await Task.Delay(400, ct);
                    Interlocked.Decrement(ref here);
                    Interlocked.Decrement(ref running);
                    done.Add(job.ThingId);
                },
            };
            return env.BuildHost(s => s.AddSingleton(script).AddJobConsumer<BuildThing, BuildThingHandler>(), withDatabase: false);
        }

        var first = Worker(1);
        var second = Worker(2);
        await TestEnvironment.StartAsync(first);
        await TestEnvironment.StartAsync(second);
        await WaitForIdleWorkersAsync(env, 2);

        var publisher = first.Services.GetRequiredService<IEventPublisher>();
        var jobs = Enumerable.Range(0, 6).Select(_ => Guid.NewGuid()).ToArray();
        foreach (var id in jobs)
        {
            await publisher.PublishJobAsync(new BuildThing(id, 0), id.ToString(), 1, new MessageContext());
        }

        await Poll.UntilAsync(() => done.Count == jobs.Length, Patience, "all jobs done");
        Assert.Equal(jobs.Order(), done.Order());
        Assert.Equal(1, perHostMax[1]);
        Assert.Equal(1, perHostMax[2]);
        Assert.Equal(2, maxRunning);
        await AssertJobsStreamEmptyAsync(env);
    }

    [Fact]
    public async Task A_job_running_longer_than_its_ack_wait_is_kept_alive_and_not_given_to_another_worker()
    {
        await using var env = await TestEnvironment.CreateAsync();
        var deliveries = new ConcurrentQueue<(int Worker, int Delivery)>();
        IHost Worker(int number) => env.BuildHost(
            s => s
                .AddSingleton(new JobScript { Run = (_, ctx, ct) => { deliveries.Enqueue((number, ctx.DeliveryCount)); return Task.Delay(TimeSpan.FromSeconds(7), ct); } })
                // Extended every second (a third of the wait), the job outlives its wait more than twice over;
                // a 1 s wait extended every 333 ms was lost to a busy CI machine once.
                .AddJobConsumer<BuildThing, BuildThingHandler>(o => o.AckWait = TimeSpan.FromSeconds(3)),
            withDatabase: false);
        var first = Worker(1);
        var second = Worker(2);
        await TestEnvironment.StartAsync(first);
        await TestEnvironment.StartAsync(second);
        await WaitForIdleWorkersAsync(env, 2);

        var id = Guid.NewGuid();
        await first.Services.GetRequiredService<IEventPublisher>().PublishJobAsync(new BuildThing(id, 3), id.ToString(), 1, new MessageContext());

        await Poll.UntilAsync(() => !deliveries.IsEmpty, Patience, "the job to start");
        await AssertJobsStreamEmptyAsync(env, within: TimeSpan.FromSeconds(20));
        var only = Assert.Single(deliveries);
        Assert.Equal(1, only.Delivery);
        var info = (await env.JetStream().GetConsumerAsync(env.Names.Stream(JetStreamTopology.JobsStream), Consumer)).Info;
        Assert.Equal(0, info.NumRedelivered);
    }

    [Fact]
    public async Task The_job_of_a_worker_that_dies_is_redelivered_to_another_after_its_ack_wait()
    {
        await using var env = await TestEnvironment.CreateAsync();
        var hang = new TaskCompletionSource();
        var started = new TaskCompletionSource<int>();
        var dying = env.BuildHost(
            s => s
                .AddSingleton(new JobScript { Run = (_, ctx, _) => { started.TrySetResult(ctx.DeliveryCount); return hang.Task; } })
                .AddJobConsumer<BuildThing, BuildThingHandler>(o => o.AckWait = TimeSpan.FromSeconds(2)),
            withDatabase: false);
        await TestEnvironment.StartAsync(dying);

        var id = Guid.NewGuid();
        await dying.Services.GetRequiredService<IEventPublisher>().PublishJobAsync(new BuildThing(id, 60), id.ToString(), 1, new MessageContext());
        Assert.Equal(1, await started.Task.WaitAsync(Patience));

        try
        {
            // The handler ignores cancellation, so nothing acks or naks: the process is gone as far as NATS knows.
            await ((IAsyncDisposable)dying).DisposeAsync();

            var redelivered = new TaskCompletionSource<(Guid Id, int Delivery)>();
            var survivor = env.BuildHost(
                s => s
                    .AddSingleton(new JobScript { Run = (job, ctx, _) => { redelivered.TrySetResult((job.ThingId, ctx.DeliveryCount)); return Task.CompletedTask; } })
                    .AddJobConsumer<BuildThing, BuildThingHandler>(o => o.AckWait = TimeSpan.FromSeconds(2)),
                withDatabase: false);
            await TestEnvironment.StartAsync(survivor);

            var (jobId, delivery) = await redelivered.Task.WaitAsync(Patience);
            Assert.Equal(id, jobId);
            Assert.Equal(2, delivery);
            await AssertJobsStreamEmptyAsync(env);
        }
        finally
        {
            hang.TrySetResult();
        }
    }

    [Fact]
    public async Task A_failed_job_is_retried_and_acknowledged_once_it_succeeds()
    {
        await using var env = await TestEnvironment.CreateAsync();
        var deliveries = new ConcurrentQueue<int>();
        var host = env.BuildHost(
            s => s
                .AddSingleton(new JobScript
                {
                    Run = (_, ctx, _) =>
                    {
                        deliveries.Enqueue(ctx.DeliveryCount);
                        return ctx.DeliveryCount == 1 ? throw new TimeoutException("warehouse slow") : Task.CompletedTask;
                    },
                })
                .AddJobConsumer<BuildThing, BuildThingHandler>(o => o.RetryDelay = TimeSpan.FromMilliseconds(100)),
            withDatabase: false);
        await TestEnvironment.StartAsync(host);

        var id = Guid.NewGuid();
        await host.Services.GetRequiredService<IEventPublisher>().PublishJobAsync(new BuildThing(id, 1), id.ToString(), 1, new MessageContext());

        await AssertJobsStreamEmptyAsync(env);
        Assert.Equal([1, 2], deliveries);
        Assert.Empty(await env.ReadAsync(JetStreamTopology.DeadLetterStream, "nocode.deadletter.>"));
    }

    private static async Task WaitForIdleWorkersAsync(TestEnvironment env, int workers)
    {
        await Poll.UntilAsync(
            async () => (await env.ConsumerInfoAsync(JetStreamTopology.JobsStream, Consumer))?.NumWaiting ?? 0,
            waiting => waiting >= workers,
            Patience,
            $"{workers} workers waiting for jobs");
    }

    /// <summary>The jobs stream is a work queue: a job leaves it only when a worker acknowledges it.</summary>
    private static async Task AssertJobsStreamEmptyAsync(TestEnvironment env, TimeSpan? within = null)
    {
        var js = env.JetStream();
        await Poll.UntilAsync(
            async () => (await js.GetStreamAsync(env.Names.Stream(JetStreamTopology.JobsStream))).Info.State.Messages,
            messages => messages == 0,
            within ?? Patience,
            "the jobs stream to be empty");
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while (value > (current = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
