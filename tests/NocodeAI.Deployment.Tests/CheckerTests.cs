namespace NocodeAI.Deployment.Tests;

/// <summary>
/// The checks fail when they should: each test feeds a small hand-written manifest with one defect
/// into the same check the overlay tests use. The defect-free version passes every check.
/// </summary>
public sealed class CheckerTests
{
    private const string Good = """
        apiVersion: v1
        kind: ServiceAccount
        metadata:
          name: worker
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: worker
        spec:
          strategy:
            type: RollingUpdate
            rollingUpdate:
              maxUnavailable: 0
          selector:
            matchLabels:
              app.kubernetes.io/name: worker
          template:
            metadata:
              labels:
                app.kubernetes.io/name: worker
            spec:
              serviceAccountName: worker
              securityContext:
                runAsNonRoot: true
                seccompProfile:
                  type: RuntimeDefault
              containers:
                - name: worker
                  image: registry.example.com/worker:1.2.3
                  ports:
                    - name: management
                      containerPort: 9090
                  envFrom:
                    - configMapRef:
                        name: worker-config
                  env:
                    - name: Nats__Password
                      valueFrom:
                        secretKeyRef:
                          name: worker-secrets
                          key: Nats__Password
                  startupProbe:
                    httpGet: { path: /health/live, port: management }
                  readinessProbe:
                    httpGet: { path: /health/ready, port: management }
                  livenessProbe:
                    httpGet: { path: /health/live, port: management }
                  resources:
                    requests: { cpu: 100m, memory: 128Mi }
                    limits: { cpu: "1", memory: 256Mi }
                  securityContext:
                    allowPrivilegeEscalation: false
                    readOnlyRootFilesystem: true
                    capabilities:
                      drop: [ALL]
                  volumeMounts:
                    - name: artifacts
                      mountPath: /var/lib/nocode/artifacts
              volumes:
                - name: artifacts
                  persistentVolumeClaim:
                    claimName: model-artifacts
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: worker
          labels:
            app.kubernetes.io/name: worker
        spec:
          selector:
            app.kubernetes.io/name: worker
          ports:
            - name: http-management
              port: 9090
              targetPort: management
        ---
        apiVersion: monitoring.coreos.com/v1
        kind: ServiceMonitor
        metadata:
          name: worker
        spec:
          selector:
            matchLabels:
              app.kubernetes.io/name: worker
          endpoints:
            - port: http-management
        ---
        apiVersion: autoscaling/v2
        kind: HorizontalPodAutoscaler
        metadata:
          name: worker
        spec:
          scaleTargetRef:
            apiVersion: apps/v1
            kind: Deployment
            name: worker
        ---
        apiVersion: policy/v1
        kind: PodDisruptionBudget
        metadata:
          name: worker
        spec:
          maxUnavailable: 1
          selector:
            matchLabels:
              app.kubernetes.io/name: worker
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: worker-config
        data:
          Artifacts__ArtifactDirectory: /var/lib/nocode/artifacts
          Nats__Url: nats://nats:4222
        ---
        apiVersion: v1
        kind: Secret
        metadata:
          name: worker-secrets
        stringData:
          Nats__Password: s3cret-nats-password
        ---
        apiVersion: v1
        kind: PersistentVolumeClaim
        metadata:
          name: model-artifacts
        spec:
          accessModes: [ReadWriteMany]
        """;

    [Fact]
    public void A_manifest_without_defects_passes_every_check()
    {
        var manifests = ManifestSet.Parse(Good);

        Assert.Empty(WorkloadChecks.ProbesDeclared(manifests));
        Assert.Empty(WorkloadChecks.ResourcesDeclared(manifests));
        Assert.Empty(WorkloadChecks.SecurityContextsRestricted(manifests));
        Assert.Empty(WorkloadChecks.ImagesPinned(manifests));
        Assert.Empty(WorkloadChecks.RollingUpdatesKeepCapacity(manifests));
        Assert.Empty(WorkloadChecks.AutoscaledReplicasLeftUnset(manifests));
        Assert.Empty(ReferenceChecks.AutoscalersTargetWorkloads(manifests));
        Assert.Empty(ReferenceChecks.SelectorsSelectPods(manifests));
        Assert.Empty(ReferenceChecks.ServicePortsExist(manifests));
        Assert.Empty(ReferenceChecks.ServiceMonitorsMatchServices(manifests));
        Assert.Empty(ReferenceChecks.ServiceAccountsExist(manifests));
        Assert.Empty(ConfigurationChecks.ReferencesResolve(manifests));
        Assert.Empty(ConfigurationChecks.SecretsStayOutOfConfigMaps(manifests));
        Assert.Empty(PlatformChecks.ArtifactsShared(manifests));
    }

    [Fact]
    public void A_container_without_a_readiness_probe_is_caught()
    {
        var manifests = ManifestSet.Parse(Good.Replace("readinessProbe:", "notAProbe:", StringComparison.Ordinal));

        var violation = Assert.Single(WorkloadChecks.ProbesDeclared(manifests));
        Assert.Equal("Deployment/worker container worker: no readinessProbe", violation);
    }

    [Fact]
    public void A_container_without_limits_is_caught()
    {
        var manifests = ManifestSet.Parse(Good.Replace("limits: { cpu: \"1\", memory: 256Mi }", "limits: {}", StringComparison.Ordinal));

        Assert.Equal(2, WorkloadChecks.ResourcesDeclared(manifests).Count);
    }

    [Fact]
    public void A_pod_allowed_to_run_as_root_is_caught()
    {
        var manifests = ManifestSet.Parse(Good.Replace("runAsNonRoot: true", "runAsNonRoot: false", StringComparison.Ordinal));

        Assert.Contains("Deployment/worker container worker: runAsNonRoot is not true", WorkloadChecks.SecurityContextsRestricted(manifests));
    }

    [Theory]
    [InlineData("registry.example.com/worker:latest")]
    [InlineData("registry.example.com/worker")]
    [InlineData("registry.example.com:5000/worker")]
    [InlineData("registry.example.com/worker:main")]
    public void An_unpinned_image_is_caught(string image)
    {
        var manifests = ManifestSet.Parse(Good.Replace("registry.example.com/worker:1.2.3", image, StringComparison.Ordinal));

        Assert.Single(WorkloadChecks.ImagesPinned(manifests));
    }

    [Theory]
    [InlineData("nats:2.15.2-alpine", true)]
    [InlineData("grafana/alloy:v1.21.2", true)]
    [InlineData("registry.example.com:5000/nocode/models:0.1.0", true)]
    [InlineData("registry.example.com/nocode/models@sha256:0123456789abcdef", true)]
    [InlineData("redis:8", false)]
    [InlineData("redis:alpine", false)]
    [InlineData("redis:latest", false)]
    public void Image_references_count_as_pinned_with_a_release_tag_or_digest(string image, bool pinned) =>
        Assert.Equal(pinned, ImageReference.Parse(image).IsPinned);

    [Fact]
    public void A_rollout_that_may_take_pods_away_first_is_caught()
    {
        var manifests = ManifestSet.Parse(Good.Replace("maxUnavailable: 0", "maxUnavailable: 1", StringComparison.Ordinal));

        Assert.Single(WorkloadChecks.RollingUpdatesKeepCapacity(manifests));
    }

    [Fact]
    public void An_autoscaler_of_a_missing_deployment_is_caught()
    {
        var manifests = ManifestSet.Parse(Good.Replace("    name: worker\n---\napiVersion: policy/v1", "    name: wroker\n---\napiVersion: policy/v1", StringComparison.Ordinal));

        Assert.Equal(["HorizontalPodAutoscaler/worker: scales Deployment/wroker, which does not exist"], ReferenceChecks.AutoscalersTargetWorkloads(manifests));
    }

    [Fact]
    public void A_selector_that_selects_no_pod_is_caught()
    {
        var manifests = ManifestSet.Parse(Good + """

            ---
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata:
              name: orphan
            spec:
              selector:
                matchLabels:
                  app.kubernetes.io/name: nothing-has-this
            """);

        Assert.Equal(["PodDisruptionBudget/orphan: selector matches no pod of any workload"], ReferenceChecks.SelectorsSelectPods(manifests));
    }

    [Fact]
    public void A_service_monitor_scraping_a_port_the_service_lacks_is_caught()
    {
        var manifests = ManifestSet.Parse(Good.Replace("    - port: http-management", "    - port: metrics", StringComparison.Ordinal));

        Assert.Single(ReferenceChecks.ServiceMonitorsMatchServices(manifests));
    }

    [Fact]
    public void A_reference_to_a_missing_secret_key_or_config_map_is_caught()
    {
        var manifests = ManifestSet.Parse(Good
            .Replace("key: Nats__Password", "key: Nats__Passwort", StringComparison.Ordinal)
            .Replace("kind: ConfigMap\nmetadata:\n  name: worker-config", "kind: ConfigMap\nmetadata:\n  name: worker-konfig", StringComparison.Ordinal));

        var violations = ConfigurationChecks.ReferencesResolve(manifests);

        Assert.Contains(violations, v => v.Contains("has no key 'Nats__Passwort'", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.Contains("ConfigMap 'worker-config' does not exist", StringComparison.Ordinal));
    }

    [Fact]
    public void A_secret_value_copied_into_a_config_map_is_caught()
    {
        var manifests = ManifestSet.Parse(Good.Replace("  Nats__Url: nats://nats:4222", "  Nats__Url: nats://worker:s3cret-nats-password@nats:4222", StringComparison.Ordinal));

        var violation = Assert.Single(ConfigurationChecks.SecretsStayOutOfConfigMaps(manifests));
        Assert.Contains("contains the value of Secret/worker-secrets key Nats__Password", violation, StringComparison.Ordinal);
    }

    [Fact]
    public void A_password_setting_in_a_config_map_is_caught()
    {
        var manifests = ManifestSet.Parse(Good.Replace("  Nats__Url: nats://nats:4222", "  Nats__Password: changeme", StringComparison.Ordinal));

        Assert.Single(ConfigurationChecks.SecretsStayOutOfConfigMaps(manifests));
    }

    [Fact]
    public void An_artifacts_volume_that_only_one_node_can_mount_is_caught()
    {
        var manifests = ManifestSet.Parse(Good.Replace("accessModes: [ReadWriteMany]", "accessModes: [ReadWriteOnce]", StringComparison.Ordinal));

        Assert.Single(PlatformChecks.ArtifactsShared(manifests));
    }

    [Fact]
    public void Artifacts_mounted_elsewhere_than_the_configured_directory_are_caught()
    {
        var manifests = ManifestSet.Parse(Good.Replace("mountPath: /var/lib/nocode/artifacts", "mountPath: /artifacts", StringComparison.Ordinal));

        Assert.Single(PlatformChecks.ArtifactsShared(manifests));
    }

    [Fact]
    public void Nats_without_an_fsync_on_every_write_is_caught()
    {
        const string Nats = """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata:
              name: nats
            spec:
              replicas: 3
              template:
                spec:
                  containers:
                    - name: nats
                      image: nats:2.15.2-alpine
                  volumes:
                    - name: config
                      configMap:
                        name: nats-config
              volumeClaimTemplates:
                - metadata:
                    name: data
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: nats-config
            data:
              nats.conf: |
                jetstream {
                  store_dir: /data/jetstream
                  sync_interval: 2m
                }
                cluster {
                  routes: [
                    nats://nats-0.nats-headless:6222
                    nats://nats-1.nats-headless:6222
                    nats://nats-2.nats-headless:6222
                  ]
                }
            """;

        Assert.Empty(PlatformChecks.NatsDurable(ManifestSet.Parse(Nats.Replace("sync_interval: 2m", "sync_interval: always", StringComparison.Ordinal))));
        var violation = Assert.Single(PlatformChecks.NatsDurable(ManifestSet.Parse(Nats)));
        Assert.Contains("sync_interval: always", violation, StringComparison.Ordinal);
        Assert.Single(PlatformChecks.NatsDurable(ManifestSet.Parse(Nats.Replace("replicas: 3", "replicas: 1", StringComparison.Ordinal)
            .Replace("sync_interval: 2m", "sync_interval: always", StringComparison.Ordinal))));
    }

    [Fact]
    public void Rendering_without_kubectl_says_so_clearly()
    {
        var error = Assert.Throws<InvalidOperationException>(() => Kustomize.Render(Repository.PathOf("k8s", "overlays", "dev"), kubectl: null));

        Assert.StartsWith("kubectl was not found", error.Message, StringComparison.Ordinal);
    }
}
