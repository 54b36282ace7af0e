namespace NocodeAI.Deployment.Tests.Checks;

/// <summary>ConfigMaps and Secrets: every reference resolves, and secrets stay in Secrets.</summary>
public static class ConfigurationChecks
{
    /// <summary>Shorter values ("access", "nocode") are names that legitimately appear in both.</summary>
    private const int MinimumSecretLength = 8;

    /// <summary>Every configMapKeyRef, secretKeyRef, envFrom and volume names an existing ConfigMap or Secret with the key it reads.</summary>
    public static IReadOnlyList<string> ReferencesResolve(ManifestSet manifests)
    {
        var configMaps = manifests.ConfigMaps;
        var secrets = manifests.Secrets;
        var violations = new List<string>();

        void ConfigMap(string where, string? name, string? key, bool optional)
        {
            if (optional)
            {
                return;
            }

            if (name is null || !configMaps.TryGetValue(name, out var data))
            {
                violations.Add($"{where}: ConfigMap '{name}' does not exist");
            }
            else if (key is not null && !data.ContainsKey(key))
            {
                violations.Add($"{where}: ConfigMap '{name}' has no key '{key}'");
            }
        }

        void Secret(string where, string? name, string? key, bool optional)
        {
            if (optional)
            {
                return;
            }

            if (name is null || !secrets.TryGetValue(name, out var keys))
            {
                violations.Add($"{where}: Secret '{name}' does not exist (neither rendered nor created by an ExternalSecret)");
            }
            else if (key is not null && !keys.Has(key))
            {
                violations.Add($"{where}: Secret '{name}' ({keys.Source}) has no key '{key}'");
            }
        }

        foreach (var workload in manifests.Workloads.Where(w => w.PodSpec is not null))
        {
            foreach (var container in workload.Containers)
            {
                foreach (var env in container.Body.MapsAt("env"))
                {
                    var where = $"{container.Id} env {env.StringAt("name")}";
                    if (env.At("valueFrom", "configMapKeyRef") is { } cm)
                    {
                        ConfigMap(where, cm.StringAt("name"), cm.StringAt("key"), cm.StringAt("optional") == "true");
                    }

                    if (env.At("valueFrom", "secretKeyRef") is { } secret)
                    {
                        Secret(where, secret.StringAt("name"), secret.StringAt("key"), secret.StringAt("optional") == "true");
                    }
                }

                foreach (var source in container.Body.MapsAt("envFrom"))
                {
                    if (source.At("configMapRef") is { } cm)
                    {
                        ConfigMap($"{container.Id} envFrom", cm.StringAt("name"), null, cm.StringAt("optional") == "true");
                    }

                    if (source.At("secretRef") is { } secret)
                    {
                        Secret($"{container.Id} envFrom", secret.StringAt("name"), null, secret.StringAt("optional") == "true");
                    }
                }
            }

            foreach (var volume in workload.PodSpec.MapsAt("volumes"))
            {
                var where = $"{workload} volume {volume.StringAt("name")}";
                if (volume.At("configMap") is { } cm)
                {
                    var items = cm.MapsAt("items").Select(i => i.StringAt("key")).ToList();
                    ConfigMap(where, cm.StringAt("name"), null, cm.StringAt("optional") == "true");
                    items.ForEach(key => ConfigMap(where, cm.StringAt("name"), key, cm.StringAt("optional") == "true"));
                }

                if (volume.At("secret") is { } secret)
                {
                    var items = secret.MapsAt("items").Select(i => i.StringAt("key")).ToList();
                    Secret(where, secret.StringAt("secretName"), null, secret.StringAt("optional") == "true");
                    items.ForEach(key => Secret(where, secret.StringAt("secretName"), key, secret.StringAt("optional") == "true"));
                }
            }
        }

        // CloudNativePG reads the login roles' passwords from basic-auth Secrets.
        foreach (var cluster in manifests.OfKind("Cluster").Where(c => c.ApiVersion.StartsWith("postgresql.cnpg.io/", StringComparison.Ordinal)))
        {
            var roleSecrets = cluster.Spec.MapsAt("managed", "roles").Select(r => r.StringAt("passwordSecret", "name"))
                .Append(cluster.Spec.StringAt("bootstrap", "initdb", "secret", "name"))
                .OfType<string>();
            foreach (var name in roleSecrets)
            {
                Secret($"{cluster.Id} role", name, "username", optional: false);
                Secret($"{cluster.Id} role", name, "password", optional: false);
            }
        }

        return violations;
    }

    /// <summary>No value of a Secret appears in any ConfigMap, and no ConfigMap key looks like a secret.</summary>
    public static IReadOnlyList<string> SecretsStayOutOfConfigMaps(ManifestSet manifests)
    {
        var violations = new List<string>();
        var configMaps = manifests.ConfigMaps;
        foreach (var (secret, key, value) in manifests.SecretValues().Where(s => s.Value.Trim().Length >= MinimumSecretLength))
        {
            foreach (var (name, data) in configMaps)
            {
                violations.AddRange(data.Where(entry => entry.Value.Contains(value.Trim(), StringComparison.Ordinal))
                    .Select(entry => $"ConfigMap/{name} key {entry.Key} contains the value of {secret.Id} key {key}"));
            }
        }

        foreach (var (name, data) in configMaps)
        {
            violations.AddRange(data.Keys
                .Where(LooksSecret)
                .Select(k => $"ConfigMap/{name} key {k} looks like a secret; it belongs in a Secret"));
            violations.AddRange(data.Where(entry => entry.Value.Contains("Password=", StringComparison.OrdinalIgnoreCase)
                    || entry.Value.Contains("PRIVATE KEY", StringComparison.Ordinal))
                .Select(entry => $"ConfigMap/{name} key {entry.Key} holds a password or private key"));
        }

        return violations;
    }

    /// <summary>The setting's own name (after the last section separator) names a secret: Nats__Password, SwingChat__Token.</summary>
    private static bool LooksSecret(string key)
    {
        var name = key[(key.LastIndexOf("__", StringComparison.Ordinal) + 1)..];
        return name.Contains("Password", StringComparison.OrdinalIgnoreCase) || name.Contains("Token", StringComparison.OrdinalIgnoreCase)
            || name.Contains("Secret", StringComparison.OrdinalIgnoreCase) || name.Contains("PrivateKey", StringComparison.OrdinalIgnoreCase);
    }
}
