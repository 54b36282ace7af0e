using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NocodeAI.ServiceDefaults.Database;

namespace NocodeAI.ServiceDefaults.Sagas;

public static class SagaAggregateMapping
{
    /// <summary>
    /// Maps what <see cref="SagaAggregate{TState}"/> holds to the columns every saga table has: state (by name),
    /// history (jsonb), progress_version, created_at, updated_at and version, the concurrency token a
    /// concurrent writer loses on with CONFLICT.
    /// </summary>
    public static EntityTypeBuilder<TAggregate> MapSagaAggregate<TAggregate, TState>(this EntityTypeBuilder<TAggregate> builder)
        where TAggregate : SagaAggregate<TState>
        where TState : struct, Enum
    {
        builder.Property(x => x.State).HasColumnName("state").HasConversion<string>().HasMaxLength(16).IsRequired();
        builder.Property<List<HistoryEntry<TState>>>(SagaAggregate<TState>.HistoryField).HasColumnName("history").HasJsonConversion().IsRequired();
        builder.Ignore(x => x.History);
        builder.Property(x => x.ProgressVersion).HasColumnName("progress_version");
        builder.Property(x => x.CreatedAt).HasColumnName("created_at");
        builder.Property(x => x.UpdatedAt).HasColumnName("updated_at");
        builder.Property(x => x.Version).HasColumnName("version").IsConcurrencyToken();
        return builder;
    }
}
