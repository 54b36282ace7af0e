// Each test owns a redis-server and one of them kills it; 2,000 messages in a burst also want the
// machine to themselves to show how the client hands them over, not how busy the other tests are.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
