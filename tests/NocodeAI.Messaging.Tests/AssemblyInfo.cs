// The infrastructure tests measure backoff gaps and ack-wait expiry; on a 2-core machine running them
// side by side would make those timings meaningless.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
