using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace NocodeAI.Messaging;

public static class MessagingModelBuilderExtensions
{
    /// <summary>
    /// Maps <c>outbox_messages</c> and <c>inbox_messages</c> into the service's own DbContext, so they
    /// are part of its migrations and commit with its state. Column names are fixed here because the
    /// relay and the consumers address them in SQL.
    /// </summary>
    public static ModelBuilder AddMessagingTables(this ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.Entity<OutboxMessage>(b =>
        {
            b.ToTable("outbox_messages");
            b.HasKey(m => m.Id);
            b.Property(m => m.Id).HasColumnName("id").ValueGeneratedNever();
            b.Property(m => m.Subject).HasColumnName("subject").HasMaxLength(255).IsRequired();
            b.Property(m => m.Type).HasColumnName("type").HasMaxLength(200).IsRequired();
            b.Property(m => m.Envelope).HasColumnName("envelope").HasColumnType("jsonb").IsRequired();
            b.Property(m => m.CreatedAt).HasColumnName("created_at");
            b.Property(m => m.PublishedAt).HasColumnName("published_at");
            b.Property(m => m.Attempts).HasColumnName("attempts");
            b.Property(m => m.LastError).HasColumnName("last_error").HasMaxLength(2000);
            // The relay only ever reads unpublished rows in creation order; keep that cheap as the table grows.
            b.HasIndex(m => new { m.CreatedAt, m.Id }).HasFilter("published_at IS NULL").HasDatabaseName("ix_outbox_messages_unpublished");
        });
        modelBuilder.Entity<InboxMessage>(b =>
        {
            b.ToTable("inbox_messages");
            b.HasKey(m => new { m.Consumer, m.EventId });
            b.Property(m => m.Consumer).HasColumnName("consumer").HasMaxLength(200);
            b.Property(m => m.EventId).HasColumnName("event_id");
            b.Property(m => m.HandledAt).HasColumnName("handled_at");
        });
        return modelBuilder;
    }
}

/// <summary>Schema-qualified, quoted names of the messaging tables in one DbContext (which may use a default schema).</summary>
internal sealed record MessagingTables(string Outbox, string Inbox)
{
    // Keyed by model, not context type: EF builds one model per cache key, and the names live in the model.
    private static readonly ConditionalWeakTable<IModel, MessagingTables> Cache = [];

    public static MessagingTables Of(DbContext db) =>
        Cache.GetValue(db.Model, model => new MessagingTables(QualifiedName<OutboxMessage>(db, model), QualifiedName<InboxMessage>(db, model)));

    private static string QualifiedName<T>(DbContext db, IModel model)
    {
        var entity = model.FindEntityType(typeof(T))
            ?? throw new InvalidOperationException($"{db.GetType().Name} does not map {typeof(T).Name}; call modelBuilder.AddMessagingTables() in OnModelCreating.");
        var table = entity.GetTableName()!;
        var schema = entity.GetSchema();
        return schema is null ? Quote(table) : $"{Quote(schema)}.{Quote(table)}";
    }

    private static string Quote(string identifier) => $"\"{identifier.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
}
