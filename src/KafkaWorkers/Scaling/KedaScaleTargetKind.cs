namespace KafkaWorkers;

/// <summary>The kind of workload a KEDA <c>ScaledObject</c> scales (<c>spec.scaleTargetRef.kind</c>).</summary>
public enum KedaScaleTargetKind
{
    /// <summary>An <c>apps/v1</c> <c>Deployment</c>. KEDA's default.</summary>
    Deployment = 0,

    /// <summary>An <c>apps/v1</c> <c>StatefulSet</c>.</summary>
    StatefulSet = 1,
}
