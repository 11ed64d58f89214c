// Integration tests run one at a time: they share the machine's cores with real consumer groups whose rebalances
// and shutdowns are timed, and many of them start several hosts or processes.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
