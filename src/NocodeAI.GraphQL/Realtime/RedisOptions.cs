using System.ComponentModel.DataAnnotations;

namespace NocodeAI.GraphQL.Realtime;

public sealed class RedisOptions
{
    /// <summary>StackExchange.Redis configuration string, e.g. <c>127.0.0.1:16379,password=...</c>.</summary>
    [Required]
    public string Configuration { get; set; } = "127.0.0.1:16379";

    /// <summary>Prefix of every channel, so environments sharing a Redis do not see each other.</summary>
    [Required]
    public string ChannelPrefix { get; set; } = "nocode";
}
