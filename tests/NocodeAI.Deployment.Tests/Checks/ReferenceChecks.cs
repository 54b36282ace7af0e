namespace NocodeAI.Deployment.Tests.Checks;

/// <summary>Everything that points at something else points at something that exists.</summary>
public static class ReferenceChecks
{
    /// <summary>Every HorizontalPodAutoscaler and KEDA ScaledObject scales an existing workload.</summary>
    public static IReadOnlyList<string> AutoscalersTargetWorkloads(ManifestSet manifests) =>
        manifests.OfKind("HorizontalPodAutoscaler").Concat(manifests.OfKind("ScaledObject"))
            .Select(s => (s, kind: s.Spec.StringAt("scaleTargetRef", "kind") ?? "Deployment", name: s.Spec.StringAt("scaleTargetRef", "name")))
            .Where(x => x.name is null || manifests.FindWorkload(x.kind, x.name) is null)
            .Select(x => $"{x.s.Id}: scales {x.kind}/{x.name ?? "(none)"}, which does not exist")
            .ToList();

    /// <summary>Selectors of Services, PodDisruptionBudgets, NetworkPolicies, Istio policies and PodMonitors select some pods.</summary>
    public static IReadOnlyList<string> SelectorsSelectPods(ManifestSet manifests)
    {
        var selectors = manifests.OfKind("Service").Where(s => s.Spec.At("selector") is not null)
                .Select(s => (s, selector: s.Spec.At("selector"), what: "selector"))
            .Concat(manifests.OfKind("PodDisruptionBudget").Select(p => (s: p, selector: p.Spec.At("selector"), what: "selector")))
            .Concat(manifests.OfKind("PodMonitor").Select(p => (s: p, selector: p.Spec.At("selector"), what: "selector")))
            .Concat(manifests.OfKind("PeerAuthentication").Concat(manifests.OfKind("AuthorizationPolicy"))
                .Where(p => p.Spec.At("selector") is not null)
                .Select(p => (s: p, selector: p.Spec.At("selector"), what: "selector")))
            .Concat(manifests.OfKind("NetworkPolicy").SelectMany(NetworkPolicySelectors));

        return selectors
            .Where(x => !LabelSelector.IsEmpty(x.selector) && !manifests.WorkloadsSelectedBy(x.selector).Any())
            .Select(x => $"{x.s.Id}: {x.what} matches no pod of any workload")
            .ToList();
    }

    /// <summary>A Service's named target ports exist on the pods it selects.</summary>
    public static IReadOnlyList<string> ServicePortsExist(ManifestSet manifests)
    {
        var violations = new List<string>();
        foreach (var service in manifests.OfKind("Service"))
        {
            var pods = manifests.WorkloadsSelectedBy(service.Spec.At("selector")).Where(w => w.PodSpec is not null).ToList();
            foreach (var port in service.Spec.MapsAt("ports"))
            {
                var target = port.StringAt("targetPort");
                if (target is not null && !int.TryParse(target, out _) && pods.Any(w => !w.PortNames.Contains(target)))
                {
                    violations.Add($"{service.Id}: targetPort '{target}' is not a container port of {string.Join(", ", pods.Where(w => !w.PortNames.Contains(target)))}");
                }
            }
        }

        return violations;
    }

    /// <summary>Every ServiceMonitor selects Services, and the port it scrapes is one of theirs.</summary>
    public static IReadOnlyList<string> ServiceMonitorsMatchServices(ManifestSet manifests)
    {
        var violations = new List<string>();
        foreach (var monitor in manifests.OfKind("ServiceMonitor"))
        {
            var services = manifests.OfKind("Service").Where(s => LabelSelector.Matches(monitor.Spec.At("selector"), s.Labels)).ToList();
            if (services.Count == 0)
            {
                violations.Add($"{monitor.Id}: selects no Service");
                continue;
            }

            foreach (var port in monitor.Spec.MapsAt("endpoints").Select(e => e.StringAt("port")).OfType<string>())
            {
                violations.AddRange(services
                    .Where(s => !s.Spec.MapsAt("ports").Any(p => p.StringAt("name") == port))
                    .Select(s => $"{monitor.Id}: scrapes port '{port}', which {s.Id} does not have"));
            }
        }

        return violations;
    }

    /// <summary>DestinationRules and VirtualServices name existing Services and ports.</summary>
    public static IReadOnlyList<string> MeshHostsExist(ManifestSet manifests)
    {
        var violations = new List<string>();
        foreach (var rule in manifests.OfKind("DestinationRule"))
        {
            var host = rule.Spec.StringAt("host") ?? string.Empty;
            if (manifests.ServiceForHost(host) is null)
            {
                violations.Add($"{rule.Id}: host '{host}' is no Service here");
            }
        }

        foreach (var virtualService in manifests.OfKind("VirtualService"))
        {
            var routes = virtualService.Spec.MapsAt("http").Concat(virtualService.Spec.MapsAt("tcp")).Concat(virtualService.Spec.MapsAt("tls"))
                .SelectMany(r => r.MapsAt("route"));
            foreach (var destination in routes.Select(r => r.MapAt("destination")))
            {
                var host = destination.StringAt("host") ?? string.Empty;
                var service = manifests.ServiceForHost(host);
                var port = destination.StringAt("port", "number");
                if (service is null)
                {
                    violations.Add($"{virtualService.Id}: routes to '{host}', which is no Service here");
                }
                else if (port is not null && !service.Spec.MapsAt("ports").Any(p => p.StringAt("port") == port))
                {
                    violations.Add($"{virtualService.Id}: routes to {service.Id} port {port}, which it does not expose");
                }
            }
        }

        return violations;
    }

    /// <summary>Pods run as ServiceAccounts that exist, and AuthorizationPolicies name existing ones.</summary>
    public static IReadOnlyList<string> ServiceAccountsExist(ManifestSet manifests)
    {
        var accounts = manifests.OfKind("ServiceAccount").Select(a => a.Name).ToHashSet(StringComparer.Ordinal);
        var namespaces = manifests.OfKind("Namespace").Select(n => n.Name).ToHashSet(StringComparer.Ordinal);
        var violations = manifests.Workloads
            .Select(w => (w, account: w.PodSpec.StringAt("serviceAccountName")))
            .Where(x => x.account is not null && !accounts.Contains(x.account))
            .Select(x => $"{x.w}: runs as ServiceAccount '{x.account}', which does not exist")
            .ToList();

        foreach (var policy in manifests.OfKind("AuthorizationPolicy"))
        {
            var principals = policy.Spec.MapsAt("rules").SelectMany(r => r.MapsAt("from")).SelectMany(f => f.ListAt("source", "principals")).OfType<string>();
            foreach (var principal in principals)
            {
                // cluster.local/ns/<namespace>/sa/<account>: only this namespace's accounts can be checked here.
                var parts = principal.Split('/');
                if (parts is [_, "ns", var ns, "sa", var account] && namespaces.Contains(ns) && !accounts.Contains(account))
                {
                    violations.Add($"{policy.Id}: allows '{principal}', a ServiceAccount that does not exist");
                }
            }
        }

        return violations;
    }

    private static IEnumerable<(Resource s, object? selector, string what)> NetworkPolicySelectors(Resource policy)
    {
        yield return (policy, policy.Spec.At("podSelector"), "podSelector");
        var peers = policy.Spec.MapsAt("ingress").SelectMany(i => i.MapsAt("from"))
            .Concat(policy.Spec.MapsAt("egress").SelectMany(e => e.MapsAt("to")));
        foreach (var peer in peers.Where(p => p.At("namespaceSelector") is null && p.At("podSelector") is not null))
        {
            yield return (policy, peer.At("podSelector"), "peer podSelector");
        }
    }
}
