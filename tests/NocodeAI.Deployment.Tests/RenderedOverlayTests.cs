namespace NocodeAI.Deployment.Tests;

/// <summary>The invariants of issue 6 over what `kubectl kustomize` renders for each overlay.</summary>
public sealed class RenderedOverlayTests
{
    public static TheoryData<string> Overlays => new() { "dev", "prod" };

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Overlay_renders_the_whole_platform(string overlay)
    {
        var manifests = Kustomize.Overlay(overlay);

        var expected = new[]
        {
            "Deployment/gateway", "Deployment/access", "Deployment/models", "Deployment/targets", "Deployment/notices",
            "Deployment/training", "Deployment/extraction", "Deployment/web", "StatefulSet/nats", "StatefulSet/redis",
            "Cluster/nocode-pg", "PersistentVolumeClaim/model-artifacts", "PeerAuthentication/default", "PrometheusRule/nocode",
            "StatefulSet/loki", "DaemonSet/alloy", "NetworkPolicy/default-deny",
        };
        Assert.Empty(expected.Except(manifests.Resources.Select(r => r.Id)));
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_long_running_container_has_startup_readiness_and_liveness_probes(string overlay) =>
        AssertNone(WorkloadChecks.ProbesDeclared(Kustomize.Overlay(overlay)));

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_container_requests_and_limits_cpu_and_memory(string overlay) =>
        AssertNone(WorkloadChecks.ResourcesDeclared(Kustomize.Overlay(overlay)));

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_container_runs_as_non_root_with_a_read_only_root_and_no_capabilities(string overlay) =>
        AssertNone(WorkloadChecks.SecurityContextsRestricted(Kustomize.Overlay(overlay)));

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_image_is_pinned_to_a_release_tag_or_digest(string overlay) =>
        AssertNone(WorkloadChecks.ImagesPinned(Kustomize.Overlay(overlay)));

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_deployment_rolls_out_without_losing_capacity(string overlay) =>
        AssertNone(WorkloadChecks.RollingUpdatesKeepCapacity(Kustomize.Overlay(overlay)));

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Autoscaled_deployments_leave_the_replica_count_to_the_autoscaler(string overlay) =>
        AssertNone(WorkloadChecks.AutoscaledReplicasLeftUnset(Kustomize.Overlay(overlay)));

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_autoscaler_and_scaled_object_targets_an_existing_workload(string overlay) =>
        AssertNone(ReferenceChecks.AutoscalersTargetWorkloads(Kustomize.Overlay(overlay)));

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_selector_of_services_budgets_and_policies_selects_pods(string overlay) =>
        AssertNone(ReferenceChecks.SelectorsSelectPods(Kustomize.Overlay(overlay)));

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_service_port_targets_a_container_port(string overlay) =>
        AssertNone(ReferenceChecks.ServicePortsExist(Kustomize.Overlay(overlay)));

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_service_monitor_scrapes_a_port_of_an_existing_service(string overlay) =>
        AssertNone(ReferenceChecks.ServiceMonitorsMatchServices(Kustomize.Overlay(overlay)));

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_destination_rule_and_virtual_service_names_an_existing_service(string overlay) =>
        AssertNone(ReferenceChecks.MeshHostsExist(Kustomize.Overlay(overlay)));

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_service_account_in_use_or_in_a_policy_exists(string overlay) =>
        AssertNone(ReferenceChecks.ServiceAccountsExist(Kustomize.Overlay(overlay)));

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_referenced_config_map_and_secret_key_exists(string overlay) =>
        AssertNone(ConfigurationChecks.ReferencesResolve(Kustomize.Overlay(overlay)));

    [Theory]
    [MemberData(nameof(Overlays))]
    public void No_secret_value_appears_in_a_config_map(string overlay) =>
        AssertNone(ConfigurationChecks.SecretsStayOutOfConfigMaps(Kustomize.Overlay(overlay)));

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Model_artifacts_are_one_read_write_many_volume_mounted_where_the_workers_look(string overlay) =>
        AssertNone(PlatformChecks.ArtifactsShared(Kustomize.Overlay(overlay)));

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Nats_runs_three_servers_that_fsync_every_acknowledged_write(string overlay) =>
        AssertNone(PlatformChecks.NatsDurable(Kustomize.Overlay(overlay)));

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Streams_never_ask_for_more_replicas_than_there_are_nats_servers(string overlay)
    {
        var replicas = PlatformChecks.StreamReplicas(Kustomize.Overlay(overlay));

        var value = Assert.Single(replicas);
        Assert.InRange(int.Parse(value, System.Globalization.CultureInfo.InvariantCulture), 1, PlatformChecks.NatsServers);
    }

    [Fact]
    public void Production_streams_are_replicated_on_all_three_servers()
    {
        var replicas = PlatformChecks.StreamReplicas(Kustomize.Overlay("prod"));

        Assert.Equal(["3"], replicas);
    }

    [Fact]
    public void Production_secrets_all_come_from_the_external_secret_store()
    {
        var manifests = Kustomize.Overlay("prod");

        Assert.Empty(manifests.OfKind("Secret"));
        Assert.NotEmpty(manifests.OfKind("ExternalSecret"));
    }

    [Fact]
    public void Production_runs_the_services_in_the_production_environment()
    {
        var manifests = Kustomize.Overlay("prod");

        var environments = manifests.ConfigMaps.Values.Select(d => d.GetValueOrDefault("ASPNETCORE_ENVIRONMENT")).OfType<string>().Distinct().ToList();
        Assert.Equal(["Production"], environments);
    }

    [Theory]
    [MemberData(nameof(Overlays))]
    public void Every_job_consumer_in_the_source_has_a_keda_trigger(string overlay)
    {
        var inSource = JobConsumers.InSource(Repository.PathOf("src"));
        var scaled = JobConsumers.ScaledOn(Kustomize.Overlay(overlay));

        Assert.NotEmpty(inSource);
        Assert.Empty(inSource.Except(scaled));
    }

    private static void AssertNone(IReadOnlyList<string> violations) =>
        Assert.True(violations.Count == 0, $"{violations.Count} violation(s):\n  " + string.Join("\n  ", violations));
}
