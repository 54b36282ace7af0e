using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NocodeAI.Access.Users;

namespace NocodeAI.Access.Infrastructure.EntityConfigurations;

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        // Usernames are normalised before they are stored; the check keeps a stray writer from
        // storing "Alice" beside "alice" and breaking case-insensitive uniqueness.
        builder.ToTable("users", table => table.HasCheckConstraint("ck_users_username_lower_case", "username = lower(username)"));
        builder.HasKey(x => x.Id);
        builder.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
        builder.Property(x => x.Username).HasColumnName("username").HasMaxLength(UserValidator.MaxUsernameLength).IsRequired();
        builder.Property(x => x.DisplayName).HasColumnName("display_name").HasMaxLength(UserValidator.MaxDisplayNameLength).IsRequired();
        builder.Property(x => x.PasswordHash).HasColumnName("password_hash").HasMaxLength(256).IsRequired();
        // A text[] of role names: readable in psql and queryable with = ANY(roles).
        builder.PrimitiveCollection(x => x.Roles).HasColumnName("roles").IsRequired()
            .ElementType(role => role.HasConversion<string>().HasMaxLength(16));
        builder.Property(x => x.MessengerId).HasColumnName("messenger_id").HasMaxLength(UserValidator.MaxMessengerIdLength);
        builder.Property(x => x.Disabled).HasColumnName("disabled");
        builder.Property(x => x.DisabledAt).HasColumnName("disabled_at");
        builder.Property(x => x.CreatedAt).HasColumnName("created_at");
        builder.Property(x => x.UpdatedAt).HasColumnName("updated_at");
        builder.Property(x => x.Version).HasColumnName("version").IsConcurrencyToken();

        builder.HasIndex(x => x.Username).IsUnique().HasDatabaseName("ux_users_username");
    }
}
