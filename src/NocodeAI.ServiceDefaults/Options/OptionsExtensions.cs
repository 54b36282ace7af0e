using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace NocodeAI.ServiceDefaults.Options;

public static class OptionsExtensions
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> from the configuration section named after the type
    /// (<c>nameof(TOptions)</c> without an "Options" suffix) and validates it when the host starts,
    /// so a misconfigured service fails at once instead of at its first request.
    /// </summary>
    public static OptionsBuilder<TOptions> AddValidatedOptions<TOptions>(this IServiceCollection services, string? section = null)
        where TOptions : class
    {
        section ??= SectionName<TOptions>();
        return services.AddOptions<TOptions>()
            .BindConfiguration(section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
    }

    public static TOptions GetOptions<TOptions>(this IConfiguration configuration, string? section = null)
        where TOptions : class, new() =>
        configuration.GetSection(section ?? SectionName<TOptions>()).Get<TOptions>() ?? new TOptions();

    public static string SectionName<TOptions>()
    {
        var name = typeof(TOptions).Name;
        return name.EndsWith("Options", StringComparison.Ordinal) ? name[..^"Options".Length] : name;
    }
}
