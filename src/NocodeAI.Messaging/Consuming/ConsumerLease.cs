using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace NocodeAI.Messaging;

/// <summary>
/// Only one replica of an event consumer handles events at a time: the one holding a PostgreSQL
/// session advisory lock named after the consumer and its inbox. Events are taken in batches, so two
/// active replicas could commit events of one aggregate out of stream order; with the lease the others
/// stand by and take over when the holder's session ends (process killed, connection lost), because
/// PostgreSQL releases a session lock with its session. The lock lives in the consumer's own database,
/// which the consumer needs anyway, so a replica cut off from it stops handling as well.
/// </summary>
internal sealed class ConsumerLease : IAsyncDisposable
{
    private static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(5);

    private readonly NpgsqlConnection _connection;
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _stopWatching = new();
    private readonly Task _watch;

    private ConsumerLease(NpgsqlConnection connection)
    {
        _connection = connection;
        _watch = WatchAsync();
    }

    /// <summary>Cancelled when the session holding the lock is found broken: another replica may hold it by now.</summary>
    public CancellationToken Lost => _lost.Token;

    /// <summary>A stable lock key for a consumer; the inbox table (schema included) keeps tests and systems sharing a server apart.</summary>
    public static long KeyOf(string inboxTable, string consumer)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes($"nocode-consumer:{inboxTable}:{consumer}"), hash);
        return BitConverter.ToInt64(hash[..8]);
    }

    /// <summary>
    /// A connection on its own session, not a pooled one: a pooled connection goes back to the pool on
    /// close and its session, holding the lock, would outlive the lease. Cloned from the service's own
    /// connection, which carries the password its connection string no longer shows.
    /// </summary>
    public static NpgsqlConnection NewSession(NpgsqlConnection template) =>
        template.CloneWith(new NpgsqlConnectionStringBuilder(template.ConnectionString) { Pooling = false, KeepAlive = 5 }.ConnectionString);

    /// <summary>Waits until this process holds the lease (asking every <paramref name="retryInterval"/>).</summary>
    public static async Task<ConsumerLease> AcquireAsync(Func<NpgsqlConnection> newSession, long key, string consumer, TimeSpan retryInterval, ILogger logger, CancellationToken cancellationToken)
    {
        var failures = 0;
        var waitingLogged = false;
        while (true)
        {
            NpgsqlConnection? connection = null;
            try
            {
                connection = newSession();
                await connection.OpenAsync(cancellationToken);
                while (true)
                {
                    await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock($1)", connection);
                    command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = key });
                    if (await command.ExecuteScalarAsync(cancellationToken) is true)
                    {
                        if (waitingLogged || failures > 0)
                        {
                            logger.LogInformation("Consumer {Consumer} took the lease and handles events now", consumer);
                        }

                        var lease = new ConsumerLease(connection);
                        connection = null;
                        return lease;
                    }

                    if (!waitingLogged)
                    {
                        logger.LogInformation("Consumer {Consumer} stands by: another replica holds its lease", consumer);
                        waitingLogged = true;
                    }

                    await Task.Delay(retryInterval, cancellationToken);
                }
            }
            catch (Exception ex) when (ex is NpgsqlException or TimeoutException && !cancellationToken.IsCancellationRequested)
            {
                failures++;
                if (Backoff.ShouldLog(failures))
                {
                    logger.LogWarning("Consumer {Consumer} cannot take its lease (attempt {Attempt}): {Error}", consumer, failures, ex.Message);
                }

                await Backoff.DelayAsync(failures, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30), cancellationToken);
            }
            finally
            {
                if (connection is not null)
                {
                    await connection.DisposeAsync();
                }
            }
        }
    }

    private async Task WatchAsync()
    {
        try
        {
            while (true)
            {
                await Task.Delay(CheckInterval, _stopWatching.Token);
                await using var command = new NpgsqlCommand("SELECT 1", _connection);
                command.CommandTimeout = 10;
                await command.ExecuteScalarAsync(_stopWatching.Token);
            }
        }
        catch (OperationCanceledException) when (_stopWatching.IsCancellationRequested)
        {
        }
        catch (Exception)
        {
            // The session is gone, and the lock with it.
            await _lost.CancelAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopWatching.CancelAsync();
        await _watch;
        // Closing the session releases the lock; a standby replica takes it on its next try.
        await _connection.DisposeAsync();
        _stopWatching.Dispose();
        _lost.Dispose();
    }
}
